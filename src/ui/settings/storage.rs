//! Where the workspace is kept: whether the browser keeps it persistently, how
//! much it uses, and what to do when the browser may clear it.

use crate::store::persistence::StorageFacts;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A size in bytes in the largest unit that keeps it above one (B, KB, MB, GB).
pub fn size(bytes: f64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", units[unit])
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

/// The storage section of the settings page.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let facts = RwSignal::new(None::<StorageFacts>);
    let read = move || spawn_local(async move { facts.set(Some(context.storage_facts().await)) });
    read();
    let ask = action(move |_: &()| async move {
        context.ask_for_persistence().await;
        facts.set(Some(context.storage_facts().await));
    });
    let state = move || {
        let t = text();
        match facts.get().and_then(|f| f.persisted) {
            Some(true) => t.storage_persisted,
            Some(false) => t.storage_not_persisted,
            None if facts.with(Option::is_none) => t.loading,
            None => t.storage_unknown,
        }
    };
    let used = move || {
        let f = facts.get()?;
        let (usage, quota) = (f.usage?, f.quota?);
        Some(fill(text().storage_used, &[("used", &size(usage)), ("quota", &size(quota))]))
    };
    let not_persisted = move || facts.with(|f| f.is_some_and(|f| f.persisted != Some(true)));
    view! {
        <section class="storage" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{move || text().storage_title}</h2>
            <p role="status">{state}</p>
            <p>{used}</p>
            <Show when=not_persisted>
                <p class="field__hint">{move || text().storage_help}</p>
                <button type="button" class="button" on:click=move |_| { ask.dispatch_local(()); }>
                    {move || text().storage_ask}
                </button>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_in_the_largest_unit() {
        assert_eq!(size(512.0), "512 B");
        assert_eq!(size(22_798.0), "22.8 KB");
        assert_eq!(size(10_737_441_038.0), "10.7 GB");
    }
}
