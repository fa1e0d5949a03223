//! The incident's affected components with their triage information from the
//! service catalog, and their escalations.
//!
//! An escalation's state is read from the timeline (see `domain::escalation`):
//! starting one, an answer, escalating further and stopping are timeline entries,
//! and the panel changes only once they are stored. The countdown of the current
//! step runs on a one-second clock of its own.

use super::state::IncidentState;
use crate::domain::catalog::{Affected, Component, ComponentId};
use crate::domain::escalation::{Escalation, EscalationState, Phase, Timer};
use crate::ui::common::badge::classification_badge;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::common::reach::{reach_view, with_reach};
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

/// A duration as a clock: `4:05`, or `1:02:03` from an hour on.
fn clock(duration: chrono::Duration) -> String {
    let s = duration.num_seconds().max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// One affected component as the section lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Row {
    Known(ComponentId),
    Unknown(String),
}

/// The affected components' triage information and their escalations.
#[component]
pub fn CatalogAndEscalation(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let tick = RwSignal::new(Utc::now());
    if let Ok(handle) = set_interval_with_handle(move || tick.set(Utc::now()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let rows = Memo::new(move |_| {
        let names = state.incident.with(|i| i.components().to_vec());
        context.settings.with(|s| {
            s.catalog()
                .affected(&names)
                .into_iter()
                .map(|a| match a {
                    Affected::Known(c) => Row::Known(c.id().clone()),
                    Affected::Unknown(name) => Row::Unknown(name),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="triage-info" aria-labelledby="triage-info-heading">
            <h2 id="triage-info-heading">{move || text().triage_title}</h2>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="triage-info__empty">{move || text().triage_none}</p>
            </Show>
            <For each=move || rows.get() key=|row| row.clone() let(row)>
                {match row {
                    Row::Known(id) => view! { <ComponentCard state id tick /> }.into_any(),
                    Row::Unknown(name) => {
                        view! {
                            <p class="triage-info__unknown">
                                {move || fill(text().not_in_catalog, &[("name", &name)])}
                                " "
                                <A href="/catalog">{move || text().add_to_catalog}</A>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </For>
        </section>
    }
}

/// One known component: its name, classification and owner team, then (open by
/// default) the rest of its triage information beside its escalation.
#[component]
fn ComponentCard(state: IncidentState, id: ComponentId, tick: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let component = Memo::new(move |_| context.settings.with(|s| s.catalog().get(&id).cloned()));
    let summary = move || {
        component.get().map(|c| {
            let t = text();
            view! {
                <span class="triage-card__name">{c.name().to_owned()}</span>
                " "
                {classification_badge(t.classification(c.classification()), c.classification())}
                {(!c.owner().is_empty())
                    .then(|| {
                        view! {
                            <span class="triage-card__owner">{fill(t.owner_shown, &[("name", c.owner())])}</span>
                        }
                    })}
            }
        })
    };
    let facts = move || component.get().map(|c| view! { <Facts component=c /> });
    view! {
        <details class="triage-card" open>
            <summary class="triage-card__summary">{summary}</summary>
            <div class="triage-card__body">
                {facts}
                <EscalationPanel state component tick />
            </div>
        </details>
    }
}

/// The triage information of one component.
#[component]
fn Facts(component: Component) -> impl IntoView {
    let context = AppContext::get();
    move || {
        let t = context.text().catalog;
        let c = &component;
        let or_not_given = |value: &str| if value.is_empty() { t.not_given.to_owned() } else { value.to_owned() };
        let contacts = if c.contacts().is_empty() {
            view! { <dd>{t.not_given}</dd> }.into_any()
        } else {
            view! {
                <dd>
                    <ul class="triage-card__list">
                        {c
                            .contacts()
                            .iter()
                            .map(|contact| {
                                let reach = (!contact.reach().is_empty()).then(|| view! { " · " {reach_view(contact.reach())} });
                                view! { <li><strong>{contact.name().to_owned()}</strong>{reach}</li> }
                            })
                            .collect_view()}
                    </ul>
                </dd>
            }
            .into_any()
        };
        let path = if c.escalation().is_empty() {
            view! { <dd>{t.not_given}</dd> }.into_any()
        } else {
            view! {
                <dd>
                    <ol class="triage-card__path">
                        {c
                            .escalation()
                            .iter()
                            .map(|step| {
                                let wait = fill(t.wait_minutes, &[("minutes", &step.wait_minutes().to_string())]);
                                let line =
                                    with_reach(t.step_line, &[("who", step.who()), ("wait", &wait)], step.how_to_reach());
                                let vendor = step.vendor().map(|v| {
                                    let labelled = |label, value| fill(t.labelled, &[("label", label), ("value", value)]);
                                    let mut words = format!("{} · {}", t.vendor_support, labelled(t.plan_label, v.plan()));
                                    if !v.contract_ref().is_empty() {
                                        words = format!("{words} · {}", labelled(t.contract_label, v.contract_ref()));
                                    }
                                    view! { <span class="triage-card__vendor">{words}</span> }
                                });
                                view! { <li>{line} {vendor}</li> }
                            })
                            .collect_view()}
                    </ol>
                </dd>
            }
            .into_any()
        };
        view! {
            <dl class="triage-card__facts">
                <div>
                    <dt>{t.public_name_label}</dt>
                    <dd>{c.public_name().to_owned()}</dd>
                </div>
                <div>
                    <dt>{t.dependencies_label}</dt>
                    <dd>
                        {if c.dependencies().is_empty() {
                            t.not_given.to_owned()
                        } else {
                            c.dependencies().join(context.text().list_separator)
                        }}
                    </dd>
                </div>
                <div class="triage-card__wide">
                    <dt>{t.contacts_legend}</dt>
                    {contacts}
                </div>
                <div class="triage-card__wide">
                    <dt>{t.architecture_label}</dt>
                    <dd class="triage-card__notes">{or_not_given(c.architecture())}</dd>
                </div>
                <div class="triage-card__wide">
                    <dt>{t.path_legend}</dt>
                    {path}
                </div>
            </dl>
        }
    }
}

/// What the escalation panel shows, read from the component and the timeline.
#[derive(Debug, Clone, PartialEq)]
struct Model {
    name: String,
    total: usize,
    state: Option<EscalationState>,
    /// How to reach the current step, if the path still has them at that place.
    reach: Option<String>,
    /// The next step: its place, who and how to reach them.
    next: Option<(usize, String, String)>,
}

/// What a responder does with an escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Start,
    Answer,
    Escalate,
    Stop,
}

/// A component's escalation: start it, see who is being reached and for how much
/// longer, record their answer, escalate further, or stop.
#[component]
fn EscalationPanel(
    state: IncidentState,
    component: Memo<Option<Component>>,
    tick: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let model = Memo::new(move |_| {
        let c = component.get()?;
        state.timeline.with(|timeline| {
            let escalation = Escalation::read(&c, timeline);
            let reach = escalation
                .current_step()
                .zip(escalation.state())
                .filter(|(step, s)| step.who() == s.who)
                .map(|(step, _)| step.how_to_reach().to_owned());
            Some(Model {
                name: c.name().to_owned(),
                total: c.escalation().len(),
                state: escalation.state().cloned(),
                reach,
                next: escalation.next_step().map(|(i, s)| (i, s.who().to_owned(), s.how_to_reach().to_owned())),
            })
        })
    });
    let slug = component.with_untracked(|c| c.as_ref().map(|c| c.id().to_string()).unwrap_or_default());
    let state_id = format!("escalation-{slug}-state");
    let group_label = move || {
        let t = text();
        let name = component.with(|c| c.as_ref().map(|c| c.name().to_owned()).unwrap_or_default());
        fill(t.labelled, &[("label", t.escalation_title), ("value", &name)])
    };
    let timer = move || model.with(|m| m.as_ref().and_then(|m| m.state.as_ref()).map(|s| s.timer(tick.get())));
    let ran_out = Memo::new(move |_| matches!(timer(), Some(Timer::RanOut(_))));
    let focus_after = state_id.clone();
    let record = action(move |act: &Act| {
        let act = *act;
        let state_id = focus_after.clone();
        async move {
            let Some(c) = component.get_untracked() else { return };
            let recorded = state
                .add_entries(context, |current| {
                    let (incident, stamp) = (current.incident.id(), context.stamp());
                    let escalation = Escalation::read(&c, current.timeline);
                    let entry = match act {
                        Act::Start => escalation.start(incident, stamp),
                        Act::Answer => escalation.answer(incident, stamp),
                        Act::Escalate => escalation.escalate(incident, stamp),
                        Act::Stop => escalation.stop(incident, stamp),
                    };
                    entry.map(|entry| vec![entry])
                })
                .await;
            match recorded {
                Ok(()) => request_animation_frame(move || focus(&state_id)),
                // A refusal means the panel was behind the timeline; it is redrawn from it.
                Err(Failed::Refused(_)) => state.timeline.notify(),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let busy = record.pending();
    let act = move |act: Act| {
        submit(record, act);
    };

    let body = move || {
        let t = text();
        let m = model.get()?;
        let name = m.name.clone();
        let button = {
            move |label: &'static str, aria: String, what: Act, primary: bool| {
                view! {
                    <button
                        type="button"
                        class="button button--small"
                        class:button--primary=primary
                        aria-label=aria
                        disabled=move || busy.get()
                        on:click=move |_| act(what)
                    >
                        {label}
                    </button>
                }
            }
        };
        if m.total == 0 {
            return Some(
                view! {
                    <p class="escalation__none">
                        {t.no_path} " " <A href="/catalog">{t.title}</A>
                    </p>
                }
                .into_any(),
            );
        }
        let Some(s) = m.state.clone() else {
            let aria = fill(t.start_aria, &[("component", &name)]);
            return Some(
                view! { <div class="escalation__actions">{button(t.start_escalation, aria, Act::Start, true)}</div> }
                    .into_any(),
            );
        };
        let n = (s.step + 1).to_string();
        let at = |at: DateTime<Utc>| time::show(at, false, context.text().utc_suffix);
        let start_again =
            || button(t.start_again, fill(t.start_again_aria, &[("component", &name)]), Act::Start, false);
        let escalate_next = |primary: bool| {
            m.next.as_ref().map(|(i, who, _)| {
                let aria = fill(t.escalate_aria, &[("component", &name), ("n", &(i + 1).to_string()), ("who", who)]);
                button(t.escalate_now, aria, Act::Escalate, primary)
            })
        };
        let view = match &s.phase {
            Phase::Waiting => {
                let current = fill(t.current_step, &[("n", &n), ("total", &m.total.to_string()), ("who", &s.who)]);
                let reach = match &m.reach {
                    Some(reach) => with_reach(t.reach_them, &[], reach).into_any(),
                    None => t.step_gone.into_any(),
                };
                let alert = match &m.next {
                    Some((i, next, reach)) => fill(
                        t.overdue_next,
                        &[
                            ("who", &s.who),
                            ("minutes", &s.wait_minutes.to_string()),
                            ("n", &(i + 1).to_string()),
                            ("next", next),
                            ("reach", reach),
                        ],
                    ),
                    None => fill(t.overdue_last, &[("who", &s.who)]),
                };
                let further = match escalate_next(false) {
                    Some(escalate) => escalate.into_any(),
                    None => {
                        let aria = fill(t.exhaust_aria, &[("component", &name)]);
                        button(t.exhaust, aria, Act::Escalate, false).into_any()
                    }
                };
                let answered_aria = fill(t.answered_aria, &[("who", &s.who), ("component", &name)]);
                view! {
                    <p id=state_id.clone() class="escalation__step" tabindex="-1">
                        <strong>{current}</strong>
                    </p>
                    <p class="escalation__reach">{reach}</p>
                    <p class="escalation__timer" class:escalation__timer--over=move || ran_out.get() role="timer">
                        {move || match timer() {
                            Some(Timer::RanOut(over)) => format!("{} (+{})", text().time_over, clock(over)),
                            Some(Timer::Running(left)) => format!("{} {}", text().time_left, clock(left)),
                            _ => String::new(),
                        }}
                    </p>
                    <Show when=move || ran_out.get()>
                        <p class="escalation__alert" role="alert">{alert.clone()}</p>
                    </Show>
                    <div class="escalation__actions">
                        {button(t.answered, answered_aria, Act::Answer, false)}
                        <span class:escalation__urgent=move || ran_out.get()>{further}</span>
                        {button(t.stop, fill(t.stop_aria, &[("component", &name)]), Act::Stop, false)}
                    </div>
                }
                .into_any()
            }
            Phase::Answered { who, at: when } => view! {
                <p id=state_id.clone() class="escalation__step escalation__step--answered" tabindex="-1">
                    {fill(t.state_answered, &[("who", who), ("n", &n), ("time", &at(*when))])}
                </p>
                <div class="escalation__actions">{escalate_next(false)} {start_again()}</div>
            }
            .into_any(),
            Phase::Stopped { at: when } => view! {
                <p id=state_id.clone() class="escalation__step" tabindex="-1">
                    {fill(t.state_stopped, &[("n", &n), ("time", &at(*when))])}
                </p>
                <div class="escalation__actions">{start_again()}</div>
            }
            .into_any(),
            Phase::Exhausted { at: when } => view! {
                <p id=state_id.clone() class="escalation__step escalation__step--exhausted" tabindex="-1">
                    {fill(t.state_exhausted, &[("n", &n), ("time", &at(*when))])}
                </p>
                <div class="escalation__actions">{start_again()}</div>
            }
            .into_any(),
        };
        Some(view)
    };
    view! {
        <div class="escalation" role="group" aria-label=group_label>
            <h3 class="escalation__title">
                {move || text().escalation_title}
            </h3>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::ComponentId;
    use crate::domain::escalation::EscalationEvent;
    use crate::domain::words::words;
    use crate::domain::Language;

    #[test]
    fn every_escalation_event_reads_in_both_languages() {
        let id = ComponentId::new("pay").unwrap();
        let name = "Payments API".to_owned();
        let events = [
            EscalationEvent::Started { component: id.clone(), name: name.clone(), who: "Ana".into(), wait_minutes: 5 },
            EscalationEvent::Answered { component: id.clone(), name: name.clone(), step: 0, who: "Ana".into() },
            EscalationEvent::Escalated {
                component: id.clone(),
                name: name.clone(),
                from: 0,
                to: 1,
                who: "Bo".into(),
                wait_minutes: 10,
                timed_out: false,
            },
            EscalationEvent::Escalated {
                component: id.clone(),
                name: name.clone(),
                from: 1,
                to: 2,
                who: "AWS Support".into(),
                wait_minutes: 15,
                timed_out: true,
            },
            EscalationEvent::Stopped { component: id.clone(), name: name.clone(), step: 1 },
            EscalationEvent::Exhausted { component: id, name, step: 2, who: "AWS Support".into() },
        ];
        let lines: Vec<String> = [Language::English, Language::TraditionalChinese]
            .into_iter()
            .flat_map(|language| events.iter().map(move |e| words(language).escalation(e)))
            .collect();
        expect_test::expect![[r#"
            Escalation started for Payments API: step 1, Ana (wait 5 min)
            Ana answered the escalation for Payments API (step 1)
            Escalation for Payments API moved from step 1 to step 2: Bo (wait 10 min)
            No answer in time; escalation for Payments API moved from step 2 to step 3: AWS Support (wait 15 min)
            Escalation for Payments API stopped at step 2
            Escalation path for Payments API exhausted: no answer from AWS Support at step 3
            已開始Payments API的升級通報：步驟 1，Ana（等待 5 分鐘）
            Ana 已回應Payments API的升級通報（步驟 1）
            Payments API的升級通報由步驟 1 升至步驟 2：Bo（等待 10 分鐘）
            逾時未回應；Payments API的升級通報由步驟 2 升至步驟 3：AWS Support（等待 15 分鐘）
            Payments API的升級通報已在步驟 2 停止
            Payments API的呈報路徑已用盡：步驟 3 的 AWS Support 未回應"#]]
        .assert_eq(&lines.join("\n"));
        assert!(lines.iter().all(|line| !line.contains('{')), "every placeholder filled");
    }

    #[test]
    fn clocks_read_minutes_and_seconds() {
        let shown: Vec<String> = [0, 5, 65, 3599, 3723].iter().map(|s| clock(chrono::Duration::seconds(*s))).collect();
        assert_eq!(shown, ["0:00", "0:05", "1:05", "59:59", "1:02:03"]);
    }
}
