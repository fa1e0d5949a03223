//! Incident command on the incident page: who holds which role, the milestones
//! (now or back-dated, always in order) and the response times they give, which
//! run live until their end is reached.

use super::state::IncidentState;
use crate::domain::incident::AssignError;
use crate::domain::milestone::{Metric, OutOfOrder};
use crate::domain::{Milestone, Role};
use crate::ui::common::command::{submit, Failed, Unchanged};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::common::task::action;
use crate::ui::common::time::{self, TimeRefusal};
use crate::ui::i18n::fill;
use crate::ui::incident::state::Change;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// Roles, milestones and response times.
#[component]
pub fn CommandPanel(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    view! {
        <section class="command" aria-labelledby="roles-heading">
            <div class="command__column">
                <h2 id="roles-heading">{move || text().roles_title}</h2>
                <datalist id="people">
                    {move || {
                        context
                            .settings
                            .with(|s| s.people().to_vec())
                            .into_iter()
                            .map(|p| {
                                let label = if p.team().is_empty() {
                                    p.name().to_owned()
                                } else {
                                    format!("{} ({})", p.name(), p.team())
                                };
                                view! { <option value=p.name().to_owned() label=label></option> }
                            })
                            .collect_view()
                    }}
                </datalist>
                <ul class="command__roles">
                    {Role::ALL.into_iter().map(|role| view! { <RoleRow state role /> }).collect_view()}
                </ul>
            </div>
            <div class="command__column">
                <h2>{move || text().milestones_title}</h2>
                <ul class="command__milestones">
                    {Milestone::ALL.into_iter().map(|m| view! { <MilestoneRow state milestone=m /> }).collect_view()}
                </ul>
                <Metrics state />
            </div>
        </section>
    }
}

/// One role: its holders and the field that assigns or hands it over.
#[component]
fn RoleRow(state: IncidentState, role: Role) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let name = RwSignal::new(String::new());
    let one_holder = RwSignal::new(false);
    let holders =
        move || state.incident.with(|i| i.roles().holders(role).iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    let input_id = format!("role-{}", role.key());
    let error_id = format!("role-{}-error", role.key());
    let assign = action(move |holder: &String| {
        let holder = holder.clone();
        async move {
            let assigned = state
                .change(context, |current| {
                    let (changed, entries) = current.incident.assign_role_holders(role, &holder, context.stamp())?;
                    Ok(Change { incident: Some(changed), entries, ..Change::default() })
                })
                .await;
            match assigned {
                // A name typed since stays in the field.
                Ok(()) => {
                    name.try_update(|typed| {
                        if *typed == holder {
                            typed.clear();
                        }
                    });
                }
                Err(Failed::Refused(AssignError::OneHolder)) => one_holder.set(true),
                Err(_) => {}
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(assign, name.get_untracked());
    };
    let release = action(move |holder: &String| {
        let holder = holder.clone();
        async move {
            let _ = state
                .change(context, |current| {
                    let (changed, entry) =
                        current.incident.release_role(role, &holder, context.stamp()).ok_or(Unchanged)?;
                    Ok::<_, Unchanged>(Change { incident: Some(changed), entries: vec![entry], ..Change::default() })
                })
                .await;
        }
    });
    let release = move |holder: String| {
        submit(release, holder);
    };
    view! {
        <li class="command__role">
            <span class="command__role-name">{move || text().role(role)}</span>
            <span class="command__holders">
                {move || {
                    let list = holders();
                    if list.is_empty() {
                        return view! { <em>{text().role_nobody}</em> }.into_any();
                    }
                    list.into_iter()
                        .map(|holder| {
                            let label = fill(text().role_release_aria, &[("name", &holder), ("role", text().role(role))]);
                            let removed = holder.clone();
                            view! {
                                <span class="command__holder">
                                    {holder}
                                    {role
                                        .is_shared()
                                        .then(|| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=label
                                                    on:click=move |_| release(removed.clone())
                                                >
                                                    "×"
                                                </button>
                                            }
                                        })}
                                </span>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </span>
            <form class="command__assign" on:submit=on_submit>
                <label for=input_id.clone() class="visually-hidden">
                    {move || fill(text().role_assign_label, &[("role", text().role(role))])}
                </label>
                <input
                    id=input_id
                    type="text"
                    list="people"
                    autocomplete="off"
                    bind:value=name
                    on:input=move |_| one_holder.set(false)
                    aria-invalid=move || one_holder.get().to_string()
                    aria-describedby=error_id.clone()
                />
                <button type="submit" class="button button--small">
                    {move || {
                        if !role.is_shared() && !holders().is_empty() { text().role_hand_over } else { text().role_assign }
                    }}
                </button>
                <p id=error_id class="field__error" aria-live="assertive">
                    {move || one_holder.get().then(|| fill(text().flow.role_one_holder, &[("role", text().role(role))]))}
                </p>
            </form>
        </li>
    }
}

/// One milestone: its time, "now", and a back-dated time.
#[component]
fn MilestoneRow(state: IncidentState, milestone: Milestone) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let input = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<OutOfOrder>);
    // Why the time typed was not used: refused with what was typed, or missing.
    let bad_time = RwSignal::new(None::<Option<(TimeRefusal, String)>>);
    let input_id = format!("milestone-{}", milestone.key());
    let current = move || state.incident.with(|i| i.milestones().get(milestone));
    let set = action(move |at: &DateTime<Utc>| {
        let at = *at;
        async move {
            let set = state
                .change(context, |current| {
                    let (changed, entry) = current.incident.set_milestone(milestone, at, context.stamp())?;
                    Ok(Change { incident: Some(changed), entries: vec![entry], ..Change::default() })
                })
                .await;
            match set {
                Ok(()) => {
                    refused.set(None);
                    input.set(String::new());
                }
                Err(Failed::Refused(conflict)) => refused.set(Some(conflict)),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let set = move |at: DateTime<Utc>| {
        submit(set, at);
    };
    let focus_id = input_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        bad_time.set(None);
        let typed = input.get_untracked();
        match time::read_typed(&typed) {
            Ok(Some(at)) => set(at),
            Ok(None) => {
                bad_time.set(Some(None));
                focus(&focus_id);
            }
            Err(refused) => {
                bad_time.set(Some(Some((refused, typed))));
                focus(&focus_id);
            }
        }
    };
    let message = move || {
        let text = text();
        match bad_time.get() {
            Some(Some((refused, typed))) => return Some(text.time.refusal(refused, &typed)),
            Some(None) => return Some(text.time.missing.to_owned()),
            None => {}
        }
        refused.get().map(|c| {
            let show = |at| time::show(at, false, text.utc_suffix);
            let template = if c.before { text.milestone_order } else { text.milestone_order_after };
            fill(
                template,
                &[
                    ("milestone", text.milestone(c.milestone)),
                    ("at", &show(c.at)),
                    ("other", text.milestone(c.other)),
                    ("other_at", &show(c.other_at)),
                ],
            )
        })
    };
    let error_id = format!("{input_id}-error");
    view! {
        <li class="command__milestone">
            <span class="command__milestone-name">{move || text().milestone(milestone)}</span>
            <span class="command__milestone-time">
                {move || match current() {
                    Some(at) => view! { <time datetime=at.to_rfc3339()>{time::show(at, false, text().utc_suffix)}</time> }.into_any(),
                    None => view! { <em>{text().milestone_not_set}</em> }.into_any(),
                }}
            </span>
            <button
                type="button"
                class="button button--small"
                aria-label=move || fill(text().milestone_now_aria, &[("milestone", text().milestone(milestone))])
                on:click=move |_| set(Utc::now())
            >
                {move || text().milestone_now}
            </button>
            <form class="command__backdate" on:submit=on_submit novalidate>
                <label for=input_id.clone() class="visually-hidden">
                    {move || fill(text().milestone_time_label, &[("milestone", text().milestone(milestone))])}
                </label>
                <input
                    id=input_id.clone()
                    type="text"
                    autocomplete="off"
                    placeholder=move || text().time.placeholder
                    bind:value=input
                    on:input=move |_| {
                        bad_time.set(None);
                        refused.set(None);
                    }
                    aria-describedby=error_id.clone()
                    aria-invalid=move || (refused.get().is_some() || bad_time.get().is_some()).to_string()
                />
                <button
                    type="submit"
                    class="button button--small"
                    aria-label=move || fill(text().milestone_set_aria, &[("milestone", text().milestone(milestone))])
                >
                    {move || text().milestone_set}
                </button>
            </form>
            <p id=error_id class="field__error command__milestone-error" role="alert">{message}</p>
        </li>
    }
}

/// The four response times, live while their end is not reached.
#[component]
fn Metrics(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let show = move |metric: Option<Metric>| {
        let text = text();
        match metric {
            None => text.metric_unknown.to_owned(),
            Some(m) if m.running => fill(text.metric_running, &[("duration", &text.age(m.duration.num_minutes()))]),
            Some(m) => text.age(m.duration.num_minutes()),
        }
    };
    let row = move |label: fn(&crate::ui::i18n::Text) -> &'static str,
                    metric: fn(&crate::domain::Milestones, chrono::DateTime<Utc>) -> Option<Metric>| {
        view! {
            <div class="command__metric">
                <dt>{move || label(text())}</dt>
                <dd>{move || show(state.incident.with(|i| metric(i.milestones(), context.now.get())))}</dd>
            </div>
        }
    };
    view! {
        <h3 class="command__metrics-title">{move || text().metrics_title}</h3>
        <dl class="command__metrics">
            {row(|t| t.metric_detect, |m, now| m.time_to_detect(now))}
            {row(|t| t.metric_acknowledge, |m, now| m.time_to_acknowledge(now))}
            {row(|t| t.metric_mitigate, |m, now| m.time_to_mitigate(now))}
            {row(|t| t.metric_resolve, |m, now| m.time_to_resolve(now))}
        </dl>
    }
}
