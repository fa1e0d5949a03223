//! The incident page: header, severity and components, incident command, status
//! updates, escalations, checklists and the timeline.

pub mod autostep_text;
mod checklist;
pub mod cockpit_text;
mod command_panel;
mod composer;
mod delete;
mod escalation;
pub mod flow_text;
mod header;
mod next_steps;
mod page;
mod resolve;
mod search;
mod shortcuts;
pub mod state;
mod timeline;
mod update_history;
mod updates;
pub mod updates_text;
mod warnings;

pub use page::IncidentPage;
