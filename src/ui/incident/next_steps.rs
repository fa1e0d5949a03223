//! The next steps: the first open steps of the incident's checklists, at the
//! top of the cockpit, each with a Done button. Ticking one brings up the next;
//! the full checklists stay further down the page. A step that ticks itself
//! says which event will tick it; once recorded, the step leaves this list.

use super::state::IncidentState;
use crate::domain::{Completion, RunId, StepAction};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// How many open steps the cockpit shows at once.
const SHOWN: usize = 3;

/// The id of the Done button of the first next step, which the `x` key focuses.
pub const FIRST_DONE: &str = "next-step-0";

/// One open step as the cockpit shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Open {
    run: RunId,
    index: usize,
    text: String,
    runbook: String,
    required: bool,
    role: Option<String>,
    completes_when: Option<Completion>,
}

/// The first open steps of every checklist, in run and step order.
#[component]
pub fn NextSteps(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let t = move || context.text().cockpit;
    let open = Memo::new(move |_| {
        state
            .checklists(context)
            .iter()
            .flat_map(|list| {
                list.still_open().map(|item| Open {
                    run: list.run.id(),
                    index: item.index,
                    text: item.step.text.clone(),
                    runbook: list.run.runbook().name().to_owned(),
                    required: item.step.required,
                    role: item.step.role.clone(),
                    completes_when: item.step.completes_when,
                })
            })
            .collect::<Vec<_>>()
    });
    let done = action(move |(run, index): &(RunId, usize)| {
        let (run, index) = (*run, *index);
        async move {
            if state.act_on_step(context, run, index, StepAction::Done, "").await.is_ok() {
                // The step's row is gone: the keyboard goes on to the next one.
                focus_soon(FIRST_DONE.to_owned());
            }
        }
    });
    let rows = move || {
        open.with(|open| {
            open.iter()
                .take(SHOWN)
                .enumerate()
                .map(|(at, step)| {
                    let (run, index) = (step.run, step.index);
                    let label = fill(t().next_step_done_aria, &[("step", &step.text)]);
                    view! {
                        <li class="next-steps__step">
                            <button
                                type="button"
                                class="button button--small next-steps__done"
                                id=format!("next-step-{at}")
                                aria-label=label
                                on:click=move |_| {
                                    submit(done, (run, index));
                                }
                            >
                                {t().next_step_done}
                            </button>
                            <span class="next-steps__text">{step.text.clone()}</span>
                            <span class="next-steps__meta">
                                {step.runbook.clone()}
                                {step.required.then(|| format!(" · {}", text().step_required))}
                                {step.role.clone().map(|role| format!(" · {}", fill(text().step_role, &[("role", &role)])))}
                                {step
                                    .completes_when
                                    .map(|event| {
                                        let text = text();
                                        let event = text.completion(event);
                                        format!(" · {}", fill(text.autostep.ticks_when, &[("event", &event)]))
                                    })}
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let more = move || {
        let count = open.with(Vec::len);
        (count > SHOWN).then(|| {
            view! {
                <p class="next-steps__more">
                    <a href="#checklists">{fill(t().next_steps_more, &[("count", &(count - SHOWN).to_string())])}</a>
                </p>
            }
        })
    };
    view! {
        <section class="next-steps" aria-labelledby="next-steps-heading">
            <h2 id="next-steps-heading">{move || t().next_steps_title}</h2>
            {move || {
                if state.runs.with(Vec::is_empty) {
                    Some(view! { <p class="next-steps__none">{text().no_checklists}</p> }.into_any())
                } else if open.with(Vec::is_empty) {
                    Some(view! { <p class="next-steps__none">{t().next_steps_none}</p> }.into_any())
                } else {
                    None
                }
            }}
            <ol class="next-steps__list">{rows}</ol>
            {more}
        </section>
    }
}
