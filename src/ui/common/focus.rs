//! Moving keyboard focus: to the field a message is about, or to an element that
//! the current update is about to put on the page; and whether a key went to a
//! place that takes typing.

use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`, for example the field a
/// message is about.
pub fn focus(id: &str) {
    focused(id);
}

/// Moves keyboard focus to the element with `id`, if there is one; says whether
/// there was.
fn focused(id: &str) -> bool {
    match gloo_utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// Focuses an element once the views changed by the current update are on the
/// page (a timer runs after the reactive updates, which are microtasks).
pub fn focus_soon(id: String) {
    focus_soon_or(id, None);
}

/// Like [`focus_soon`], and focuses `fallback` if the update took the element
/// `id` away (a row that a filter no longer shows).
pub fn focus_soon_or(id: String, fallback: Option<String>) {
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !focused(&id) {
            if let Some(fallback) = fallback {
                focus(&fallback);
            }
        }
    });
}

/// Whether a key went to a place that takes typing: a text field, a list, an
/// editable element. Keys pressed there are text, never shortcuts or walks. A
/// checkbox, a radio button or a button takes no letters: a step just ticked
/// keeps its focus, and `n` there still goes to the timeline's field.
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let editable = element.dyn_ref::<web_sys::HtmlElement>().is_some_and(web_sys::HtmlElement::is_content_editable);
    let Some(field) = element.closest("input, textarea, select").ok().flatten() else { return editable };
    let no_text = field.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|input| {
        matches!(
            input.type_().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "color" | "file" | "range"
        )
    });
    !no_text
}
