//! The form that adds or edits a component: names, owner, classification, key
//! contacts, architecture notes, dependencies and escalation path. The page
//! owns the form's state and the action that stores it.

use super::rows::{ContactRowView, StepRowView};
use super::state::{refusal, Form};
use crate::domain::catalog::{Classification, Component, ComponentId, ContactDraft, MAX_LINE, MAX_NAME, MAX_NOTES};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The form that adds or edits a component.
#[component]
pub(super) fn ComponentForm(
    form: Form,
    /// Stores the component the form describes (the page's action).
    save: Action<Component, ()>,
) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let invalid = Memo::new(move |_| form.error.get().map(|e| form.field_of(&e)));
    let is_invalid = move |id: &'static str| move || (invalid.get().as_deref() == Some(id)).to_string();
    let title = move || {
        let t = text();
        match form
            .editing
            .get()
            .and_then(|id| context.settings.with(|s| s.catalog().get(&id).map(|c| c.name().to_owned())))
        {
            Some(name) => fill(t.form_edit_title, &[("name", &name)]),
            None => t.form_add_title.to_owned(),
        }
    };
    let saving = save.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let id = match form.editing.get_untracked() {
            Some(id) => id,
            None => match ComponentId::new(&context.stamp().id.to_string()) {
                Ok(id) => id,
                Err(_) => return,
            },
        };
        match Component::new(id, form.draft()) {
            Ok(component) => {
                form.error.set(None);
                submit(save, component);
            }
            Err(error) => {
                let field = form.field_of(&error);
                form.error.set(Some(error));
                focus(&field);
            }
        }
    };
    let cancel = move |_| {
        form.open.set(false);
        form.error.set(None);
        request_animation_frame(|| focus("add-component"));
    };
    let add_contact = move |_| {
        let row = form.contact_row(ContactDraft::default());
        let id = format!("contact-name-{}", row.key);
        form.contacts.update(|rows| rows.push(row));
        request_animation_frame(move || focus(&id));
    };
    let add_step = move |_| {
        let row = form.step_row(None);
        let id = format!("step-who-{}", row.key);
        form.steps.update(|rows| rows.push(row));
        request_animation_frame(move || focus(&id));
    };
    let contact_keys = move || form.contacts.with(|rows| rows.iter().map(|r| r.key).collect::<Vec<_>>());
    let step_keys = move || form.steps.with(|rows| rows.iter().map(|r| r.key).collect::<Vec<_>>());

    view! {
        <form class="component-form" on:submit=on_submit novalidate aria-labelledby="component-form-title">
            <h2 id="component-form-title">{title}</h2>
            <div class="component-form__grid">
                <div class="field">
                    <label for="component-name">{move || text().name_label}</label>
                    <input
                        id="component-name"
                        type="text"
                        required
                        maxlength=MAX_NAME.to_string()
                        bind:value=form.name
                        aria-invalid=is_invalid("component-name")
                        aria-describedby="component-name-hint component-form-error"
                    />
                    <p id="component-name-hint" class="field__hint">{move || text().name_hint}</p>
                </div>
                <div class="field">
                    <label for="component-public-name">{move || text().public_name_label}</label>
                    <input
                        id="component-public-name"
                        type="text"
                        maxlength=MAX_LINE.to_string()
                        bind:value=form.public_name
                        aria-describedby="component-public-name-hint"
                    />
                    <p id="component-public-name-hint" class="field__hint">{move || text().public_name_hint}</p>
                </div>
                <div class="field">
                    <label for="component-owner">{move || text().owner_label}</label>
                    <input id="component-owner" type="text" maxlength=MAX_LINE.to_string() bind:value=form.owner />
                </div>
                <div class="field">
                    <label for="component-classification">{move || text().classification_label}</label>
                    <select
                        id="component-classification"
                        aria-describedby="component-classification-hint"
                        on:change=move |ev| {
                            if let Some(c) = Classification::from_key(&event_target_value(&ev)) {
                                form.classification.set(c);
                            }
                        }
                    >
                        {Classification::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c.key() prop:selected=move || form.classification.get() == c>
                                        {move || text().classification(c)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p id="component-classification-hint" class="field__hint">
                        {move || text().classification_hint}
                    </p>
                </div>
            </div>

            <fieldset class="component-form__rows">
                <legend>{move || text().contacts_legend}</legend>
                <p class="field__hint">{move || text().contacts_hint}</p>
                <ol class="form-rows">
                    <For each=contact_keys key=|key| *key let(key)>
                        <ContactRowView form key invalid />
                    </For>
                </ol>
                <button type="button" id="add-contact" class="button button--small" on:click=add_contact>
                    {move || text().add_contact}
                </button>
            </fieldset>

            <div class="field">
                <label for="component-architecture">{move || text().architecture_label}</label>
                <textarea
                    id="component-architecture"
                    rows="4"
                    maxlength=MAX_NOTES.to_string()
                    bind:value=form.architecture
                    aria-describedby="component-architecture-hint"
                ></textarea>
                <p id="component-architecture-hint" class="field__hint">{move || text().architecture_hint}</p>
            </div>
            <div class="field">
                <label for="component-dependencies">{move || text().dependencies_label}</label>
                <input
                    id="component-dependencies"
                    type="text"
                    bind:value=form.dependencies
                    aria-invalid=is_invalid("component-dependencies")
                    aria-describedby="component-dependencies-hint component-form-error"
                />
                <p id="component-dependencies-hint" class="field__hint">{move || text().dependencies_hint}</p>
            </div>

            <fieldset class="component-form__rows">
                <legend>{move || text().path_legend}</legend>
                <p class="field__hint">{move || text().path_hint}</p>
                <ol class="form-rows">
                    <For each=step_keys key=|key| *key let(key)>
                        <StepRowView form key invalid />
                    </For>
                </ol>
                <button type="button" id="add-step" class="button button--small" on:click=add_step>
                    {move || text().add_step}
                </button>
            </fieldset>

            <p id="component-form-error" class="field__error" role="alert">
                {move || form.error.get().map(|e| refusal(text(), &e))}
            </p>
            <div class="component-form__actions">
                <button type="submit" class="button button--primary" disabled=move || saving.get()>
                    {move || if saving.get() { text().saving } else { text().save_component }}
                </button>
                <button type="button" class="button" on:click=cancel>
                    {move || context.text().cancel}
                </button>
            </div>
        </form>
    }
}
