//! The notice that some stored records could not be read, and which.

use crate::domain::template::fill;
use crate::store::Unreadable;
use crate::ui::common::context::AppContext;
use leptos::prelude::*;

/// Says that some stored records could not be read, and which.
#[component]
pub fn UnreadableNotice(records: RwSignal<Vec<Unreadable>>) -> impl IntoView {
    let context = AppContext::get();
    move || {
        let list = records.get();
        (!list.is_empty()).then(|| {
            let text = context.text();
            view! {
                <div class="banner banner--warning" role="alert">
                    <p>
                        {fill(
                            if list.len() == 1 { text.unreadable_records_one } else { text.unreadable_records },
                            &[("count", &list.len().to_string())],
                        )}
                    </p>
                    <ul>
                        {list.into_iter().map(|record| view! { <li>{format!("{}: {}", record.key, record.reason)}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
