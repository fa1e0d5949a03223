//! Sitrep: incident runbooks, timelines and reviews that work offline in the browser.
//!
//! The crate has three layers. [`domain`] is plain Rust that knows incidents and
//! their timelines and never touches the browser. [`store`] persists the domain in
//! IndexedDB (or in memory for tests). [`ui`] is the Leptos application that wires
//! signals to domain methods and store calls. `ARCHITECTURE.md` has the codemap.

pub mod domain;
pub mod store;
pub mod sync;
pub mod ui;
