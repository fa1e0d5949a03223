//! The service catalog: components with their classification, owners, contacts
//! and escalation paths.

mod page;
pub mod text;

pub use page::CatalogPage;
