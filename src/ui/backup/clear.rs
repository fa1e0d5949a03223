//! The settings page's "Clear this workspace" section: every incident deleted
//! after a confirmation that counts them and offers the backup first.

use super::commands::BackupCommands;
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The clear section.
#[component]
pub fn ClearWorkspace() -> impl IntoView {
    let context = AppContext::get();
    let b = move || context.text().backup;
    let commands = BackupCommands::new(context);
    let asking = RwSignal::new(None::<usize>);
    let done = RwSignal::new(None::<String>);
    let ask = action(move |_: &()| async move {
        done.set(None);
        match commands.incident_count().await {
            Ok(0) => done.set(Some(b().clear_nothing.to_owned())),
            Ok(count) => {
                asking.set(Some(count));
                focus_soon("clear-keep".to_owned());
            }
            Err(_) => {}
        }
    });
    let clear = action(move |_: &()| async move {
        if let Ok(count) = commands.clear().await {
            asking.set(None);
            done.set(Some(fill(b().cleared, &[("incidents", &context.text().counts.incidents.of(count))])));
            focus_soon("clear-ask".to_owned());
        }
    });
    let keep = move |_| {
        asking.set(None);
        focus_soon("clear-ask".to_owned());
    };
    let to_backup = move |_| {
        asking.set(None);
        focus_soon("backup-download".to_owned());
    };
    view! {
        <section class="clear" aria-labelledby="clear-heading">
            <h2 id="clear-heading">{move || b().clear_title}</h2>
            <p class="field__hint">{move || b().clear_intro}</p>
            {move || match asking.get() {
                None => view! {
                    <button
                        type="button"
                        id="clear-ask"
                        class="button button--danger"
                        on:click=move |_| {
                            submit(ask, ());
                        }
                    >
                        {b().clear_ask}
                    </button>
                }
                .into_any(),
                Some(count) => {
                    let count = b().clear_what.of(count);
                    view! {
                        <div role="group" aria-labelledby="clear-question">
                            <p id="clear-question">{fill(b().clear_question, &[("incidents", &count)])}</p>
                            <div class="import__actions">
                                <button type="button" id="clear-keep" class="button" on:click=keep>
                                    {b().clear_keep}
                                </button>
                                <a class="button" href="#backup" on:click=to_backup>
                                    {b().clear_backup_first}
                                </a>
                                <button
                                    type="button"
                                    class="button button--danger"
                                    on:click=move |_| {
                                        submit(clear, ());
                                    }
                                >
                                    {fill(b().clear_confirm, &[("incidents", &count)])}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
            }}
            <p role="status">{move || done.get()}</p>
        </section>
    }
}
