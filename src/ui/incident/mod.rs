//! The incident page: header, severity and components, incident command, status
//! updates, escalations, checklists and the timeline.

mod checklist;
mod command_panel;
mod escalation;
pub mod page;
mod timeline;
mod updates;
pub mod updates_text;

pub use page::IncidentPage;
