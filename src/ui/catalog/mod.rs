//! The service catalog: components with their classification, owners, contacts
//! and escalation paths.
//!
//! `page.rs` lists the components and owns every write (through
//! `AppContext::change_settings`); `form.rs` is the form that adds or edits a
//! component, with its contact and escalation rows in `rows.rs`; `state.rs`
//! holds what they share (the form's fields, the page's notice, refusals in
//! words). `text.rs` is the message table.

mod form;
mod page;
mod rows;
mod state;
pub mod text;

pub use page::CatalogPage;
