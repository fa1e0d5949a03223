//! Runbooks: named, versioned checklists, and their runs inside incidents.
//!
//! A [`Runbook`] never changes once stored: editing, archiving or restoring one
//! makes its next version. A [`RunbookRun`] holds the exact version an incident
//! started with, so later edits never change a running checklist. Step conditions
//! (a severity threshold, an affected component) are evaluated against the
//! incident as it is now, so a severity change shows or marks steps without
//! deleting anything.

use super::event::{Audience, Change, Command};
use super::id::{IncidentId, RunId, RunbookId};
use super::milestone::Milestone;
use super::roles::Role;
use super::severity::{Severity, SeverityLadder};
use super::timeline::{EntryKind, Stamp, TimelineEntry};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest runbook name, in characters.
pub const MAX_NAME: usize = 120;
/// The longest step text, in characters.
pub const MAX_STEP: usize = 2_000;
/// The most steps a runbook may have.
pub const MAX_STEPS: usize = 200;
/// The longest details of one step, in characters.
pub const MAX_DETAILS: usize = 20_000;

/// One step of a runbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What to do, as an instruction.
    pub text: String,
    /// Whether the incident should not move on while this step is open.
    pub required: bool,
    /// Who usually does it, such as "Incident lead".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The step applies only at this severity or worse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// The step applies only while this component is affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// More about the step, as Markdown (paragraphs, lists, links, code blocks):
    /// shown on demand, rendered as text by `domain::details`, never as HTML.
    /// Records stored before steps had details decode with none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
    /// The event of the incident's timeline that completes the step by itself
    /// (see `domain::checklist`). Records stored before steps had one decode
    /// with none, and a step without one is written without the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completes_when: Option<Completion>,
}

/// An event of an incident's timeline that completes a step by itself: the
/// step "Name an incident lead" is done once someone is assigned the role.
/// Stored as `{"event": "role_assigned", "role": "incident_lead"}`; any other
/// event or role is refused when a record or a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Completion {
    /// Someone took the role: its first holder, a hand-over, or one more holder
    /// of a shared role.
    RoleAssigned {
        /// The role.
        role: Role,
    },
    /// A status update for the public (the status page) was posted.
    PublicUpdatePosted,
    /// The milestone was set (or set again to another time).
    MilestoneSet {
        /// The milestone.
        milestone: Milestone,
    },
}

impl Completion {
    /// Every event a step can name, in the order the editor offers them: the
    /// roles, the public update, the milestones.
    pub fn all() -> Vec<Completion> {
        let roles = Role::ALL.into_iter().map(|role| Self::RoleAssigned { role });
        let milestones = Milestone::ALL.into_iter().map(|milestone| Self::MilestoneSet { milestone });
        roles.chain([Self::PublicUpdatePosted]).chain(milestones).collect()
    }

    /// A stable machine name, used in form values: `role:incident_lead`,
    /// `public_update`, `milestone:mitigated`.
    pub fn key(self) -> String {
        match self {
            Self::RoleAssigned { role } => format!("role:{}", role.key()),
            Self::PublicUpdatePosted => "public_update".to_owned(),
            Self::MilestoneSet { milestone } => format!("milestone:{}", milestone.key()),
        }
    }

    /// Parses a name produced by [`Completion::key`].
    pub fn from_key(key: &str) -> Option<Completion> {
        Self::all().into_iter().find(|completion| completion.key() == key)
    }

    /// Whether a recorded change is this event; for a role, who took it.
    pub fn is_met_by(self, change: &Change) -> Option<Option<&str>> {
        match (self, change) {
            (
                Self::RoleAssigned { role },
                Change::Command { command: Command::Role { role: of, to: Some(to), .. } },
            ) if *of == role => Some(Some(to.as_str())),
            (Self::PublicUpdatePosted, Change::StatusUpdate { update }) if update.audience() == Audience::Public => {
                Some(None)
            }
            (Self::MilestoneSet { milestone }, Change::Command { command: Command::Milestone { milestone: set } })
                if *set == milestone =>
            {
                Some(None)
            }
            _ => None,
        }
    }
}

impl Step {
    /// A required or optional step with no role and no conditions.
    pub fn new(text: &str, required: bool) -> Self {
        Self {
            text: text.to_owned(),
            required,
            role: None,
            min_severity: None,
            component: None,
            details: String::new(),
            completes_when: None,
        }
    }

    /// This step with `details` (Markdown) instead of its own.
    pub fn with_details(self, details: &str) -> Self {
        Self { details: details.to_owned(), ..self }
    }

    /// This step, completed by itself when `event` is recorded.
    pub fn completed_when(self, event: Completion) -> Self {
        Self { completes_when: Some(event), ..self }
    }

    /// Whether the step applies to an incident of `severity` affecting `components`.
    pub fn applies(&self, ladder: &SeverityLadder, severity: &Severity, components: &[String]) -> bool {
        let severe_enough = self.min_severity.as_ref().is_none_or(|min| ladder.at_least(severity, min));
        let component_affected = self
            .component
            .as_ref()
            .is_none_or(|wanted| components.iter().any(|c| c.trim().eq_ignore_ascii_case(wanted.trim())));
        severe_enough && component_affected
    }
}

/// What a responder fills in to create or edit a runbook.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunbookDraft {
    /// The runbook's name.
    pub name: String,
    /// What the runbook is for and when to use it.
    pub description: String,
    /// The steps in order.
    pub steps: Vec<Step>,
    /// Severities at which declaring an incident attaches it by itself.
    pub attach_at: Vec<Severity>,
}

/// Why a runbook was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunbookError {
    /// The name is empty.
    #[error("the runbook needs a name")]
    EmptyName,
    /// The name is too long.
    #[error("the name is longer than {MAX_NAME} characters")]
    NameTooLong,
    /// There are no steps.
    #[error("the runbook needs at least one step")]
    NoSteps,
    /// There are too many steps.
    #[error("a runbook has at most {MAX_STEPS} steps")]
    TooManySteps,
    /// A step (numbered from 1) has no text.
    #[error("step {0} has no text")]
    EmptyStep(usize),
    /// A step (numbered from 1) is too long.
    #[error("step {0} is longer than {MAX_STEP} characters")]
    StepTooLong(usize),
    /// The details of a step (numbered from 1) are too long.
    #[error("the details of step {0} are longer than {MAX_DETAILS} characters")]
    DetailsTooLong(usize),
}

/// One version of a runbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RunbookData", into = "RunbookData")]
pub struct Runbook {
    id: RunbookId,
    version: u32,
    name: String,
    description: String,
    steps: Vec<Step>,
    attach_at: Vec<Severity>,
    archived: bool,
    saved_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RunbookData {
    id: RunbookId,
    version: u32,
    name: String,
    #[serde(default)]
    description: String,
    steps: Vec<Step>,
    #[serde(default)]
    attach_at: Vec<Severity>,
    #[serde(default)]
    archived: bool,
    saved_at: DateTime<Utc>,
}

impl TryFrom<RunbookData> for Runbook {
    type Error = RunbookError;

    fn try_from(data: RunbookData) -> Result<Self, Self::Error> {
        let draft = RunbookDraft {
            name: data.name,
            description: data.description,
            steps: data.steps,
            attach_at: data.attach_at,
        };
        let draft = checked(draft)?;
        Ok(Self {
            id: data.id,
            version: data.version.max(1),
            name: draft.name,
            description: draft.description,
            steps: draft.steps,
            attach_at: draft.attach_at,
            archived: data.archived,
            saved_at: data.saved_at,
        })
    }
}

impl From<Runbook> for RunbookData {
    fn from(r: Runbook) -> Self {
        Self {
            id: r.id,
            version: r.version,
            name: r.name,
            description: r.description,
            steps: r.steps,
            attach_at: r.attach_at,
            archived: r.archived,
            saved_at: r.saved_at,
        }
    }
}

/// Steps, roles and components are single lines: line breaks become spaces.
/// The text without control characters other than line feed and tab, with
/// Windows and old Mac line ends made line feeds.
fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// The text on one line: printable, with every run of white space one space.
fn one_line(text: &str) -> String {
    printable(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Details as kept: printable, without blank lines before the first line of
/// text and without blank space at the end. Indentation and line breaks are
/// Markdown, so they are kept.
pub fn tidy_details(text: &str) -> String {
    let text = printable(text);
    let start = text.split_inclusive('\n').take_while(|line| line.trim().is_empty()).map(str::len).sum::<usize>();
    text[start..].trim_end().to_owned()
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| one_line(&t)).filter(|t| !t.is_empty())
}

fn checked(draft: RunbookDraft) -> Result<RunbookDraft, RunbookError> {
    let name = one_line(&draft.name);
    if name.is_empty() {
        return Err(RunbookError::EmptyName);
    }
    if name.chars().count() > MAX_NAME {
        return Err(RunbookError::NameTooLong);
    }
    if draft.steps.is_empty() {
        return Err(RunbookError::NoSteps);
    }
    if draft.steps.len() > MAX_STEPS {
        return Err(RunbookError::TooManySteps);
    }
    let mut steps = Vec::with_capacity(draft.steps.len());
    for (i, step) in draft.steps.into_iter().enumerate() {
        let text = one_line(&step.text);
        if text.is_empty() {
            return Err(RunbookError::EmptyStep(i + 1));
        }
        if text.chars().count() > MAX_STEP {
            return Err(RunbookError::StepTooLong(i + 1));
        }
        let details = tidy_details(&step.details);
        if details.chars().count() > MAX_DETAILS {
            return Err(RunbookError::DetailsTooLong(i + 1));
        }
        steps.push(Step {
            text,
            required: step.required,
            role: optional(step.role),
            min_severity: step.min_severity,
            component: optional(step.component),
            details,
            completes_when: step.completes_when,
        });
    }
    let mut attach_at = draft.attach_at;
    attach_at.dedup();
    Ok(RunbookDraft { name, description: printable(&draft.description).trim().to_owned(), steps, attach_at })
}

impl Runbook {
    /// The first version of a new runbook.
    pub fn create(id: RunbookId, draft: RunbookDraft, at: DateTime<Utc>) -> Result<Runbook, RunbookError> {
        let draft = checked(draft)?;
        Ok(Self {
            id,
            version: 1,
            name: draft.name,
            description: draft.description,
            steps: draft.steps,
            attach_at: draft.attach_at,
            archived: false,
            saved_at: at,
        })
    }

    /// The next version with the content of `draft`, or `None` if nothing changed.
    pub fn edited(&self, draft: RunbookDraft, at: DateTime<Utc>) -> Result<Option<Runbook>, RunbookError> {
        let draft = checked(draft)?;
        if draft == self.draft() {
            return Ok(None);
        }
        Ok(Some(Self {
            version: self.version + 1,
            name: draft.name,
            description: draft.description,
            steps: draft.steps,
            attach_at: draft.attach_at,
            saved_at: at,
            ..self.clone()
        }))
    }

    /// The next version, archived (`true`) or back in use (`false`).
    pub fn with_archived(&self, archived: bool, at: DateTime<Utc>) -> Runbook {
        Self { version: self.version + 1, archived, saved_at: at, ..self.clone() }
    }

    /// A new runbook with the same content under another id and name.
    pub fn duplicate(&self, id: RunbookId, name: &str, at: DateTime<Utc>) -> Result<Runbook, RunbookError> {
        Runbook::create(id, RunbookDraft { name: name.to_owned(), ..self.draft() }, at)
    }

    /// The content as a draft, for editing.
    pub fn draft(&self) -> RunbookDraft {
        RunbookDraft {
            name: self.name.clone(),
            description: self.description.clone(),
            steps: self.steps.clone(),
            attach_at: self.attach_at.clone(),
        }
    }

    /// The runbook's id, shared by all its versions.
    pub fn id(&self) -> RunbookId {
        self.id
    }

    /// The version, counting from 1.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The steps in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Severities at which declaring an incident attaches this runbook.
    pub fn attach_at(&self) -> &[Severity] {
        &self.attach_at
    }

    /// Whether the runbook is archived (kept, but no longer offered).
    pub fn is_archived(&self) -> bool {
        self.archived
    }

    /// When this version was saved.
    pub fn saved_at(&self) -> DateTime<Utc> {
        self.saved_at
    }
}

/// Every stored version of every runbook, seen as the latest version of each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Library {
    latest: BTreeMap<RunbookId, Runbook>,
}

impl Library {
    /// Groups stored versions by runbook and keeps the latest of each.
    pub fn from_versions(versions: impl IntoIterator<Item = Runbook>) -> Self {
        let mut latest: BTreeMap<RunbookId, Runbook> = BTreeMap::new();
        for runbook in versions {
            match latest.get(&runbook.id) {
                Some(known) if known.version >= runbook.version => {}
                _ => {
                    latest.insert(runbook.id, runbook);
                }
            }
        }
        Self { latest }
    }

    /// This library with a new version recorded.
    pub fn with(&self, runbook: Runbook) -> Self {
        Self::from_versions(self.latest.values().cloned().chain([runbook]))
    }

    /// The latest version of a runbook.
    pub fn get(&self, id: RunbookId) -> Option<&Runbook> {
        self.latest.get(&id)
    }

    /// Runbooks in use (not archived), by name.
    pub fn active(&self) -> Vec<&Runbook> {
        self.sorted(false)
    }

    /// Archived runbooks, by name.
    pub fn archived(&self) -> Vec<&Runbook> {
        self.sorted(true)
    }

    fn sorted(&self, archived: bool) -> Vec<&Runbook> {
        let mut list: Vec<_> = self.latest.values().filter(|r| r.archived == archived).collect();
        crate::domain::order::sort_by(&mut list, |a, b| {
            a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id))
        });
        list
    }

    /// The runbook with this name, ignoring case, whether in use or archived.
    pub fn by_name(&self, name: &str) -> Option<&Runbook> {
        self.latest.values().find(|r| r.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Runbooks in use that attach by themselves at `severity`.
    pub fn attaching_at(&self, severity: &Severity) -> Vec<&Runbook> {
        self.active().into_iter().filter(|r| r.attach_at.contains(severity)).collect()
    }
}

/// A runbook version started inside an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunbookRun {
    id: RunId,
    incident: IncidentId,
    runbook: Runbook,
    started_at: DateTime<Utc>,
    started_by: String,
    by_hand: bool,
}

impl RunbookRun {
    /// Starts `runbook` in `incident`, returning the run and the timeline entry that
    /// records it; `by_hand` says a responder added it rather than the severity.
    pub fn start(
        id: RunId,
        incident: IncidentId,
        runbook: &Runbook,
        by_hand: bool,
        stamp: Stamp,
    ) -> (RunbookRun, TimelineEntry) {
        let run = Self {
            id,
            incident,
            runbook: runbook.clone(),
            started_at: stamp.at,
            started_by: stamp.author.clone(),
            by_hand,
        };
        let change = Change::RunbookStarted { run: id, name: runbook.name.clone(), version: runbook.version };
        let entry = TimelineEntry::system(incident, EntryKind::StepDone, change, "", stamp);
        (run, entry)
    }

    /// The run's id.
    pub fn id(&self) -> RunId {
        self.id
    }

    /// The incident it runs in.
    pub fn incident(&self) -> IncidentId {
        self.incident
    }

    /// The runbook version the run follows.
    pub fn runbook(&self) -> &Runbook {
        &self.runbook
    }

    /// When it started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// Whether a responder added it by hand.
    pub fn by_hand(&self) -> bool {
        self.by_hand
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn draft(name: &str) -> RunbookDraft {
        RunbookDraft {
            name: name.into(),
            description: "When the site is down".into(),
            steps: vec![Step::new("Name an incident lead", true), Step::new("Post a status update", false)],
            attach_at: vec![Severity::new("SEV1")],
        }
    }

    #[test]
    fn names_are_one_line_and_descriptions_lose_control_characters() {
        let mut messy = draft("  Major\n incident\u{7}  ");
        messy.description = "Line one\r\nLine two\u{1b}[31m\r".into();
        let runbook = Runbook::create(RunbookId::from_parts(1, 1), messy, at(0)).unwrap();
        assert_eq!(runbook.name(), "Major incident");
        assert_eq!(runbook.description(), "Line one\nLine two[31m");
    }

    #[test]
    fn editing_makes_a_new_version_and_no_change_makes_none() {
        let first = Runbook::create(RunbookId::from_parts(1, 1), draft("Major incident"), at(0)).unwrap();
        assert_eq!(first.version(), 1);
        assert_eq!(first.edited(first.draft(), at(1)).unwrap(), None);
        let mut changed = first.draft();
        changed.steps.push(Step::new("Roll back the last change", true));
        let second = first.edited(changed, at(2)).unwrap().unwrap();
        assert_eq!((second.version(), second.steps().len()), (2, 3));
        let archived = second.with_archived(true, at(3));
        let library = Library::from_versions([archived.clone(), first.clone(), second]);
        assert_eq!(library.get(first.id()), Some(&archived));
        assert!(library.active().is_empty());
        assert_eq!(library.archived().len(), 1);
    }

    #[test]
    fn drafts_are_checked_and_tidied() {
        let id = RunbookId::from_parts(1, 1);
        assert_eq!(Runbook::create(id, draft(" "), at(0)), Err(RunbookError::EmptyName));
        assert_eq!(
            Runbook::create(id, RunbookDraft { steps: vec![], ..draft("x") }, at(0)),
            Err(RunbookError::NoSteps)
        );
        let blank = RunbookDraft { steps: vec![Step::new("ok", true), Step::new("  ", true)], ..draft("x") };
        assert_eq!(Runbook::create(id, blank, at(0)), Err(RunbookError::EmptyStep(2)));
        let mut step = Step::new(" Call the vendor ", false);
        step.role = Some("  ".into());
        step.component = Some(" Payments ".into());
        let tidy = Runbook::create(id, RunbookDraft { steps: vec![step], ..draft("x") }, at(0)).unwrap();
        assert_eq!(tidy.steps()[0].text, "Call the vendor");
        assert_eq!(tidy.steps()[0].role, None);
        assert_eq!(tidy.steps()[0].component.as_deref(), Some("Payments"));
    }

    #[test]
    fn details_are_tidied_and_limited() {
        let id = RunbookId::from_parts(1, 1);
        let step =
            Step::new("Check the pod", true).with_details("\n  \r\n    kubectl get pods\r\n\n- nested\u{7}  \n\n");
        let runbook = Runbook::create(id, RunbookDraft { steps: vec![step], ..draft("x") }, at(0)).unwrap();
        assert_eq!(runbook.steps()[0].details, "    kubectl get pods\n\n- nested");
        let long = Step::new("ok", true).with_details(&"x".repeat(MAX_DETAILS + 1));
        let steps = vec![Step::new("ok", true), long];
        assert_eq!(
            Runbook::create(id, RunbookDraft { steps, ..draft("x") }, at(0)),
            Err(RunbookError::DetailsTooLong(2))
        );
    }

    /// A runbook version as stored before steps had details (frozen): it decodes,
    /// its steps have none, and it is written back without a `details` key.
    #[test]
    fn runbooks_stored_before_details_decode_unchanged() {
        let stored = r#"{"id":"01JDAAAAAAAAAAAAAAAAAAAAAA","version":2,"name":"Major incident","description":"Declare first.","steps":[{"text":"Name an incident lead","required":true,"role":"Incident lead"},{"text":"Post the first status update","required":false,"min_severity":"SEV2"}],"attach_at":["SEV1"],"archived":false,"saved_at":"2026-11-24T09:00:00Z"}"#;
        let runbook: Runbook = serde_json::from_str(stored).unwrap();
        assert_eq!(runbook.steps().len(), 2);
        assert!(runbook.steps().iter().all(|step| step.details.is_empty()));
        assert_eq!(serde_json::to_string(&runbook).unwrap(), stored);
        let with = Runbook::create(
            runbook.id(),
            RunbookDraft { steps: vec![Step::new("Look", true).with_details("`kubectl get pods`")], ..draft("x") },
            at(0),
        )
        .unwrap();
        let back: Runbook = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(back, with);
    }

    /// A step's completing event is stored as a tagged object, read back the
    /// same, and an unknown event, role or milestone makes the record unreadable.
    #[test]
    fn completing_events_round_trip_and_unknown_ones_are_refused() {
        let steps = Completion::all().into_iter().map(|event| Step::new("Do", true).completed_when(event)).collect();
        let runbook =
            Runbook::create(RunbookId::from_parts(1, 1), RunbookDraft { steps, ..draft("x") }, at(0)).unwrap();
        let json = serde_json::to_value(&runbook).unwrap();
        assert_eq!(
            json["steps"][0]["completes_when"],
            serde_json::json!({"event": "role_assigned", "role": "incident_lead"})
        );
        assert_eq!(json["steps"][5]["completes_when"], serde_json::json!({"event": "public_update_posted"}));
        assert_eq!(
            json["steps"][9]["completes_when"],
            serde_json::json!({"event": "milestone_set", "milestone": "mitigated"})
        );
        assert_eq!(serde_json::from_value::<Runbook>(json.clone()).unwrap(), runbook);
        for wrong in [
            serde_json::json!({"event": "coffee_made"}),
            serde_json::json!({"event": "role_assigned", "role": "janitor"}),
            serde_json::json!({"event": "role_assigned"}),
            serde_json::json!({"event": "milestone_set", "milestone": "lunch"}),
            serde_json::json!("public_update_posted"),
        ] {
            let mut broken = json.clone();
            broken["steps"][0]["completes_when"] = wrong.clone();
            assert!(serde_json::from_value::<Runbook>(broken).is_err(), "{wrong}");
        }
        let keys: Vec<_> = Completion::all().into_iter().map(Completion::key).collect();
        assert_eq!(keys.len(), 11);
        assert!(Completion::all().into_iter().all(|event| Completion::from_key(&event.key()) == Some(event)));
        assert_eq!(Completion::from_key("role:janitor"), None);
    }

    #[test]
    fn conditions_follow_severity_and_components() {
        let ladder = SeverityLadder::default();
        let mut step = Step::new("Engage vendor support", true);
        step.min_severity = Some(Severity::new("SEV2"));
        step.component = Some("Cloud platform".into());
        let affected = ["cloud platform".to_owned()];
        assert!(step.applies(&ladder, &Severity::new("SEV1"), &affected));
        assert!(step.applies(&ladder, &Severity::new("SEV2"), &affected));
        assert!(!step.applies(&ladder, &Severity::new("SEV3"), &affected));
        assert!(!step.applies(&ladder, &Severity::new("SEV1"), &[]));
        assert!(Step::new("Always", true).applies(&ladder, &Severity::new("SEV4"), &[]));
    }

    #[test]
    fn attaching_runbooks_by_severity() {
        let a = Runbook::create(RunbookId::from_parts(1, 1), draft("Major"), at(0)).unwrap();
        let b =
            Runbook::create(RunbookId::from_parts(1, 2), RunbookDraft { attach_at: vec![], ..draft("Manual") }, at(0))
                .unwrap();
        let library = Library::from_versions([a.clone(), b]);
        let names: Vec<_> = library.attaching_at(&Severity::new("SEV1")).iter().map(|r| r.name()).collect();
        assert_eq!(names, ["Major"]);
        assert!(library.attaching_at(&Severity::new("SEV3")).is_empty());
        assert_eq!(library.by_name("major").map(Runbook::id), Some(a.id()));
    }
}
