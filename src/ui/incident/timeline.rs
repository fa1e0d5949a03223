//! The incident timeline: entries in order with their details, filters by kind,
//! tag and visibility, local or UTC times, a search that brings each match into
//! view, and below it the composer that adds notes (`super::composer`). The list is windowed
//! (`common::window`): only the entries near its viewport are drawn, so the
//! search is the way to find text (the browser's find-in-page sees only those).
//!
//! Entries appear only once the store has acknowledged them; user text is always
//! rendered as text.

use super::composer::Composer;
use super::search::{Search, SearchBar};
use super::state::IncidentState;
use crate::domain::{EntryId, EntryKind, Tag, Timeline, TimelineEntry, Visibility};
use crate::ui::common::context::AppContext;
use crate::ui::common::task::effect;
use crate::ui::common::time;
use crate::ui::common::window::{WindowHandle, WindowedList};
use crate::ui::common::words::{author_name, entry_text};
use crate::ui::i18n::fill;
use crate::ui::sync::EntryAccount;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

const KINDS: [EntryKind; 9] = [
    EntryKind::Note,
    EntryKind::StatusChange,
    EntryKind::SeverityChange,
    EntryKind::RoleChange,
    EntryKind::StepDone,
    EntryKind::StatusUpdate,
    EntryKind::Escalation,
    EntryKind::Milestone,
    EntryKind::Decision,
];

fn kind_key(kind: EntryKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// What the timeline filter lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Filter {
    kind: Option<EntryKind>,
    tag: Option<Tag>,
    visibility: Option<Visibility>,
}

impl Filter {
    fn admits(&self, entry: &TimelineEntry) -> bool {
        self.kind.is_none_or(|k| entry.kind() == k)
            && self.tag.is_none_or(|t| entry.tag() == Some(t))
            && self.visibility.is_none_or(|v| entry.visibility() == v)
    }
}

/// The timeline in order, with filters, the local/UTC switch, the search and
/// the composer. Only the entries in and near the list's viewport are drawn
/// ([`WindowedList`]); an entry's address (`#<entry id>`) brings it into view.
#[component]
pub fn TimelineSection(incident: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let (state, timeline) = (incident, incident.timeline);
    let utc = RwSignal::new(false);
    let filter = RwSignal::new(Filter::default());
    let text = move || context.text();
    // The places in the timeline of the entries the filter lets through.
    let admitted = Memo::new(move |_| {
        let filter = filter.get();
        timeline.with(|t| {
            t.entries().iter().enumerate().filter(|(_, e)| filter.admits(e)).map(|(i, _)| i).collect::<Vec<_>>()
        })
    });
    let keys = Memo::new(move |_| {
        timeline.with(|t| admitted.with(|a| a.iter().map(|i| t.entries()[*i].id().to_string()).collect::<Vec<_>>()))
    });
    let counts = move || (admitted.with(Vec::len), timeline.with(Timeline::len));
    let handle = WindowHandle::default();
    let search = Search::new(timeline, admitted, handle);
    // The entry whose address the page has, once it is on the timeline.
    let location = use_location();
    let jumped = StoredValue::new(String::new());
    effect(move |_| {
        let hash = location.hash.get();
        let wanted = hash.trim_start_matches('#').to_owned();
        if wanted.is_empty() || jumped.with_value(|j| *j == wanted) {
            return;
        }
        if let Some(at) = keys.with(|k| k.iter().position(|key| *key == wanted)) {
            jumped.set_value(wanted);
            handle.reveal(at, true);
        }
    });
    let find = move |key: &str| {
        let id = key.parse::<EntryId>().ok()?;
        timeline.with_untracked(|t| t.entries().iter().find(|e| e.id() == id).cloned())
    };
    let row = Callback::new(move |key: String| match find(&key) {
        Some(entry) => view! { <TimelineItem entry utc current=search.current /> }.into_any(),
        None => ().into_any(),
    });
    let item_class = Callback::new(move |key: String| {
        let mut class = String::from("timeline__entry");
        if let Some(entry) = find(&key) {
            if entry.change().is_some() {
                class.push_str(" timeline__entry--system");
            }
            if entry.visibility() == Visibility::CustomerSafe {
                class.push_str(" timeline__entry--public");
            }
        }
        class
    });
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <div class="timeline__bar">
                <h2 id="timeline-heading">{move || text().timeline_title}</h2>
                <p class="timeline__count" role="status">
                    {move || {
                        let (shown, total) = counts();
                        let template = if total == 1 { text().filter_count_one } else { text().filter_count };
                        fill(template, &[("shown", &shown.to_string()), ("total", &total.to_string())])
                    }}
                    {move || (!state.loaded.get()).then(|| format!(" {}", text().cockpit.timeline_loading))}
                </p>
                <details class="timeline__filter">
                    <summary>{move || text().cockpit.filter_summary}</summary>
                    <fieldset class="timeline__filters">
                        <legend>{move || text().filter_title}</legend>
                        <div class="field field--inline">
                            <label for="filter-kind">{move || text().filter_kind}</label>
                            <select
                                id="filter-kind"
                                on:change=move |ev| {
                                    let key = event_target_value(&ev);
                                    filter.update(|f| f.kind = KINDS.into_iter().find(|k| kind_key(*k) == key));
                                }
                            >
                                <option value="">{move || text().filter_any}</option>
                                {KINDS
                                    .into_iter()
                                    .map(|kind| view! { <option value=kind_key(kind)>{move || text().entry_kind(kind)}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <div class="field field--inline">
                            <label for="filter-tag">{move || text().filter_tag}</label>
                            <select
                                id="filter-tag"
                                on:change=move |ev| {
                                    let key = event_target_value(&ev);
                                    filter.update(|f| f.tag = Tag::ALL.into_iter().find(|t| t.key() == key));
                                }
                            >
                                <option value="">{move || text().filter_any}</option>
                                {Tag::ALL
                                    .into_iter()
                                    .map(|tag| view! { <option value=tag.key()>{move || text().tag(tag)}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <div class="field field--inline">
                            <label for="filter-visibility">{move || text().filter_visibility}</label>
                            <select
                                id="filter-visibility"
                                on:change=move |ev| {
                                    let key = event_target_value(&ev);
                                    filter.update(|f| {
                                        f.visibility = match key.as_str() {
                                            "internal" => Some(Visibility::Internal),
                                            "customer_safe" => Some(Visibility::CustomerSafe),
                                            _ => None,
                                        }
                                    });
                                }
                            >
                                <option value="">{move || text().filter_any}</option>
                                <option value="internal">{move || text().visibility_internal}</option>
                                <option value="customer_safe">{move || text().visibility_customer_safe}</option>
                            </select>
                        </div>
                    </fieldset>
                </details>
                <button
                    type="button"
                    class="button"
                    aria-pressed=move || utc.get().to_string()
                    on:click=move |_| utc.update(|u| *u = !*u)
                >
                    {move || if utc.get() { text().show_local } else { text().show_utc }}
                </button>
            </div>
            <SearchBar search />
            <Show when=move || timeline.with(Timeline::is_empty)>
                <p class="timeline__empty">{move || text().timeline_empty}</p>
            </Show>
            // The entries scroll within their own box, newest at its foot, so the
            // composer below stays in the same place however long the timeline is.
            <WindowedList
                keys
                row
                item_class
                label=Signal::derive(move || text().timeline_title.to_owned())
                class="timeline__entries"
                id_prefix=""
                from_end=true
                handle
            />
            <Composer incident=state />
        </section>
    }
}

/// The inside of one entry's row: its time (a link to the entry's address),
/// kind, author, tag and visibility, its text and its evidence.
#[component]
fn TimelineItem(entry: TimelineEntry, utc: RwSignal<bool>, current: Memo<Option<EntryId>>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let (event_at, recorded_at) = (entry.event_at(), entry.recorded_at());
    let back_dated = entry.is_back_dated();
    let (kind, tag, visibility) = (entry.kind(), entry.tag(), entry.visibility());
    let author = entry.author().to_owned();
    let evidence = entry.evidence().to_vec();
    let id = entry.id();
    let body = {
        let entry = entry.clone();
        move || context.settings.with(|s| entry_text(text(), s.ladder(), &entry))
    };
    view! {
        <div class="timeline__meta">
            <a class="timeline__link" href=format!("#{id}")>
                <time datetime=event_at.to_rfc3339() class="timeline__time">
                    {move || time::show(event_at, utc.get(), text().utc_suffix)}
                </time>
            </a>
            <span class="timeline__kind">{move || text().entry_kind(kind)}</span>
            <span class="timeline__author">{move || author_name(text(), &author)}</span>
            <EntryAccount incident=entry.incident() entry=entry.id() />
            {tag.map(|tag| view! { <span class="timeline__tag">{move || text().tag(tag)}</span> })}
            {(visibility == Visibility::CustomerSafe)
                .then(|| view! { <span class="timeline__visibility">{move || text().visibility_customer_safe}</span> })}
            <Show when=move || back_dated>
                <span class="timeline__recorded">
                    {move || {
                        fill(text().recorded_at, &[("time", &time::show(recorded_at, utc.get(), text().utc_suffix))])
                    }}
                </span>
            </Show>
        </div>
        <p class="timeline__text" class:timeline__text--match=move || current.get() == Some(id)>{body}</p>
        {(!evidence.is_empty())
            .then(|| {
                view! {
                    <ul class="timeline__evidence" aria-label=move || text().evidence>
                        {evidence
                            .into_iter()
                            .map(|link| {
                                let shown = link.clone();
                                view! {
                                    <li>
                                        <a href=link rel="noopener noreferrer nofollow" target="_blank">
                                            {shown}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}
