//! Badges: a severity level's name in the level's own colour, and a
//! component's classification.

use crate::domain::catalog::Classification;
use crate::domain::Severity;
use crate::ui::common::context::AppContext;
use leptos::prelude::*;

/// Shows a severity level's current name in the level's colour
/// (`SeverityLadder::tone`), which stays with the level wherever it moves.
#[component]
pub fn SeverityBadge(#[prop(into)] severity: Signal<Severity>) -> impl IntoView {
    let context = AppContext::get();
    let tone = move || {
        let tone = context.settings.with(|s| s.ladder().tone(&severity.get()));
        format!("badge badge--sev{tone}")
    };
    let name = move || context.settings.with(|s| s.ladder().name(&severity.get()).to_owned());
    view! { <span class=tone>{name}</span> }
}

/// A classification as a small label: `label` is its name in the reader's
/// language, the colour follows the classification.
pub fn classification_badge(label: &'static str, c: Classification) -> impl IntoView {
    view! { <span class=format!("classification classification--{}", c.key())>{label}</span> }
}
