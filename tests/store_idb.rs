//! The IndexedDB store in headless Chromium (wasm-bindgen-test).
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test store_idb`; the runner
//! set in `.cargo/config.toml` starts chromedriver from PATH. Each test opens its own
//! database, deleting any left by an earlier run first, so tests never see each
//! other's data. The scenarios live in `support` and also run on the memory store
//! in `store_memory.rs`.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::Value;
use sitrep::domain::IncidentId;
use sitrep::store::idb::IdbStore;
use support::Workspace;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Opens the database `name`; no other tab exists, so nothing can block it.
async fn open(name: &str) -> IdbStore {
    IdbStore::open(name, || panic!("nothing else holds the database open"), || ()).await.expect("the database opens")
}

/// Deletes the database `name` and opens it again, empty.
async fn fresh(name: &str) -> IdbStore {
    IdbStore::delete(name).await.expect("the old database is deleted");
    open(name).await
}

/// Writes a JSON value as a timeline entry of `incident`, bypassing every check.
async fn put_raw(store: &IdbStore, key: &str, incident: IncidentId, raw: &Value) {
    let value = js_sys::JSON::parse(&raw.to_string()).expect("fixture is JSON");
    store.put_raw_entry(key, incident, value).await.expect("the raw record is written");
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty() {
    let store = fresh("sitrep-test-empty").await;
    support::assert_empty(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn settings_incident_and_notes_survive_closing_and_reopening() {
    let name = "sitrep-test-round-trip";
    let workspace = Workspace::sample();
    let store = fresh(name).await;
    workspace.write(&store).await;
    workspace.assert_stored(&store).await;
    store.close();

    let reopened = open(name).await;
    workspace.assert_stored(&reopened).await;
    reopened.close();
}

#[wasm_bindgen_test]
async fn entries_added_out_of_order_come_back_in_timeline_order() {
    let store = fresh("sitrep-test-order").await;
    support::assert_timeline_order(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_timeline_holds_only_its_own_incidents_entries() {
    let store = fresh("sitrep-test-separate").await;
    support::assert_timelines_are_separate(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn damaged_records_are_reported_by_key_and_the_rest_still_loads() {
    let store = fresh("sitrep-test-damaged").await;
    let workspace = support::write_good_entries(&store).await;
    for (key, raw) in support::damaged_records() {
        put_raw(&store, key, workspace.incident.id(), &raw).await;
    }
    support::assert_unreadable_reported(&store, &workspace).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_record_from_a_newer_build_is_refused() {
    let store = fresh("sitrep-test-newer").await;
    let workspace = support::write_good_entries(&store).await;
    let (key, raw) = support::newer_record();
    put_raw(&store, key, workspace.incident.id(), &raw).await;
    support::assert_newer_schema_refused(&store, &workspace).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_deleted_database_opens_empty_again() {
    let name = "sitrep-test-delete";
    let store = fresh(name).await;
    Workspace::sample().write(&store).await;
    store.close();
    let again = fresh(name).await;
    support::assert_empty(&again).await;
    again.close();
}
