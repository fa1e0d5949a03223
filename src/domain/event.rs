//! The events an incident's timeline records, as plain data: the [`Change`] an
//! entry carries and every value it is made of.
//!
//! This is a leaf of the domain: it uses only ids, severities, milestones, roles
//! and catalog names, never the modules that make the entries (incidents,
//! escalations, status updates, runbooks), so those can all use it without
//! depending on each other. Each of them re-exports the types it emits, so
//! `domain::incident::Status` or `domain::escalation::EscalationEvent` keep
//! naming them. The serialized shapes are those of the stored records.

use super::catalog::{same_name, Component, ComponentId};
use super::id::RunId;
use super::milestone::Milestone;
use super::roles::Role;
use super::severity::Severity;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an incident stands, in the order incidents usually move through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Declared; severity and ownership being settled.
    Triage,
    /// Looking for what is wrong.
    Investigating,
    /// The cause is known.
    Identified,
    /// A fix or workaround is being applied.
    Mitigating,
    /// The fix is in; watching that it holds.
    Monitoring,
    /// Customers are no longer affected.
    Resolved,
    /// Nothing more to do, review included.
    Closed,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 7] = [
        Self::Triage,
        Self::Investigating,
        Self::Identified,
        Self::Mitigating,
        Self::Monitoring,
        Self::Resolved,
        Self::Closed,
    ];

    /// Whether responders are still working on an incident in this status.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Resolved | Self::Closed)
    }

    /// A stable machine name, used in stored data and form values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Triage => "triage",
            Self::Investigating => "investigating",
            Self::Identified => "identified",
            Self::Mitigating => "mitigating",
            Self::Monitoring => "monitoring",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    /// Parses a name produced by [`Status::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.key() == key)
    }
}

/// A change of the incident's state that an entry records, kept as data so that it
/// can be shown in any language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// The incident was declared at this severity.
    Declared {
        /// The severity it was declared at.
        severity: Severity,
    },
    /// The status moved from one value to another.
    Status {
        /// The status before.
        from: Status,
        /// The status after.
        to: Status,
    },
    /// The severity moved from one level to another; the entry's text is the reason.
    Severity {
        /// The level before.
        from: Severity,
        /// The level after.
        to: Severity,
    },
    /// The list of affected components changed.
    Components {
        /// The components affected from now on.
        affected: Vec<String>,
    },
    /// A runbook was started in the incident.
    RunbookStarted {
        /// The run.
        run: RunId,
        /// The runbook's name.
        name: String,
        /// The runbook version the run follows.
        version: u32,
    },
    /// An incident-command change: a milestone or a role.
    Command {
        /// What changed.
        command: Command,
    },
    /// A step of an escalation: started, answered, escalated further, stopped.
    Escalation {
        /// What happened.
        event: EscalationEvent,
    },
    /// A status update was posted; the entry's text is the update as posted.
    StatusUpdate {
        /// The update's audience, phase and next due time.
        update: StatusUpdate,
    },
    /// A checklist step was done, undone or skipped; for a skip the entry's text
    /// is the reason.
    Step {
        /// The run the step belongs to.
        run: RunId,
        /// The step's place in the run's runbook, from 0.
        step: usize,
        /// The step's text, so that the timeline reads on its own.
        text: String,
        /// What happened to the step.
        action: StepAction,
    },
}

/// A change recorded in the timeline that [`Change`] does not cover: milestones,
/// roles, status updates and escalations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// A milestone was set (its time is the entry's event time).
    Milestone {
        /// Which milestone.
        milestone: Milestone,
    },
    /// Someone took, handed over or left a role.
    Role {
        /// The role.
        role: Role,
        /// Who held it before, for a hand-over or a release.
        from: Option<String>,
        /// Who holds it now; `None` when someone left a shared role.
        to: Option<String>,
    },
}

/// What a responder did with a checklist step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// The step is done.
    Done,
    /// A done or skipped step is open again.
    Reopened,
    /// The step was skipped, with a reason.
    Skipped,
}

/// One event of an escalation, recorded as a timeline entry. Steps are numbered
/// from 0 along the component's escalation path. Each event names the component
/// by id and by the name it had then, so the timeline reads on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EscalationEvent {
    /// The escalation started at the first step of the path.
    Started {
        /// The component.
        component: ComponentId,
        /// Its name at the time.
        name: String,
        /// Who is reached first.
        who: String,
        /// How long to wait for their answer, in minutes.
        wait_minutes: u32,
    },
    /// The person or team at `step` answered.
    Answered {
        /// The component.
        component: ComponentId,
        /// Its name at the time.
        name: String,
        /// The step that answered.
        step: usize,
        /// Who answered.
        who: String,
    },
    /// The escalation moved on from one step to a later one.
    Escalated {
        /// The component.
        component: ComponentId,
        /// Its name at the time.
        name: String,
        /// The step left.
        from: usize,
        /// The step reached.
        to: usize,
        /// Who is reached now.
        who: String,
        /// How long to wait for their answer, in minutes.
        wait_minutes: u32,
        /// Whether the previous step's wait had run out without an answer.
        #[serde(default)]
        timed_out: bool,
    },
    /// A responder stopped the escalation before anyone answered.
    Stopped {
        /// The component.
        component: ComponentId,
        /// Its name at the time.
        name: String,
        /// The step it was at.
        step: usize,
    },
    /// Nobody answered, and there is no one further on the path.
    Exhausted {
        /// The component.
        component: ComponentId,
        /// Its name at the time.
        name: String,
        /// The last step, which did not answer.
        step: usize,
        /// Who was reached last.
        who: String,
    },
}

impl EscalationEvent {
    /// The component's id.
    pub fn component(&self) -> &ComponentId {
        match self {
            Self::Started { component, .. }
            | Self::Answered { component, .. }
            | Self::Escalated { component, .. }
            | Self::Stopped { component, .. }
            | Self::Exhausted { component, .. } => component,
        }
    }

    /// The component's name when the event was recorded.
    pub fn name(&self) -> &str {
        match self {
            Self::Started { name, .. }
            | Self::Answered { name, .. }
            | Self::Escalated { name, .. }
            | Self::Stopped { name, .. }
            | Self::Exhausted { name, .. } => name,
        }
    }

    /// Whether the event belongs to `component`: the same id, or the same name (for
    /// entries recorded in another browser, whose catalog has other ids).
    pub fn is_for(&self, component: &Component) -> bool {
        self.component() == component.id() || same_name(self.name(), component.name())
    }
}

/// Who an update is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Customers, through the status page.
    Public,
    /// People inside the company.
    Internal,
}

impl Audience {
    /// Both audiences, public first.
    pub const ALL: [Audience; 2] = [Self::Public, Self::Internal];

    /// A stable machine name, used in stored data and form values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
        }
    }

    /// Parses a name produced by [`Audience::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// Where the incident stands, as an update tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Looking for what is wrong.
    Investigating,
    /// The cause is known; a fix is under way.
    Identified,
    /// A fix is in; watching that it holds.
    Monitoring,
    /// Customers are no longer affected.
    Resolved,
}

impl Phase {
    /// Every phase, in the order an incident moves through them.
    pub const ALL: [Phase; 4] = [Self::Investigating, Self::Identified, Self::Monitoring, Self::Resolved];

    /// A stable machine name, used in stored data and form values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Investigating => "investigating",
            Self::Identified => "identified",
            Self::Monitoring => "monitoring",
            Self::Resolved => "resolved",
        }
    }

    /// Parses a name produced by [`Phase::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The phase an update most likely tells for an incident in `status`.
    pub fn for_status(status: Status) -> Self {
        match status {
            Status::Triage | Status::Investigating => Self::Investigating,
            Status::Identified | Status::Mitigating => Self::Identified,
            Status::Monitoring => Self::Monitoring,
            Status::Resolved | Status::Closed => Self::Resolved,
        }
    }
}

/// The longest status update accepted, in characters.
pub const MAX_UPDATE_TEXT: usize = 5_000;

/// A posted status update, recorded as a timeline entry whose text is the update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    audience: Audience,
    phase: Phase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next_update_due: Option<DateTime<Utc>>,
}

impl StatusUpdate {
    /// An update for `audience` telling `phase`, promising the next update by
    /// `next_update_due` (none, for a final update).
    pub fn new(audience: Audience, phase: Phase, next_update_due: Option<DateTime<Utc>>) -> Self {
        Self { audience, phase, next_update_due }
    }

    /// Who it is for.
    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// What it tells.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// When it promised the next update, if it did.
    pub fn next_update_due(&self) -> Option<DateTime<Utc>> {
        self.next_update_due
    }
}
