//! The whole app mounted in headless Chromium (wasm-bindgen-test), without the
//! end-to-end harness: first-run set-up, routing and declaring an incident; and
//! the windowed list on its own, where a test needs to time a change to a frame.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test component`. The app
//! opens its own database (`idb::DB_NAME`), which this test deletes first so that it
//! starts from an empty workspace; the store tests use other database names. The
//! test finds controls the way a user does, by their visible text and labels.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use leptos::prelude::*;
use sitrep::store::idb::{IdbStore, DB_NAME};
use sitrep::ui::{App, WindowHandle, WindowedList};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// How long to wait for the app to show something.
const PATIENCE_MS: u32 = 10_000;
/// How often to look again.
const POLL_MS: u32 = 50;
/// The id of the element the app is mounted into.
const ROOT_ID: &str = "sitrep-component-test";

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// The elements matching `selector`, in document order.
fn all(selector: &str) -> Vec<Element> {
    let list = document().query_selector_all(selector).expect("a valid selector");
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

/// The text of an element with runs of white space made single spaces.
fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first element matching `selector` whose text satisfies `wanted`.
fn find(selector: &str, wanted: impl Fn(&str) -> bool) -> Option<Element> {
    all(selector).into_iter().find(|e| wanted(&text_of(e)))
}

/// Waits until `look` finds something, polling; fails after [`PATIENCE_MS`] with
/// `what` and the app's text, so that a failure shows what was there instead.
async fn wait_for<T>(what: &str, look: impl Fn() -> Option<T>) -> T {
    let mut waited = 0;
    loop {
        if let Some(found) = look() {
            return found;
        }
        if waited >= PATIENCE_MS {
            let shown = document().get_element_by_id(ROOT_ID).map(|root| text_of(&root)).unwrap_or_default();
            panic!("gave up after {PATIENCE_MS} ms waiting for {what}; the app shows: {shown}");
        }
        gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
        waited += POLL_MS;
    }
}

/// An event of `kind` that bubbles, as a user's would (Leptos delegates some
/// events to the document). Built through the JavaScript constructor, since
/// web-sys's `EventInit` is not among the crate's enabled features.
fn bubbling(kind: &str) -> Event {
    let constructor: js_sys::Function =
        Reflect::get(&js_sys::global(), &JsValue::from_str("Event")).expect("Event exists").unchecked_into();
    let init = js_sys::Object::new();
    Reflect::set(&init, &JsValue::from_str("bubbles"), &JsValue::TRUE).unwrap();
    Reflect::construct(&constructor, &js_sys::Array::of2(&JsValue::from_str(kind), &init))
        .expect("an event")
        .unchecked_into()
}

/// The form control labelled `label`: the label is found by its text, the control
/// by the label's `for`.
fn control_labelled(label: &str) -> Option<HtmlElement> {
    let label = find("label", |text| text == label)?;
    let id = label.get_attribute("for")?;
    document().get_element_by_id(&id)?.dyn_into::<HtmlElement>().ok()
}

/// Types `text` into the control labelled `label`, as one `input` event.
fn type_into(label: &str, text: &str) {
    let input: HtmlInputElement =
        control_labelled(label).expect("the labelled control").dyn_into().expect("a text input");
    input.set_value(text);
    input.dispatch_event(&bubbling("input")).unwrap();
}

/// Clicks the button whose text is `name`.
fn click_button(name: &str) {
    let button = find("button", |text| text == name).unwrap_or_else(|| panic!("a button “{name}”"));
    button.dyn_into::<HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn first_run_declares_an_incident_with_the_default_checklist() {
    IdbStore::delete(DB_NAME).await.expect("the app's database is deleted");
    let root = document().create_element("div").unwrap();
    root.set_id(ROOT_ID);
    document().body().expect("a body").append_child(&root).unwrap();
    let mounted = leptos::mount::mount_to(root.unchecked_into::<HtmlElement>(), App);
    // Unmounting would tear the app down; it lives until the page goes away.
    std::mem::forget(mounted);

    wait_for("the heading “Incidents”", || find("h1", |text| text == "Incidents")).await;

    let title = "Checkout returns 502 for EU customers";
    wait_for("the field “Incident title”", || control_labelled("Incident title")).await;
    type_into("Incident title", title);
    // No level is chosen for the responder: SEV1 is picked.
    let sev1 = wait_for("the SEV1 choice", || document().get_element_by_id("severity-SEV1")).await;
    sev1.dyn_into::<HtmlElement>().unwrap().click();
    click_button("Declare incident");

    let heading = wait_for("the incident's title in an h1", || find("h1", |text| text.ends_with(title))).await;
    assert!(
        web_sys::window().unwrap().location().pathname().unwrap().starts_with("/incidents/"),
        "the incident has its own address; heading: {}",
        text_of(&heading)
    );
    // Declaring at SEV1 attaches the major-incident runbook,
    // which first-run set-up stored in the browser's language (en-US here).
    wait_for("the “Major incident” checklist", || find("h3.checklist__title", |text| text == "Major incident")).await;
}

/// Resolves in the next animation frame: what follows the `await` runs in that
/// frame, after the callbacks asked for before it, and before the browser
/// reports the scrolls they made (a scroll is reported in the frame after).
async fn next_frame() {
    let (sender, receiver) = futures::channel::oneshot::channel();
    request_animation_frame(move || {
        let _ = sender.send(());
    });
    receiver.await.expect("a frame");
}

/// Keys `from..to`, in order.
fn keys_of(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("{i:05}")).collect()
}

#[wasm_bindgen_test]
async fn a_list_at_its_end_follows_it_when_rows_come_before_its_own_scroll_is_reported() {
    // The list as the timeline has it: a scroll box that does not anchor its
    // rows itself.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(
        ".follow { max-height: 200px; overflow-y: auto; overflow-anchor: none; margin: 0; padding: 0 } \
         .follow li { height: 20px }",
    ));
    document().head().expect("a head").append_child(&style).unwrap();
    let root = document().create_element("div").unwrap();
    document().body().expect("a body").append_child(&root).unwrap();
    // The newest entries, as a long incident's page first draws them.
    let keys = RwSignal::new(keys_of(1000..1050));
    let mounted = leptos::mount::mount_to(root.clone().unchecked_into::<HtmlElement>(), move || {
        view! {
            <WindowedList
                keys
                row=Callback::new(|key: String| view! { <span>{key}</span> }.into_any())
                item_class=Callback::new(|_: String| String::new())
                label="Entries".to_owned()
                class="follow"
                id_prefix="follow-"
                from_end=true
                handle=WindowHandle::default()
            />
        }
    });
    std::mem::forget(mounted);
    let list: HtmlElement =
        wait_for("the list", || root.query_selector("ol.follow").ok().flatten()).await.unchecked_into();
    let reported = Rc::new(Cell::new(false));
    let on_scroll = {
        let reported = reported.clone();
        Closure::<dyn Fn()>::new(move || reported.set(true))
    };
    list.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref()).unwrap();
    on_scroll.forget();

    // A new entry at the end: the list follows it by scrolling, in the frame's
    // callbacks. Once that scroll is made but not yet reported, the older
    // entries arrive (the rest of the timeline, read meanwhile), drawing rows
    // above the ones on screen before the list hears of its own scroll.
    let mut newest = 1050;
    let mut caught = false;
    for _ in 0..50 {
        for _ in 0..3 {
            next_frame().await;
        }
        let before = list.scroll_top();
        reported.set(false);
        keys.update(|keys| keys.push(format!("{newest:05}")));
        newest += 1;
        // The list's own callback is asked for once this task's reactions have run.
        gloo_timers::future::TimeoutFuture::new(0).await;
        next_frame().await;
        if list.scroll_top() != before && !reported.get() {
            keys.update(|keys| keys.splice(0..0, keys_of(0..1000)).for_each(drop));
            caught = true;
            break;
        }
    }
    assert!(caught, "the list's scroll was never caught before it was reported");

    for _ in 0..10 {
        next_frame().await;
    }
    let last = list.last_element_child().expect("drawn rows");
    assert_eq!(last.get_attribute("data-key").as_deref(), Some(format!("{:05}", newest - 1).as_str()));
    let (top, height, total) = (list.scroll_top(), list.client_height(), list.scroll_height());
    assert!(top + height >= total - 4, "the list still shows its end: {top} + {height} of {total} px");
}
