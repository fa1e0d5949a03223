//! The incident-response model as plain data with methods.
//!
//! Nothing here imports the UI framework, browser bindings or the store, so every
//! rule can be tested natively. Time and randomness come in as arguments: the
//! domain never reads a clock or a random source itself.

pub mod id;
pub mod incident;
pub mod settings;
pub mod severity;
pub mod timeline;

pub use id::{EntryId, IncidentId};
pub use incident::{Declaration, DeclareError, Incident, Status};
pub use settings::{Language, Settings};
pub use severity::Severity;
pub use timeline::{EntryError, EntryKind, NewEntry, Timeline, TimelineEntry};
