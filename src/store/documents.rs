//! Documents kept as several records, each with its own revision, and the plan of
//! a write that checks those revisions.
//!
//! Independent things are independent records, so that two tabs (and, later, two
//! responders) changing different things never touch the same record:
//!
//! - the settings are the personal preferences (`me`: display name and language,
//!   in their own table, never shared), the severity ladder (`ladder`), one record
//!   per person (`person/<name in lower case>`) and one per catalog component
//!   (`component/<id>`);
//! - a review is its workflow (`<incident>`: status, sign-offs, history), its header
//!   (`<incident>/header`: owner and meeting), the entries chosen from the timeline
//!   (`<incident>/chosen`), who wrote it and when (`<incident>/meta`), one record per
//!   section (`<incident>/section/<name>`) and one per remediation item
//!   (`<incident>/item/<number>`).
//!
//! Every record carries a revision. A [`Revision`] remembers the revisions a read
//! found; [`plan`] turns "the document as read" and "the document as changed" into
//! [`Op`]s that write only the records that changed, each expecting the revision it
//! was read at (or, for a new record, that there is none). A store runs the ops in
//! one transaction and refuses the whole write with
//! [`StoreError::Conflict`](super::StoreError::Conflict) if any record moved on
//! meanwhile. Everything here is pure and works on JSON values, so the memory store
//! and IndexedDB share it.

use super::records::Kind;
use super::StoreError;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Where a record lives: one object store each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// This browser's personal preferences, never shared.
    Preferences,
    /// The workspace: ladder, people, catalog components.
    Workspace,
    /// Incidents (the cached fold of their entries, with the head revision).
    Incidents,
    /// Timeline entries.
    Timeline,
    /// Runbook runs.
    Runs,
    /// Runbook versions.
    Runbooks,
    /// Reviews' workflow records.
    Reviews,
    /// Reviews' other records: header, chosen entries, meta, sections, items.
    ReviewParts,
    /// Shared incidents: where, and how far replicated (`super::sync`).
    Shares,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 9] = [
        Table::Preferences,
        Table::Workspace,
        Table::Incidents,
        Table::Timeline,
        Table::Runs,
        Table::Runbooks,
        Table::Reviews,
        Table::ReviewParts,
        Table::Shares,
    ];
}

/// One record of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its table.
    pub table: Table,
    /// Its key.
    pub key: String,
    /// The incident it belongs to, which the store indexes (review records).
    pub incident: Option<String>,
    /// Its data.
    pub data: Value,
}

/// The revisions of a document's records as read, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revision(BTreeMap<String, u64>);

impl Revision {
    /// Records that `key` was read at `revision`.
    pub fn insert(&mut self, key: String, revision: u64) {
        self.0.insert(key, revision);
    }

    /// The revision `key` was read at, if it was read.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.0.get(key).copied()
    }
}

/// A value as read, with the revisions of its records.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised<T> {
    /// The value.
    pub value: T,
    /// The revisions of the records it was read from.
    pub revision: Revision,
}

/// What a write expects of a record it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// That there is none: the record is created (IndexedDB's `add`).
    Absent,
    /// That it is still at this revision.
    At(u64),
    /// Nothing: the record is deleted whatever its revision (an immutable
    /// record, such as an entry of a deleted incident).
    Any,
}

/// One record written (or deleted, when `data` is `None`), and what it expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    /// Its table.
    pub table: Table,
    /// Its key.
    pub key: String,
    /// The incident it belongs to, for the store's index.
    pub incident: Option<String>,
    /// The kind of record, for the envelope's migrations.
    pub kind: Kind,
    /// What the record must be before the write.
    pub expect: Expect,
    /// The new data, or `None` to delete the record.
    pub data: Option<Value>,
}

impl Op {
    /// The revision the record has after the write.
    pub fn next_revision(&self) -> u64 {
        match self.expect {
            Expect::Absent | Expect::Any => 1,
            Expect::At(revision) => revision + 1,
        }
    }
}

/// A value as JSON.
pub fn json<T: Serialize>(value: &T) -> Result<Value, StoreError> {
    serde_json::to_value(value).map_err(|e| StoreError::Failed(e.to_string()))
}

fn take(object: &mut Map<String, Value>, key: &str) -> Value {
    object.remove(key).unwrap_or(Value::Null)
}

fn part(table: Table, key: String, incident: Option<&str>, data: Value) -> Part {
    Part { table, key, incident: incident.map(str::to_owned), data }
}

/// The key of a person's record: the name in lower case, as names are unique
/// ignoring (ASCII) case.
fn person_key(person: &Value) -> String {
    format!("person/{}", person.get("name").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase())
}

/// The records of the settings (as JSON).
pub fn split_settings(settings: Value) -> Vec<Part> {
    let Value::Object(mut object) = settings else { return Vec::new() };
    let mut prefs = Map::new();
    for key in ["display_name", "language"] {
        if let Some(value) = object.remove(key) {
            prefs.insert(key.into(), value);
        }
    }
    let mut parts = vec![
        part(Table::Preferences, "me".into(), None, Value::Object(prefs)),
        part(Table::Workspace, "ladder".into(), None, take(&mut object, "ladder")),
    ];
    if let Value::Array(people) = take(&mut object, "people") {
        parts.extend(people.into_iter().map(|p| part(Table::Workspace, person_key(&p), None, p)));
    }
    let components = take(&mut object, "catalog").get_mut("components").map(Value::take);
    if let Some(Value::Array(components)) = components {
        for component in components {
            let id = component.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
            parts.push(part(Table::Workspace, format!("component/{id}"), None, component));
        }
    }
    parts.retain(|p| !p.data.is_null());
    parts
}

/// The settings (as JSON) from their records, by key; `None` if there are none.
pub fn join_settings(records: Vec<(String, Value)>) -> Option<Value> {
    if records.is_empty() {
        return None;
    }
    let mut settings = Map::new();
    let (mut people, mut components) = (Vec::new(), Vec::new());
    for (key, data) in records {
        match key.as_str() {
            "me" => {
                if let Value::Object(prefs) = data {
                    settings.extend(prefs);
                }
            }
            "ladder" => {
                settings.insert("ladder".into(), data);
            }
            _ if key.starts_with("person/") => people.push(data),
            _ if key.starts_with("component/") => components.push(data),
            _ => {}
        }
    }
    settings.entry("display_name").or_insert_with(|| Value::String(String::new()));
    settings.insert("people".into(), Value::Array(people));
    settings.insert("catalog".into(), serde_json::json!({ "components": components }));
    Some(Value::Object(settings))
}

/// The records of a review (as JSON) of `incident`.
pub fn split_review(incident: &str, review: Value) -> Vec<Part> {
    let Value::Object(mut object) = review else { return Vec::new() };
    let at = Some(incident);
    let header =
        serde_json::json!({ "owner": take(&mut object, "owner"), "meeting_at": take(&mut object, "meeting_at") });
    let meta =
        serde_json::json!({ "authors": take(&mut object, "authors"), "updated_at": take(&mut object, "updated_at") });
    let chosen = serde_json::json!({ "chosen": take(&mut object, "chosen") });
    let mut parts = Vec::new();
    if let Value::Object(sections) = take(&mut object, "sections") {
        for (name, text) in sections {
            let data = serde_json::json!({ "section": name, "text": text });
            parts.push(part(Table::ReviewParts, format!("{incident}/section/{name}"), at, data));
        }
    }
    if let Value::Array(items) = take(&mut object, "items") {
        for item in items {
            let number = item.get("number").and_then(Value::as_u64).unwrap_or_default();
            parts.push(part(Table::ReviewParts, format!("{incident}/item/{number:08}"), at, item));
        }
    }
    let mut all = vec![
        part(Table::Reviews, incident.to_owned(), at, Value::Object(object)),
        part(Table::ReviewParts, format!("{incident}/header"), at, header),
        part(Table::ReviewParts, format!("{incident}/chosen"), at, chosen),
        part(Table::ReviewParts, format!("{incident}/meta"), at, meta),
    ];
    all.extend(parts);
    all
}

/// A review (as JSON) from its workflow record and its other records, by key
/// (items in key order, which is their number's).
pub fn join_review(workflow: Value, records: Vec<(String, Value)>) -> Value {
    let Value::Object(mut review) = workflow else { return workflow };
    let (mut sections, mut items) = (Map::new(), Vec::new());
    for (key, data) in records {
        let Value::Object(mut data) = data else { continue };
        if key.ends_with("/header") || key.ends_with("/meta") {
            review.extend(data);
        } else if key.ends_with("/chosen") {
            review.insert("chosen".into(), take(&mut data, "chosen"));
        } else if key.contains("/section/") {
            if let Value::String(name) = take(&mut data, "section") {
                sections.insert(name, take(&mut data, "text"));
            }
        } else if key.contains("/item/") {
            items.push(Value::Object(data));
        }
    }
    review.insert("sections".into(), Value::Object(sections));
    review.insert("items".into(), Value::Array(items));
    Value::Object(review)
}

/// The ops that turn a document read as `base` (its records and their revisions;
/// `None` for a new document) into `mine`: records that differ are written, each
/// expecting the revision it was read at; new records are created; records gone
/// from `mine` are deleted. Records equal in both are left alone, so what another
/// tab changed in them meanwhile stays.
pub fn plan(kind: Kind, base: Option<(Vec<Part>, &Revision)>, mine: Vec<Part>) -> Vec<Op> {
    let (base, revision) = match base {
        Some((parts, revision)) => (parts, revision.clone()),
        None => (Vec::new(), Revision::default()),
    };
    let expect = |key: &str| revision.get(key).map_or(Expect::Absent, Expect::At);
    let mut ops = Vec::new();
    for new in &mine {
        if base.iter().any(|old| old.table == new.table && old.key == new.key && old.data == new.data) {
            continue;
        }
        ops.push(Op {
            table: new.table,
            key: new.key.clone(),
            incident: new.incident.clone(),
            kind,
            expect: expect(&new.key),
            data: Some(new.data.clone()),
        });
    }
    for old in base {
        if !mine.iter().any(|new| new.table == old.table && new.key == old.key) {
            if let Expect::At(at) = expect(&old.key) {
                ops.push(Op {
                    table: old.table,
                    key: old.key,
                    incident: old.incident,
                    kind,
                    expect: Expect::At(at),
                    data: None,
                });
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn settings() -> Value {
        json!({
            "display_name": "Ana",
            "language": "en",
            "ladder": [{"level": "SEV1"}],
            "people": [{"name": "Bo", "team": "", "reach": ""}, {"name": "ana", "team": "db", "reach": ""}],
            "catalog": {"components": [{"id": "api", "name": "API"}]}
        })
    }

    #[test]
    fn settings_split_into_preferences_ladder_people_and_components() {
        let parts = split_settings(settings());
        let keys: Vec<_> = parts.iter().map(|p| (p.table, p.key.as_str())).collect();
        assert_eq!(
            keys,
            [
                (Table::Preferences, "me"),
                (Table::Workspace, "ladder"),
                (Table::Workspace, "person/bo"),
                (Table::Workspace, "person/ana"),
                (Table::Workspace, "component/api"),
            ]
        );
        assert_eq!(parts[0].data, json!({"display_name": "Ana", "language": "en"}));
    }

    #[test]
    fn settings_join_back_whole_with_people_in_key_order() {
        let mut records: Vec<_> = split_settings(settings()).into_iter().map(|p| (p.key, p.data)).collect();
        records.sort_by(|a, b| a.0.cmp(&b.0));
        let joined = join_settings(records).unwrap();
        assert_eq!(joined["display_name"], "Ana");
        assert_eq!(joined["people"][0]["name"], "ana");
        assert_eq!(joined["people"][1]["name"], "Bo");
        assert_eq!(joined["catalog"], json!({"components": [{"id": "api", "name": "API"}]}));
        assert_eq!(join_settings(Vec::new()), None);
    }

    fn review() -> Value {
        json!({
            "incident": "I1", "status": "draft", "owner": "Ana", "authors": ["Ana"], "meeting_at": null,
            "sections": {"summary": "It broke.", "impact": "All of it."},
            "chosen": [], "items": [{"number": 2, "title": "B"}, {"number": 10, "title": "J"}],
            "technical": null, "non_technical": null, "history": [], "updated_at": "2026-01-01T00:00:00Z"
        })
    }

    #[test]
    fn a_review_splits_into_independent_records_and_joins_back() {
        let parts = split_review("I1", review());
        let keys: Vec<_> = parts.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "I1",
                "I1/header",
                "I1/chosen",
                "I1/meta",
                "I1/section/impact",
                "I1/section/summary",
                "I1/item/00000002",
                "I1/item/00000010"
            ]
        );
        assert!(parts.iter().all(|p| p.incident.as_deref() == Some("I1")));
        let mut parts = parts.into_iter();
        let workflow = parts.next().unwrap().data;
        let mut others: Vec<_> = parts.map(|p| (p.key, p.data)).collect();
        others.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(join_review(workflow, others), review());
    }

    #[test]
    fn a_plan_writes_only_what_changed_expecting_the_revisions_read() {
        let base = split_review("I1", review());
        let mut revision = Revision::default();
        for p in &base {
            revision.insert(p.key.clone(), 3);
        }
        let mut changed = review();
        changed["sections"]["summary"] = json!("It broke badly.");
        changed["sections"].as_object_mut().unwrap().remove("impact");
        changed["items"].as_array_mut().unwrap().push(json!({"number": 11, "title": "K"}));
        let ops = plan(Kind::Review, Some((base, &revision)), split_review("I1", changed));
        let summary: Vec<_> = ops.iter().map(|op| (op.key.as_str(), op.expect, op.data.is_some())).collect();
        assert_eq!(
            summary,
            [
                ("I1/section/summary", Expect::At(3), true),
                ("I1/item/00000011", Expect::Absent, true),
                ("I1/section/impact", Expect::At(3), false),
            ]
        );
        assert_eq!(ops[0].next_revision(), 4);
    }

    #[test]
    fn a_new_document_is_created_record_by_record() {
        let ops = plan(Kind::Settings, None, split_settings(settings()));
        assert_eq!(ops.len(), 5);
        assert!(ops.iter().all(|op| op.expect == Expect::Absent && op.next_revision() == 1));
    }
}
