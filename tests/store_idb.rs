//! The IndexedDB store in headless Chromium (wasm-bindgen-test).
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test store_idb`; the runner
//! set in `.cargo/config.toml` starts chromedriver from PATH. Each test opens its own
//! database, deleting any left by an earlier run first, so tests never see each
//! other's data. The scenarios live in `support` and also run on the memory store
//! in `store_memory.rs`. The tests of schema upgrades, version changes and second
//! tabs are IndexedDB's own: they play an older build, a newer build or another tab
//! with plain web_sys (the helpers at the end of this file).
#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::{Function, Promise};
use serde_json::Value;
use sitrep::domain::{EntryId, IncidentId, RunId, RunbookRun, Stamp, Timeline};
use sitrep::store::idb::{IdbStore, DB_VERSION};
use sitrep::store::{Batch, End, Loaded, Store, StoreError};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use support::Workspace;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{IdbDatabase, IdbObjectStore, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

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
async fn the_first_and_last_entries_of_a_timeline_come_through_the_index_in_its_order() {
    let store = fresh("sitrep-test-ends").await;
    support::assert_timeline_ends(&store).await;
    store.close();
}

/// Browsers whose `getAll` takes no direction (before `getAllRecords` shipped
/// with it) read the newest entries with a cursor's steps instead.
#[wasm_bindgen_test]
async fn where_get_all_takes_no_direction_the_newest_entries_come_through_a_cursor_alike() {
    let store = fresh("sitrep-test-ends-by-cursor").await.without_get_all_direction();
    support::assert_timeline_ends(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_timeline_holds_only_its_own_incidents_entries() {
    let store = fresh("sitrep-test-separate").await;
    support::assert_timelines_are_separate(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn an_opening_reads_the_incident_its_first_entries_and_runs() {
    let store = fresh("sitrep-test-opening").await;
    support::assert_opening_reads_incident_entries_and_runs(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_catch_up_reads_only_the_entries_not_held() {
    let store = fresh("sitrep-test-catch-up").await;
    support::assert_catch_up_reads_only_the_entries_not_held(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn ids_are_placed_under_their_incidents() {
    let store = fresh("sitrep-test-placed").await;
    support::assert_ids_are_placed_under_their_incidents(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn damaged_records_are_reported_by_key_and_the_rest_still_loads() {
    let store = fresh("sitrep-test-damaged").await;
    let workspace = support::write_good_entries(&store).await;
    for (key, raw) in support::damaged_records(workspace.incident.id()) {
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

#[wasm_bindgen_test]
async fn a_backup_restores_the_same_workspace_into_another_database() {
    let (source, target) = (fresh("sitrep-test-backup-from").await, fresh("sitrep-test-backup-into").await);
    support::assert_a_backup_restores_the_same_workspace(&source, &target).await;
    source.close();
    target.close();
}

#[wasm_bindgen_test]
async fn an_incident_export_merges_into_the_incident_here() {
    let store = fresh("sitrep-test-merge").await;
    support::assert_an_incident_export_merges(&store).await;
    store.close();
}

// ---------------------------------------------------------------------------------
// Raw IndexedDB, for the tests below that play an older build, a newer build or a
// second tab. These helpers use web_sys directly and know nothing of `IdbStore`.
// ---------------------------------------------------------------------------------

/// The name of a JavaScript error (a `DOMException`'s name), or its text.
fn error_name(error: &JsValue) -> String {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => e.name(),
        None => format!("{error:?}"),
    }
}

/// Waits for a request's `success` (its result) or `error` (its error).
async fn settle(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let done = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = req.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// A raw connection and what happened while opening it.
struct Raw {
    db: IdbDatabase,
    /// The request's `blocked` event fired: another connection did not let go.
    blocked: bool,
}

/// Opens `name` at `version` (or at its current version) with plain web_sys;
/// `upgrade` runs inside `upgradeneeded` with the version-change transaction.
/// Fails with the error's name, for example `VersionError`.
async fn raw_open(
    name: &str,
    version: Option<u32>,
    upgrade: impl FnOnce(&IdbDatabase, &IdbTransaction) + 'static,
) -> Result<Raw, String> {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().expect("IndexedDB is available");
    let req = match version {
        Some(version) => factory.open_with_u32(name, version),
        None => factory.open(name),
    }
    .expect("the open request starts");
    let upgrade = RefCell::new(Some(upgrade));
    let upgrading = req.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        let db: IdbDatabase = upgrading.result().expect("the database during its upgrade").unchecked_into();
        let tx = upgrading.transaction().expect("the version-change transaction");
        if let Some(upgrade) = upgrade.borrow_mut().take() {
            upgrade(&db, &tx);
        }
    });
    let blocked = Rc::new(Cell::new(false));
    let seen = blocked.clone();
    let on_blocked = Closure::<dyn FnMut()>::new(move || seen.set(true));
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    req.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    let opened = settle(&req).await;
    req.set_onupgradeneeded(None);
    req.set_onblocked(None);
    drop((on_upgrade, on_blocked));
    let db = opened.map_err(|e| error_name(&e))?.unchecked_into();
    Ok(Raw { db, blocked: blocked.get() })
}

/// The names of a database's object stores, sorted.
fn store_names(db: &IdbDatabase) -> Vec<String> {
    let list = db.object_store_names();
    let mut names: Vec<String> = (0..list.length()).filter_map(|i| list.item(i)).collect();
    names.sort();
    names
}

/// Reads one record with plain web_sys, as JSON (`Null` if there is none).
async fn raw_get(db: &IdbDatabase, store: &str, key: &str) -> Value {
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readonly).expect("a read transaction");
    let req = tx.object_store(store).unwrap().get(&JsValue::from_str(key)).expect("the read starts");
    let value = settle(&req).await.expect("the read succeeds");
    if value.is_undefined() {
        return Value::Null;
    }
    let text = js_sys::JSON::stringify(&value).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A schema-1 incident envelope, frozen: the JSON text the store wrote for
/// `support::declared(1, "Checkout returns 502", 0).0`, copied once and never
/// regenerated. It has the fields incidents had while IndexedDB was at version 1
/// (commit 145820a); `components`, `milestones` and `roles` came later and must
/// default when missing.
const V1_INCIDENT: &str = r#"{"key":"00000000010000000000000007","schema":1,"data":{"declared_at":"2026-11-24T09:00:00Z","declared_by":"Mei-Ling Chen","id":"00000000010000000000000007","severity":"SEV2","status":"triage","title":"Checkout returns 502"}}"#;

/// The declaration entry of [`V1_INCIDENT`] as a schema-1 timeline envelope, frozen
/// the same way (`support::declared(1, "Checkout returns 502", 0).1`); `visibility`
/// came after version 1 and must default to internal.
const V1_DECLARED: &str = r#"{"key":"00000000Z80000000000000001","schema":1,"incident":"00000000010000000000000007","data":{"author":"Mei-Ling Chen","change":{"severity":"SEV2","type":"declared"},"event_at":"2026-11-24T09:00:00Z","id":"00000000Z80000000000000001","incident":"00000000010000000000000007","kind":"status_change","recorded_at":"2026-11-24T09:00:00Z","text":"Checkout fails for many"}}"#;

/// Creates `name` as IndexedDB version 1 held it, with `incidents` and `timeline`
/// records given as JSON text, then closes it.
///
/// The object store and index names are spelled out here on purpose: this is a
/// frozen fixture of the version-1 shape, and must not follow later changes to
/// `idb::upgrade` (which would then only be tested against itself).
async fn create_version_1(name: &str, incidents: &[&'static str], timeline: &[&'static str]) {
    IdbStore::delete(name).await.expect("the old database is deleted");
    let (incidents, timeline) = (incidents.to_vec(), timeline.to_vec());
    let raw = raw_open(name, Some(1), move |db, _| {
        db.create_object_store("settings").unwrap();
        let keyed = IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("key"));
        let incident_store = db.create_object_store_with_optional_parameters("incidents", &keyed).unwrap();
        let entry_store = db.create_object_store_with_optional_parameters("timeline", &keyed).unwrap();
        entry_store.create_index_with_str("by_incident", "incident").unwrap();
        for (store, records) in [(&incident_store, &incidents), (&entry_store, &timeline)] {
            for text in records {
                store.put(&js_sys::JSON::parse(text).expect("fixture is JSON")).expect("fixture is stored");
            }
        }
    })
    .await
    .expect("version 1 is created");
    assert_eq!(raw.db.version() as u32, 1);
    assert_eq!(store_names(&raw.db), ["incidents", "settings", "timeline"]);
    raw.db.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_without_losing_data() {
    let name = "sitrep-test-upgrade-v1";
    create_version_1(name, &[V1_INCIDENT], &[V1_DECLARED]).await;
    let (incident, declaration) = support::declared(1, "Checkout returns 502", 0);

    let store = open(name).await;
    assert_eq!(store.incidents().await, Ok(Loaded { items: vec![incident.clone()], unreadable: vec![] }));
    assert_eq!(support::value(store.incident(incident.id()).await), Some(incident.clone()));
    assert_eq!(
        store.timeline(incident.id()).await,
        Ok(Loaded { items: vec![declaration.clone()], unreadable: vec![] })
    );
    assert_eq!(support::value(store.settings().await), None);
    assert_eq!(store.runbooks().await, Ok(Loaded::default()), "the new runbooks store is there, and empty");
    assert_eq!(store.runs(incident.id()).await, Ok(Loaded::default()), "the new runs store is there, and empty");

    let runbook = support::runbook(1, "Database failover", 5);
    let stamp = Stamp::new(EntryId::from_parts(5_000, 2), support::at(6), "Bo");
    let (run, started) = RunbookRun::start(RunId::from_parts(1, 5), incident.id(), &runbook, true, stamp);
    let batch = Batch {
        runbooks: vec![runbook.clone()],
        runs: vec![run.clone()],
        entries: vec![started.clone()],
        ..Batch::default()
    };
    store.write(batch).await.expect("runs and runbooks are written after the upgrade");
    assert_eq!(store.runbooks().await, Ok(Loaded { items: vec![runbook], unreadable: vec![] }));
    assert_eq!(store.runs(incident.id()).await, Ok(Loaded { items: vec![run], unreadable: vec![] }));
    let timeline = store.timeline(incident.id()).await.expect("the timeline loads");
    assert_eq!(Timeline::from_entries(timeline.items).entries(), [declaration.clone(), started.clone()]);
    // The index by incident and time (version 6) holds the version-1 entry too.
    let newest = store.timeline_end(incident.id(), 1, End::Newest).await.expect("the newest entry loads");
    assert_eq!(newest.items, [started]);
    let oldest = store.timeline_end(incident.id(), 1, End::Oldest).await.expect("the oldest entry loads");
    assert_eq!(oldest.items, [declaration]);
    store.close();

    // The upgrade changed the stores, not the old records.
    let raw = raw_open(name, None, |_, _| panic!("already at the current version")).await.expect("it opens");
    assert_eq!(raw.db.version() as u32, DB_VERSION);
    let names = store_names(&raw.db);
    for store in ["settings", "incidents", "timeline", "runs", "runbooks", "shares"] {
        assert!(names.iter().any(|n| n == store), "store {store} is missing from {names:?}");
    }
    let frozen: Value = serde_json::from_str(V1_INCIDENT).unwrap();
    assert_eq!(raw_get(&raw.db, "incidents", "00000000010000000000000007").await, frozen);
    raw.db.close();
}

/// A damaged entry as a version-6 database could hold one: an envelope of the
/// incident whose data has no event time, so the version-6 index by incident and
/// time left it out.
const V6_DAMAGED: &str =
    r#"{"key":"damaged-data","schema":1,"incident":"00000000010000000000000007","data":{"text":42}}"#;

/// Creates `name` as IndexedDB version 6 held it, with the frozen version-1
/// incident, its declaration and [`V6_DAMAGED`], then closes it. Names are spelled
/// out: this is a fixture of the version-6 shape, not a call of `idb::upgrade`.
async fn create_version_6(name: &str) {
    IdbStore::delete(name).await.expect("the old database is deleted");
    let raw = raw_open(name, Some(6), move |db, _| {
        db.create_object_store("settings").unwrap();
        let keyed = IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("key"));
        let store = |name: &str| db.create_object_store_with_optional_parameters(name, &keyed).unwrap();
        let incidents = store("incidents");
        let timeline = store("timeline");
        for name in ["runbooks", "reviews", "preferences", "workspace", "shares"] {
            store(name);
        }
        for name in ["runs", "review_parts"] {
            store(name).create_index_with_str("by_incident", "incident").unwrap();
        }
        timeline.create_index_with_str("by_incident", "incident").unwrap();
        let path = js_sys::Array::of2(&"incident".into(), &"data.event_at".into());
        timeline.create_index_with_str_sequence("by_incident_time", &path).unwrap();
        let parse = |text: &str| js_sys::JSON::parse(text).expect("fixture is JSON");
        incidents.put(&parse(V1_INCIDENT)).unwrap();
        timeline.put(&parse(V1_DECLARED)).unwrap();
        timeline.put(&parse(V6_DAMAGED)).unwrap();
    })
    .await
    .expect("version 6 is created");
    raw.db.close();
}

#[wasm_bindgen_test]
async fn a_version_6_database_gets_one_timeline_index_holding_every_entry() {
    let name = "sitrep-test-upgrade-v6";
    create_version_6(name).await;
    let (incident, declaration) = support::declared(1, "Checkout returns 502", 0);

    let store = open(name).await;
    let timeline = store.timeline(incident.id()).await.expect("the timeline loads despite damage");
    assert_eq!(timeline.items, std::slice::from_ref(&declaration));
    let damaged: Vec<&str> = timeline.unreadable.iter().map(|u| u.key.as_str()).collect();
    assert_eq!(damaged, ["damaged-data"], "the damaged entry is still found, and reported");
    let newest = store.timeline_end(incident.id(), 1, End::Newest).await.expect("the newest entry loads");
    assert_eq!(newest.items, std::slice::from_ref(&declaration));
    let oldest = store.timeline_end(incident.id(), 2, End::Oldest).await.expect("the oldest entries load");
    assert_eq!(oldest.items, std::slice::from_ref(&declaration), "a damaged entry sorts first, and is reported");
    assert_eq!(oldest.unreadable.len(), 1);

    // A new entry is written with its index time and read in order.
    let later = support::note_at(
        incident.id(),
        5_000,
        support::at(1),
        support::at(0) + chrono::Duration::milliseconds(250),
        "Errors began a quarter second after the declaration.",
    );
    support::add_entry(&store, &later).await.expect("an entry is added after the upgrade");
    let newest = store.timeline_end(incident.id(), 1, End::Newest).await.expect("the newest entry loads");
    assert_eq!(newest.items, [later]);
    store.close();

    // The old records got their index time and are otherwise as they were.
    let raw = raw_open(name, None, |_, _| panic!("already at the current version")).await.expect("it opens");
    assert_eq!(raw.db.version() as u32, DB_VERSION);
    let tx = raw.db.transaction_with_str("timeline").unwrap();
    let indexes = tx.object_store("timeline").unwrap().index_names();
    let indexes: Vec<String> = (0..indexes.length()).filter_map(|i| indexes.item(i)).collect();
    assert_eq!(indexes, ["by_incident_at"]);
    let mut frozen: Value = serde_json::from_str(V1_DECLARED).unwrap();
    frozen["at"] = "2026-11-24T09:00:00.000000000Z".into();
    assert_eq!(raw_get(&raw.db, "timeline", "00000000Z80000000000000001").await, frozen);
    let mut damaged: Value = serde_json::from_str(V6_DAMAGED).unwrap();
    damaged["at"] = "".into();
    assert_eq!(raw_get(&raw.db, "timeline", "damaged-data").await, damaged);
    raw.db.close();
}

#[wasm_bindgen_test]
async fn two_tabs_see_each_others_writes() {
    let name = "sitrep-test-two-tabs";
    let first = fresh(name).await;
    let second = open(name).await;

    let workspace = Workspace::sample();
    workspace.write(&first).await;
    workspace.assert_stored(&second).await;

    let runbook = support::runbook(1, "Database failover", 10);
    let stamp = Stamp::new(EntryId::from_parts(9_000, 2), support::at(11), "Bo");
    let (run, started) = RunbookRun::start(RunId::from_parts(1, 5), workspace.incident.id(), &runbook, true, stamp);
    let batch =
        Batch { runbooks: vec![runbook.clone()], runs: vec![run.clone()], entries: vec![started], ..Batch::default() };
    second.write(batch).await.expect("the second tab writes");
    assert_eq!(first.runbooks().await, Ok(Loaded { items: vec![runbook], unreadable: vec![] }));
    assert_eq!(first.runs(workspace.incident.id()).await, Ok(Loaded { items: vec![run], unreadable: vec![] }));
    assert_eq!(first.timeline(workspace.incident.id()).await.map(|t| t.items.len()), Ok(4));
    first.close();
    second.close();
}

#[wasm_bindgen_test]
async fn a_newer_build_in_another_tab_is_not_blocked_by_this_one() {
    let name = "sitrep-test-version-change";
    IdbStore::delete(name).await.expect("the old database is deleted");
    let asked = Rc::new(Cell::new(false));
    let flag = asked.clone();
    let store = IdbStore::open(name, || panic!("nothing else holds the database open"), move || flag.set(true))
        .await
        .expect("the database opens");
    let workspace = Workspace::sample();
    workspace.write(&store).await;

    let newer = raw_open(name, Some(DB_VERSION + 1), |_, _| ()).await.expect("the newer build opens");
    assert!(asked.get(), "on_version_change was called");
    assert!(!newer.blocked, "the old connection closed itself instead of blocking the upgrade");
    assert_eq!(newer.db.version() as u32, DB_VERSION + 1);
    newer.db.close();
    assert!(store.incidents().await.is_err(), "the closed connection refuses further reads");
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_build_is_refused_and_kept() {
    let name = "sitrep-test-newer-database";
    let store = fresh(name).await;
    let workspace = Workspace::sample();
    workspace.write(&store).await;
    store.close();
    raw_open(name, Some(DB_VERSION + 1), |_, _| ()).await.expect("the newer build upgrades it").db.close();

    let refused = IdbStore::open(name, || panic!("nothing else holds the database open"), || ()).await;
    assert!(matches!(refused, Err(StoreError::NewerSchema(_))), "got {refused:?}");

    let raw = raw_open(name, None, |_, _| panic!("no upgrade")).await.expect("the newer database still opens");
    assert_eq!(raw.db.version() as u32, DB_VERSION + 1, "the version is unchanged");
    let key = workspace.incident.id().to_string();
    let kept = raw_get(&raw.db, "incidents", &key).await;
    assert_eq!(kept.get("key").and_then(Value::as_str), Some(key.as_str()), "the incident is still stored");
    raw.db.close();
}

#[wasm_bindgen_test]
async fn an_upgrade_waits_for_an_old_tab_that_does_not_let_go() {
    let name = "sitrep-test-blocked";
    create_version_1(name, &[V1_INCIDENT], &[]).await;
    // An old build's connection that ignores `versionchange`.
    let old = raw_open(name, None, |_, _| panic!("already at version 1")).await.expect("version 1 opens").db;
    let blocked = Rc::new(Cell::new(false));
    let seen = blocked.clone();
    let store = IdbStore::open(
        name,
        move || {
            seen.set(true);
            old.close(); // the user closes the old tab
        },
        || (),
    )
    .await
    .expect("the upgrade goes on once the old tab is gone");
    assert!(blocked.get(), "on_blocked was called");
    let (incident, _) = support::declared(1, "Checkout returns 502", 0);
    assert_eq!(support::value(store.incident(incident.id()).await), Some(incident));
    store.close();
}

#[wasm_bindgen_test]
async fn a_runbook_version_is_never_replaced() {
    let store = fresh("sitrep-test-runbook-conflict").await;
    support::assert_runbook_versions_are_never_replaced(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn a_batch_with_a_conflicting_runbook_version_stores_nothing() {
    let store = fresh("sitrep-test-atomic-batch").await;
    support::assert_a_conflicting_batch_stores_nothing(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn an_entry_is_never_replaced() {
    let store = fresh("sitrep-test-entry-conflict").await;
    support::assert_entries_are_never_replaced(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn settings_and_a_review_are_created_once() {
    let store = fresh("sitrep-test-created-once").await;
    support::assert_settings_and_reviews_are_created_once(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn settings_records_carry_revisions() {
    let store = fresh("sitrep-test-settings-revisions").await;
    support::assert_settings_records_carry_revisions(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn review_records_carry_revisions() {
    let store = fresh("sitrep-test-review-revisions").await;
    support::assert_review_records_carry_revisions(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn the_incident_head_is_checked() {
    let store = fresh("sitrep-test-incident-head").await;
    support::assert_incident_head_is_checked(&store).await;
    store.close();
}

/// A store keyed by the key path `key`, as every store but `settings` is.
fn keyed_store(db: &IdbDatabase, name: &str) -> IdbObjectStore {
    let keyed = IdbObjectStoreParameters::new();
    keyed.set_key_path(&JsValue::from_str("key"));
    db.create_object_store_with_optional_parameters(name, &keyed).unwrap()
}

/// Puts the frozen settings and review in their version-3 shapes: the settings
/// as one record under an out-of-line key, the review whole.
fn put_version_3_settings_and_review(settings: &IdbObjectStore, reviews: &IdbObjectStore) {
    let parse = |text: &str| js_sys::JSON::parse(text).expect("fixture is JSON");
    settings
        .put_with_key(&parse(include_str!("fixtures/schema1/settings.json")), &JsValue::from_str("workspace"))
        .unwrap();
    reviews.put(&parse(include_str!("fixtures/schema1/review.json"))).unwrap();
}

/// The frozen settings and review as the domain reads them.
fn version_3_documents() -> (sitrep::domain::Settings, sitrep::domain::Review) {
    let fixture = |text: &str| serde_json::from_str::<Value>(text).unwrap()["data"].clone();
    (
        serde_json::from_value(fixture(include_str!("fixtures/schema1/settings.json"))).unwrap(),
        serde_json::from_value(fixture(include_str!("fixtures/schema1/review.json"))).unwrap(),
    )
}

/// Creates `name` as IndexedDB version 3 held it (settings as one record under an
/// out-of-line key, reviews stored whole), filled with the frozen schema-1 records
/// of every kind, then closes it. Names are spelled out: this is a fixture of the
/// version-3 shape, not a call of `idb::upgrade`.
async fn create_version_3(name: &str) {
    IdbStore::delete(name).await.expect("the old database is deleted");
    let raw = raw_open(name, Some(3), move |db, _| {
        let settings = db.create_object_store("settings").unwrap();
        let store = |name: &str| keyed_store(db, name);
        let (incidents, timeline, runs, runbooks, reviews) =
            (store("incidents"), store("timeline"), store("runs"), store("runbooks"), store("reviews"));
        timeline.create_index_with_str("by_incident", "incident").unwrap();
        runs.create_index_with_str("by_incident", "incident").unwrap();
        put_version_3_settings_and_review(&settings, &reviews);
        let parse = |text: &str| js_sys::JSON::parse(text).expect("fixture is JSON");
        incidents.put(&parse(include_str!("fixtures/schema1/incident.json"))).unwrap();
        timeline.put(&parse(include_str!("fixtures/schema1/entry.json"))).unwrap();
        runs.put(&parse(include_str!("fixtures/schema1/run.json"))).unwrap();
        runbooks.put(&parse(include_str!("fixtures/schema1/runbook.json"))).unwrap();
    })
    .await
    .expect("version 3 is created");
    assert_eq!(store_names(&raw.db), ["incidents", "reviews", "runbooks", "runs", "settings", "timeline"]);
    raw.db.close();
}

#[wasm_bindgen_test]
async fn a_version_3_database_is_upgraded_and_its_documents_split_without_losing_data() {
    let name = "sitrep-test-upgrade-v3";
    create_version_3(name).await;
    let (settings, review) = version_3_documents();
    let (incident, declaration) = support::declared(1, "Checkout returns 502", 0);

    let store = open(name).await;
    assert_eq!(support::value(store.settings().await), Some(settings.clone()));
    assert_eq!(support::value(store.review(incident.id()).await), Some(review.clone()));
    assert_eq!(store.reviews().await, Ok(Loaded { items: vec![review.clone()], unreadable: vec![] }));
    assert_eq!(support::value(store.incident(incident.id()).await), Some(incident.clone()));
    assert_eq!(store.timeline(incident.id()).await, Ok(Loaded { items: vec![declaration], unreadable: vec![] }));
    assert_eq!(store.runs(incident.id()).await.map(|runs| runs.items.len()), Ok(1));
    assert_eq!(
        store.runbooks().await.map(|runbooks| runbooks.items),
        Ok(vec![support::runbook(1, "Database failover", 5)])
    );
    store.close();
    let raw = raw_open(name, None, |_, _| ()).await.expect("the database opens");
    assert_eq!(raw_get(&raw.db, "settings", "workspace").await, Value::Null, "the old settings record is gone");
    assert_eq!(raw.db.version() as u32, DB_VERSION);
    raw.db.close();

    // Opening again migrates nothing twice, and the split records keep working.
    let store = open(name).await;
    let read = store.settings().await.unwrap().unwrap();
    let renamed = read.value.with_display_name("Ana Lima");
    store
        .write(Batch { settings: Some(sitrep::store::Edit::change(read, renamed.clone())), ..Batch::default() })
        .await
        .unwrap();
    assert_eq!(support::value(store.settings().await), Some(renamed));
    assert_eq!(support::value(store.review(incident.id()).await), Some(review));
    store.close();
}

/// Creates `name` as a version-7 database whose settings and review still have
/// their version-3 shapes: until version 8, the move to the current shapes ran
/// in its own transaction after each open, and a tab of version 4 to 7 that
/// crashed (or was closed) right after upgrading left them so. Names are spelled
/// out, as in `create_version_3`.
async fn create_version_7_not_moved(name: &str) {
    IdbStore::delete(name).await.expect("the old database is deleted");
    let raw = raw_open(name, Some(7), move |db, _| {
        let settings = db.create_object_store("settings").unwrap();
        let store = |name: &str| keyed_store(db, name);
        let timeline = store("timeline");
        let at = js_sys::Array::of2(&"incident".into(), &"at".into());
        timeline.create_index_with_str_sequence("by_incident_at", &at).unwrap();
        store("runs").create_index_with_str("by_incident", "incident").unwrap();
        store("review_parts").create_index_with_str("by_incident", "incident").unwrap();
        for name in ["incidents", "runbooks", "preferences", "workspace", "shares"] {
            store(name);
        }
        put_version_3_settings_and_review(&settings, &store("reviews"));
    })
    .await
    .expect("version 7 is created");
    raw.db.close();
}

#[wasm_bindgen_test]
async fn a_version_7_database_with_records_never_moved_gets_them_moved_by_the_upgrade() {
    let name = "sitrep-test-upgrade-v7-not-moved";
    create_version_7_not_moved(name).await;
    let (settings, review) = version_3_documents();

    let store = open(name).await;
    assert_eq!(support::value(store.settings().await), Some(settings));
    assert_eq!(support::value(store.review(review.incident()).await), Some(review));
    store.close();
    let raw = raw_open(name, None, |_, _| ()).await.expect("the database opens");
    assert_eq!(raw.db.version() as u32, DB_VERSION);
    assert_eq!(raw_get(&raw.db, "settings", "workspace").await, Value::Null, "the old settings record is gone");
    raw.db.close();
}

/// A refused write is reported by the browser's reason: a second `add` of the
/// same key fails with `ConstraintError`, which is `Conflict`. A full disk shows
/// only when the transaction commits, and the crate reports that abort without
/// its reason, so the store reads the `DOMException` from the raw transaction
/// (`idb::reason_error`): the browser's own `QuotaExceededError` is
/// `QuotaExceeded`, and other names keep their detail. (Chromium's
/// `Storage.overrideQuotaForOrigin` did not shrink the quota of IndexedDB in
/// headless Chromium here, so the full disk itself is not staged.)
#[wasm_bindgen_test]
async fn an_aborted_transaction_is_reported_by_its_reason_and_a_full_disk_is_named() {
    let store = fresh("sitrep-test-abort-reason").await;
    let (incident, declaration) = support::declared(1, "Checkout returns 502", 0);
    let batch = Batch {
        incident: Some(sitrep::store::Edit::create(incident.clone())),
        entries: vec![declaration.clone()],
        ..Batch::default()
    };
    store.write(batch).await.expect("declared");
    assert_eq!(support::add_entry(&store, &declaration).await, Err(StoreError::Conflict));
    store.close();

    let exception =
        |name: &str| web_sys::DomException::new_with_message_and_name("refused", name).expect("an exception");
    assert_eq!(sitrep::store::idb::reason_error(&exception("QuotaExceededError")), StoreError::QuotaExceeded);
    assert_eq!(sitrep::store::idb::reason_error(&exception("ConstraintError")), StoreError::Conflict);
    assert_eq!(
        sitrep::store::idb::reason_error(&exception("UnknownError")),
        StoreError::Failed("UnknownError: refused".into())
    );
}

#[wasm_bindgen_test]
async fn a_deleted_incident_leaves_a_tombstone() {
    let store = fresh("sitrep-test-delete").await;
    support::assert_a_deleted_incident_leaves_a_tombstone(&store).await;
    store.close();
}

#[wasm_bindgen_test]
async fn shares_move_on_by_revision() {
    let store = fresh("sitrep-test-shares").await;
    support::assert_shares_move_on_by_revision(&store).await;
    store.close();
}
