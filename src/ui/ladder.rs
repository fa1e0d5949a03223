//! The severity ladder editor (being written).

use super::context::AppContext;
use leptos::prelude::*;

/// The severity ladder editor, shown on the settings page.
#[component]
pub fn LadderEditor() -> impl IntoView {
    let context = AppContext::get();
    view! { <h2>{move || context.text().ladder.title}</h2> }
}
