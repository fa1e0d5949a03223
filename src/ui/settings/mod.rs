//! Workspace settings: the responder's name, the people directory and the
//! severity ladder editor.
//!
//! `page.rs` shows the settings page (display name and people); `ladder.rs` lists
//! the severity ladder with `level_form.rs`, the form that edits or adds a level,
//! both reading what the editor holds from `ladder_state.rs`. `ladder_text.rs` is
//! the ladder's message table. Every change goes through
//! `AppContext::change_settings`.

pub mod ladder;
mod ladder_state;
pub mod ladder_text;
mod level_form;
mod page;
mod people;
pub mod people_text;
mod storage;

pub use page::SettingsPage;
