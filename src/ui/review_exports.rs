//! The export buttons of the review page (being written).

use super::review::ReviewState;
use leptos::prelude::*;

/// Downloads of the review and the incident.
#[component]
pub fn ReviewExports(state: ReviewState) -> impl IntoView {
    let _ = state;
}
