//! The settings page's "Damaged records" section: the stored records that cannot
//! be read, listed with the reason, and exported exactly as they are stored.

use super::commands::BackupCommands;
use crate::domain::export::json::indented;
use crate::domain::wall::Wall;
use crate::store::Damaged;
use crate::ui::common::context::AppContext;
use crate::ui::common::files::download;
use crate::ui::common::task::spawn_for_view;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;

/// The file of damaged records: each with its table, key, reason and the record
/// as stored.
fn damaged_file(damaged: &[Damaged]) -> String {
    let records: Vec<_> = damaged
        .iter()
        .map(|d| {
            serde_json::json!({
                "table": format!("{:?}", d.table),
                "key": d.unreadable.key,
                "reason": d.unreadable.reason,
                "record": d.record,
            })
        })
        .collect();
    let file = serde_json::json!({
        "type": "sitrep/damaged-records",
        "version": 1,
        "exported_at": Utc::now(),
        "records": records,
    });
    indented(&file.to_string()) + "\n"
}

/// The damaged records section; it reads the whole workspace when it mounts.
#[component]
pub fn DamagedRecords() -> impl IntoView {
    let context = AppContext::get();
    let b = move || context.text().backup;
    let commands = BackupCommands::new(context);
    let damaged = RwSignal::new(None::<Vec<Damaged>>);
    // The whole workspace is read: a read that ends with the page.
    spawn_for_view(async move {
        if let Ok(found) = commands.damaged().await {
            damaged.set(Some(found));
        }
    });
    let export = move |_| {
        damaged.with_untracked(|found| {
            if let Some(found) = found {
                let name = format!("sitrep-{}-{}.json", b().damaged_file, Wall::of(&Utc::now()).in_file_name());
                let _ = download(&name, "application/json", &damaged_file(found));
            }
        })
    };
    view! {
        <section class="damaged" aria-labelledby="damaged-heading">
            <h2 id="damaged-heading">{move || b().damaged_title}</h2>
            {move || {
                let b = b();
                damaged.with(|found| match found.as_deref() {
                    None => None,
                    Some([]) => Some(view! { <p>{b.damaged_none}</p> }.into_any()),
                    Some(found) => Some(
                        view! {
                            <p>{b.damaged_intro}</p>
                            <ul>
                                {found
                                    .iter()
                                    .map(|d| {
                                        let words = fill(
                                            b.damaged_item,
                                            &[("key", &d.unreadable.key), ("reason", &d.unreadable.reason)],
                                        );
                                        view! { <li>{words}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                            <button type="button" class="button" on:click=export>
                                {b.damaged_export}
                            </button>
                        }
                        .into_any(),
                    ),
                })
            }}
        </section>
    }
}
