//! The note of a page or section whose records the team workspace manages, for
//! a user who is not one of its admins: they are read-only here
//! (`AppContext::team_managed`, which the command layers enforce).

use super::context::AppContext;
use leptos::prelude::*;

/// "Managed by the team", shown while any record whose team document id starts
/// with `prefix` (`ladder`, `person/`, `runbook/`) is read-only here.
#[component]
pub fn ManagedNote(prefix: &'static str) -> impl IntoView {
    let context = AppContext::get();
    let shown = Memo::new(move |_| context.team_managed.with(|m| m.iter().any(|id| id.starts_with(prefix))));
    move || shown.get().then(|| view! { <p class="managed-note">{move || context.text().team.managed_here}</p> })
}
