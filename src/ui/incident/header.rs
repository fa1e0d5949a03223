//! The incident's header: title, severity and status with their controls, who
//! declared it and the open required steps; and the affected components' field.

use super::checklist::RequiredOpen;
use super::resolve::{confirms, CloseConfirm, Decision, ResolveConfirm};
use super::state::IncidentState;
use crate::domain::checklist::to_attach;
use crate::domain::triage::Answers;
use crate::domain::{RunbookRun, Severity, SeverityChangeError, Status, StatusChangeError};
use crate::ui::common::badge::SeverityBadge;
use crate::ui::common::command::{submit, Failed, Unchanged};
use crate::ui::common::context::AppContext;
use crate::ui::common::drafts::{keep_new, DraftNote};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::task::{action, effect};
use crate::ui::common::time;
use crate::ui::common::triage::{suggested_level, SuggestionView, TriageQuestions};
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use crate::ui::incident::state::Change;
use leptos::prelude::*;
use leptos_router::components::A;

/// Title, severity, status, who declared the incident and the open required
/// steps.
#[component]
pub fn IncidentHeader(state: IncidentState) -> impl IntoView {
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
    effect(move |_| picked.set(incident.with(|i| i.status())));
    // Resolving and closing wait for the responder's confirmation.
    let confirming = RwSignal::new(None::<Status>);
    // After a confirmation, whose buttons leave the page, the focus goes to `then`.
    let set_status = action(move |(status, then): &(Status, Option<&'static str>)| {
        let (status, then) = (*status, *then);
        async move {
            let changed = state
                .change(context, |current| {
                    let (changed, entries) = current.incident.change_status(status, context.stamp())?;
                    Ok(Change { incident: Some(changed), entries, ..Change::default() })
                })
                .await;
            match changed {
                Ok(()) => {
                    status_refused.set(false);
                    // The composer follows the status, so its phase reads "resolved".
                    if let Some(then) = then {
                        focus(then);
                    }
                }
                Err(Failed::Refused(StatusChangeError::NotResolved)) => {
                    status_refused.set(true);
                    incident.notify();
                }
                Err(Failed::Refused(StatusChangeError::Unchanged)) => {}
                Err(Failed::Store(_)) => incident.notify(),
            }
        }
    });
    let on_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let to = picked.get_untracked();
        // A change the incident refuses is not asked about: the refusal says why.
        let refused = incident.with_untracked(|i| i.status_refusal(to)).is_some();
        if confirms(incident.with_untracked(|i| i.status()), to) && !refused {
            confirming.set(Some(to));
        } else {
            confirming.set(None);
            submit(set_status, (to, None));
        }
    };
    let decide = Callback::new(move |decision: Decision| {
        let Some(to) = confirming.get_untracked() else { return };
        confirming.set(None);
        match decision {
            Decision::Go { write_final } => {
                let then = if write_final { "update-text" } else { "incident-status" };
                submit(set_status, (to, Some(then)));
            }
            Decision::Cancel => {
                picked.set(incident.with_untracked(|i| i.status()));
                focus("incident-status");
            }
        }
    });
    view! {
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
                            focus_soon("new-severity".to_owned());
                        }
                    }
                >
                    {move || text().change_severity}
                </button>
            </div>
            <p id="incident-status-error" class="field__error" aria-live="assertive">
                {move || status_refused.get().then(|| text().status_not_resolved)}
            </p>
            {move || match confirming.get() {
                Some(Status::Resolved) => Some(view! { <ResolveConfirm state decide /> }.into_any()),
                Some(_) => Some(view! { <CloseConfirm state decide /> }.into_any()),
                None => None,
            }}
            <Show when=move || changing_severity.get()>
                <SeverityPanel state open=changing_severity />
            </Show>
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
    // The reason is a draft until the change is stored.
    let scope = format!("incident.{}", state.incident.with_untracked(|i| i.id()));
    let reason_draft = keep_new(reason, &scope, "severity-reason");
    let answers = RwSignal::new(Answers::default());
    let questions_shown = RwSignal::new(false);
    let problem = RwSignal::new(None::<SeverityProblem>);
    effect(move |_| {
        if let Some(suggestion) = answers.with(Answers::suggest) {
            chosen.set(context.settings.with_untracked(|s| suggested_level(s.ladder(), &suggestion)));
        }
    });
    let save = action(move |(to, reason): &(Severity, String)| {
        let (to, reason) = (to.clone(), reason.clone());
        async move {
            let changed = state
                .change(context, |current| {
                    let stamp = context.stamp();
                    let (changed, entry) = current.incident.change_severity(to.clone(), &reason, stamp.clone())?;
                    let mut batch = Change { entries: vec![entry], ..Change::default() };
                    let mut next = stamp;
                    context.library.with_untracked(|library| {
                        for runbook in to_attach(library, &to, current.runs) {
                            next = next.next();
                            let (run, started) =
                                RunbookRun::start(context.new_run_id(), changed.id(), runbook, false, next.clone());
                            batch.runs.push(run);
                            batch.entries.push(started);
                        }
                    });
                    batch.incident = Some(changed);
                    Ok(batch)
                })
                .await;
            match changed {
                Ok(()) => {
                    reason_draft.clear();
                    problem.set(None);
                    open.set(false);
                    focus("change-severity");
                }
                Err(Failed::Refused(SeverityChangeError::NoReason)) => {
                    problem.set(Some(SeverityProblem::NoReason));
                    focus("severity-reason");
                }
                Err(Failed::Refused(SeverityChangeError::Unchanged)) => {
                    problem.set(Some(SeverityProblem::Unchanged));
                    focus("new-severity");
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let busy = save.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(save, (chosen.get_untracked(), reason.get_untracked()));
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
                    on:change=move |ev| chosen.set(Severity::new(&event_target_value(&ev)))
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
            <DraftNote
                drafts=vec![reason_draft]
                name=Signal::derive(move || text().severity_reason.to_owned())
                first="severity-reason"
                discard=move || reason.set(String::new())
            />
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
pub fn ComponentsField(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let value = RwSignal::new(state.incident.with_untracked(|i| i.components().join(", ")));
    let saved = RwSignal::new(false);
    let save = action(move |names: &Vec<String>| {
        let names = names.clone();
        async move {
            let changed = state
                .change(context, |current| {
                    let (changed, entry) =
                        current.incident.change_components(&names, context.stamp()).ok_or(Unchanged)?;
                    Ok::<_, Unchanged>(Change { incident: Some(changed), entries: vec![entry], ..Change::default() })
                })
                .await;
            // The stored list, unless the page has gone meanwhile.
            let stored = move || state.incident.try_with_untracked(|i| i.components().join(", "));
            match changed {
                Ok(()) => {
                    if let Some(stored) = stored() {
                        value.set(stored);
                    }
                    saved.set(true);
                }
                // Nothing changed: the field shows the stored list again.
                Err(Failed::Refused(Unchanged)) => {
                    if let Some(stored) = stored() {
                        value.set(stored);
                    }
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let names: Vec<String> = value.get_untracked().split([',', '，', '、']).map(str::to_owned).collect();
        submit(save, names);
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
