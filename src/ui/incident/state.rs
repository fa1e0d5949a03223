//! The incident as its page shows it, and the incident's command layer: the only
//! code of the incident page that writes to the store.
//!
//! Every change goes through [`IncidentState::change`]: it waits for the
//! incident's earlier writes, computes the change from the incident, timeline
//! and runs as last stored, writes the incident and the entries recording the
//! change in one transaction, and updates the signals only once that is stored.
//!
//! The write expects the incident's head revision as this tab last read it. If
//! another tab appended meanwhile, the store refuses the write; the page then
//! reads the incident again and computes the change anew from what is now
//! stored, so the rules (closing needs the resolved milestone, say) are checked
//! against the incident as it is, never against a stale copy.

use crate::domain::checklist::{Checklist, StepError};
use crate::domain::order::set_of;
use crate::domain::{
    EntryId, Incident, IncidentId, RunId, RunbookRun, StepAction, Timeline, TimelineEntry, Tombstone, Warning,
};
use crate::store::{
    bundles, Batch, Edit, End, Loaded, Opening, Revised, Revision, Store, StoreError, Told, Unreadable,
};
use crate::ui::common::command::{Failed, Queue};
use crate::ui::common::context::AppContext;
use crate::ui::common::tabs::Changed;
use leptos::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::convert::Infallible;

/// The incident as the page shows it: the incident, its timeline and its runbook
/// runs, each as last stored.
#[derive(Clone, Copy)]
pub struct IncidentState {
    /// The incident.
    pub incident: RwSignal<Incident>,
    /// Its timeline.
    pub timeline: RwSignal<Timeline>,
    /// Its runbook runs, in the order they started.
    pub runs: RwSignal<Vec<RunbookRun>>,
    /// Whether every entry has been read: until then the timeline holds only
    /// its newest entries ([`first_rows`]), and what needs all of them (the
    /// checklists, the updates, the incident folded from its entries) waits.
    pub loaded: RwSignal<bool>,
    /// The incident's head revision as last read or written.
    head: StoredValue<Revision>,
    /// The incident's writes, one after another.
    queue: Queue,
}

/// Why a deletion was not made: the incident changed after the page showed
/// the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedMeanwhile;

/// What a change of the incident stores: the changed incident (or `None` when
/// only entries are added), the entries recording the change, new runbook runs.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// The incident as changed.
    pub incident: Option<Incident>,
    /// The entries to add.
    pub entries: Vec<TimelineEntry>,
    /// The runbook runs to add.
    pub runs: Vec<RunbookRun>,
}

/// How many times a change is computed anew when other tabs keep appending
/// first; after that the refusal is shown.
const ATTEMPTS: usize = 4;

/// What a change reads: the incident, its timeline and its runs as last stored.
pub struct Current<'a> {
    /// The incident.
    pub incident: &'a Incident,
    /// Its timeline.
    pub timeline: &'a Timeline,
    /// Its runbook runs.
    pub runs: &'a [RunbookRun],
}

impl IncidentState {
    /// The state of an incident read with its newest entries ([`first_rows`]),
    /// with its timeline signal and runs; [`IncidentState::load_rest`] reads the
    /// rest.
    pub fn new(incident: Revised<Incident>, timeline: RwSignal<Timeline>, runs: Vec<RunbookRun>) -> Self {
        Self {
            incident: RwSignal::new(incident.value),
            timeline,
            runs: RwSignal::new(runs),
            loaded: RwSignal::new(false),
            head: StoredValue::new(incident.revision),
            queue: Queue::new(),
        }
    }

    /// Records a change. `change` gets the incident as last stored (after every
    /// change queued before this one) and returns what to store: a changed
    /// incident, the entries recording the change, new runs; or a refusal. Once
    /// stored, the page shows it; a store failure is shown in the banner and
    /// changes nothing on screen. If another tab appended first, the incident is
    /// read again and `change` runs again on it.
    pub async fn change<E>(
        self,
        context: AppContext,
        change: impl Fn(Current<'_>) -> Result<Change, E>,
    ) -> Result<(), Failed<E>> {
        self.queue
            .run(move || async move {
                let mut attempt = 1;
                loop {
                    if self.gone() {
                        return Err(Failed::page_left());
                    }
                    let computed = self.incident.with_untracked(|incident| {
                        self.timeline.with_untracked(|timeline| {
                            self.runs.with_untracked(|runs| change(Current { incident, timeline, runs }))
                        })
                    });
                    let computed = computed.map_err(Failed::Refused)?;
                    let base = Revised { value: self.incident.get_untracked(), revision: self.head.get_value() };
                    let incident = computed.incident.clone().unwrap_or_else(|| base.value.clone());
                    let batch = Batch {
                        incident: Some(Edit::change(base, incident.clone())),
                        entries: computed.entries.clone(),
                        runs: computed.runs.clone(),
                        ..Batch::default()
                    };
                    match context.store().write(batch).await {
                        Err(StoreError::Conflict) if attempt < ATTEMPTS => {
                            attempt += 1;
                            self.catch_up(context).await;
                            continue;
                        }
                        written => context.report(written)?,
                    }
                    let id = incident.id();
                    let revision = self.head.with_value(|head| head.get(&id.to_string()).unwrap_or(0) + 1);
                    self.head.update_value(|head| head.insert(id.to_string(), revision));
                    let keys = computed.entries.iter().map(|e| e.id().to_string()).collect();
                    self.incident.set(incident);
                    self.timeline.update(|timeline| timeline.insert_all(computed.entries));
                    self.runs.update(|known| known.extend(computed.runs));
                    context.tabs.appended(id, Told { revision, keys });
                    return Ok(());
                }
            })
            .await
    }

    /// Reads the incident again (after this tab's pending writes of it), when
    /// another tab stored a change of it: the page shows the fold of every
    /// entry, its own and the other tab's. Returns the warnings to show.
    pub async fn refresh(self, context: AppContext) -> Option<Reread> {
        self.queue.run(move || self.catch_up(context)).await
    }

    /// Reads every entry after the first rows: the first write of the queue,
    /// so every change waits for it and is computed from the whole timeline. It
    /// starts once the first rows are painted, so that reading and drawing
    /// thousands of entries never holds them back.
    pub async fn load_rest(self, context: AppContext) -> Option<Reread> {
        self.queue
            .run(move || async move {
                after_paint().await;
                self.reread(context).await
            })
            .await
    }

    /// Reads what was stored since this page read the incident (another tab's
    /// entries): the incident and runs, and only the entries the page lacks, by
    /// key (those the other tabs told of, when they account for every write
    /// since the page's revision; else found by the keys of all), so that a change on a timeline of thousands is not held up reading
    /// them all again. Before the whole timeline was read, or when the entries
    /// do not fold into the stored incident or some cannot be read, it reads
    /// the whole incident again ([`Self::reread`], which mends the fold).
    async fn catch_up(self, context: AppContext) -> Option<Reread> {
        if !self.loaded.get_untracked() {
            return self.reread(context).await;
        }
        let id = self.incident.try_with_untracked(Incident::id)?;
        let known: BTreeSet<String> =
            self.timeline.with_untracked(|timeline| set_of(timeline.entries().iter().map(|e| e.id().to_string())));
        let told = self.head.with_value(|head| head.get(&id.to_string())).and_then(|at| context.tabs.told(id, at));
        let found = context.report::<_, Infallible>(context.store().catch_up(id, known, told).await).ok().flatten()?;
        if self.gone() {
            return None;
        }
        if !found.entries.unreadable.is_empty() || !found.runs.unreadable.is_empty() {
            return self.reread(context).await;
        }
        let (folded, warnings) = self.timeline.with_untracked(|timeline| {
            Incident::from_timeline(&found.incident.value, timeline.entries().iter().chain(&found.entries.items))
        });
        if folded != found.incident.value {
            return self.reread(context).await;
        }
        self.head.set_value(found.incident.revision);
        self.incident.set(found.incident.value);
        if !found.entries.items.is_empty() {
            self.timeline.update(|timeline| timeline.insert_all(found.entries.items));
        }
        self.show_runs(found.runs.items);
        Some(Reread { warnings, unreadable: Vec::new() })
    }

    /// The runs as read, in the order they started, when there are new ones.
    fn show_runs(self, mut runs: Vec<RunbookRun>) {
        crate::domain::order::sort_by_key(&mut runs, |run| (run.started_at(), run.id()));
        if self.runs.with_untracked(|known| known.len() != runs.len()) {
            self.runs.set(runs);
        }
    }

    /// Reads the incident, its entries and runs, and shows what is new.
    async fn reread(self, context: AppContext) -> Option<Reread> {
        let id = self.incident.try_with_untracked(Incident::id)?;
        let loaded = context.report::<_, Infallible>(load(context, id).await).ok().flatten()?;
        if self.gone() {
            return None;
        }
        self.head.set_value(loaded.incident.revision);
        self.incident.set(loaded.incident.value);
        let entries = loaded.entries.items;
        // Only the entries this tab has not seen yet are added, so rows on
        // screen are not redrawn.
        let known: HashSet<EntryId> =
            self.timeline.with_untracked(|timeline| timeline.entries().iter().map(TimelineEntry::id).collect());
        let new: Vec<TimelineEntry> = entries.into_iter().filter(|e| !known.contains(&e.id())).collect();
        if !new.is_empty() {
            self.timeline.update(|timeline| timeline.insert_all(new));
        }
        self.show_runs(loaded.runs.items);
        if !self.loaded.get_untracked() {
            // The whole timeline is drawn in this task; what is read from all of
            // it waits for the next, so neither blocks the page for long.
            gloo_timers::future::TimeoutFuture::new(0).await;
            self.loaded.set(true);
        }
        let unreadable = loaded.entries.unreadable.into_iter().chain(loaded.runs.unreadable).collect();
        Some(Reread { warnings: loaded.warnings, unreadable })
    }

    /// The incident's revision as the page shows it: a deletion confirmed on
    /// it deletes what the page showed then, and nothing stored since.
    pub fn shown(self) -> Revision {
        self.head.get_value()
    }

    /// Deletes the incident with its timeline, runs and review, as it was
    /// `shown` when the deletion was confirmed. If it changed since (an entry
    /// from another tab or a teammate, heard or met as a conflict when
    /// writing), nothing is deleted: the page reads the incident again, so the
    /// confirmation says what the incident holds now, and asks again. An entry
    /// stored elsewhere is never deleted unseen.
    pub async fn delete(self, context: AppContext, shown: Revision) -> Result<(), Failed<ChangedMeanwhile>> {
        self.queue
            .run(move || async move {
                if self.gone() {
                    return Err(Failed::page_left());
                }
                if self.head.get_value() != shown {
                    return Err(Failed::Refused(ChangedMeanwhile));
                }
                let store = context.store();
                let id = self.incident.with_untracked(Incident::id);
                let base = Revised { value: self.incident.get_untracked(), revision: shown };
                let by = context.settings.with_untracked(|s| s.display_name().to_owned());
                let deleted = context.report(bundles::deletion(store.as_ref(), base, &by, chrono::Utc::now()).await)?;
                match store.write(Batch { deleted: Some(deleted), ..Batch::default() }).await {
                    Err(StoreError::Conflict) => {
                        self.reread(context).await;
                        return Err(Failed::Refused(ChangedMeanwhile));
                    }
                    written => context.report(written)?,
                }
                context.tabs.announce(Changed::Incident(id));
                context.tabs.announce(Changed::Incidents);
                Ok(())
            })
            .await
    }

    /// Whether the page that showed this state has gone (a link followed, another
    /// incident opened): its signals are disposed, and reading one would stop
    /// the app. A change queued behind a read of a long timeline can find the
    /// page gone when its turn comes.
    fn gone(self) -> bool {
        // The state's signals are made together and go together; the timeline
        // is the page's, which goes with them or after them.
        self.incident.is_disposed()
    }

    /// Adds entries that change nothing but the timeline (a note, a status
    /// update, an escalation step), built from the incident as last stored.
    pub async fn add_entries<E>(
        self,
        context: AppContext,
        entries: impl Fn(Current<'_>) -> Result<Vec<TimelineEntry>, E>,
    ) -> Result<(), Failed<E>> {
        self.change(context, |current| Ok(Change { entries: entries(current)?, ..Change::default() })).await
    }

    /// Every run's checklist as it stands now; a view that reads it redraws when
    /// the runs, the incident, the timeline or the ladder change.
    pub fn checklists(self, context: AppContext) -> Vec<Checklist> {
        let ladder = context.ladder();
        self.runs.with(|runs| {
            self.incident.with(|incident| {
                self.timeline.with(|timeline| {
                    runs.iter().map(|run| Checklist::build(run, incident, &ladder, timeline)).collect()
                })
            })
        })
    }

    /// Does, skips (with `why`) or reopens step `index` of run `run`, judged on
    /// the checklist as last stored, not as this tab last drew it.
    pub async fn act_on_step(
        self,
        context: AppContext,
        run: RunId,
        index: usize,
        action: StepAction,
        why: &str,
    ) -> Result<(), Failed<StepError>> {
        self.add_entries(context, |current| {
            let run = current.runs.iter().find(|r| r.id() == run).ok_or(StepError::NoSuchStep)?;
            let ladder = context.settings.with_untracked(|s| s.ladder().clone());
            let list = Checklist::build(run, current.incident, &ladder, current.timeline);
            Ok(vec![list.act(index, action, why, context.stamp())?])
        })
        .await
    }
}

/// Whether the incident's review has a meeting time: `None` when no review was
/// started, `Some(None)` when it has no meeting time yet. For the check before
/// closing; the review's own page and command layer are `ui::review`'s.
pub async fn review_meeting(
    context: AppContext,
    id: IncidentId,
) -> Result<Option<Option<chrono::DateTime<chrono::Utc>>>, Failed<Infallible>> {
    let review = context.report(context.store().review(id).await)?;
    Ok(review.map(|r| r.value.meeting_at()))
}

/// What a read of the whole incident found besides what it shows: the entries
/// that break a rule, the records that could not be read.
pub struct Reread {
    /// Entries merged from elsewhere that break a rule.
    pub warnings: Vec<Warning>,
    /// Entries and runs that could not be read.
    pub unreadable: Vec<Unreadable>,
}

/// How many entries the page paints before reading the rest.
pub const FIRST_ROWS: usize = 50;

/// The incident whose page the address `path` shows (`/incidents/<id>`), if it
/// shows one: when the app starts there, it reads that page's opening together
/// with the workspace ([`crate::ui::App`]).
pub fn shown_at(path: &str) -> Option<IncidentId> {
    path.strip_prefix("/incidents/")?.parse().ok()
}

/// What the page paints first: the incident as stored (the cached fold), its
/// newest [`FIRST_ROWS`] entries read through the index by incident and time,
/// and its runs, all in one read ([`crate::store::Store::opening`]); or `None`
/// if there is no incident with that id.
pub async fn opening(store: &dyn Store, id: IncidentId) -> Result<Option<Opening>, StoreError> {
    store.opening(id, FIRST_ROWS, End::Newest).await
}

/// The page's first rows ([`opening`]): read when the app started at this
/// page's address, or read now.
pub async fn first_rows(
    context: AppContext,
    id: IncidentId,
) -> Result<Option<(Revised<Incident>, Timeline, Loaded<RunbookRun>)>, StoreError> {
    // Read already, with the workspace: the page is drawn in the task that
    // draws the app's shell, so both are painted in one frame (a task between
    // them cost a frame of the shell alone and the timer's wait before the rows).
    let opening = match context.take_first_opening(id) {
        Some(read) => read,
        None => opening(context.store().as_ref(), id).await?,
    };
    let Some(opening) = opening else { return Ok(None) };
    Ok(Some((opening.incident, Timeline::from_entries(opening.entries.items), opening.runs)))
}

/// What stays of the incident `id`, if it was deleted.
pub async fn tombstone(context: AppContext, id: IncidentId) -> Option<Tombstone> {
    context.report::<_, Infallible>(context.store().tombstone(id).await).ok().flatten()
}

/// An incident as loaded: the incident its entries make, its entries and runs,
/// and the warnings of entries that break a rule.
pub struct Found {
    /// The incident, folded from its entries, with its head revision.
    pub incident: Revised<Incident>,
    /// Its entries, and those that could not be read.
    pub entries: Loaded<TimelineEntry>,
    /// Its runbook runs, and those that could not be read.
    pub runs: Loaded<RunbookRun>,
    /// Entries merged from elsewhere (another tab, an import) that break a rule.
    pub warnings: Vec<Warning>,
}

/// Reads an incident with its timeline and runs, or `None` if there is none
/// with that id.
///
/// The incident shown is the fold of its entries ([`Incident::from_timeline`]):
/// the stored incident record is only a cache, written by the last change, which
/// a tab that had not yet seen another tab's change wrote without it. When the
/// cache disagrees with the entries it is rebuilt, so the list and the review
/// show the same incident. If an entry could not be read, the fold would miss
/// its change, so the stored record is shown as it is.
pub async fn load(context: AppContext, id: IncidentId) -> Result<Option<Found>, StoreError> {
    let store = context.store();
    let Some(record) = store.incident(id).await? else { return Ok(None) };
    let (entries, runs) = (store.timeline(id).await?, store.runs(id).await?);
    if !entries.unreadable.is_empty() {
        return Ok(Some(Found { incident: record, entries, runs, warnings: Vec::new() }));
    }
    let (incident, warnings) = Incident::from_timeline(&record.value, &entries.items);
    if incident == record.value {
        return Ok(Some(Found { incident: record, entries, runs, warnings }));
    }
    let rebuilt = Batch { incident: Some(Edit::change(record.clone(), incident.clone())), ..Batch::default() };
    let incident = match store.write(rebuilt).await {
        Ok(()) => {
            let mut revision = record.revision;
            let next = revision.get(&id.to_string()).unwrap_or(0) + 1;
            revision.insert(id.to_string(), next);
            Revised { value: incident, revision }
        }
        // Another tab wrote the incident meanwhile: the fold stands, with the
        // revision read, and the next change reads it again.
        Err(_) => Revised { value: incident, revision: record.revision },
    };
    Ok(Some(Found { incident, entries, runs, warnings }))
}

/// Waits until the browser has painted what the views show now: the next
/// animation frame is the one that paints them, and a task queued from it runs
/// after that paint. A page the browser does not draw (a tab in the background
/// has no frames) waits `UNPAINTED_MS` at most.
async fn after_paint() {
    const UNPAINTED_MS: u32 = 100;
    let (painted, frame) = futures::channel::oneshot::channel();
    request_animation_frame(move || {
        let _ = painted.send(());
    });
    futures::future::select(frame, gloo_timers::future::TimeoutFuture::new(UNPAINTED_MS)).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[cfg(test)]
mod tests {
    use super::shown_at;

    #[test]
    fn only_an_incident_page_address_names_the_incident_read_at_start() {
        let id = "01J0000000000000000000000A";
        assert_eq!(shown_at(&format!("/incidents/{id}")).map(|id| id.to_string()), Some(id.to_owned()));
        for path in [
            "/".to_owned(),
            "/incidents/".to_owned(),
            "/incidents/not-an-id".to_owned(),
            format!("/incidents/{id}/review"),
            format!("/incidents/{id}/review/meeting"),
            format!("/runbooks/{id}"),
        ] {
            assert_eq!(shown_at(&path), None, "{path}");
        }
    }
}
