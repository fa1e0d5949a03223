//! The runbook library and the runbook editor (being written).

use super::context::AppContext;
use leptos::prelude::*;

/// The runbook library.
#[component]
pub fn RunbookLibrary() -> impl IntoView {
    let context = AppContext::get();
    view! { <h1>{move || context.text().library.title}</h1> }
}

/// The runbook editor.
#[component]
pub fn RunbookEditor() -> impl IntoView {
    let context = AppContext::get();
    view! { <h1>{move || context.text().library.title}</h1> }
}
