//! The post-incident review of one incident: the page and its document.
//!
//! The review is prefilled from the incident (severities, dates, roles,
//! milestones) and edited section by section as plain text; every change is saved
//! at once and shown only once stored. The meeting mode walks the chosen timeline
//! entries one at a time, in large type, with the keyboard, and captures causes,
//! contributing factors and remediation items on the spot.

use super::header::ReviewHeader;
use super::items::RemediationItems;
use super::sections::{ChosenTimeline, SectionField};
use super::state::ReviewState;
use super::workflow::Workflow;
use crate::domain::review::Section;
use crate::domain::{Incident, IncidentId};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::sync::ReviewConflicts;
use leptos::prelude::*;
use leptos_router::components::A;

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let context = AppContext::get();
    let state = ReviewState::load(context);
    let text = move || context.text();
    move || {
        if !state.loaded.get() {
            return view! { <p role="status">{text().loading}</p> }.into_any();
        }
        let Some(incident) = state.incident.get() else {
            return view! {
                <h1>{text().not_found_title}</h1>
                <p>{text().incident_missing}</p>
                <A href="/">{text().back_to_incidents}</A>
            }
            .into_any();
        };
        let id = incident.id();
        let r = text().review;
        // Only starting the review swaps the button for the document: a save must
        // not rebuild the document, or the field being written in loses focus.
        let started = Memo::new(move |_| state.review.with(Option::is_some));
        let start = action(move |_: &()| async move {
            let _ = state.start(context, id).await;
        });
        let start = move |_| {
            submit(start, ());
        };
        view! {
            <p class="incident__back">
                <A href=format!("/incidents/{id}")>{r.back_to_incident}</A>
            </p>
            <h1>{format!("{}: {}", r.title, incident.title())}</h1>
            {move || match started.get() {
                false => view! {
                    <button type="button" class="button button--primary" on:click=start>
                        {text().review.start_review}
                    </button>
                }
                .into_any(),
                true => view! { <ReviewDocument state /> }.into_any(),
            }}
        }
        .into_any()
    }
}

/// The review document once started.
#[component]
fn ReviewDocument(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let id = state.incident.with_untracked(|i| i.as_ref().map(Incident::id)).unwrap_or(IncidentId::from_parts(0, 0));
    view! {
        <p>
            <A href=format!("/incidents/{id}/review/meeting")>{move || r().facilitate}</A>
        </p>
        <ReviewConflicts id review=state.review.into() />
        <ReviewHeader state />
        <Workflow state />
        <section aria-labelledby="internal-heading">
            <h2 id="internal-heading">{move || r().internal_title}</h2>
            {Section::INTERNAL.into_iter().map(|section| view! { <SectionField state section /> }).collect_view()}
        </section>
        <ChosenTimeline state />
        <RemediationItems state />
        <section aria-labelledby="customer-heading">
            <h2 id="customer-heading">{move || r().customer_title}</h2>
            <p class="field__hint">{move || r().customer_hint}</p>
            {Section::CUSTOMER.into_iter().map(|section| view! { <SectionField state section /> }).collect_view()}
        </section>
        <super::exports::ReviewExports state />
    }
}
