//! The shapes records are stored in, and the migrations that bring old ones up to date.
//!
//! Every stored record is an envelope `{ key, schema, data }` (timeline entries also
//! carry `incident` and `at`, which the store indexes together; runs and review
//! records carry `incident`). `data` is the domain value as JSON.
//! `schema` says which shape `data` has; [`restore`] walks it forward through
//! [`MIGRATIONS`] before decoding. Migrations are pure functions on JSON values,
//! tested on frozen fixtures of the old shape. Versions only grow.

use super::documents::Table;
use super::{StoreError, Unreadable};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The schema version written by this build.
pub const SCHEMA: u32 = 1;

/// One step that turns data of schema `from` into schema `from + 1`.
pub struct Migration {
    /// The schema this step reads.
    pub from: u32,
    /// What the step changes, for people reading the code.
    pub description: &'static str,
    /// The transform; an error says why the record cannot be brought forward.
    pub apply: fn(Kind, Value) -> Result<Value, String>,
}

/// Every migration, in order. Schema 1 is the first, so there are none yet; the
/// next change of a stored shape adds `Migration { from: 1, .. }` here.
pub const MIGRATIONS: &[Migration] = &[];

/// Which kind of record an envelope holds, for migrations that differ by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The workspace settings.
    Settings,
    /// An incident.
    Incident,
    /// A timeline entry.
    Entry,
    /// A runbook version.
    Runbook,
    /// A runbook run inside an incident.
    Run,
    /// A post-incident review.
    Review,
    /// A shared incident's replication state.
    Share,
    /// The team workspace this browser follows (`super::team`).
    Team,
}

/// The key of a runbook version: the runbook id, then the zero-padded version, so
/// that keys sort by runbook and version.
pub fn runbook_key(runbook: &crate::domain::Runbook) -> String {
    format!("{}/{:08}", runbook.id(), runbook.version())
}

/// A record as stored. `incident` is set for timeline entries and runbook runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// The record's key.
    pub key: String,
    /// The shape `data` has.
    pub schema: u32,
    /// The incident a timeline entry, a runbook run or a review record belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// A timeline entry's place in its incident's time order: [`index_time`] of
    /// its data. Set by the store on every timeline record, so the one index by
    /// incident and time holds them all, damaged ones too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The record's revision: 1 when created, one more at each change. Records
    /// written before revisions existed read as 0.
    #[serde(default)]
    pub rev: u64,
    /// The domain value.
    pub data: Value,
}

impl Envelope {
    /// A record of `table` holding `data` under `key`, at revision `rev`.
    pub fn new(table: Table, key: String, incident: Option<String>, rev: u64, data: Value) -> Self {
        let at = (table == Table::Timeline).then(|| index_time(&data));
        Self { key, schema: SCHEMA, incident, at, rev, data }
    }

    /// The envelope of what an [`Op`](super::documents::Op) writes.
    pub fn of_op(op: &super::documents::Op) -> Option<Self> {
        let data = op.data.clone()?;
        Some(Self::new(op.table, op.key.clone(), op.incident.clone(), op.next_revision(), data))
    }

    /// Like [`Envelope::of_op`], taking the op's data instead of copying it.
    pub fn from_op(op: super::documents::Op) -> Option<Self> {
        let rev = op.next_revision();
        Some(Self::new(op.table, op.key, op.incident, rev, op.data?))
    }

    /// A raw stored record's revision (0 if it has none).
    pub fn revision_of(raw: &Value) -> u64 {
        raw.get("rev").and_then(Value::as_u64).unwrap_or(0)
    }

    /// A raw stored record's key, if it has one.
    pub fn key_of(raw: &Value) -> Option<&str> {
        raw.get("key").and_then(Value::as_str)
    }
}

/// Where a timeline entry's `data` sorts in its incident's time order: its
/// `event_at` in UTC with nine decimals, so that text order is time order (an
/// entry's own `event_at` leaves out a zero fraction, and `09:00:00Z` would sort
/// after `09:00:00.250Z`); the empty text, first, for data without a readable one
/// (damaged, or of a newer shape), so that the index by incident and time still
/// holds the record and a read of the incident finds it.
pub fn index_time(data: &Value) -> String {
    data.get("event_at")
        .and_then(Value::as_str)
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| at.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
        .unwrap_or_default()
}

/// Brings a stored record up to date and decodes it. A record from a newer build
/// is refused with [`StoreError::NewerSchema`]; any other problem is [`Unreadable`].
pub fn restore<T: DeserializeOwned>(kind: Kind, raw: Value) -> Result<T, RestoreError> {
    let (key, data) = current_data(kind, raw)?;
    decode(&key, data)
}

/// Decodes data brought up to date; `key` names the record in a failure.
pub fn decode<T: DeserializeOwned>(key: &str, data: Value) -> Result<T, RestoreError> {
    crate::domain::decode::from_value(&data)
        .map_err(|e| RestoreError::Unreadable(Unreadable { key: key.to_owned(), reason: e.to_string() }))
}

/// A stored record's key and its data brought up to date, not yet decoded (for
/// documents made of several records, which are joined first).
pub fn current_data(kind: Kind, mut raw: Value) -> Result<(String, Value), RestoreError> {
    let key = raw.get("key").and_then(Value::as_str).unwrap_or("(no key)").to_owned();
    let unreadable = |reason: String| RestoreError::Unreadable(Unreadable { key: key.clone(), reason });
    // The decoder reads a borrowed value, so `data` is taken out whole (leaving
    // `null`) before the envelope's own fields are read, rather than copied.
    let taken = raw.get_mut("data").map(Value::take);
    let envelope: Envelope =
        crate::domain::decode::from_value(&raw).map_err(|e| unreadable(format!("not a Sitrep record: {e}")))?;
    if envelope.schema > SCHEMA {
        return Err(RestoreError::Newer(envelope.schema));
    }
    let mut data = taken.unwrap_or(envelope.data);
    for step in MIGRATIONS.iter().filter(|step| step.from >= envelope.schema) {
        data = (step.apply)(kind, data).map_err(unreadable)?;
    }
    Ok((key, data))
}

/// Why [`restore`] gave up on a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// The record is damaged or not a Sitrep record.
    Unreadable(Unreadable),
    /// The record was written by a newer build.
    Newer(u32),
}

impl From<RestoreError> for StoreError {
    fn from(error: RestoreError) -> Self {
        match error {
            RestoreError::Unreadable(u) => StoreError::Failed(format!("record {} cannot be read: {}", u.key, u.reason)),
            RestoreError::Newer(schema) => StoreError::NewerSchema(schema),
        }
    }
}

/// Decodes many records, keeping the good ones and reporting the rest.
pub fn restore_all<T: DeserializeOwned>(kind: Kind, raws: Vec<Value>) -> Result<super::Loaded<T>, StoreError> {
    let mut loaded = super::Loaded::default();
    for raw in raws {
        match restore(kind, raw) {
            Ok(item) => loaded.items.push(item),
            Err(RestoreError::Unreadable(u)) => loaded.unreadable.push(u),
            Err(RestoreError::Newer(schema)) => return Err(StoreError::NewerSchema(schema)),
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Settings;
    use serde_json::json;

    #[test]
    fn index_times_sort_as_the_times_do() {
        let time = |at: &str| index_time(&json!({ "event_at": at }));
        let whole = time("2026-11-24T09:40:00Z");
        let quarter = time("2026-11-24T09:40:00.250Z");
        assert_eq!(whole, "2026-11-24T09:40:00.000000000Z");
        assert!(whole < quarter, "{whole} sorts before {quarter}");
        assert_eq!(time("2026-11-24T17:40:00.250+08:00"), quarter, "an offset is brought to UTC");
        assert_eq!(time("yesterday"), "", "an unreadable time sorts first");
        assert_eq!(index_time(&json!({ "text": 42 })), "", "as does none");
        assert_eq!(index_time(&json!(null)), "");
    }

    #[test]
    fn entries_and_only_entries_carry_their_index_time() {
        let data = json!({ "event_at": "2026-11-24T09:40:00Z" });
        let entry = Envelope::new(Table::Timeline, "e".into(), Some("i".into()), 1, data.clone());
        assert_eq!(entry.at.as_deref(), Some("2026-11-24T09:40:00.000000000Z"));
        let run = Envelope::new(Table::Runs, "r".into(), Some("i".into()), 1, data);
        assert_eq!(run.at, None);
        assert!(serde_json::to_value(&run).unwrap().get("at").is_none(), "no `at` is written for others");
    }

    #[test]
    fn schema_one_settings_fixture_restores() {
        let frozen = json!({"key": "workspace", "schema": 1, "data": {"display_name": "Ana", "language": "zh-TW"}});
        let settings: Settings = restore(Kind::Settings, frozen).unwrap();
        assert_eq!(settings.display_name(), "Ana");
        assert_eq!(settings.language().tag(), "zh-TW");
    }

    #[test]
    fn damaged_records_are_reported_not_fatal() {
        let raws = vec![
            json!({"key": "workspace", "schema": 1, "data": {"display_name": "Ana"}}),
            json!({"key": "broken", "schema": 1, "data": 42}),
            json!("garbage"),
        ];
        let loaded = restore_all::<Settings>(Kind::Settings, raws).unwrap();
        assert_eq!(loaded.items.len(), 1);
        let keys: Vec<_> = loaded.unreadable.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["broken", "(no key)"]);
    }

    #[test]
    fn records_from_a_newer_build_are_refused() {
        let raw = json!({"key": "workspace", "schema": SCHEMA + 1, "data": {}});
        assert_eq!(restore::<Settings>(Kind::Settings, raw), Err(RestoreError::Newer(SCHEMA + 1)));
    }

    #[test]
    fn migrations_are_contiguous_from_schema_one() {
        for (i, step) in MIGRATIONS.iter().enumerate() {
            assert_eq!(step.from, i as u32 + 1, "{}", step.description);
        }
        assert_eq!(MIGRATIONS.len() as u32 + 1, SCHEMA);
    }
}
