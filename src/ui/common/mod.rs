//! What several features share: the app context, badges, focus, times, files and
//! the notice of unreadable records, and the drafts of unsaved text.

pub mod badge;
pub mod command;
pub mod context;
pub mod details;
pub mod drafts;
pub mod files;
pub mod focus;
pub mod selection;
pub mod tabs;
pub mod time;
pub mod triage;
pub mod unreadable;
pub mod words;
