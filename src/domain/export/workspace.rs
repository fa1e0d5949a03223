//! The workspace backup: every incident (timeline, runs, review), every version
//! of every runbook, the settings (ladder, people, catalog, name and language)
//! and what stays of deleted incidents, in one versioned envelope.
//!
//! ```json
//! { "type": "sitrep/workspace", "version": 1, "source": "sitrep",
//!   "exported_at": "2026-11-24T09:00:00Z",
//!   "data": { "settings": {..}, "runbooks": [..],
//!             "incidents": [{ "incident": {..}, "timeline": [..], "runs": [..], "review": {..} }],
//!             "deleted": [..] } }
//! ```
//!
//! Each incident has the shape of an incident export's `data`, so both are read
//! by the same code and through the same checks. A restore checks the whole file
//! first ([`import_workspace`]): every record through its domain type, every
//! record inside the incident it is filed under, no incident, entry, run or
//! runbook version twice, no incident both present and deleted.

use super::json::{
    capped, decode, decode_incident, decode_list, open_envelope, problem, Envelope, ImportProblem, ImportProblemKind,
    IncidentBundle,
};
use crate::domain::{Runbook, Settings, Tombstone};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The envelope's `type`.
pub const WORKSPACE_TYPE: &str = "sitrep/workspace";
/// The envelope version this build writes and the newest it reads.
pub const WORKSPACE_VERSION: u64 = 1;
/// The largest backup accepted, in bytes.
pub const MAX_BACKUP_BYTES: usize = 100 * 1024 * 1024;

/// A whole workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceBundle {
    settings: Settings,
    runbooks: Vec<Runbook>,
    incidents: Vec<IncidentBundle>,
    deleted: Vec<Tombstone>,
}

impl WorkspaceBundle {
    /// A workspace of these parts. Refused, with the paths the records would
    /// have in a backup, when an incident, entry, run or runbook version appears
    /// twice, or an incident is both present and deleted.
    pub fn new(
        settings: Settings,
        runbooks: Vec<Runbook>,
        incidents: Vec<IncidentBundle>,
        deleted: Vec<Tombstone>,
    ) -> Result<WorkspaceBundle, Vec<ImportProblem>> {
        use ImportProblemKind as K;
        let mut problems = Vec::new();
        let mut seen = BTreeMap::new();
        for (i, runbook) in runbooks.iter().enumerate() {
            let key = format!("{}/{}", runbook.id(), runbook.version());
            if seen.insert(key.clone(), ()).is_some() {
                problems.push(problem(format!("data.runbooks[{i}]"), K::DuplicateRunbook(key)));
            }
        }
        let mut incident_ids = BTreeMap::new();
        let mut entry_ids = BTreeMap::new();
        let mut run_ids = BTreeMap::new();
        for (i, bundle) in incidents.iter().enumerate() {
            let id = bundle.incident().id();
            if incident_ids.insert(id, ()).is_some() {
                problems.push(problem(format!("data.incidents[{i}].incident.id"), K::DuplicateIncident(id)));
            }
            for (j, entry) in bundle.timeline().iter().enumerate() {
                if let Some(other) = entry_ids.insert(entry.id(), id) {
                    let path = format!("data.incidents[{i}].timeline[{j}].id");
                    problems.push(problem(path, K::OtherIncident { expected: id, found: other }));
                }
            }
            for (j, run) in bundle.runs().iter().enumerate() {
                if let Some(other) = run_ids.insert(run.id(), id) {
                    let path = format!("data.incidents[{i}].runs[{j}].id");
                    problems.push(problem(path, K::OtherIncident { expected: id, found: other }));
                }
            }
        }
        for (i, tombstone) in deleted.iter().enumerate() {
            if incident_ids.insert(tombstone.id(), ()).is_some() {
                problems.push(problem(format!("data.deleted[{i}].id"), K::DuplicateIncident(tombstone.id())));
            }
        }
        if problems.is_empty() {
            Ok(WorkspaceBundle { settings, runbooks, incidents, deleted })
        } else {
            Err(problems)
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every runbook version.
    pub fn runbooks(&self) -> &[Runbook] {
        &self.runbooks
    }

    /// Every incident with its records.
    pub fn incidents(&self) -> &[IncidentBundle] {
        &self.incidents
    }

    /// What stays of the deleted incidents.
    pub fn deleted(&self) -> &[Tombstone] {
        &self.deleted
    }

    /// How many timeline entries the incidents hold in all.
    pub fn entry_count(&self) -> usize {
        self.incidents.iter().map(|bundle| bundle.timeline().len()).sum()
    }
}

/// The workspace as JSON in its envelope, stamped `exported_at`. Compact rather
/// than pretty: a large workspace's backup is a third smaller.
pub fn export_workspace(bundle: &WorkspaceBundle, exported_at: DateTime<Utc>) -> String {
    Envelope { kind: WORKSPACE_TYPE, version: WORKSPACE_VERSION, source: "sitrep", exported_at, data: bundle }
        .text(false)
}

/// Reads a backup, checking everything before returning anything.
pub fn import_workspace(text: &str) -> Result<WorkspaceBundle, Vec<ImportProblem>> {
    let data = open_envelope(text, WORKSPACE_TYPE, WORKSPACE_VERSION, MAX_BACKUP_BYTES)?;
    let mut problems = Vec::new();
    let settings: Option<Settings> = match data.get("settings") {
        None => {
            problems.push(problem("data.settings", ImportProblemKind::Missing));
            None
        }
        Some(value) => decode("data.settings", value).map_err(|p| problems.push(p)).ok(),
    };
    let runbooks: Vec<Runbook> = decode_list("data", &data, "runbooks", &mut problems);
    let deleted: Vec<Tombstone> = decode_list("data", &data, "deleted", &mut problems);
    let mut incidents = Vec::new();
    match data.get("incidents") {
        None | Some(Value::Null) => {}
        Some(Value::Array(values)) => {
            for (i, value) in values.iter().enumerate() {
                let at = format!("data.incidents[{i}]");
                if !value.is_object() {
                    problems.push(problem(at, ImportProblemKind::WrongShape(super::json::Shape::Object)));
                    continue;
                }
                match decode_incident(&at, value) {
                    Ok(bundle) => incidents.push(bundle),
                    Err(found) => problems.extend(found),
                }
            }
        }
        Some(_) => problems.push(problem("data.incidents", ImportProblemKind::WrongShape(super::json::Shape::Array))),
    }
    let (Some(settings), true) = (settings, problems.is_empty()) else {
        return Err(capped(problems));
    };
    WorkspaceBundle::new(settings, runbooks, incidents, deleted).map_err(capped)
}

/// The settings here with what a backup's settings add: people and catalog
/// components not here (by name, by id). Everything here is kept as it is,
/// including the ladder, the display name and the language; returns how many
/// of the backup's people and components differ from the ones kept here, and
/// whether its ladder does.
pub fn merge_settings(here: &Settings, theirs: &Settings) -> (Settings, usize, bool) {
    let mut merged = here.clone();
    let mut kept = 0;
    for person in theirs.people() {
        match here.people().iter().find(|p| p.name().eq_ignore_ascii_case(person.name())) {
            None => merged = merged.with_person(person.clone()),
            Some(mine) if mine == person => {}
            Some(_) => kept += 1,
        }
    }
    let mut catalog = merged.catalog().clone();
    for component in theirs.catalog().components() {
        match here.catalog().get(component.id()) {
            None => match catalog.with_component(component.clone()) {
                Ok(next) => catalog = next,
                // A component whose name is taken here by another id.
                Err(_) => kept += 1,
            },
            Some(mine) if mine == component => {}
            Some(_) => kept += 1,
        }
    }
    (merged.with_catalog(catalog), kept, here.ladder() != theirs.ladder())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::json::export_json;
    use crate::domain::runbook::{RunbookDraft, Step};
    use crate::domain::{Declaration, EntryId, Incident, IncidentId, RunbookId, Severity, Stamp};
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn incident(n: u64, title: &str) -> IncidentBundle {
        let declaration = Declaration { title: title.into(), severity: Severity::new("SEV2"), reason: String::new() };
        let stamp = Stamp::new(EntryId::from_parts(n, 1), at(n as u32), "Ana");
        let (incident, declared) = Incident::declare(IncidentId::from_parts(n, 1), declaration, stamp).unwrap();
        IncidentBundle::new(incident, vec![declared], Vec::new(), None).unwrap()
    }

    fn sample() -> WorkspaceBundle {
        let runbook = Runbook::create(
            RunbookId::from_parts(9, 1),
            RunbookDraft { name: "Roll back".into(), steps: vec![Step::new("Roll back", true)], ..Default::default() },
            at(0),
        )
        .unwrap();
        let gone = incident(3, "Gone");
        let tombstone = Tombstone::of(gone.incident(), "Bo", at(9));
        let settings = Settings::default().with_display_name("Ana");
        WorkspaceBundle::new(settings, vec![runbook], vec![incident(1, "One"), incident(2, "Two")], vec![tombstone])
            .unwrap()
    }

    #[test]
    fn a_backup_reads_back_as_the_same_workspace() {
        let bundle = sample();
        let text = export_workspace(&bundle, at(10));
        assert_eq!(import_workspace(&text), Ok(bundle));
    }

    #[test]
    fn an_incident_export_is_not_a_backup_and_records_are_checked_where_they_are() {
        let one = incident(1, "One");
        let problems = import_workspace(&export_json(&one, at(1))).unwrap_err();
        assert_eq!(problems[0].to_string(), "type: not a Sitrep incident export (type \"sitrep/incident\")");

        let mut value: Value = serde_json::from_str(&export_workspace(&sample(), at(10))).unwrap();
        value["data"]["incidents"][1]["timeline"][0]["incident"] =
            value["data"]["incidents"][0]["incident"]["id"].clone();
        value["data"]["incidents"][0]["timeline"][0]["id"] = value["data"]["incidents"][1]["timeline"][0]["id"].clone();
        let problems = import_workspace(&value.to_string()).unwrap_err();
        let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(words.iter().any(|w| w.starts_with("data.incidents[1].timeline[0].incident: belongs to")), "{words:?}");
    }

    #[test]
    fn a_deleted_incident_cannot_also_be_present() {
        let bundle = sample();
        let tombstone = bundle.deleted()[0].clone();
        let again = Tombstone::of(bundle.incidents()[0].incident(), "Bo", at(9));
        let problems = WorkspaceBundle::new(
            bundle.settings().clone(),
            Vec::new(),
            bundle.incidents().to_vec(),
            vec![tombstone, again],
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "data.deleted[1].id");
    }
}
