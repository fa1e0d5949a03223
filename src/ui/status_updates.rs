//! Status updates on the incident page (being written).

use super::i18n::Text;
use super::incident_page::IncidentState;
use crate::domain::status_update::StatusUpdate;
use leptos::prelude::*;

/// How a status-update entry reads on the timeline.
pub fn entry_sentence(text: &Text, _update: &StatusUpdate) -> String {
    text.updates.title.to_owned()
}

/// The status update composer, countdown and history.
#[component]
pub fn StatusUpdates(state: IncidentState) -> impl IntoView {
    let _ = state;
}
