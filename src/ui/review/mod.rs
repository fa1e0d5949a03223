//! The post-incident review, its meeting mode and every download of the review
//! and the plan.

mod axis;
pub mod exports;
pub mod exports_text;
mod header;
mod items;
mod meeting;
mod page;
mod sections;
mod state;
pub mod text;
mod workflow;

pub use meeting::MeetingPage;
pub use page::ReviewPage;
pub use state::ReviewCommands;
