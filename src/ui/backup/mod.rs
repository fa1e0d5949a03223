//! The workspace as a whole: a backup of everything in one file, a restore that
//! gives it back (or merges it into a workspace in use), the records that cannot
//! be read listed and exported as they are, clearing the workspace after a
//! backup is offered, and a reminder when no backup was taken for a while.
//!
//! `commands.rs` is the feature's only caller of the store; `section.rs` is the
//! settings page's "Backup and restore" section; `damaged.rs`, `clear.rs` and
//! `reminder.rs` the rest; `text.rs` the messages.

mod clear;
mod commands;
mod damaged;
mod reminder;
mod section;
pub mod text;

pub use clear::ClearWorkspace;
pub use damaged::DamagedRecords;
pub use reminder::BackupReminder;
pub use section::BackupSection;
