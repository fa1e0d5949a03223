//! The incident-response model as plain data with methods.
//!
//! Nothing here imports the UI framework, browser bindings or the store, so every
//! rule can be tested natively. Time and randomness come in as arguments: the
//! domain never reads a clock or a random source itself.

pub mod catalog;
pub mod checklist;
pub mod closing;
pub mod decode;
pub mod defaults;
pub mod details;
pub mod escalation;
pub mod event;
pub mod export;
pub mod id;
pub mod incident;
pub mod level_use;
pub mod milestone;
pub mod order;
pub mod plan;
pub mod reach;
pub mod review;
pub mod roles;
pub mod runbook;
pub mod runbook_commonmark;
pub mod runbook_markdown;
pub mod settings;
pub mod severity;
pub mod status_update;
pub mod template;
pub mod timeline;
pub mod triage;
pub mod wall;
pub mod words;

pub use event::{Change, Command, StepAction};
pub use id::{EntryId, IncidentId, RunId, RunbookId};
pub use incident::{
    Declaration, DeclareError, Incident, SeverityChangeError, Status, StatusChangeError, Tombstone, Warning,
};
pub use milestone::{Milestone, Milestones};
pub use review::{Review, ReviewStatus, Section};
pub use roles::{Person, Role};
pub use runbook::{Completion, Library, Runbook, RunbookDraft, RunbookError, RunbookRun, Step};
pub use settings::{Language, Settings};
pub use severity::{Severity, SeverityLadder, SeverityLevel};
pub use timeline::{EntryError, EntryKind, NewEntry, Stamp, Tag, Timeline, TimelineEntry, Visibility};
