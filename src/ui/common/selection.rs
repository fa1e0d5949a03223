//! The clipboard and text selection: copying a posted update, and selecting text
//! so it can be copied by hand or corrected.

use wasm_bindgen::JsCast;

/// Starts copying `text` to the clipboard, inside the user's gesture; `None`
/// when the browser offers no clipboard here.
pub fn start_copy(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    Some(clipboard.unchecked_into::<web_sys::Clipboard>().write_text(text))
}

/// Selects the text of the text area `id` (and focuses it), so it can be copied by hand.
pub fn select_all(id: &str) {
    if let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        area.select();
    }
}

/// Focuses the text area `id` and selects the bytes `range` of its text.
pub fn select_range(id: &str, text: &str, range: std::ops::Range<usize>) {
    let utf16 = |bytes: usize| text.get(..bytes).map_or(0, |t| t.encode_utf16().count()) as u32;
    if let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = area.focus();
        let _ = area.set_selection_range(utf16(range.start), utf16(range.end));
    }
}
