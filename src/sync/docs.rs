//! How an incident is laid out in its CouchDB database. Pure; native tests.
//!
//! The database holds one document `incident` (the incident as it was shared:
//! its id, title and declaration; what changed after is in the entries), one
//! document `entry:<entry id>` per timeline entry and one document `run:<run id>`
//! per runbook run (the checklist with the runbook version it started with; its
//! ticks are timeline entries, so they travel as entries). All are immutable: each has
//! one revision, `1-<hash of its content>`, computed the same way by every
//! browser, so two responders writing at once never conflict and the same
//! document sent twice is the same revision (the server keeps it once). Each
//! document names the CouchDB user who wrote it (`author`); the server's
//! `validate_doc_update` ([`VALIDATE`]) refuses one whose author is not the
//! writer, a change of a stored document, and any write by a viewer. The
//! review's documents (`review`, `review-*`, laid out in `super::review`) are
//! the editable exception: writers change and delete their revisions, each
//! naming its writer as its author.

use crate::domain::{EntryId, Incident, IncidentId, RunId, RunbookRun, TimelineEntry};
use serde_json::{json, Value};

/// The id of the incident's document.
pub const INCIDENT_DOC: &str = "incident";

/// The prefix of an entry's document id.
const ENTRY_PREFIX: &str = "entry:";

/// The prefix of a runbook run's document id.
const RUN_PREFIX: &str = "run:";

/// The design document that holds the validation.
pub const DESIGN_DOC: &str = "_design/sitrep";

/// The role of the users who may add entries; everyone else in the database's
/// members (the viewers) only reads.
pub const WRITER_ROLE: &str = "sitrep-writer";

/// The role of the users who may only read.
pub const VIEWER_ROLE: &str = "sitrep-viewer";

/// The server-side rule of every incident database (CouchDB's JavaScript).
pub const VALIDATE: &str = include_str!("validate.js");

/// The database of an incident: `sitrep-` and its id in lower case (CouchDB
/// names are lower case).
pub fn database_of(incident: IncidentId) -> String {
    format!("sitrep-{}", incident.to_string().to_lowercase())
}

/// The incident a database holds, if it is one of Sitrep's.
pub fn incident_of(database: &str) -> Option<IncidentId> {
    database.strip_prefix("sitrep-")?.to_uppercase().parse().ok()
}

/// The document id of an entry.
pub fn entry_doc_id(entry: EntryId) -> String {
    format!("{ENTRY_PREFIX}{entry}")
}

/// The document id of a runbook run.
pub fn run_doc_id(run: RunId) -> String {
    format!("{RUN_PREFIX}{run}")
}

/// Whether a document id is one of an incident database's data documents (the
/// incident, an entry or a run), as opposed to the design document or another
/// build's kind.
pub fn is_data_doc(id: &str) -> bool {
    id == INCIDENT_DOC || id.starts_with(ENTRY_PREFIX) || id.starts_with(RUN_PREFIX)
}

/// The entry a document id names, if it is an entry's.
pub fn entry_of_doc(id: &str) -> Option<&str> {
    id.strip_prefix(ENTRY_PREFIX)
}

/// The run a document id names, if it is a run's.
pub fn run_of_doc(id: &str) -> Option<&str> {
    id.strip_prefix(RUN_PREFIX)
}

/// The CouchDB user a document names as its author.
pub fn author_of(doc: &Value) -> Option<&str> {
    doc.get("author").and_then(Value::as_str)
}

/// The revision of an immutable document with this content: generation 1 and a
/// 128-bit hash (two FNV-1a hashes) of its canonical JSON. Not a secret and not
/// a security measure: only the same content must give the same revision.
pub fn revision_of(content: &Value) -> String {
    let text = content.to_string();
    let fnv =
        |seed: u64| text.bytes().fold(seed, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("1-{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142))
}

/// A document ready to send with `new_edits: false`: its id, its revision and
/// its body (`_id`, `_rev`, `_revisions` included).
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The document id.
    pub id: String,
    /// Its one revision.
    pub rev: String,
    /// The whole document.
    pub doc: Value,
}

fn outgoing(id: String, author: &str, kind: &str, field: &str, value: Value) -> Outgoing {
    // The revision covers the content, not who sends it: a browser that has the
    // entry from the server computes the revision the server already has.
    let rev = revision_of(&json!({ "type": kind, field: value }));
    let hash = rev.trim_start_matches("1-").to_owned();
    let doc = json!({
        "_id": id,
        "_rev": rev,
        "_revisions": { "start": 1, "ids": [hash] },
        "type": kind,
        "author": author,
        field: value,
    });
    Outgoing { id, rev, doc }
}

/// The incident's document, sent by `author` (a CouchDB user name).
pub fn incident_doc(incident: &Incident, author: &str) -> Result<Outgoing, serde_json::Error> {
    Ok(outgoing(INCIDENT_DOC.to_owned(), author, "incident", "incident", serde_json::to_value(incident)?))
}

/// An entry's document, sent by `author` (a CouchDB user name).
pub fn entry_doc(entry: &TimelineEntry, author: &str) -> Result<Outgoing, serde_json::Error> {
    Ok(outgoing(entry_doc_id(entry.id()), author, "entry", "entry", serde_json::to_value(entry)?))
}

/// A runbook run's document, sent by `author` (a CouchDB user name).
pub fn run_doc(run: &RunbookRun, author: &str) -> Result<Outgoing, serde_json::Error> {
    Ok(outgoing(run_doc_id(run.id()), author, "run", "run", serde_json::to_value(run)?))
}

/// A document received from the server, read through the domain's checks.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    /// The incident's document.
    Incident(Box<Incident>),
    /// An entry of the incident.
    Entry(Box<TimelineEntry>),
    /// A runbook run of the incident.
    Run(Box<RunbookRun>),
    /// Something else: the design document, a deletion, another build's kind,
    /// or a document that does not pass the checks (kept off the timeline).
    Other,
}

/// Reads a document the server sent for the incident `incident`. An entry of
/// another incident is [`Received::Other`], as is anything that does not decode.
pub fn receive(incident: IncidentId, doc: &Value) -> Received {
    match doc.get("type").and_then(Value::as_str) {
        Some("incident") => match crate::domain::decode::from_value::<Incident>(&doc["incident"]) {
            Ok(found) if found.id() == incident => Received::Incident(Box::new(found)),
            _ => Received::Other,
        },
        Some("entry") => match crate::domain::decode::from_value::<TimelineEntry>(&doc["entry"]) {
            Ok(entry) if entry.incident() == incident && doc["_id"] == entry_doc_id(entry.id()).as_str() => {
                Received::Entry(Box::new(entry))
            }
            _ => Received::Other,
        },
        Some("run") => match crate::domain::decode::from_value::<RunbookRun>(&doc["run"]) {
            Ok(run) if run.incident() == incident && doc["_id"] == run_doc_id(run.id()).as_str() => {
                Received::Run(Box::new(run))
            }
            _ => Received::Other,
        },
        _ => Received::Other,
    }
}

/// The `_security` object of an incident database: its lead administers it;
/// writers and viewers are its members (viewers are kept to reading by
/// [`VALIDATE`]).
pub fn security(lead: &str) -> Value {
    json!({
        "admins": { "names": [lead], "roles": [] },
        "members": { "names": [], "roles": [WRITER_ROLE, VIEWER_ROLE] },
    })
}

/// The design document that installs [`VALIDATE`].
pub fn design_doc() -> Value {
    json!({ "_id": DESIGN_DOC, "validate_doc_update": VALIDATE })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Declaration, Severity, Stamp};
    use chrono::{TimeZone, Utc};

    fn declared() -> (Incident, TimelineEntry) {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let stamp = Stamp::new(EntryId::from_parts(1, 1), at, "Ana");
        let declaration = Declaration {
            title: "Checkout returns 502".into(),
            severity: Severity::new("SEV2"),
            reason: "Checkout fails for many".into(),
        };
        Incident::declare(IncidentId::from_parts(1, 7), declaration, stamp).unwrap()
    }

    #[test]
    fn a_database_name_reads_back_as_its_incident() {
        let id = IncidentId::from_parts(1_700_000_000_000, 42);
        let name = database_of(id);
        assert!(name.starts_with("sitrep-0"), "{name}");
        assert_eq!(name, name.to_lowercase());
        assert_eq!(incident_of(&name), Some(id));
        assert_eq!(incident_of("other"), None);
    }

    #[test]
    fn an_entry_has_the_same_revision_whoever_sends_it() {
        let (_, entry) = declared();
        let (ana, bo) = (entry_doc(&entry, "ana").unwrap(), entry_doc(&entry, "bo").unwrap());
        assert_eq!(ana.rev, bo.rev);
        assert_eq!(ana.doc["author"], "ana");
        assert!(ana.rev.starts_with("1-") && ana.rev.len() == 34, "{}", ana.rev);
        assert_eq!(ana.doc["_revisions"]["ids"][0].as_str().unwrap(), &ana.rev[2..]);
    }

    #[test]
    fn different_content_has_a_different_revision() {
        let (incident, entry) = declared();
        assert_ne!(incident_doc(&incident, "ana").unwrap().rev, entry_doc(&entry, "ana").unwrap().rev);
    }

    #[test]
    fn documents_read_back_through_the_domain_checks() {
        let (incident, entry) = declared();
        let id = incident.id();
        assert_eq!(receive(id, &incident_doc(&incident, "ana").unwrap().doc), Received::Incident(Box::new(incident)));
        let doc = entry_doc(&entry, "ana").unwrap().doc;
        assert_eq!(receive(id, &doc), Received::Entry(Box::new(entry.clone())));
        // Another incident's entry, a document under the wrong id, a damaged one.
        assert_eq!(receive(IncidentId::from_parts(9, 9), &doc), Received::Other);
        let mut moved = doc.clone();
        moved["_id"] = "entry:someone-else".into();
        assert_eq!(receive(id, &moved), Received::Other);
        let mut damaged = doc;
        damaged["entry"]["text"] = Value::Null;
        assert_eq!(receive(id, &damaged), Received::Other);
        assert_eq!(receive(id, &design_doc()), Received::Other);
        assert_eq!(author_of(&entry_doc(&entry, "bo").unwrap().doc), Some("bo"));
        assert_eq!(entry_of_doc(&entry_doc_id(entry.id())), Some(entry.id().to_string().as_str()));
        assert_eq!(entry_of_doc(INCIDENT_DOC), None);
    }

    #[test]
    fn a_runbook_run_travels_as_an_immutable_document_of_its_incident() {
        use crate::domain::{Completion, Milestone, RunId, RunbookDraft, RunbookId, Step};
        let (incident, _) = declared();
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 5, 0).unwrap();
        let mitigated = Completion::MilestoneSet { milestone: Milestone::Mitigated };
        let draft = RunbookDraft {
            name: "Restore service first".into(),
            steps: vec![Step::new("Roll back the last change", true).completed_when(mitigated)],
            ..Default::default()
        };
        let runbook = crate::domain::Runbook::create(RunbookId::from_parts(3, 1), draft, at).unwrap();
        let stamp = Stamp::new(EntryId::from_parts(5, 1), at, "Ana");
        let (run, _) = RunbookRun::start(RunId::from_parts(4, 1), incident.id(), &runbook, false, stamp);
        let (ana, bo) = (run_doc(&run, "ana").unwrap(), run_doc(&run, "bo").unwrap());
        assert_eq!(ana.id, run_doc_id(run.id()));
        assert!(is_data_doc(&ana.id) && is_data_doc(INCIDENT_DOC) && !is_data_doc(DESIGN_DOC));
        assert_eq!(ana.rev, bo.rev, "the same run is the same revision whoever sends it");
        assert_eq!(receive(incident.id(), &ana.doc), Received::Run(Box::new(run)));
        assert_eq!(receive(IncidentId::from_parts(9, 9), &ana.doc), Received::Other);
        let mut moved = ana.doc.clone();
        moved["_id"] = "run:another".into();
        assert_eq!(receive(incident.id(), &moved), Received::Other);
        let mut unknown = ana.doc.clone();
        unknown["run"]["runbook"]["steps"][0]["completes_when"]["milestone"] = "lunch".into();
        assert_eq!(receive(incident.id(), &unknown), Received::Other, "an unknown completing event is refused");
    }
}
