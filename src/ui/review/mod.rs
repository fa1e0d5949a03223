//! The post-incident review, its meeting mode and every download of the review
//! and the plan.

pub mod exports;
pub mod exports_text;
mod page;
pub mod text;

pub use page::{MeetingPage, ReviewPage};
