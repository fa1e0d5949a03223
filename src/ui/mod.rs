//! The Leptos application: opening the workspace, the page shell and the routes.
//!
//! [`App`] opens the IndexedDB store and loads the settings before anything else
//! is shown, so every page can rely on [`AppContext`]. Pages live in their own
//! modules and only wire signals to domain methods and store calls.

mod backup;
mod catalog;
mod common;
pub mod i18n;
mod incident;
mod incidents;
mod offline;
mod plan;
mod review;
mod runbooks;
mod settings;
mod shell;
mod sync;

use common::context;
pub use common::context::{AppContext, Problem};
pub use common::files;
pub use common::window::{WindowHandle, WindowedList};

use crate::domain::defaults::default_runbooks;
use crate::domain::{Library, Settings};
use crate::store::idb::{IdbStore, DB_NAME};
use crate::store::memory::MemoryStore;
use crate::store::{AnyRecords, Batch, Edit, Records, Revised, Store, StoreError};
use chrono::Utc;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where the app is in opening the workspace.
#[derive(Clone)]
enum Phase {
    Opening,
    Blocked,
    Failed(StoreError),
    Ready(AppContext),
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let phase = RwSignal::new(Phase::Opening);
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        let opened = IdbStore::open(
            DB_NAME,
            move || phase.set(Phase::Blocked),
            move || problem.set(Some(Problem::UpdatedElsewhere)),
        )
        .await;
        let records: Box<dyn Records> = match opened {
            Ok(store) => Box::new(store),
            // No database here (storage switched off, a window that refuses it, a
            // broken profile): the app still opens, in memory, and says so.
            Err(StoreError::Unavailable(reason) | StoreError::Failed(reason)) => {
                problem.set(Some(Problem::InMemory(reason)));
                Box::new(MemoryStore::default())
            }
            Err(error) => return phase.set(Phase::Failed(error)),
        };
        let store: Rc<dyn Store> = Rc::new(AnyRecords(records));
        // Started at an incident's page: its first rows are read at the same time
        // as the workspace, not after it. A read that fails is left to the page.
        let shown = gloo_utils::window().location().pathname().ok().as_deref().and_then(incident::state::shown_at);
        let first_opening = async {
            let id = shown?;
            incident::state::opening(store.as_ref(), id).await.ok().map(|opening| (id, opening))
        };
        match futures::future::join(load_workspace(store.as_ref()), first_opening).await {
            (Ok((settings, library)), first_opening) => {
                phase.set(Phase::Ready(AppContext::new(store, settings, library, problem, first_opening)));
            }
            (Err(error), _) => phase.set(Phase::Failed(error)),
        }
    });
    let text = i18n::text(Default::default());
    move || match phase.get() {
        Phase::Opening => view! { <p class="app__opening" role="status">{text.opening_workspace}</p> }.into_any(),
        Phase::Blocked => {
            view! { <p class="app__opening" role="alert">{text.store_error(&StoreError::Blocked)}</p> }.into_any()
        }
        Phase::Failed(error) => view! {
            <main class="app__failed">
                <h1>{text.cannot_open_workspace}</h1>
                <p role="alert">{text.store_error(&error)}</p>
                <button type="button" on:click=|_| reload()>{text.reload}</button>
            </main>
        }
        .into_any(),
        Phase::Ready(context) => view! {
            <Provider value=context>
                <shell::Shell />
            </Provider>
        }
        .into_any(),
    }
}

/// Loads the settings and the runbook library. On first use (no settings yet) the
/// workspace is set up in one write: settings in the browser's language and the
/// default runbooks in that language. The settings are created, never replaced:
/// when two tabs open a new workspace at once, the second one's set-up is refused
/// whole and it loads the first one's, so the default runbooks exist once.
async fn load_workspace(store: &dyn Store) -> Result<(Revised<Settings>, Library), StoreError> {
    let (settings, runbooks) = store.workspace().await?;
    if let Some(settings) = settings {
        return Ok((settings, Library::from_versions(runbooks.items)));
    }
    let settings = Settings::default().with_language(context::browser_language());
    let now = Utc::now();
    let defaults = default_runbooks(settings.language(), context::new_runbook_id, now);
    let set_up = Batch { settings: Some(Edit::create(settings)), runbooks: defaults, ..Batch::default() };
    match store.write(set_up).await {
        Ok(()) | Err(StoreError::Conflict) => {
            // First use: ask the browser to keep the workspace (settings show
            // whether it agreed, and what to do if not).
            let _ = crate::store::persistence::request_persistence().await;
            // Set up here, or by another tab first: read what is stored.
            let (settings, runbooks) = store.workspace().await?;
            let settings = settings.ok_or(StoreError::Conflict)?;
            Ok((settings, Library::from_versions(runbooks.items)))
        }
        Err(error) => Err(error),
    }
}

/// Reloads the page, for a problem only a fresh start solves.
pub(crate) fn reload() {
    let _ = gloo_utils::window().location().reload();
}
