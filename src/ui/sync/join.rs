//! The join page (`/join?server=…&db=…`), opened from a join link: the
//! responder signs in to the server; the incident is received, stored, then
//! shown at its own address.

use super::field::CredentialFields;
use super::panel::failure_message;
use super::state::{SyncFailure, TeamSync};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The join page.
#[component]
pub fn JoinPage() -> impl IntoView {
    let context = AppContext::get();
    let sync = TeamSync::get();
    let text = move || context.text();
    let query = use_query_map();
    let server = query.with_untracked(|q| q.get("server")).unwrap_or_default();
    let database = query.with_untracked(|q| q.get("db")).unwrap_or_default();
    let broken = server.is_empty() || database.is_empty();
    let (user, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(broken.then_some(SyncFailure::BrokenLink));
    // How many of the incident's documents are stored here so far: a long
    // incident arrives page by page, and the count shows it coming.
    let received = RwSignal::new(0);
    let navigate = use_navigate();
    let (link_server, link_database) = (server.clone(), database.clone());
    let join = action(move |_: &()| {
        let (server, database, navigate) = (link_server.clone(), link_database.clone(), navigate.clone());
        async move {
            received.set(0);
            let credentials = (user.get_untracked(), password.get_untracked());
            let joined = sync.join(server, database, credentials, &|count| received.set(count)).await;
            password.set(String::new());
            match joined {
                Ok(id) => navigate(&format!("/incidents/{id}"), Default::default()),
                Err(failure) => problem.set(Some(failure)),
            }
        }
    });
    let intro = move || fill(text().sync.join_intro, &[("server", &server), ("database", &database)]);
    view! {
        <h1>{move || text().sync.join_title}</h1>
        <p>{intro}</p>
        <form class="sync__form" on:submit=move |ev| {
            ev.prevent_default();
            submit(join, ());
        }>
            <CredentialFields prefix="join" user password />
            <button type="submit" class="button button--primary" disabled=broken>
                {move || if join.pending().get() { text().sync.joining } else { text().sync.join }}
            </button>
        </form>
        <p class="sync__progress" role="status">
            {move || {
                let count = received.get();
                (join.pending().get() && count > 0)
                    .then(|| fill(text().sync.received, &[("changes", &text().sync.changes.of(count))]))
            }}
        </p>
        <p class="field__error" role="alert">{move || problem.get().map(|failure| failure_message(text(), &failure))}</p>
    }
}
