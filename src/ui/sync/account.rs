//! Who wrote an entry of a shared incident: the CouchDB user the server checked
//! (the share's `authors`), shown next to the entry's display name, which stays
//! cosmetic. Nothing is shown for an incident that is not shared, or for an
//! entry not yet on the server.

use super::state::TeamSync;
use crate::domain::{EntryId, IncidentId};
use crate::ui::common::context::AppContext;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The signed-in author of `entry` in `incident`, while the incident is shared.
#[component]
pub fn EntryAccount(incident: IncidentId, entry: EntryId) -> impl IntoView {
    let context = AppContext::get();
    let sync = use_context::<TeamSync>();
    let key = entry.to_string();
    let account = Memo::new(move |_| {
        sync.and_then(|sync| sync.shares.with(|shares| shares.get(&incident)?.authors.get(&key).cloned()))
    });
    move || {
        account.get().map(|user| {
            view! {
                <span class="sync__account">{move || fill(context.text().sync.entry_account, &[("user", &user)])}</span>
            }
        })
    }
}
