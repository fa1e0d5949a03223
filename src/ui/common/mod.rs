//! What several features share: the app context, badges, focus, times, files and
//! the notice of unreadable records, the drafts of unsaved text, the words for
//! the problems of a refused file, and the reads that end with their view.

pub mod badge;
pub mod command;
pub mod context;
pub mod date_field;
pub mod details;
pub mod drafts;
pub mod files;
pub mod focus;
pub mod managed;
pub mod problems;
pub mod reach;
pub mod selection;
pub mod tabs;
pub mod task;
pub mod time;
pub mod time_text;
pub mod triage;
pub mod unreadable;
pub mod window;
pub mod words;
