//! A [`Store`] that keeps records in memory, for tests and for running without
//! IndexedDB. It stores the same envelopes as the IndexedDB store, so reads go
//! through the same restore path, and it refuses a batch as a whole as IndexedDB
//! does.

use super::records::{restore, restore_all, runbook_key, Envelope, Kind};
use super::{Batch, Loaded, Store, StoreError, StoreFuture};
use crate::domain::{Incident, IncidentId, Review, Runbook, RunbookRun, Settings, TimelineEntry};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

type Table = BTreeMap<String, Value>;

/// Records held in memory, keyed like the IndexedDB object stores.
#[derive(Debug, Default)]
pub struct MemoryStore {
    settings: RefCell<Option<Value>>,
    incidents: RefCell<Table>,
    entries: RefCell<Table>,
    runs: RefCell<Table>,
    runbooks: RefCell<Table>,
    reviews: RefCell<Table>,
}

fn to_value(envelope: Envelope) -> Result<Value, StoreError> {
    serde_json::to_value(envelope).map_err(|e| StoreError::Failed(e.to_string()))
}

fn record<T: serde::Serialize>(
    key: String,
    incident: Option<IncidentId>,
    value: &T,
) -> Result<(String, Value), StoreError> {
    let envelope = Envelope::wrap(key.clone(), incident.map(|i| i.to_string()), value)?;
    Ok((key, to_value(envelope)?))
}

fn of_incident(table: &Table, incident: IncidentId) -> Vec<Value> {
    let wanted = Value::String(incident.to_string());
    table.values().filter(|raw| raw.get("incident") == Some(&wanted)).cloned().collect()
}

impl MemoryStore {
    /// Stores a raw record as a timeline entry of `incident`, bypassing every check,
    /// so tests can see how damaged data is handled. Like the IndexedDB store, it
    /// sets the record's `key` and `incident` fields, which IndexedDB needs for its
    /// key path and index.
    pub fn put_raw_entry(&self, key: &str, incident: IncidentId, raw: Value) {
        let mut raw = raw;
        if let Value::Object(map) = &mut raw {
            map.insert("key".into(), key.into());
            map.insert("incident".into(), incident.to_string().into());
        }
        self.entries.borrow_mut().insert(key.to_owned(), raw);
    }

    fn apply(&self, batch: &Batch) -> Result<(), StoreError> {
        let settings = batch.settings.as_ref().map(|s| record("workspace".into(), None, s)).transpose()?;
        let incident = batch.incident.as_ref().map(|i| record(i.id().to_string(), None, i)).transpose()?;
        let entries: Vec<_> = batch
            .entries
            .iter()
            .map(|e| record(e.id().to_string(), Some(e.incident()), e))
            .collect::<Result<_, _>>()?;
        let runs: Vec<_> =
            batch.runs.iter().map(|r| record(r.id().to_string(), Some(r.incident()), r)).collect::<Result<_, _>>()?;
        let runbooks: Vec<_> =
            batch.runbooks.iter().map(|r| record(runbook_key(r), None, r)).collect::<Result<_, _>>()?;
        let reviews: Vec<_> =
            batch.reviews.iter().map(|r| record(r.incident().to_string(), None, r)).collect::<Result<_, _>>()?;
        // What is added, never replaced, as IndexedDB's `add` refuses it.
        let taken = |table: &RefCell<Table>, records: &[(String, Value)]| {
            records.iter().any(|(key, _)| table.borrow().contains_key(key))
        };
        if taken(&self.runbooks, &runbooks)
            || taken(&self.entries, &entries)
            || taken(&self.runs, &runs)
            || (batch.create_reviews && taken(&self.reviews, &reviews))
            || (batch.create_settings && settings.is_some() && self.settings.borrow().is_some())
        {
            return Err(StoreError::Conflict);
        }
        if let Some((_, value)) = settings {
            *self.settings.borrow_mut() = Some(value);
        }
        self.incidents.borrow_mut().extend(incident);
        self.entries.borrow_mut().extend(entries);
        self.runs.borrow_mut().extend(runs);
        self.runbooks.borrow_mut().extend(runbooks);
        self.reviews.borrow_mut().extend(reviews);
        Ok(())
    }
}

impl Store for MemoryStore {
    fn write(&self, batch: Batch) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.apply(&batch) })
    }

    fn settings(&self) -> StoreFuture<'_, Option<Settings>> {
        let raw = self.settings.borrow().clone();
        Box::pin(async move { raw.map(|raw| restore(Kind::Settings, raw).map_err(StoreError::from)).transpose() })
    }

    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>> {
        let raws = self.incidents.borrow().values().cloned().collect();
        Box::pin(async move { restore_all(Kind::Incident, raws) })
    }

    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Incident>> {
        let raw = self.incidents.borrow().get(&id.to_string()).cloned();
        Box::pin(async move { raw.map(|raw| restore(Kind::Incident, raw).map_err(StoreError::from)).transpose() })
    }

    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>> {
        let raws = of_incident(&self.entries.borrow(), incident);
        Box::pin(async move { restore_all(Kind::Entry, raws) })
    }

    fn runs(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<RunbookRun>> {
        let raws = of_incident(&self.runs.borrow(), incident);
        Box::pin(async move { restore_all(Kind::Run, raws) })
    }

    fn runbooks(&self) -> StoreFuture<'_, Loaded<Runbook>> {
        let raws = self.runbooks.borrow().values().cloned().collect();
        Box::pin(async move { restore_all(Kind::Runbook, raws) })
    }

    fn review(&self, incident: IncidentId) -> StoreFuture<'_, Option<Review>> {
        let raw = self.reviews.borrow().get(&incident.to_string()).cloned();
        Box::pin(async move { raw.map(|raw| restore(Kind::Review, raw).map_err(StoreError::from)).transpose() })
    }

    fn reviews(&self) -> StoreFuture<'_, Loaded<Review>> {
        let raws = self.reviews.borrow().values().cloned().collect();
        Box::pin(async move { restore_all(Kind::Review, raws) })
    }
}
