//! The workspace in the browser's IndexedDB, through `indexed_db_futures`.
//!
//! This is the only module that knows the database's name, object stores, indexes
//! and schema upgrades. Every object store but the old `settings` keeps records
//! under the key path `key`:
//!
//! - `settings` (versions 1 to 3): the whole settings as one record under the key
//!   `workspace`; since version 4 it is emptied and unused (since 8 by the upgrade,
//!   [`migrate_legacy`]);
//! - `preferences` (since 4): this browser's display name and language (`me`);
//! - `workspace` (since 4): the ladder, one record per person, one per component;
//! - `incidents`: one record per incident (the cached fold of its entries, whose
//!   revision is the incident's head);
//! - `timeline`: one record per entry, with (since 7) the one index `by_incident_at`
//!   on `incident` and `at` (the entry's time, [`index_time`]): it reads an
//!   incident's whole timeline, or its first or last entries without the rest.
//!   Until 6 it had `by_incident` on `incident` and (6) `by_incident_time` on
//!   `incident` and `data.event_at`; one index instead of two makes each write of
//!   an entry cheaper (an import's thousands);
//! - `runs` (since 2): one record per runbook run, with the index `by_incident`;
//! - `runbooks` (since 2): one record per runbook version (`<runbook id>/<version>`);
//! - `reviews` (since 3): one record per review, its workflow; until version 4 the
//!   whole review;
//! - `review_parts` (since 4): a review's header, chosen entries, meta, sections
//!   and items, with the index `by_incident`;
//! - `shares` (since 5): one record per incident shared with a team's server
//!   (its server, database and replication state: [`super::sync`]).
//!
//! See [`super::documents`] for how documents split into records, and
//! [`super::records`] for the records' envelope and migrations. [`DB_VERSION`] is
//! the IndexedDB version; [`upgrade`] brings a database of any older version up to
//! it, one step per version.
//!
//! Every read-write transaction asks for strict durability: `Ok` means the browser
//! has the data on disk, not only in the operating system's buffers. Inside a
//! transaction nothing is awaited but its own requests.

use super::documents::{split_review, split_settings, Expect, Op, Table};
use super::records::{current_data, index_time, Envelope, Kind};
use super::{End, Query, Records, StoreError, StoreFuture};
use crate::domain::IncidentId;
use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::future::{BasicRequest, GetAllPrimitiveRequest};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::primitive::TryToJs;
use indexed_db_futures::transaction::{Transaction, TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::{KeyPath, KeyRange};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The name of the database the app uses.
pub const DB_NAME: &str = "sitrep";

/// The IndexedDB version this build upgrades databases to.
pub const DB_VERSION: u32 = 8;

const SETTINGS: &str = "settings";
const PREFERENCES: &str = "preferences";
const WORKSPACE: &str = "workspace";
const INCIDENTS: &str = "incidents";
const TIMELINE: &str = "timeline";
const RUNS: &str = "runs";
const RUNBOOKS: &str = "runbooks";
const REVIEWS: &str = "reviews";
const REVIEW_PARTS: &str = "review_parts";
const SHARES: &str = "shares";
const BY_INCIDENT: &str = "by_incident";
const BY_INCIDENT_TIME: &str = "by_incident_time";
const BY_INCIDENT_AT: &str = "by_incident_at";
const LEGACY_SETTINGS_KEY: &str = "workspace";

fn store_name(table: Table) -> &'static str {
    match table {
        Table::Preferences => PREFERENCES,
        Table::Workspace => WORKSPACE,
        Table::Incidents => INCIDENTS,
        Table::Timeline => TIMELINE,
        Table::Runs => RUNS,
        Table::Runbooks => RUNBOOKS,
        Table::Reviews => REVIEWS,
        Table::ReviewParts => REVIEW_PARTS,
        Table::Shares => SHARES,
    }
}

/// The workspace in IndexedDB; cheap to clone, all clones share one connection.
#[derive(Clone, Debug)]
pub struct IdbStore {
    db: Rc<Database>,
    /// Whether the browser's `getAll` takes a count and a direction, so that the
    /// newest entries of a timeline are one request ([`Asked::Newest`]).
    newest_at_once: bool,
}

/// Applies every upgrade step between `old` and [`DB_VERSION`]. Each step is
/// written once and never changed; a new schema adds a step.
fn upgrade(db: &Database, old: u32) -> Result<(), Error> {
    let keyed = |name: &str| db.create_object_store(name).with_key_path(KeyPath::from("key")).build();
    if old < 1 {
        db.create_object_store(SETTINGS).build()?;
        keyed(INCIDENTS)?;
        keyed(TIMELINE)?.create_index(BY_INCIDENT, KeyPath::from("incident")).build()?;
    }
    if old < 2 {
        keyed(RUNS)?.create_index(BY_INCIDENT, KeyPath::from("incident")).build()?;
        keyed(RUNBOOKS)?;
    }
    if old < 3 {
        keyed(REVIEWS)?;
    }
    if old < 4 {
        keyed(PREFERENCES)?;
        keyed(WORKSPACE)?;
        keyed(REVIEW_PARTS)?.create_index(BY_INCIDENT, KeyPath::from("incident")).build()?;
    }
    if old < 5 {
        keyed(SHARES)?;
    }
    if old < 6 {
        index_by_incident_time()?;
    }
    if old < 7 {
        index_by_incident_at()?;
    }
    if (1..8).contains(&old) {
        migrate_legacy()?;
    }
    Ok(())
}

/// The existing `timeline` store, in the version-change transaction upgrading to
/// `version`.
fn upgrading_timeline(version: u32) -> Result<web_sys::IdbObjectStore, Error> {
    upgrading(version)?.object_store(TIMELINE).map_err(Error::from)
}

/// The version-change transaction upgrading to `version`. The crate hands the
/// upgrade no transaction, so it is read from the `upgradeneeded` event being
/// dispatched (`window.event`), the open request's.
fn upgrading(version: u32) -> Result<web_sys::IdbTransaction, Error> {
    let failed = |what: &str| Error::from(js_sys::Error::new(&format!("upgrade to version {version}: {what}")));
    let event = web_sys::window().map(|w| w.event()).ok_or_else(|| failed("no window"))?;
    let request = event
        .dyn_into::<web_sys::Event>()
        .ok()
        .and_then(|e| e.target())
        .and_then(|t| t.dyn_into::<web_sys::IdbRequest>().ok())
        .ok_or_else(|| failed("no open request"))?;
    request.transaction().ok_or_else(|| failed("no upgrade transaction"))
}

/// Adds the index `by_incident_time` to the existing `timeline` store (version
/// 6); IndexedDB fills it from the records already stored, whose event time is
/// `data.event_at`.
fn index_by_incident_time() -> Result<(), Error> {
    let store = upgrading_timeline(6)?;
    let path = js_sys::Array::of2(&"incident".into(), &"data.event_at".into());
    store.create_index_with_str_sequence(BY_INCIDENT_TIME, &path).map_err(Error::from)?;
    Ok(())
}

/// Version 7: the `timeline` store's two indexes become one, `by_incident_at` on
/// `incident` and `at`, and every stored entry gets its `at` ([`index_time`]) in
/// the same version-change transaction, so no read ever sees an entry without it.
/// A failure aborts the transaction, and the database stays at version 6 as it was.
fn index_by_incident_at() -> Result<(), Error> {
    let store = upgrading_timeline(7)?;
    store.delete_index(BY_INCIDENT).map_err(Error::from)?;
    store.delete_index(BY_INCIDENT_TIME).map_err(Error::from)?;
    let path = js_sys::Array::of2(&"incident".into(), &"at".into());
    store.create_index_with_str_sequence(BY_INCIDENT_AT, &path).map_err(Error::from)?;
    let request = store.open_cursor().map_err(Error::from)?;
    let walking = request.clone();
    // Each step writes one record and moves on; the transaction lasts until the
    // cursor has passed the last record. A write that fails aborts it.
    let step = Closure::<dyn FnMut()>::new(move || {
        let Ok(found) = walking.result() else { return };
        let Ok(cursor) = found.dyn_into::<web_sys::IdbCursorWithValue>() else { return };
        if let Ok(record) = cursor.value() {
            let at = index_time(&from_js(&record).get("data").cloned().unwrap_or_default());
            let _ = js_sys::Reflect::set(&record, &"at".into(), &at.into());
            if cursor.update(&record).is_err() {
                if let Some(tx) = walking.transaction() {
                    let _ = tx.abort();
                }
                return;
            }
        }
        let _ = cursor.continue_();
    });
    request.set_onsuccess(Some(step.into_js_value().unchecked_ref()));
    Ok(())
}

/// Version 8: records of older shapes are brought up to date in the
/// version-change transaction, once, so that reads only ever see the current
/// shapes and no page load pays for a check: the settings of versions 1 to 3
/// (one record) become their records (preferences, ladder, people, components),
/// and reviews stored whole (version 3) become their records. It runs for every
/// database older than 8 (until 7 the same moves ran in a read-write
/// transaction after each open, which a crash could have come before). A record
/// that cannot be read, or a write that fails, aborts the transaction: the
/// database stays at its version as it was, and the open fails.
fn migrate_legacy() -> Result<(), Error> {
    let tx = upgrading(8)?;
    let legacy = tx.object_store(SETTINGS).map_err(Error::from)?;
    let found = legacy.get(&LEGACY_SETTINGS_KEY.into()).map_err(Error::from)?;
    on_result(&found, {
        let tx = tx.clone();
        move |raw| {
            let Some(raw) = raw.filter(|raw| !raw.is_undefined()) else { return Ok(()) };
            let (_, data) = current_data(Kind::Settings, from_js(&raw)).map_err(|e| format!("{e:?}"))?;
            // Split only where there are no current settings: those are never
            // replaced by an older record.
            let mine = tx.object_store(PREFERENCES).and_then(|s| s.get(&"me".into())).map_err(js_text)?;
            let writing = tx.clone();
            on_result(&mine, move |me| {
                if me.is_some_and(|me| !me.is_undefined()) {
                    return Ok(());
                }
                for part in split_settings(data) {
                    let envelope = Envelope::new(part.table, part.key, None, 1, part.data);
                    put_raw(&writing, store_name(part.table), &envelope)?;
                }
                Ok(())
            });
            tx.object_store(SETTINGS).and_then(|s| s.delete(&LEGACY_SETTINGS_KEY.into())).map_err(js_text)?;
            Ok(())
        }
    });
    let reviews = tx.object_store(REVIEWS).and_then(|s| s.get_all()).map_err(Error::from)?;
    on_result(&reviews, move |all| {
        let all: js_sys::Array = all.map(JsCast::unchecked_into).unwrap_or_default();
        for raw in all.iter().map(|raw| from_js(&raw)) {
            let whole =
                raw.get("data").is_some_and(|data| data.get("owner").is_some() || data.get("sections").is_some());
            let Some(incident) = Envelope::key_of(&raw).map(str::to_owned).filter(|_| whole) else { continue };
            let rev = Envelope::revision_of(&raw) + 1;
            let Ok((_, data)) = current_data(Kind::Review, raw) else { continue };
            for part in split_review(&incident, data) {
                let envelope = Envelope::new(part.table, part.key, part.incident, rev, part.data);
                put_raw(&tx, store_name(part.table), &envelope)?;
            }
        }
        Ok(())
    });
    Ok(())
}

/// Runs `then` with a request's result once it succeeds, in the transaction's
/// life; if `then` fails, the transaction is aborted.
fn on_result(request: &web_sys::IdbRequest, then: impl FnOnce(Option<JsValue>) -> Result<(), String> + 'static) {
    let asked = request.clone();
    let done = Closure::once(move || {
        if then(asked.result().ok()).is_err() {
            if let Some(tx) = asked.transaction() {
                let _ = tx.abort();
            }
        }
    });
    request.set_onsuccess(Some(done.into_js_value().unchecked_ref()));
}

/// Puts a record in `store` of a transaction without waiting for it.
fn put_raw(tx: &web_sys::IdbTransaction, store: &str, envelope: &Envelope) -> Result<(), String> {
    let record = to_js(&envelope_json(envelope).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    tx.object_store(store).and_then(|s| s.put(&record)).map(drop).map_err(js_text)
}

/// A thrown value as text.
fn js_text(error: JsValue) -> String {
    format!("{error:?}")
}

/// The [`StoreError`] for a DOM exception's name and message.
fn named_error(name: &str, message: String) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "ConstraintError" => StoreError::Conflict,
        "VersionError" => StoreError::NewerSchema(0),
        "SecurityError" | "InvalidStateError" if message.is_empty() => StoreError::Unavailable(name.to_owned()),
        "SecurityError" => StoreError::Unavailable(message),
        "" => StoreError::Failed(message),
        _ => StoreError::Failed(format!("{name}: {message}")),
    }
}

/// Turns the crate's error into a [`StoreError`].
fn store_error(error: Error) -> StoreError {
    match error {
        Error::DomException(DomException::ConstraintError(_)) => StoreError::Conflict,
        Error::DomException(e) => {
            let raw: &web_sys::DomException = e.as_sys();
            named_error(&raw.name(), raw.message())
        }
        other => StoreError::Failed(other.to_string()),
    }
}

fn open_error(error: OpenDbError) -> StoreError {
    match error {
        OpenDbError::Base(error) => store_error(error),
        OpenDbError::NullFactory => StoreError::Unavailable("IndexedDB is switched off".into()),
        other => StoreError::Unavailable(other.to_string()),
    }
}

/// Why a transaction did not commit. The crate reports an abort without its
/// reason, so the reason is read from the raw transaction: a full disk is
/// `QuotaExceededError` there.
fn abort_reason(raw: &web_sys::IdbTransaction, error: Error) -> StoreError {
    match raw.error() {
        Some(reason) => reason_error(&reason),
        None => store_error(error),
    }
}

/// The [`StoreError`] for the `DOMException` a transaction aborted with; public
/// so that a browser test can hand it the exceptions a browser raises.
#[doc(hidden)]
pub fn reason_error(reason: &web_sys::DomException) -> StoreError {
    named_error(&reason.name(), reason.message())
}

fn to_js(value: &Value) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(&value.to_string()).map_err(|e| StoreError::Failed(format!("{e:?}")))
}

/// Reads a stored value as JSON; values JSON cannot express come back as `null`
/// and are then reported as unreadable rather than failing the whole read.
fn from_js(value: &JsValue) -> Value {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .unwrap_or(Value::Null)
}

/// A query's request, asked of the browser and not yet answered.
enum Asked {
    /// Nothing to ask (no entries wanted).
    Nothing,
    /// One record, if there is one.
    One(BasicRequest<Option<JsValue>>),
    /// Records, read as JSON when answered.
    Json(GetAllPrimitiveRequest<JsValue>),
    /// Keys, which are text.
    Keys(GetAllPrimitiveRequest<JsValue>),
    /// The records of an incident, kept as the browser gives them.
    Raw(GetAllPrimitiveRequest<JsValue>),
    /// The newest entries of a timeline, newest first: `getAll` with a count and
    /// the direction `prev`.
    Newest(js_sys::Promise),
    /// The newest entries of a timeline where `getAll` takes no direction: a
    /// cursor's steps, each asked when the one before is answered
    /// ([`newest_by_cursor`]), so asked in the query's turn.
    InTurn,
}

/// Asks the browser for what `query` reads, in `tx`, without waiting for it.
fn ask(tx: &Transaction<'_>, query: &Query, newest_at_once: bool) -> Result<Asked, StoreError> {
    let store = |table: Table| tx.object_store(store_name(table)).map_err(store_error);
    Ok(match query {
        Query::Get(table, key) => Asked::One(store(*table)?.get(key.as_str()).primitive().map_err(store_error)?),
        Query::All(table) => Asked::Json(store(*table)?.get_all::<JsValue>().primitive().map_err(store_error)?),
        Query::KeysBetween(table, first, last) => {
            let range = KeyRange::Bound(JsValue::from(first.as_str()), false, JsValue::from(last.as_str()), false);
            let request = store(*table)?.get_all_keys::<JsValue>().with_query::<JsValue, _>(range).primitive();
            Asked::Keys(request.map_err(store_error)?)
        }
        // Every record of the incident, as the browser gives them: a long
        // incident's thousands are turned into JSON later, a chunk at a time.
        Query::OfIncident(table, incident) => {
            let store = store(*table)?;
            let request = if *table == Table::Timeline {
                let index = store.index(BY_INCIDENT_AT).map_err(store_error)?;
                index.get_all::<JsValue>().with_query::<JsValue, _>(timeline_range(incident)).primitive()
            } else {
                let index = store.index(BY_INCIDENT).map_err(store_error)?;
                index.get_all::<JsValue>().with_query::<JsValue, _>(KeyRange::Only(JsValue::from(incident))).primitive()
            };
            Asked::Raw(request.map_err(store_error)?)
        }
        Query::KeysOfIncident(table, incident) => {
            let store = store(*table)?;
            let request = if *table == Table::Timeline {
                let index = store.index(BY_INCIDENT_AT).map_err(store_error)?;
                index.get_all_keys::<JsValue>().with_query::<JsValue, _>(timeline_range(incident)).primitive()
            } else {
                let index = store.index(BY_INCIDENT).map_err(store_error)?;
                index
                    .get_all_keys::<JsValue>()
                    .with_query::<JsValue, _>(KeyRange::Only(JsValue::from(incident)))
                    .primitive()
            };
            Asked::Keys(request.map_err(store_error)?)
        }
        Query::TimelineEnd { count: 0, .. } => Asked::Nothing,
        Query::TimelineEnd { incident, count, end: End::Oldest } => {
            let timeline = store(Table::Timeline)?;
            let index = timeline.index(BY_INCIDENT_AT).map_err(store_error)?;
            let limit = u32::try_from(*count).unwrap_or(u32::MAX);
            let request =
                index.get_all::<JsValue>().with_query::<JsValue, _>(timeline_range(incident)).with_limit(limit);
            Asked::Json(request.primitive().map_err(store_error)?)
        }
        Query::TimelineEnd { incident, count, end: End::Newest } if newest_at_once => {
            let timeline = store(Table::Timeline)?;
            let index = timeline.index(BY_INCIDENT_AT).map_err(store_error)?;
            let range = timeline_range(incident).try_to_js().map_err(store_error)?;
            let options = js_sys::Object::new();
            let limit = u32::try_from(*count).unwrap_or(u32::MAX);
            for (name, value) in [("query", range), ("count", JsValue::from(limit)), ("direction", "prev".into())] {
                js_sys::Reflect::set(&options, &name.into(), &value).map_err(|e| js_error(&e))?;
            }
            let request = index.as_sys().get_all_with_key(&options).map_err(|e| js_error(&e))?;
            Asked::Newest(answered(request))
        }
        Query::TimelineEnd { .. } => Asked::InTurn,
    })
}

/// A promise of `request`'s result, settled from its success or error event.
fn answered(request: web_sys::IdbRequest) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let (asked, failed) = (request.clone(), request.clone());
        let success = Closure::once(move || resolve.call1(&JsValue::NULL, &asked.result().unwrap_or(JsValue::NULL)));
        let error = Closure::once(move || reject.call1(&JsValue::NULL, &failed.error().ok().flatten().into()));
        request.set_onsuccess(Some(success.into_js_value().unchecked_ref()));
        request.set_onerror(Some(error.into_js_value().unchecked_ref()));
    })
}

/// Whether this browser's `getAll` takes a count and a direction (they shipped
/// together with `getAllRecords`): the newest entries are then one request, not
/// three.
fn get_all_takes_direction() -> bool {
    let prototype = js_sys::Reflect::get(&js_sys::global(), &"IDBIndex".into())
        .and_then(|index| js_sys::Reflect::get(&index, &"prototype".into()));
    prototype.is_ok_and(|prototype| {
        prototype.is_object() && js_sys::Reflect::has(&prototype, &"getAllRecords".into()).unwrap_or(false)
    })
}

/// Every key `[incident, at]` of `by_incident_at` for `incident`: every `at` is
/// text, the empty text sorts first, and all text sorts below an array.
fn timeline_range(incident: &str) -> KeyRange<JsValue> {
    timeline_from(incident, js_sys::Array::of2(&incident.into(), &"".into()).into())
}

/// The keys of `by_incident_at` for `incident` from the index key `from` on.
fn timeline_from(incident: &str, from: JsValue) -> KeyRange<JsValue> {
    let last = js_sys::Array::of2(&incident.into(), &js_sys::Array::new());
    KeyRange::Bound(from, false, last.into(), true)
}

/// What a query of a read found: records already read as JSON, or the records
/// of an incident as the browser gave them.
enum Answer {
    Json(Vec<Value>),
    Raw(Vec<JsValue>),
}

/// Lets the page handle input and render before the next chunk of a long read:
/// `scheduler.yield()` where the browser has it (the read then goes on before
/// other waiting tasks), a zero timeout elsewhere.
pub async fn yield_to_page() {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok().filter(|s| s.is_object());
    let yielded = scheduler.and_then(|scheduler| {
        let method = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?;
        let promise = method.dyn_ref::<js_sys::Function>()?.call0(&scheduler).ok()?;
        promise.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(promise) => drop(wasm_bindgen_futures::JsFuture::from(promise).await),
        None => gloo_timers::future::TimeoutFuture::new(0).await,
    }
}

/// The newest `count` entries of `incident` (at least one), in the index's
/// order, where `getAll` takes no direction. The browser reads only forwards in
/// one request, so they are found in three, however many there are: a cursor
/// from the newest end moved back to the `count`th, then every entry from its
/// time on, of which the last `count` are the newest (others may share that
/// time, with smaller keys).
async fn newest_by_cursor(store: &ObjectStore<'_>, incident: &str, count: usize) -> Result<Vec<Value>, StoreError> {
    let index = store.index(BY_INCIDENT_AT).map_err(store_error)?;
    let whole = || timeline_range(incident);
    let cursor = index
        .open_cursor()
        .with_query::<JsValue, _>(whole())
        .with_direction(CursorDirection::Prev)
        .primitive()
        .map_err(store_error)?;
    let Some(mut cursor) = cursor.await.map_err(store_error)? else { return Ok(Vec::new()) };
    cursor.advance_by(u32::try_from(count).unwrap_or(u32::MAX) - 1).await.map_err(store_error)?;
    // Moved past the oldest, the cursor's request holds null.
    let request = js_sys::Reflect::get(cursor.as_sys(), &"request".into()).map_err(|e| js_error(&e))?;
    let moved = request
        .unchecked_into::<web_sys::IdbRequest>()
        .result()
        .is_ok_and(|found| !found.is_null() && !found.is_undefined());
    let range = match cursor.key::<JsValue>().map_err(store_error)?.filter(|_| moved) {
        Some(from) => timeline_from(incident, from),
        // Fewer than `count`: all of them.
        None => whole(),
    };
    let found = index.get_all::<JsValue>().with_query::<JsValue, _>(range).primitive().map_err(store_error)?;
    let mut found: Vec<Value> = found
        .await
        .map_err(store_error)?
        .map(|item| item.map(|v| from_js(&v)).map_err(store_error))
        .collect::<Result<_, _>>()?;
    found.drain(..found.len().saturating_sub(count));
    Ok(found)
}

/// The [`StoreError`] for an exception a raw IndexedDB call threw.
fn js_error(error: &JsValue) -> StoreError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => reason_error(exception),
        None => StoreError::Failed(format!("{error:?}")),
    }
}

fn envelope_json(envelope: &Envelope) -> Result<Value, StoreError> {
    serde_json::to_value(envelope).map_err(|e| StoreError::Failed(e.to_string()))
}

impl IdbStore {
    /// Opens (creating or upgrading as needed) the database `name`; an upgrade
    /// also brings records of older shapes up to date ([`migrate_legacy`]).
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
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| upgrade(&db, event.old_version() as u32))
            .await
            .map_err(open_error)?;
        let raw: web_sys::IdbDatabase = db.as_sys().clone().into();
        let closing = raw.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            closing.close();
            on_version_change();
        });
        raw.set_onversionchange(Some(on_change.into_js_value().unchecked_ref()));
        Ok(IdbStore { db: Rc::new(db), newest_at_once: get_all_takes_direction() })
    }

    /// Closes the connection; later calls on this store fail.
    pub fn close(&self) {
        self.db.as_sys().close();
    }

    /// Deletes the database `name`, for tests that need an empty one.
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name).map_err(open_error)?.await.map_err(store_error)
    }

    fn transaction(&self, names: &[&str], mode: TransactionMode) -> Result<Transaction<'_>, StoreError> {
        let names: Vec<&str> = names.to_vec();
        let builder = self.db.transaction(names).with_mode(mode);
        let tx = if mode == TransactionMode::Readwrite {
            builder.with_options(TransactionOptions::new().with_durability(TransactionDurability::Strict)).build()
        } else {
            builder.build()
        };
        tx.map_err(store_error)
    }

    /// Commits a read-write transaction, reporting why it aborted if it did.
    async fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().into();
        tx.commit().await.map_err(|error| abort_reason(&raw, error))
    }

    async fn run_queries(&self, queries: Vec<Query>) -> Result<Vec<Vec<Value>>, StoreError> {
        if queries.is_empty() {
            return Ok(Vec::new());
        }
        let mut names: Vec<&str> = queries
            .iter()
            .map(|q| match q {
                Query::Get(t, _)
                | Query::All(t)
                | Query::OfIncident(t, _)
                | Query::KeysOfIncident(t, _)
                | Query::KeysBetween(t, ..) => store_name(*t),
                Query::TimelineEnd { .. } => TIMELINE,
            })
            .collect();
        crate::domain::order::sort(&mut names);
        names.dedup();
        let tx = self.transaction(&names, TransactionMode::Readonly)?;
        // Every request is asked for first and only then awaited, in order: a
        // read takes one trip through the event loop however many queries it
        // has (an import checking where its thousands of entries are, the
        // records an incident page opens with), not one trip each.
        let asked = queries.iter().map(|query| ask(&tx, query, self.newest_at_once)).collect::<Result<Vec<_>, _>>()?;
        let mut found = Vec::with_capacity(asked.len());
        for (query, asked) in queries.iter().zip(asked) {
            found.push(match asked {
                Asked::Nothing => Answer::Json(Vec::new()),
                Asked::One(request) => {
                    let found = request.await.map_err(store_error)?;
                    Answer::Json(found.filter(|v| !v.is_undefined()).map(|v| from_js(&v)).into_iter().collect())
                }
                Asked::Json(request) => Answer::Json(
                    request
                        .await
                        .map_err(store_error)?
                        .map(|v| v.map(|v| from_js(&v)).map_err(store_error))
                        .collect::<Result<_, _>>()?,
                ),
                Asked::Keys(request) => Answer::Json(
                    request
                        .await
                        .map_err(store_error)?
                        .map(|key| key.map(|key| key.as_string().map_or(Value::Null, Value::from)).map_err(store_error))
                        .collect::<Result<_, _>>()?,
                ),
                Asked::Raw(request) => {
                    Answer::Raw(request.await.map_err(store_error)?.collect::<Result<_, _>>().map_err(store_error)?)
                }
                Asked::Newest(request) => {
                    let newest = wasm_bindgen_futures::JsFuture::from(request).await.map_err(|e| js_error(&e))?;
                    // Newest first as asked; the index's order is oldest first.
                    let mut values: Vec<Value> =
                        newest.unchecked_into::<js_sys::Array>().iter().map(|v| from_js(&v)).collect();
                    values.reverse();
                    Answer::Json(values)
                }
                Asked::InTurn => {
                    let Query::TimelineEnd { incident, count, .. } = query else {
                        unreachable!("only the newest entries are read in turn")
                    };
                    let store = tx.object_store(TIMELINE).map_err(store_error)?;
                    Answer::Json(newest_by_cursor(&store, incident, *count).await?)
                }
            });
        }
        // Every request has answered, so the transaction may end: the records
        // of an incident (a long timeline's thousands) are turned into JSON a
        // chunk at a time, with the page running between chunks.
        let mut results = Vec::with_capacity(found.len());
        for result in found {
            results.push(match result {
                Answer::Json(values) => values,
                Answer::Raw(raws) => {
                    let mut values = Vec::with_capacity(raws.len());
                    for (n, chunk) in raws.chunks(super::CHUNK).enumerate() {
                        if n > 0 {
                            yield_to_page().await;
                        }
                        values.extend(chunk.iter().map(from_js));
                    }
                    values
                }
            });
        }
        Ok(results)
    }

    async fn run_ops(&self, ops: Vec<Op>) -> Result<(), StoreError> {
        if ops.is_empty() {
            return Ok(());
        }
        let mut names: Vec<&str> = ops.iter().map(|op| store_name(op.table)).collect();
        crate::domain::order::sort(&mut names);
        names.dedup();
        let tx = self.transaction(&names, TransactionMode::Readwrite)?;
        // Every request is issued at once, without waiting for any to succeed: a
        // batch of thousands (an import) would otherwise wait on the event loop
        // once per record, and an append would wait for its revision check before
        // writing. A record written only at a revision is read first, in the same
        // transaction, so the read sees it as it was before this batch.
        //
        // The records cross into the browser as one JSON array parsed once, not
        // one string and one parse per record (an import's thousands).
        let mut requests = Vec::with_capacity(ops.len());
        let mut text = Vec::from(*b"[");
        for op in ops {
            let (table, expect, key) = (op.table, op.expect, op.key.clone());
            let writes = match Envelope::from_op(op) {
                Some(envelope) => {
                    if text.len() > 1 {
                        text.push(b',');
                    }
                    serde_json::to_writer(&mut text, &envelope).map_err(|e| StoreError::Failed(e.to_string()))?;
                    true
                }
                None => false,
            };
            requests.push((table, expect, key, writes));
        }
        text.push(b']');
        let text = String::from_utf8(text).map_err(|e| StoreError::Failed(e.to_string()))?;
        let records: js_sys::Array = js_sys::JSON::parse(&text).map_err(|e| js_error(&e))?.unchecked_into();
        let mut stores: Vec<(Table, ObjectStore<'_>)> = Vec::new();
        let mut checks = Vec::new();
        let mut next_record = 0;
        for (table, expect, key, writes) in requests {
            let store = match stores.iter().position(|(t, _)| *t == table) {
                Some(at) => &stores[at].1,
                None => {
                    stores.push((table, tx.object_store(store_name(table)).map_err(store_error)?));
                    &stores[stores.len() - 1].1
                }
            };
            if let Expect::At(revision) = expect {
                checks.push((revision, store.get(key.as_str()).primitive().map_err(store_error)?));
            }
            // A request that fails (an `add` whose key exists) aborts the
            // transaction, and `commit` reports its reason (`ConstraintError` is a
            // conflict).
            let raw: &web_sys::IdbObjectStore = store.as_sys();
            let issued = if writes {
                let record = records.get(next_record);
                next_record += 1;
                match expect {
                    Expect::Absent => raw.add(&record),
                    Expect::At(_) | Expect::Any => raw.put(&record),
                }
            } else {
                raw.delete(&JsValue::from(key.as_str()))
            };
            issued.map_err(|error| js_error(&error))?;
        }
        // The transaction cannot commit before each read's result is handed over,
        // so a record found at another revision is caught in time. Returning
        // drops the transaction, which aborts it: nothing of the batch is stored,
        // and nothing is acknowledged before the whole transaction completes.
        for (revision, read) in checks {
            let stored: Option<JsValue> = read.await.map_err(store_error)?;
            let stored = stored.filter(|v| !v.is_undefined()).map(|v| from_js(&v));
            if stored.as_ref().map(Envelope::revision_of) != Some(revision) {
                return Err(StoreError::Conflict);
            }
        }
        Self::commit(tx).await
    }

    /// This store as in a browser whose `getAll` takes no direction, so that
    /// tests can read the newest entries the way such a browser does.
    #[doc(hidden)]
    pub fn without_get_all_direction(self) -> Self {
        Self { newest_at_once: false, ..self }
    }

    /// Writes a raw value as a timeline entry of `incident`, bypassing every check,
    /// so tests can see how a damaged record is handled. It sets the fields the
    /// store keys and indexes by, `key` and `incident`, and `at` unless the record
    /// has one, as the store would.
    #[doc(hidden)]
    pub async fn put_raw_entry(&self, key: &str, incident: IncidentId, raw: JsValue) -> Result<(), StoreError> {
        let tx = self.transaction(&[TIMELINE], TransactionMode::Readwrite)?;
        let _ = js_sys::Reflect::set(&raw, &"key".into(), &key.into());
        let _ = js_sys::Reflect::set(&raw, &"incident".into(), &incident.to_string().into());
        if !js_sys::Reflect::has(&raw, &"at".into()).unwrap_or(false) {
            let at = index_time(&from_js(&raw).get("data").cloned().unwrap_or_default());
            let _ = js_sys::Reflect::set(&raw, &"at".into(), &at.into());
        }
        let store = tx.object_store(TIMELINE).map_err(store_error)?;
        store.put(raw).primitive().map_err(store_error)?.await.map_err(store_error)?;
        Self::commit(tx).await
    }
}

impl Records for IdbStore {
    fn read(&self, queries: Vec<Query>) -> StoreFuture<'_, Vec<Vec<Value>>> {
        Box::pin(self.run_queries(queries))
    }

    fn pause(&self) -> StoreFuture<'_, ()> {
        Box::pin(async {
            yield_to_page().await;
            Ok(())
        })
    }

    fn apply(&self, ops: Vec<Op>) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let started = WriteTiming::start();
            let written = self.run_ops(ops).await;
            if written.is_ok() {
                started.finish();
            }
            written
        })
    }
}

/// The name of the User Timing measure each acknowledged write leaves, from the
/// command handing its records to the store until the transaction completed. The
/// browser's performance panel shows it, and `scripts/bench` compares it with a raw
/// IndexedDB write.
pub const WRITE_MEASURE: &str = "sitrep:store-write";

/// A write's start mark in the page's performance timeline (none outside a window).
struct WriteTiming(Option<web_sys::Performance>);

impl WriteTiming {
    const MARK: &'static str = "sitrep:store-write:start";

    fn start() -> WriteTiming {
        let performance = web_sys::window().and_then(|window| window.performance());
        if let Some(performance) = &performance {
            let _ = performance.mark(Self::MARK);
        }
        WriteTiming(performance)
    }

    /// The most measures kept: all are dropped when a long session reaches it.
    const KEPT: u32 = 1_000;

    /// Records the measure from the latest start mark to now, and drops the mark.
    fn finish(self) {
        if let Some(performance) = self.0 {
            if performance.get_entries_by_name(WRITE_MEASURE).length() >= Self::KEPT {
                performance.clear_measures_with_measure_name(WRITE_MEASURE);
            }
            let _ = performance.measure_with_start_mark(WRITE_MEASURE, Self::MARK);
            performance.clear_marks_with_mark_name(Self::MARK);
        }
    }
}
