//! Incident command on the incident page: roles, milestones and response times
//! (being written).

use super::incident_page::IncidentState;
use leptos::prelude::*;

/// Roles, milestones and metrics.
#[component]
pub fn CommandPanel(state: IncidentState) -> impl IntoView {
    let _ = state;
}
