//! The runbook library: the list, Markdown import and export, and the editor.

mod library;
pub mod text;

pub use library::{RunbookEditor, RunbookLibrary};
