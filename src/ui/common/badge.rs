//! Badges: a severity level's name coloured by its place on the ladder, and a
//! component's classification.

use crate::domain::catalog::Classification;
use crate::domain::Severity;
use crate::ui::common::context::AppContext;
use leptos::prelude::*;

/// Shows a severity level's current name; the colour follows its place on the
/// ladder (the four worst places have their own colours).
#[component]
pub fn SeverityBadge(#[prop(into)] severity: Signal<Severity>) -> impl IntoView {
    let context = AppContext::get();
    let place = move || {
        let rank = context.settings.with(|s| s.ladder().rank(&severity.get()));
        format!("badge badge--sev{}", (rank + 1).min(4))
    };
    let name = move || context.settings.with(|s| s.ladder().name(&severity.get()).to_owned());
    view! { <span class=place>{name}</span> }
}

/// A classification as a small label: `label` is its name in the reader's
/// language, the colour follows the classification.
pub fn classification_badge(label: &'static str, c: Classification) -> impl IntoView {
    view! { <span class=format!("classification classification--{}", c.key())>{label}</span> }
}
