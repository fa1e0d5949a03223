//! The command layer of the incident list: the only code of the list that reads
//! or writes the store.
//!
//! It owns the list as last loaded or stored. Loading, declaring and importing
//! run through one [`Queue`], one after another; an imported incident joins the
//! list only once it is stored, and a store failure goes to the problem banner.

use crate::domain::checklist::to_attach;
use crate::domain::export::merge::Merge;
use crate::domain::export::{ImportProblem, IncidentBundle};
use crate::domain::incident::sort_for_list;
use crate::domain::{Declaration, DeclareError, Incident, IncidentId, RunbookRun, Tombstone};
use crate::store::bundles::{self, Found};
use crate::store::{Batch, Edit, StoreError, Unreadable};
use crate::ui::common::command::{Failed, Queue};
use crate::ui::common::context::{AppContext, ATTEMPTS};
use crate::ui::common::tabs::Changed;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::convert::Infallible;

/// An incident that was imported or merged: where it is, its title and how many
/// entries the file added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: IncidentId,
    pub title: String,
    pub entries: usize,
    /// Whether the incident was already here and the file was merged into it.
    pub merged: bool,
}

/// Why an import changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotImported {
    /// The incident was deleted here, and a file never brings it back.
    Deleted(Tombstone),
    /// A record of the file would change or move one stored here.
    Contradicts(Vec<ImportProblem>),
}

/// What importing a file would do, and what it was computed from.
#[derive(Debug, Clone)]
pub struct Checked {
    /// What the import adds and keeps.
    pub merge: Merge,
    /// What the store held of the file's incident when checked.
    found: Found,
}

/// The incident list and its writes, created when the list page mounts.
#[derive(Clone, Copy)]
pub struct ListCommands {
    context: AppContext,
    /// The loads and writes of the list, one after another.
    queue: Queue,
    /// The incidents in list order; `None` until they are loaded.
    pub incidents: RwSignal<Option<Vec<Incident>>>,
    /// The stored incidents that could not be read.
    pub unreadable: RwSignal<Vec<Unreadable>>,
}

impl ListCommands {
    /// An empty list owned by the current reactive owner; [`ListCommands::load`]
    /// fills it.
    pub fn new(context: AppContext) -> Self {
        let commands = Self {
            context,
            queue: Queue::new(),
            incidents: RwSignal::new(None),
            unreadable: RwSignal::new(Vec::new()),
        };
        // Another tab declared, imported or changed an incident: read the list again.
        context.tabs.on_heard(move |changed| {
            if matches!(changed, Changed::Incidents | Changed::Incident(_)) {
                spawn_local(commands.load());
            }
        });
        commands
    }

    /// Reads every incident from the store. A failure shows an empty list and the
    /// problem in the banner.
    pub async fn load(self) {
        let context = self.context;
        self.queue
            .run(move || async move {
                match context.report::<_, Infallible>(context.store().incidents().await) {
                    Ok(mut loaded) => {
                        context.settings.with_untracked(|s| sort_for_list(&mut loaded.items, s.ladder()));
                        self.incidents.set(Some(loaded.items));
                        self.unreadable.set(loaded.unreadable);
                    }
                    Err(_) => self.incidents.set(Some(Vec::new())),
                }
            })
            .await
    }

    /// Declares an incident: stores it with the entry recording the declaration
    /// and the runs of the runbooks its severity attaches, in one batch. Returns
    /// the new incident's id once stored.
    pub async fn declare(self, declaration: Declaration) -> Result<IncidentId, Failed<DeclareError>> {
        let context = self.context;
        self.queue
            .run(move || async move {
                let severity = declaration.severity.clone();
                let stamp = context.stamp();
                let (incident, entry) = Incident::declare(context.new_incident_id(), declaration, stamp.clone())
                    .map_err(Failed::Refused)?;
                let mut batch = Batch { entries: vec![entry], ..Batch::default() };
                let mut next = stamp;
                context.library.with_untracked(|library| {
                    for runbook in to_attach(library, &severity, &[]) {
                        next = next.next();
                        let (run, started) =
                            RunbookRun::start(context.new_run_id(), incident.id(), runbook, false, next.clone());
                        batch.runs.push(run);
                        batch.entries.push(started);
                    }
                });
                let id = incident.id();
                batch.incident = Some(Edit::create(incident));
                context.report(context.store().write(batch).await)?;
                context.tabs.announce(Changed::Incidents);
                Ok(id)
            })
            .await
    }

    /// What importing `bundle` would do: add a new incident, or merge into the
    /// one here (the entries, runs and review it adds, and what it leaves).
    pub async fn check(self, bundle: &IncidentBundle) -> Result<Checked, Failed<NotImported>> {
        let (merge, found) = self.planned(bundle, None).await?;
        Ok(Checked { merge, found })
    }

    /// The merge of `bundle` into what the store holds of its incident, read
    /// now unless `found` was just read.
    async fn planned(
        self,
        bundle: &IncidentBundle,
        found: Option<Found>,
    ) -> Result<(Merge, Found), Failed<NotImported>> {
        let context = self.context;
        let found = match found {
            Some(found) => found,
            None => context.report(bundles::find(context.store().as_ref(), bundle).await)?,
        };
        if let Some(tombstone) = found.deleted.clone() {
            return Err(Failed::Refused(NotImported::Deleted(tombstone)));
        }
        let merge =
            found.merge("data", bundle).map_err(|problems| Failed::Refused(NotImported::Contradicts(problems)))?;
        Ok((merge, found))
    }

    /// Imports a validated bundle in one batch: a new incident is added, one
    /// already here gets the entries, runs and review it lacks. The first
    /// attempt uses what `checked` read, if given; each further one is computed
    /// anew from what is stored, as another tab wrote meanwhile. Once stored, the
    /// incident is in the list.
    pub async fn import(
        self,
        bundle: IncidentBundle,
        checked: Option<Checked>,
    ) -> Result<Imported, Failed<NotImported>> {
        let context = self.context;
        self.queue
            .run(move || async move {
                let store = context.store();
                let id = bundle.incident().id();
                let title = bundle.incident().title().to_owned();
                let mut read = checked.map(|checked| checked.found);
                let mut attempt = 0;
                let merged = loop {
                    attempt += 1;
                    let (merged, found) = self.planned(&bundle, read.take()).await?;
                    let count = merged.entries.len();
                    let is_new = merged.is_new;
                    let incident = merged.incident.clone();
                    match store.write(bundles::merge_batch(merged, found.base)).await {
                        Err(StoreError::Conflict) if attempt < ATTEMPTS => continue,
                        result => context.report(result)?,
                    }
                    break (count, is_new, incident);
                };
                let (entries, is_new, incident) = merged;
                self.incidents.update(|list| {
                    let list = list.get_or_insert_with(Vec::new);
                    list.retain(|other| other.id() != id);
                    list.push(incident);
                    context.settings.with_untracked(|s| sort_for_list(list, s.ladder()));
                });
                context.tabs.announce(Changed::Incidents);
                if !is_new {
                    context.tabs.announce(Changed::Incident(id));
                    context.tabs.announce(Changed::Review(id));
                }
                Ok(Imported { id, title, entries, merged: !is_new })
            })
            .await
    }
}
