//! A windowed list: however many items it holds, only those in and near its
//! scroll box's viewport are in the DOM, so the page's size does not grow with
//! the list. The incident timeline, the review's timeline picker and the
//! meeting's chosen entries use it.
//!
//! It stays a list for assistive technology: an `ol` of `li`, each with
//! `aria-setsize` (every item) and `aria-posinset` (its place). The items not
//! drawn are stood in for by space before and after the drawn rows, inside
//! the scroll box: the first row's top margin and the last row's bottom margin,
//! an estimate (the mean height of the rows drawn) times their number. A change
//! of them restyles those two rows only, where a custom property set on the
//! list, being inherited, would restyle every row under it (about 5 ms a redraw
//! of 60 rows).
//! Padding would not do: the list's `max-height` holds its padding too, so
//! padding that stood in for thousands of rows would stretch the box itself.
//!
//! What it keeps: the rows on screen stay where they are when items come or go
//! elsewhere, or when a filter changes the items (the first row on screen that
//! is still there keeps its place); a list that opens at its end (the timeline,
//! newest at its foot) follows its end while it is scrolled there. Only the
//! reader's scrolling changes what it keeps: the list's own scroll is reported
//! a frame later, when more rows may have been drawn, and is not taken for the
//! reader leaving the end. The arrow
//! keys, Page Up/Down, Home and End move the focus between rows, drawing the
//! next ones first; a focused row near the window's edge moves the window, so
//! Tab walks through every row's controls. [`WindowHandle::reveal`] draws any
//! item, scrolls it into view and focuses it if asked (a jump to an entry's
//! address, a search match).

use super::task::effect;
use leptos::html::Ol;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Rows drawn beyond each edge of the viewport.
const OVERSCAN: usize = 20;
/// The fewest rows drawn, so a short list is drawn whole.
const LEAST: usize = 60;
/// The height of a row until rows have been measured, in CSS pixels.
const ESTIMATE: f64 = 64.0;

/// A handle on a [`WindowedList`], for its owner to bring an item into view.
#[derive(Clone, Copy)]
pub struct WindowHandle {
    /// The item to bring into view once drawn, and whether to focus it.
    target: RwSignal<Option<(usize, bool)>>,
}

impl Default for WindowHandle {
    fn default() -> Self {
        Self { target: RwSignal::new(None) }
    }
}

impl WindowHandle {
    /// Draws item `index`, scrolls the list to it and, if `focus`, focuses it.
    pub fn reveal(self, index: usize, focus: bool) {
        self.target.set(Some((index, focus)));
    }
}

/// The drawn window, `start..end` of the items.
type Bounds = (usize, usize);

/// The window of `size` rows around item `at`, `OVERSCAN` rows before it.
fn around(at: usize, size: usize, len: usize) -> Bounds {
    from(at.saturating_sub(OVERSCAN), size, len)
}

/// The window of `size` rows from item `start`, or the last `size` rows.
fn from(start: usize, size: usize, len: usize) -> Bounds {
    let start = start.min(len.saturating_sub(size));
    (start, (start + size).min(len))
}

/// A row's top, relative to the top of the list's viewport.
fn top_in(row: &Element, list: &Element) -> f64 {
    row.get_bounding_client_rect().top() - list.get_bounding_client_rect().top() - f64::from(list.client_top())
}

/// The list's drawn rows, in order.
fn rows(list: &Element) -> Vec<HtmlElement> {
    let children = list.children();
    (0..children.length()).filter_map(|i| children.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

fn key_of(row: &Element) -> String {
    row.get_attribute("data-key").unwrap_or_default()
}

/// A list of `keys.len()` items of which only a window is drawn: each item's
/// row is an `li` (with `item_class` of its key) holding what `row` draws for
/// its key. `id_prefix` + key is the row's id. With `from_end` it opens at its
/// end and follows it.
#[component]
pub fn WindowedList(
    /// Every item's key, in the list's order.
    #[prop(into)]
    keys: Signal<Vec<String>>,
    /// Draws the inside of an item's row.
    row: Callback<String, AnyView>,
    /// The classes of an item's row.
    item_class: Callback<String, String>,
    /// The list's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The list's class: its scroll box.
    class: &'static str,
    /// Put before each key to make its row's id.
    id_prefix: &'static str,
    /// Whether it opens at its end and follows the end while scrolled there.
    #[prop(optional)]
    from_end: bool,
    /// What the owner uses to bring an item into view.
    handle: WindowHandle,
) -> impl IntoView {
    let list = NodeRef::<Ol>::new();
    let len = Memo::new(move |_| keys.with(Vec::len));
    let size = StoredValue::new(LEAST);
    let window = RwSignal::new({
        let n = len.get_untracked();
        if from_end {
            around(n.saturating_sub(LEAST - OVERSCAN), LEAST, n)
        } else {
            (0, LEAST.min(n))
        }
    });
    let bounds = Memo::new(move |_| {
        let (n, (start, end)) = (len.get(), window.get());
        (start.min(n), end.min(n).max(start.min(n)))
    });
    let drawn = Memo::new(move |_| {
        let (start, end) = bounds.get();
        keys.with(|k| k[start..end].to_vec())
    });
    let estimate = StoredValue::new(ESTIMATE);
    // The rows on screen (the first few from the top) with their tops, and
    // whether the list was scrolled to its end, as last seen.
    let anchor = StoredValue::new(Vec::<(String, f64)>::new());
    let at_end = StoredValue::new(from_end);
    // Where `settle` last scrolled the list, until the browser reports it.
    let placed = StoredValue::new(None::<i32>);

    let element = move || list.get_untracked().map(|l| l.unchecked_into::<Element>());
    let remember = move || {
        let Some(list) = element() else { return };
        let seen: Vec<(String, f64)> = rows(&list)
            .iter()
            .map(|row| (row, top_in(row, &list)))
            .filter(|(row, top)| top + f64::from(row.offset_height()) > 0.0)
            .take(6)
            .map(|(row, top)| (key_of(row), top))
            .collect();
        anchor.set_value(seen);
        at_end.set_value(f64::from(list.scroll_top() + list.client_height()) >= f64::from(list.scroll_height()) - 4.0);
    };
    // The window the viewport needs, if the drawn one is about to run out.
    let follow_viewport = move || {
        let Some(list) = element() else { return };
        let (start, end) = bounds.get_untracked();
        let n = len.get_untracked();
        let view = f64::from(list.client_height());
        let est = estimate.get_value();
        let per_view = (view / est).ceil() as usize + 1;
        size.set_value((per_view + 2 * OVERSCAN).max(LEAST));
        let drawn = rows(&list);
        let tops: Vec<(f64, f64)> =
            drawn.iter().map(|row| (top_in(row, &list), f64::from(row.offset_height()))).collect();
        let first = match tops.iter().position(|(top, height)| top + height > 0.0 && *top < view) {
            Some(i) => start + i,
            // The viewport is in the space above the drawn rows...
            None if tops.first().is_some_and(|(top, _)| *top > 0.0) => {
                start.saturating_sub((tops[0].0 / est).ceil() as usize)
            }
            // ...or below them.
            None => {
                let below = tops.last().map_or(0.0, |(top, height)| -(top + height));
                (end + (below / est).floor() as usize).min(n.saturating_sub(1))
            }
        };
        let last = (first + per_view).min(n);
        let low = start > 0 && first < start + OVERSCAN / 2;
        let high = end < n && last + OVERSCAN / 2 > end;
        if low || high || first >= end || last <= start {
            window.set(around(first, size.get_value(), n));
        }
    };
    // The space for the rows not drawn, from the estimate: the first drawn
    // row's top margin and the last one's bottom margin. Through the style
    // object, not the `style` attribute, which the page's Content-Security-Policy
    // (`style-src 'self'`) refuses to apply; only where it changes, so that no
    // other row is restyled. It reads no layout, so it follows a redraw before
    // anything measures the list (a list without its space would be shorter, and
    // the browser would pull its scroll position in).
    let space = move || {
        let Some(list) = element() else { return };
        let (start, end) = bounds.get_untracked();
        let (n, est) = (len.get_untracked(), estimate.get_value());
        let before = (start as f64 * est).round();
        let after = (n.saturating_sub(end) as f64 * est).round();
        let drawn = rows(&list);
        let last = drawn.len().saturating_sub(1);
        for (i, row) in drawn.iter().enumerate() {
            let style = row.style();
            let spaces = [
                ("margin-top", if i == 0 { before } else { 0.0 }),
                ("margin-bottom", if i == last { after } else { 0.0 }),
            ];
            for (side, px) in spaces {
                let wanted = if px > 0.0 { format!("{px}px") } else { String::new() };
                if style.get_property_value(side).unwrap_or_default() != wanted {
                    let _ = if wanted.is_empty() {
                        style.remove_property(side).map(drop)
                    } else {
                        style.set_property(side, &wanted)
                    };
                }
            }
        }
    };
    // After every redraw: the space for the rows not drawn, measured again, then
    // the rows on screen put back where they were (or the target brought into
    // view, or the end followed), then the window checked against the viewport.
    let settle = move || {
        let Some(list) = element() else { return };
        space();
        let (start, end) = bounds.get_untracked();
        let n = len.get_untracked();
        let drawn = rows(&list);
        if let (Some(first), Some(last)) = (drawn.first(), drawn.last()) {
            let span = f64::from(last.offset_top() + last.offset_height() - first.offset_top());
            if span > 0.0 {
                estimate.set_value(span / drawn.len() as f64);
            }
        }
        space();
        if let Some((index, focus)) = handle.target.get_untracked() {
            if index >= n {
                handle.target.set(None);
            } else if !(start..end).contains(&index) {
                // Something else moved the window meanwhile: draw the target
                // first, and settle again then.
                return window.set(around(index, size.get_value(), n));
            } else if let Some(row) = drawn.get(index - start) {
                handle.target.set(None);
                let view = f64::from(list.client_height());
                let top = top_in(row, &list);
                let height = f64::from(row.offset_height());
                if top < 0.0 || top + height > view {
                    list.set_scroll_top(list.scroll_top() + (top - (view - height.min(view)) / 2.0) as i32);
                    placed.set_value(Some(list.scroll_top()));
                }
                if focus {
                    let _ = row.focus();
                }
                remember();
                return follow_viewport();
            }
        }
        if from_end && at_end.get_value() {
            list.set_scroll_top(list.scroll_height());
            placed.set_value(Some(list.scroll_top()));
        } else {
            let saved = anchor.get_value();
            let found = saved.iter().find_map(|(key, top)| {
                drawn.iter().find(|row| key_of(row) == *key).map(|row| top_in(row, &list) - top)
            });
            if let Some(delta) = found.filter(|d| d.abs() >= 0.5) {
                list.set_scroll_top(list.scroll_top() + delta.round() as i32);
                placed.set_value(Some(list.scroll_top()));
            }
        }
        remember();
        follow_viewport();
    };
    // The list may have gone by the frame (a link followed at once): its
    // signals are disposed then, and reading one would stop the app.
    let settle_soon = move || {
        request_animation_frame(move || {
            if !window.is_disposed() {
                settle();
            }
        })
    };

    // A redraw settles before the next paint.
    effect(move |_| {
        drawn.track();
        space();
        settle_soon();
    });
    // New items: the window moves to where the first row on screen went, or
    // to the end if the list follows it.
    effect(move |first: Option<()>| {
        let n = len.get();
        keys.track();
        if first.is_none() {
            return;
        }
        let size = size.get_value();
        if from_end && at_end.get_value() {
            return window.set(around(n.saturating_sub(size - OVERSCAN), size, n));
        }
        let saved = anchor.get_value();
        let at = keys.with_untracked(|keys| saved.iter().find_map(|(key, _)| keys.iter().position(|k| k == key)));
        match at {
            Some(at) => window.set(around(at, size, n)),
            None => window.set(from(window.get_untracked().0, size, n)),
        }
    });
    // The owner asked for an item: settle draws it and brings it into view.
    effect(move |_| {
        if handle.target.with(Option::is_some) {
            settle_soon();
        }
    });

    let row_index = move |target: Option<web_sys::EventTarget>| -> Option<(usize, bool)> {
        let list = element()?;
        let element = target?.dyn_into::<Element>().ok()?;
        if element == list {
            return None;
        }
        let drawn = rows(&list);
        let at = drawn.iter().position(|row| row.contains(Some(&element)))?;
        Some((bounds.get_untracked().0 + at, *drawn[at] == element))
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let n = len.get_untracked();
        let page = (size.get_value().saturating_sub(2 * OVERSCAN)).max(1);
        let to = match row_index(ev.target()) {
            // Keys in a row's controls are theirs.
            Some((_, false)) => return,
            Some((at, true)) => {
                // A key pressed before the last one's focus has moved (a held
                // arrow key) counts from the row the focus is going to.
                let at = match handle.target.get_untracked() {
                    Some((pending, true)) => pending,
                    _ => at,
                };
                match ev.key().as_str() {
                    "ArrowDown" => (at + 1).min(n.saturating_sub(1)),
                    "ArrowUp" => at.saturating_sub(1),
                    "PageDown" => (at + page).min(n.saturating_sub(1)),
                    "PageUp" => at.saturating_sub(page),
                    "Home" => 0,
                    "End" => n.saturating_sub(1),
                    _ => return,
                }
            }
            // On the list itself, the arrows enter it at the first row on screen.
            None => match ev.key().as_str() {
                "ArrowDown" | "ArrowUp" => {
                    let first = anchor.with_value(|a| a.first().cloned());
                    let at = first.and_then(|(key, _)| keys.with_untracked(|k| k.iter().position(|x| *x == key)));
                    at.unwrap_or(0)
                }
                _ => return,
            },
        };
        if n > 0 {
            ev.prevent_default();
            handle.reveal(to, true);
        }
    };
    // The focus in a row near an edge of the window moves the window, so the
    // next row is drawn before Tab or an arrow key goes there.
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let Some((at, _)) = row_index(ev.target()) else { return };
        let (start, end) = bounds.get_untracked();
        let n = len.get_untracked();
        if (start > 0 && at < start + OVERSCAN / 2) || (end < n && at + OVERSCAN / 2 >= end) {
            window.set(around(at, size.get_value(), n));
        }
    };

    view! {
        <ol
            class=class
            aria-label=move || label.get()
            tabindex="0"
            node_ref=list
            on:scroll=move |_| {
                // A scroll `settle` made is reported in the next frame, when rows
                // may have been drawn meanwhile (their own settle is to come):
                // what it remembered (the rows on screen, whether the list is at
                // its end) stands. Only the reader's own scroll changes that.
                let ours = element().is_some_and(|list| placed.get_value() == Some(list.scroll_top()));
                placed.set_value(None);
                if !ours {
                    remember();
                }
                follow_viewport();
            }
            on:keydown=on_keydown
            on:focusin=on_focusin
        >
            <For each=move || drawn.get() key=|key| key.clone() let(key)>
                {
                    let place = {
                        let key = key.clone();
                        move || {
                            let at = drawn.with(|d| d.iter().position(|k| *k == key)).unwrap_or(0);
                            (bounds.get().0 + at + 1).to_string()
                        }
                    };
                    let (id, class, data) = (format!("{id_prefix}{key}"), item_class.run(key.clone()), key.clone());
                    view! {
                        <li
                            id=id
                            class=class
                            data-key=data
                            tabindex="-1"
                            aria-setsize=move || len.get().to_string()
                            aria-posinset=place
                        >
                            {row.run(key)}
                        </li>
                    }
                }
            </For>
        </ol>
    }
}
