//! Resolving and closing, confirmed. Resolving lists what still stands open (the
//! required steps, the escalations waiting for an answer) and, when the last
//! public update promised another, offers to write the final update right after.
//! Closing says whether the review meeting is scheduled, and lets the lead close
//! without one knowingly. Neither blocks: the list informs the confirmation.

use super::state::{review_meeting, IncidentState};
use crate::domain::closing::BeforeResolving;
use crate::domain::{Incident, Status};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// What the responder decided in a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Change the status; then, when `write_final`, go to the status update.
    Go { write_final: bool },
    /// Leave the status as it is.
    Cancel,
}

/// The confirmation of resolving, with what still stands open.
#[component]
pub fn ResolveConfirm(state: IncidentState, decide: Callback<Decision>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().flow;
    let open = Memo::new(move |_| {
        let lists = state.checklists(context);
        context.settings.with(|s| state.timeline.with(|t| BeforeResolving::read(&lists, s.catalog(), t)))
    });
    focus_soon("status-confirm-title".to_owned());
    let steps = move || open.with(|o| o.steps.clone());
    let escalations = move || open.with(|o| o.escalations.clone());
    let owed = move || open.with(|o| o.final_update_by);
    view! {
        <div class="banner banner--warning status-confirm" role="group" aria-labelledby="status-confirm-title">
            <h3 id="status-confirm-title" tabindex="-1">{move || text().resolve_title}</h3>
            <Show when=move || !steps().is_empty()>
                <p>{move || text().resolve_steps_open}</p>
                <ul class="status-confirm__list">
                    {move || {
                        steps()
                            .into_iter()
                            .map(|s| view! { <li>{fill(text().resolve_step, &[("runbook", &s.runbook), ("step", &s.step)])}</li> })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <Show when=move || !escalations().is_empty()>
                <p>{move || text().resolve_escalations_waiting}</p>
                <ul class="status-confirm__list">
                    {move || {
                        escalations()
                            .into_iter()
                            .map(|e| {
                                view! { <li>{fill(text().resolve_escalation, &[("component", &e.component), ("who", &e.who)])}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <Show when=move || open.with(BeforeResolving::nothing_open)>
                <p>{move || text().resolve_nothing_open}</p>
            </Show>
            {move || {
                owed().map(|at| view! { <p>{fill(text().resolve_final_owed, &[("clock", &time::clock(at, Utc::now()))])}</p> })
            }}
            <div class="status-confirm__actions">
                <Show when=move || owed().is_some()>
                    <button
                        type="button"
                        class="button button--primary"
                        on:click=move |_| decide.run(Decision::Go { write_final: true })
                    >
                        {move || text().resolve_and_write}
                    </button>
                </Show>
                <button
                    type="button"
                    class="button"
                    class:button--primary=move || owed().is_none()
                    on:click=move |_| decide.run(Decision::Go { write_final: false })
                >
                    {move || text().resolve_confirm}
                </button>
                <button type="button" class="button" on:click=move |_| decide.run(Decision::Cancel)>
                    {move || text().flow_cancel}
                </button>
            </div>
        </div>
    }
}

/// Where the check of the review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReviewCheck {
    Checking,
    /// No review was started.
    None,
    /// A review, with its meeting time if it has one.
    Meeting(Option<DateTime<Utc>>),
    /// The store could not be read (the banner says why).
    Unknown,
}

/// The confirmation of closing, with whether the review meeting is scheduled.
#[component]
pub fn CloseConfirm(state: IncidentState, decide: Callback<Decision>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().flow;
    let check = RwSignal::new(ReviewCheck::Checking);
    let id = state.incident.with_untracked(Incident::id);
    spawn_local(async move {
        let found = match review_meeting(context, id).await {
            Ok(None) => ReviewCheck::None,
            Ok(Some(at)) => ReviewCheck::Meeting(at),
            Err(_) => ReviewCheck::Unknown,
        };
        check.try_set(found);
    });
    focus_soon("status-confirm-title".to_owned());
    let scheduled = move || matches!(check.get(), ReviewCheck::Meeting(Some(_)));
    let line = move || {
        let t = text();
        match check.get() {
            ReviewCheck::Checking => t.close_review_checking.to_owned(),
            ReviewCheck::None => t.close_review_none.to_owned(),
            ReviewCheck::Meeting(Some(at)) => {
                fill(t.close_review_scheduled, &[("time", &time::show(at, false, context.text().utc_suffix))])
            }
            ReviewCheck::Meeting(None) | ReviewCheck::Unknown => t.close_review_not_scheduled.to_owned(),
        }
    };
    view! {
        <div class="banner banner--warning status-confirm" role="group" aria-labelledby="status-confirm-title">
            <h3 id="status-confirm-title" tabindex="-1">{move || text().close_title}</h3>
            <p role="status">
                {line} " "
                <Show when=move || !scheduled() && check.get() != ReviewCheck::Checking>
                    <A href=move || format!("/incidents/{id}/review")>{move || text().close_review_link}</A>
                </Show>
            </p>
            <div class="status-confirm__actions">
                <Show when=move || check.get() != ReviewCheck::Checking>
                    <button
                        type="button"
                        class="button"
                        class:button--primary=scheduled
                        on:click=move |_| decide.run(Decision::Go { write_final: false })
                    >
                        {move || if scheduled() { text().close_confirm } else { text().close_anyway }}
                    </button>
                </Show>
                <button type="button" class="button" on:click=move |_| decide.run(Decision::Cancel)>
                    {move || text().flow_cancel}
                </button>
            </div>
        </div>
    }
}

/// Whether moving from `from` to `to` asks for a confirmation first.
pub fn confirms(from: Status, to: Status) -> bool {
    from != to && matches!(to, Status::Resolved | Status::Closed)
}
