//! The review's header: severities, dates, duration, roles, authors, and the
//! owner and meeting time.

use super::state::{me, ReviewState};
use crate::domain::plan::review_due;
use crate::domain::review::Review;
use crate::domain::{Change, Milestone, Role};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::common::task::{action, effect};
use crate::ui::common::time::{self, TimeRefusal};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The header's owner and meeting time.
type Header = (String, Option<DateTime<Utc>>);

fn header_of(review: &Review) -> Header {
    (review.owner().to_owned(), review.meeting_at())
}

/// Why a save of the header stored nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotSaved {
    /// The review is signed off.
    Signed,
    /// A field typed in was changed elsewhere since the form began.
    Changed,
}

/// Severities, dates, duration, roles, owner and meeting time.
#[component]
pub fn ReviewHeader(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let owner =
        RwSignal::new(state.review.with_untracked(|r| r.as_ref().map(|r| r.owner().to_owned())).unwrap_or_default());
    let meeting = RwSignal::new(
        state
            .review
            .with_untracked(|r| r.as_ref().and_then(Review::meeting_at))
            .map(time::input_value)
            .unwrap_or_default(),
    );
    // Why the meeting time typed was not used, with what was typed, until the
    // field is typed in again.
    let bad_time = RwSignal::new(None::<(TimeRefusal, String)>);
    let saved = RwSignal::new(false);
    let refused = RwSignal::new(None::<NotSaved>);
    let signed = Memo::new(move |_| state.review.with(|r| r.as_ref().is_some_and(|r| r.is_signed())));
    // The header as stored, and as the form began with it: a field not typed
    // in follows the stored header (another tab, a teammate), and a save
    // changes only the fields typed in, never one changed elsewhere meanwhile.
    let stored = Memo::new(move |_| state.review.with(|r| r.as_ref().map(header_of)).unwrap_or_default());
    let began = StoredValue::new(stored.get_untracked());
    effect(move |_| {
        let (owner_now, meeting_now) = stored.get();
        let (owner_began, meeting_began) = began.get_value();
        if owner.get_untracked() == owner_began {
            owner.set(owner_now.clone());
            began.update_value(|b| b.0 = owner_now);
        }
        if meeting.get_untracked() == meeting_began.map(time::input_value).unwrap_or_default() {
            meeting.set(meeting_now.map(time::input_value).unwrap_or_default());
            began.update_value(|b| b.1 = meeting_now);
        }
    });
    let save = action(move |(typed_owner, typed_meeting, from): &(String, Option<DateTime<Utc>>, Header)| {
        let (typed_owner, typed_meeting, from) = (typed_owner.clone(), *typed_meeting, from.clone());
        async move {
            let changed = state
                .change(context, |review| {
                    let now = header_of(review);
                    let owner_typed = typed_owner.trim() != from.0.trim();
                    let meeting_typed = typed_meeting != from.1;
                    if (owner_typed && now.0 != from.0 && now.0 != typed_owner.trim())
                        || (meeting_typed && now.1 != from.1 && now.1 != typed_meeting)
                    {
                        return Err(NotSaved::Changed);
                    }
                    let new_owner = if owner_typed { typed_owner.as_str() } else { now.0.as_str() };
                    let new_meeting = if meeting_typed { typed_meeting } else { now.1 };
                    review.with_header(new_owner, new_meeting, &me(context), Utc::now()).map_err(|_| NotSaved::Signed)
                })
                .await;
            saved.try_set(changed.is_ok());
            match changed {
                Ok(()) => {
                    began.try_update_value(|b| *b = stored.get_untracked());
                    refused.try_set(None);
                }
                Err(Failed::Refused(why)) => {
                    if why == NotSaved::Changed {
                        // The form shows the header as stored now.
                        let now = stored.get_untracked();
                        owner.try_set(now.0.clone());
                        meeting.try_set(now.1.map(time::input_value).unwrap_or_default());
                        began.try_update_value(|b| *b = now);
                    }
                    refused.try_set(Some(why));
                }
                Err(Failed::Store(_)) => {
                    refused.try_set(None);
                }
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let typed = meeting.get_untracked();
        let meeting_at = match time::read_typed(&typed) {
            Ok(at) => at,
            Err(refused) => {
                bad_time.set(Some((refused, typed)));
                return focus("review-meeting");
            }
        };
        bad_time.set(None);
        // The time as it is read back: "2026-12-3 9:05" shows as "2026-12-03 09:05".
        if let Some(at) = meeting_at {
            meeting.set(time::input_value(at));
        }
        submit(save, (owner.get_untracked(), meeting_at, began.get_value()));
    };
    let facts = move || {
        let text = text();
        let ladder = context.ladder();
        state.incident.with(|incident| {
            let incident = incident.as_ref()?;
            let timeline = state.timeline.get();
            let mut severities = vec![];
            for entry in timeline.entries() {
                match entry.change() {
                    Some(Change::Declared { severity }) => severities.push(ladder.name(severity).to_owned()),
                    Some(Change::Severity { to, .. }) => severities.push(ladder.name(to).to_owned()),
                    _ => {}
                }
            }
            if severities.is_empty() {
                severities.push(ladder.name(incident.severity()).to_owned());
            }
            let resolved = incident.milestones().get(Milestone::Resolved);
            let start = incident.milestones().get(Milestone::ImpactStarted).unwrap_or(incident.declared_at());
            let duration = resolved.map(|end| text.age((end - start).num_minutes()));
            let due = review_due(incident, &ladder, &timeline).map(|d| d.to_string());
            let roles: Vec<String> = Role::ALL
                .into_iter()
                .filter_map(|role| {
                    let holders = incident.roles().holders(role);
                    (!holders.is_empty()).then(|| format!("{}: {}", text.role(role), holders.join(text.list_separator)))
                })
                .collect();
            Some((severities.join(" → "), incident.declared_at(), resolved, duration, due, roles))
        })
    };
    view! {
        <section class="review__header" aria-labelledby="review-header-heading">
            <h2 id="review-header-heading">{move || r().header_title}</h2>
            {move || {
                facts()
                    .map(|(severities, declared, resolved, duration, due, roles)| {
                        let text = text();
                        let r = text.review;
                        view! {
                            <dl class="review__facts">
                                <dt>{r.severities_label}</dt>
                                <dd>{severities}</dd>
                                <dt>{r.declared_label}</dt>
                                <dd>{time::show(declared, true, text.utc_suffix)}</dd>
                                <dt>{r.resolved_label}</dt>
                                <dd>{resolved.map_or(r.not_resolved.to_owned(), |at| time::show(at, true, text.utc_suffix))}</dd>
                                <dt>{r.duration_label}</dt>
                                <dd>{duration.unwrap_or_else(|| r.not_resolved.to_owned())}</dd>
                                <dt>{r.due_label}</dt>
                                <dd>{due.unwrap_or_else(|| r.due_none.to_owned())}</dd>
                                <dt>{text.roles_title}</dt>
                                <dd>{roles.join("; ")}</dd>
                                <dt>{r.authors_label}</dt>
                                <dd>{move || state.review.with(|r| r.as_ref().map(|r| r.authors().join(", ")).unwrap_or_default())}</dd>
                            </dl>
                        }
                    })
            }}
            <form class="review__header-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="review-owner">{move || r().owner_label}</label>
                    <input id="review-owner" type="text" bind:value=owner list="people" readonly=move || signed.get() on:input=move |_| saved.set(false) />
                </div>
                <div class="field">
                    <label for="review-meeting">{move || r().meeting_label}</label>
                    <input
                        id="review-meeting"
                        type="text"
                        autocomplete="off"
                        placeholder=move || text().time.placeholder
                        bind:value=meeting
                        readonly=move || signed.get()
                        aria-describedby="review-meeting-hint review-meeting-error"
                        aria-invalid=move || bad_time.get().is_some().to_string()
                        on:input=move |_| {
                            saved.set(false);
                            bad_time.set(None);
                        }
                    />
                    <p id="review-meeting-hint" class="field__hint">{move || text().time.format_hint}</p>
                    <p id="review-meeting-error" class="field__error" role="alert">
                        {move || bad_time.get().map(|(refused, typed)| text().time.refusal(refused, &typed))}
                    </p>
                </div>
                <button type="submit" class="button">{move || r().save_header}</button>
                <p role="status" class="field__hint">
                    {move || saved.get().then(|| r().section_saved)}
                </p>
                <p role="alert" class="field__error">
                    {move || {
                        refused
                            .get()
                            .map(|why| match why {
                                NotSaved::Signed => r().signed_refused,
                                NotSaved::Changed => r().header_changed,
                            })
                    }}
                </p>
            </form>
        </section>
    }
}
