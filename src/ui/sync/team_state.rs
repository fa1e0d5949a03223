//! The team workspace in the running app, and its command layer: the only code
//! of the UI that writes the team record (connecting, settling a conflict,
//! stopping).
//!
//! [`TeamWorkspace`] is provided under the app context. While a team database
//! is followed, a loop runs [`team::round`] in this tab, then waits for a
//! change on the server (the longpoll changes feed) or here (a change of the
//! settings or the library stored in this browser), or after a failure for the
//! back-off. What a round brings is read again into the settings and the
//! library, in every tab. The records the team manages are put in
//! [`AppContext::team_managed`] for a user who is not one of its admins, so
//! the command layers refuse changing them and the pages mark them read-only.
//! With no team followed, nothing runs and no request is made.

use super::state::SyncFailure;
use crate::store::{Batch, Edit, StoreError, Team, TeamWrite};
use crate::sync::couch::{self, server_origin, Couch};
use crate::sync::replicate::SyncError;
use crate::sync::status::{backoff_seconds, Status};
use crate::sync::team::{self, Choice};
use crate::sync::{Remote, RemoteError};
use crate::ui::common::context::{new_replication_id, AppContext};
use crate::ui::common::tabs::Changed;
use chrono::Utc;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::{select, Either};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long one wait on the server's changes feed lasts, in seconds.
const LONGPOLL_SECONDS: u32 = 25;

/// Why connecting did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamFailure {
    /// The team's name is not one.
    BadTeam,
    /// The server has no database for that team.
    NoTeam,
    /// Signing in or storing failed, as for a shared incident.
    Sync(SyncFailure),
}

impl From<SyncFailure> for TeamFailure {
    fn from(failure: SyncFailure) -> Self {
        match failure {
            SyncFailure::Remote(RemoteError::NotFound) => TeamFailure::NoTeam,
            other => TeamFailure::Sync(other),
        }
    }
}

impl From<SyncError> for TeamFailure {
    fn from(error: SyncError) -> Self {
        SyncFailure::from(error).into()
    }
}

/// The team workspace followed here, its status and its loop.
#[derive(Clone, Copy)]
pub struct TeamWorkspace {
    context: AppContext,
    /// The team record as last stored, if a team is followed.
    pub team: RwSignal<Option<Team>>,
    /// How the loop goes.
    pub status: RwSignal<Option<Status>>,
    /// The wake-up call of the running loop.
    waker: StoredValue<Option<UnboundedSender<()>>, LocalStorage>,
}

impl TeamWorkspace {
    /// Reads the team record and starts its loop if a team is followed.
    pub fn start(context: AppContext) -> TeamWorkspace {
        let workspace = TeamWorkspace {
            context,
            team: RwSignal::new(None),
            status: RwSignal::new(None),
            waker: StoredValue::new_local(None),
        };
        spawn_local(async move {
            if let Ok(Some(team)) = context.store().team().await {
                workspace.publish(Some(team.value));
                workspace.follow();
            }
        });
        // A change stored here is sent at once (by an admin); another tab's
        // connecting or stopping is heard too.
        let wake = move |changed| {
            if matches!(changed, Changed::Settings | Changed::Library) {
                workspace.wake();
            }
        };
        context.tabs.on_stored(wake);
        context.tabs.on_heard(wake);
        provide_context(workspace);
        workspace
    }

    /// The team workspace of the app.
    pub fn get() -> TeamWorkspace {
        expect_context::<TeamWorkspace>()
    }

    /// Shows the team record, and what it makes read-only here.
    fn publish(self, team: Option<Team>) {
        let managed = team.as_ref().filter(|team| !team.admin).map(Team::managed).unwrap_or_default();
        if self.context.team_managed.with_untracked(|now| *now != managed) {
            self.context.team_managed.set(managed);
        }
        self.team.set(team);
    }

    fn wake(self) {
        self.waker.with_value(|waker| {
            if let Some(waker) = waker {
                let _ = waker.unbounded_send(());
            }
        });
    }

    /// Starts the loop, unless it runs already.
    fn follow(self) {
        if self.waker.with_value(Option::is_some) {
            return self.wake();
        }
        let (waker, wake) = unbounded();
        self.waker.set_value(Some(waker));
        self.status.set(Some(Status::Connecting { waiting: 0 }));
        spawn_local(self.run(wake));
    }

    /// The loop, until the team is no longer followed.
    async fn run(self, mut wake: UnboundedReceiver<()>) {
        let context = self.context;
        let mut failures = 0;
        loop {
            let store = context.store();
            let Ok(Some(team)) = store.team().await else { return self.ended() };
            let couch = Couch::new(&team.value.server, &team.value.database);
            let outcome = team::round(store.as_ref(), &couch, Utc::now()).await;
            let after = store.team().await.ok().flatten().map(|t| t.value);
            let since = after.as_ref().map(|t| t.since.clone()).unwrap_or_default();
            match outcome {
                Ok(outcome) => {
                    failures = 0;
                    if outcome.received > 0 {
                        // This tab and the others read the settings and the library again.
                        context.tabs.arrived(Changed::Settings);
                        context.tabs.arrived(Changed::Library);
                    }
                    self.publish(after);
                    let status = match outcome.refused.first() {
                        Some((_, reason)) => Status::Failed { waiting: outcome.refused.len(), reason: reason.clone() },
                        None => Status::Synced { at: Utc::now() },
                    };
                    self.status.set(Some(status));
                    let Ok(stop) = web_sys::AbortController::new() else { return };
                    let server = Box::pin(couch.wait_for_change(&since, LONGPOLL_SECONDS, &stop));
                    if let Either::Right((None, _)) = select(server, wake.next()).await {
                        return;
                    }
                    stop.abort();
                    while wake.try_recv().is_ok() {}
                }
                Err(SyncError::NotShared) => return self.ended(),
                Err(SyncError::Store(StoreError::Conflict)) => {
                    // Another tab wrote first: a new round on what is stored now.
                    gloo_timers::future::TimeoutFuture::new(50).await;
                }
                Err(error) => {
                    failures += 1;
                    let status = Status::after(&error, 0);
                    let signed_out = matches!(status, Status::SignedOut { .. });
                    self.status.set(Some(status));
                    if signed_out {
                        // Only signing in again helps.
                        if wake.next().await.is_none() {
                            return;
                        }
                    } else {
                        let pause = gloo_timers::future::TimeoutFuture::new(backoff_seconds(failures) * 1000);
                        if let Either::Right((None, _)) = select(pause, wake.next()).await {
                            return;
                        }
                    }
                    while wake.try_recv().is_ok() {}
                }
            }
        }
    }

    /// The team is no longer followed: the loop ends, nothing is read-only.
    fn ended(self) {
        self.waker.set_value(None);
        self.status.set(None);
        self.publish(None);
    }

    /// Connects to the team `name`'s database on the server at `address`:
    /// signs in, reads whether the user is one of its admins, stores the team
    /// record and runs the first round.
    pub async fn connect(
        self,
        address: String,
        name: String,
        user: String,
        password: String,
    ) -> Result<(), TeamFailure> {
        let origin = server_origin(&address).ok_or(SyncFailure::BadAddress)?;
        let database = team::database_of_team(&name).ok_or(TeamFailure::BadTeam)?;
        let user = user.trim().to_owned();
        if user.is_empty() || password.is_empty() {
            return Err(SyncFailure::EmptyFields.into());
        }
        let name = couch::sign_in(&origin, &user, &password).await.map_err(SyncFailure::Remote)?;
        let admin = is_admin(&origin, &database).await?;
        let team = Team {
            server: origin,
            database,
            user: name,
            admin,
            replication: new_replication_id(),
            since: serde_json::Value::Null,
            synced_at: None,
            docs: Default::default(),
            conflicts: Default::default(),
        };
        let store = self.context.store();
        let batch = Batch { team: Some(TeamWrite::Put(Edit::create(team.clone()))), ..Batch::default() };
        match store.write(batch).await {
            // Followed already (from another tab): that one goes on.
            Ok(()) | Err(StoreError::Conflict) => {}
            Err(error) => return Err(SyncFailure::Store(error).into()),
        }
        self.publish(Some(team));
        self.follow();
        Ok(())
    }

    /// Signs in again to the team's server; the loop then goes on, with the
    /// admin flag read again.
    pub async fn sign_in_again(self, password: String) -> Result<(), TeamFailure> {
        let Some(team) = self.team.get_untracked() else { return Err(SyncFailure::Store(StoreError::Conflict).into()) };
        if password.is_empty() {
            return Err(SyncFailure::EmptyFields.into());
        }
        couch::sign_in(&team.server, &team.user, &password).await.map_err(SyncFailure::Remote)?;
        let admin = is_admin(&team.server, &team.database).await?;
        if admin != team.admin {
            let store = self.context.store();
            if let Ok(Some(base)) = store.team().await {
                let next = Team { admin, ..base.value.clone() };
                let batch = Batch { team: Some(TeamWrite::Put(Edit::change(base, next))), ..Batch::default() };
                store.write(batch).await.map_err(SyncFailure::Store)?;
            }
        }
        self.wake();
        Ok(())
    }

    /// Settles the conflict on `id` as chosen; the loop then sends or reads on.
    pub async fn resolve(self, id: String, choice: Choice) -> Result<(), TeamFailure> {
        let store = self.context.store();
        team::resolve(store.as_ref(), &id, choice).await?;
        if choice == Choice::Theirs {
            self.context.tabs.arrived(Changed::Settings);
            self.context.tabs.arrived(Changed::Library);
        }
        self.publish(store.team().await.ok().flatten().map(|t| t.value));
        self.wake();
        Ok(())
    }

    /// Stops following the team: what it brought stays here as the user's own.
    pub async fn stop(self) -> Result<(), TeamFailure> {
        let store = self.context.store();
        let team = team::find_team(store.as_ref()).await?;
        store
            .write(Batch { team: Some(TeamWrite::Stop(team)), ..Batch::default() })
            .await
            .map_err(SyncFailure::Store)?;
        self.wake();
        self.ended();
        Ok(())
    }
}

/// Whether the signed-in user is one of the team's admins: a server admin, a
/// `sitrep-admin`, or named in the database's `_security`. A database that does
/// not exist says so.
async fn is_admin(origin: &str, database: &str) -> Result<bool, SyncFailure> {
    let (user, roles) = couch::session(origin)
        .await
        .map_err(SyncFailure::Remote)?
        .ok_or(SyncFailure::Remote(RemoteError::SignedOut))?;
    let db = Couch::new(origin, database);
    let security = match db.get("_security").await {
        Ok(Some(security)) => Some(security),
        Ok(None) => return Err(SyncFailure::Remote(RemoteError::NotFound)),
        // Some servers keep `_security` from members: then only roles tell.
        Err(RemoteError::Forbidden(_)) => None,
        Err(error) => return Err(SyncFailure::Remote(error)),
    };
    if security.is_some() && db.get("").await.map_err(SyncFailure::Remote)?.is_none() {
        return Err(SyncFailure::Remote(RemoteError::NotFound));
    }
    Ok(team::is_admin(&user, &roles, security.as_ref()))
}
