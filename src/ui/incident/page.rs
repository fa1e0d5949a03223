//! One incident: its header, its status, and its timeline with the entry composer.
//!
//! The page's address carries the incident id, so a reload comes back here. Entries
//! appear on the timeline only once the store has acknowledged them.

use super::checklist::{ChecklistSection, RequiredOpen};
use super::timeline::TimelineSection;
use crate::domain::checklist::to_attach;
use crate::domain::triage::Answers;
use crate::domain::{Incident, IncidentId, Status, Timeline, TimelineEntry};
use crate::domain::{RunbookRun, SeverityChangeError, SeverityLadder, StatusChangeError};
use crate::store::Batch;
use crate::store::{StoreError, Unreadable};
use crate::ui::common::badge::SeverityBadge;
use crate::ui::common::context::{AppContext, Problem};
use crate::ui::common::focus::focus;
use crate::ui::common::time;
use crate::ui::common::unreadable::UnreadableNotice;
use crate::ui::i18n::{fill, Text};
use crate::ui::incidents::triage::{suggested_level, SuggestionView, TriageQuestions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What the page has found at its address.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Loading,
    Missing,
    Incident(Incident, Vec<RunbookRun>),
}

/// The incident as the page shows it: the incident, its timeline and its runbook
/// runs. Changes go through [`IncidentState::commit`], which updates the signals
/// only after the store has acknowledged the write.
#[derive(Clone, Copy)]
pub struct IncidentState {
    /// The incident.
    pub incident: RwSignal<Incident>,
    /// Its timeline.
    pub timeline: RwSignal<Timeline>,
    /// Its runbook runs, in the order they started.
    pub runs: RwSignal<Vec<RunbookRun>>,
}

impl IncidentState {
    /// Writes `batch`; once stored, shows its incident, entries and runs. A failure
    /// is shown in the banner and changes nothing on screen.
    pub async fn commit(self, context: AppContext, batch: Batch) -> Result<(), StoreError> {
        let (incident, entries, runs) = (batch.incident.clone(), batch.entries.clone(), batch.runs.clone());
        match context.store().write(batch).await {
            Ok(()) => {
                if let Some(incident) = incident {
                    self.incident.set(incident);
                }
                self.timeline.update(|timeline| {
                    for entry in entries {
                        *timeline = timeline.with(entry);
                    }
                });
                self.runs.update(|known| known.extend(runs));
                Ok(())
            }
            Err(error) => {
                context.problem.set(Some(Problem::Store(error.clone())));
                Err(error)
            }
        }
    }
}

/// The incident page.
#[component]
pub fn IncidentPage() -> impl IntoView {
    let context = AppContext::get();
    let params = use_params_map();
    let found = RwSignal::new(Found::Loading);
    let timeline = RwSignal::new(Timeline::default());
    let unreadable = RwSignal::new(Vec::<Unreadable>::new());

    Effect::new(move |_| {
        let id = params.with(|p| p.get("id")).and_then(|id| id.parse::<IncidentId>().ok());
        found.set(Found::Loading);
        let Some(id) = id else {
            return found.set(Found::Missing);
        };
        spawn_local(async move {
            let store = context.store();
            let (incident, entries, runs) = (store.incident(id).await, store.timeline(id).await, store.runs(id).await);
            match (incident, entries, runs) {
                (Ok(Some(incident)), Ok(entries), Ok(mut runs)) => {
                    timeline.set(Timeline::from_entries(entries.items));
                    runs.items.sort_by_key(|run| (run.started_at(), run.id()));
                    unreadable.set(entries.unreadable.into_iter().chain(runs.unreadable).collect());
                    found.set(Found::Incident(incident, runs.items));
                }
                (Ok(None), _, _) => found.set(Found::Missing),
                (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                    found.set(Found::Missing);
                    context.problem.set(Some(Problem::Store(error)));
                }
            }
        });
    });

    let text = move || context.text();
    move || match found.get() {
        Found::Loading => view! { <p role="status">{text().loading}</p> }.into_any(),
        Found::Missing => view! {
            <h1>{text().not_found_title}</h1>
            <p>{text().incident_missing}</p>
            <A href="/">{text().back_to_incidents}</A>
        }
        .into_any(),
        Found::Incident(incident, runs) => {
            let state = IncidentState { incident: RwSignal::new(incident), timeline, runs: RwSignal::new(runs) };
            view! {
                <IncidentHeader state />
                <UnreadableNotice records=unreadable />
                <super::command_panel::CommandPanel state />
                <super::updates::StatusUpdates state />
                <super::escalation::CatalogAndEscalation state />
                <ChecklistSection state />
                <TimelineSection incident=state.incident timeline />
            }
            .into_any()
        }
    }
}

/// Title, severity, status, who declared the incident, open required steps and
/// the affected components.
#[component]
fn IncidentHeader(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let incident = state.incident;
    let changing_severity = RwSignal::new(false);
    let status_refused = RwSignal::new(false);
    // The status picked in the list, set by the button. Arrow keys move through a
    // list one option at a time, so changing on every pick would record statuses
    // the responder only passed over. It follows the stored status again after each
    // change or refusal.
    let picked = RwSignal::new(incident.with_untracked(|i| i.status()));
    Effect::new(move |_| picked.set(incident.with(|i| i.status())));
    let on_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let status = picked.get_untracked();
        let (changed, entries) = match incident.get_untracked().change_status(status, context.stamp()) {
            Ok(change) => change,
            Err(StatusChangeError::NotResolved) => {
                status_refused.set(true);
                return incident.notify();
            }
            Err(StatusChangeError::Unchanged) => return,
        };
        status_refused.set(false);
        spawn_local(async move {
            let batch = Batch { incident: Some(changed), entries, ..Batch::default() };
            if state.commit(context, batch).await.is_err() {
                incident.notify();
            }
        });
    };
    view! {
        <p class="incident__back">
            <A href="/">{move || text().back_to_incidents}</A>
        </p>
        <header class="incident__header">
            <h1 class="incident__title">
                <SeverityBadge severity=Signal::derive(move || incident.with(|i| i.severity().clone())) />
                " "
                {move || incident.with(|i| i.title().to_owned())}
            </h1>
            <p class="incident__declared">
                {move || {
                    incident.with(|i| {
                        let name = author_name(text(), i.declared_by());
                        let at = time::show(i.declared_at(), false, text().utc_suffix);
                        fill(text().declared_by, &[("time", &at), ("name", &name)])
                    })
                }}
            </p>
            <p class="incident__review">
                <A href=move || format!("/incidents/{}/review", incident.with(|i| i.id()))>{move || text().review.review_link}</A>
            </p>
            <RequiredOpen state />
            <div class="incident__controls">
                <form class="field field--inline incident__status" on:submit=on_status>
                    <label for="incident-status">{move || text().status_label}</label>
                    <select
                        id="incident-status"
                        aria-describedby="incident-status-error"
                        on:change=move |ev| {
                            if let Some(status) = Status::from_key(&event_target_value(&ev)) {
                                picked.set(status);
                            }
                        }
                    >
                        {Status::ALL
                            .into_iter()
                            .map(|status| {
                                view! {
                                    <option value=status.key() prop:selected=move || picked.get() == status>
                                        {move || text().status(status)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button">{move || text().status_set}</button>
                </form>
                <button
                    type="button"
                    class="button"
                    id="change-severity"
                    aria-expanded=move || changing_severity.get().to_string()
                    on:click=move |_| {
                        changing_severity.update(|open| *open = !*open);
                        if changing_severity.get_untracked() {
                            focus("new-severity");
                        }
                    }
                >
                    {move || text().change_severity}
                </button>
            </div>
            <p id="incident-status-error" class="field__error" aria-live="assertive">
                {move || status_refused.get().then(|| text().status_not_resolved)}
            </p>
            <Show when=move || changing_severity.get()>
                <SeverityPanel state open=changing_severity />
            </Show>
            <ComponentsField state />
        </header>
    }
}

/// Why a severity change was refused, as the panel shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeverityProblem {
    NoReason,
    Unchanged,
}

/// Changes the severity with a reason, optionally guided by the triage questions.
/// Runbooks that attach at the new level and are not running yet are started.
#[component]
fn SeverityPanel(state: IncidentState, open: RwSignal<bool>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let chosen = RwSignal::new(state.incident.with_untracked(|i| i.severity().clone()));
    let reason = RwSignal::new(String::new());
    let answers = RwSignal::new(Answers::default());
    let questions_shown = RwSignal::new(false);
    let problem = RwSignal::new(None::<SeverityProblem>);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(suggestion) = answers.with(Answers::suggest) {
            chosen.set(context.settings.with_untracked(|s| suggested_level(s.ladder(), &suggestion)));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let to = chosen.get_untracked();
        let stamp = context.stamp();
        let (changed, entry) =
            match state.incident.get_untracked().change_severity(to.clone(), &reason.get_untracked(), stamp.clone()) {
                Ok(change) => change,
                Err(SeverityChangeError::NoReason) => {
                    problem.set(Some(SeverityProblem::NoReason));
                    return focus("severity-reason");
                }
                Err(SeverityChangeError::Unchanged) => {
                    problem.set(Some(SeverityProblem::Unchanged));
                    return focus("new-severity");
                }
            };
        problem.set(None);
        let mut batch = Batch { entries: vec![entry], ..Batch::default() };
        let mut next = stamp;
        let running = state.runs.get_untracked();
        context.library.with_untracked(|library| {
            for runbook in to_attach(library, &to, &running) {
                next = next.next();
                let (run, started) =
                    RunbookRun::start(context.new_run_id(), changed.id(), runbook, false, next.clone());
                batch.runs.push(run);
                batch.entries.push(started);
            }
        });
        batch.incident = Some(changed);
        busy.set(true);
        spawn_local(async move {
            let saved = state.commit(context, batch).await;
            busy.set(false);
            if saved.is_ok() {
                open.set(false);
                focus("change-severity");
            }
        });
    };
    let message = move || {
        problem.get().map(|p| match p {
            SeverityProblem::NoReason => text().severity_reason_missing,
            SeverityProblem::Unchanged => text().severity_unchanged,
        })
    };
    view! {
        <form class="severity-panel" on:submit=on_submit novalidate>
            <div class="field">
                <label for="new-severity">{move || text().new_severity}</label>
                <select
                    id="new-severity"
                    on:change=move |ev| chosen.set(crate::domain::Severity::new(&event_target_value(&ev)))
                >
                    {move || {
                        context
                            .ladder()
                            .levels()
                            .iter()
                            .map(|level| {
                                let id = level.id().clone();
                                let value = id.to_string();
                                view! {
                                    <option value=value prop:selected=move || chosen.with(|c| c == &id)>
                                        {format!("{} — {}", level.name(), text().level_impact(level))}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <button
                type="button"
                class="button"
                aria-expanded=move || questions_shown.get().to_string()
                on:click=move |_| questions_shown.update(|shown| *shown = !*shown)
            >
                {move || if questions_shown.get() { text().triage_hide } else { text().triage_show }}
            </button>
            <Show when=move || questions_shown.get()>
                <TriageQuestions answers prefix="retriage" />
                <SuggestionView answers />
            </Show>
            <div class="field">
                <label for="severity-reason">{move || text().severity_reason}</label>
                <input
                    id="severity-reason"
                    type="text"
                    bind:value=reason
                    aria-invalid=move || (problem.get() == Some(SeverityProblem::NoReason)).to_string()
                    aria-describedby="severity-error"
                />
            </div>
            <p id="severity-error" class="field__error" aria-live="assertive">{message}</p>
            <div class="severity-panel__actions">
                <button type="submit" class="button button--primary" disabled=move || busy.get()>
                    {move || text().save_severity}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    {move || text().cancel}
                </button>
            </div>
        </form>
    }
}

/// The affected components, as a comma-separated list.
#[component]
fn ComponentsField(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let joined = move || state.incident.with(|i| i.components().join(", "));
    let value = RwSignal::new(state.incident.with_untracked(|i| i.components().join(", ")));
    let saved = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let names: Vec<String> = value.get_untracked().split([',', '，', '、']).map(str::to_owned).collect();
        let Some((changed, entry)) = state.incident.get_untracked().change_components(&names, context.stamp()) else {
            value.set(joined());
            return;
        };
        spawn_local(async move {
            let batch = Batch { incident: Some(changed), entries: vec![entry], ..Batch::default() };
            if state.commit(context, batch).await.is_ok() {
                value.set(untrack(joined));
                saved.set(true);
            }
        });
    };
    view! {
        <form class="components" on:submit=on_submit>
            <div class="field">
                <label for="incident-components">{move || text().components_label}</label>
                <div class="components__row">
                    <input
                        id="incident-components"
                        type="text"
                        bind:value=value
                        on:input=move |_| saved.set(false)
                        aria-describedby="incident-components-hint"
                    />
                    <button type="submit" class="button">{move || text().save_components}</button>
                </div>
                <p id="incident-components-hint" class="field__hint">{move || text().components_hint}</p>
                <p class="field__hint" role="status">{move || saved.get().then(|| text().saved)}</p>
            </div>
        </form>
    }
}

/// The name an entry is signed with, or a placeholder when none was set.
pub fn author_name(text: &Text, name: &str) -> String {
    if name.is_empty() {
        text.unnamed_author.to_owned()
    } else {
        name.to_owned()
    }
}

/// How an entry reads: a state change in the reader's language followed by its
/// reason, or the note as written (always as text, never as markup).
pub fn entry_text(text: &Text, ladder: &SeverityLadder, entry: &TimelineEntry) -> String {
    crate::domain::words::words(text.language).entry(entry, ladder)
}
