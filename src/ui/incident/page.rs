//! One incident, laid out as a cockpit: the header with severity and status, then
//! the next steps and the timeline beside the status updates and incident
//! command; components, triage information, the full checklists and deletion
//! follow, each one link away from the top.
//!
//! The page's address carries the incident id, so a reload comes back here. Entries
//! appear on the timeline only once the store has acknowledged them.
//!
//! First rows first: the page paints the header and the newest entries read
//! through the timeline's index ([`super::state::first_rows`]), then reads every
//! entry (`IncidentState::load_rest`); what needs them all shows "Loading…"
//! until then, and a change made meanwhile waits for that read.

use super::checklist::ChecklistSection;
use super::header::{ComponentsField, IncidentHeader};
use super::next_steps::NextSteps;
use super::shortcuts::Shortcuts;
use super::state::IncidentState;
use super::timeline::TimelineSection;
use super::warnings::FoldWarnings;
use crate::domain::{Incident, IncidentId, RunbookRun, Timeline, Tombstone, Warning};
use crate::store::{Revised, Unreadable};
use crate::ui::common::context::{AppContext, Problem};
use crate::ui::common::tabs::Changed;
use crate::ui::common::task::{effect, spawn_for, spawn_for_view};
use crate::ui::common::time;
use crate::ui::common::unreadable::UnreadableNotice;
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What the page has found at its address.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Loading,
    Missing,
    Incident(Box<Revised<Incident>>, Vec<RunbookRun>),
    Deleted(Tombstone),
}

/// The incident page.
#[component]
pub fn IncidentPage() -> impl IntoView {
    let context = AppContext::get();
    let params = use_params_map();
    let found = RwSignal::new(Found::Loading);
    let timeline = RwSignal::new(Timeline::default());
    let unreadable = RwSignal::new(Vec::<Unreadable>::new());
    let warnings = RwSignal::new(Vec::<Warning>::new());

    effect(move |_| {
        let id = params.with(|p| p.get("id")).and_then(|id| id.parse::<IncidentId>().ok());
        found.set(Found::Loading);
        let Some(id) = id else {
            return found.set(Found::Missing);
        };
        // The header and the newest entries first; the page then reads the rest
        // (`IncidentState::load_rest`). Another incident opened meanwhile, or
        // the page left, drops the read.
        spawn_for_view(async move {
            match super::state::first_rows(context, id).await {
                Ok(Some((incident, newest, mut runs))) => {
                    timeline.set(newest);
                    crate::domain::order::sort_by_key(&mut runs.items, |run| (run.started_at(), run.id()));
                    unreadable.set(runs.unreadable);
                    warnings.set(Vec::new());
                    found.set(Found::Incident(Box::new(incident), runs.items));
                }
                Ok(None) => match super::state::tombstone(context, id).await {
                    Some(tombstone) => found.set(Found::Deleted(tombstone)),
                    None => found.set(Found::Missing),
                },
                Err(error) => {
                    found.set(Found::Missing);
                    context.problem.set(Some(Problem::Store(error)));
                }
            }
        });
    });

    let text = move || context.text();
    move || match found.get() {
        Found::Loading => view! { <p role="status">{text().loading}</p> }.into_any(),
        Found::Deleted(tombstone) => view! {
            <h1>{tombstone.title().to_owned()}</h1>
            <p role="status">
                {fill(
                    text().incident_deleted,
                    &[
                        ("at", &time::show(tombstone.deleted_at(), false, text().utc_suffix)),
                        ("by", &author_name(text(), tombstone.deleted_by())),
                    ],
                )}
            </p>
            <A href="/">{text().back_to_incidents}</A>
        }
        .into_any(),
        Found::Missing => view! {
            <h1>{text().not_found_title}</h1>
            <p>{text().incident_missing}</p>
            <A href="/">{text().back_to_incidents}</A>
        }
        .into_any(),
        Found::Incident(incident, runs) => {
            let state = IncidentState::new(*incident, timeline, runs);
            let show = move |reread: super::state::Reread| {
                warnings.set(reread.warnings);
                unreadable.set(reread.unreadable);
            };
            // Every entry, read while the first ones are on screen; changes
            // made meanwhile wait for it in the incident's queue. Leaving the
            // page drops the read (and a change waiting for it finds the page
            // gone: `IncidentState::change`).
            spawn_for_view(async move {
                if let Some(reread) = state.load_rest(context).await {
                    show(reread);
                }
            });
            // Another tab stored a change of this incident: show it here too,
            // unless the page has gone by then.
            let id = state.incident.with_untracked(Incident::id);
            let page = Owner::current();
            context.tabs.on_heard(move |changed| {
                if changed == Changed::Incident(id) {
                    spawn_for(page.clone(), async move {
                        match state.refresh(context).await {
                            Some(reread) => show(reread),
                            // Deleted in another tab: say so here too.
                            None => {
                                if let Some(tombstone) = super::state::tombstone(context, id).await {
                                    found.set(Found::Deleted(tombstone));
                                }
                            }
                        }
                    });
                }
            });
            // The cockpit: what to do next and what just happened first, then
            // what customers were told and who holds which role; on a wide
            // screen the timeline has the left column to itself. Everything
            // else is a link away.
            view! {
                <IncidentHeader state />
                <PageLinks />
                <UnreadableNotice records=unreadable />
                <FoldWarnings warnings />
                // What is read from the whole timeline (the checklists, the
                // updates, escalations, response times) waits for all of it.
                <div class="cockpit">
                    <div class="cockpit__next">
                        <Whole state>
                            <NextSteps state />
                        </Whole>
                    </div>
                    <div class="cockpit__now">
                        <TimelineSection incident=state />
                    </div>
                    <div class="cockpit__side">
                        <Whole state stage=1>
                            <super::updates::StatusUpdates state />
                            <super::command_panel::CommandPanel state />
                        </Whole>
                    </div>
                    <div class="cockpit__more">
                        <Whole state stage=2>
                            <ComponentsField state />
                            <super::escalation::CatalogAndEscalation state />
                            <ChecklistSection state />
                            <crate::ui::sync::SharePanel id />
                            <super::delete::DeleteIncident state />
                        </Whole>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// Its children once every entry has been read, "Loading…" until then. The
/// sections of the page are drawn one task after another (`stage` tasks after
/// the read), so that a long timeline's sections never block input together.
#[component]
fn Whole(state: IncidentState, #[prop(optional)] stage: u32, children: ChildrenFn) -> impl IntoView {
    let context = AppContext::get();
    let shown = RwSignal::new(false);
    effect(move |_| {
        if state.loaded.get() && !shown.get_untracked() {
            spawn_local(async move {
                for _ in 0..stage {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                }
                // The page may have gone meanwhile.
                let _ = shown.try_set(true);
            });
        }
    });
    view! {
        <Show
            when=move || shown.get()
            fallback=move || view! { <p class="incident__loading">{move || context.text().loading}</p> }
        >
            {children()}
        </Show>
    }
}

/// Links to the parts of the page below the cockpit, and the keyboard shortcuts.
#[component]
fn PageLinks() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    view! {
        <div class="incident__links">
            <nav aria-label=move || text().cockpit.on_this_page>
                <ul class="incident__jumps inline-list">
                    <li>
                        <A href="/">{move || text().back_to_incidents}</A>
                    </li>
                    <li>
                        <a href="#updates-heading">{move || text().updates.title}</a>
                    </li>
                    <li>
                        <a href="#roles-heading">{move || text().roles_title}</a>
                    </li>
                    <li>
                        <a href="#triage-info-heading">{move || text().catalog.triage_title}</a>
                    </li>
                    <li>
                        <a href="#checklists">{move || text().checklists_title}</a>
                    </li>
                </ul>
            </nav>
            <Shortcuts />
        </div>
    }
}
