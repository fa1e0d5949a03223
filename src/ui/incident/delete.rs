//! Deleting the incident: asked for, confirmed by name, then gone from this
//! browser with its timeline, runs and review; a tombstone stays.

use super::state::{ChangedMeanwhile, IncidentState};
use crate::domain::Incident;
use crate::store::Revision;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The last section of the incident page: delete the incident, after a
/// confirmation that names it and says what goes with it.
#[component]
pub fn DeleteIncident(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let asking = RwSignal::new(false);
    // The incident changed after the confirmation was shown, and was kept.
    let changed = RwSignal::new(false);
    let navigate = use_navigate();
    let delete = action(move |shown: &Revision| {
        let (navigate, shown) = (navigate.clone(), shown.clone());
        async move {
            match state.delete(context, shown).await {
                Ok(()) => navigate("/", Default::default()),
                Err(Failed::Refused(ChangedMeanwhile)) => {
                    changed.try_set(true);
                    focus_soon("delete-confirm-text".to_owned());
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let title = move || state.incident.with(|i: &Incident| i.title().to_owned());
    let entries = move || text().counts.entries.of(state.timeline.with(|t| t.entries().len()));
    let ask = move |_| {
        asking.set(true);
        focus_soon("delete-keep".to_owned());
    };
    let keep = move |_| {
        asking.set(false);
        changed.set(false);
        focus_soon("delete-ask".to_owned());
    };
    view! {
        <section class="incident__delete" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{move || text().delete_title}</h2>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button id="delete-ask" type="button" class="button" on:click=ask>
                            {move || text().delete_ask}
                        </button>
                    }
                }
            >
                <div class="incident__delete-confirm" role="group" aria-labelledby="delete-confirm-text">
                    <p id="delete-confirm-text" tabindex="-1">
                        {move || {
                            let ask = if changed.get() { text().delete_changed } else { text().delete_confirm };
                            fill(ask, &[("title", &title()), ("entries", &entries())])
                        }}
                    </p>
                    <button
                        type="button"
                        class="button button--danger"
                        on:click=move |_| {
                            changed.set(false);
                            submit(delete, state.shown());
                        }
                    >
                        {move || fill(text().delete_do, &[("title", &title())])}
                    </button>
                    " "
                    <button id="delete-keep" type="button" class="button" on:click=keep>
                        {move || text().delete_keep}
                    </button>
                </div>
            </Show>
        </section>
    }
}
