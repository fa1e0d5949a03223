//! The sync indicator in the header of every page: shown only while something
//! is shared, it says the most urgent state of all shared incidents (synced and
//! when, changes waiting, offline, signed out, an error with its reason).

use super::state::TeamSync;
use crate::sync::status::{combined, Status};
use crate::ui::common::context::AppContext;
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// A status in the user's language.
pub fn status_line(text: &Text, status: &Status) -> String {
    let t = text.sync;
    let changes = t.changes.of(status.waiting());
    match status {
        Status::Connecting { .. } => t.connecting.to_owned(),
        Status::Synced { at } => fill(t.synced, &[("time", &time::show(*at, false, text.utc_suffix))]),
        Status::Waiting { .. } => fill(t.waiting, &[("changes", &changes)]),
        Status::Offline { .. } => fill(t.offline, &[("changes", &changes)]),
        Status::SignedOut { .. } => fill(t.signed_out, &[("changes", &changes)]),
        Status::Failed { reason, .. } => fill(t.failed, &[("reason", reason)]),
    }
}

/// The indicator; nothing at all while nothing is shared.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let context = AppContext::get();
    let sync = TeamSync::get();
    let status = Memo::new(move |_| sync.statuses.with(|statuses| combined(statuses.values())));
    move || {
        status.get().map(|status| {
            let class = match status {
                Status::Synced { .. } => "sync-indicator sync-indicator--synced",
                Status::Connecting { .. } | Status::Waiting { .. } => "sync-indicator",
                _ => "sync-indicator sync-indicator--problem",
            };
            view! {
                <p class=class role="status">
                    {move || status_line(context.text(), &status)}
                </p>
            }
        })
    }
}
