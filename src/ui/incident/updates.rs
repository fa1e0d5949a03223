//! Status updates on the incident page: the countdown to the next public update,
//! the composer (audience, phase, template, next update time, a check for
//! internal details before a public post, post and copy) and the history.
//!
//! Posting an update is writing a timeline entry (see `domain::status_update`);
//! the history and the countdown are read from the timeline, so they change only
//! once the entry is stored and survive a reload. The countdown runs on a
//! one-second clock of its own.

use super::state::IncidentState;
use super::update_history::History;
use super::updates_text::UpdatesText;
use crate::domain::catalog::{flag_internal_text, Flag, FlagKind};
use crate::domain::status_update::{
    self as updates, Audience, Cadence, Due, Phase, StatusUpdate, TemplateValues, UpdateError, MAX_UPDATE_TEXT,
};
use crate::domain::{Status, TimelineEntry};
use crate::store::StoreError;
use crate::ui::common::command::{self, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::drafts::{keep_new, DraftNote};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::selection::{select_all, select_range, start_copy};
use crate::ui::common::task::{action, effect};
use crate::ui::common::time::{self, TimeRefusal};
use crate::ui::i18n::{fill, Text};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::convert::Infallible;

/// A duration in words, in whole minutes: rounded up for time left (so "due in 1
/// min" lasts until the deadline), down for time over.
fn duration_words(t: &UpdatesText, seconds: i64, round_up: bool) -> String {
    let seconds = seconds.max(0);
    let minutes = if round_up { (seconds + 59) / 60 } else { seconds / 60 };
    if minutes < 1 {
        t.duration_under_minute.to_owned()
    } else if minutes < 60 {
        fill(t.duration_minutes, &[("minutes", &minutes.to_string())])
    } else if minutes % 60 == 0 {
        fill(t.duration_whole_hours, &[("hours", &(minutes / 60).to_string())])
    } else {
        fill(t.duration_hours, &[("hours", &(minutes / 60).to_string()), ("minutes", &(minutes % 60).to_string())])
    }
}

use crate::ui::common::time::clock;

/// Where the public cadence stands.
#[derive(Debug, Clone, PartialEq)]
enum Countdown {
    /// An update is due.
    Due(Due),
    /// The current level asks for no regular updates.
    NoCadence(String),
    /// The incident is resolved or closed.
    Stopped(Status),
    /// The incident is resolved or closed, and the last public update promised
    /// another by this time: the final update is owed.
    FinalOwed(DateTime<Utc>),
    /// A resolved update was posted without promising another.
    FinalPosted,
}

/// The countdown's words: (polite status, urgent alert); one of them is empty.
fn countdown_words(text: &Text, countdown: &Countdown, now: DateTime<Utc>) -> (String, String) {
    let t = text.updates;
    match countdown {
        Countdown::Due(due) if due.overdue => {
            let over = duration_words(t, (now - due.at).num_seconds(), false);
            let template = if due.first { t.overdue_first } else { t.overdue_next };
            (String::new(), fill(template, &[("time", &over), ("clock", &clock(due.at, now))]))
        }
        Countdown::Due(due) => {
            let left = duration_words(t, (due.at - now).num_seconds(), true);
            let template = if due.first { t.countdown_first } else { t.countdown_next };
            (fill(template, &[("time", &left), ("clock", &clock(due.at, now))]), String::new())
        }
        Countdown::NoCadence(level) => (fill(t.no_cadence, &[("level", level)]), String::new()),
        Countdown::Stopped(status) => (fill(t.stopped, &[("status", text.status(*status))]), String::new()),
        Countdown::FinalPosted => (t.final_posted.to_owned(), String::new()),
        Countdown::FinalOwed(at) if now > *at => {
            let over = duration_words(t, (now - *at).num_seconds(), false);
            (String::new(), fill(text.flow.final_overdue, &[("time", &over), ("clock", &clock(*at, now))]))
        }
        Countdown::FinalOwed(at) => (fill(text.flow.final_owed, &[("clock", &clock(*at, now))]), String::new()),
    }
}

/// What a flagged internal detail is, in words.
fn flag_words(text: &Text, flag: &Flag) -> String {
    let t = text.updates;
    let found = ("found", flag.found.as_str());
    let component = ("component", flag.component.as_str());
    match &flag.kind {
        FlagKind::ComponentName { classification } => {
            fill(t.flag_component, &[found, ("classification", text.catalog.classification(*classification))])
        }
        FlagKind::ContactName => fill(t.flag_contact, &[found, component]),
        FlagKind::Reach { of } => fill(t.flag_reach, &[found, ("who", of), component]),
        FlagKind::ContractRef => fill(t.flag_contract, &[found, component]),
    }
}

/// A status update being posted: its entry, the text posted, the copy to the
/// clipboard under way, and the text field as it was when posted.
type Posting = (TimelineEntry, String, Option<js_sys::Promise>, String);

/// Where a post stands.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Idle,
    Posting,
    Refused(UpdateError),
    /// The next update time typed was refused, with what was typed.
    BadNext(TimeRefusal, String),
    Posted {
        copied: bool,
        text: String,
    },
    Failed(StoreError),
}

/// The status update section: countdown, composer and history.
#[component]
pub fn StatusUpdates(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let t = move || context.text().updates;
    let tick = RwSignal::new(Utc::now());
    if let Ok(handle) = set_interval_with_handle(move || tick.set(Utc::now()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let countdown = Memo::new(move |_| {
        let now = tick.get();
        state.incident.with(|incident| {
            state.timeline.with(|timeline| {
                context.settings.with(|s| {
                    if !incident.status().is_open() {
                        return match updates::promised_next(timeline) {
                            Some(at) => Countdown::FinalOwed(at),
                            None => Countdown::Stopped(incident.status()),
                        };
                    }
                    match updates::next_due(incident, s.ladder(), timeline, now) {
                        Some(due) => Countdown::Due(due),
                        None if Cadence::for_incident(incident, s.ladder()).is_none() => {
                            Countdown::NoCadence(s.ladder().name(incident.severity()).to_owned())
                        }
                        None => Countdown::FinalPosted,
                    }
                })
            })
        })
    });
    let words = Memo::new(move |_| {
        let text = context.text();
        countdown.with(|c| countdown_words(text, c, tick.get()))
    });
    let polite = Memo::new(move |_| words.with(|w| w.0.clone()));
    let urgent = Memo::new(move |_| words.with(|w| w.1.clone()));

    view! {
        <section class="updates" aria-labelledby="updates-heading">
            <h2 id="updates-heading">{move || t().title}</h2>
            <p class="updates__countdown" role="status">{move || polite.get()}</p>
            <p class="updates__countdown updates__countdown--overdue" role="alert">{move || urgent.get()}</p>
            <Composer state tick />
            <History state />
        </section>
    }
}

/// The form that writes and posts an update.
#[component]
fn Composer(state: IncidentState, tick: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let t = move || context.text().updates;
    let audience = RwSignal::new(Audience::Public);
    let phase = RwSignal::new(Phase::Investigating);
    let impact = RwSignal::new(String::new());
    let next_input = RwSignal::new(String::new());
    let next_edited = RwSignal::new(false);
    let body = RwSignal::new(String::new());
    let flags = RwSignal::new(Vec::<Flag>::new());
    let outcome = RwSignal::new(Outcome::Idle);
    // The text and the impact are kept as drafts until the update is posted (the
    // impact only feeds the template, so posting ends its draft too).
    let scope = format!("incident.{}", state.incident.with_untracked(|i| i.id()));
    let text_draft = keep_new(body, &scope, "update-text");
    let impact_draft = keep_new(impact, &scope, "update-impact");
    let discard = move || {
        body.set(String::new());
        impact.set(String::new());
    };

    // The phase follows the incident's status; the responder may pick another.
    effect(move |_| phase.set(Phase::for_status(state.incident.with(|i| i.status()))));
    // Until the responder sets it, the next update time follows the cadence.
    effect(move |_| {
        let now = tick.get();
        if next_edited.get() {
            return;
        }
        let suggested = if phase.get() == Phase::Resolved {
            None
        } else {
            state.incident.with(|i| context.settings.with(|s| updates::suggested_next(i, s.ladder(), now)))
        };
        let value = suggested.map(time::input_value).unwrap_or_default();
        if next_input.with_untracked(|v| v != &value) {
            next_input.set(value);
        }
    });

    let cadence_minutes = move || {
        let now = tick.get();
        state.incident.with(|i| {
            context.settings.with(|s| {
                Cadence::for_incident(i, s.ladder())
                    .map(|c| (c.every_at(now - i.declared_at()), s.ladder().name(i.severity()).to_owned()))
            })
        })
    };
    let next_hint = move || match cadence_minutes() {
        Some((minutes, level)) => fill(t().next_hint_cadence, &[("level", &level), ("minutes", &minutes.to_string())]),
        None => t().next_hint_none.to_owned(),
    };
    let later_than_cadence = move || {
        let now = tick.get();
        let chosen = time::read_typed(&next_input.get()).ok().flatten()?;
        let (suggested, level) = state.incident.with(|i| {
            context.settings.with(|s| {
                updates::suggested_next(i, s.ladder(), now).map(|at| (at, s.ladder().name(i.severity()).to_owned()))
            })
        })?;
        (audience.get() == Audience::Public && chosen > suggested + chrono::Duration::minutes(1))
            .then(|| fill(t().next_later_than_cadence, &[("level", &level), ("clock", &clock(suggested, now))]))
    };

    // The template offered over hand-written text, waiting for the responder's
    // word; the text a template replaced, until it is undone or edited further;
    // the last text a template wrote.
    let offered = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<String>);
    let undone = RwSignal::new(false);
    let last_template = StoredValue::new(String::new());
    let fill_with = move |filled: String, before: String| {
        last_template.set_value(filled.clone());
        body.set(filled);
        undo.set((!before.trim().is_empty()).then_some(before));
        offered.set(None);
        focus("update-text");
    };
    let replace = move |_| {
        if let Some(filled) = offered.get_untracked() {
            fill_with(filled, body.get_untracked());
        }
    };
    let keep = move |_| {
        offered.set(None);
        focus("update-text");
    };
    let undo_template = move |_| {
        if let Some(before) = undo.get_untracked() {
            body.set(before);
            undo.set(None);
            undone.set(true);
            focus("update-text");
        }
    };
    let use_template = move |_| {
        let now = Utc::now();
        let (language, who) = (context.settings.with_untracked(|s| s.language()), audience.get_untracked());
        let components = state.incident.with_untracked(|i| {
            context.settings.with_untracked(|s| updates::component_names(s.catalog(), i.components(), who))
        });
        let next_update =
            time::read_typed(&next_input.get_untracked()).ok().flatten().map(|at| updates::next_update_words(at, now));
        let values = TemplateValues { components, impact: impact.get_untracked(), next_update };
        let filled = updates::template(language, who, phase.get_untracked(), &values);
        flags.set(Vec::new());
        outcome.set(Outcome::Idle);
        undone.set(false);
        let before = body.get_untracked();
        // Text the responder wrote is replaced only on their word; an empty text,
        // or one the template wrote and nobody changed, is filled at once.
        if before.trim().is_empty() || last_template.with_value(|t| t == &before) {
            fill_with(filled, before);
        } else {
            offered.set(Some(filled));
            focus_soon("update-template-question".to_owned());
        }
    };

    // The entry is built at once, so that copying it to the clipboard stays part
    // of the click; the write waits for the incident's earlier writes.
    let post = action(move |(entry, posted, copy, written): &Posting| {
        let (entry, posted, copy, written) = (entry.clone(), posted.clone(), copy.clone(), written.clone());
        async move {
            if let Err(Failed::Store(error)) =
                state.add_entries(context, |_| Ok::<_, Infallible>(vec![entry.clone()])).await
            {
                outcome.set(Outcome::Failed(error));
                return;
            }
            let copied = match copy {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                None => false,
            };
            // Text typed into the field while the update was posted stays.
            body.try_update(|now| {
                if *now == written {
                    now.clear();
                }
            });
            undo.set(None);
            undone.set(false);
            impact_draft.clear();
            next_edited.set(false);
            outcome.set(Outcome::Posted { copied, text: posted });
            if !copied {
                request_animation_frame(|| select_all("update-copy"));
            }
        }
    });
    let submit = move |confirmed: bool| {
        if post.pending().get_untracked() {
            return;
        }
        let typed = next_input.get_untracked();
        let next = match time::read_typed(&typed) {
            Ok(next) => next,
            Err(refused) => {
                outcome.set(Outcome::BadNext(refused, typed));
                return focus("update-next");
            }
        };
        let who = audience.get_untracked();
        let update = StatusUpdate::new(who, phase.get_untracked(), next);
        let written = body.get_untracked();
        let entry = match state.incident.with_untracked(|i| updates::post(i, update, &written, context.stamp())) {
            Ok(entry) => entry,
            Err(refused) => {
                let field = if refused == UpdateError::NextUpdateInPast { "update-next" } else { "update-text" };
                outcome.set(Outcome::Refused(refused));
                return focus(field);
            }
        };
        if who == Audience::Public && !confirmed {
            let found = context.settings.with_untracked(|s| flag_internal_text(s.catalog(), &written));
            if !found.is_empty() {
                flags.set(found);
                outcome.set(Outcome::Idle);
                return focus_soon("update-flags-title".to_owned());
            }
        }
        flags.set(Vec::new());
        let posted = entry.text().to_owned();
        let copy = start_copy(&posted);
        outcome.set(Outcome::Posting);
        command::submit(post, (entry, posted, copy, written));
    };
    let edit_text = move |_| {
        let first = flags.with_untracked(|f| f.first().map(|f| f.range.clone()));
        flags.set(Vec::new());
        match first {
            Some(range) => body.with_untracked(|b| select_range("update-text", b, range)),
            None => focus("update-text"),
        }
    };

    let error = move || {
        let t = t();
        match outcome.get() {
            Outcome::Refused(UpdateError::EmptyText) => Some(t.error_empty.to_owned()),
            Outcome::Refused(UpdateError::TooLong) => {
                Some(fill(t.error_too_long, &[("max", &MAX_UPDATE_TEXT.to_string())]))
            }
            Outcome::Refused(UpdateError::NextUpdateInPast) => Some(t.error_next_past.to_owned()),
            Outcome::BadNext(refused, typed) => Some(text().time.refusal(refused, &typed)),
            Outcome::Failed(error) => Some(text().store_error(&error)),
            _ => None,
        }
    };
    let done = move || match outcome.get() {
        Outcome::Posting => t().posting.to_owned(),
        Outcome::Posted { copied: true, .. } => t().posted_copied.to_owned(),
        Outcome::Posted { copied: false, .. } => t().posted_not_copied.to_owned(),
        _ => String::new(),
    };
    let uncopied = move || match outcome.get() {
        Outcome::Posted { copied: false, text } => Some(text),
        _ => None,
    };
    let text_invalid = move || {
        matches!(outcome.get(), Outcome::Refused(UpdateError::EmptyText | UpdateError::TooLong))
            || !flags.with(Vec::is_empty)
    };
    let next_invalid =
        move || matches!(outcome.get(), Outcome::BadNext(..) | Outcome::Refused(UpdateError::NextUpdateInPast));
    let count = move || body.with(|b| b.trim().chars().count());

    view! {
        <form
            class="updates__composer"
            novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                submit(false);
            }
        >
            <h3 class="updates__subtitle">{move || t().composer_title}</h3>
            <DraftNote
                drafts=vec![text_draft, impact_draft]
                name=Signal::derive(move || t().composer_title.to_owned())
                first="update-text"
                discard
            />
            <div class="updates__choices">
                <fieldset class="updates__audience">
                    <legend>{move || t().audience_legend}</legend>
                    {Audience::ALL
                        .into_iter()
                        .map(|choice| {
                            let id = format!("update-audience-{}", choice.key());
                            view! {
                                <div class="updates__radio">
                                    <input
                                        type="radio"
                                        name="update-audience"
                                        id=id.clone()
                                        value=choice.key()
                                        prop:checked=move || audience.get() == choice
                                        on:change=move |_| {
                                            audience.set(choice);
                                            flags.set(Vec::new());
                                        }
                                    />
                                    <label for=id>{move || t().audience(choice)}</label>
                                    <span class="field__hint">
                                        {move || match choice {
                                            Audience::Public => t().audience_public_hint,
                                            Audience::Internal => t().audience_internal_hint,
                                        }}
                                    </span>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label for="update-phase">{move || t().phase_label}</label>
                    <select id="update-phase" on:change=move |ev| {
                        if let Some(p) = Phase::from_key(&event_target_value(&ev)) {
                            phase.set(p);
                        }
                    }>
                        {Phase::ALL
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <option value=p.key() prop:selected=move || phase.get() == p>
                                        {move || t().phase(p)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="update-next">{move || t().next_label}</label>
                    <input
                        type="text"
                        id="update-next"
                        autocomplete="off"
                        placeholder=move || text().time.placeholder
                        prop:value=move || next_input.get()
                        on:input=move |ev| {
                            next_input.set(event_target_value(&ev));
                            next_edited.set(true);
                            if matches!(outcome.get_untracked(), Outcome::BadNext(..)) {
                                outcome.set(Outcome::Idle);
                            }
                        }
                        aria-describedby="update-next-hint update-next-format update-next-warning"
                        aria-invalid=move || next_invalid().to_string()
                    />
                    <p class="field__hint" id="update-next-hint">{next_hint}</p>
                    <p class="field__hint" id="update-next-format">{move || text().time.format_hint}</p>
                    <p class="updates__warning" id="update-next-warning">{later_than_cadence}</p>
                </div>
            </div>
            <div class="field">
                <label for="update-impact">{move || t().impact_label}</label>
                <input type="text" id="update-impact" bind:value=impact aria-describedby="update-impact-hint" />
                <p class="field__hint" id="update-impact-hint">{move || t().impact_hint}</p>
            </div>
            <div class="updates__template">
                <button type="button" class="button" on:click=use_template aria-describedby="update-template-hint">
                    {move || t().use_template}
                </button>
                <p class="field__hint" id="update-template-hint">{move || t().template_hint}</p>
            </div>
            <Show when=move || offered.with(Option::is_some)>
                <div class="banner banner--warning updates__offer" role="group" aria-labelledby="update-template-question">
                    <p id="update-template-question" tabindex="-1">{move || text().flow.template_replace_question}</p>
                    <div class="updates__actions">
                        <button type="button" class="button" on:click=replace>{move || text().flow.template_replace}</button>
                        <button type="button" class="button" on:click=keep>{move || text().flow.template_keep}</button>
                    </div>
                </div>
            </Show>
            <div class="updates__undo" role="status">
                {move || {
                    if undone.get() {
                        return Some(view! { <p>{text().flow.template_undone}</p> }.into_any());
                    }
                    undo.with(Option::is_some).then(|| {
                        view! {
                            <p>
                                {text().flow.template_used} " "
                                <button type="button" class="button button--small" on:click=undo_template>
                                    {text().flow.template_undo}
                                </button>
                            </p>
                        }
                            .into_any()
                    })
                }}
            </div>
            <div class="field">
                <label for="update-text">{move || t().text_label}</label>
                <textarea
                    id="update-text"
                    rows="5"
                    bind:value=body
                    on:input=move |_| {
                        undo.set(None);
                        undone.set(false);
                        flags.set(Vec::new());
                        if outcome.get_untracked() != Outcome::Posting {
                            outcome.set(Outcome::Idle);
                        }
                    }
                    aria-describedby="update-text-count"
                    aria-invalid=move || text_invalid().to_string()
                ></textarea>
                <p
                    class="field__hint"
                    class:updates__count--over=move || { count() > MAX_UPDATE_TEXT }
                    id="update-text-count"
                >
                    {move || fill(t().char_count, &[("count", &count().to_string()), ("max", &MAX_UPDATE_TEXT.to_string())])}
                </p>
            </div>
            <Show when=move || !flags.with(Vec::is_empty)>
                <div class="banner banner--warning updates__flags" role="alert">
                    <p class="updates__flags-title" id="update-flags-title" tabindex="-1">
                        <strong>{move || t().flags_title}</strong>
                    </p>
                    <ul>
                        {move || {
                            flags.get().iter().map(|flag| view! { <li>{flag_words(text(), flag)}</li> }).collect_view()
                        }}
                    </ul>
                    <p>{move || t().flags_advice}</p>
                    <div class="updates__actions">
                        <button type="button" class="button" on:click=move |_| submit(true)>{move || t().post_anyway}</button>
                        <button type="button" class="button" on:click=edit_text>{move || t().edit_text}</button>
                    </div>
                </div>
            </Show>
            <div class="updates__actions">
                <button
                    type="submit"
                    class="button button--primary"
                    disabled=move || outcome.get() == Outcome::Posting
                >
                    {move || t().post_and_copy}
                </button>
            </div>
            <p class="field__error" aria-live="assertive">{error}</p>
            <p class="updates__outcome" role="status">{done}</p>
            {move || {
                uncopied().map(|posted| view! {
                    <div class="field updates__copy">
                        <label for="update-copy">{move || t().copy_text_label}</label>
                        <textarea id="update-copy" rows="4" readonly prop:value=posted></textarea>
                    </div>
                })
            }}
        </form>
    }
}

#[cfg(test)]
#[path = "updates_tests.rs"]
mod tests;
