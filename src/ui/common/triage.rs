//! The triage questions and the severity they suggest, used when declaring an
//! incident and when changing its severity.

use crate::domain::triage::{Answers, Outage, Reach, Reason, Suggestion, YesNo};
use crate::domain::{Severity, SeverityLadder};
use crate::ui::common::context::AppContext;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// How a reason reads.
pub fn reason_text(text: &Text, reason: Reason) -> &'static str {
    match reason {
        Reason::ServiceDownForMany => text.r_service_down_many,
        Reason::ServiceDownForFew => text.r_service_down_few,
        Reason::DataExposedForMany => text.r_data_many,
        Reason::DataExposed => text.r_data,
        Reason::SlaBreached => text.r_sla,
        Reason::CriticalFunctionDown => text.r_critical,
        Reason::ManyDegraded => text.r_many_degraded,
        Reason::ManyDegradedWithWorkaround => text.r_many_degraded_workaround,
        Reason::FewDegraded => text.r_few_degraded,
        Reason::NoEffect => text.r_no_effect,
        Reason::OutageNotKnown => text.r_outage_unknown,
    }
}

/// The level a suggestion means on `ladder`.
pub fn suggested_level(ladder: &SeverityLadder, suggestion: &Suggestion) -> Severity {
    ladder.for_builtin_rank(suggestion.rank).clone()
}

/// The reasons of a suggestion as one line, for the timeline.
pub fn reasons_line(text: &Text, suggestion: &Suggestion) -> String {
    suggestion.reasons.iter().map(|r| reason_text(text, *r)).collect::<Vec<_>>().join(text.list_separator)
}

/// One question as a group of radio buttons.
#[component]
fn Question<T>(
    id: String,
    legend: Signal<&'static str>,
    choices: Vec<(T, Signal<&'static str>)>,
    get: Signal<Option<T>>,
    set: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="triage__question">
            <legend>{legend}</legend>
            {choices
                .into_iter()
                .enumerate()
                .map(|(i, (value, label))| {
                    let input_id = format!("{id}-{i}");
                    view! {
                        <div class="triage__choice">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=id.clone()
                                prop:checked=move || get.get() == Some(value)
                                on:change=move |_| set.run(value)
                            />
                            <label for=input_id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The five customer-impact questions. `prefix` keeps ids unique on the page.
#[component]
pub fn TriageQuestions(answers: RwSignal<Answers>, prefix: &'static str) -> impl IntoView {
    let context = AppContext::get();
    let t = move |pick: fn(&Text) -> &'static str| Signal::derive(move || pick(context.text()));
    let yes_no =
        move || vec![(YesNo::Yes, t(|x| x.a_yes)), (YesNo::No, t(|x| x.a_no)), (YesNo::NotSure, t(|x| x.a_not_sure))];
    view! {
        <div class="triage">
            <Question
                id=format!("{prefix}-outage")
                legend=t(|x| x.q_outage)
                choices=vec![
                    (Outage::ServiceDown, t(|x| x.a_service_down)),
                    (Outage::CriticalFunction, t(|x| x.a_critical_function)),
                    (Outage::Degraded, t(|x| x.a_degraded)),
                    (Outage::NoEffect, t(|x| x.a_no_effect)),
                    (Outage::NotSure, t(|x| x.a_not_sure)),
                ]
                get=Signal::derive(move || answers.with(|a| a.outage))
                set=Callback::new(move |v| answers.update(|a| a.outage = Some(v)))
            />
            <Question
                id=format!("{prefix}-reach")
                legend=t(|x| x.q_reach)
                choices=vec![
                    (Reach::Many, t(|x| x.a_many)),
                    (Reach::Few, t(|x| x.a_few)),
                    (Reach::NotSure, t(|x| x.a_not_sure)),
                ]
                get=Signal::derive(move || answers.with(|a| a.reach))
                set=Callback::new(move |v| answers.update(|a| a.reach = Some(v)))
            />
            <Question
                id=format!("{prefix}-data")
                legend=t(|x| x.q_data)
                choices=yes_no()
                get=Signal::derive(move || answers.with(|a| a.data_exposed))
                set=Callback::new(move |v| answers.update(|a| a.data_exposed = Some(v)))
            />
            <Question
                id=format!("{prefix}-sla")
                legend=t(|x| x.q_sla)
                choices=yes_no()
                get=Signal::derive(move || answers.with(|a| a.sla_breached))
                set=Callback::new(move |v| answers.update(|a| a.sla_breached = Some(v)))
            />
            <Question
                id=format!("{prefix}-workaround")
                legend=t(|x| x.q_workaround)
                choices=yes_no()
                get=Signal::derive(move || answers.with(|a| a.workaround))
                set=Callback::new(move |v| answers.update(|a| a.workaround = Some(v)))
            />
        </div>
    }
}

/// The suggested level and why, announced politely as answers change.
#[component]
pub fn SuggestionView(answers: RwSignal<Answers>) -> impl IntoView {
    let context = AppContext::get();
    move || {
        let text = context.text();
        let ladder = context.ladder();
        match answers.with(Answers::suggest) {
            None => view! { <p class="triage__suggestion" role="status">{text.suggest_none}</p> }.into_any(),
            Some(suggestion) => {
                let level = suggested_level(&ladder, &suggestion);
                let any_unsure = answers.with(|a| {
                    a.outage == Some(Outage::NotSure)
                        || a.reach == Some(Reach::NotSure)
                        || a.data_exposed == Some(YesNo::NotSure)
                });
                view! {
                    <div class="triage__suggestion" role="status">
                        <p>
                            <strong>{fill(text.suggested, &[("level", ladder.name(&level))])}</strong>
                        </p>
                        <ul>
                            {suggestion
                                .reasons
                                .iter()
                                .map(|reason| view! { <li>{reason_text(text, *reason)}</li> })
                                .collect_view()}
                        </ul>
                        {any_unsure.then(|| view! { <p class="field__hint">{text.suggest_higher}</p> })}
                    </div>
                }
                .into_any()
            }
        }
    }
}
