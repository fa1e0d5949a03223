//! The incident page: header, severity and components, incident command, status
//! updates, escalations, checklists and the timeline.

mod checklist;
mod command_panel;
mod delete;
mod escalation;
mod header;
mod page;
pub mod state;
mod timeline;
mod update_history;
mod updates;
pub mod updates_text;
mod warnings;

pub use page::IncidentPage;
