//! The one application context: the open store, the workspace settings, the
//! runbook library, the current time for ages, and the workspace-wide problem
//! banner.

use crate::domain::{EntryId, IncidentId, Language, Library, RunId, RunbookId, Settings, SeverityLadder, Stamp};
use crate::store::{Store, StoreError};
use crate::ui::i18n::{self, Text};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::rc::Rc;

/// A problem that concerns the whole workspace rather than one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Storage failed; the message says what to do.
    Store(StoreError),
    /// Another tab upgraded the database; this tab must reload.
    UpdatedElsewhere,
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
}

impl AppContext {
    /// Builds the context around an opened store and its loaded settings.
    pub fn new(store: Rc<dyn Store>, settings: Settings, library: Library, problem: RwSignal<Option<Problem>>) -> Self {
        Self {
            store: StoredValue::new_local(store),
            settings: RwSignal::new(settings),
            library: RwSignal::new(library),
            now: RwSignal::new(Utc::now()),
            problem,
        }
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

    /// Saves settings and, once stored, makes them current. A failure is shown in
    /// the banner and the previous settings stay.
    pub async fn save_settings(&self, settings: Settings) -> Result<(), StoreError> {
        let result = self.store().save_settings(&settings).await;
        match &result {
            Ok(()) => self.settings.set(settings),
            Err(error) => self.problem.set(Some(Problem::Store(error.clone()))),
        }
        result
    }
}

/// A new runbook id.
pub fn new_runbook_id() -> RunbookId {
    RunbookId::from_parts(millis(Utc::now()), random_bits())
}

/// The language the browser prefers, if Sitrep speaks it; English otherwise.
pub fn browser_language() -> Language {
    let preferred = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default().to_lowercase();
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
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    u128::from_le_bytes(bytes)
}
