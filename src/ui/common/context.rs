//! The one application context: the open store, the workspace settings, the
//! runbook library, the current time for ages, and the workspace-wide problem
//! banner.

use super::command::{Failed, Queue};
use super::tabs::{Changed, Tabs};
use crate::domain::level_use::level_uses;
use crate::domain::severity::Uses;
use crate::domain::{
    EntryId, IncidentId, Language, Library, RunId, Runbook, RunbookId, Settings, Severity, SeverityLadder, Stamp,
    Timeline,
};
use crate::store::persistence::{self, StorageFacts};
use crate::store::{Batch, Edit, Opening, Revised, Revision, Store, StoreError};
use crate::sync::team;
use crate::ui::i18n::{self, Text};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;
use std::convert::Infallible;
use std::rc::Rc;

/// A problem that concerns the whole workspace rather than one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Storage failed; the message says what to do.
    Store(StoreError),
    /// Another tab upgraded the database; this tab must reload.
    UpdatedElsewhere,
    /// The browser offers no database (the reason): the workspace is in memory,
    /// in this tab only.
    InMemory(String),
    /// A change of something the team workspace manages, by a user who is not
    /// one of its admins: refused, as it is read-only here.
    TeamManaged,
}

/// Shared state of the running app, provided once at the root.
#[derive(Clone, Copy)]
pub struct AppContext {
    store: StoredValue<Rc<dyn Store>, LocalStorage>,
    /// The workspace settings as last saved.
    pub settings: RwSignal<Settings>,
    /// The latest version of every runbook, as last saved.
    pub library: RwSignal<Library>,
    /// The current time, refreshed every few seconds, for ages and countdowns.
    pub now: RwSignal<DateTime<Utc>>,
    /// A workspace-wide problem shown in the banner, if any.
    pub problem: RwSignal<Option<Problem>>,
    /// The revisions of the settings' records as last read or written.
    settings_revision: StoredValue<Revision>,
    /// The writes of the settings, one after another.
    settings_queue: Queue,
    /// The writes of the runbook library, one after another.
    library_queue: Queue,
    /// The other open tabs of the workspace.
    pub tabs: Tabs,
    /// The records the team workspace manages and this user may not change
    /// (team sync's document ids: `component/<id>`, `runbook/<id>/<version>`...);
    /// empty for the team's admins and when no team workspace is followed.
    pub team_managed: RwSignal<BTreeSet<String>>,
    /// The opening of the incident page the app started at, read together with
    /// the workspace, until that page takes it ([`Self::take_first_opening`]).
    first_opening: StoredValue<Option<FirstOpening>, LocalStorage>,
}

/// An incident page's opening read at start: the incident's id, and what was
/// found (`None`: no such incident).
pub type FirstOpening = (IncidentId, Option<Opening>);

impl AppContext {
    /// Builds the context around an opened store and its loaded settings.
    pub fn new(
        store: Rc<dyn Store>,
        settings: Revised<Settings>,
        library: Library,
        problem: RwSignal<Option<Problem>>,
        first_opening: Option<FirstOpening>,
    ) -> Self {
        let first_opening = StoredValue::new_local(first_opening);
        // Only the page drawn at start takes it: it does so before the browser
        // runs its next task (drawing a page and its first effects are
        // microtasks), and then the read is old news for any later visit.
        gloo_timers::callback::Timeout::new(0, move || first_opening.set_value(None)).forget();
        Self {
            store: StoredValue::new_local(store),
            settings: RwSignal::new(settings.value),
            settings_revision: StoredValue::new(settings.revision),
            library: RwSignal::new(library),
            now: RwSignal::new(Utc::now()),
            problem,
            settings_queue: Queue::new(),
            library_queue: Queue::new(),
            tabs: Tabs::open(),
            team_managed: RwSignal::new(BTreeSet::new()),
            first_opening,
        }
    }

    /// The opening of incident `id` read at start, once, if it was read for it.
    pub fn take_first_opening(&self, id: IncidentId) -> Option<Option<Opening>> {
        let (read, opening) = self.first_opening.try_update_value(Option::take).flatten()?;
        (read == id).then_some(opening)
    }

    /// The context provided at the root; every page runs under it.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The store.
    pub fn store(&self) -> Rc<dyn Store> {
        self.store.get_value()
    }

    /// The message catalog in the responder's language (tracked).
    pub fn text(&self) -> &'static Text {
        i18n::text(self.settings.with(Settings::language))
    }

    /// When, by whom and under which new id a change is recorded right now.
    pub fn stamp(&self) -> Stamp {
        let author = self.settings.with_untracked(|s| s.display_name().to_owned());
        let now = Utc::now();
        Stamp::new(EntryId::from_parts(millis(now), random_bits()), now, &author)
    }

    /// A new incident id.
    pub fn new_incident_id(&self) -> IncidentId {
        IncidentId::from_parts(millis(Utc::now()), random_bits())
    }

    /// A new runbook run id.
    pub fn new_run_id(&self) -> RunId {
        RunId::from_parts(millis(Utc::now()), random_bits())
    }

    /// The severity ladder (tracked).
    pub fn ladder(&self) -> SeverityLadder {
        self.settings.with(|s| s.ladder().clone())
    }

    /// Changes the workspace settings: `change` gets the settings as last stored
    /// (after every change queued before this one) and returns the new settings
    /// or a refusal. Once stored they become current; a store failure is shown in
    /// the banner and the stored settings stay.
    ///
    /// Only the records that changed are written (a person, a component, the
    /// ladder, the preferences), each expecting the revision this tab read. If
    /// another tab changed one of them first, the settings are read again and
    /// `change` runs again on them, so it decides on what is stored now.
    pub async fn change_settings<E>(
        &self,
        change: impl Fn(&Settings) -> Result<Settings, E>,
    ) -> Result<Settings, Failed<E>> {
        let context = *self;
        self.settings_queue
            .run(move || async move {
                let mut attempt = 1;
                loop {
                    let settings = context.settings.with_untracked(&change).map_err(Failed::Refused)?;
                    let managed = context.team_managed.get_untracked();
                    if context.settings.with_untracked(|now| team::changes_managed(&managed, now, &settings)) {
                        return Err(context.read_only());
                    }
                    let base = Revised {
                        value: context.settings.get_untracked(),
                        revision: context.settings_revision.get_value(),
                    };
                    let batch = Batch { settings: Some(Edit::change(base, settings.clone())), ..Batch::default() };
                    let written = context.store().write(batch).await;
                    let conflict = written == Err(StoreError::Conflict);
                    if !conflict || attempt == ATTEMPTS {
                        context.report(written)?;
                    }
                    attempt += 1;
                    if let Ok(Some(stored)) = context.report::<_, Infallible>(context.store().settings().await) {
                        context.settings_revision.set_value(stored.revision);
                        context.settings.set(stored.value);
                    }
                    if !conflict {
                        context.tabs.announce(Changed::Settings);
                        return Ok(settings);
                    }
                }
            })
            .await
    }

    /// What uses the level `level`: the stored incidents at it now or earlier
    /// in their timeline, and the runbooks in use that refer to it. Read before
    /// a level is removed; a failure to read an incident's timeline refuses
    /// (shown in the banner) rather than guess that nothing uses the level.
    pub async fn level_uses(&self, level: &Severity) -> Result<Uses, Failed<Infallible>> {
        let store = self.store();
        let incidents = self.report(store.incidents().await)?.items;
        let mut timelines = Vec::with_capacity(incidents.len());
        for incident in &incidents {
            let entries = self.report(store.timeline(incident.id()).await)?;
            timelines.push(Timeline::from_entries(entries.items));
        }
        let uses = self.library.with_untracked(|library| level_uses(level, incidents.iter().zip(&timelines), library));
        Ok(uses)
    }

    /// Adds runbook versions to the library: `change` gets the library as last
    /// stored and returns the new versions or a refusal. A version already stored
    /// (another tab saved it first) is refused by the store with
    /// [`StoreError::Conflict`]. Once stored the library shows them.
    pub async fn add_runbook_versions<E>(
        &self,
        change: impl FnOnce(&Library) -> Result<Vec<Runbook>, E>,
    ) -> Result<Vec<Runbook>, Failed<E>> {
        let context = *self;
        self.library_queue
            .run(move || async move {
                let versions = context.library.with_untracked(change).map_err(Failed::Refused)?;
                let managed = context.team_managed.get_untracked();
                if versions.iter().any(|v| team::manages_runbook(&managed, &v.id().to_string())) {
                    return Err(context.read_only());
                }
                let batch = Batch { runbooks: versions.clone(), ..Batch::default() };
                context.report(context.store().write(batch).await)?;
                context.library.update(|library| {
                    for version in &versions {
                        *library = library.with(version.clone());
                    }
                });
                context.tabs.announce(Changed::Library);
                Ok(versions)
            })
            .await
    }

    /// Reads the settings and the library again when another tab stored a change
    /// of them, after this tab's own pending writes of them.
    pub fn follow_other_tabs(&self) {
        let context = *self;
        self.tabs.on_heard(move |changed| match changed {
            Changed::Settings => spawn_local(context.reread_settings()),
            Changed::Library => spawn_local(context.reread_library()),
            _ => {}
        });
    }

    /// Reads the settings again, after this tab's pending writes of them.
    pub async fn reread_settings(self) {
        let context = self;
        self.settings_queue
            .run(move || async move {
                if let Ok(Some(settings)) = context.report::<_, Infallible>(context.store().settings().await) {
                    context.settings_revision.set_value(settings.revision);
                    context.settings.set(settings.value);
                }
            })
            .await
    }

    /// Reads the runbook library again, after this tab's pending writes of it.
    pub async fn reread_library(self) {
        let context = self;
        self.library_queue
            .run(move || async move {
                if let Ok(runbooks) = context.report::<_, Infallible>(context.store().runbooks().await) {
                    context.library.set(Library::from_versions(runbooks.items));
                }
            })
            .await
    }

    /// What the browser says about the site's storage: persistent or not, how
    /// much is used and available.
    pub async fn storage_facts(&self) -> StorageFacts {
        persistence::facts().await
    }

    /// Asks the browser to keep the site's storage persistent; whether it does.
    pub async fn ask_for_persistence(&self) -> Option<bool> {
        persistence::request_persistence().await
    }

    /// The refusal of a change of what the team workspace manages, said in the
    /// problem banner; nothing is written.
    fn read_only<E>(&self) -> Failed<E> {
        self.problem.set(Some(Problem::TeamManaged));
        Failed::Store(StoreError::Failed("managed by the team workspace".into()))
    }

    /// Passes a store result on, showing a failure in the problem banner.
    pub fn report<T, E>(&self, result: Result<T, StoreError>) -> Result<T, Failed<E>> {
        result.map_err(|error| {
            self.problem.set(Some(Problem::Store(error.clone())));
            Failed::Store(error)
        })
    }
}

/// How many times a change is computed anew when other tabs keep changing the
/// same records first; after that the conflict is shown.
pub const ATTEMPTS: usize = 4;

/// A new runbook id.
pub fn new_runbook_id() -> RunbookId {
    RunbookId::from_parts(millis(Utc::now()), random_bits())
}

/// A new id for this browser's replication of a shared incident (the name of
/// its `_local` checkpoint on the server).
pub fn new_replication_id() -> String {
    format!("{:032x}", random_bits())
}

/// The language the browser prefers, if Sitrep speaks it; English otherwise.
pub fn browser_language() -> Language {
    let preferred = gloo_utils::window().navigator().language().unwrap_or_default().to_lowercase();
    if preferred.starts_with("zh") {
        Language::TraditionalChinese
    } else {
        Language::English
    }
}

fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

/// 128 random bits from the browser's cryptographic generator, falling back to
/// `Math.random` where it is missing.
fn random_bits() -> u128 {
    let mut bytes = [0u8; 16];
    let filled =
        gloo_utils::window().crypto().is_ok_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    u128::from_le_bytes(bytes)
}
