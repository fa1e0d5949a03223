//! The service catalog: the workspace's components with the triage information a
//! responder needs at a glance: who owns a component, whom to call, how sensitive
//! it is, how it is built, what it depends on, and whom to escalate to in which
//! order.
//!
//! A [`Component`] is built from a [`ComponentDraft`] by [`Component::new`], which
//! checks and tidies every field; a stored catalog is decoded through the same
//! checks. [`flag_internal_text`] finds internal component names and contact
//! details in a text meant for customers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// The longest component name, in characters.
pub const MAX_NAME: usize = 120;
/// The longest one-line field (owner, contact, how to reach, plan...), in characters;
/// longer text is cut.
pub const MAX_LINE: usize = 200;
/// The longest architecture notes, in characters; longer notes are cut.
pub const MAX_NOTES: usize = 10_000;
/// The most key contacts a component has.
pub const MAX_CONTACTS: usize = 20;
/// The most steps an escalation path has.
pub const MAX_STEPS: usize = 10;
/// The most dependencies a component names.
pub const MAX_DEPENDENCIES: usize = 30;
/// The longest wait of an escalation step, in minutes (one day).
pub const MAX_WAIT_MINUTES: u32 = 24 * 60;
/// The most components a catalog holds.
pub const MAX_COMPONENTS: usize = 500;
/// The longest component id, in characters.
pub const MAX_ID: usize = 64;

/// How sensitive a component is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Customers may know about it.
    Public,
    /// For the team only.
    #[default]
    Internal,
    /// Holds customer or business data; need to know.
    Confidential,
    /// The most sensitive data (credentials, payment data, personal data).
    Restricted,
}

impl Classification {
    /// Every classification, from least to most sensitive.
    pub const ALL: [Classification; 4] = [Self::Public, Self::Internal, Self::Confidential, Self::Restricted];

    /// A stable machine name, used in stored data and form values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
            Self::Confidential => "confidential",
            Self::Restricted => "restricted",
        }
    }

    /// Parses a name produced by [`Classification::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Whether customers must not see the component's internal name.
    pub fn is_internal(self) -> bool {
        self >= Self::Internal
    }
}

/// A component's stable id, kept when the component is renamed: letters, digits,
/// `-` and `_`, at most [`MAX_ID`] characters (a ULID fits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ComponentId(String);

impl ComponentId {
    /// Checks an id.
    pub fn new(id: &str) -> Result<ComponentId, CatalogError> {
        let ok = !id.is_empty()
            && id.len() <= MAX_ID
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(id.to_owned()))
        } else {
            Err(CatalogError::BadId(id.chars().take(MAX_ID).collect()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ComponentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ComponentId {
    type Error = CatalogError;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        Self::new(&id)
    }
}

impl From<ComponentId> for String {
    fn from(id: ComponentId) -> String {
        id.0
    }
}

/// What is wrong with one row of contacts or escalation steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has details but no name (of the contact, or of whom to escalate to).
    NoName,
    /// An escalation step does not say how to reach them.
    NoReach,
    /// An escalation step waits less than a minute.
    WaitTooShort,
    /// An escalation step waits longer than [`MAX_WAIT_MINUTES`].
    WaitTooLong,
    /// Vendor support has a contract reference but no support plan.
    VendorWithoutPlan,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoName => "needs a name",
            Self::NoReach => "needs a way to reach them",
            Self::WaitTooShort => "must wait at least 1 minute",
            Self::WaitTooLong => "waits longer than a day",
            Self::VendorWithoutPlan => "has a contract reference but no support plan",
        })
    }
}

/// Why a component or a catalog was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// An id is empty, too long or has characters other than letters, digits, `-`, `_`.
    #[error("`{0}` is not a valid component id")]
    BadId(String),
    /// The component has no name.
    #[error("the component needs a name")]
    EmptyName,
    /// The name is longer than [`MAX_NAME`] characters.
    #[error("the name is longer than {MAX_NAME} characters")]
    NameTooLong,
    /// Another component already has this name (ignoring case).
    #[error("another component is already called `{0}`")]
    DuplicateName(String),
    /// Two components have the same id.
    #[error("two components have the id `{0}`")]
    DuplicateId(String),
    /// More than [`MAX_CONTACTS`] contacts.
    #[error("a component has at most {MAX_CONTACTS} contacts")]
    TooManyContacts,
    /// A contact (numbered from 1 as given) is wrong.
    #[error("contact {0} {1}")]
    Contact(usize, RowProblem),
    /// More than [`MAX_STEPS`] escalation steps.
    #[error("an escalation path has at most {MAX_STEPS} steps")]
    TooManySteps,
    /// An escalation step (numbered from 1 as given) is wrong.
    #[error("escalation step {0} {1}")]
    Step(usize, RowProblem),
    /// More than [`MAX_DEPENDENCIES`] dependencies.
    #[error("a component names at most {MAX_DEPENDENCIES} dependencies")]
    TooManyDependencies,
    /// The component names itself as a dependency.
    #[error("a component cannot depend on itself")]
    DependsOnItself,
    /// More than [`MAX_COMPONENTS`] components.
    #[error("the catalog holds at most {MAX_COMPONENTS} components")]
    TooManyComponents,
}

/// Someone to call about a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    name: String,
    reach: String,
}

impl Contact {
    /// A contact with a name and, optionally, how to reach them.
    pub fn new(name: &str, reach: &str) -> Result<Contact, RowProblem> {
        let name = line(name);
        if name.is_empty() {
            return Err(RowProblem::NoName);
        }
        Ok(Self { name, reach: line(reach) })
    }

    /// Their name (or role, such as "Payments on-call").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How to reach them: phone, e-mail, chat handle, pager; may be empty.
    pub fn reach(&self) -> &str {
        &self.reach
    }
}

/// The support plan under which a vendor is escalated to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorSupport {
    plan: String,
    contract_ref: String,
}

impl VendorSupport {
    /// Vendor support under `plan` (required) with an optional contract reference.
    pub fn new(plan: &str, contract_ref: &str) -> Result<VendorSupport, RowProblem> {
        let plan = line(plan);
        if plan.is_empty() {
            return Err(RowProblem::VendorWithoutPlan);
        }
        Ok(Self { plan, contract_ref: line(contract_ref) })
    }

    /// The support plan, such as "AWS Enterprise Support".
    pub fn plan(&self) -> &str {
        &self.plan
    }

    /// The contract or account reference to quote; may be empty.
    pub fn contract_ref(&self) -> &str {
        &self.contract_ref
    }
}

/// One step of an escalation path: whom to reach, how, and how long to wait for
/// an answer before going to the next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationStep {
    who: String,
    how_to_reach: String,
    wait_minutes: u32,
    vendor: Option<VendorSupport>,
}

impl EscalationStep {
    /// A step; it needs someone, a way to reach them and a wait of 1 minute to a day.
    pub fn new(
        who: &str,
        how_to_reach: &str,
        wait_minutes: u32,
        vendor: Option<VendorSupport>,
    ) -> Result<EscalationStep, RowProblem> {
        let (who, how_to_reach) = (line(who), line(how_to_reach));
        if who.is_empty() {
            return Err(RowProblem::NoName);
        }
        if how_to_reach.is_empty() {
            return Err(RowProblem::NoReach);
        }
        if wait_minutes < 1 {
            return Err(RowProblem::WaitTooShort);
        }
        if wait_minutes > MAX_WAIT_MINUTES {
            return Err(RowProblem::WaitTooLong);
        }
        Ok(Self { who, how_to_reach, wait_minutes, vendor })
    }

    /// Whom to escalate to: a person, a rota ("Payments on-call") or a vendor.
    pub fn who(&self) -> &str {
        &self.who
    }

    /// How to reach them.
    pub fn how_to_reach(&self) -> &str {
        &self.how_to_reach
    }

    /// How long to wait for an answer before escalating further.
    pub fn wait_minutes(&self) -> u32 {
        self.wait_minutes
    }

    /// The vendor support plan, when this step is a vendor.
    pub fn vendor(&self) -> Option<&VendorSupport> {
        self.vendor.as_ref()
    }
}

/// A contact as typed into a form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactDraft {
    /// Their name or role.
    pub name: String,
    /// How to reach them.
    #[serde(default)]
    pub reach: String,
}

/// An escalation step as typed into a form; an empty plan and contract mean "not
/// a vendor".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepDraft {
    /// Whom to escalate to.
    pub who: String,
    /// How to reach them.
    pub how_to_reach: String,
    /// How long to wait for an answer, in minutes.
    pub wait_minutes: u32,
    /// The vendor support plan, if this step is a vendor.
    pub vendor_plan: String,
    /// The vendor contract reference.
    pub contract_ref: String,
}

impl StepDraft {
    fn is_blank(&self) -> bool {
        [&self.who, &self.how_to_reach, &self.vendor_plan, &self.contract_ref].iter().all(|t| t.trim().is_empty())
    }
}

/// What a responder fills in to add or edit a component. Rows of contacts and
/// steps that are entirely empty are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentDraft {
    /// The internal name, unique in the catalog.
    pub name: String,
    /// What customers may see; empty means the same as the name.
    pub public_name: String,
    /// The team that owns it.
    pub owner: String,
    /// How sensitive it is.
    pub classification: Classification,
    /// Key contacts, in order.
    pub contacts: Vec<ContactDraft>,
    /// How it is built, where it runs, what to look at first.
    pub architecture: String,
    /// Names of the components (or outside services) it depends on.
    pub dependencies: Vec<String>,
    /// The escalation path, first step first.
    pub escalation: Vec<StepDraft>,
}

/// One component of the catalog with its triage information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ComponentData", into = "ComponentData")]
pub struct Component {
    id: ComponentId,
    name: String,
    public_name: Option<String>,
    owner: String,
    classification: Classification,
    contacts: Vec<Contact>,
    architecture: String,
    dependencies: Vec<String>,
    escalation: Vec<EscalationStep>,
}

impl Component {
    /// Checks and tidies `draft` into a component with the id `id`.
    pub fn new(id: ComponentId, draft: ComponentDraft) -> Result<Component, CatalogError> {
        let name = line_uncut(&draft.name);
        if name.is_empty() {
            return Err(CatalogError::EmptyName);
        }
        if name.chars().count() > MAX_NAME {
            return Err(CatalogError::NameTooLong);
        }
        let public_name = Some(line(&draft.public_name)).filter(|p| !p.is_empty() && *p != name);

        let mut contacts = Vec::new();
        for (row, contact) in draft.contacts.iter().enumerate() {
            if contact.name.trim().is_empty() && contact.reach.trim().is_empty() {
                continue;
            }
            contacts.push(Contact::new(&contact.name, &contact.reach).map_err(|p| CatalogError::Contact(row + 1, p))?);
        }
        if contacts.len() > MAX_CONTACTS {
            return Err(CatalogError::TooManyContacts);
        }

        let mut escalation = Vec::new();
        for (row, step) in draft.escalation.iter().enumerate() {
            if step.is_blank() {
                continue;
            }
            let problem = |p| CatalogError::Step(row + 1, p);
            let vendor = if step.vendor_plan.trim().is_empty() && step.contract_ref.trim().is_empty() {
                None
            } else {
                Some(VendorSupport::new(&step.vendor_plan, &step.contract_ref).map_err(problem)?)
            };
            escalation
                .push(EscalationStep::new(&step.who, &step.how_to_reach, step.wait_minutes, vendor).map_err(problem)?);
        }
        if escalation.len() > MAX_STEPS {
            return Err(CatalogError::TooManySteps);
        }

        let mut dependencies: Vec<String> = Vec::new();
        for dependency in &draft.dependencies {
            let dependency = line(dependency);
            if dependency.is_empty() || dependencies.iter().any(|d| same_name(d, &dependency)) {
                continue;
            }
            if same_name(&dependency, &name) {
                return Err(CatalogError::DependsOnItself);
            }
            dependencies.push(dependency);
        }
        if dependencies.len() > MAX_DEPENDENCIES {
            return Err(CatalogError::TooManyDependencies);
        }

        Ok(Self {
            id,
            name,
            public_name,
            owner: line(&draft.owner),
            classification: draft.classification,
            contacts,
            architecture: draft.architecture.trim().chars().take(MAX_NOTES).collect(),
            dependencies,
            escalation,
        })
    }

    /// The component as a draft, for editing; `Component::new(id, draft)` gives it back.
    pub fn draft(&self) -> ComponentDraft {
        ComponentDraft {
            name: self.name.clone(),
            public_name: self.public_name.clone().unwrap_or_default(),
            owner: self.owner.clone(),
            classification: self.classification,
            contacts: self
                .contacts
                .iter()
                .map(|c| ContactDraft { name: c.name.clone(), reach: c.reach.clone() })
                .collect(),
            architecture: self.architecture.clone(),
            dependencies: self.dependencies.clone(),
            escalation: self
                .escalation
                .iter()
                .map(|s| StepDraft {
                    who: s.who.clone(),
                    how_to_reach: s.how_to_reach.clone(),
                    wait_minutes: s.wait_minutes,
                    vendor_plan: s.vendor.as_ref().map(|v| v.plan.clone()).unwrap_or_default(),
                    contract_ref: s.vendor.as_ref().map(|v| v.contract_ref.clone()).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// The stable id.
    pub fn id(&self) -> &ComponentId {
        &self.id
    }

    /// The internal name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What customers may see: the public name, or the name when none was given.
    pub fn public_name(&self) -> &str {
        self.public_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether a public name different from the name was given.
    pub fn has_public_name(&self) -> bool {
        self.public_name.is_some()
    }

    /// The owning team; may be empty.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// How sensitive it is.
    pub fn classification(&self) -> Classification {
        self.classification
    }

    /// Key contacts, in order.
    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    /// Architecture notes, plain text; may be empty.
    pub fn architecture(&self) -> &str {
        &self.architecture
    }

    /// What it depends on, by name.
    pub fn dependencies(&self) -> &[String] {
        &self.dependencies
    }

    /// The escalation path, first step first; may be empty.
    pub fn escalation(&self) -> &[EscalationStep] {
        &self.escalation
    }

    /// Whether `name` is this component's name or public name (ignoring case and
    /// extra spaces).
    pub fn answers_to(&self, name: &str) -> bool {
        same_name(&self.name, name) || self.public_name.as_deref().is_some_and(|p| same_name(p, name))
    }
}

/// The stored shape of a [`Component`]; decoding checks the same rules as editing.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ComponentData {
    id: ComponentId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public_name: Option<String>,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    classification: Classification,
    #[serde(default)]
    contacts: Vec<ContactDraft>,
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    dependencies: Vec<String>,
    #[serde(default)]
    escalation: Vec<StepData>,
}

/// The stored shape of an [`EscalationStep`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StepData {
    who: String,
    how_to_reach: String,
    wait_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vendor: Option<VendorData>,
}

/// The stored shape of a [`VendorSupport`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct VendorData {
    plan: String,
    #[serde(default)]
    contract_ref: String,
}

impl TryFrom<ComponentData> for Component {
    type Error = CatalogError;

    fn try_from(data: ComponentData) -> Result<Self, Self::Error> {
        let draft = ComponentDraft {
            name: data.name,
            public_name: data.public_name.unwrap_or_default(),
            owner: data.owner,
            classification: data.classification,
            contacts: data.contacts,
            architecture: data.architecture,
            dependencies: data.dependencies,
            escalation: data
                .escalation
                .into_iter()
                .map(|s| StepDraft {
                    who: s.who,
                    how_to_reach: s.how_to_reach,
                    wait_minutes: s.wait_minutes,
                    vendor_plan: s.vendor.as_ref().map(|v| v.plan.clone()).unwrap_or_default(),
                    contract_ref: s.vendor.map(|v| v.contract_ref).unwrap_or_default(),
                })
                .collect(),
        };
        Component::new(data.id, draft)
    }
}

impl From<Component> for ComponentData {
    fn from(c: Component) -> Self {
        Self {
            id: c.id,
            name: c.name,
            public_name: c.public_name,
            owner: c.owner,
            classification: c.classification,
            contacts: c.contacts.into_iter().map(|c| ContactDraft { name: c.name, reach: c.reach }).collect(),
            architecture: c.architecture,
            dependencies: c.dependencies,
            escalation: c
                .escalation
                .into_iter()
                .map(|s| StepData {
                    who: s.who,
                    how_to_reach: s.how_to_reach,
                    wait_minutes: s.wait_minutes,
                    vendor: s.vendor.map(|v| VendorData { plan: v.plan, contract_ref: v.contract_ref }),
                })
                .collect(),
        }
    }
}

/// An affected component of an incident as the catalog knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected<'a> {
    /// The name is in the catalog.
    Known(&'a Component),
    /// The name is not in the catalog.
    Unknown(String),
}

/// The workspace's components, ordered by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "CatalogData", into = "CatalogData")]
pub struct Catalog {
    components: Vec<Component>,
}

/// The stored shape of a [`Catalog`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct CatalogData {
    #[serde(default)]
    components: Vec<Component>,
}

impl TryFrom<CatalogData> for Catalog {
    type Error = CatalogError;

    fn try_from(data: CatalogData) -> Result<Self, Self::Error> {
        data.components.into_iter().try_fold(Catalog::default(), |catalog, component| {
            if catalog.get(component.id()).is_some() {
                return Err(CatalogError::DuplicateId(component.id().to_string()));
            }
            catalog.with_component(component)
        })
    }
}

impl From<Catalog> for CatalogData {
    fn from(catalog: Catalog) -> Self {
        Self { components: catalog.components }
    }
}

impl Catalog {
    /// The components, ordered by name (ignoring case).
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// Whether the catalog has no component.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
    }

    /// The component with this id.
    pub fn get(&self, id: &ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id() == id)
    }

    /// The component called `name`, by its name first, then by its public name,
    /// ignoring case and extra spaces.
    pub fn find(&self, name: &str) -> Option<&Component> {
        let by_name = self.components.iter().find(|c| same_name(&c.name, name));
        by_name.or_else(|| self.components.iter().find(|c| c.answers_to(name)))
    }

    /// This catalog with `component` added, or replacing the one with the same id.
    /// Refused when another component already has its name.
    pub fn with_component(&self, component: Component) -> Result<Catalog, CatalogError> {
        if let Some(other) =
            self.components.iter().find(|c| c.id != component.id && same_name(&c.name, &component.name))
        {
            return Err(CatalogError::DuplicateName(other.name.clone()));
        }
        let mut components: Vec<Component> = self.components.iter().filter(|c| c.id != component.id).cloned().collect();
        if components.len() >= MAX_COMPONENTS {
            return Err(CatalogError::TooManyComponents);
        }
        components.push(component);
        crate::domain::order::sort_by(&mut components, |a, b| {
            fold(&a.name).cmp(&fold(&b.name)).then_with(|| a.id.cmp(&b.id))
        });
        Ok(Self { components })
    }

    /// This catalog without the component with this id.
    pub fn without_component(&self, id: &ComponentId) -> Catalog {
        Self { components: self.components.iter().filter(|c| c.id() != id).cloned().collect() }
    }

    /// An incident's affected components, in the incident's order: each found in
    /// the catalog or not. A component named twice (by name and by public name)
    /// is listed once.
    pub fn affected(&self, names: &[String]) -> Vec<Affected<'_>> {
        let mut found: Vec<Affected<'_>> = Vec::new();
        for name in names {
            let name = line_uncut(name);
            if name.is_empty() {
                continue;
            }
            match self.find(&name) {
                Some(component) => {
                    if !found.iter().any(|a| matches!(a, Affected::Known(c) if c.id() == component.id())) {
                        found.push(Affected::Known(component));
                    }
                }
                None => {
                    if !found.iter().any(|a| matches!(a, Affected::Unknown(n) if same_name(n, &name))) {
                        found.push(Affected::Unknown(name));
                    }
                }
            }
        }
        found
    }
}

/// What sort of internal detail a [`Flag`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagKind {
    /// The internal name of a component classified internal or above (its public
    /// name is never flagged).
    ComponentName {
        /// The component's classification.
        classification: Classification,
    },
    /// The name of a key contact or of someone on an escalation path.
    ContactName,
    /// How to reach a contact or an escalation step (phone, e-mail, chat handle).
    Reach {
        /// Whose details they are.
        of: String,
    },
    /// A vendor support contract reference.
    ContractRef,
}

/// An internal detail found in a text meant for customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Where it is in the text, in bytes (a valid `str` range).
    pub range: Range<usize>,
    /// The text as written at that place.
    pub found: String,
    /// What it is.
    pub kind: FlagKind,
    /// The name of the component whose catalog entry it comes from.
    pub component: String,
}

/// Finds internal details of `catalog` in `text`: the (internal) names of
/// components classified internal or above, never their public names, and every contact's and escalation step's name,
/// how to reach them and vendor contract references, ignoring case. Names match
/// whole words (in scripts written without spaces, such as Chinese, anywhere);
/// phone numbers match however their digits are grouped. Flags are in text order
/// and do not overlap: of two overlapping finds the earlier, then longer, wins.
pub fn flag_internal_text(catalog: &Catalog, text: &str) -> Vec<Flag> {
    let mut terms: Vec<(String, FlagKind, &str)> = Vec::new();
    for c in catalog.components() {
        if c.classification.is_internal() {
            terms.push((c.name.clone(), FlagKind::ComponentName { classification: c.classification }, &c.name));
        }
        for contact in &c.contacts {
            terms.push((contact.name.clone(), FlagKind::ContactName, &c.name));
            terms.push((contact.reach.clone(), FlagKind::Reach { of: contact.name.clone() }, &c.name));
        }
        for step in &c.escalation {
            terms.push((step.who.clone(), FlagKind::ContactName, &c.name));
            terms.push((step.how_to_reach.clone(), FlagKind::Reach { of: step.who.clone() }, &c.name));
            if let Some(vendor) = &step.vendor {
                terms.push((vendor.contract_ref.clone(), FlagKind::ContractRef, &c.name));
            }
        }
    }
    let mut flags: Vec<Flag> = Vec::new();
    for (term, kind, component) in terms {
        if term.chars().count() < 2 {
            continue;
        }
        let mut ranges = find_words(text, &term);
        if matches!(kind, FlagKind::Reach { .. }) {
            ranges.extend(find_phone(text, &term));
        }
        for range in ranges {
            let found = text[range.clone()].to_owned();
            flags.push(Flag { range, found, kind: kind.clone(), component: component.to_owned() });
        }
    }
    crate::domain::order::sort_by(&mut flags, |a, b| {
        a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end))
    });
    let mut kept: Vec<Flag> = Vec::new();
    for flag in flags {
        if kept.last().is_none_or(|last| flag.range.start >= last.range.end) {
            kept.push(flag);
        }
    }
    kept
}

/// Letters and digits of scripts that separate words with spaces.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// Scripts written without spaces between words (CJK, kana, hangul, full-width forms).
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Whether two characters are equal ignoring case; any two spaces are equal.
fn same_char(a: char, b: char) -> bool {
    a == b || (a.is_whitespace() && b.is_whitespace()) || a.to_lowercase().eq(b.to_lowercase())
}

/// Where `term` occurs in `text` as whole words, ignoring case; a run of spaces in
/// the text matches a space in the term.
fn find_words(text: &str, term: &str) -> Vec<Range<usize>> {
    let term: Vec<char> = line_uncut(term).chars().collect();
    let (Some(&first), Some(&last)) = (term.first(), term.last()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (start, c) in text.char_indices() {
        let before = previous;
        previous = Some(c);
        if !same_char(c, first) || before.is_some_and(|b| is_word(b) && is_word(first)) {
            continue;
        }
        let mut rest = text[start..].char_indices().peekable();
        let mut end = start;
        let mut matched = true;
        for &want in &term {
            match rest.next() {
                Some((at, got)) if same_char(got, want) => {
                    end = start + at + got.len_utf8();
                    if want.is_whitespace() {
                        while let Some(&(at, more)) = rest.peek().filter(|(_, more)| more.is_whitespace()) {
                            end = start + at + more.len_utf8();
                            rest.next();
                        }
                    }
                }
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        let after = text[end..].chars().next();
        if matched && !after.is_some_and(|a| is_word(a) && is_word(last)) {
            found.push(start..end);
        }
    }
    found
}

/// The digits of a phone number, if `text` is one: at least seven digits, and only
/// digits, spaces and `+ - ( ) .`.
fn phone_digits(text: &str) -> Option<String> {
    let phone_like = text.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (phone_like && digits.len() >= 7).then_some(digits)
}

/// Where the phone number `reach` occurs in `text`, however its digits are grouped.
fn find_phone(text: &str, reach: &str) -> Vec<Range<usize>> {
    let Some(wanted) = phone_digits(reach) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut run: Option<usize> = None;
    let mut check = |start: usize, end: usize| {
        let piece = text[start..end]
            .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '+')
            .trim_end_matches(|c: char| !c.is_ascii_digit());
        let piece_start = start + text[start..end].find(piece).unwrap_or(0);
        if phone_digits(piece).is_some_and(|digits| digits == wanted) {
            found.push(piece_start..piece_start + piece.len());
        }
    };
    for (at, c) in text.char_indices() {
        let in_number = c.is_ascii_digit() || " +-().".contains(c);
        match (run, in_number) {
            (None, true) => run = Some(at),
            (Some(start), false) => {
                check(start, at);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run {
        check(start, text.len());
    }
    found
}

/// One line: spaces collapsed, cut to [`MAX_LINE`] characters.
fn line(text: &str) -> String {
    line_uncut(text).chars().take(MAX_LINE).collect()
}

fn line_uncut(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name folded for comparison: spaces collapsed, lower case.
fn fold(name: &str) -> String {
    line_uncut(name).to_lowercase()
}

/// Whether two names are the same, ignoring case and extra spaces.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u32) -> ComponentId {
        ComponentId::new(&format!("c{n}")).unwrap()
    }

    fn step(who: &str, reach: &str, wait: u32) -> StepDraft {
        StepDraft { who: who.into(), how_to_reach: reach.into(), wait_minutes: wait, ..StepDraft::default() }
    }

    fn payments() -> ComponentDraft {
        ComponentDraft {
            name: "  Payments   API ".into(),
            public_name: "Payments".into(),
            owner: " Payments team ".into(),
            classification: Classification::Confidential,
            contacts: vec![
                ContactDraft { name: "Ana Lee".into(), reach: "+886 912 345 678".into() },
                ContactDraft::default(),
                ContactDraft { name: "Bo Chen".into(), reach: "@bo".into() },
            ],
            architecture: "  Go service on EKS; Postgres primary in ap-northeast-1.\n".into(),
            dependencies: vec!["Postgres".into(), " postgres ".into(), "".into(), "Card processor".into()],
            escalation: vec![
                step("Payments on-call", "PagerDuty: payments", 5),
                StepDraft::default(),
                StepDraft {
                    vendor_plan: "AWS Enterprise Support".into(),
                    contract_ref: "ENT-4242".into(),
                    ..step("AWS Support", "console.aws.amazon.com/support", 15)
                },
            ],
        }
    }

    #[test]
    fn drafts_are_tidied_and_round_trip() {
        let component = Component::new(id(1), payments()).unwrap();
        assert_eq!(component.name(), "Payments API");
        assert_eq!(component.public_name(), "Payments");
        assert_eq!(component.owner(), "Payments team");
        assert_eq!(component.contacts().len(), 2, "the blank contact row is left out");
        assert_eq!(component.dependencies(), ["Postgres", "Card processor"]);
        assert_eq!(component.escalation().len(), 2, "the blank step row is left out");
        let vendor = component.escalation()[1].vendor().unwrap();
        assert_eq!((vendor.plan(), vendor.contract_ref()), ("AWS Enterprise Support", "ENT-4242"));
        assert_eq!(Component::new(id(1), component.draft()), Ok(component.clone()));
        let same_public =
            ComponentDraft { name: "Search".into(), public_name: " search ".into(), ..Default::default() };
        let search = Component::new(id(2), same_public).unwrap();
        assert_eq!(search.public_name(), "search");
        let unnamed_public = ComponentDraft { name: "Search".into(), ..Default::default() };
        let search = Component::new(id(2), unnamed_public).unwrap();
        assert_eq!((search.public_name(), search.has_public_name()), ("Search", false));
        assert_eq!(search.classification(), Classification::Internal, "internal unless said otherwise");
    }

    #[test]
    fn drafts_are_refused_with_the_row_at_fault() {
        type Change = fn(&mut ComponentDraft);
        let cases: [(Change, CatalogError); 10] = [
            (|d| d.name = " \n".into(), CatalogError::EmptyName),
            (|d| d.name = "x".repeat(MAX_NAME + 1), CatalogError::NameTooLong),
            (|d| d.contacts[2].name = " ".into(), CatalogError::Contact(3, RowProblem::NoName)),
            (|d| d.escalation[0].who = "".into(), CatalogError::Step(1, RowProblem::NoName)),
            (|d| d.escalation[2].how_to_reach = "".into(), CatalogError::Step(3, RowProblem::NoReach)),
            (|d| d.escalation[0].wait_minutes = 0, CatalogError::Step(1, RowProblem::WaitTooShort)),
            (|d| d.escalation[0].wait_minutes = MAX_WAIT_MINUTES + 1, CatalogError::Step(1, RowProblem::WaitTooLong)),
            (|d| d.escalation[2].vendor_plan = "".into(), CatalogError::Step(3, RowProblem::VendorWithoutPlan)),
            (|d| d.dependencies.push("payments  api".into()), CatalogError::DependsOnItself),
            (|d| d.escalation = vec![step("a", "b", 1); MAX_STEPS + 1], CatalogError::TooManySteps),
        ];
        for (change, expected) in cases {
            let mut draft = payments();
            change(&mut draft);
            assert_eq!(Component::new(id(1), draft), Err(expected.clone()), "{expected}");
        }
        expect_test::expect!["escalation step 3 has a contract reference but no support plan"]
            .assert_eq(&CatalogError::Step(3, RowProblem::VendorWithoutPlan).to_string());
    }

    #[test]
    fn ids_are_checked() {
        for good in ["01JD0000000000000000000000", "payments-api", "a_b"] {
            assert!(ComponentId::new(good).is_ok(), "{good}");
        }
        for bad in ["", "has space", "ü", &"x".repeat(MAX_ID + 1)] {
            assert!(ComponentId::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_catalog_keeps_names_unique_and_finds_by_name_or_public_name() {
        let named = |n: u32, name: &str, public: &str| {
            let draft = ComponentDraft { name: name.into(), public_name: public.into(), ..Default::default() };
            Component::new(id(n), draft).unwrap()
        };
        let catalog = Catalog::default()
            .with_component(named(1, "search", ""))
            .and_then(|c| c.with_component(named(2, "Payments API", "Payments")))
            .and_then(|c| c.with_component(named(3, "Payments", "Billing")))
            .unwrap();
        let names: Vec<_> = catalog.components().iter().map(Component::name).collect();
        assert_eq!(names, ["Payments", "Payments API", "search"], "ordered by name, ignoring case");
        let finds = [
            ("payments", Some("Payments")),
            ("BILLING", Some("Payments")),
            (" payments  api", Some("Payments API")),
            ("Search", Some("search")),
            ("Login", None),
        ];
        for (wanted, expected) in finds {
            assert_eq!(catalog.find(wanted).map(Component::name), expected, "{wanted}");
        }
        assert_eq!(catalog.with_component(named(4, "SEARCH", "")), Err(CatalogError::DuplicateName("search".into())));
        let renamed = catalog.with_component(named(1, "Search v2", "")).unwrap();
        assert_eq!(renamed.components().len(), 3, "same id replaces");
        assert!(renamed.find("search").is_none());
        assert_eq!(renamed.without_component(&id(1)).components().len(), 2);

        let affected = catalog.affected(&["Billing".into(), "Login".into(), "payments".into(), "login".into()]);
        let shown: Vec<String> = affected
            .iter()
            .map(|a| match a {
                Affected::Known(c) => format!("known {}", c.name()),
                Affected::Unknown(n) => format!("unknown {n}"),
            })
            .collect();
        assert_eq!(shown, ["known Payments", "unknown Login"]);
    }

    #[test]
    fn stored_catalogs_decode_only_when_valid() {
        let catalog = Catalog::default().with_component(Component::new(id(1), payments()).unwrap()).unwrap();
        let json = serde_json::to_value(&catalog).unwrap();
        expect_test::expect![[r#"
            {
              "components": [
                {
                  "architecture": "Go service on EKS; Postgres primary in ap-northeast-1.",
                  "classification": "confidential",
                  "contacts": [
                    {
                      "name": "Ana Lee",
                      "reach": "+886 912 345 678"
                    },
                    {
                      "name": "Bo Chen",
                      "reach": "@bo"
                    }
                  ],
                  "dependencies": [
                    "Postgres",
                    "Card processor"
                  ],
                  "escalation": [
                    {
                      "how_to_reach": "PagerDuty: payments",
                      "wait_minutes": 5,
                      "who": "Payments on-call"
                    },
                    {
                      "how_to_reach": "console.aws.amazon.com/support",
                      "vendor": {
                        "contract_ref": "ENT-4242",
                        "plan": "AWS Enterprise Support"
                      },
                      "wait_minutes": 15,
                      "who": "AWS Support"
                    }
                  ],
                  "id": "c1",
                  "name": "Payments API",
                  "owner": "Payments team",
                  "public_name": "Payments"
                }
              ]
            }"#]]
        .assert_eq(&serde_json::to_string_pretty(&json).unwrap());
        assert_eq!(serde_json::from_value::<Catalog>(json.clone()).unwrap(), catalog);
        assert_eq!(serde_json::from_str::<Catalog>("{}").unwrap(), Catalog::default(), "the old empty shape");

        let broken: [fn(&mut serde_json::Value); 4] = [
            |j| j["components"][0]["name"] = "".into(),
            |j| j["components"][0]["escalation"][0]["wait_minutes"] = 0.into(),
            |j| j["components"][0]["id"] = "not an id".into(),
            |j| {
                let copy = j["components"][0].clone();
                j["components"].as_array_mut().unwrap().push(copy);
            },
        ];
        for (n, breaks) in broken.into_iter().enumerate() {
            let mut bad = json.clone();
            breaks(&mut bad);
            assert!(serde_json::from_value::<Catalog>(bad).is_err(), "case {n}");
        }
    }

    fn shown(flags: &[Flag]) -> String {
        flags
            .iter()
            .map(|f| format!("{:?} {:?} {:?} ({})", f.range, f.found, f.kind, f.component))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn internal_details_are_flagged_in_customer_text() {
        let public = ComponentDraft {
            name: "Status page".into(),
            classification: Classification::Public,
            contacts: vec![ContactDraft { name: "Cy Wu".into(), reach: "cy@example.com".into() }],
            ..Default::default()
        };
        let chinese = ComponentDraft {
            name: "金流閘道".into(),
            public_name: "付款".into(),
            classification: Classification::Restricted,
            ..Default::default()
        };
        let catalog = [payments(), public, chinese]
            .into_iter()
            .enumerate()
            .try_fold(Catalog::default(), |c, (n, d)| c.with_component(Component::new(id(n as u32), d).unwrap()))
            .unwrap();
        let cases = [
            ("Payments are slow for some customers.", expect_test::expect![""]),
            (
                "The PAYMENTS  API is down; Ana Lee (+886-912-345-678) is on it, ask @bo.",
                expect_test::expect![[r#"
                    4..17 "PAYMENTS  API" ComponentName { classification: Confidential } (Payments API)
                    27..34 "Ana Lee" ContactName (Payments API)
                    36..52 "+886-912-345-678" Reach { of: "Ana Lee" } (Payments API)
                    68..71 "@bo" Reach { of: "Bo Chen" } (Payments API)"#]],
            ),
            (
                "Opened case under ENT-4242 with AWS Support; Status page unaffected, mail cy@example.com",
                expect_test::expect![[r#"
                    18..26 "ENT-4242" ContractRef (Payments API)
                    32..43 "AWS Support" ContactName (Payments API)
                    74..88 "cy@example.com" Reach { of: "Cy Wu" } (Status page)"#]],
            ),
            (
                "Payments APIs, RapidPayments API and Payments API-gateway",
                expect_test::expect![[
                    r#"37..49 "Payments API" ComponentName { classification: Confidential } (Payments API)"#
                ]],
            ),
            (
                "付款服務異常，金流閘道逾時。",
                expect_test::expect![[r#"
                21..33 "金流閘道" ComponentName { classification: Restricted } (金流閘道)"#]],
            ),
            (
                "Call 886912345678 or 912 345 678",
                expect_test::expect![[r#"
                5..17 "886912345678" Reach { of: "Ana Lee" } (Payments API)"#]],
            ),
        ];
        for (text, expected) in cases {
            let flags = flag_internal_text(&catalog, text);
            for flag in &flags {
                assert_eq!(&text[flag.range.clone()], flag.found);
            }
            expected.assert_eq(&shown(&flags));
        }
    }
}
