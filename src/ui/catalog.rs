//! The service catalog page (being written).

use super::context::AppContext;
use leptos::prelude::*;

/// The service catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let context = AppContext::get();
    view! { <h1>{move || context.text().catalog.title}</h1> }
}
