//! The page frame around every route: skip link, header with navigation and
//! language, the workspace-wide problem banner, the notice of a new version of
//! the app, the note of a draft kept on a page left, and the routes themselves;
//! leaving with unsaved text asks first.

use super::common::command::submit;
use super::common::drafts::{guard_leaving, KeptNote};
use super::i18n::fill;
use super::{
    catalog, incident, incidents, offline, plan, reload, review, runbooks, settings, sync, AppContext, Problem,
};
use crate::domain::Language;
use crate::store::StoreError;
use crate::ui::common::task::{action, effect};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use std::convert::Infallible;
use std::time::Duration;

/// The page frame: skip link, banner with navigation and language, problem
/// banner, and the routed main content.
#[component]
pub fn Shell() -> impl IntoView {
    let context = AppContext::get();
    context.follow_other_tabs();
    sync::TeamSync::start(context);
    sync::TeamWorkspace::start(context);
    let app_version = offline::AppVersion::watch();
    let kept_elsewhere = guard_leaving();
    let text = move || context.text();
    effect(move |_| {
        let language = context.settings.with(|s| s.language());
        let _ = gloo_utils::document_element().set_attribute("lang", language.tag());
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
                <MainNavigation />
                <sync::SyncIndicator />
                <LanguageSwitch />
            </header>
            <ProblemBanner />
            <offline::UpdateNotice app_version />
            <KeptNote elsewhere=kept_elsewhere />
            <main id="main" class="shell__main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=incidents::IncidentList />
                    <Route path=path!("/incidents/:id") view=incident::IncidentPage />
                    <Route path=path!("/incidents/:id/review") view=review::ReviewPage />
                    <Route path=path!("/incidents/:id/review/meeting") view=review::MeetingPage />
                    <Route path=path!("/runbooks") view=runbooks::RunbookLibrary />
                    <Route path=path!("/runbooks/new") view=runbooks::RunbookEditor />
                    <Route path=path!("/runbooks/:id") view=runbooks::RunbookEditor />
                    <Route path=path!("/catalog") view=catalog::CatalogPage />
                    <Route path=path!("/plan") view=plan::PlanPage />
                    <Route path=path!("/settings") view=settings::SettingsPage />
                    <Route path=path!("/join") view=sync::JoinPage />
                </Routes>
            </main>
        </Router>
    }
}

/// The main navigation. On a narrow screen it folds behind a Menu button and
/// folds again once a link is followed.
#[component]
fn MainNavigation() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    effect(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <button
            type="button"
            class="button shell__menu"
            aria-expanded=move || open.get().to_string()
            aria-controls="main-navigation"
            on:click=move |_| open.update(|open| *open = !*open)
        >
            {move || text().nav_menu}
        </button>
        <nav
            id="main-navigation"
            class="shell__nav"
            class:shell__nav--open=move || open.get()
            aria-label=move || text().main_navigation
        >
            <A href="/">{move || text().nav_incidents}</A>
            <A href="/runbooks">{move || text().nav_runbooks}</A>
            <A href="/catalog">{move || text().nav_catalog}</A>
            <A href="/plan">{move || text().nav_plan}</A>
            <A href="/settings">{move || text().nav_settings}</A>
        </nav>
    }
}

/// The language picker; the choice is saved with the workspace settings.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let context = AppContext::get();
    let switch = action(move |language: &Language| {
        let language = *language;
        async move { context.change_settings(|s| Ok::<_, Infallible>(s.clone().with_language(language))).await }
    });
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(language) = Language::from_tag(&event_target_value(&ev)) {
            submit(switch, language);
        }
    };
    view! {
        <div class="shell__language">
            <label for="language">{move || context.text().language_label}</label>
            <select id="language" on:change=on_change>
                {Language::ALL
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
                Problem::TeamManaged => (text.team.read_only.to_owned(), true),
                // Said for as long as it is true; reloading would lose the work.
                Problem::InMemory(reason) => {
                    let message = fill(text.in_memory, &[("reason", reason)]);
                    return view! {
                        <div class="banner" role="alert">
                            <p class="banner__message">{message}</p>
                            <A href="/settings#backup" attr:class="banner__action">{text.backup_now}</A>
                        </div>
                    }
                    .into_any();
                }
            };
            // A full disk: what was typed stays in its field; a backup keeps the rest.
            let full = matches!(problem, Problem::Store(StoreError::QuotaExceeded));
            view! {
                <div class="banner" role="alert">
                    <p class="banner__message">{message}</p>
                    {full.then(|| view! { <A href="/settings#backup" attr:class="banner__action">{text.backup_now}</A> })}
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
            .into_any()
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
