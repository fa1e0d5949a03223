//! A [`Store`] that keeps records in memory, for tests and for running without
//! IndexedDB. It stores the same envelopes as the IndexedDB store, so reads go
//! through the same restore path.

use super::records::{restore, restore_all, Envelope, Kind};
use super::{Loaded, Store, StoreError, StoreFuture};
use crate::domain::{Incident, IncidentId, Settings, TimelineEntry};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Records held in memory, keyed like the IndexedDB object stores.
#[derive(Debug, Default)]
pub struct MemoryStore {
    settings: RefCell<Option<Value>>,
    incidents: RefCell<BTreeMap<String, Value>>,
    entries: RefCell<BTreeMap<String, Value>>,
}

fn to_value(envelope: Envelope) -> Result<Value, StoreError> {
    serde_json::to_value(envelope).map_err(|e| StoreError::Failed(e.to_string()))
}

impl MemoryStore {
    /// Stores a raw record as a timeline entry of `incident`, bypassing every check,
    /// so tests can see how damaged data is handled.
    pub fn put_raw_entry(&self, key: &str, incident: IncidentId, raw: Value) {
        let mut raw = raw;
        if let Value::Object(map) = &mut raw {
            map.insert("incident".into(), incident.to_string().into());
        }
        self.entries.borrow_mut().insert(key.to_owned(), raw);
    }
}

impl Store for MemoryStore {
    fn settings(&self) -> StoreFuture<'_, Option<Settings>> {
        let raw = self.settings.borrow().clone();
        Box::pin(async move {
            raw.map(|raw| restore(Kind::Settings, raw).map_err(StoreError::from))
                .transpose()
        })
    }

    fn save_settings(&self, settings: &Settings) -> StoreFuture<'_, ()> {
        let result = Envelope::wrap("workspace".into(), None, settings).and_then(to_value);
        Box::pin(async move {
            *self.settings.borrow_mut() = Some(result?);
            Ok(())
        })
    }

    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>> {
        let raws = self.incidents.borrow().values().cloned().collect();
        Box::pin(async move { restore_all(Kind::Incident, raws) })
    }

    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Incident>> {
        let raw = self.incidents.borrow().get(&id.to_string()).cloned();
        Box::pin(async move {
            raw.map(|raw| restore(Kind::Incident, raw).map_err(StoreError::from))
                .transpose()
        })
    }

    fn save_incident(&self, incident: &Incident, entries: &[TimelineEntry]) -> StoreFuture<'_, ()> {
        let key = incident.id().to_string();
        let incident = Envelope::wrap(key.clone(), None, incident).and_then(to_value);
        let entries: Result<Vec<_>, _> = entries.iter().map(entry_record).collect();
        Box::pin(async move {
            let (incident, entries) = (incident?, entries?);
            self.incidents.borrow_mut().insert(key, incident);
            self.entries.borrow_mut().extend(entries);
            Ok(())
        })
    }

    fn add_entry(&self, entry: &TimelineEntry) -> StoreFuture<'_, ()> {
        let record = entry_record(entry);
        Box::pin(async move {
            let (key, value) = record?;
            self.entries.borrow_mut().insert(key, value);
            Ok(())
        })
    }

    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>> {
        let wanted = Value::String(incident.to_string());
        let raws = self
            .entries
            .borrow()
            .values()
            .filter(|raw| raw.get("incident") == Some(&wanted))
            .cloned()
            .collect();
        Box::pin(async move { restore_all(Kind::Entry, raws) })
    }
}

fn entry_record(entry: &TimelineEntry) -> Result<(String, Value), StoreError> {
    let key = entry.id().to_string();
    let envelope = Envelope::wrap(key.clone(), Some(entry.incident().to_string()), entry)?;
    Ok((key, to_value(envelope)?))
}
