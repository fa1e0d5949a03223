//! The manager's plan: reviews with their due dates, the remediation plan across
//! incidents, and incident metrics.

mod load;
mod page;

pub use page::PlanPage;
