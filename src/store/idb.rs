//! The workspace in the browser's IndexedDB.
//!
//! This is the only module that knows the database's name, object stores, indexes
//! and schema upgrades:
//!
//! - `settings`: one record under the key `workspace`;
//! - `incidents`: one record per incident, key path `key` (the incident id);
//! - `timeline`: one record per entry, key path `key` (the entry id), with the index
//!   `by_incident` on `incident`, so one incident's timeline is read without
//!   scanning the others;
//! - `runs` (since version 2): one record per runbook run, key path `key`, with the
//!   index `by_incident` on `incident`;
//! - `runbooks` (since version 2): one record per runbook version, key path `key`
//!   (`<runbook id>/<version>`); versions are added, never replaced;
//! - `reviews` (since version 3): one record per incident's review, key path `key`
//!   (the incident id).
//!
//! [`DB_VERSION`] is the IndexedDB version; [`upgrade`] brings a database of any
//! older version up to it, one step per version, and later versions add steps.
//! Records are [`Envelope`]s stored as plain JSON objects; see [`super::records`]
//! for their own schema version and migrations.
//!
//! Writes issue every request synchronously and then wait for the transaction's
//! `complete` event, so `Ok` means the data is committed. Nothing is awaited inside
//! a transaction but its own requests.

use super::records::{restore, restore_all, runbook_key, Envelope, Kind};
use super::{Batch, Loaded, Store, StoreError, StoreFuture};
use crate::domain::{Incident, IncidentId, Review, Runbook, RunbookRun, Settings, TimelineEntry};
use js_sys::{Function, Promise};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The name of the database the app uses.
pub const DB_NAME: &str = "sitrep";

/// The IndexedDB version this build upgrades databases to.
pub const DB_VERSION: u32 = 3;

const SETTINGS: &str = "settings";
const INCIDENTS: &str = "incidents";
const TIMELINE: &str = "timeline";
const RUNS: &str = "runs";
const RUNBOOKS: &str = "runbooks";
const REVIEWS: &str = "reviews";
const BY_INCIDENT: &str = "by_incident";
const SETTINGS_KEY: &str = "workspace";

/// The workspace in IndexedDB; cheap to clone, all clones share one connection.
#[derive(Clone, Debug)]
pub struct IdbStore {
    db: Rc<IdbDatabase>,
}

/// Applies every upgrade step between `old` and [`DB_VERSION`]. Each step is
/// written once and never changed; a new schema adds a step.
fn upgrade(db: &IdbDatabase, old: u32) -> Result<(), JsValue> {
    if old < 1 {
        db.create_object_store(SETTINGS)?;
        let keyed = IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("key"));
        db.create_object_store_with_optional_parameters(INCIDENTS, &keyed)?;
        let timeline = db.create_object_store_with_optional_parameters(TIMELINE, &keyed)?;
        timeline.create_index_with_str(BY_INCIDENT, "incident")?;
    }
    if old < 2 {
        let keyed = IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("key"));
        let runs = db.create_object_store_with_optional_parameters(RUNS, &keyed)?;
        runs.create_index_with_str(BY_INCIDENT, "incident")?;
        db.create_object_store_with_optional_parameters(RUNBOOKS, &keyed)?;
    }
    if old < 3 {
        let keyed = IdbObjectStoreParameters::new();
        keyed.set_key_path(&JsValue::from_str("key"));
        db.create_object_store_with_optional_parameters(REVIEWS, &keyed)?;
    }
    Ok(())
}

/// Turns a JavaScript error (usually a `DOMException`) into a [`StoreError`].
fn store_error(error: JsValue) -> StoreError {
    let (name, message) = match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => (e.name(), e.message()),
        None => (String::new(), error.as_string().unwrap_or_else(|| format!("{error:?}"))),
    };
    match name.as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "ConstraintError" => StoreError::Conflict,
        "VersionError" => StoreError::NewerSchema(0),
        "SecurityError" | "InvalidStateError" if message.is_empty() => StoreError::Unavailable(name),
        "SecurityError" => StoreError::Unavailable(message),
        _ if name.is_empty() => StoreError::Failed(message),
        _ => StoreError::Failed(format!("{name}: {message}")),
    }
}

/// Waits for a request's `success` (its result) or `error` (its error).
async fn request(req: &IdbRequest) -> Result<JsValue, StoreError> {
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
    JsFuture::from(promise).await.map_err(store_error)
}

/// Waits for a transaction to commit; an abort reports the transaction's error
/// (for example `QuotaExceededError`).
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let reject_with_error = move || {
            let error =
                failed.error().map(JsValue::from).unwrap_or_else(|| JsValue::from_str("the save was cancelled"));
            let _ = reject.call1(&JsValue::NULL, &error);
        };
        let on_abort = Closure::once_into_js(reject_with_error);
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(store_error)
}

fn to_js(envelope: &Envelope) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(envelope).map_err(|e| StoreError::Failed(e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(store_error)
}

/// Reads a stored value as JSON; values JSON cannot express come back as `null`
/// and are then reported as unreadable rather than failing the whole read.
fn from_js(value: &JsValue) -> serde_json::Value {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn array_to_json(value: JsValue) -> Vec<serde_json::Value> {
    js_sys::Array::from(&value).iter().map(|item| from_js(&item)).collect()
}

impl IdbStore {
    /// Opens (creating or upgrading as needed) the database `name`.
    ///
    /// `on_blocked` runs if another tab holds an older version open and so blocks
    /// the upgrade; the returned future then waits until that tab lets go.
    /// `on_version_change` runs if another tab later needs to upgrade: this
    /// connection is closed first so that the other tab is not blocked.
    pub async fn open(
        name: &str,
        on_blocked: impl Fn() + 'static,
        on_version_change: impl Fn() + 'static,
    ) -> Result<IdbStore, StoreError> {
        let factory = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .indexed_db()
            .map_err(store_error)?
            .ok_or_else(|| StoreError::Unavailable("IndexedDB is switched off".into()))?;
        let open = factory.open_with_u32(name, DB_VERSION).map_err(store_error)?;
        let upgrading = open.clone();
        let upgrade_error: Rc<std::cell::RefCell<Option<JsValue>>> = Rc::default();
        let upgrade_failure = upgrade_error.clone();
        let on_upgrade =
            Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(move |event: web_sys::IdbVersionChangeEvent| {
                let old = event.old_version() as u32;
                let result = upgrading.result().and_then(|db| upgrade(&db.unchecked_into(), old));
                if let Err(error) = result {
                    *upgrade_failure.borrow_mut() = Some(error);
                    if let Some(tx) = upgrading.transaction() {
                        let _ = tx.abort();
                    }
                }
            });
        let on_blocked = Closure::<dyn FnMut()>::new(on_blocked);
        open.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        open.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
        let opened = request(&open).await;
        open.set_onupgradeneeded(None);
        open.set_onblocked(None);
        drop((on_upgrade, on_blocked));
        if let Some(error) = upgrade_error.borrow_mut().take() {
            return Err(store_error(error));
        }
        let db: IdbDatabase = opened?.unchecked_into();
        let closing = db.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            closing.close();
            on_version_change();
        });
        db.set_onversionchange(Some(on_change.into_js_value().unchecked_ref()));
        Ok(IdbStore { db: Rc::new(db) })
    }

    /// Closes the connection; later calls on this store fail.
    pub fn close(&self) {
        self.db.close();
    }

    /// Deletes the database `name`, for tests that need an empty one.
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| StoreError::Unavailable("IndexedDB is switched off".into()))?;
        let req = factory.delete_database(name).map_err(store_error)?;
        request(&req).await.map(|_| ())
    }

    fn transaction(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        let names = js_sys::Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        self.db.transaction_with_str_sequence_and_mode(&names, mode).map_err(store_error)
    }

    async fn read(
        &self,
        store: &str,
        op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<JsValue, StoreError> {
        let tx = self.transaction(&[store], IdbTransactionMode::Readonly)?;
        let req = op(&tx.object_store(store).map_err(store_error)?).map_err(store_error)?;
        request(&req).await
    }

    async fn write_records(&self, records: Vec<Record>) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        let mut names: Vec<&str> = records.iter().map(|record| record.store).collect();
        names.sort_unstable();
        names.dedup();
        let tx = self.transaction(&names, IdbTransactionMode::Readwrite)?;
        let issue = || -> Result<(), StoreError> {
            for record in &records {
                let object_store = tx.object_store(record.store).map_err(store_error)?;
                let value = to_js(&record.envelope)?;
                match (record.key, record.add_only) {
                    (Some(key), true) => object_store.add_with_key(&value, &JsValue::from_str(key)),
                    (Some(key), false) => object_store.put_with_key(&value, &JsValue::from_str(key)),
                    (None, true) => object_store.add(&value),
                    (None, false) => object_store.put(&value),
                }
                .map_err(store_error)?;
            }
            Ok(())
        };
        if let Err(error) = issue() {
            let _ = tx.abort();
            return Err(error);
        }
        committed(&tx).await
    }

    /// Writes a raw value as a timeline entry of `incident`, bypassing every check,
    /// so tests can see how a damaged record is handled.
    #[doc(hidden)]
    pub async fn put_raw_entry(&self, key: &str, incident: IncidentId, raw: JsValue) -> Result<(), StoreError> {
        let tx = self.transaction(&[TIMELINE], IdbTransactionMode::Readwrite)?;
        let _ = js_sys::Reflect::set(&raw, &"key".into(), &key.into());
        let _ = js_sys::Reflect::set(&raw, &"incident".into(), &incident.to_string().into());
        tx.object_store(TIMELINE).and_then(|s| s.put(&raw)).map_err(store_error)?;
        committed(&tx).await
    }
}

/// One record of a write: where it goes, under which out-of-line key if any, and
/// whether an existing record with the same key must make the write fail.
struct Record {
    store: &'static str,
    key: Option<&'static str>,
    add_only: bool,
    envelope: Envelope,
}

impl Record {
    fn put(store: &'static str, envelope: Envelope) -> Self {
        Self { store, key: None, add_only: false, envelope }
    }

    fn add(store: &'static str, envelope: Envelope) -> Self {
        Self { store, key: None, add_only: true, envelope }
    }
}

fn records(batch: &Batch) -> Result<Vec<Record>, StoreError> {
    let mut records = Vec::new();
    if let Some(settings) = &batch.settings {
        let envelope = Envelope::wrap(SETTINGS_KEY.into(), None, settings)?;
        records.push(Record { store: SETTINGS, key: Some(SETTINGS_KEY), add_only: batch.create_settings, envelope });
    }
    if let Some(incident) = &batch.incident {
        records.push(Record::put(INCIDENTS, Envelope::wrap(incident.id().to_string(), None, incident)?));
    }
    for entry in &batch.entries {
        let envelope = Envelope::wrap(entry.id().to_string(), Some(entry.incident().to_string()), entry)?;
        records.push(Record::add(TIMELINE, envelope));
    }
    for run in &batch.runs {
        records.push(Record::add(RUNS, Envelope::wrap(run.id().to_string(), Some(run.incident().to_string()), run)?));
    }
    for runbook in &batch.runbooks {
        let envelope = Envelope::wrap(runbook_key(runbook), None, runbook)?;
        records.push(Record::add(RUNBOOKS, envelope));
    }
    for review in &batch.reviews {
        let envelope = Envelope::wrap(review.incident().to_string(), None, review)?;
        records.push(Record { store: REVIEWS, key: None, add_only: batch.create_reviews, envelope });
    }
    Ok(records)
}

impl Store for IdbStore {
    fn write(&self, batch: Batch) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.write_records(records(&batch)?).await })
    }

    fn settings(&self) -> StoreFuture<'_, Option<Settings>> {
        Box::pin(async move {
            let value = self.read(SETTINGS, |s| s.get(&JsValue::from_str(SETTINGS_KEY))).await?;
            if value.is_undefined() {
                return Ok(None);
            }
            restore(Kind::Settings, from_js(&value)).map(Some).map_err(StoreError::from)
        })
    }

    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>> {
        Box::pin(async move {
            let all = self.read(INCIDENTS, |s| s.get_all()).await?;
            restore_all(Kind::Incident, array_to_json(all))
        })
    }

    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Incident>> {
        Box::pin(async move {
            let value = self.read(INCIDENTS, |s| s.get(&JsValue::from_str(&id.to_string()))).await?;
            if value.is_undefined() {
                return Ok(None);
            }
            restore(Kind::Incident, from_js(&value)).map(Some).map_err(StoreError::from)
        })
    }

    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>> {
        Box::pin(async move {
            let key = JsValue::from_str(&incident.to_string());
            let all = self.read(TIMELINE, |s| s.index(BY_INCIDENT)?.get_all_with_key(&key)).await?;
            restore_all(Kind::Entry, array_to_json(all))
        })
    }

    fn runs(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<RunbookRun>> {
        Box::pin(async move {
            let key = JsValue::from_str(&incident.to_string());
            let all = self.read(RUNS, |s| s.index(BY_INCIDENT)?.get_all_with_key(&key)).await?;
            restore_all(Kind::Run, array_to_json(all))
        })
    }

    fn runbooks(&self) -> StoreFuture<'_, Loaded<Runbook>> {
        Box::pin(async move {
            let all = self.read(RUNBOOKS, |s| s.get_all()).await?;
            restore_all(Kind::Runbook, array_to_json(all))
        })
    }

    fn review(&self, incident: IncidentId) -> StoreFuture<'_, Option<Review>> {
        Box::pin(async move {
            let value = self.read(REVIEWS, |s| s.get(&JsValue::from_str(&incident.to_string()))).await?;
            if value.is_undefined() {
                return Ok(None);
            }
            restore(Kind::Review, from_js(&value)).map(Some).map_err(StoreError::from)
        })
    }

    fn reviews(&self) -> StoreFuture<'_, Loaded<Review>> {
        Box::pin(async move {
            let all = self.read(REVIEWS, |s| s.get_all()).await?;
            restore_all(Kind::Review, array_to_json(all))
        })
    }
}
