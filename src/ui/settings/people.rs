//! The people directory: the people the team may call on, whose names are
//! suggested when assigning roles. Adding a name the directory has offers to
//! update that person (a field left empty keeps its value), a person can be
//! edited, and a removal can be undone.

use crate::domain::{Person, Settings};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::managed::ManagedNote;
use crate::ui::common::reach::reach_view;
use crate::ui::common::task::action;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;
use std::convert::Infallible;

/// What the directory last did, for its status line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Done {
    Nothing,
    Saved(String),
    Removed(Person),
    Restored(String),
    /// Nothing saved: the name typed is another person's.
    Taken(Person),
    /// Nothing saved: the person edited was changed (or removed) elsewhere
    /// after the form began; the form shows them as stored now.
    Changed(String),
}

/// Why a write to the directory stored nothing.
#[derive(Debug, Clone)]
enum Refused {
    /// Another person has the name: storing would replace them.
    Taken(Person),
    /// The person edited is not as the form began: someone else changed or
    /// removed them meanwhile (another tab, a teammate's directory).
    Changed(Option<Person>),
}

/// A person's team and contact, for the offer to update them.
fn details(text: &Text, person: &Person) -> String {
    if person.team().is_empty() && person.reach().is_empty() {
        return text.people.no_details.to_owned();
    }
    let none = "—";
    let team = if person.team().is_empty() { none } else { person.team() };
    let reach = if person.reach().is_empty() { none } else { person.reach() };
    fill(text.people.details, &[("team", team), ("reach", reach)])
}

/// A write to the directory: who is replaced (by name, as the form began with
/// them) and who is stored.
#[derive(Debug, Clone)]
struct Write {
    replaces: Option<Person>,
    person: Person,
    done: Done,
}

impl Write {
    /// The directory with this write made, unless it would replace what the
    /// form did not show: a person changed meanwhile, or another person of
    /// the same name.
    fn apply(&self, current: &Settings) -> Result<Settings, Refused> {
        let base = match &self.replaces {
            Some(began) => {
                let now = current.person(began.name());
                if now != Some(began) {
                    return Err(Refused::Changed(now.cloned()));
                }
                current.without_person(began.name())
            }
            None => current.clone(),
        };
        if let Some(other) = base.person(self.person.name()) {
            return Err(Refused::Taken(other.clone()));
        }
        Ok(base.with_person(self.person.clone()))
    }
}

/// The people directory with its form.
#[component]
pub fn PeopleDirectory() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let (name, team, reach) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let missing_name = RwSignal::new(false);
    // The person whose name was typed again, waiting for "Update" or "Keep".
    let offered = RwSignal::new(None::<(Person, Person)>);
    // The person being edited, as the form began with them.
    let editing = RwSignal::new(None::<Person>);
    let done = RwSignal::new(Done::Nothing);
    let clear_form = move || {
        name.set(String::new());
        team.set(String::new());
        reach.set(String::new());
        editing.set(None);
        offered.set(None);
    };
    // Opens `person` in the form for editing.
    let start_edit = move |person: Person| {
        name.set(person.name().to_owned());
        team.set(person.team().to_owned());
        reach.set(person.reach().to_owned());
        offered.set(None);
        missing_name.set(false);
        editing.set(Some(person));
        focus("person-name");
    };
    let write = action(move |write: &Write| {
        let write = write.clone();
        async move {
            match context.change_settings(|current: &Settings| write.apply(current)).await {
                Ok(_) => {
                    if !matches!(write.done, Done::Restored(_)) {
                        clear_form();
                        focus("person-name");
                    }
                    done.set(write.done.clone());
                }
                Err(Failed::Refused(Refused::Taken(other))) => {
                    offered.try_set(None);
                    done.try_set(Done::Taken(other));
                    focus("people-done");
                }
                Err(Failed::Refused(Refused::Changed(now))) => {
                    let who = write.replaces.as_ref().map(|p| p.name().to_owned()).unwrap_or_default();
                    match now {
                        Some(now) => start_edit(now),
                        None => {
                            editing.try_set(None);
                        }
                    }
                    done.try_set(Done::Changed(who));
                    focus("people-done");
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let remove = action(move |person: &Person| {
        let person = person.clone();
        async move {
            // A failure is already in the problem banner; the person stays listed.
            let removed =
                context.change_settings(|current| Ok::<_, Infallible>(current.without_person(person.name()))).await;
            if removed.is_ok() {
                let edited = editing
                    .try_with_untracked(|e| e.as_ref().is_some_and(|e| e.name().eq_ignore_ascii_case(person.name())));
                if edited == Some(true) {
                    clear_form();
                }
                done.set(Done::Removed(person));
                focus("people-done");
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(person) = Person::new(&name.get_untracked(), &team.get_untracked(), &reach.get_untracked()) else {
            missing_name.set(true);
            return focus("person-name");
        };
        missing_name.set(false);
        let saved = Done::Saved(person.name().to_owned());
        if let Some(began) = editing.get_untracked() {
            submit(write, Write { replaces: Some(began), person, done: saved });
            return;
        }
        match context.settings.with_untracked(|s| s.person(person.name()).cloned()) {
            Some(found) => {
                offered.set(Some((found, person)));
                focus_soon("people-offer".to_owned());
            }
            None => {
                submit(write, Write { replaces: None, person, done: saved });
            }
        }
    };
    let update = move |_| {
        if let Some((found, typed)) = offered.get_untracked() {
            let person = found.updated_by(&typed);
            let done = Done::Saved(person.name().to_owned());
            submit(write, Write { replaces: Some(found), person, done });
        }
    };
    let keep = move |_| {
        offered.set(None);
        focus("person-name");
    };
    let undo = move |_| {
        if let Done::Removed(person) = done.get_untracked() {
            let restored = Done::Restored(person.name().to_owned());
            submit(write, Write { replaces: None, person, done: restored });
        }
    };
    let status = move || {
        let t = text().people;
        match done.get() {
            Done::Nothing => None,
            Done::Saved(who) => Some(view! { <span>{fill(t.saved, &[("name", &who)])}</span> }.into_any()),
            Done::Restored(who) => Some(view! { <span>{fill(t.restored, &[("name", &who)])}</span> }.into_any()),
            Done::Taken(other) => {
                let said = fill(t.taken, &[("name", other.name()), ("details", &details(text(), &other))]);
                Some(view! { <span>{said}</span> }.into_any())
            }
            Done::Changed(who) => Some(view! { <span>{fill(t.changed, &[("name", &who)])}</span> }.into_any()),
            Done::Removed(person) => Some(
                view! {
                    <span>{fill(t.removed, &[("name", person.name())])}</span>
                    " "
                    <button
                        type="button"
                        class="button button--small"
                        aria-label=fill(t.undo_aria, &[("name", person.name())])
                        on:click=undo
                    >
                        {t.undo}
                    </button>
                }
                .into_any(),
            ),
        }
    };
    view! {
        <section class="people" aria-labelledby="people-heading">
            <h2 id="people-heading">{move || text().people_title}</h2>
            <ManagedNote prefix="person/" />
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
                                let remove_label = fill(text().person_remove_aria, &[("name", p.name())]);
                                let edit_label = fill(text().people.edit_aria, &[("name", p.name())]);
                                let (edited, removed) = (p.clone(), p.clone());
                                view! {
                                    <tr>
                                        <td>{p.name().to_owned()}</td>
                                        <td>{p.team().to_owned()}</td>
                                        <td>{reach_view(p.reach())}</td>
                                        <td class="people__actions">
                                            <button
                                                type="button"
                                                class="button button--small"
                                                aria-label=edit_label
                                                on:click=move |_| start_edit(edited.clone())
                                            >
                                                {text().people.edit}
                                            </button>
                                            <button
                                                type="button"
                                                class="button button--small"
                                                aria-label=remove_label
                                                on:click=move |_| {
                                                    submit(remove, removed.clone());
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
            <p class="people__done" id="people-done" role="status" tabindex="-1">{status}</p>
            <form class="people__add" on:submit=on_submit novalidate>
                <p class="field__hint" role="status">
                    {move || editing.get().map(|who| fill(text().people.editing, &[("name", who.name())]))}
                </p>
                <div class="field">
                    <label for="person-name">{move || text().person_name}</label>
                    <input
                        id="person-name"
                        type="text"
                        bind:value=name
                        on:input=move |_| {
                            offered.set(None);
                            if name.with_untracked(|n| !n.trim().is_empty()) {
                                missing_name.set(false);
                            }
                        }
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
                <Show when=move || offered.with(Option::is_some)>
                    <div class="banner banner--warning people__offer" role="group" aria-labelledby="people-offer">
                        <p id="people-offer" tabindex="-1">
                            {move || {
                                offered
                                    .get()
                                    .map(|(found, _)| {
                                        fill(
                                            text().people.exists,
                                            &[("name", found.name()), ("details", &details(text(), &found))],
                                        )
                                    })
                            }}
                        </p>
                        <div class="people__offer-actions">
                            <button type="button" class="button button--primary" on:click=update>
                                {move || {
                                    let who = offered.get().map(|(found, _)| found.name().to_owned()).unwrap_or_default();
                                    fill(text().people.update, &[("name", &who)])
                                }}
                            </button>
                            <button type="button" class="button" on:click=keep>
                                {move || {
                                    let who = offered.get().map(|(found, _)| found.name().to_owned()).unwrap_or_default();
                                    fill(text().people.keep, &[("name", &who)])
                                }}
                            </button>
                        </div>
                    </div>
                </Show>
                <div class="people__form-actions">
                    <button type="submit" class="button">
                        {move || if editing.with(Option::is_some) { text().people.save_changes } else { text().person_add }}
                    </button>
                    <Show when=move || editing.with(Option::is_some)>
                        <button type="button" class="button" on:click=move |_| clear_form()>
                            {move || text().people.cancel_edit}
                        </button>
                    </Show>
                </div>
            </form>
        </section>
    }
}
