//! The notice of entries that break one of the incident's rules.
//!
//! Changes made on this page are checked before they are recorded, but entries
//! merged from elsewhere (another tab that had not seen this one's change, an
//! import) may break a rule: a close before the incident was resolved, a
//! milestone out of order. The incident is the fold of all its entries, so none
//! is dropped; the page says which broke a rule, and the responder corrects it
//! with a new entry.

use crate::domain::{EntryId, Warning};
use crate::ui::common::context::AppContext;
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// What a warning says, in the reader's language.
fn warning_text(text: &Text, warning: &Warning) -> String {
    let show = |at| time::show(at, false, text.utc_suffix);
    match warning {
        Warning::NotDeclared => text.warning_not_declared.to_owned(),
        Warning::ClosedWithoutResolved { .. } => text.warning_closed_without_resolved.to_owned(),
        Warning::MilestonesOutOfOrder { conflict, .. } => {
            let template = if conflict.before { text.milestone_order } else { text.milestone_order_after };
            let order = fill(
                template,
                &[
                    ("milestone", text.milestone(conflict.milestone)),
                    ("at", &show(conflict.at)),
                    ("other", text.milestone(conflict.other)),
                    ("other_at", &show(conflict.other_at)),
                ],
            );
            fill(text.warning_milestone_not_applied, &[("order", &order)])
        }
        Warning::OtherIncident { entry } => fill(text.warning_other_incident, &[("entry", &entry.to_string())]),
    }
}

/// The entry a warning is about, if it is about one.
fn entry_of(warning: &Warning) -> Option<EntryId> {
    match warning {
        Warning::NotDeclared => None,
        Warning::ClosedWithoutResolved { entry }
        | Warning::MilestonesOutOfOrder { entry, .. }
        | Warning::OtherIncident { entry } => Some(*entry),
    }
}

/// Lists the warnings of the incident's entries, if there are any.
#[component]
pub fn FoldWarnings(warnings: RwSignal<Vec<Warning>>) -> impl IntoView {
    let context = AppContext::get();
    move || {
        let list = warnings.get();
        (!list.is_empty()).then(|| {
            let text = context.text();
            view! {
                <div class="banner banner--warning" role="status">
                    <p>{text.warnings_title}</p>
                    <ul>
                        {list
                            .iter()
                            .map(|warning| {
                                let key = entry_of(warning).map(|e| e.to_string()).unwrap_or_default();
                                view! { <li data-entry=key>{warning_text(text, warning)}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
