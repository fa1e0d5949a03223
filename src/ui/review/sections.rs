//! The review's sections, saved when a field loses focus (kept as drafts until then), and the timeline
//! entries chosen for the review with their tags.

use super::state::{me, ReviewState};
use crate::domain::review::Section;
use crate::domain::{EntryId, EntryKind, Tag};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::drafts::{Draft, DraftNote};
use crate::ui::common::focus::focus;
use crate::ui::common::task::{action, effect};
use crate::ui::common::time;
use crate::ui::common::window::{WindowHandle, WindowedList};
use crate::ui::common::words::entry_text;
use chrono::Utc;
use leptos::prelude::*;

/// Why a section's text was not saved.
enum NotSaved {
    /// The text is the one stored.
    Same,
    /// Another tab changed the section since this field began from it; its text.
    Clash(String),
    /// The review is signed off meanwhile.
    Signed,
}

/// One section of the document, saved when the field loses focus.
///
/// The field remembers the stored text it began from. When another tab changes
/// the section, an untouched field shows the new text; a field being edited
/// keeps what was typed, and saving it then shows both versions side by side
/// with a choice, instead of overwriting the other tab's text.
#[component]
pub fn SectionField(state: ReviewState, section: Section) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    // The section as stored. It changes only when this section does, so saving
    // another section never overwrites what is being typed here.
    let stored = Memo::new(move |_| {
        state.review.with(|r| r.as_ref().map(|r| r.section(section).to_owned())).unwrap_or_default()
    });
    let value = RwSignal::new(stored.get_untracked());
    // The stored text the field began from.
    let began = StoredValue::new(stored.get_untracked());
    // The other tab's text, while the choice between the two is open.
    let theirs = RwSignal::new(None::<String>);
    let id = format!("section-{}", section.key());
    // Text typed and not yet saved is kept as a draft with the stored text it was
    // typed over, and comes back as it was: saving it still refuses to overwrite a
    // section changed meanwhile.
    let (draft, kept) = Draft::open(&state.draft_scope(), &id);
    if let Some(kept) = kept {
        value.set(kept.text);
        began.set_value(kept.base);
    }
    effect(move |_| value.with(|v| draft.keep(v, &began.get_value())));
    // Text stored elsewhere (the meeting, another tab) shows up here unless
    // something else was typed meanwhile.
    effect(move |_| {
        let now = stored.get();
        let untouched = value.with_untracked(|v| began.with_value(|b| v == b));
        if untouched || value.with_untracked(|v| *v == now) {
            value.set(now.clone());
            began.set_value(now);
        }
    });
    let asked = RwSignal::new(false);
    // The text typed is kept in the field when the review was signed meanwhile.
    let refused = RwSignal::new(false);
    let signed = Memo::new(move |_| state.review.with(|r| r.as_ref().is_some_and(|r| r.is_signed())));
    // "Saved" shows once the text on screen is the text stored.
    let saved = move || asked.get() && theirs.with(Option::is_none) && stored.with(|s| value.with(|v| s == v));
    // Saves `text` over the stored text, if that is still the text this field
    // began from (`over`); otherwise offers the choice.
    let save = action(move |(text, over): &(String, String)| {
        let (text, over) = (text.clone(), over.clone());
        async move {
            let saved = state
                .change(context, |review| {
                    let current = review.section(section);
                    if current == text {
                        return Err(NotSaved::Same);
                    }
                    if current != over {
                        return Err(NotSaved::Clash(current.to_owned()));
                    }
                    review.with_section(section, &text, &me(context), Utc::now()).map_err(|_| NotSaved::Signed)
                })
                .await;
            match saved {
                Ok(()) => {
                    asked.set(true);
                    theirs.set(None);
                    began.set_value(text);
                    draft.clear();
                }
                Err(Failed::Refused(NotSaved::Same)) => {
                    theirs.set(None);
                    began.set_value(text);
                    draft.clear();
                }
                Err(Failed::Refused(NotSaved::Clash(other))) => theirs.set(Some(other)),
                Err(Failed::Refused(NotSaved::Signed)) => refused.set(true),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    // Each change saves what the field holds then; a later one is a new text,
    // not a repeat, so it waits for the one before rather than being dropped.
    let on_change = move |_| {
        save.dispatch_local((value.get_untracked(), began.get_value()));
    };
    // A restored draft is saved by leaving the field too, as if typed just now:
    // text put back into a field raises no change event.
    let on_blur = move |_| {
        if draft.restored.get_untracked().is_some() {
            save.dispatch_local((value.get_untracked(), began.get_value()));
        }
    };
    let keep_mine = move |_| {
        let over = theirs.get_untracked().unwrap_or_default();
        save.dispatch_local((value.get_untracked(), over));
    };
    let use_theirs = move |_| {
        let other = theirs.get_untracked().unwrap_or_default();
        value.set(other.clone());
        began.set_value(other);
        theirs.set(None);
        focus(&format!("section-{}", section.key()));
    };
    let discard = move || {
        let now = stored.get_untracked();
        theirs.set(None);
        began.set_value(now.clone());
        value.set(now);
    };
    let clash_id = format!("section-{}-clash", section.key());
    let described = clash_id.clone();
    view! {
        <div class="field review__section">
            <label for=id.clone()>{move || r().section(section)}</label>
            <textarea
                id=id.clone()
                rows="3"
                bind:value=value
                readonly=move || signed.get()
                on:input=move |_| refused.set(false)
                on:change=on_change
                on:blur=on_blur
                aria-describedby=move || theirs.with(Option::is_some).then(|| described.clone())
            ></textarea>
            <DraftNote drafts=vec![draft] name=Signal::derive(move || r().section(section).to_owned()) first=id discard />
            <p class="field__hint" role="status">{move || saved().then(|| r().section_saved)}</p>
            <p class="field__error" role="alert">{move || refused.get().then(|| r().signed_refused)}</p>
            {move || {
                theirs
                    .get()
                    .map(|other| {
                        view! {
                            <div class="review__clash" role="group" id=clash_id.clone() aria-label=r().section_clash>
                                <p class="review__clash-title"><strong>{r().section_clash}</strong></p>
                                <p>{r().section_clash_hint}</p>
                                <p class="review__clash-label">{r().their_version}</p>
                                <blockquote class="review__clash-text">{other}</blockquote>
                                <div class="review__clash-actions">
                                    <button type="button" on:click=keep_mine>{r().keep_mine}</button>
                                    <button type="button" on:click=use_theirs>{r().use_theirs}</button>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Every kind of entry, in the order the picker offers them.
const KINDS: [EntryKind; 9] = [
    EntryKind::Note,
    EntryKind::Decision,
    EntryKind::Milestone,
    EntryKind::StatusChange,
    EntryKind::SeverityChange,
    EntryKind::StatusUpdate,
    EntryKind::Escalation,
    EntryKind::RoleChange,
    EntryKind::StepDone,
];

/// The incident's entries, each with "include in the review" and a review tag,
/// narrowed by kind and tag; every note can be chosen at once.
#[component]
pub fn ChosenTimeline(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    // The kind and the tag shown, by their position in `KINDS` and `Tag::ALL`.
    let kind = RwSignal::new(None::<usize>);
    let tag = RwSignal::new(None::<usize>);
    let keys = Memo::new(move |_| {
        let (kind, tag) = (kind.get().map(|k| KINDS[k]), tag.get().map(|t| Tag::ALL[t]));
        state.timeline.with(|t| {
            t.entries()
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind() == k) && tag.is_none_or(|t| e.tag() == Some(t)))
                .map(|e| e.id().to_string())
                .collect::<Vec<_>>()
        })
    });
    // Every note not chosen yet, each with the tag it has on the timeline.
    let choose_notes = action(move |_: &()| async move {
        let _ = state
            .change(context, |review| {
                let notes: Vec<(EntryId, Option<Tag>)> = state.timeline.with_untracked(|t| {
                    t.entries()
                        .iter()
                        .filter(|e| e.kind() == EntryKind::Note)
                        .filter(|e| !review.chosen().iter().any(|c| c.entry == e.id()))
                        .map(|e| (e.id(), e.tag()))
                        .collect()
                });
                let mut chosen = review.clone();
                for (entry, tag) in notes {
                    chosen = chosen.with_entry(entry, Some(tag), &me(context), Utc::now())?;
                }
                Ok::<_, crate::domain::review::ReviewError>(chosen)
            })
            .await;
    });
    let picked = |ev: &leptos::ev::Event| event_target_value(ev).parse::<usize>().ok();
    let signed = Memo::new(move |_| state.review.with(|r| r.as_ref().is_some_and(|r| r.is_signed())));
    // Every pick is stored in turn; a pick is never a repeat of the one before.
    let choose = action(move |(entry, choice): &(EntryId, Option<Option<Tag>>)| {
        let (entry, choice) = (*entry, *choice);
        async move {
            let _ = state.change(context, |review| review.with_entry(entry, choice, &me(context), Utc::now())).await;
        }
    });
    let row = Callback::new(move |key: String| {
        let Some(entry) = key
            .parse::<EntryId>()
            .ok()
            .and_then(|id| state.timeline.with_untracked(|t| t.entries().iter().find(|e| e.id() == id).cloned()))
        else {
            return ().into_any();
        };
        {
            let entry_id = entry.id();
            let chosen = move || {
                state.review.with(|r| r.as_ref().and_then(|r| r.chosen().iter().find(|c| c.entry == entry_id).cloned()))
            };
            let box_id = format!("choose-{entry_id}");
            let tag_id = format!("choose-tag-{entry_id}");
            let at = entry.event_at();
            let body = {
                let entry = entry.clone();
                move || context.settings.with(|s| entry_text(text(), s.ladder(), &entry))
            };
            let set = move |choice: Option<Option<Tag>>| {
                choose.dispatch_local((entry_id, choice));
            };
            view! {
                <input
                        type="checkbox"
                        id=box_id.clone()
                        disabled=move || signed.get()
                        prop:checked=move || chosen().is_some()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set(on.then(|| entry_default_tag(entry_id, &state)));
                        }
                    />
                    <label for=box_id>
                        <time datetime=at.to_rfc3339()>{move || time::show(at, true, text().utc_suffix)}</time>
                        " "
                        {body}
                    </label>
                    <label for=tag_id.clone() class="visually-hidden">{move || r().entry_tag}</label>
                    <select
                        id=tag_id
                        disabled=move || chosen().is_none() || signed.get()
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            set(Some(Tag::ALL.into_iter().find(|t| t.key() == key)));
                        }
                    >
                        <option value="" prop:selected=move || chosen().and_then(|c| c.tag).is_none()>
                            {move || text().tag_none}
                        </option>
                        {Tag::ALL
                            .into_iter()
                            .map(|tag| {
                                view! {
                                    <option value=tag.key() prop:selected=move || chosen().and_then(|c| c.tag) == Some(tag)>
                                        {move || text().tag(tag)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
            }
            .into_any()
        }
    });
    view! {
        <section aria-labelledby="review-timeline-heading">
            <h2 id="review-timeline-heading">{move || r().timeline_title}</h2>
            <p class="field__hint">{move || r().timeline_hint}</p>
            <super::axis::MilestoneAxis state />
            <div class="review__picker">
                <div class="field">
                    <label for="picker-kind">{move || r().picker_kind}</label>
                    <select id="picker-kind" on:change=move |ev| kind.set(picked(&ev))>
                        <option value="">{move || r().picker_every_kind}</option>
                        {KINDS
                            .into_iter()
                            .enumerate()
                            .map(|(i, k)| view! { <option value=i.to_string()>{move || text().entry_kind(k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="picker-tag">{move || r().picker_tag}</label>
                    <select id="picker-tag" on:change=move |ev| tag.set(picked(&ev))>
                        <option value="">{move || r().picker_every_tag}</option>
                        {Tag::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| view! { <option value=i.to_string()>{move || text().tag(t)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button
                    type="button"
                    class="button"
                    disabled=move || signed.get()
                    on:click=move |_| {
                        submit(choose_notes, ());
                    }
                >
                    {move || r().choose_notes}
                </button>
            </div>
            <WindowedList
                keys
                row
                item_class=Callback::new(|_| "review__entry".to_owned())
                label=Signal::derive(move || r().timeline_title.to_owned())
                class="review__timeline"
                id_prefix="choose-entry-"
                handle=WindowHandle::default()
            />
        </section>
    }
}

/// A newly chosen entry keeps the tag it was given on the timeline.
fn entry_default_tag(entry: EntryId, state: &ReviewState) -> Option<Tag> {
    state.timeline.with_untracked(|t| t.entries().iter().find(|e| e.id() == entry).and_then(|e| e.tag()))
}
