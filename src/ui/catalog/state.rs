//! What the catalog page and its component form share: the form's fields and
//! rows as typed, what the page last did, and refusals in words.

use crate::domain::catalog::{
    CatalogError, Classification, Component, ComponentDraft, ComponentId, ContactDraft, RowProblem, StepDraft,
    MAX_COMPONENTS, MAX_CONTACTS, MAX_DEPENDENCIES, MAX_NAME, MAX_STEPS, MAX_WAIT_MINUTES,
};
use crate::ui::catalog::text::CatalogText;
use crate::ui::common::focus::focus;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The wait a new escalation step starts with, in minutes.
const DEFAULT_WAIT: &str = "10";

/// A row of the form's contacts or escalation steps, kept apart by a key that
/// stays the same when rows move.
pub(super) trait FormRow: Clone + Send + Sync + 'static {
    fn key(&self) -> u32;
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct ContactRow {
    pub(super) key: u32,
    pub(super) name: String,
    pub(super) reach: String,
}

impl FormRow for ContactRow {
    fn key(&self) -> u32 {
        self.key
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct StepRow {
    pub(super) key: u32,
    pub(super) who: String,
    pub(super) reach: String,
    pub(super) wait: String,
    pub(super) plan: String,
    pub(super) contract: String,
}

impl FormRow for StepRow {
    fn key(&self) -> u32 {
        self.key
    }
}

/// What the page last did, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Notice {
    Saved(String),
    /// Another tab changed the component being edited meanwhile.
    Changed(String),
    Removed(Component),
    Refused(CatalogError),
}

/// The component form's fields.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) open: RwSignal<bool>,
    pub(super) editing: RwSignal<Option<ComponentId>>,
    /// The component as stored when the form was opened on it.
    pub(super) began: StoredValue<Option<Component>>,
    pub(super) name: RwSignal<String>,
    pub(super) public_name: RwSignal<String>,
    pub(super) owner: RwSignal<String>,
    pub(super) classification: RwSignal<Classification>,
    pub(super) contacts: RwSignal<Vec<ContactRow>>,
    pub(super) architecture: RwSignal<String>,
    pub(super) dependencies: RwSignal<String>,
    pub(super) steps: RwSignal<Vec<StepRow>>,
    next_key: StoredValue<u32>,
    pub(super) error: RwSignal<Option<CatalogError>>,
}

impl Form {
    pub(super) fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            editing: RwSignal::new(None),
            began: StoredValue::new(None),
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
        }
    }

    pub(super) fn key(&self) -> u32 {
        self.next_key.update_value(|k| *k += 1);
        self.next_key.get_value()
    }

    pub(super) fn contact_row(&self, contact: ContactDraft) -> ContactRow {
        ContactRow { key: self.key(), name: contact.name, reach: contact.reach }
    }

    pub(super) fn step_row(&self, step: Option<StepDraft>) -> StepRow {
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
    pub(super) fn show(&self, component: Option<&Component>) {
        let draft = component.map(Component::draft).unwrap_or_default();
        self.editing.set(component.map(|c| c.id().clone()));
        self.began.set_value(component.cloned());
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

    pub(super) fn draft(&self) -> ComponentDraft {
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
    pub(super) fn field_of(&self, error: &CatalogError) -> String {
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
pub(super) fn refusal(t: &CatalogText, error: &CatalogError) -> String {
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
