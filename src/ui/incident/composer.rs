//! The timeline's composer: the field that adds a note (Enter adds it,
//! Shift+Enter starts a new line), with the time it happened, a tag, who may
//! read it and evidence links folded away below. Typing goes on while a note is
//! stored: each field loses only what was sent, and Enter pressed during the
//! save sends the text typed up to it next.

use super::state::IncidentState;
use crate::domain::{EntryError, Incident, NewEntry, Tag, TimelineEntry, Visibility};
use crate::store::StoreError;
use crate::ui::common::command::{self, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::drafts::{keep_new, DraftNote};
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::common::time::{self, TimeRefusal};
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos_router::components::A;
use std::convert::Infallible;
use wasm_bindgen::JsCast;

/// The composer's fields as an entry was sent from them.
#[derive(Debug, Clone, PartialEq)]
struct Sent {
    text: String,
    event_time: String,
    links: String,
    tag: Option<Tag>,
    visibility: Visibility,
}

impl Sent {
    /// What follows the sent text in `field` (the text field now, or as it was
    /// at an Enter), its leading blanks dropped; `None` if the sent text in it
    /// was changed.
    fn rest_of(&self, field: &str) -> Option<String> {
        field.strip_prefix(self.text.as_str()).map(|rest| rest.trim_start().to_owned())
    }
}

/// Empties `field` (sets it to `empty`) if it still holds what was sent.
fn clear_if<T: Clone + PartialEq + Send + Sync + 'static>(field: RwSignal<T>, sent: &T, empty: T) {
    if field.try_with_untracked(|now| now == sent) == Some(true) {
        field.set(empty);
    }
}

/// How long a save of the composer is out before its status says "Saving…".
const SAVING_SHOWN_AFTER_MS: u32 = 400;

/// Where a save of the composer stands.
#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Refused(EntryError),
    /// The time typed was refused, with what was typed.
    BadTime(TimeRefusal, String),
    Failed(StoreError),
}

/// The field that adds a note; Enter adds it, Shift+Enter starts a new line.
#[component]
pub(super) fn Composer(incident: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let body = RwSignal::new(String::new());
    let event_time = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<Tag>);
    let visibility = RwSignal::new(Visibility::Internal);
    let links = RwSignal::new(String::new());
    let state = RwSignal::new(SaveState::Idle);
    // What is typed is kept as a draft until the entry is stored (the fields are
    // emptied then) or the draft is discarded.
    let scope = format!("incident.{}", incident.incident.with_untracked(Incident::id));
    let drafts = vec![
        keep_new(body, &scope, "entry-text"),
        keep_new(links, &scope, "entry-evidence"),
        keep_new(event_time, &scope, "event-time"),
    ];
    // The time, tag, visibility and evidence fields fold away; a kept draft of
    // them, or a message about one, opens them.
    let more = RwSignal::new(drafts.iter().skip(1).any(|d| d.restored.get_untracked().is_some()));
    let discard = move || {
        body.set(String::new());
        links.set(String::new());
        event_time.set(String::new());
    };
    // Whether a save is out, and the timer that says so if it takes long:
    // "Saving…" shows only once a save has taken `SAVING_SHOWN_AFTER_MS`, so a
    // save of a few milliseconds (the usual one) neither flashes the word nor
    // has the page redraw while it is out.
    let saving = StoredValue::new(false);
    let shown_later = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    // Typing goes on while an entry is stored (a slow disk can take a while),
    // and the text stays in the field until it is stored. So the fields as they
    // were sent are kept: once the entry is stored each field loses only what
    // was sent, never what was typed since. Enter pressed during the save keeps
    // the field as it is then (`queued`): the text typed after the sent text up
    // to that Enter is sent next, once this entry is stored.
    let sent = StoredValue::new(None::<Sent>);
    let queued = StoredValue::new(Vec::<String>::new());
    let send_next = StoredValue::new_local(None::<Box<dyn Fn(String)>>);
    let add = action(move |entry: &TimelineEntry| {
        let entry = entry.clone();
        async move {
            let stored = incident.add_entries(context, |_| Ok::<_, Infallible>(vec![entry.clone()])).await;
            saving.set_value(false);
            // Dropping the timer cancels it.
            shown_later.set_value(None);
            let sent = sent.try_update_value(Option::take).flatten();
            let at_enters = queued.try_update_value(std::mem::take).unwrap_or_default();
            match (stored, sent) {
                (Ok(()), Some(sent)) => {
                    body.try_update(|now| *now = sent.rest_of(now).unwrap_or_else(|| now.clone()));
                    clear_if(event_time, &sent.event_time, String::new());
                    clear_if(links, &sent.links, String::new());
                    clear_if(tag, &sent.tag, None);
                    clear_if(visibility, &sent.visibility, Visibility::Internal);
                    state.try_set(SaveState::Saved);
                    // What the field held at each Enter, less this entry's text.
                    let mut next =
                        at_enters.iter().map_while(|held| sent.rest_of(held)).filter(|held| !held.trim().is_empty());
                    if let Some(first) = next.next() {
                        let rest: Vec<String> = next.collect();
                        // After this task, when the action is no longer pending.
                        leptos::task::spawn_local(async move {
                            send_next.try_with_value(|send| send.as_ref().map(|send| send(first)));
                            // The rest waits for that entry, unless it was refused.
                            if saving.try_get_value() == Some(true) {
                                queued.try_update_value(|q| *q = rest);
                            }
                        });
                    }
                }
                (Ok(()), None) => {
                    state.try_set(SaveState::Saved);
                }
                (Err(Failed::Store(error)), _) => {
                    state.try_set(SaveState::Failed(error));
                }
                (Err(Failed::Refused(never)), _) => match never {},
            }
        }
    });

    // Sends `text` (the whole field, or its start) with the other fields.
    let send = move |text: String| {
        let typed = event_time.get_untracked();
        let event_at = match time::read_typed(&typed) {
            Ok(at) => at,
            Err(refused) => {
                state.set(SaveState::BadTime(refused, typed));
                more.set(true);
                return focus_soon("event-time".to_owned());
            }
        };
        let evidence = links.get_untracked().lines().map(str::to_owned).filter(|l| !l.trim().is_empty()).collect();
        let new = NewEntry {
            incident: incident.incident.with_untracked(Incident::id),
            text: text.clone(),
            event_at,
            tag: tag.get_untracked(),
            visibility: visibility.get_untracked(),
            evidence,
        };
        let entry = match TimelineEntry::note(new, context.stamp()) {
            Ok(entry) => entry,
            Err(refused) => {
                let field = match refused {
                    EntryError::InFuture => "event-time",
                    EntryError::BadLink(_) | EntryError::TooManyLinks => "entry-evidence",
                    _ => "entry-text",
                };
                state.set(SaveState::Refused(refused));
                if field != "entry-text" {
                    more.set(true);
                }
                return focus_soon(field.to_owned());
            }
        };
        // What the status said of the last attempt goes (typing usually cleared
        // it already), so that the outcome of this one is announced afresh.
        if state.with_untracked(|s| *s != SaveState::Idle) {
            state.set(SaveState::Idle);
        }
        saving.set_value(true);
        sent.set_value(Some(Sent {
            text,
            event_time: typed,
            links: links.get_untracked(),
            tag: tag.get_untracked(),
            visibility: visibility.get_untracked(),
        }));
        let show = gloo_timers::callback::Timeout::new(SAVING_SHOWN_AFTER_MS, move || {
            let _ = state.try_set(SaveState::Saving);
        });
        shown_later.set_value(Some(show));
        command::submit(add, entry);
    };
    send_next.set_value(Some(Box::new(send)));
    let submit = move || {
        let held = body.get_untracked();
        if !saving.get_value() {
            return send(held);
        }
        // Enter during a save: a repeat if nothing was typed since the sent
        // text (or the last Enter), else the text typed since is sent next.
        let new =
            sent.with_value(|s| s.as_ref().and_then(|s| s.rest_of(&held))).is_some_and(|rest| !rest.trim().is_empty());
        let repeat = queued.with_value(|q| q.last().is_some_and(|last| last.trim_end() == held.trim_end()));
        if new && !repeat {
            queued.update_value(|q| q.push(held));
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            submit();
        }
    };
    let status = move || {
        let text = text();
        match state.get() {
            SaveState::Idle => String::new(),
            SaveState::Saving => text.saving.to_owned(),
            SaveState::Saved => text.saved.to_owned(),
            SaveState::Refused(EntryError::EmptyText) => text.entry_empty.to_owned(),
            SaveState::Refused(EntryError::TooLong) => text.entry_too_long.to_owned(),
            // A note carries no status update, so the second never comes from here.
            SaveState::Refused(EntryError::InFuture | EntryError::NextUpdateInPast) => text.entry_in_future.to_owned(),
            SaveState::Refused(EntryError::BadLink(link)) => fill(text.evidence_bad, &[("link", &link)]),
            SaveState::Refused(EntryError::TooManyLinks) => text.evidence_too_many.to_owned(),
            SaveState::BadTime(refused, typed) => text.time.refusal(refused, &typed),
            SaveState::Failed(error) => text.store_error(&error),
        }
    };
    let is_error = move || matches!(state.get(), SaveState::Refused(_) | SaveState::BadTime(..) | SaveState::Failed(_));
    let signed_as = move || {
        context.settings.with(|s| {
            let name = author_name(text(), s.display_name());
            fill(text().signed_as, &[("name", &name)])
        })
    };

    view! {
        <form
            class="composer"
            novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                submit();
            }
        >
            <DraftNote drafts name=Signal::derive(move || text().new_entry_label.to_owned()) first="entry-text" discard />
            <div class="field">
                <label for="entry-text">{move || text().new_entry_label}</label>
                <textarea
                    id="entry-text"
                    rows="2"
                    bind:value=body
                    on:keydown=on_keydown
                    on:input=move |_| {
                        if !saving.get_value() && state.with_untracked(|s| *s != SaveState::Idle) {
                            state.set(SaveState::Idle)
                        }
                    }
                    aria-describedby="entry-text-hint composer-status"
                    aria-invalid=move || {
                        matches!(state.get(), SaveState::Refused(EntryError::EmptyText | EntryError::TooLong)).to_string()
                    }
                ></textarea>
                <p id="entry-text-hint" class="field__hint">
                    {move || text().new_entry_hint} " " {signed_as} " "
                    <A href="/settings">{move || text().set_your_name}</A>
                </p>
            </div>
            <details
                class="composer__more"
                prop:open=move || more.get()
                on:toggle=move |ev| {
                    let open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
                    more.set(open);
                }
            >
                <summary>{move || text().cockpit.composer_more}</summary>
            <div class="composer__row">
                <div class="field">
                    <label for="event-time">{move || text().event_time_label}</label>
                    <input
                        id="event-time"
                        type="text"
                        autocomplete="off"
                        placeholder=move || text().time.placeholder
                        bind:value=event_time
                        on:input=move |_| {
                            if matches!(state.get_untracked(), SaveState::BadTime(..) | SaveState::Refused(EntryError::InFuture)) {
                                state.set(SaveState::Idle)
                            }
                        }
                        aria-describedby="event-time-hint composer-status"
                        aria-invalid=move || {
                            matches!(state.get(), SaveState::BadTime(..) | SaveState::Refused(EntryError::InFuture)).to_string()
                        }
                    />
                    <p id="event-time-hint" class="field__hint">{move || text().event_time_hint}</p>
                </div>
                <div class="field">
                    <label for="entry-tag">{move || text().tag_label}</label>
                    <select
                        id="entry-tag"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            tag.set(Tag::ALL.into_iter().find(|t| t.key() == key));
                        }
                    >
                        <option value="" prop:selected=move || tag.get().is_none()>{move || text().tag_none}</option>
                        {Tag::ALL
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <option value=t.key() prop:selected=move || tag.get() == Some(t)>
                                        {move || text().tag(t)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="entry-visibility">{move || text().visibility_label}</label>
                    <select
                        id="entry-visibility"
                        on:change=move |ev| {
                            let safe = event_target_value(&ev) == "customer_safe";
                            visibility.set(if safe { Visibility::CustomerSafe } else { Visibility::Internal });
                        }
                    >
                        <option value="internal" prop:selected=move || visibility.get() == Visibility::Internal>
                            {move || text().visibility_internal}
                        </option>
                        <option value="customer_safe" prop:selected=move || visibility.get() == Visibility::CustomerSafe>
                            {move || text().visibility_customer_safe}
                        </option>
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="entry-evidence">{move || text().evidence_label}</label>
                <textarea
                    id="entry-evidence"
                    rows="2"
                    bind:value=links
                    aria-invalid=move || {
                        matches!(state.get(), SaveState::Refused(EntryError::BadLink(_) | EntryError::TooManyLinks)).to_string()
                    }
                ></textarea>
            </div>
            </details>
            <button type="submit" class="button button--primary">{move || text().add_entry}</button>
            <p id="composer-status" class="composer__status" class:composer__status--error=is_error role="status">
                {status}
            </p>
        </form>
    }
}
