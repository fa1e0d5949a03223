//! The runbook library: the list, Markdown import and export, and the editor.
//!
//! `library.rs` lists the runbooks (duplicate, archive, restore, export) above
//! the Markdown import (`import.rs`, each runbook's preview in `preview.rs`);
//! `editor.rs` creates a runbook or saves its next version, one `steps.rs` row
//! per step, all reading what a form holds from `form.rs`. Every change is a new version added through
//! `AppContext::add_runbook_versions`. `text.rs` is the message table.

mod editor;
mod form;
mod import;
mod library;
mod preview;
mod steps;
pub mod text;

pub use editor::RunbookEditor;
pub use library::RunbookLibrary;
