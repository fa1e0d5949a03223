//! The service catalog page: the workspace's components with their owner team,
//! key contacts, classification, architecture notes, dependencies and escalation
//! path. The catalog is part of the settings; a change shows only once stored.

use crate::domain::catalog::{
    CatalogError, Classification, Component, ComponentDraft, ComponentId, ContactDraft, RowProblem, StepDraft,
    MAX_COMPONENTS, MAX_CONTACTS, MAX_DEPENDENCIES, MAX_LINE, MAX_NAME, MAX_NOTES, MAX_STEPS, MAX_WAIT_MINUTES,
};
use crate::ui::catalog::text::CatalogText;
use crate::ui::common::badge::classification_badge;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The wait a new escalation step starts with, in minutes.
const DEFAULT_WAIT: &str = "10";

/// A row of the form's contacts or escalation steps, kept apart by a key that
/// stays the same when rows move.
trait FormRow: Clone + Send + Sync + 'static {
    fn key(&self) -> u32;
}

#[derive(Debug, Clone, PartialEq, Default)]
struct ContactRow {
    key: u32,
    name: String,
    reach: String,
}

impl FormRow for ContactRow {
    fn key(&self) -> u32 {
        self.key
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct StepRow {
    key: u32,
    who: String,
    reach: String,
    wait: String,
    plan: String,
    contract: String,
}

impl FormRow for StepRow {
    fn key(&self) -> u32 {
        self.key
    }
}

/// What the page last did, for the status line.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Saved(String),
    Removed(Component),
    Refused(CatalogError),
}

/// The component form's fields.
#[derive(Clone, Copy)]
struct Form {
    open: RwSignal<bool>,
    editing: RwSignal<Option<ComponentId>>,
    name: RwSignal<String>,
    public_name: RwSignal<String>,
    owner: RwSignal<String>,
    classification: RwSignal<Classification>,
    contacts: RwSignal<Vec<ContactRow>>,
    architecture: RwSignal<String>,
    dependencies: RwSignal<String>,
    steps: RwSignal<Vec<StepRow>>,
    next_key: StoredValue<u32>,
    error: RwSignal<Option<CatalogError>>,
    saving: RwSignal<bool>,
}

impl Form {
    fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            public_name: RwSignal::new(String::new()),
            owner: RwSignal::new(String::new()),
            classification: RwSignal::new(Classification::default()),
            contacts: RwSignal::new(Vec::new()),
            architecture: RwSignal::new(String::new()),
            dependencies: RwSignal::new(String::new()),
            steps: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            error: RwSignal::new(None),
            saving: RwSignal::new(false),
        }
    }

    fn key(&self) -> u32 {
        self.next_key.update_value(|k| *k += 1);
        self.next_key.get_value()
    }

    fn contact_row(&self, contact: ContactDraft) -> ContactRow {
        ContactRow { key: self.key(), name: contact.name, reach: contact.reach }
    }

    fn step_row(&self, step: Option<StepDraft>) -> StepRow {
        let key = self.key();
        match step {
            None => StepRow { key, wait: DEFAULT_WAIT.to_owned(), ..StepRow::default() },
            Some(s) => StepRow {
                key,
                who: s.who,
                reach: s.how_to_reach,
                wait: s.wait_minutes.to_string(),
                plan: s.vendor_plan,
                contract: s.contract_ref,
            },
        }
    }

    /// Opens the form on `component`, or empty for a new one.
    fn show(&self, component: Option<&Component>) {
        let draft = component.map(Component::draft).unwrap_or_default();
        self.editing.set(component.map(|c| c.id().clone()));
        self.name.set(draft.name);
        self.public_name.set(draft.public_name);
        self.owner.set(draft.owner);
        self.classification.set(draft.classification);
        self.architecture.set(draft.architecture);
        self.dependencies.set(draft.dependencies.join(", "));
        let mut contacts: Vec<ContactRow> = draft.contacts.into_iter().map(|c| self.contact_row(c)).collect();
        if contacts.is_empty() {
            contacts.push(self.contact_row(ContactDraft::default()));
        }
        self.contacts.set(contacts);
        let mut steps: Vec<StepRow> = draft.escalation.into_iter().map(|s| self.step_row(Some(s))).collect();
        if steps.is_empty() {
            steps.push(self.step_row(None));
        }
        self.steps.set(steps);
        self.error.set(None);
        self.open.set(true);
        request_animation_frame(|| focus("component-name"));
    }

    fn draft(&self) -> ComponentDraft {
        let wait = |text: &str| text.trim().parse::<u64>().map_or(0, |w| u32::try_from(w).unwrap_or(u32::MAX));
        ComponentDraft {
            name: self.name.get_untracked(),
            public_name: self.public_name.get_untracked(),
            owner: self.owner.get_untracked(),
            classification: self.classification.get_untracked(),
            contacts: self
                .contacts
                .get_untracked()
                .into_iter()
                .map(|r| ContactDraft { name: r.name, reach: r.reach })
                .collect(),
            architecture: self.architecture.get_untracked(),
            dependencies: self.dependencies.get_untracked().split([',', '，', '、']).map(str::to_owned).collect(),
            escalation: self
                .steps
                .get_untracked()
                .into_iter()
                .map(|r| StepDraft {
                    who: r.who,
                    how_to_reach: r.reach,
                    wait_minutes: wait(&r.wait),
                    vendor_plan: r.plan,
                    contract_ref: r.contract,
                })
                .collect(),
        }
    }

    /// The id of the field a refusal is about.
    fn field_of(&self, error: &CatalogError) -> String {
        let contact = |row: usize| self.contacts.with(|r| r.get(row.wrapping_sub(1)).map(|r| r.key));
        let step = |row: usize| self.steps.with(|r| r.get(row.wrapping_sub(1)).map(|r| r.key));
        let field = match error {
            CatalogError::Contact(row, _) => contact(*row).map(|key| format!("contact-name-{key}")),
            CatalogError::Step(row, problem) => step(*row).map(|key| {
                let part = match problem {
                    RowProblem::NoName => "who",
                    RowProblem::NoReach => "reach",
                    RowProblem::WaitTooShort | RowProblem::WaitTooLong => "wait",
                    RowProblem::VendorWithoutPlan => "plan",
                };
                format!("step-{part}-{key}")
            }),
            CatalogError::TooManyContacts => Some("add-contact".to_owned()),
            CatalogError::TooManySteps => Some("add-step".to_owned()),
            CatalogError::DependsOnItself | CatalogError::TooManyDependencies => {
                Some("component-dependencies".to_owned())
            }
            _ => None,
        };
        field.unwrap_or_else(|| "component-name".to_owned())
    }
}

/// A refusal in words the responder can act on.
fn refusal(t: &CatalogText, error: &CatalogError) -> String {
    let max = |n: usize| n.to_string();
    match error {
        CatalogError::EmptyName => t.err_name_empty.to_owned(),
        CatalogError::NameTooLong => fill(t.err_name_long, &[("max", &max(MAX_NAME))]),
        CatalogError::DuplicateName(name) => fill(t.err_duplicate, &[("name", name)]),
        CatalogError::TooManyContacts => fill(t.err_too_many_contacts, &[("max", &max(MAX_CONTACTS))]),
        CatalogError::Contact(row, _) => fill(t.err_contact_name, &[("n", &row.to_string())]),
        CatalogError::TooManySteps => fill(t.err_too_many_steps, &[("max", &max(MAX_STEPS))]),
        CatalogError::Step(row, problem) => {
            let template = match problem {
                RowProblem::NoName => t.err_step_who,
                RowProblem::NoReach => t.err_step_reach,
                RowProblem::WaitTooShort => t.err_step_wait_short,
                RowProblem::WaitTooLong => t.err_step_wait_long,
                RowProblem::VendorWithoutPlan => t.err_step_plan,
            };
            fill(template, &[("n", &row.to_string()), ("max", &MAX_WAIT_MINUTES.to_string())])
        }
        CatalogError::TooManyDependencies => fill(t.err_too_many_dependencies, &[("max", &max(MAX_DEPENDENCIES))]),
        CatalogError::DependsOnItself => t.err_depends_on_itself.to_owned(),
        CatalogError::TooManyComponents => fill(t.err_catalog_full, &[("max", &max(MAX_COMPONENTS))]),
        CatalogError::BadId(_) | CatalogError::DuplicateId(_) => fill(t.err_other, &[("reason", &error.to_string())]),
    }
}

/// The service catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let form = Form::new();
    let notice = RwSignal::new(None::<Notice>);
    let components = move || context.settings.with(|s| s.catalog().components().to_vec());

    let save_catalog = move |catalog: crate::domain::catalog::Catalog, then: Notice| {
        let settings = context.settings.get_untracked().with_catalog(catalog);
        spawn_local(async move {
            if context.save_settings(settings).await.is_ok() {
                notice.set(Some(then));
            }
        });
    };
    let remove = move |id: ComponentId| {
        let Some(removed) = context.settings.with_untracked(|s| s.catalog().get(&id).cloned()) else { return };
        if form.editing.get_untracked().as_ref() == Some(&id) {
            form.open.set(false);
        }
        let catalog = context.settings.with_untracked(|s| s.catalog().without_component(&id));
        save_catalog(catalog, Notice::Removed(removed));
        request_animation_frame(|| focus("add-component"));
    };
    let undo = move |component: Component| {
        let name = component.name().to_owned();
        match context.settings.with_untracked(|s| s.catalog().with_component(component)) {
            Ok(catalog) => save_catalog(catalog, Notice::Saved(name)),
            Err(error) => notice.set(Some(Notice::Refused(error))),
        }
    };

    view! {
        <h1>{move || text().title}</h1>
        <p class="catalog__intro">{move || text().intro}</p>
        <section class="catalog" aria-labelledby="catalog-components">
            <h2 id="catalog-components">{move || text().components_title}</h2>
            <Show
                when=move || !context.settings.with(|s| s.catalog().is_empty())
                fallback=move || view! { <p class="catalog__empty">{move || text().empty}</p> }
            >
                <table class="catalog__list">
                    <thead>
                        <tr>
                            <th scope="col">{move || text().column_component}</th>
                            <th scope="col">{move || text().column_classification}</th>
                            <th scope="col">{move || text().column_owner}</th>
                            <th scope="col">{move || text().column_path}</th>
                            <th scope="col">
                                <span class="visually-hidden">{move || text().column_actions}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let t = text();
                            components()
                                .into_iter()
                                .map(|c| {
                                    let (edited, removed) = (c.clone(), c.id().clone());
                                    view! {
                                        <tr>
                                            <th scope="row" class="catalog__name">
                                                {c.name().to_owned()}
                                                {c
                                                    .has_public_name()
                                                    .then(|| {
                                                        view! {
                                                            <span class="catalog__public">
                                                                {fill(t.public_name_shown, &[("name", c.public_name())])}
                                                            </span>
                                                        }
                                                    })}
                                            </th>
                                            <td>{classification_badge(t, c.classification())}</td>
                                            <td>{c.owner().to_owned()}</td>
                                            <td>{t.path_steps(c.escalation().len())}</td>
                                            <td class="catalog__actions">
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=fill(t.edit_aria, &[("name", c.name())])
                                                    on:click=move |_| form.show(Some(&edited))
                                                >
                                                    {t.edit}
                                                </button>
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=fill(t.remove_aria, &[("name", c.name())])
                                                    on:click=move |_| remove(removed.clone())
                                                >
                                                    {t.remove}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
            <div class="catalog__notice" role="status">
                {move || {
                    let t = text();
                    notice
                        .get()
                        .map(|n| match n {
                            Notice::Saved(name) => view! { <p>{fill(t.saved_component, &[("name", &name)])}</p> }.into_any(),
                            Notice::Refused(error) => {
                                view! { <p class="field__error">{refusal(t, &error)}</p> }.into_any()
                            }
                            Notice::Removed(component) => {
                                let name = component.name().to_owned();
                                view! {
                                    <p>
                                        {fill(t.removed, &[("name", &name)])} " "
                                        <button
                                            type="button"
                                            class="button button--small"
                                            aria-label=fill(t.undo_aria, &[("name", &name)])
                                            on:click=move |_| undo(component.clone())
                                        >
                                            {t.undo}
                                        </button>
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </div>
            <button
                type="button"
                id="add-component"
                class="button"
                aria-expanded=move || (form.open.get() && form.editing.with(Option::is_none)).to_string()
                on:click=move |_| {
                    notice.set(None);
                    form.show(None);
                }
            >
                {move || text().add_component}
            </button>
        </section>
        <Show when=move || form.open.get()>
            <ComponentForm form notice />
        </Show>
    }
}

/// The form that adds or edits a component.
#[component]
fn ComponentForm(form: Form, notice: RwSignal<Option<Notice>>) -> impl IntoView {
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
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.saving.get_untracked() {
            return;
        }
        let id = match form.editing.get_untracked() {
            Some(id) => id,
            None => match ComponentId::new(&context.stamp().id.to_string()) {
                Ok(id) => id,
                Err(_) => return,
            },
        };
        let checked = Component::new(id, form.draft()).and_then(|component| {
            let name = component.name().to_owned();
            context.settings.with_untracked(|s| s.catalog().with_component(component)).map(|catalog| (catalog, name))
        });
        let (catalog, name) = match checked {
            Ok(checked) => checked,
            Err(error) => {
                let field = form.field_of(&error);
                form.error.set(Some(error));
                return focus(&field);
            }
        };
        form.error.set(None);
        form.saving.set(true);
        let settings = context.settings.get_untracked().with_catalog(catalog);
        spawn_local(async move {
            let saved = context.save_settings(settings).await;
            form.saving.set(false);
            if saved.is_ok() {
                form.open.set(false);
                notice.set(Some(Notice::Saved(name)));
                request_animation_frame(|| focus("add-component"));
            }
        });
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
                <button type="submit" class="button button--primary" disabled=move || form.saving.get()>
                    {move || if form.saving.get() { text().saving } else { text().save_component }}
                </button>
                <button type="button" class="button" on:click=cancel>
                    {move || context.text().cancel}
                </button>
            </div>
        </form>
    }
}

/// Where a row is (from 0) and how many rows there are.
fn place<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32) -> (usize, usize) {
    rows.with(|r| (r.iter().position(|x| x.key() == key).unwrap_or(0), r.len()))
}

/// Moves a row up (`-1`) or down (`1`), keeping focus on a move button of the row.
fn move_row<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32, by: isize, prefix: &'static str) {
    let (at, len) = place(rows, key);
    let Some(to) = at.checked_add_signed(by).filter(|to| *to < len) else { return };
    rows.update(|r| r.swap(at, to));
    let button = match (by < 0, to == 0, to + 1 == len) {
        (true, true, _) => "down",
        (true, false, _) => "up",
        (false, _, true) => "up",
        (false, _, false) => "down",
    };
    let id = format!("{prefix}-{button}-{key}");
    request_animation_frame(move || focus(&id));
}

/// Removes a row and puts focus on the button that adds one.
fn remove_row<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32, add: &'static str) {
    rows.update(|r| r.retain(|x| x.key() != key));
    request_animation_frame(move || focus(add));
}

/// A text field of one row.
#[allow(clippy::too_many_arguments)]
fn row_field<R: FormRow>(
    rows: RwSignal<Vec<R>>,
    key: u32,
    id: String,
    label: impl Fn() -> String + Send + Sync + 'static,
    get: fn(&R) -> &String,
    set: fn(&mut R, String),
    number: bool,
    invalid: Memo<Option<String>>,
) -> impl IntoView {
    let value = move || rows.with(|r| r.iter().find(|x| x.key() == key).map(|x| get(x).clone()).unwrap_or_default());
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        rows.update(|r| {
            if let Some(row) = r.iter_mut().find(|x| x.key() == key) {
                set(row, typed);
            }
        });
    };
    let this = id.clone();
    let is_invalid = Memo::new(move |_| invalid.with(|i| i.as_deref() == Some(this.as_str())));
    view! {
        <div class="field" class:field--number=number>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=if number { "number" } else { "text" }
                min=number.then_some("1")
                max=number.then(|| MAX_WAIT_MINUTES.to_string())
                inputmode=number.then_some("numeric")
                maxlength=(!number).then(|| MAX_LINE.to_string())
                prop:value=value
                on:input=on_input
                aria-invalid=move || is_invalid.get().to_string()
                aria-describedby=move || is_invalid.get().then_some("component-form-error")
            />
        </div>
    }
}

/// The up, down and remove buttons of one row.
fn row_buttons<R: FormRow>(
    rows: RwSignal<Vec<R>>,
    key: u32,
    prefix: &'static str,
    add: &'static str,
    labels: fn(&CatalogText) -> [&'static str; 3],
) -> impl IntoView {
    let context = AppContext::get();
    let n = move || (place(rows, key).0 + 1).to_string();
    let aria = move |which: usize| move || fill(labels(context.text().catalog)[which], &[("n", &n())]);
    view! {
        <div class="form-rows__buttons">
            <button
                type="button"
                id=format!("{prefix}-up-{key}")
                class="button button--small"
                aria-label=aria(0)
                disabled=move || place(rows, key).0 == 0
                on:click=move |_| move_row(rows, key, -1, prefix)
            >
                "↑"
            </button>
            <button
                type="button"
                id=format!("{prefix}-down-{key}")
                class="button button--small"
                aria-label=aria(1)
                disabled=move || {
                    let (at, len) = place(rows, key);
                    at + 1 >= len
                }
                on:click=move |_| move_row(rows, key, 1, prefix)
            >
                "↓"
            </button>
            <button
                type="button"
                id=format!("{prefix}-remove-{key}")
                class="button button--small"
                aria-label=aria(2)
                on:click=move |_| remove_row(rows, key, add)
            >
                "×"
            </button>
        </div>
    }
}

/// One key contact: name, how to reach them, and its buttons.
#[component]
fn ContactRowView(form: Form, key: u32, invalid: Memo<Option<String>>) -> impl IntoView {
    let context = AppContext::get();
    let rows = form.contacts;
    let n = move || (place(rows, key).0 + 1).to_string();
    let label = move |template: fn(&CatalogText) -> &'static str| {
        move || fill(template(context.text().catalog), &[("n", &n())])
    };
    view! {
        <li class="form-rows__row form-rows__row--contact">
            {row_field(
                rows,
                key,
                format!("contact-name-{key}"),
                label(|t| t.contact_name_label),
                |r| &r.name,
                |r, v| r.name = v,
                false,
                invalid,
            )}
            {row_field(
                rows,
                key,
                format!("contact-reach-{key}"),
                label(|t| t.contact_reach_label),
                |r| &r.reach,
                |r, v| r.reach = v,
                false,
                invalid,
            )}
            {row_buttons(
                rows,
                key,
                "contact",
                "add-contact",
                |t| [t.contact_up_aria, t.contact_down_aria, t.remove_contact_aria],
            )}
        </li>
    }
}

/// One escalation step: who, how to reach them, the wait, vendor support, and its
/// buttons.
#[component]
fn StepRowView(form: Form, key: u32, invalid: Memo<Option<String>>) -> impl IntoView {
    let context = AppContext::get();
    let rows = form.steps;
    let n = move || (place(rows, key).0 + 1).to_string();
    let label = move |template: fn(&CatalogText) -> &'static str| {
        move || fill(template(context.text().catalog), &[("n", &n())])
    };
    view! {
        <li class="form-rows__row form-rows__row--step">
            <p class="form-rows__title">{label(|t| t.step_title)}</p>
            <div class="form-rows__fields">
                {row_field(
                    rows,
                    key,
                    format!("step-who-{key}"),
                    label(|t| t.step_who_label),
                    |r| &r.who,
                    |r, v| r.who = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-reach-{key}"),
                    label(|t| t.step_reach_label),
                    |r| &r.reach,
                    |r, v| r.reach = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-wait-{key}"),
                    label(|t| t.step_wait_label),
                    |r| &r.wait,
                    |r, v| r.wait = v,
                    true,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-plan-{key}"),
                    label(|t| t.step_plan_label),
                    |r| &r.plan,
                    |r, v| r.plan = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-contract-{key}"),
                    label(|t| t.step_contract_label),
                    |r| &r.contract,
                    |r, v| r.contract = v,
                    false,
                    invalid,
                )}
            </div>
            {row_buttons(rows, key, "step", "add-step", |t| [t.step_up_aria, t.step_down_aria, t.remove_step_aria])}
        </li>
    }
}
