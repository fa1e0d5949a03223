//! The manager's plan: reviews with their due dates, the remediation plan across
//! incidents, and incident metrics, each with its charts (`chart.rs` draws them,
//! `charts.rs` turns the plan's numbers into them).

mod chart;
mod charts;
mod load;
mod page;
pub mod text;

pub use page::PlanPage;
