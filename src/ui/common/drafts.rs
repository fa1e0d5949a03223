//! Drafts: text typed into a field and not yet stored, kept in the browser's
//! `localStorage` under `sitrep.draft.<scope>.<field>` (the scope names the
//! incident, review or runbook) from the input that typed it until the text is
//! stored or discarded, and offered back when the field opens again: after a
//! crash, a closed tab, a reload or a link followed inside the app.
//!
//! `localStorage` is written synchronously, needs no transaction and is not the
//! workspace: the IndexedDB database stays known to `src/store` alone, and a draft
//! is never shown as stored. Chromium commits `localStorage` to disk a few seconds
//! after a write (a tab that crashes loses nothing, as the browser process keeps
//! it; killing the whole browser within those seconds loses the last keystrokes).
//!
//! While a field on the page holds unsaved text, closing or reloading the tab asks
//! first (the browser's own `beforeunload` prompt). A link followed inside the app
//! does not ask: the draft stays, and the shell says where it was kept
//! ([`KeptElsewhere`]).

use super::task::effect;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// The prefix of every draft's key in `localStorage`.
pub const PREFIX: &str = "sitrep.draft.";

/// The `localStorage` key of `field`'s draft in `scope` (`incident.<id>`,
/// `review.<id>`, `runbook.<id>`).
pub fn key(scope: &str, field: &str) -> String {
    format!("{PREFIX}{scope}.{field}")
}

/// A kept draft: the text typed, the stored text it was typed over (so that a
/// review section restored from a draft still refuses to overwrite a section
/// changed meanwhile), and when it was last typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub text: String,
    #[serde(default)]
    pub base: String,
    pub at: DateTime<Utc>,
}

impl Kept {
    /// Reads a kept draft; anything else under a draft's key is no draft.
    pub fn read(raw: &str) -> Option<Kept> {
        crate::domain::decode::from_text::<Kept>(raw).filter(|k| !k.text.is_empty())
    }
}

thread_local! {
    /// The keys of the drafts that fields of this page hold unsaved text for.
    static UNSAVED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether a field of this page holds text that is not stored.
pub fn any_unsaved() -> bool {
    UNSAVED.with(|u| !u.borrow().is_empty())
}

/// The draft of one field.
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<String>,
    /// When the text shown was typed, while it is a draft restored on opening and
    /// neither stored nor discarded.
    pub restored: RwSignal<Option<DateTime<Utc>>>,
}

impl Draft {
    /// Opens the draft of `field` in `scope` and returns what was kept, if
    /// anything. While the field is on the page its unsaved text guards leaving;
    /// when the field goes because a link inside the app was followed, the shell
    /// says the text was kept.
    pub fn open(scope: &str, field: &str) -> (Draft, Option<Kept>) {
        let key = key(scope, field);
        let kept = storage().and_then(|s| s.get_item(&key).ok().flatten()).and_then(|raw| Kept::read(&raw));
        if kept.is_some() {
            UNSAVED.with(|u| u.borrow_mut().insert(key.clone()));
        }
        let draft = Draft { key: StoredValue::new(key.clone()), restored: RwSignal::new(kept.as_ref().map(|k| k.at)) };
        // The router's address changes before the page it leaves goes (the
        // browser's address only once the next page is drawn).
        let location = use_location().pathname;
        let opened_at = location.get_untracked();
        let elsewhere = use_context::<KeptElsewhere>();
        on_cleanup(move || {
            let was_unsaved = UNSAVED.with(|u| u.borrow_mut().remove(&key));
            if was_unsaved && location.try_get_untracked().is_some_and(|now| now != opened_at) {
                if let Some(elsewhere) = elsewhere {
                    elsewhere.0.try_set(Some(opened_at));
                }
            }
        });
        (draft, kept)
    }

    /// Keeps `text`, typed over the stored `base`; text that is empty or is the
    /// stored text is no draft.
    pub fn keep(&self, text: &str, base: &str) {
        if text.is_empty() || text == base {
            return self.clear();
        }
        let key = self.key.get_value();
        if let Some(storage) = storage() {
            let same = storage
                .get_item(&key)
                .ok()
                .flatten()
                .and_then(|raw| Kept::read(&raw))
                .is_some_and(|k| k.text == text && k.base == base);
            let kept = Kept { text: text.to_owned(), base: base.to_owned(), at: Utc::now() };
            if let (false, Ok(raw)) = (same, serde_json::to_string(&kept)) {
                // A full storage keeps the text on screen; the leave guard still holds.
                let _ = storage.set_item(&key, &raw);
            }
        }
        UNSAVED.with(|u| u.borrow_mut().insert(key));
    }

    /// Forgets the draft: its text was stored or discarded. A field that has
    /// gone meanwhile (its page left while the save was under way) has no key
    /// to read any more: its draft stays and is offered back with the stored
    /// text, rather than the app stopping on a disposed value.
    pub fn clear(&self) {
        let Some(key) = self.key.try_get_value() else { return };
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&key);
        }
        UNSAVED.with(|u| u.borrow_mut().remove(&key));
        if self.restored.try_get_untracked().flatten().is_some() {
            self.restored.set(None);
        }
    }
}

/// Keeps `value` as the draft of `field` in `scope`, restoring a kept draft into
/// it first. `base()` is the stored text the form started from (text equal to it
/// is no draft), or `None` while the field holds something else than a draft (an
/// item being edited), which leaves the draft as it is.
pub fn keep_field(
    value: RwSignal<String>,
    scope: &str,
    field: &str,
    base: impl Fn() -> Option<String> + 'static,
) -> Draft {
    let (draft, kept) = Draft::open(scope, field);
    if let Some(kept) = kept {
        value.set(kept.text);
    }
    effect(move |_| {
        if let Some(base) = base() {
            value.with(|text| draft.keep(text, &base));
        }
    });
    draft
}

/// Keeps a field that starts empty (a composer).
pub fn keep_new(value: RwSignal<String>, scope: &str, field: &str) -> Draft {
    keep_field(value, scope, field, || Some(String::new()))
}

/// The note under a form whose fields were restored from drafts: when the text
/// was typed, and a button that discards it. `discard` puts the fields back to
/// what is stored; `first` is the field focused afterwards.
#[component]
pub fn DraftNote(
    drafts: Vec<Draft>,
    /// What the form is called, for the button's accessible name.
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] first: String,
    #[prop(into)] discard: Callback<()>,
) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let at = {
        let drafts = drafts.clone();
        move || drafts.iter().filter_map(|d| d.restored.get()).max()
    };
    let on_discard = move |_| {
        discard.run(());
        for draft in &drafts {
            draft.clear();
        }
        focus(&first);
    };
    let shown = at.clone();
    view! {
        <Show when=move || shown().is_some()>
            <div class="draft-note">
                <p class="draft-note__text" role="status">
                    {
                        let at = at.clone();
                        move || {
                            at().map(|at| fill(text().draft_restored, &[("time", &time::show(at, false, text().utc_suffix))]))
                        }
                    }
                </p>
                <button
                    type="button"
                    class="button button--small"
                    aria-label=move || fill(text().draft_discard_named, &[("action", text().draft_discard), ("name", &name.get())])
                    on:click=on_discard.clone()
                >
                    {move || text().draft_discard}
                </button>
            </div>
        </Show>
    }
}

/// Where the unsaved text of the page last left through a link inside the app was
/// kept, for the shell's note; provided by the shell.
#[derive(Clone, Copy)]
pub struct KeptElsewhere(RwSignal<Option<String>>);

/// Guards leaving the app while a field holds unsaved text, and says where the
/// text of a page left through a link was kept. Called once, by the shell.
pub fn guard_leaving() -> KeptElsewhere {
    let handle = window_event_listener(leptos::ev::beforeunload, |ev| {
        if any_unsaved() {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    on_cleanup(move || handle.remove());
    let elsewhere = KeptElsewhere(RwSignal::new(None));
    provide_context(elsewhere);
    elsewhere
}

/// The shell's note after a link was followed from a page with unsaved text: the
/// text was kept, with a link back to it. Inside the router.
#[component]
pub fn KeptNote(elsewhere: KeptElsewhere) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let location = use_location();
    // Going back to the page shows its own note, with the text restored.
    effect(move |_| {
        let path = location.pathname.get();
        if elsewhere.0.with_untracked(|p| p.as_deref() == Some(path.as_str())) {
            elsewhere.0.set(None);
        }
    });
    move || {
        elsewhere.0.get().map(|path| {
            view! {
                <div class="banner banner--info draft-kept" role="status">
                    <p class="banner__message">{text().draft_kept}</p>
                    <A href=path attr:class="banner__action">{text().draft_back}</A>
                    <button type="button" class="banner__action" on:click=move |_| elsewhere.0.set(None)>
                        {text().dismiss}
                    </button>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_scope_and_the_field() {
        expect_test::expect!["sitrep.draft.incident.01J0000000000000000000000.entry-text"]
            .assert_eq(&key("incident.01J0000000000000000000000", "entry-text"));
        assert_ne!(key("review.a", "section-summary"), key("review.b", "section-summary"));
    }

    #[test]
    fn only_a_kept_text_is_a_draft() {
        let kept = Kept { text: "Rolled back".into(), base: String::new(), at: DateTime::<Utc>::UNIX_EPOCH };
        let raw = serde_json::to_string(&kept).unwrap();
        assert_eq!(Kept::read(&raw), Some(kept));
        assert_eq!(Kept::read(r#"{"text":"","at":"1970-01-01T00:00:00Z"}"#), None);
        assert_eq!(Kept::read("not json"), None);
        assert_eq!(Kept::read(r#"{"text":"x","at":"1970-01-01T00:00:00Z"}"#).map(|k| k.base), Some(String::new()));
    }
}
