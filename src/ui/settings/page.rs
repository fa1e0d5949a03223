//! Workspace settings: the display name that signs timeline entries, the people
//! directory that suggests role holders, and the severity ladder.

use super::ladder::LadderEditor;
use super::storage::StorageStatus;
use crate::domain::Person;
use crate::ui::backup::{BackupSection, ClearWorkspace, DamagedRecords};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use std::convert::Infallible;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let name = RwSignal::new(context.settings.with_untracked(|s| s.display_name().to_owned()));
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let stored =
                context.change_settings(|current| Ok::<_, Infallible>(current.clone().with_display_name(&typed)));
            if let Ok(settings) = stored.await {
                name.set(settings.display_name().to_owned());
                saved.set(true);
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        submit(save, name.get_untracked());
    };
    view! {
        <h1>{move || text().settings_title}</h1>
        <form class="settings" on:submit=on_submit>
            <div class="field">
                <label for="display-name">{move || text().display_name_label}</label>
                <input
                    id="display-name"
                    type="text"
                    autocomplete="name"
                    maxlength="80"
                    bind:value=name
                    on:input=move |_| saved.set(false)
                    aria-describedby="display-name-hint"
                />
                <p id="display-name-hint" class="field__hint">{move || text().display_name_hint}</p>
            </div>
            <button type="submit" class="button button--primary">{move || text().save}</button>
            <p class="settings__status" role="status">{move || saved.get().then(|| text().saved)}</p>
        </form>
        <PeopleDirectory />
        <LadderEditor />
        <StorageStatus />
        <BackupSection />
        <DamagedRecords />
        <ClearWorkspace />
    }
}

/// The people the team may call on; their names are suggested when assigning roles.
#[component]
fn PeopleDirectory() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let (name, team, reach) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let missing_name = RwSignal::new(false);
    let add = Action::new_local(move |person: &Person| {
        let person = person.clone();
        async move {
            let stored =
                context.change_settings(|current| Ok::<_, Infallible>(current.clone().with_person(person.clone())));
            if stored.await.is_ok() {
                name.set(String::new());
                team.set(String::new());
                reach.set(String::new());
                focus("person-name");
            }
        }
    });
    let remove = Action::new_local(move |who: &String| {
        let who = who.clone();
        async move {
            // A failure is already in the problem banner; the person stays listed.
            let _ = context.change_settings(|current| Ok::<_, Infallible>(current.clone().without_person(&who))).await;
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(person) = Person::new(&name.get_untracked(), &team.get_untracked(), &reach.get_untracked()) else {
            missing_name.set(true);
            return focus("person-name");
        };
        missing_name.set(false);
        submit(add, person);
    };
    view! {
        <section class="people" aria-labelledby="people-heading">
            <h2 id="people-heading">{move || text().people_title}</h2>
            <p class="field__hint">{move || text().people_hint}</p>
            <table class="people__list">
                <thead>
                    <tr>
                        <th scope="col">{move || text().person_name}</th>
                        <th scope="col">{move || text().person_team}</th>
                        <th scope="col">{move || text().person_reach}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || text().column_actions}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        context
                            .settings
                            .with(|s| s.people().to_vec())
                            .into_iter()
                            .map(|p| {
                                let who = p.name().to_owned();
                                let label = fill(text().person_remove_aria, &[("name", p.name())]);
                                view! {
                                    <tr>
                                        <td>{p.name().to_owned()}</td>
                                        <td>{p.team().to_owned()}</td>
                                        <td>{p.reach().to_owned()}</td>
                                        <td>
                                            <button
                                                type="button"
                                                class="button button--small"
                                                aria-label=label
                                                on:click=move |_| {
                                                    submit(remove, who.clone());
                                                }
                                            >
                                                "×"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <form class="people__add" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="person-name">{move || text().person_name}</label>
                    <input
                        id="person-name"
                        type="text"
                        bind:value=name
                        aria-invalid=move || missing_name.get().to_string()
                        aria-describedby="person-name-error"
                    />
                    <p id="person-name-error" class="field__error" aria-live="assertive">
                        {move || missing_name.get().then(|| text().person_name_missing)}
                    </p>
                </div>
                <div class="field">
                    <label for="person-team">{move || text().person_team}</label>
                    <input id="person-team" type="text" bind:value=team />
                </div>
                <div class="field">
                    <label for="person-reach">{move || text().person_reach}</label>
                    <input id="person-reach" type="text" bind:value=reach />
                </div>
                <button type="submit" class="button">{move || text().person_add}</button>
            </form>
        </section>
    }
}
