//! The JSON bundle: one incident with its timeline, runbook runs and review, in a
//! versioned envelope.
//!
//! ```json
//! { "type": "sitrep/incident", "version": 1, "source": "sitrep",
//!   "exported_at": "2026-11-24T09:00:00Z",
//!   "data": { "incident": {..}, "timeline": [..], "runs": [..], "review": {..} } }
//! ```
//!
//! `data` holds the domain values exactly as the store keeps them (their serde
//! shapes), so an export is lossless and an import decodes every record through
//! the same checks as a stored one. Import is all or nothing: [`import_json`]
//! returns the bundle or every problem found, each with the JSON path of the
//! value at fault and a [`ImportProblemKind`] the interface can put in words.
//!
//! The envelope's `version` grows when the shape of `data` changes (in step with
//! the store's record schema); an import of a newer version is refused with
//! [`ImportProblemKind::NewerVersion`] rather than misread.

use crate::domain::{EntryId, Incident, IncidentId, Review, RunId, RunbookRun, TimelineEntry};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// The envelope's `type`.
pub const BUNDLE_TYPE: &str = "sitrep/incident";
/// The envelope version this build writes and the newest it reads.
pub const BUNDLE_VERSION: u64 = 1;
/// The largest file accepted, in bytes (10 MiB: a 10,000-entry timeline is about 4 MiB).
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The most problems reported; the rest are counted in one last problem.
pub const MAX_PROBLEMS: usize = 100;

/// One incident with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentBundle {
    incident: Incident,
    timeline: Vec<TimelineEntry>,
    runs: Vec<RunbookRun>,
    review: Option<Review>,
}

/// The JSON type a value should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A whole number.
    Integer,
    /// A string.
    String,
}

/// What is wrong with an imported file; the interface words each kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblemKind {
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    #[error("the file is {size} bytes; the limit is {limit}")]
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The file is not JSON (or is nested too deeply).
    #[error("not JSON: {detail} (line {line}, column {column})")]
    NotJson {
        /// The line of the first error, from 1.
        line: usize,
        /// The column of the first error, from 1.
        column: usize,
        /// The parser's message, in English.
        detail: String,
    },
    /// A required value is missing.
    #[error("a required value is missing")]
    Missing,
    /// A value has the wrong JSON type.
    #[error("expected {0:?}")]
    WrongShape(Shape),
    /// The file is JSON, but not a Sitrep incident export.
    #[error("not a Sitrep incident export (type {found:?})")]
    WrongType {
        /// The `type` found.
        found: String,
    },
    /// The file was written by a newer Sitrep.
    #[error("written by a newer Sitrep (version {version}; this one reads up to {supported})")]
    NewerVersion {
        /// The file's version.
        version: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// The version is not one Sitrep ever wrote.
    #[error("unknown version {version}")]
    UnknownVersion {
        /// The file's version.
        version: u64,
    },
    /// A record does not decode or breaks a rule of its kind.
    #[error("invalid: {detail}")]
    Invalid {
        /// The decoder's message, in English.
        detail: String,
    },
    /// A record belongs to another incident than the bundle's.
    #[error("belongs to incident {found}, not {expected}")]
    OtherIncident {
        /// The bundle's incident.
        expected: IncidentId,
        /// The record's incident.
        found: IncidentId,
    },
    /// Two timeline entries have the same id.
    #[error("timeline entry {0} appears twice")]
    DuplicateEntry(EntryId),
    /// Two runbook runs have the same id.
    #[error("runbook run {0} appears twice")]
    DuplicateRun(RunId),
    /// A record with this id is in the workspace with other content; recorded
    /// entries and runs never change, so the file would contradict it.
    #[error("differs from the record with the same id in this workspace")]
    DiffersHere,
    /// Two incidents of a backup have the same id.
    #[error("incident {0} appears twice")]
    DuplicateIncident(IncidentId),
    /// Two runbook versions of a backup have the same id and version.
    #[error("runbook version {0} appears twice")]
    DuplicateRunbook(String),
    /// More problems than [`MAX_PROBLEMS`]; this many more were found.
    #[error("{0} more problems")]
    More(usize),
}

/// A problem with an imported file, at a JSON path such as
/// `data.timeline[3].event_at` (empty for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{kind}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
pub struct ImportProblem {
    /// Where, as a JSON path from the top of the file.
    pub path: String,
    /// What.
    pub kind: ImportProblemKind,
}

pub(crate) fn problem(path: impl Into<String>, kind: ImportProblemKind) -> ImportProblem {
    ImportProblem { path: path.into(), kind }
}

impl IncidentBundle {
    /// A bundle of `incident` with its entries, runs and review. Refused, with the
    /// paths the records would have in an export, when a record belongs to another
    /// incident or an entry or run id appears twice.
    pub fn new(
        incident: Incident,
        timeline: Vec<TimelineEntry>,
        runs: Vec<RunbookRun>,
        review: Option<Review>,
    ) -> Result<IncidentBundle, Vec<ImportProblem>> {
        Self::checked("data", incident, timeline, runs, review)
    }

    /// [`IncidentBundle::new`] for a bundle found at the JSON path `at`.
    pub(crate) fn checked(
        at: &str,
        incident: Incident,
        timeline: Vec<TimelineEntry>,
        runs: Vec<RunbookRun>,
        review: Option<Review>,
    ) -> Result<IncidentBundle, Vec<ImportProblem>> {
        let expected = incident.id();
        let mut problems = Vec::new();
        // A path is written only for a record in the wrong incident.
        let mut check = |path: &dyn Fn() -> String, found: IncidentId| {
            if found != expected {
                problems.push(problem(path(), ImportProblemKind::OtherIncident { expected, found }));
            }
        };
        for (i, entry) in timeline.iter().enumerate() {
            check(&|| format!("{at}.timeline[{i}].incident"), entry.incident());
        }
        for (i, run) in runs.iter().enumerate() {
            check(&|| format!("{at}.runs[{i}].incident"), run.incident());
        }
        if let Some(review) = &review {
            check(&|| format!("{at}.review.incident"), review.incident());
        }
        let mut seen = BTreeSet::new();
        for (i, entry) in timeline.iter().enumerate() {
            if !seen.insert(entry.id()) {
                problems.push(problem(format!("{at}.timeline[{i}].id"), ImportProblemKind::DuplicateEntry(entry.id())));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, run) in runs.iter().enumerate() {
            if !seen.insert(run.id()) {
                problems.push(problem(format!("{at}.runs[{i}].id"), ImportProblemKind::DuplicateRun(run.id())));
            }
        }
        if problems.is_empty() {
            Ok(IncidentBundle { incident, timeline, runs, review })
        } else {
            Err(problems)
        }
    }

    /// The incident.
    pub fn incident(&self) -> &Incident {
        &self.incident
    }

    /// Its timeline entries, in the order given.
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline
    }

    /// Its runbook runs.
    pub fn runs(&self) -> &[RunbookRun] {
        &self.runs
    }

    /// Its review, if one was started.
    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// The parts, to hand to the store.
    pub fn into_parts(self) -> (Incident, Vec<TimelineEntry>, Vec<RunbookRun>, Option<Review>) {
        (self.incident, self.timeline, self.runs, self.review)
    }
}

/// The envelope of every Sitrep file: its type, version, writer and time.
#[derive(Serialize)]
pub(crate) struct Envelope<'a, T> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: u64,
    pub source: &'static str,
    pub exported_at: DateTime<Utc>,
    pub data: &'a T,
}

impl<T: Serialize> Envelope<'_, T> {
    /// The envelope as JSON, pretty-printed or compact, ending with a newline.
    pub fn text(&self, pretty: bool) -> String {
        // Serialising plain data with string keys cannot fail. Only the compact
        // writer is compiled for the bundle's types; `indented` lays it out.
        let text = serde_json::to_string(self).unwrap_or_default();
        (if pretty { indented(&text) } else { text }) + "\n"
    }
}

/// Compact JSON laid out as `serde_json::to_string_pretty` lays it out: two
/// spaces per level, `": "` after a key, and `{}` and `[]` when empty. Every
/// pretty file the app writes goes through it, so serde_json's pretty writer is
/// not compiled in at all.
pub fn indented(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                match chars.peek() {
                    Some('}' | ']') => out.extend(chars.next()),
                    _ => {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// The bundle as pretty-printed JSON in its envelope, stamped `exported_at`.
pub fn export_json(bundle: &IncidentBundle, exported_at: DateTime<Utc>) -> String {
    Envelope { kind: BUNDLE_TYPE, version: BUNDLE_VERSION, source: "sitrep", exported_at, data: bundle }.text(true)
}

/// A record decoded through its domain type, or the problem at its path: the
/// path inside the record comes from the decoder; a missing field is named.
pub(crate) fn decode<T: DeserializeOwned>(path: &str, value: &Value) -> Result<T, ImportProblem> {
    super::super::decode::from_value(value).map_err(|error| located(path, error))
}

/// The problem a decoding `error` of the record at `path` names.
fn located(path: &str, error: super::super::decode::DecodeError) -> ImportProblem {
    let mut at = path.to_owned();
    for segment in error.path() {
        match segment {
            super::super::decode::Segment::Seq(index) => at.push_str(&format!("[{index}]")),
            super::super::decode::Segment::Map(key) => {
                at.push('.');
                at.push_str(key);
            }
        }
    }
    let detail = error.into_inner().to_string();
    match detail.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        Some(field) => problem(format!("{at}.{field}"), ImportProblemKind::Missing),
        None => problem(at, ImportProblemKind::Invalid { detail }),
    }
}

/// Decodes each element of the array at `data.<key>`; absent means empty.
pub(crate) fn decode_list<T: DeserializeOwned>(
    at: &str,
    data: &Value,
    key: &str,
    problems: &mut Vec<ImportProblem>,
) -> Vec<T> {
    match data.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values
            .iter()
            .enumerate()
            // The path is written only for a record that does not decode.
            .filter_map(|(i, value)| {
                let decoded = super::super::decode::from_value(value);
                decoded.map_err(|error| problems.push(located(&format!("{at}.{key}[{i}]"), error))).ok()
            })
            .collect(),
        Some(_) => {
            problems.push(problem(format!("{at}.{key}"), ImportProblemKind::WrongShape(Shape::Array)));
            Vec::new()
        }
    }
}

pub(crate) fn capped(mut problems: Vec<ImportProblem>) -> Vec<ImportProblem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(problem("", ImportProblemKind::More(more)));
    }
    problems
}

/// Reads an exported bundle, checking everything before returning anything:
/// size, JSON, `type`, `version`, every record through its domain type, that
/// every record belongs to the bundle's incident and that no id appears twice.
pub fn import_json(text: &str) -> Result<IncidentBundle, Vec<ImportProblem>> {
    let data = open_envelope(text, BUNDLE_TYPE, BUNDLE_VERSION, MAX_IMPORT_BYTES)?;
    decode_incident("data", &data).map_err(capped)
}

/// The `data` of a Sitrep file of type `kind`, once its size, JSON, `type` and
/// `version` (at most `newest`) are checked.
pub(crate) fn open_envelope(text: &str, kind: &str, newest: u64, limit: usize) -> Result<Value, Vec<ImportProblem>> {
    use ImportProblemKind as K;
    if text.len() > limit {
        return Err(vec![problem("", K::TooLarge { size: text.len(), limit })]);
    }
    let root: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or_default().to_owned();
        vec![problem("", K::NotJson { line: e.line(), column: e.column(), detail })]
    })?;
    let Value::Object(mut envelope) = root else {
        return Err(vec![problem("", K::WrongShape(Shape::Object))]);
    };
    match envelope.get("type") {
        None => return Err(vec![problem("type", K::Missing)]),
        Some(Value::String(found)) if found == kind => {}
        Some(Value::String(found)) => return Err(vec![problem("type", K::WrongType { found: found.clone() })]),
        Some(_) => return Err(vec![problem("type", K::WrongShape(Shape::String))]),
    }
    match envelope.get("version").map(Value::as_u64) {
        None => return Err(vec![problem("version", K::Missing)]),
        Some(None) => return Err(vec![problem("version", K::WrongShape(Shape::Integer))]),
        Some(Some(version)) if version > newest => {
            return Err(vec![problem("version", K::NewerVersion { version, supported: newest })])
        }
        Some(Some(0)) => return Err(vec![problem("version", K::UnknownVersion { version: 0 })]),
        Some(Some(_)) => {}
    }
    match envelope.remove("data") {
        None => Err(vec![problem("data", K::Missing)]),
        Some(data @ Value::Object(_)) => Ok(data),
        Some(_) => Err(vec![problem("data", K::WrongShape(Shape::Object))]),
    }
}

/// One incident with its timeline, runs and review, found at the JSON path `at`.
pub(crate) fn decode_incident(at: &str, data: &Value) -> Result<IncidentBundle, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let incident: Option<Incident> = match data.get("incident") {
        None => {
            problems.push(problem(format!("{at}.incident"), ImportProblemKind::Missing));
            None
        }
        Some(value) => decode(&format!("{at}.incident"), value).map_err(|p| problems.push(p)).ok(),
    };
    let timeline: Vec<TimelineEntry> = decode_list(at, data, "timeline", &mut problems);
    let runs: Vec<RunbookRun> = decode_list(at, data, "runs", &mut problems);
    let review: Option<Review> = match data.get("review") {
        None | Some(Value::Null) => None,
        Some(value) => decode(&format!("{at}.review"), value).map_err(|p| problems.push(p)).ok(),
    };
    // The cross-record checks need every record; report decoding problems first.
    let (Some(incident), true) = (incident, problems.is_empty()) else {
        return Err(problems);
    };
    IncidentBundle::checked(at, incident, timeline, runs, review)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_serde_jsons_pretty_one() {
        let value = serde_json::json!({
            "text": "quotes \" and \\ and {braces}, [brackets]: colons",
            "empty": {}, "none": [], "list": [1, {"a": null, "b": [true, false]}, "x"],
            "nested": {"deeper": {"deepest": [[], [{}]]}}, "unicode": "事故 🚒",
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(indented(&compact), serde_json::to_string_pretty(&value).unwrap());
        let bundle = serde_json::to_value(sample()).unwrap();
        assert_eq!(indented(&bundle.to_string()), serde_json::to_string_pretty(&bundle).unwrap());
    }
    use crate::domain::runbook::{Runbook, RunbookDraft, Step};
    use crate::domain::timeline::{NewEntry, Tag, Visibility};
    use crate::domain::{Declaration, RunbookId, Severity, Stamp};
    use chrono::TimeZone;
    use expect_test::expect;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn sample() -> IncidentBundle {
        let id = IncidentId::from_parts(1, 1);
        let declaration =
            Declaration { title: "Checkout fails".into(), severity: Severity::new("SEV2"), reason: "Errors".into() };
        let (incident, declared) =
            Incident::declare(id, declaration, Stamp::new(EntryId::from_parts(2, 1), at(0), "Ana")).unwrap();
        let note = TimelineEntry::note(
            NewEntry {
                incident: id,
                text: "Rolled back the deploy".into(),
                event_at: Some(at(5)),
                tag: Some(Tag::Repair),
                visibility: Visibility::CustomerSafe,
                evidence: vec!["https://ci.example.com/run/9".into()],
            },
            Stamp::new(EntryId::from_parts(3, 1), at(6), "Bo"),
        )
        .unwrap();
        let runbook = Runbook::create(
            RunbookId::from_parts(4, 1),
            RunbookDraft { name: "Roll back".into(), steps: vec![Step::new("Roll back", true)], ..Default::default() },
            at(0),
        )
        .unwrap();
        let (run, started) = crate::domain::RunbookRun::start(
            RunId::from_parts(5, 1),
            id,
            &runbook,
            false,
            Stamp::new(EntryId::from_parts(6, 1), at(1), "Ana"),
        );
        let review = Review::start(id, "Ana", at(30))
            .with_section(crate::domain::Section::Summary, "A bad deploy", "Ana", at(31))
            .unwrap();
        IncidentBundle::new(incident, vec![declared, note, started], vec![run], Some(review)).unwrap()
    }

    fn problems(text: &str) -> String {
        match import_json(text) {
            Ok(_) => "ok".into(),
            Err(problems) => problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
        }
    }

    #[test]
    fn export_then_import_gives_the_same_bundle() {
        let bundle = sample();
        let json = export_json(&bundle, at(40));
        assert_eq!(import_json(&json), Ok(bundle.clone()));
        let with_bom = format!("\u{feff}{json}");
        assert_eq!(import_json(&with_bom), Ok(bundle.clone()), "a byte-order mark is tolerated");
        let bare = IncidentBundle::new(bundle.incident().clone(), vec![], vec![], None).unwrap();
        assert_eq!(import_json(&export_json(&bare, at(40))), Ok(bare));
    }

    #[test]
    fn the_envelope_is_versioned_and_readable() {
        let json = export_json(&sample(), at(40));
        let head: String = json.lines().take(12).collect::<Vec<_>>().join("\n");
        expect![[r#"
            {
              "type": "sitrep/incident",
              "version": 1,
              "source": "sitrep",
              "exported_at": "2026-11-24T09:40:00Z",
              "data": {
                "incident": {
                  "id": "00000000010000000000000001",
                  "title": "Checkout fails",
                  "severity": "SEV2",
                  "status": "triage",
                  "declared_at": "2026-11-24T09:00:00Z","#]]
        .assert_eq(&head);
    }

    /// Edits the exported sample's JSON and imports it.
    fn import_edited(edit: impl FnOnce(&mut Value)) -> String {
        let mut value: Value = serde_json::from_str(&export_json(&sample(), at(40))).unwrap();
        edit(&mut value);
        problems(&value.to_string())
    }

    #[test]
    fn an_imported_review_item_goes_through_the_items_checks() {
        let with_item = |link: &str| {
            import_edited(|v| {
                v["data"]["review"]["items"] = serde_json::json!([{
                    "number": 1, "title": "Alert on 5xx", "kind": "detect", "owner": "Bo", "team": "",
                    "due": null, "priority": "normal", "status": { "state": "candidate" }, "link": link
                }]);
            })
        };
        assert_eq!(with_item("https://tracker.example/OPS-1"), "ok");
        let refused = with_item("javascript:alert(1)");
        assert!(refused.starts_with("data.review.items[0]: "), "{refused}");
        assert!(refused.contains("is not an http or https link"), "{refused}");
    }

    #[test]
    fn whole_file_problems_are_reported_alone() {
        let cases: Vec<(&str, String)> = vec![
            ("empty", problems("")),
            ("not json", problems("{\"type\": ")),
            ("array", problems("[]")),
            ("no type", problems("{}")),
            ("other type", problems(r#"{"type": "sitrep/runbook", "version": 1, "data": {}}"#)),
            ("type not a string", problems(r#"{"type": 7}"#)),
            ("no version", problems(r#"{"type": "sitrep/incident"}"#)),
            ("version text", problems(r#"{"type": "sitrep/incident", "version": "1"}"#)),
            ("newer", problems(r#"{"type": "sitrep/incident", "version": 2, "data": {}}"#)),
            ("zero", problems(r#"{"type": "sitrep/incident", "version": 0, "data": {}}"#)),
            ("no data", problems(r#"{"type": "sitrep/incident", "version": 1}"#)),
            ("data array", problems(r#"{"type": "sitrep/incident", "version": 1, "data": []}"#)),
            ("no incident", problems(r#"{"type": "sitrep/incident", "version": 1, "data": {}}"#)),
            ("deep", problems(&("[".repeat(200) + &"]".repeat(200)))),
        ];
        let shown: Vec<String> = cases.iter().map(|(name, got)| format!("{name}: {got}")).collect();
        expect![[r#"
            empty: not JSON: EOF while parsing a value (line 1, column 0)
            not json: not JSON: EOF while parsing a value (line 1, column 9)
            array: expected Object
            no type: type: a required value is missing
            other type: type: not a Sitrep incident export (type "sitrep/runbook")
            type not a string: type: expected String
            no version: version: a required value is missing
            version text: version: expected Integer
            newer: version: written by a newer Sitrep (version 2; this one reads up to 1)
            zero: version: unknown version 0
            no data: data: a required value is missing
            data array: data: expected Object
            no incident: data.incident: a required value is missing
            deep: not JSON: recursion limit exceeded (line 1, column 128)"#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn too_large_files_are_refused_before_parsing() {
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(
            import_json(&big),
            Err(vec![problem("", ImportProblemKind::TooLarge { size: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES })])
        );
    }

    #[test]
    fn every_bad_record_is_reported_with_its_path() {
        let other = IncidentId::from_parts(9, 9).to_string();
        let cases: Vec<(&str, String)> = vec![
            ("event time not a time", import_edited(|v| v["data"]["timeline"][1]["event_at"] = "yesterday".into())),
            (
                "entry in the future",
                import_edited(|v| v["data"]["timeline"][1]["event_at"] = "2030-01-01T00:00:00Z".into()),
            ),
            ("blank note", import_edited(|v| v["data"]["timeline"][1]["text"] = " ".into())),
            (
                "javascript evidence",
                import_edited(|v| v["data"]["timeline"][1]["evidence"][0] = "javascript:alert(1)".into()),
            ),
            (
                "missing kind",
                import_edited(|v| {
                    v["data"]["timeline"][1].as_object_mut().unwrap().remove("kind");
                }),
            ),
            ("bad id", import_edited(|v| v["data"]["timeline"][0]["id"] = "x".into())),
            ("blank title", import_edited(|v| v["data"]["incident"]["title"] = "".into())),
            (
                "milestones out of order",
                import_edited(|v| {
                    v["data"]["incident"]["milestones"] =
                        serde_json::json!({"detected": "2026-11-24T09:10:00Z", "resolved": "2026-11-24T09:05:00Z"});
                }),
            ),
            ("timeline not a list", import_edited(|v| v["data"]["timeline"] = serde_json::json!({}))),
            ("run without steps", import_edited(|v| v["data"]["runs"][0]["runbook"]["steps"] = serde_json::json!([]))),
            (
                "step completed by an unknown role",
                import_edited(|v| {
                    v["data"]["runs"][0]["runbook"]["steps"][0]["completes_when"] =
                        serde_json::json!({"event": "role_assigned", "role": "janitor"});
                }),
            ),
            ("review status unknown", import_edited(|v| v["data"]["review"]["status"] = "lost".into())),
            (
                "entry of another incident",
                import_edited(|v| v["data"]["timeline"][2]["incident"] = other.clone().into()),
            ),
            ("run of another incident", import_edited(|v| v["data"]["runs"][0]["incident"] = other.clone().into())),
            ("review of another incident", import_edited(|v| v["data"]["review"]["incident"] = other.clone().into())),
            (
                "duplicate entry",
                import_edited(|v| {
                    let first = v["data"]["timeline"][0].clone();
                    v["data"]["timeline"].as_array_mut().unwrap().push(first);
                }),
            ),
            (
                "duplicate run",
                import_edited(|v| {
                    let first = v["data"]["runs"][0].clone();
                    v["data"]["runs"].as_array_mut().unwrap().push(first);
                }),
            ),
            (
                "two bad entries",
                import_edited(|v| {
                    v["data"]["timeline"][0]["kind"] = "gossip".into();
                    v["data"]["timeline"][2]["recorded_at"] = 5.into();
                }),
            ),
            (
                "no timeline, no runs, no review",
                import_edited(|v| {
                    let data = v["data"].as_object_mut().unwrap();
                    data.remove("timeline");
                    data.remove("runs");
                    data.remove("review");
                }),
            ),
        ];
        let shown: Vec<String> =
            cases.iter().map(|(name, got)| format!("{name}:\n  {}", got.replace('\n', "\n  "))).collect();
        expect![[r#"
            event time not a time:
              data.timeline[1].event_at: invalid: input contains invalid characters
            entry in the future:
              data.timeline[1]: invalid: the event time is in the future
            blank note:
              data.timeline[1]: invalid: the entry has no text
            javascript evidence:
              data.timeline[1]: invalid: `javascript:alert(1)` is not an http or https link
            missing kind:
              data.timeline[1].kind: a required value is missing
            bad id:
              data.timeline[0].id: invalid: `x` is not a valid id
            blank title:
              data.incident: invalid: the incident needs a title
            milestones out of order:
              data.incident.milestones: invalid: Resolved at 2026-11-24 09:05:00 UTC would come before Detected at 2026-11-24 09:10:00 UTC
            timeline not a list:
              data.timeline: expected Array
            run without steps:
              data.runs[0].runbook: invalid: the runbook needs at least one step
            step completed by an unknown role:
              data.runs[0].runbook.steps[0].completes_when: invalid: unknown variant `janitor`, expected one of `incident_lead`, `communications_manager`, `scribe`, `subject_expert`, `front_line_liaison`
            review status unknown:
              data.review.status: invalid: unknown variant `lost`, expected one of `draft`, `in_review`, `approved`, `published`
            entry of another incident:
              data.timeline[2].incident: belongs to incident 00000000090000000000000009, not 00000000010000000000000001
            run of another incident:
              data.runs[0].incident: belongs to incident 00000000090000000000000009, not 00000000010000000000000001
            review of another incident:
              data.review.incident: belongs to incident 00000000090000000000000009, not 00000000010000000000000001
            duplicate entry:
              data.timeline[3].id: timeline entry 00000000020000000000000001 appears twice
            duplicate run:
              data.runs[1].id: runbook run 00000000050000000000000001 appears twice
            two bad entries:
              data.timeline[0].kind: invalid: unknown variant `gossip`, expected one of `note`, `status_change`, `severity_change`, `role_change`, `step_done`, `status_update`, `escalation`, `milestone`, `decision`
              data.timeline[2].recorded_at: invalid: invalid type: integer `5`, expected an RFC 3339 formatted date and time string
            no timeline, no runs, no review:
              ok"#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn problems_are_capped() {
        let many = import_edited(|v| {
            let entries = v["data"]["timeline"].as_array_mut().unwrap();
            *entries = (0..150).map(|_| serde_json::json!({"id": "x"})).collect();
        });
        let lines: Vec<&str> = many.lines().collect();
        assert_eq!(lines.len(), MAX_PROBLEMS + 1);
        assert_eq!(lines.last(), Some(&"50 more problems"));
    }
}
