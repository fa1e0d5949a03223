//! The settings page's "Team workspace" section: connect to a team database
//! (server address, team, user name, password), then whether the user is one of
//! its admins, the status with the last sync time, the records changed both
//! here and by the team (each kept until the user chooses), signing in again,
//! and stopping.

use super::field::{CredentialFields, SignInAgain, SyncField};
use super::indicator::status_line;
use super::panel::failure_message;
use super::team_state::{TeamFailure, TeamWorkspace};
use crate::store::team::Theirs;
use crate::sync::status::Status;
use crate::sync::team::Choice;
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// A failure in the user's language.
fn team_failure(text: &Text, failure: &TeamFailure) -> String {
    match failure {
        TeamFailure::BadTeam => text.team.bad_team.to_owned(),
        TeamFailure::NoTeam => text.team.no_team.to_owned(),
        TeamFailure::Sync(failure) => failure_message(text, failure),
    }
}

/// What a conflicting record is called on screen: its name, or the ladder.
fn conflict_name(text: &Text, id: &str, theirs: &Theirs, settings: &crate::domain::Settings) -> String {
    if id == "ladder" {
        return text.team.the_ladder.to_owned();
    }
    let here = id.strip_prefix("component/").and_then(|c| {
        settings.catalog().components().iter().find(|k| k.id().as_str() == c).map(|k| k.name().to_owned())
    });
    here.or_else(|| theirs.data["name"].as_str().map(str::to_owned)).unwrap_or_else(|| id.to_owned())
}

/// The "Team workspace" section.
#[component]
pub fn TeamSection() -> impl IntoView {
    let context = AppContext::get();
    let workspace = TeamWorkspace::get();
    let text = move || context.text();
    let followed = Memo::new(move |_| workspace.team.with(Option::is_some));
    let (server, team, user, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let problem = RwSignal::new(None::<TeamFailure>);
    let stopped = RwSignal::new(false);
    let connect = action(move |_: &()| async move {
        let outcome = workspace
            .connect(server.get_untracked(), team.get_untracked(), user.get_untracked(), password.get_untracked())
            .await;
        password.set(String::new());
        problem.set(outcome.err());
        stopped.set(false);
    });
    let sign_in = action(move |_: &()| async move {
        let outcome = workspace.sign_in_again(password.get_untracked()).await;
        password.set(String::new());
        problem.set(outcome.err());
    });
    let resolve = action(move |(id, choice): &(String, Choice)| {
        let (id, choice) = (id.clone(), *choice);
        async move { problem.set(workspace.resolve(id, choice).await.err()) }
    });
    let stop = action(move |_: &()| async move {
        let outcome = workspace.stop().await;
        stopped.set(outcome.is_ok());
        problem.set(outcome.err());
    });
    let error = move || problem.get().map(|failure| team_failure(text(), &failure));
    let signed_out = move || matches!(workspace.status.get(), Some(Status::SignedOut { .. }));

    let connect_form = move || {
        view! {
            <p>{move || text().team.intro}</p>
            <Show when=move || stopped.get()>
                <p role="status">{move || text().team.stopped}</p>
            </Show>
            <form class="sync__form" on:submit=move |ev| {
                ev.prevent_default();
                submit(connect, ());
            }>
                <SyncField
                    id="team-server"
                    label=Signal::derive(move || text().sync.server)
                    kind="url"
                    autocomplete="url"
                    value=server
                    hint=Signal::derive(move || text().sync.server_hint)
                />
                <SyncField
                    id="team-name"
                    label=Signal::derive(move || text().team.team)
                    kind="text"
                    autocomplete="off"
                    value=team
                    hint=Signal::derive(move || text().team.team_hint)
                />
                <CredentialFields prefix="team" user password />
                <button type="submit" class="button button--primary" aria-busy=move || connect.pending().get().to_string()>
                    {move || if connect.pending().get() { text().team.connecting } else { text().team.connect }}
                </button>
            </form>
        }
    };

    let conflicts = move || {
        let list = workspace.team.with(|t| t.as_ref().map(|t| t.conflicts.clone()).unwrap_or_default());
        let admin = workspace.team.with(|t| t.as_ref().is_some_and(|t| t.admin));
        (!list.is_empty()).then(|| {
            let t = text();
            let items = list
                .into_iter()
                .map(|(id, theirs)| {
                    let name = context.settings.with(|s| conflict_name(t, &id, &theirs, s));
                    let line = if theirs.data.is_null() {
                        fill(t.team.conflict_removed, &[("name", &name)])
                    } else {
                        fill(t.team.conflict, &[("name", &name), ("author", &theirs.author)])
                    };
                    let (theirs_id, mine_id) = (id.clone(), id);
                    view! {
                        <li>
                            <p>{line}</p>
                            <button
                                type="button"
                                class="button button--small"
                                aria-label=fill(t.team.take_theirs_aria, &[("name", &name)])
                                on:click=move |_| {
                                    submit(resolve, (theirs_id.clone(), Choice::Theirs));
                                }
                            >
                                {t.team.take_theirs}
                            </button>
                            {admin.then(|| view! {
                                <button
                                    type="button"
                                    class="button button--small"
                                    aria-label=fill(t.team.keep_mine_aria, &[("name", &name)])
                                    on:click=move |_| {
                                        submit(resolve, (mine_id.clone(), Choice::Mine));
                                    }
                                >
                                    {t.team.keep_mine}
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 id="team-conflicts">{t.team.conflicts_title}</h3>
                <ul class="sync__conflicts" aria-labelledby="team-conflicts">{items}</ul>
            }
        })
    };

    let followed_view = move || {
        let Some(followed) = workspace.team.get() else { return ().into_any() };
        let at = followed.synced_at;
        let last = move || {
            let shown = match workspace.status.get() {
                Some(Status::Synced { at: now }) => Some(now).max(at),
                _ => at,
            };
            match shown {
                Some(at) => fill(text().sync.last_synced, &[("time", &time::show(at, false, text().utc_suffix))]),
                None => text().sync.never_synced.to_owned(),
            }
        };
        let role = move || if followed.admin { text().team.admin } else { text().team.member };
        let (server, database, user) = (followed.server.clone(), followed.database.clone(), followed.user.clone());
        view! {
            <p>
                {move || {
                    fill(text().team.following, &[("database", &database), ("server", &server), ("user", &user)])
                }}
            </p>
            <p>{role}</p>
            <p class="sync__status" role="status">
                {move || match workspace.status.get() {
                    Some(Status::SignedOut { .. }) => text().team.signed_out.to_owned(),
                    Some(status) => status_line(text(), &status),
                    None => String::new(),
                }}
            </p>
            <p class="sync__last">{last}</p>
            {conflicts}
            <Show when=signed_out>
                <SignInAgain id="team-password-again" password sign_in />
            </Show>
            <button type="button" class="button" on:click=move |_| {
                submit(stop, ());
            }>
                {move || text().team.stop}
            </button>
        }
        .into_any()
    };

    view! {
        <section class="sync" id="team" aria-labelledby="team-heading">
            <h2 id="team-heading">{move || text().team.section}</h2>
            <Show when=move || followed.get() fallback=connect_form>
                {followed_view}
            </Show>
            <p class="field__error" role="alert">{error}</p>
        </section>
    }
}
