//! The incident as its page shows it, and the incident's command layer: the only
//! code of the incident page that writes to the store.
//!
//! Every change goes through [`IncidentState::change`]: it waits for the
//! incident's earlier writes, computes the change from the incident, timeline
//! and runs as last stored, writes the incident and the entries recording the
//! change in one transaction, and updates the signals only once that is stored.

use crate::domain::{EntryId, Incident, IncidentId, RunbookRun, Timeline, TimelineEntry, Warning};
use crate::store::{Batch, Loaded, StoreError};
use crate::ui::common::command::{Failed, Queue};
use crate::ui::common::context::AppContext;
use crate::ui::common::tabs::Changed;
use leptos::prelude::*;
use std::collections::HashSet;
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
    /// The incident's writes, one after another.
    queue: Queue,
}

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
    /// The state of a loaded incident, with its timeline signal and runs.
    pub fn new(incident: Incident, timeline: RwSignal<Timeline>, runs: Vec<RunbookRun>) -> Self {
        Self { incident: RwSignal::new(incident), timeline, runs: RwSignal::new(runs), queue: Queue::new() }
    }

    /// Records a change. `change` gets the incident as last stored (after every
    /// change queued before this one) and returns what to store: a changed
    /// incident, the entries recording the change, new runs; or a refusal. Once
    /// stored, the page shows it; a store failure is shown in the banner and
    /// changes nothing on screen.
    pub async fn change<E>(
        self,
        context: AppContext,
        change: impl FnOnce(Current<'_>) -> Result<Batch, E>,
    ) -> Result<(), Failed<E>> {
        self.queue
            .run(move || async move {
                let batch = self.incident.with_untracked(|incident| {
                    self.timeline.with_untracked(|timeline| {
                        self.runs.with_untracked(|runs| change(Current { incident, timeline, runs }))
                    })
                });
                let batch = batch.map_err(Failed::Refused)?;
                let (incident, entries, runs) = (batch.incident.clone(), batch.entries.clone(), batch.runs.clone());
                context.report(context.store().write(batch).await)?;
                if let Some(incident) = incident {
                    self.incident.set(incident);
                }
                self.timeline.update(|timeline| {
                    for entry in entries {
                        *timeline = timeline.with(entry);
                    }
                });
                self.runs.update(|known| known.extend(runs));
                context.tabs.announce(Changed::Incident(self.incident.with_untracked(Incident::id)));
                Ok(())
            })
            .await
    }

    /// Reads the incident again (after this tab's pending writes of it), when
    /// another tab stored a change of it: the page shows the fold of every
    /// entry, its own and the other tab's. Returns the warnings to show.
    pub async fn refresh(self, context: AppContext) -> Option<Vec<Warning>> {
        let id = self.incident.with_untracked(Incident::id);
        self.queue
            .run(move || async move {
                let loaded = context.report::<_, Infallible>(load(context, id).await).ok().flatten()?;
                self.incident.set(loaded.incident);
                let entries = loaded.entries.items;
                // Only the entries this tab has not seen yet are added, so rows on
                // screen are not redrawn.
                let known: HashSet<EntryId> =
                    self.timeline.with_untracked(|timeline| timeline.entries().iter().map(TimelineEntry::id).collect());
                let new: Vec<TimelineEntry> = entries.into_iter().filter(|e| !known.contains(&e.id())).collect();
                if !new.is_empty() {
                    self.timeline.update(|timeline| {
                        for entry in new {
                            *timeline = timeline.with(entry);
                        }
                    });
                }
                let mut runs = loaded.runs.items;
                runs.sort_by_key(|run| (run.started_at(), run.id()));
                if self.runs.with_untracked(|known| known.len() != runs.len()) {
                    self.runs.set(runs);
                }
                Some(loaded.warnings)
            })
            .await
    }

    /// Adds entries that change nothing but the timeline (a note, a status
    /// update, an escalation step), built from the incident as last stored.
    pub async fn add_entries<E>(
        self,
        context: AppContext,
        entries: impl FnOnce(Current<'_>) -> Result<Vec<TimelineEntry>, E>,
    ) -> Result<(), Failed<E>> {
        self.change(context, |current| Ok(Batch { entries: entries(current)?, ..Batch::default() })).await
    }
}

/// An incident as loaded: the incident its entries make, its entries and runs,
/// and the warnings of entries that break a rule.
pub struct Found {
    /// The incident, folded from its entries.
    pub incident: Incident,
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
    let (incident, warnings) = Incident::from_timeline(&record, &entries.items);
    if incident != record {
        let rebuilt = Batch { incident: Some(incident.clone()), ..Batch::default() };
        let _ = context.report::<_, Infallible>(store.write(rebuilt).await);
    }
    Ok(Some(Found { incident, entries, runs, warnings }))
}
