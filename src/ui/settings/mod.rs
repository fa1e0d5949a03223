//! Workspace settings: the responder's name, the people directory and the
//! severity ladder editor.

pub mod ladder;
pub mod ladder_text;
mod page;

pub use page::SettingsPage;
