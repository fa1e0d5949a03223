//! The Leptos application: opening the workspace, the page shell and the routes.
//!
//! [`App`] opens the IndexedDB store and loads the settings before anything else
//! is shown, so every page can rely on [`AppContext`]. Pages live in their own
//! modules and only wire signals to domain methods and store calls.

mod badge;
mod catalog;
mod checklist;
mod command;
mod context;
mod escalation;
pub mod files;
pub mod i18n;
mod i18n_catalog;
mod i18n_exports;
mod i18n_ladder;
mod i18n_library;
mod i18n_review;
mod i18n_updates;
mod incident_import;
mod incident_list;
mod incident_page;
mod ladder;
mod plan;
mod review;
mod review_exports;
mod runbooks;
mod settings_page;
mod status_updates;
mod time;
mod timeline;
mod triage;

pub use context::{AppContext, Problem};

use crate::domain::defaults::default_runbooks;
use crate::domain::{Library, Settings};
use crate::store::idb::{IdbStore, DB_NAME};
use crate::store::{Batch, Store, StoreError};
use chrono::Utc;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use std::rc::Rc;
use std::time::Duration;

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
        let store = match opened {
            Ok(store) => store,
            Err(error) => return phase.set(Phase::Failed(error)),
        };
        match load_workspace(&store).await {
            Ok((settings, library)) => {
                let store: Rc<dyn Store> = Rc::new(store);
                phase.set(Phase::Ready(AppContext::new(store, settings, library, problem)));
            }
            Err(error) => phase.set(Phase::Failed(error)),
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
                <Shell />
            </Provider>
        }
        .into_any(),
    }
}

/// Loads the settings and the runbook library. On first use (no settings yet) the
/// workspace is set up in one write: settings in the browser's language and the
/// default runbooks in that language.
async fn load_workspace(store: &IdbStore) -> Result<(Settings, Library), StoreError> {
    let (settings, runbooks) = (store.settings().await?, store.runbooks().await?);
    if let Some(settings) = settings {
        return Ok((settings, Library::from_versions(runbooks.items)));
    }
    let settings = Settings::default().with_language(context::browser_language());
    let now = Utc::now();
    let defaults = default_runbooks(settings.language(), context::new_runbook_id, now);
    store.write(Batch { settings: Some(settings.clone()), runbooks: defaults.clone(), ..Batch::default() }).await?;
    Ok((settings, Library::from_versions(runbooks.items.into_iter().chain(defaults))))
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// The page frame: skip link, banner with navigation and language, problem
/// banner, and the routed main content.
#[component]
fn Shell() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    Effect::new(move |_| {
        let language = context.settings.with(|s| s.language());
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", language.tag());
        }
    });
    let ticker = set_interval_with_handle(move || context.now.set(Utc::now()), Duration::from_secs(15)).ok();
    on_cleanup(move || {
        if let Some(handle) = ticker {
            handle.clear();
        }
    });

    view! {
        <Router>
            <a class="shell__skip" href="#main">{move || text().skip_to_content}</a>
            <header class="shell__header">
                <A href="/" attr:class="shell__brand">
                    {move || text().app_name}
                </A>
                <nav class="shell__nav" aria-label=move || text().main_navigation>
                    <A href="/">{move || text().nav_incidents}</A>
                    <A href="/runbooks">{move || text().nav_runbooks}</A>
                    <A href="/catalog">{move || text().nav_catalog}</A>
                    <A href="/plan">{move || text().nav_plan}</A>
                    <A href="/settings">{move || text().nav_settings}</A>
                </nav>
                <LanguageSwitch />
            </header>
            <ProblemBanner />
            <main id="main" class="shell__main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=incident_list::IncidentList />
                    <Route path=path!("/incidents/:id") view=incident_page::IncidentPage />
                    <Route path=path!("/incidents/:id/review") view=review::ReviewPage />
                    <Route path=path!("/incidents/:id/review/meeting") view=review::MeetingPage />
                    <Route path=path!("/runbooks") view=runbooks::RunbookLibrary />
                    <Route path=path!("/runbooks/new") view=runbooks::RunbookEditor />
                    <Route path=path!("/runbooks/:id") view=runbooks::RunbookEditor />
                    <Route path=path!("/catalog") view=catalog::CatalogPage />
                    <Route path=path!("/plan") view=plan::PlanPage />
                    <Route path=path!("/settings") view=settings_page::SettingsPage />
                </Routes>
            </main>
        </Router>
    }
}

/// The language picker; the choice is saved with the workspace settings.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let context = AppContext::get();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(language) = crate::domain::Language::from_tag(&event_target_value(&ev)) else {
            return;
        };
        let settings = context.settings.get_untracked().with_language(language);
        spawn_local(async move {
            let _ = context.save_settings(settings).await;
        });
    };
    view! {
        <div class="shell__language">
            <label for="language">{move || context.text().language_label}</label>
            <select id="language" on:change=on_change>
                {crate::domain::Language::ALL
                    .into_iter()
                    .map(|language| {
                        view! {
                            <option
                                value=language.tag()
                                lang=language.tag()
                                selected=move || context.settings.with(|s| s.language() == language)
                            >
                                {language.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Shows a workspace-wide problem with what to do about it.
#[component]
fn ProblemBanner() -> impl IntoView {
    let context = AppContext::get();
    move || {
        context.problem.get().map(|problem| {
            let text = context.text();
            let (message, can_dismiss) = match &problem {
                Problem::Store(error) => (text.store_error(error), true),
                Problem::UpdatedElsewhere => (text.updated_elsewhere.to_owned(), false),
            };
            view! {
                <div class="banner" role="alert">
                    <p class="banner__message">{message}</p>
                    {if can_dismiss {
                        view! {
                            <button type="button" class="banner__action" on:click=move |_| context.problem.set(None)>
                                {text.dismiss}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="banner__action" on:click=|_| reload()>
                                {text.reload}
                            </button>
                        }
                        .into_any()
                    }}
                </div>
            }
        })
    }
}

/// The page for addresses that lead nowhere.
#[component]
fn NotFound() -> impl IntoView {
    let context = AppContext::get();
    view! {
        <h1>{move || context.text().not_found_title}</h1>
        <p>{move || context.text().not_found_body}</p>
        <A href="/">{move || context.text().back_to_incidents}</A>
    }
}
