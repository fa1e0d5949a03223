//! The first screen: declaring an incident, and the open and closed incidents.

use super::commands::ListCommands;
use crate::domain::triage::Answers;
use crate::domain::{Declaration, DeclareError, Incident};
use crate::ui::common::badge::SeverityBadge;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::task::{action, effect};
use crate::ui::common::time;
use crate::ui::common::triage::{reasons_line, suggested_level, SuggestionView, TriageQuestions};
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The incident list with the declaration form above it.
#[component]
pub fn IncidentList() -> impl IntoView {
    let context = AppContext::get();
    let commands = ListCommands::new(context);
    spawn_local(commands.load());
    let (incidents, unreadable) = (commands.incidents, commands.unreadable);
    let text = move || context.text();
    let open = move || incidents.get().map(|all| all.into_iter().filter(|i| i.status().is_open()).collect::<Vec<_>>());
    let closed =
        move || incidents.get().map(|all| all.into_iter().filter(|i| !i.status().is_open()).collect::<Vec<_>>());

    view! {
        <h1>{move || text().incidents_title}</h1>
        <DeclareForm commands />
        <crate::ui::common::unreadable::UnreadableNotice records=unreadable />
        <crate::ui::backup::BackupReminder incidents />
        <section aria-labelledby="open-incidents">
            <h2 id="open-incidents">{move || text().open_incidents}</h2>
            <IncidentTable incidents=Signal::derive(open) empty=Signal::derive(move || text().no_open_incidents) />
        </section>
        <section aria-labelledby="closed-incidents">
            <h2 id="closed-incidents">{move || text().closed_incidents}</h2>
            <IncidentTable incidents=Signal::derive(closed) empty=Signal::derive(move || text().no_closed_incidents) />
        </section>
        <super::import::ImportIncident commands />
    }
}

/// The form that declares an incident: a title and a severity, then straight to
/// the incident's page. Opened as `/?declare` (the installed app's "Declare
/// incident" shortcut), the title field has the focus, so a title, a level and
/// Enter declare, and the incident page shows the level's checklist.
///
/// No level is chosen until the responder picks one or the triage questions
/// suggest one. A reason is asked only for a level milder than the suggested
/// one (picking a worse one follows "unsure? pick the higher one"). Each error
/// clears as soon as what it asks for is there.
#[component]
fn DeclareForm(commands: ListCommands) -> impl IntoView {
    let context = AppContext::get();
    if use_query_map().with_untracked(|query| query.get_str("declare").is_some()) {
        focus_soon("incident-title".to_owned());
    }
    let title = RwSignal::new(String::new());
    let severity = RwSignal::new(None::<crate::domain::Severity>);
    let error = RwSignal::new(None::<DeclareError>);
    let severity_missing = RwSignal::new(false);
    let answers = RwSignal::new(Answers::default());
    let questions_shown = RwSignal::new(false);
    let override_reason = RwSignal::new(String::new());
    let override_missing = RwSignal::new(false);
    let navigate = use_navigate();
    // Declared: straight to the incident's page. Refused: the title says why. A
    // store failure is already in the banner.
    let declare = action(move |declaration: &Declaration| {
        let (declaration, navigate) = (declaration.clone(), navigate.clone());
        async move {
            let declared = commands.declare(declaration).await;
            match declared {
                Ok(id) => {
                    error.set(None);
                    navigate(&format!("/incidents/{id}"), Default::default());
                }
                Err(Failed::Refused(refused)) => {
                    error.set(Some(refused));
                    focus("incident-title");
                }
                Err(Failed::Store(_)) => error.set(None),
            }
        }
    });
    let declaring = declare.pending();
    let text = move || context.text();

    // New answers choose the suggested level; picking a milder level afterwards
    // asks for a reason.
    effect(move |_| {
        if let Some(suggestion) = answers.with(Answers::suggest) {
            severity.set(Some(context.settings.with_untracked(|s| suggested_level(s.ladder(), &suggestion))));
            severity_missing.set(false);
        }
    });
    let suggestion = move || questions_shown.get().then(|| answers.with(Answers::suggest)).flatten();
    let suggested = move || suggestion().map(|s| context.settings.with(|set| suggested_level(set.ladder(), &s)));
    let overriding = move || {
        suggested().is_some_and(|level| {
            severity.with(|s| {
                s.as_ref()
                    .is_some_and(|s| context.settings.with(|set| set.ladder().rank(s) > set.ladder().rank(&level)))
            })
        })
    };
    // An error about the reason clears once the reason is there or not needed.
    effect(move |_| {
        if !overriding() || !override_reason.with(|r| r.trim().is_empty()) {
            override_missing.set(false);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if declaring.get_untracked() {
            return;
        }
        let (text, ladder) = (context.text(), context.settings.with_untracked(|s| s.ladder().clone()));
        let no_title = title.with_untracked(|t| t.trim().is_empty());
        error.set(no_title.then_some(DeclareError::EmptyTitle));
        let Some(chosen) = severity.get_untracked() else {
            severity_missing.set(true);
            let first = ladder.levels().first().map(|l| format!("severity-{}", l.id())).unwrap_or_default();
            return focus(if no_title { "incident-title" } else { &first });
        };
        if no_title {
            return focus("incident-title");
        }
        let reason = match (untrack(suggestion), untrack(overriding)) {
            (Some(suggestion), true) => {
                let why = override_reason.get_untracked();
                if why.trim().is_empty() {
                    override_missing.set(true);
                    return focus("override-reason");
                }
                let suggested = ladder.name(&suggested_level(&ladder, &suggestion)).to_owned();
                fill(text.override_record, &[("reason", why.trim()), ("suggested", &suggested)])
            }
            (Some(suggestion), false) => fill(
                text.declared_by_triage,
                &[
                    ("level", ladder.name(&suggested_level(&ladder, &suggestion))),
                    ("reasons", &reasons_line(text, &suggestion)),
                ],
            ),
            (None, _) => String::new(),
        };
        override_missing.set(false);
        submit(declare, Declaration { title: title.get_untracked(), severity: chosen, reason });
    };

    let message = move || {
        error.get().map(|e| match e {
            DeclareError::EmptyTitle => text().title_empty,
            DeclareError::TitleTooLong => text().title_too_long,
        })
    };

    view! {
        <section class="declare" aria-labelledby="declare-heading">
            <h2 id="declare-heading">{move || text().declare_title}</h2>
            <form class="declare__form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="incident-title">{move || text().incident_title_label}</label>
                    <input
                        id="incident-title"
                        type="text"
                        autocomplete="off"
                        maxlength="400"
                        bind:value=title
                        on:input=move |_| {
                            if error.get_untracked().is_some() && title.with_untracked(|t| !t.trim().is_empty()) {
                                error.set(None);
                            }
                        }
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="incident-title-hint incident-title-error"
                    />
                    <p id="incident-title-hint" class="field__hint">{move || text().incident_title_hint}</p>
                    <p id="incident-title-error" class="field__error" aria-live="assertive">{message}</p>
                </div>
                <fieldset class="declare__severity" aria-describedby="declare-severity-hint declare-severity-error">
                    <legend>{move || text().severity_label}</legend>
                    <p class="field__hint" id="declare-severity-hint">{move || text().severity_hint}</p>
                    <p id="declare-severity-error" class="field__error" aria-live="assertive">
                        {move || severity_missing.get().then(|| text().flow.severity_missing)}
                    </p>
                    {move || {
                        context
                            .settings
                            .with(|s| s.ladder().levels().to_vec())
                            .into_iter()
                            .map(|level| {
                                let id = format!("severity-{}", level.id());
                                let value = level.id().clone();
                                let checked = value.clone();
                                view! {
                                    <div class="severity-choice">
                                        <input
                                            type="radio"
                                            name="severity"
                                            id=id.clone()
                                            value=level.id().to_string()
                                            prop:checked=move || severity.with(|s| s.as_ref() == Some(&checked))
                                            on:change=move |_| {
                                                severity.set(Some(value.clone()));
                                                severity_missing.set(false);
                                            }
                                        />
                                        <label for=id>
                                            <strong>{level.name().to_owned()}</strong>
                                            " "
                                            <span>{text().level_impact(&level)}</span>
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || questions_shown.get().to_string()
                    aria-controls="declare-triage"
                    on:click=move |_| questions_shown.update(|shown| *shown = !*shown)
                >
                    {move || if questions_shown.get() { text().triage_hide } else { text().triage_show }}
                </button>
                <div id="declare-triage" class="declare__triage" hidden=move || !questions_shown.get()>
                    <TriageQuestions answers prefix="declare" />
                    <SuggestionView answers />
                </div>
                <Show when=overriding>
                    <div class="field">
                        <label for="override-reason">
                            {move || {
                                let ladder = context.ladder();
                                let suggested = suggested().map(|l| ladder.name(&l).to_owned()).unwrap_or_default();
                                fill(
                                    text().override_label,
                                    &[
                                        ("level", severity.get().map(|s| ladder.name(&s).to_owned()).unwrap_or_default().as_str()),
                                        ("suggested", &suggested),
                                    ],
                                )
                            }}
                        </label>
                        <input
                            id="override-reason"
                            type="text"
                            bind:value=override_reason
                            aria-invalid=move || override_missing.get().to_string()
                            aria-describedby="override-reason-error"
                        />
                        <p id="override-reason-error" class="field__error" aria-live="assertive">
                            {move || override_missing.get().then(|| text().override_missing)}
                        </p>
                    </div>
                </Show>
                <button type="submit" class="button button--primary" disabled=move || declaring.get()>
                    {move || if declaring.get() { text().declaring } else { text().declare_button }}
                </button>
            </form>
        </section>
    }
}

/// A table of incidents with links to their pages.
#[component]
fn IncidentTable(incidents: Signal<Option<Vec<Incident>>>, empty: Signal<&'static str>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    move || {
        match incidents.get() {
        None => view! { <p role="status">{text().loading}</p> }.into_any(),
        Some(list) if list.is_empty() => view! { <p class="incidents__empty">{empty.get()}</p> }.into_any(),
        Some(list) => view! {
            <table class="incidents">
                <thead>
                    <tr>
                        <th scope="col">{text().column_title}</th>
                        <th scope="col">{text().column_severity}</th>
                        <th scope="col">{text().column_status}</th>
                        <th scope="col">{text().column_declared}</th>
                        <th scope="col">{text().column_age}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|incident| {
                            let declared_at = incident.declared_at();
                            let (id, severity, status) = (incident.id(), incident.severity().clone(), incident.status());
                            let age = move || {
                                text().age(context.now.with(|now| (*now - declared_at).num_minutes()))
                            };
                            view! {
                                <tr>
                                    <td>
                                        <A href=format!("/incidents/{id}")>{incident.title().to_owned()}</A>
                                    </td>
                                    <td>
                                        <SeverityBadge severity=severity />
                                    </td>
                                    <td>{text().status(status)}</td>
                                    <td>
                                        <time datetime=declared_at.to_rfc3339()>
                                            {time::show(declared_at, false, text().utc_suffix)}
                                        </time>
                                    </td>
                                    <td>{age}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
    }
}
