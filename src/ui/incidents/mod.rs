//! The incident list: declaring an incident with triage, and importing one from a
//! file.

mod commands;
mod import;
mod list;

pub use list::IncidentList;
