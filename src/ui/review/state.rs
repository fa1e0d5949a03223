//! The review as its pages show it, and the review's command layer: the only
//! code of the review pages that writes to the store.
//!
//! Every change goes through [`ReviewState::change`]: it waits for the review's
//! earlier writes, computes the change from the review as last stored, writes
//! it, and shows it once stored. A section saved on blur and an item added by the
//! same click therefore both reach the store, each on top of the other, and a
//! failed write is never the base of the next change.

use crate::domain::review::Review;
use crate::domain::{Incident, IncidentId, RunbookRun, Timeline};
use crate::store::{Batch, Edit, Revised, Revision, StoreError};
use crate::ui::common::command::{Failed, Queue, Unchanged};
use crate::ui::common::context::{AppContext, Problem, ATTEMPTS};
use crate::ui::common::tabs::Changed;
use crate::ui::common::task::effect;
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::convert::Infallible;

/// The incident and its review as the page shows them.
#[derive(Clone, Copy)]
pub struct ReviewState {
    /// The incident reviewed.
    pub incident: RwSignal<Option<Incident>>,
    /// Its timeline.
    pub timeline: RwSignal<Timeline>,
    /// Its runbook runs, which the JSON export carries.
    pub runs: RwSignal<Vec<RunbookRun>>,
    /// The review as stored, once started.
    pub review: RwSignal<Option<Review>>,
    /// Whether loading finished.
    pub loaded: RwSignal<bool>,
    /// The revisions of the review's records as last read or written.
    revision: StoredValue<Revision>,
    /// The review's writes, one after another.
    queue: Queue,
}

impl ReviewState {
    /// The scope of the review's drafts (`ui::common::drafts`).
    pub fn draft_scope(&self) -> String {
        let id = self.incident.with_untracked(|i| i.as_ref().map(|i| i.id().to_string())).unwrap_or_default();
        format!("review.{id}")
    }

    /// Loads the incident named by the page's address, with its review.
    pub fn load(context: AppContext) -> Self {
        let state = ReviewState {
            incident: RwSignal::new(None),
            timeline: RwSignal::new(Timeline::default()),
            runs: RwSignal::new(Vec::new()),
            review: RwSignal::new(None),
            loaded: RwSignal::new(false),
            revision: StoredValue::new(Revision::default()),
            queue: Queue::new(),
        };
        let params = use_params_map();
        effect(move |_| {
            let Some(id) = params.with(|p| p.get("id")).and_then(|id| id.parse::<IncidentId>().ok()) else {
                return state.loaded.set(true);
            };
            spawn_local(async move {
                let store = context.store();
                let (incident, timeline, runs, review) =
                    (store.incident(id).await, store.timeline(id).await, store.runs(id).await, store.review(id).await);
                match (incident, timeline, runs, review) {
                    (Ok(incident), Ok(timeline), Ok(runs), Ok(review)) => {
                        state.timeline.set(Timeline::from_entries(timeline.items));
                        state.runs.set(runs.items);
                        state.incident.set(incident.map(|i| i.value));
                        state.show(review);
                    }
                    (Err(e), _, _, _) | (_, Err(e), _, _) | (_, _, Err(e), _) | (_, _, _, Err(e)) => {
                        context.problem.set(Some(Problem::Store(e)))
                    }
                }
                state.loaded.set(true);
            });
        });
        // Another tab stored a change of this review or its incident: read it
        // again, after this tab's pending writes of the review.
        context.tabs.on_heard(move |changed| {
            let Some(id) = state.incident.with_untracked(|i| i.as_ref().map(Incident::id)) else { return };
            if changed == Changed::Review(id) || changed == Changed::Incident(id) {
                spawn_local(state.queue.run(move || async move {
                    let store = context.store();
                    state.reread(context, id).await;
                    if let Ok(timeline) = context.report::<_, Infallible>(store.timeline(id).await) {
                        state.timeline.set(Timeline::from_entries(timeline.items));
                    }
                }));
            }
        });
        state
    }

    /// Starts the review, unless one was started already. The review is created,
    /// never replaced: if another tab started it first, the store refuses this
    /// one and the page shows theirs.
    pub async fn start(self, context: AppContext, id: IncidentId) -> Result<(), Failed<Unchanged>> {
        self.write(
            context,
            |current| match current {
                Some(_) => Err(Unchanged),
                None => Ok(Some(Review::start(id, &me(context), Utc::now()))),
            },
            true,
        )
        .await
    }

    /// Changes the review: `change` gets the review as last stored (after every
    /// change queued before this one) and returns the changed review or a
    /// refusal. Once stored, the pages show it; a store failure is shown in the
    /// banner and changes nothing on screen. The document is shown only once the
    /// review is started, so there is always a review to change.
    ///
    /// Only the review's records that changed are written (a section, an item,
    /// the header...), each expecting the revision this tab read. If another tab
    /// changed one of them first, the review is read again and `change` runs
    /// again on it: a change that depends on what it replaces (a section's text)
    /// checks that itself and refuses rather than overwrite.
    pub async fn change<E>(
        self,
        context: AppContext,
        change: impl Fn(&Review) -> Result<Review, E>,
    ) -> Result<(), Failed<E>> {
        self.write(context, |current| current.map(&change).transpose(), false).await
    }

    /// Shows a review as read, with its revisions.
    fn show(self, review: Option<Revised<Review>>) {
        match review {
            Some(review) => {
                self.revision.set_value(review.revision);
                self.review.set(Some(review.value));
            }
            None => {
                self.revision.set_value(Revision::default());
                self.review.set(None);
            }
        }
    }

    /// Reads the review again and shows it.
    async fn reread(self, context: AppContext, id: IncidentId) {
        if let Ok(review) = context.report::<_, Infallible>(context.store().review(id).await) {
            self.show(review);
        }
    }

    /// Writes what `change` makes of the stored review, if it makes anything;
    /// `create` says the review is new and must not replace a stored one.
    async fn write<E>(
        self,
        context: AppContext,
        change: impl Fn(Option<&Review>) -> Result<Option<Review>, E>,
        create: bool,
    ) -> Result<(), Failed<E>> {
        self.queue
            .run(move || async move {
                let mut attempt = 1;
                loop {
                    // The page may have gone while this change waited for the
                    // review's earlier work (a re-read of a long timeline): its
                    // signals are disposed then, and reading one would stop the app.
                    if self.review.is_disposed() {
                        return Err(Failed::page_left());
                    }
                    let changed = self.review.with_untracked(|current| change(current.as_ref()));
                    let Some(review) = changed.map_err(Failed::Refused)? else { return Ok(()) };
                    let id = review.incident();
                    let base = match self.review.get_untracked() {
                        Some(base) if !create => Some(Revised { value: base, revision: self.revision.get_value() }),
                        _ => None,
                    };
                    let written = store(context, base, review).await;
                    let conflict = written == Err(StoreError::Conflict);
                    if !conflict || attempt == ATTEMPTS {
                        context.report(written)?;
                    }
                    attempt += 1;
                    // What is stored now: this change, or another tab's first.
                    self.reread(context, id).await;
                    if !conflict {
                        context.tabs.announce(Changed::Review(id));
                        return Ok(());
                    }
                    if create {
                        // Another tab started the review first: the page shows theirs.
                        return Ok(());
                    }
                }
            })
            .await
    }
}

/// Writes `review` over `base`, the review as read with its records' revisions:
/// only the records that changed, each expecting its revision (without a base,
/// the review is created and never replaces a stored one).
async fn store(context: AppContext, base: Option<Revised<Review>>, review: Review) -> Result<(), StoreError> {
    let edit = match base {
        Some(base) => Edit::change(base, review),
        None => Edit::create(review),
    };
    context.store().write(Batch { reviews: vec![edit], ..Batch::default() }).await
}

/// The review command layer of a page that changes the reviews of several
/// incidents (the plan), which keeps no review of its own: each change starts
/// from the review as stored now.
#[derive(Clone, Copy)]
pub struct ReviewCommands {
    /// The page's review writes, one after another.
    queue: Queue,
}

impl ReviewCommands {
    /// The commands of the current page (its reactive owner).
    pub fn new() -> Self {
        Self { queue: Queue::new() }
    }

    /// Changes the review of incident `id`: `change` gets the review as stored
    /// now (after this page's earlier writes; `None` if there is none) and
    /// returns the changed review or a refusal. Only the records that changed are
    /// written, each expecting the revision just read; if another tab wrote one
    /// of them in between, the review is read again and `change` runs again on
    /// it, so a change that depends on what it replaces (an item as a page showed
    /// it) checks that itself and refuses rather than overwrite. Returns the
    /// review as stored.
    pub async fn change<E>(
        self,
        context: AppContext,
        id: IncidentId,
        change: impl Fn(Option<&Review>) -> Result<Review, E>,
    ) -> Result<Review, Failed<E>> {
        self.queue
            .run(move || async move {
                let mut attempt = 1;
                loop {
                    let base = context.report(context.store().review(id).await)?;
                    let review = change(base.as_ref().map(|b| &b.value)).map_err(Failed::Refused)?;
                    if base.as_ref().is_some_and(|b| b.value == review) {
                        return Ok(review);
                    }
                    let written = store(context, base, review.clone()).await;
                    let conflict = written == Err(StoreError::Conflict);
                    if !conflict || attempt == ATTEMPTS {
                        context.report(written)?;
                    }
                    if !conflict {
                        context.tabs.announce(Changed::Review(id));
                        return Ok(review);
                    }
                    attempt += 1;
                }
            })
            .await
    }
}

impl ReviewCommands {
    /// Runs `read` once this page's pending review writes are stored, so that
    /// what it reads holds them.
    pub async fn after_writes<T, Fut: std::future::Future<Output = T>>(self, read: impl FnOnce() -> Fut) -> T {
        self.queue.run(read).await
    }
}

impl Default for ReviewCommands {
    fn default() -> Self {
        Self::new()
    }
}

/// The name changes are signed with.
pub fn me(context: AppContext) -> String {
    context.settings.with_untracked(|s| s.display_name().to_owned())
}
