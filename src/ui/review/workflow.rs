//! The review's workflow: status, the buttons that move it, the two sign-offs
//! and the history.

use super::state::{me, ReviewState};
use crate::domain::review::{Review, ReviewError, ReviewStatus, Reviewer, WorkflowEvent};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;

/// What the workflow asks before a step that signs the review.
#[derive(Clone, Copy, PartialEq)]
enum Asking {
    /// Nothing.
    Nothing,
    /// Whether to approve or publish (the step).
    Step(ReviewStatus),
    /// Why to reopen.
    Reopen,
}

/// Status, the workflow buttons, the two sign-offs and the history.
///
/// Approving and publishing sign the review's content, so each asks first;
/// a signed review changes its content only once reopened, which asks why and
/// keeps the sign-offs it sets aside in the history.
#[component]
pub fn Workflow(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let problem = RwSignal::new(None::<ReviewError>);
    let asking = RwSignal::new(Asking::Nothing);
    let reason = RwSignal::new(String::new());
    let status = move || state.review.with(|r| r.as_ref().map_or(ReviewStatus::Draft, Review::status));
    let decide = move |result: Result<(), Failed<ReviewError>>| match result {
        Ok(()) => {
            problem.set(None);
            asking.set(Asking::Nothing);
            reason.set(String::new());
        }
        Err(Failed::Refused(error)) => problem.set(Some(error)),
        Err(Failed::Store(_)) => {}
    };
    let step = action(move |to: &ReviewStatus| {
        let to = *to;
        async move { decide(state.change(context, |review| review.with_status(to, &me(context), Utc::now())).await) }
    });
    let step = move |to: ReviewStatus| {
        submit(step, to);
    };
    // Approving without both sign-offs says so at once; a step that would sign
    // the review asks first.
    let ask = move |to: ReviewStatus| {
        let signed = state.review.with_untracked(|r| {
            r.as_ref().is_some_and(|r| {
                r.sign_off(Reviewer::Technical).is_some() && r.sign_off(Reviewer::NonTechnical).is_some()
            })
        });
        if to == ReviewStatus::Approved && !signed {
            return problem.set(Some(ReviewError::MissingSignOff));
        }
        problem.set(None);
        asking.set(Asking::Step(to));
        focus_soon("workflow-confirm".into());
    };
    let reopen = action(move |why: &String| {
        let why = why.clone();
        async move { decide(state.change(context, |review| review.reopen(&me(context), &why, Utc::now())).await) }
    });
    let sign = action(move |(who, name): &(Reviewer, String)| {
        let (who, name) = (*who, name.clone());
        async move { decide(state.change(context, |review| review.with_sign_off(who, &name, Utc::now())).await) }
    });
    let sign = move |who: Reviewer, name: String| {
        submit(sign, (who, name));
    };
    let message = move || {
        let r = r();
        problem.get().map(|p| match p {
            ReviewError::MissingSignOff => r.missing_sign_off,
            ReviewError::NoSignOffName => r.sign_off_needs_name,
            ReviewError::ReopenNeedsReason => r.reopen_needs_reason,
            ReviewError::Signed => r.signed_refused,
            _ => r.sign_off_not_in_review,
        })
    };
    let button = move |label: fn(&super::text::ReviewText) -> &'static str,
                       to: ReviewStatus,
                       shown: fn(ReviewStatus) -> bool| {
        view! {
            <Show when=move || shown(status())>
                <button type="button" class="button" on:click=move |_| step(to)>
                    {move || label(r())}
                </button>
            </Show>
        }
    };
    let asked = move |label: fn(&super::text::ReviewText) -> &'static str, to: ReviewStatus, from: ReviewStatus| {
        view! {
            <Show when=move || status() == from>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || (asking.get() == Asking::Step(to)).to_string()
                    on:click=move |_| ask(to)
                >
                    {move || label(r())}
                </button>
            </Show>
        }
    };
    let signed = move || matches!(status(), ReviewStatus::Approved | ReviewStatus::Published);
    view! {
        <section class="review__workflow" aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">{move || r().sign_offs_title}</h2>
            <p>
                <strong>{move || r().status_label} {move || text().colon}</strong>
                <span class="review__status">{move || r().status(status())}</span>
            </p>
            <div class="review__actions">
                {button(|r| r.submit, ReviewStatus::InReview, |s| s == ReviewStatus::Draft)}
                {button(|r| r.back_to_draft, ReviewStatus::Draft, |s| s == ReviewStatus::InReview)}
                {asked(|r| r.approve, ReviewStatus::Approved, ReviewStatus::InReview)}
                {asked(|r| r.publish, ReviewStatus::Published, ReviewStatus::Approved)}
                <Show when=signed>
                    <button
                        type="button"
                        class="button"
                        aria-expanded=move || (asking.get() == Asking::Reopen).to_string()
                        on:click=move |_| {
                            problem.set(None);
                            asking.set(Asking::Reopen);
                            focus_soon("reopen-reason".into());
                        }
                    >
                        {move || r().reopen}
                    </button>
                </Show>
            </div>
            {move || match asking.get() {
                Asking::Nothing => ().into_any(),
                Asking::Step(to) => {
                    let (question, yes) = match to {
                        ReviewStatus::Published => (r().publish_question, r().publish_confirm),
                        _ => (r().approve_question, r().approve_confirm),
                    };
                    view! {
                        <div class="review__confirm" role="group" aria-labelledby="workflow-confirm">
                            <p id="workflow-confirm" tabindex="-1">{question}</p>
                            <button type="button" class="button button--primary" on:click=move |_| step(to)>{yes}</button>
                            <button type="button" class="button" on:click=move |_| asking.set(Asking::Nothing)>{r().cancel}</button>
                        </div>
                    }
                    .into_any()
                }
                Asking::Reopen => view! {
                    <form
                        class="review__confirm"
                        on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            submit(reopen, reason.get_untracked());
                        }
                    >
                        <p id="reopen-warning">{r().reopen_warning}</p>
                        <div class="field">
                            <label for="reopen-reason">{r().reopen_reason}</label>
                            <input id="reopen-reason" type="text" bind:value=reason aria-describedby="reopen-warning" />
                        </div>
                        <button type="submit" class="button button--primary">{r().reopen_confirm}</button>
                        <button type="button" class="button" on:click=move |_| asking.set(Asking::Nothing)>{r().cancel}</button>
                    </form>
                }
                .into_any(),
            }}
            <Show when=signed>
                <p class="field__hint">{move || r().signed_note}</p>
            </Show>
            <SignOffField state who=Reviewer::Technical sign=Callback::new(move |name| sign(Reviewer::Technical, name)) />
            <SignOffField state who=Reviewer::NonTechnical sign=Callback::new(move |name| sign(Reviewer::NonTechnical, name)) />
            <p class="field__error" role="alert">{message}</p>
            // The history is open once a step set sign-offs aside, so that what was
            // signed before stays in view.
            <details
                class="review__history"
                prop:open=move || state.review.with(|r| r.as_ref().is_some_and(|r| r.history().iter().any(|e| !e.set_aside.is_empty())))
            >
                <summary>{move || r().history_title}</summary>
                <ol>
                    {move || {
                        state
                            .review
                            .get()
                            .map(|review| {
                                review
                                    .history()
                                    .iter()
                                    .map(|event| view! { <li>{history_line(context, event)}</li> })
                                    .collect_view()
                            })
                    }}
                </ol>
                {move || {
                    let removed = state.review.with(|r| r.as_ref().map(|r| r.removed().to_vec()).unwrap_or_default());
                    (!removed.is_empty())
                        .then(|| {
                            view! {
                                <h3>{r().removed_title}</h3>
                                <ul>
                                    {removed
                                        .into_iter()
                                        .map(|item| {
                                            let line = fill(
                                                r().removed_line,
                                                &[
                                                    ("number", &item.number.to_string()),
                                                    ("title", &item.title),
                                                    ("by", &author_name(text(), &item.by)),
                                                    ("time", &time::show(item.at, false, text().utc_suffix)),
                                                ],
                                            );
                                            view! { <li>{line}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })
                }}
            </details>
        </section>
    }
}

/// One step of the history in words: when, the status, who, and what the step
/// set aside or why it was taken.
fn history_line(context: AppContext, event: &WorkflowEvent) -> String {
    let text = context.text();
    let r = text.review;
    let mut line = format!(
        "{} · {} · {}",
        time::show(event.at, false, text.utc_suffix),
        r.status(event.status),
        author_name(text, &event.by)
    );
    if event.reopened_by_edit {
        line.push_str(&format!(" ({})", r.history_reopened));
    }
    if let Some(reason) = &event.reason {
        line.push_str(&format!(" · {}", fill(r.history_reopened_because, &[("reason", reason)])));
    }
    if !event.set_aside.is_empty() {
        let names: Vec<String> = event
            .set_aside
            .iter()
            .map(|s| {
                let who = match s.reviewer {
                    Reviewer::Technical => r.technical_reviewer,
                    Reviewer::NonTechnical => r.non_technical_reviewer,
                };
                let signed =
                    fill(r.signed_by, &[("name", &s.name), ("time", &time::show(s.at, false, text.utc_suffix))]);
                fill(r.history_set_aside_one, &[("reviewer", who), ("signed", &signed)])
            })
            .collect();
        let names = names.join(r.history_list_separator);
        line.push_str(&format!(" · {}", fill(r.history_set_aside, &[("names", &names)])));
    }
    line
}

/// One reviewer's sign-off: their name and the sign button, or who signed.
#[component]
fn SignOffField(state: ReviewState, who: Reviewer, sign: Callback<String>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let name = RwSignal::new(String::new());
    let id = match who {
        Reviewer::Technical => "sign-off-technical",
        Reviewer::NonTechnical => "sign-off-non-technical",
    };
    let label = move || match who {
        Reviewer::Technical => r().technical_reviewer,
        Reviewer::NonTechnical => r().non_technical_reviewer,
    };
    let signed = move || state.review.with(|r| r.as_ref().and_then(|r| r.sign_off(who).cloned()));
    view! {
        <form
            class="review__sign-off"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                sign.run(name.get_untracked());
            }
        >
            <label for=id>{label}</label>
            {move || match signed() {
                Some(s) => view! {
                    <span class="review__signed">
                        {fill(r().signed_by, &[("name", &s.name), ("time", &time::show(s.at, false, text().utc_suffix))])}
                    </span>
                }
                .into_any(),
                None => view! {
                    <input id=id type="text" bind:value=name list="people" />
                    <button type="submit" class="button button--small">{r().sign}</button>
                }
                .into_any(),
            }}
        </form>
    }
}
