//! Moving keyboard focus: to the field a message is about, or to an element that
//! the current update is about to put on the page; and whether a key went to a
//! place that takes typing.

use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`, for example the field a
/// message is about.
pub fn focus(id: &str) {
    if let Some(element) =
        gloo_utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses an element once the views changed by the current update are on the
/// page (a timer runs after the reactive updates, which are microtasks).
pub fn focus_soon(id: String) {
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        focus(&id);
    });
}

/// Whether a key went to a place that takes typing: a field, a list, an
/// editable element. Keys pressed there are text, never shortcuts or walks.
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let editable = element.dyn_ref::<web_sys::HtmlElement>().is_some_and(web_sys::HtmlElement::is_content_editable);
    editable || element.closest("input, textarea, select").ok().flatten().is_some()
}
