//! A [`Store`](super::Store) that keeps records in memory, for tests and for
//! running without IndexedDB. It stores the same envelopes as the IndexedDB store
//! and checks revisions the same way, and it refuses a batch as a whole as
//! IndexedDB does.

use super::documents::{Expect, Op, Table};
use super::records::{index_time, Envelope};
use super::{End, Query, Records, StoreError, StoreFuture};
use crate::domain::IncidentId;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Records held in memory, keyed like the IndexedDB object stores.
#[derive(Debug, Default)]
pub struct MemoryStore {
    tables: RefCell<BTreeMap<Table, BTreeMap<String, Value>>>,
}

impl MemoryStore {
    /// Stores a raw record as a timeline entry of `incident`, bypassing every check,
    /// so tests can see how damaged data is handled. Like the IndexedDB store, it
    /// sets the record's `key` and `incident` fields, and `at` unless the record
    /// has one, which IndexedDB needs for its key path and index.
    pub fn put_raw_entry(&self, key: &str, incident: IncidentId, raw: Value) {
        let mut raw = raw;
        let at = index_time(raw.get("data").unwrap_or(&Value::Null));
        if let Value::Object(map) = &mut raw {
            map.insert("key".into(), key.into());
            map.insert("incident".into(), incident.to_string().into());
            map.entry("at").or_insert(at.into());
        }
        self.tables.borrow_mut().entry(Table::Timeline).or_default().insert(key.to_owned(), raw);
    }

    fn query(&self, query: &Query) -> Vec<Value> {
        let tables = self.tables.borrow();
        let rows = |table: &Table| tables.get(table).into_iter().flat_map(|rows| rows.iter());
        match query {
            Query::Get(table, key) => tables.get(table).and_then(|rows| rows.get(key)).cloned().into_iter().collect(),
            Query::All(table) => rows(table).map(|(_, v)| v.clone()).collect(),
            Query::KeysBetween(table, first, last) if first <= last => tables
                .get(table)
                .into_iter()
                .flat_map(|rows| rows.range(first.clone()..=last.clone()))
                .map(|(k, _)| Value::from(k.as_str()))
                .collect(),
            Query::KeysBetween(..) => Vec::new(),
            // As IndexedDB's indexes hold them: a timeline entry needs its `at` too.
            Query::OfIncident(table, incident) => rows(table)
                .filter(|(_, v)| v.get("incident").and_then(Value::as_str) == Some(incident))
                .filter(|(_, v)| *table != Table::Timeline || v.get("at").is_some_and(Value::is_string))
                .map(|(_, v)| v.clone())
                .collect(),
            Query::KeysOfIncident(table, incident) => rows(table)
                .filter(|(_, v)| v.get("incident").and_then(Value::as_str) == Some(incident))
                .filter(|(_, v)| *table != Table::Timeline || v.get("at").is_some_and(Value::is_string))
                .filter_map(|(_, v)| Some(Value::from(Envelope::key_of(v)?)))
                .collect(),
            Query::TimelineEnd { incident, count, end } => {
                // As the IndexedDB index orders them: by the record's `at`, then
                // by key; records without one are not in it.
                let mut found: Vec<(&str, &String, &Value)> = rows(&Table::Timeline)
                    .filter(|(_, v)| v.get("incident").and_then(Value::as_str) == Some(incident))
                    .filter_map(|(k, v)| Some((v.get("at")?.as_str()?, k, v)))
                    .collect();
                crate::domain::order::sort_by(&mut found, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
                let skip = match end {
                    End::Oldest => 0,
                    End::Newest => found.len().saturating_sub(*count),
                };
                found.into_iter().skip(skip).take(*count).map(|(_, _, v)| v.clone()).collect()
            }
        }
    }

    /// Applies `ops` in place, all or none: what a refused op's batch changed
    /// before it is put back.
    fn run(&self, ops: Vec<Op>) -> Result<(), StoreError> {
        let mut tables = self.tables.borrow_mut();
        let mut undo: Vec<(Table, String, Option<Value>)> = Vec::new();
        let mut applied = || {
            for op in &ops {
                let rows = tables.entry(op.table).or_default();
                let stored = rows.get(&op.key);
                match (op.expect, stored) {
                    (Expect::Absent, Some(_)) => return Err(StoreError::Conflict),
                    (Expect::At(rev), Some(stored)) if Envelope::revision_of(stored) != rev => {
                        return Err(StoreError::Conflict)
                    }
                    (Expect::At(_), None) => return Err(StoreError::Conflict),
                    (Expect::Any, Some(_)) if op.data.is_some() => return Err(StoreError::Conflict),
                    _ => {}
                }
                let before = match Envelope::of_op(op) {
                    Some(envelope) => {
                        let value = serde_json::to_value(envelope).map_err(|e| StoreError::Failed(e.to_string()))?;
                        rows.insert(op.key.clone(), value)
                    }
                    None => rows.remove(&op.key),
                };
                undo.push((op.table, op.key.clone(), before));
            }
            Ok(())
        };
        let result = applied();
        if result.is_err() {
            for (table, key, before) in undo.into_iter().rev() {
                let rows = tables.entry(table).or_default();
                match before {
                    Some(value) => rows.insert(key, value),
                    None => rows.remove(&key),
                };
            }
        }
        result
    }
}

impl Records for MemoryStore {
    fn read(&self, queries: Vec<Query>) -> StoreFuture<'_, Vec<Vec<Value>>> {
        let results = queries.iter().map(|query| self.query(query)).collect();
        Box::pin(async move { Ok(results) })
    }

    fn apply(&self, ops: Vec<Op>) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.run(ops) })
    }
}
