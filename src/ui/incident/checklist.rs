//! The incident's checklists: every runbook run with its steps, ticked, skipped
//! and reopened from the mouse or the keyboard, and the count of required steps
//! still open for the incident header.
//!
//! Step state is derived from the timeline (see `domain::checklist`), so ticking a
//! step is writing a timeline entry; the checkbox changes only once it is stored.
//! A step done by itself (its event was recorded) says which event, who and when,
//! and offers "Mark not done", which records a reopening like the checkbox does.

use super::state::IncidentState;
use crate::domain::checklist::{Checklist, Completed, StepError, StepState};
use crate::domain::Completion;
use crate::domain::{RunId, Runbook, RunbookRun, StepAction};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::details::StepDetails;
use crate::ui::common::drafts::{keep_new, DraftNote};
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use crate::ui::incident::state::Change;
use leptos::prelude::*;
use std::convert::Infallible;
use wasm_bindgen::JsCast;

/// "3 required steps open", linking to the checklists.
#[component]
pub fn RequiredOpen(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let open = Memo::new(move |_| state.checklists(context).iter().map(|c| c.open_required().count()).sum::<usize>());
    move || {
        let text = context.text();
        (!state.runs.with(Vec::is_empty)).then(|| {
            let count = open.get();
            let message = if count == 0 {
                text.required_done.to_owned()
            } else {
                let template = if count == 1 { text.required_open_one } else { text.required_open };
                fill(template, &[("count", &count.to_string())])
            };
            view! {
                <p class="incident__required" class:incident__required--open={count > 0}>
                    <a href="#checklists">{message}</a>
                </p>
            }
        })
    }
}

/// All checklists of the incident and the form that adds a runbook by hand.
#[component]
pub fn ChecklistSection(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let run_ids = move || state.runs.with(|runs| runs.iter().map(RunbookRun::id).collect::<Vec<_>>());
    view! {
        <section class="checklists" id="checklists" aria-labelledby="checklists-heading">
            <h2 id="checklists-heading">{move || text().checklists_title}</h2>
            <Show
                when=move || !state.runs.with(Vec::is_empty)
                fallback=move || view! { <p class="checklists__empty">{move || text().no_checklists}</p> }
            >
                <p class="field__hint">{move || text().checklist_keys}</p>
            </Show>
            <For each=run_ids key=|id| *id let(run)>
                <RunChecklist state run />
            </For>
            <AddRunbook state />
        </section>
    }
}

/// One run's checklist.
#[component]
fn RunChecklist(state: IncidentState, run: RunId) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let checklist = Memo::new(move |_| state.checklists(context).into_iter().find(|c| c.run.id() == run));
    let name = move || checklist.with(|c| c.as_ref().map(|c| c.run.runbook().name().to_owned()).unwrap_or_default());
    let version = move || checklist.with(|c| c.as_ref().map_or(0, |c| c.run.runbook().version()));
    let latest = move || {
        let runbook = checklist.with(|c| c.as_ref().map(|c| c.run.runbook().id()));
        runbook.and_then(|id| context.library.with(|l| l.get(id).map(|r| r.version())))
    };
    let progress = move || checklist.with(|c| c.as_ref().map_or((0, 0), Checklist::progress));
    let heading_id = format!("run-{run}");
    let count = move || checklist.with(|c| c.as_ref().map_or(0, |c| c.items.len()));
    view! {
        <section class="checklist" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone() class="checklist__title">{name}</h3>
            <p class="checklist__meta">
                {move || fill(text().run_version, &[("version", &version().to_string())])}
                {move || {
                    latest()
                        .filter(|latest| *latest > version())
                        .map(|latest| {
                            format!(
                                " · {}",
                                fill(
                                    text().run_newer,
                                    &[("version", &version().to_string()), ("latest", &latest.to_string())],
                                ),
                            )
                        })
                }}
            </p>
            <p class="checklist__progress">
                <progress
                    max=move || progress().1.max(1).to_string()
                    value=move || progress().0.to_string()
                    aria-label=name
                ></progress>
                " "
                {move || {
                    let (done, total) = progress();
                    let template = if total == 1 { text().progress_one } else { text().progress };
                    fill(template, &[("done", &done.to_string()), ("total", &total.to_string())])
                }}
            </p>
            <ol class="checklist__steps" aria-labelledby=heading_id.clone() on:keydown=move_between_steps>
                <For each=move || 0..count() key=|index| *index let(index)>
                    <StepRow state checklist index />
                </For>
            </ol>
        </section>
    }
}

/// Up and down arrows move focus between the checkboxes of one checklist.
fn move_between_steps(ev: leptos::ev::KeyboardEvent) {
    let forward = match ev.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let (Some(list), Some(target)) = (
        ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
        ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()),
    ) else {
        return;
    };
    if target.type_() != "checkbox" {
        return;
    }
    let Ok(boxes) = list.query_selector_all("input[type=checkbox]") else { return };
    let boxes: Vec<web_sys::HtmlInputElement> =
        (0..boxes.length()).filter_map(|i| boxes.get(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let Some(at) = boxes.iter().position(|b| b == &target) else { return };
    let next = if forward { at + 1 } else { at.wrapping_sub(1) };
    if let Some(next) = boxes.get(next) {
        ev.prevent_default();
        let _ = next.focus();
    }
}

/// One step: its checkbox, what it needs, who settled it, and skip or reopen.
#[component]
fn StepRow(state: IncidentState, checklist: Memo<Option<Checklist>>, index: usize) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let item = move || checklist.with(|c| c.as_ref().and_then(|c| c.items.get(index).cloned()));
    let run = checklist.with_untracked(|c| c.as_ref().map(|c| c.run.id().to_string())).unwrap_or_default();
    let box_id = format!("step-{run}-{index}");
    let skip_id = format!("skip-{run}-{index}");
    let skipping = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    // A reason for skipping is a draft until the skip is stored; a kept one
    // opens the skip form again.
    let scope = format!("incident.{}", state.incident.with_untracked(|i| i.id()));
    let reason_draft = keep_new(reason, &scope, &skip_id);
    if reason_draft.restored.get_untracked().is_some() {
        skipping.set(true);
    }
    let missing_reason = RwSignal::new(false);
    let step_text = move || item().map(|i| i.step.text).unwrap_or_default();
    let details = Memo::new(move |_| item().map(|i| i.step.details).unwrap_or_default());
    let details_open = RwSignal::new(false);
    let details_id = format!("details-{run}-{index}");
    let state_of = move || item().map(|i| i.state).unwrap_or(StepState::Open);

    let run_id = checklist.with_untracked(|c| c.as_ref().map(|c| c.run.id()));
    let act = action(move |(action, why): &(StepAction, String)| {
        let (action, why) = (*action, why.clone());
        async move {
            let Some(run) = run_id else { return };
            let acted = state.act_on_step(context, run, index, action, &why).await;
            match acted {
                Ok(()) => {
                    skipping.set(false);
                    reason.set(String::new());
                }
                Err(Failed::Refused(StepError::NoReason)) => missing_reason.set(true),
                Err(_) => {}
            }
        }
    });
    let act = move |action: StepAction, why: String| {
        submit(act, (action, why));
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        // The box shows the stored state until the change is saved.
        let done = state_of().is_done();
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            input.set_checked(done);
        }
        act(if done { StepAction::Reopened } else { StepAction::Done }, String::new());
    };
    let focus_skip = skip_id.clone();
    let on_skip = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        missing_reason.set(false);
        act(StepAction::Skipped, reason.get_untracked());
    };
    let settled_line = move || {
        let text = text();
        match state_of() {
            StepState::Open => None,
            StepState::Done { by, at } => Some(fill(
                text.step_done_by,
                &[("name", &author_name(text, &by)), ("time", &time::show(at, false, text.utc_suffix))],
            )),
            StepState::Completed(completed) => Some(completed_line(text, &completed)),
            StepState::Skipped { by, at, reason } => Some(fill(
                text.step_skipped_by,
                &[
                    ("name", &author_name(text, &by)),
                    ("time", &time::show(at, false, text.utc_suffix)),
                    ("reason", &reason),
                ],
            )),
        }
    };
    view! {
        <li
            class="checklist__step"
            class:checklist__step--done=move || state_of().is_done()
            class:checklist__step--skipped=move || matches!(state_of(), StepState::Skipped { .. })
            class:checklist__step--not-applicable=move || item().is_some_and(|i| !i.applies)
        >
            <div class="checklist__row">
                <input
                    type="checkbox"
                    id=box_id.clone()
                    prop:checked=move || state_of().is_done()
                    disabled=move || matches!(state_of(), StepState::Skipped { .. })
                    on:change=on_toggle
                />
                <label for=box_id class="checklist__text">{step_text}</label>
                {move || {
                    item()
                        .filter(|i| i.step.required)
                        .map(|_| view! { <span class="checklist__required">{text().step_required}</span> })
                }}
                {move || {
                    item()
                        .and_then(|i| i.step.role)
                        .map(|role| view! { <span class="checklist__role">{fill(text().step_role, &[("role", &role)])}</span> })
                }}
                {move || {
                    item()
                        .filter(|i| !i.applies)
                        .map(|_| view! { <span class="checklist__na">{text().step_not_applicable}</span> })
                }}
            </div>
            {move || settled_line().map(|line| view! { <p class="checklist__settled">{line}</p> })}
            {move || {
                item()
                    .filter(|i| i.state == StepState::Open)
                    .and_then(|i| i.step.completes_when)
                    .map(|event| {
                        let text = text();
                        let line = fill(text.autostep.ticks_when, &[("event", &text.completion(event))]);
                        view! { <p class="checklist__ticks-when">{line}</p> }
                    })
            }}
            <div class="checklist__actions">
                {
                    let details_id = details_id.clone();
                    move || {
                        (!details.with(String::is_empty))
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="button button--small"
                                        aria-label=move || fill(text().details_aria, &[("step", &step_text())])
                                        aria-expanded=move || details_open.get().to_string()
                                        aria-controls=details_id.clone()
                                        on:click=move |_| details_open.update(|open| *open = !*open)
                                    >
                                        {move || text().details_show}
                                    </button>
                                }
                            })
                    }
                }
                {move || match state_of() {
                    StepState::Open => view! {
                        <button
                            type="button"
                            class="button button--small"
                            aria-label=fill(text().skip_aria, &[("step", &step_text())])
                            aria-expanded=move || skipping.get().to_string()
                            on:click={
                                let focus_skip = focus_skip.clone();
                                move |_| {
                                    skipping.update(|s| *s = !*s);
                                    if skipping.get_untracked() {
                                        focus_soon(focus_skip.clone());
                                    }
                                }
                            }
                        >
                            {text().skip}
                        </button>
                    }
                    .into_any(),
                    StepState::Skipped { .. } => view! {
                        <button
                            type="button"
                            class="button button--small"
                            aria-label=fill(text().reopen_aria, &[("step", &step_text())])
                            on:click=move |_| act(StepAction::Reopened, String::new())
                        >
                            {text().reopen}
                        </button>
                    }
                    .into_any(),
                    StepState::Completed(_) => view! {
                        <button
                            type="button"
                            class="button button--small"
                            aria-label=fill(text().autostep.untick_aria, &[("step", &step_text())])
                            on:click=move |_| act(StepAction::Reopened, String::new())
                        >
                            {text().autostep.untick}
                        </button>
                    }
                    .into_any(),
                    StepState::Done { .. } => ().into_any(),
                }}
            </div>
            <div id=details_id class="checklist__details" hidden=move || !details_open.get()>
                {move || {
                    (details_open.get() && !details.with(String::is_empty))
                        .then(|| view! { <StepDetails markdown=details.get() step=step_text() /> })
                }}
            </div>
            <Show when=move || skipping.get()>
                <form class="checklist__skip" on:submit=on_skip novalidate>
                    <label for=skip_id.clone()>{move || text().skip_reason}</label>
                    <input
                        id=skip_id.clone()
                        type="text"
                        bind:value=reason
                        aria-invalid=move || missing_reason.get().to_string()
                    />
                    <button type="submit" class="button button--small">{move || text().confirm_skip}</button>
                    <DraftNote
                        drafts=vec![reason_draft]
                        name=Signal::derive(move || text().skip_reason.to_owned())
                        first=skip_id.clone()
                        discard=move || reason.set(String::new())
                    />
                    <p class="field__error" aria-live="assertive">
                        {move || missing_reason.get().then(|| text().skip_reason_missing)}
                    </p>
                </form>
            </Show>
        </li>
    }
}

/// Why a step is done by itself: the event, who took the role or recorded the
/// event, and when it happened.
fn completed_line(text: &crate::ui::i18n::Text, completed: &Completed) -> String {
    let event = text.completion(completed.event);
    let time = time::show(completed.at, false, text.utc_suffix);
    match (completed.event, &completed.holder) {
        (Completion::RoleAssigned { .. }, Some(holder)) => {
            fill(text.autostep.done_by_role, &[("event", &event), ("name", holder), ("time", &time)])
        }
        _ => fill(
            text.autostep.done_by_event,
            &[("event", &event), ("name", &author_name(text, &completed.by)), ("time", &time)],
        ),
    }
}

/// Starts a runbook from the library by hand.
#[component]
fn AddRunbook(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let available = move || {
        let running: Vec<_> = state.runs.with(|runs| runs.iter().map(|r| r.runbook().id()).collect());
        context.library.with(|library| {
            library
                .active()
                .into_iter()
                .filter(|r| !running.contains(&r.id()))
                .map(|r| (r.id(), r.name().to_owned()))
                .collect::<Vec<_>>()
        })
    };
    let picked = RwSignal::new(String::new());
    let start = action(move |runbook: &Runbook| {
        let runbook = runbook.clone();
        async move {
            let started = state
                .change(context, |current| {
                    let (run, entry) =
                        RunbookRun::start(context.new_run_id(), current.incident.id(), &runbook, true, context.stamp());
                    Ok::<_, Infallible>(Change { runs: vec![run], entries: vec![entry], ..Change::default() })
                })
                .await;
            if started.is_ok() {
                picked.set(String::new());
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choice = picked.get_untracked();
        let id =
            available().into_iter().find(|(id, _)| id.to_string() == choice).or_else(|| available().into_iter().next());
        let Some(runbook) = id.and_then(|(id, _)| context.library.with_untracked(|l| l.get(id).cloned())) else {
            return;
        };
        submit(start, runbook);
    };
    move || {
        let choices = available();
        if choices.is_empty() {
            return view! { <p class="field__hint">{text().add_runbook_none}</p> }.into_any();
        }
        view! {
            <form class="checklists__add" on:submit=on_submit>
                <label for="add-runbook">{text().add_runbook}</label>
                <select id="add-runbook" on:change=move |ev| picked.set(event_target_value(&ev))>
                    {choices
                        .into_iter()
                        .map(|(id, name)| {
                            let value = id.to_string();
                            let selected = value.clone();
                            view! {
                                <option value=value prop:selected=move || picked.with(|p| p == &selected)>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button">{text().add_runbook_button}</button>
            </form>
        }
        .into_any()
    }
}
