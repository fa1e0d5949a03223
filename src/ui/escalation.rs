//! Affected components' triage information and escalations on the incident page
//! (being written).

use super::i18n::Text;
use super::incident_page::IncidentState;
use crate::domain::escalation::EscalationEvent;
use leptos::prelude::*;

/// How an escalation entry reads on the timeline.
pub fn entry_sentence(text: &Text, _event: &EscalationEvent) -> String {
    text.catalog.title.to_owned()
}

/// The affected components' triage information and their escalations.
#[component]
pub fn CatalogAndEscalation(state: IncidentState) -> impl IntoView {
    let _ = state;
}
