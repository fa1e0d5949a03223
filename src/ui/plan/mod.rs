//! The manager's plan: reviews with their due dates, the remediation plan across
//! incidents, and incident metrics, each with its charts (`chart.rs` draws them,
//! `charts.rs` turns the plan's numbers into them), `rows.rs` (the plan's rows,
//! each item's status, owner and due date saved in place).

mod chart;
mod charts;
mod load;
mod page;
mod rows;
pub mod text;

pub use page::PlanPage;
