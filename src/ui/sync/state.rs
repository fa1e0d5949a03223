//! Team sync in the running app, and its command layer: the only code of the
//! UI that writes shares to the store (sharing, joining, stopping).
//!
//! [`TeamSync`] is provided under the app context. It keeps one replication
//! loop per shared incident ([`follow`]): a round ([`replicate::round`]), then a
//! wait for the next change, here (a command layer stored one: [`Tabs::on_stored`])
//! or on the server (the longpoll changes feed), or after a failure the back-off
//! ([`status::backoff_seconds`]), cut short when the browser comes back online.
//! A browser runs one loop per shared incident however many tabs show it: the
//! loop runs in the tab holding its Web Lock, and the others show the status
//! it posts (`lock.rs`). Should two loops ever run (a browser without Web
//! Locks), every write expects the revision it read, and nothing is stored or
//! sent twice, so they only repeat each other's work.

use super::lock::{holding, lock_name, Channel};
use crate::domain::IncidentId;
use crate::store::{Batch, Edit, Share, ShareWrite, Store, StoreError};
use crate::sync::couch::{self, server_origin, Couch};
use crate::sync::docs::{database_of, incident_of};
use crate::sync::replicate::{self, Progress, SyncError};
use crate::sync::review::{self, ResolveError};
use crate::sync::status::{backoff_seconds, Status};
use crate::sync::RemoteError;
use crate::ui::common::context::AppContext;
use crate::ui::common::tabs::Changed;
use chrono::Utc;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::{select, Either};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long one wait on the server's changes feed lasts, in seconds.
const LONGPOLL_SECONDS: u32 = 25;

/// Why sharing, joining or signing in did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncFailure {
    /// The address is not an http or https server address.
    BadAddress,
    /// The user name or password is empty.
    EmptyFields,
    /// The join link lacks the server or the database.
    BrokenLink,
    /// The server did not do it.
    Remote(RemoteError),
    /// This browser could not store it.
    Store(StoreError),
}

impl From<SyncError> for SyncFailure {
    fn from(error: SyncError) -> Self {
        match error {
            SyncError::Remote(error) => SyncFailure::Remote(error),
            SyncError::Store(error) => SyncFailure::Store(error),
            SyncError::NotShared | SyncError::Deleted => SyncFailure::Store(StoreError::Conflict),
        }
    }
}

/// Team sync: the shares, each one's status, and the loops that replicate them.
#[derive(Clone, Copy)]
pub struct TeamSync {
    context: AppContext,
    /// The shared incidents, as last stored.
    pub shares: RwSignal<BTreeMap<IncidentId, Share>>,
    /// Each shared incident's status.
    pub statuses: RwSignal<BTreeMap<IncidentId, Status>>,
    /// The wake-up call of each running loop.
    wakers: StoredValue<BTreeMap<IncidentId, UnboundedSender<()>>, LocalStorage>,
    /// The incidents whose loop runs in this tab (it holds their locks).
    holding: StoredValue<BTreeSet<IncidentId>, LocalStorage>,
    /// The channel to this browser's other tabs.
    channel: StoredValue<Option<Channel>, LocalStorage>,
}

impl TeamSync {
    /// Starts team sync for the app: reads the shares and starts a loop for
    /// each. With nothing shared, nothing runs and no request is made.
    pub fn start(context: AppContext) -> TeamSync {
        let sync = TeamSync {
            context,
            shares: RwSignal::new(BTreeMap::new()),
            statuses: RwSignal::new(BTreeMap::new()),
            wakers: StoredValue::new_local(BTreeMap::new()),
            holding: StoredValue::new_local(BTreeSet::new()),
            channel: StoredValue::new_local(None),
        };
        // Another tab's loop says how it goes, or a tab asks how this tab's goes.
        let channel = Channel::open(move |id, status| {
            let here = sync.holding.with_value(|holding| holding.contains(&id));
            match status {
                Some(status) if !here && sync.wakers.with_value(|wakers| wakers.contains_key(&id)) => {
                    sync.statuses.update(|statuses| {
                        statuses.insert(id, status);
                    });
                }
                None if here => {
                    if let Some(status) = sync.statuses.with_untracked(|statuses| statuses.get(&id).cloned()) {
                        sync.tell(id, &status);
                    }
                }
                _ => {}
            }
        });
        sync.channel.set_value(Some(channel));
        spawn_local(async move {
            if let Ok(shares) = context.store().shares().await {
                for share in shares.items {
                    sync.follow(share.value);
                }
            }
        });
        // A change stored here, or heard from another tab, is sent at once.
        context.tabs.on_stored(move |changed| sync.changed(changed));
        context.tabs.on_heard(move |changed| sync.changed(changed));
        // Back online: every loop tries again now rather than at its back-off.
        let online = Closure::<dyn Fn()>::new(move || sync.wake_all());
        let _ = gloo_utils::window().add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        provide_context(sync);
        sync
    }

    /// The team sync of the app.
    pub fn get() -> TeamSync {
        expect_context::<TeamSync>()
    }

    fn changed(self, changed: Changed) {
        if let Changed::Incident(id) | Changed::Review(id) = changed {
            self.wake(id);
            // A round or a choice in another tab may have changed the share
            // (its review's conflicts): the pages here show it as stored.
            if self.shares.with_untracked(|shares| shares.contains_key(&id)) {
                let store = self.context.store();
                spawn_local(async move {
                    if let Ok(share) = replicate::find_share(store.as_ref(), id).await {
                        self.shares.update(|shares| {
                            shares.insert(id, share.value);
                        });
                    }
                });
            }
        }
    }

    fn wake(self, id: IncidentId) {
        self.wakers.with_value(|wakers| {
            if let Some(waker) = wakers.get(&id) {
                let _ = waker.unbounded_send(());
            }
        });
    }

    fn wake_all(self) {
        self.wakers.with_value(|wakers| {
            for waker in wakers.values() {
                let _ = waker.unbounded_send(());
            }
        });
    }

    /// Starts the loop of a share (unless it runs already).
    fn follow(self, share: Share) {
        let id = share.incident;
        if self.wakers.with_value(|wakers| wakers.contains_key(&id)) {
            return self.wake(id);
        }
        let (waker, wake) = unbounded();
        self.wakers.update_value(|wakers| {
            wakers.insert(id, waker);
        });
        self.shares.update(|shares| {
            shares.insert(id, share);
        });
        self.statuses.update(|statuses| {
            statuses.insert(id, Status::Connecting { waiting: 0 });
        });
        // The loop runs once this tab holds its lock; until then, the tab that
        // holds it says how it goes.
        self.channel.with_value(|channel| channel.as_ref().map(|c| c.ask(id)));
        spawn_local(async move {
            let name = lock_name(id);
            holding(
                &name,
                Box::pin(async move {
                    self.holding.update_value(|holding| {
                        holding.insert(id);
                    });
                    self.run(id, wake).await;
                    self.holding.update_value(|holding| {
                        holding.remove(&id);
                    });
                }),
            )
            .await;
        });
    }

    /// Sets the status of `id`, here and in the tabs that wait for its lock.
    fn show(self, id: IncidentId, status: Status) {
        self.tell(id, &status);
        self.statuses.update(|statuses| {
            statuses.insert(id, status);
        });
    }

    /// Tells the other tabs the status of `id`'s loop, which runs here.
    fn tell(self, id: IncidentId, status: &Status) {
        self.channel.with_value(|channel| channel.as_ref().map(|c| c.tell(id, status)));
    }

    /// The replication loop of one shared incident, until it is no longer shared.
    async fn run(self, id: IncidentId, mut wake: UnboundedReceiver<()>) {
        let context = self.context;
        let mut failures = 0;
        loop {
            let store = context.store();
            let share = match replicate::find_share(store.as_ref(), id).await {
                Ok(share) => share.value,
                Err(_) => return self.ended(id),
            };
            self.shares.update(|shares| {
                shares.insert(id, share.clone());
            });
            let couch = Couch::new(&share.server, &share.database);
            let waiting = self::waiting(store.as_ref(), &share).await.unwrap_or(0);
            if waiting > 0
                && matches!(self.statuses.with_untracked(|s| s.get(&id).cloned()), Some(Status::Synced { .. }))
            {
                self.show(id, Status::Waiting { waiting });
            }
            // Sending a long incident: the count of what waits moves batch by batch.
            let report = move |progress: Progress| {
                if progress.waiting > 0 {
                    self.show(id, Status::Waiting { waiting: progress.waiting });
                }
            };
            match replicate::round_reporting(store.as_ref(), &couch, id, Utc::now(), &report).await {
                Ok(outcome) => {
                    failures = 0;
                    if outcome.received > 0 {
                        // One change at a time: views hear the last one set. The
                        // list re-reads on an incident's change too.
                        context.tabs.pulled(id, outcome.told.clone());
                    }
                    let left = replicate::find_share(store.as_ref(), id).await.ok();
                    let since = left.as_ref().map(|s| s.value.since.clone()).unwrap_or_default();
                    if let Some(left) = left {
                        self.shares.update(|shares| {
                            shares.insert(id, left.value);
                        });
                    }
                    match outcome.refused.first() {
                        // Refused because the server's session is another user's
                        // (another share on the same server signed in since):
                        // only signing in again as this share's user helps.
                        Some(_)
                            if couch::signed_in(&share.server)
                                .await
                                .is_ok_and(|now| now != Some(share.user.clone())) =>
                        {
                            self.show(id, Status::SignedOut { waiting: outcome.refused.len() });
                            if wake.next().await.is_none() {
                                return;
                            }
                            while wake.try_recv().is_ok() {}
                            continue;
                        }
                        Some((_, reason)) => {
                            self.show(id, Status::Failed { waiting: outcome.refused.len(), reason: reason.clone() })
                        }
                        None => self.show(id, Status::Synced { at: Utc::now() }),
                    }
                    // Wait for a change on the server, or here.
                    let Ok(stop) = web_sys::AbortController::new() else { return };
                    let server = Box::pin(couch.wait_for_change(&since, LONGPOLL_SECONDS, &stop));
                    let here = wake.next();
                    if let Either::Right((None, _)) = select(server, here).await {
                        return;
                    }
                    stop.abort();
                    // Several wake-up calls at once are one.
                    while wake.try_recv().is_ok() {}
                }
                Err(SyncError::NotShared) => return self.ended(id),
                // Deleted here: sharing it ends (the server keeps its copy).
                Err(SyncError::Deleted) => {
                    let _ = self.stop(id).await;
                    return self.ended(id);
                }
                Err(SyncError::Store(StoreError::Conflict)) => {
                    // Another tab wrote first: a new round on what is stored now.
                    gloo_timers::future::TimeoutFuture::new(50).await;
                }
                Err(error) => {
                    failures += 1;
                    let waiting = self::waiting(store.as_ref(), &share).await.unwrap_or(waiting);
                    let status = Status::after(&error, waiting);
                    let signed_out = matches!(status, Status::SignedOut { .. });
                    self.show(id, status);
                    let here = wake.next();
                    if signed_out {
                        // Only signing in again helps.
                        if here.await.is_none() {
                            return;
                        }
                    } else {
                        let pause = gloo_timers::future::TimeoutFuture::new(backoff_seconds(failures) * 1000);
                        if let Either::Right((None, _)) = select(pause, here).await {
                            return;
                        }
                    }
                    while wake.try_recv().is_ok() {}
                }
            }
        }
    }

    /// The share of `id` is gone: its loop ends.
    fn ended(self, id: IncidentId) {
        self.wakers.update_value(|wakers| {
            wakers.remove(&id);
        });
        self.shares.update(|shares| {
            shares.remove(&id);
        });
        self.statuses.update(|statuses| {
            statuses.remove(&id);
        });
    }

    /// Shares the incident `id` as the lead: signs in, creates its database with
    /// its rules, stores the share and starts sending.
    pub async fn share(
        self,
        id: IncidentId,
        address: String,
        user: String,
        password: String,
    ) -> Result<(), SyncFailure> {
        let origin = server_origin(&address).ok_or(SyncFailure::BadAddress)?;
        let (user, password) = (user.trim().to_owned(), password);
        if user.is_empty() || password.is_empty() {
            return Err(SyncFailure::EmptyFields);
        }
        let name = couch::sign_in(&origin, &user, &password).await.map_err(SyncFailure::Remote)?;
        let database = database_of(id);
        Couch::new(&origin, &database).create(&name).await.map_err(SyncFailure::Remote)?;
        self.store_share(new_share(id, origin, database, name)).await
    }

    /// Joins a shared incident from a join link's server and database: signs
    /// in, stores the share and receives the incident, telling `received` how
    /// many of its documents are stored so far. Returns its id once the
    /// incident is here.
    pub async fn join(
        self,
        address: String,
        database: String,
        (user, password): (String, String),
        received: &dyn Fn(usize),
    ) -> Result<IncidentId, SyncFailure> {
        let origin = server_origin(&address).ok_or(SyncFailure::BadAddress)?;
        let id = incident_of(&database).ok_or(SyncFailure::BrokenLink)?;
        let user = user.trim().to_owned();
        if user.is_empty() || password.is_empty() {
            return Err(SyncFailure::EmptyFields);
        }
        let name = couch::sign_in(&origin, &user, &password).await.map_err(SyncFailure::Remote)?;
        let store = self.context.store();
        if replicate::find_share(store.as_ref(), id).await.is_err() {
            let batch = Batch {
                share: Some(ShareWrite::Put(Edit::create(new_share(id, origin.clone(), database.clone(), name)))),
                ..Batch::default()
            };
            store.write(batch).await.map_err(SyncFailure::Store)?;
        }
        // The first round here, so that the incident is shown once it is stored.
        let couch = Couch::new(&origin, &database);
        let report = |progress: Progress| received(progress.received);
        let mut first = replicate::round_reporting(store.as_ref(), &couch, id, Utc::now(), &report).await;
        if first == Err(SyncError::Store(StoreError::Conflict)) {
            first = replicate::round_reporting(store.as_ref(), &couch, id, Utc::now(), &report).await;
        }
        // A database with nothing of the incident yet (shared, but not sent
        // yet) is no join: there is nothing to open.
        if first.is_ok() && store.incident(id).await.ok().flatten().is_none() {
            first = Err(SyncError::Remote(crate::sync::RemoteError::NoIncident));
        }
        match first {
            Ok(_) => {
                self.context.tabs.arrived(Changed::Incidents);
                if let Ok(share) = replicate::find_share(store.as_ref(), id).await {
                    self.follow(share.value);
                }
                Ok(id)
            }
            Err(error) => {
                // Nothing of the incident came: the share is taken back, so the
                // link can be opened again.
                if store.incident(id).await.ok().flatten().is_none() {
                    if let Ok(share) = replicate::find_share(store.as_ref(), id).await {
                        let _ = store.write(Batch { share: Some(ShareWrite::Stop(share)), ..Batch::default() }).await;
                    }
                }
                Err(error.into())
            }
        }
    }

    /// Signs in again to the server of a shared incident; its loop then goes on.
    pub async fn sign_in_again(self, id: IncidentId, password: String) -> Result<(), SyncFailure> {
        let Some(share) = self.shares.with_untracked(|shares| shares.get(&id).cloned()) else {
            return Err(SyncFailure::Store(StoreError::Conflict));
        };
        if password.is_empty() {
            return Err(SyncFailure::EmptyFields);
        }
        couch::sign_in(&share.server, &share.user, &password).await.map_err(SyncFailure::Remote)?;
        // The loop may run in another tab: that tab hears it too.
        self.context.tabs.announce(Changed::Incident(id));
        Ok(())
    }

    /// Stops sharing `id` from this browser; its entries stay, here and there.
    pub async fn stop(self, id: IncidentId) -> Result<(), SyncFailure> {
        let store = self.context.store();
        let share = replicate::find_share(store.as_ref(), id).await?;
        store
            .write(Batch { share: Some(ShareWrite::Stop(share)), ..Batch::default() })
            .await
            .map_err(SyncFailure::Store)?;
        // The loop may run in another tab: that tab hears it too, and ends it.
        self.context.tabs.announce(Changed::Incident(id));
        self.ended(id);
        Ok(())
    }

    /// Resolves a conflict of `id`'s review by keeping `keep` (the version
    /// here or one from another device): stored here with the choice, which the
    /// loop then sends to the server, deleting the other versions there.
    pub async fn resolve(self, id: IncidentId, doc: &str, keep: serde_json::Value) -> Result<(), ResolveError> {
        let store = self.context.store();
        let share = replicate::find_share(store.as_ref(), id).await?;
        review::resolve(store.as_ref(), share, doc, keep).await?;
        if let Ok(share) = replicate::find_share(store.as_ref(), id).await {
            self.shares.update(|shares| {
                shares.insert(id, share.value);
            });
        }
        // The review page re-reads; the loop, here or in another tab, sends it.
        self.context.tabs.arrived(Changed::Review(id));
        self.wake(id);
        Ok(())
    }

    async fn store_share(self, share: Share) -> Result<(), SyncFailure> {
        let store = self.context.store();
        let batch = Batch { share: Some(ShareWrite::Put(Edit::create(share.clone()))), ..Batch::default() };
        match store.write(batch).await {
            Ok(()) => {}
            // Shared already (from another tab): that share goes on.
            Err(StoreError::Conflict) => {}
            Err(error) => return Err(SyncFailure::Store(error)),
        }
        self.follow(share);
        Ok(())
    }
}

/// How many documents of a share wait to be sent: the incident's and its
/// review's.
async fn waiting(store: &dyn Store, share: &Share) -> Option<usize> {
    let docs = replicate::waiting(store, share).await.ok()?.len();
    Some(docs + review::waiting(store, share).await.unwrap_or(0))
}

/// A new share, with a replication id of its own.
fn new_share(incident: IncidentId, server: String, database: String, user: String) -> Share {
    let replication = crate::ui::common::context::new_replication_id();
    Share {
        incident,
        server,
        database,
        user,
        replication,
        since: serde_json::Value::Null,
        on_server: Default::default(),
        synced_at: None,
        authors: Default::default(),
        review: Default::default(),
        conflicts: Default::default(),
        held: Default::default(),
    }
}
