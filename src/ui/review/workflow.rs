//! The review's workflow: status, the buttons that move it, the two sign-offs
//! and the history.

use super::state::{me, ReviewState};
use crate::domain::review::{Review, ReviewError, ReviewStatus, Reviewer};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;

/// Status, the workflow buttons, the two sign-offs and the history.
#[component]
pub fn Workflow(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let problem = RwSignal::new(None::<ReviewError>);
    let status = move || state.review.with(|r| r.as_ref().map_or(ReviewStatus::Draft, Review::status));
    let decide = move |result: Result<(), Failed<ReviewError>>| match result {
        Ok(()) => problem.set(None),
        Err(Failed::Refused(error)) => problem.set(Some(error)),
        Err(Failed::Store(_)) => {}
    };
    let step = Action::new_local(move |to: &ReviewStatus| {
        let to = *to;
        async move { decide(state.change(context, |review| review.with_status(to, &me(context), Utc::now())).await) }
    });
    let step = move |to: ReviewStatus| {
        submit(step, to);
    };
    let sign = Action::new_local(move |(who, name): &(Reviewer, String)| {
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
    view! {
        <section class="review__workflow" aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">{move || r().sign_offs_title}</h2>
            <p>
                <strong>{move || r().status_label} ": "</strong>
                <span class="review__status">{move || r().status(status())}</span>
            </p>
            <div class="review__actions">
                {button(|r| r.submit, ReviewStatus::InReview, |s| s == ReviewStatus::Draft)}
                {button(|r| r.back_to_draft, ReviewStatus::Draft, |s| s == ReviewStatus::InReview)}
                {button(|r| r.approve, ReviewStatus::Approved, |s| s == ReviewStatus::InReview)}
                {button(|r| r.publish, ReviewStatus::Published, |s| s == ReviewStatus::Approved)}
            </div>
            <SignOffField state who=Reviewer::Technical sign=Callback::new(move |name| sign(Reviewer::Technical, name)) />
            <SignOffField state who=Reviewer::NonTechnical sign=Callback::new(move |name| sign(Reviewer::NonTechnical, name)) />
            <p class="field__error" role="alert">{message}</p>
            <details class="review__history">
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
                                    .map(|event| {
                                        let note = if event.reopened_by_edit { format!(" ({})", r().history_reopened) } else { String::new() };
                                        view! {
                                            <li>
                                                {format!(
                                                    "{} · {} · {}{}",
                                                    time::show(event.at, false, text().utc_suffix),
                                                    r().status(event.status),
                                                    event.by,
                                                    note,
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </ol>
            </details>
        </section>
    }
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
