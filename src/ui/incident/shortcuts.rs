//! The incident page's keyboard shortcuts: single keys that bring the focus to
//! the responder's frequent actions, and `?`, which shows the list of them.
//! A key typed into a field is text, never a shortcut.

use super::next_steps::FIRST_DONE;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::{focus, focus_soon, typing};
use leptos::prelude::*;

/// The id of the timeline composer's text field, which `n` focuses.
pub const ENTRY_FIELD: &str = "entry-text";

/// Each shortcut: the key and the id of the control it focuses.
const KEYS: [(&str, &str); 4] = [("n", ENTRY_FIELD), ("x", FIRST_DONE), ("u", "update-text"), ("s", "incident-status")];

/// Listens for the shortcuts while the page is open; the button and the list
/// that `?` shows.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let context = AppContext::get();
    let t = move || context.text().cockpit;
    let open = RwSignal::new(false);
    // Hiding the list, with Escape or `?`, puts the focus back on its button
    // (the focus was in the list, which goes).
    let close = move || {
        open.set(false);
        focus("shortcuts-button");
    };
    let toggle = move || {
        if open.get_untracked() {
            return close();
        }
        open.set(true);
        focus_soon("shortcuts-heading".to_owned());
    };
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() {
            return;
        }
        let key = ev.key();
        if key == "Escape" && open.get_untracked() {
            return close();
        }
        if typing(&ev) {
            return;
        }
        if key == "?" {
            ev.prevent_default();
            return toggle();
        }
        if let Some((_, id)) = KEYS.iter().find(|(k, _)| *k == key) {
            ev.prevent_default();
            focus(id);
        }
    });
    on_cleanup(move || listener.remove());
    let rows = move || {
        let t = t();
        [
            ("n", t.shortcut_new_entry),
            ("x", t.shortcut_next_step),
            ("u", t.shortcut_update),
            ("s", t.shortcut_status),
            ("↑ ↓", t.shortcut_entries),
            ("?", t.shortcut_help),
        ]
        .into_iter()
        .map(|(key, what)| {
            view! {
                <div class="shortcuts__row">
                    <dt>
                        <kbd>{key}</kbd>
                    </dt>
                    <dd>{what}</dd>
                </div>
            }
        })
        .collect_view()
    };
    view! {
        <button
            type="button"
            class="button button--small"
            id="shortcuts-button"
            aria-expanded=move || open.get().to_string()
            aria-controls="shortcuts"
            on:click=move |_| toggle()
        >
            {move || t().shortcuts_button}
            " "
            <kbd>"?"</kbd>
        </button>
        <section id="shortcuts" class="shortcuts" role="dialog" aria-labelledby="shortcuts-heading" hidden=move || !open.get()>
            <h2 id="shortcuts-heading" tabindex="-1">{move || t().shortcuts_title}</h2>
            <p>{move || t().shortcuts_intro}</p>
            <dl class="shortcuts__list">{rows}</dl>
            <button type="button" class="button" on:click=move |_| close()>{move || t().shortcuts_close}</button>
        </section>
    }
}
