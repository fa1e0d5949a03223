//! Team sync on screen: sharing an incident, joining one from a link, and the
//! indicator in every page's header.
//!
//! `state.rs` (`TeamSync`: the shares, their statuses, one replication loop per
//! shared incident, and the command layer of shares), `panel.rs` (the incident
//! page's "Team sync" section), `join.rs` (the join page), `indicator.rs` (the
//! header's indicator), `account.rs` (an entry's signed-in author, next to it
//! on the timeline of a shared incident), `field.rs` (a labelled field of their forms),
//! `conflicts.rs` (the review page's conflicts of a shared review, with their
//! messages in `conflicts_text.rs`), `lock.rs` (one loop per browser: the Web Lock each loop runs under, and the
//! channel on which the tab running it tells the others its status), `text.rs`
//! (the messages). The team workspace: `team_state.rs` (`TeamWorkspace`: the
//! team record, its loop, and its command layer), `team.rs` (the settings
//! page's "Team workspace" section), `team_text.rs` (its messages, and the
//! "Managed by the team" of the pages that mark team-managed records). The protocol itself is in
//! `crate::sync`.

mod account;
mod conflicts;
pub mod conflicts_text;
mod field;
mod indicator;
mod join;
mod lock;
mod panel;
mod state;
mod team;
mod team_state;
pub mod team_text;
pub mod text;

pub use account::EntryAccount;
pub use conflicts::ReviewConflicts;
pub use indicator::SyncIndicator;
pub use join::JoinPage;
pub use panel::SharePanel;
pub use state::TeamSync;
pub use team::TeamSection;
pub use team_state::TeamWorkspace;
