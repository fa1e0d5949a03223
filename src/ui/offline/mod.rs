//! The app kept for offline use: the service worker that holds every file of the
//! build (generated after each build by `scripts/finish-build.mjs`), and the news
//! of a new version.
//!
//! `worker.rs` registers `/sw.js` and follows it (`AppVersion`); `notice.rs` tells
//! the user that a new version is ready and starts it on their word; `text.rs`
//! holds the messages. A new version never takes over by itself while a Sitrep tab
//! is open: it waits for the user's word or for the next cold start.

mod notice;
pub mod text;
mod worker;

pub use notice::UpdateNotice;
pub use worker::AppVersion;
