//! The incident page's "Team sync" section: share the incident (server address,
//! user name, password), then the join link, the status with the last sync
//! time, signing in again, and stopping.

use super::field::{CredentialFields, SignInAgain, SyncField};
use super::indicator::status_line;
use super::state::{SyncFailure, TeamSync};
use crate::domain::IncidentId;
use crate::sync::RemoteError;
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// A failure in the user's language.
pub fn failure_message(text: &Text, failure: &SyncFailure) -> String {
    let t = text.sync;
    match failure {
        SyncFailure::BadAddress => t.bad_address.to_owned(),
        SyncFailure::EmptyFields => t.empty_fields.to_owned(),
        SyncFailure::BrokenLink => t.join_broken.to_owned(),
        SyncFailure::Remote(error) => remote_message(text, error),
        SyncFailure::Store(error) => fill(t.store_failed, &[("detail", &text.store_error(error))]),
    }
}

/// A server's refusal in the user's language.
pub fn remote_message(text: &Text, error: &RemoteError) -> String {
    let t = text.sync;
    match error {
        RemoteError::Unreachable => t.unreachable.to_owned(),
        RemoteError::WrongPassword | RemoteError::SignedOut => t.wrong_password.to_owned(),
        RemoteError::Forbidden(reason) => fill(t.refused, &[("reason", reason)]),
        RemoteError::NotFound => t.not_found.to_owned(),
        RemoteError::NoIncident => t.no_incident.to_owned(),
        RemoteError::Server(detail) => fill(t.server_answer, &[("detail", detail)]),
    }
}

/// The join link of a share: this app's address with the server and database.
fn join_link(server: &str, database: &str) -> String {
    let origin = gloo_utils::window().location().origin().unwrap_or_default();
    let encode = |value: &str| String::from(js_sys::encode_uri_component(value));
    format!("{origin}/join?server={}&db={}", encode(server), encode(database))
}

/// The "Team sync" section of an incident.
#[component]
pub fn SharePanel(id: IncidentId) -> impl IntoView {
    let context = AppContext::get();
    let sync = TeamSync::get();
    let text = move || context.text();
    let share = Memo::new(move |_| sync.shares.with(|shares| shares.get(&id).cloned()));
    let shared = Memo::new(move |_| share.with(Option::is_some));
    let (server, user, password) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<SyncFailure>);
    let stopped = RwSignal::new(false);
    let share_action = action(move |_: &()| async move {
        let outcome = sync.share(id, server.get_untracked(), user.get_untracked(), password.get_untracked()).await;
        password.set(String::new());
        problem.set(outcome.err());
        stopped.set(false);
    });
    let sign_in = action(move |_: &()| async move {
        let outcome = sync.sign_in_again(id, password.get_untracked()).await;
        password.set(String::new());
        problem.set(outcome.err());
    });
    let stop = action(move |_: &()| async move {
        let outcome = sync.stop(id).await;
        stopped.set(outcome.is_ok());
        problem.set(outcome.err());
    });
    let error = move || problem.get().map(|failure| failure_message(text(), &failure));
    let status = move || sync.statuses.with(|statuses| statuses.get(&id).cloned());
    let signed_out = move || matches!(status(), Some(crate::sync::status::Status::SignedOut { .. }));

    let share_form = move || {
        view! {
            <form class="sync__form" on:submit=move |ev| {
                ev.prevent_default();
                submit(share_action, ());
            }>
                <SyncField
                    id="sync-server"
                    label=Signal::derive(move || text().sync.server)
                    kind="url"
                    autocomplete="url"
                    value=server
                    hint=Signal::derive(move || text().sync.server_hint)
                />
                <CredentialFields prefix="sync" user password />
                <button type="submit" class="button button--primary" aria-busy=move || share_action.pending().get().to_string()>
                    {move || if share_action.pending().get() { text().sync.sharing } else { text().sync.share }}
                </button>
            </form>
        }
    };

    let shared_view = move || {
        let Some(share) = share.get() else { return ().into_any() };
        let link = join_link(&share.server, &share.database);
        let last = move || match share_synced(sync, id) {
            Some(at) => fill(text().sync.last_synced, &[("time", &time::show(at, false, text().utc_suffix))]),
            None => text().sync.never_synced.to_owned(),
        };
        view! {
            <p>{move || fill(text().sync.shared_on, &[("server", &share.server), ("user", &share.user)])}</p>
            <p class="sync__status" role="status">
                {move || status().map(|s| status_line(text(), &s)).unwrap_or_default()}
            </p>
            <p class="sync__last">{last}</p>
            <div class="field">
                <label for="sync-link">{move || text().sync.join_link}</label>
                <input id="sync-link" type="text" readonly aria-describedby="sync-link-hint" prop:value=link />
                <p id="sync-link-hint" class="field__hint">{move || text().sync.join_link_hint}</p>
            </div>
            <Show when=signed_out>
                <SignInAgain id="sync-password-again" password sign_in />
            </Show>
            <button type="button" class="button" on:click=move |_| {
                submit(stop, ());
            }>
                {move || text().sync.stop}
            </button>
        }
        .into_any()
    };

    view! {
        <section class="sync" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{move || text().sync.section}</h2>
            <Show when=move || shared.get() fallback=move || view! {
                <p>{move || text().sync.intro}</p>
                <Show when=move || stopped.get()>
                    <p role="status">{move || text().sync.stopped}</p>
                </Show>
                {share_form}
            }>
                {shared_view}
            </Show>
            <p class="field__error" role="alert">{error}</p>
        </section>
    }
}

/// When the share of `id` last completed a round, as stored.
fn share_synced(sync: TeamSync, id: IncidentId) -> Option<chrono::DateTime<chrono::Utc>> {
    let stored = sync.shares.with(|shares| shares.get(&id).and_then(|s| s.synced_at));
    let shown = sync.statuses.with(|statuses| match statuses.get(&id) {
        Some(crate::sync::status::Status::Synced { at }) => Some(*at),
        _ => None,
    });
    shown.max(stored)
}
