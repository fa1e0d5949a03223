//! The whole app mounted in headless Chromium (wasm-bindgen-test), without the
//! end-to-end harness: first-run set-up, routing and declaring an incident.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test component`. The app
//! opens its own database (`idb::DB_NAME`), which this test deletes first so that it
//! starts from an empty workspace; the store tests use other database names. The
//! test finds controls the way a user does, by their visible text and labels.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use sitrep::store::idb::{IdbStore, DB_NAME};
use sitrep::ui::App;
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
