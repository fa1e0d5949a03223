//! Imports of hostile and damaged files, natively.
//!
//! A corpus of crafted files (records of another incident, links that would run
//! script, duplicate ids, huge and deeply nested files, wrong types, values that
//! break a constructor's rule) is each refused with its reason at its place in
//! the file. A property test then feeds thousands of mutated exports (truncated,
//! values swapped between fields, types changed, ids reused) to both imports:
//! never a panic, always either a bundle that exports back to itself or a list of
//! problems.

#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use sitrep::domain::export::workspace::{export_workspace, import_workspace, WorkspaceBundle};
use sitrep::domain::export::{export_json, import_json, ImportProblem, IncidentBundle};
use sitrep::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority};
use sitrep::domain::status_update::{post, Audience, Phase, StatusUpdate};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, NewEntry, Person, Review, RunId, Runbook, RunbookDraft, RunbookId,
    RunbookRun, Section, Settings, Severity, Stamp, Step, Tag, TimelineEntry, Tombstone, Visibility,
};

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

fn runbook() -> Runbook {
    let draft =
        RunbookDraft { name: "Roll back".into(), steps: vec![Step::new("Roll back", true)], ..Default::default() };
    Runbook::create(RunbookId::from_parts(4, 1), draft, at(0)).unwrap()
}

/// An incident with a note carrying evidence, a status update, a run and a
/// review with a remediation item.
fn incident(n: u64, title: &str) -> IncidentBundle {
    let declaration = Declaration { title: title.into(), severity: Severity::new("SEV2"), reason: "Errors".into() };
    let id = IncidentId::from_parts(n, 1);
    let (incident, declared) =
        Incident::declare(id, declaration, Stamp::new(EntryId::from_parts(n * 100 + 1, 1), at(0), "Ana")).unwrap();
    let note = TimelineEntry::note(
        NewEntry {
            incident: id,
            text: "Rolled back the deploy".into(),
            event_at: Some(at(5)),
            tag: Some(Tag::Repair),
            visibility: Visibility::CustomerSafe,
            evidence: vec!["https://ci.example.com/run/9".into()],
        },
        Stamp::new(EntryId::from_parts(n * 100 + 2, 1), at(6), "Bo"),
    )
    .unwrap();
    let update = StatusUpdate::new(Audience::Public, Phase::Investigating, Some(at(30)));
    let posted =
        post(&incident, update, "We are investigating.", Stamp::new(EntryId::from_parts(n * 100 + 3, 1), at(7), "Bo"))
            .unwrap();
    let (run, started) = RunbookRun::start(
        RunId::from_parts(n * 100 + 5, 1),
        id,
        &runbook(),
        false,
        Stamp::new(EntryId::from_parts(n * 100 + 4, 1), at(1), "Ana"),
    );
    let item = ItemDraft {
        title: "Validate configuration before rollout".into(),
        kind: ItemKind::Prevent,
        owner: "Bo".into(),
        team: "Payments".into(),
        due: Some(at(60 * 24 * 7).date_naive()),
        priority: Priority::Normal,
        status: ItemStatus::Committed,
        link: "https://tracker.example.com/PAY-1".into(),
    };
    let review = Review::start(id, "Ana", at(30))
        .with_section(Section::Summary, "A bad deploy", "Ana", at(31))
        .and_then(|r| r.with_new_item(item, Some(at(40).date_naive()), "Ana", at(32)))
        .unwrap();
    IncidentBundle::new(incident, vec![declared, note, posted, started], vec![run], Some(review)).unwrap()
}

fn export() -> Value {
    serde_json::from_str(&export_json(&incident(1, "Checkout fails"), at(60))).unwrap()
}

fn backup() -> WorkspaceBundle {
    let settings = Settings::default()
        .with_display_name("Ana")
        .with_person(Person::new("Bo Chen", "Payments", "+1 555 0100").unwrap());
    let gone = incident(3, "Gone");
    let deleted = vec![Tombstone::of(gone.incident(), "Bo", at(50))];
    WorkspaceBundle::new(settings, vec![runbook()], vec![incident(1, "One"), incident(2, "Two")], deleted).unwrap()
}

fn backup_json() -> Value {
    serde_json::from_str(&export_workspace(&backup(), at(60))).unwrap()
}

fn words(result: Result<impl std::fmt::Debug, Vec<ImportProblem>>) -> Vec<String> {
    match result {
        Ok(bundle) => panic!("accepted: {bundle:?}"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

/// Refuses the edited export with a problem starting with `expected`.
fn refused(edit: impl FnOnce(&mut Value), expected: &str) {
    let mut file = export();
    edit(&mut file);
    let found = words(import_json(&file.to_string()));
    assert!(found.iter().any(|w| w.starts_with(expected)), "expected {expected:?}, found {found:?}");
}

/// Refuses the edited backup with a problem starting with `expected`.
fn backup_refused(edit: impl FnOnce(&mut Value), expected: &str) {
    let mut file = backup_json();
    edit(&mut file);
    let found = words(import_workspace(&file.to_string()));
    assert!(found.iter().any(|w| w.starts_with(expected)), "expected {expected:?}, found {found:?}");
}

#[test]
fn the_fixtures_are_valid() {
    assert!(import_json(&export().to_string()).is_ok());
    assert_eq!(import_workspace(&backup_json().to_string()), Ok(backup()));
}

#[test]
fn records_of_another_incident_are_refused() {
    let other = IncidentId::from_parts(9, 9).to_string();
    refused(|f| f["data"]["timeline"][1]["incident"] = json!(other), "data.timeline[1].incident: belongs to incident");
    refused(|f| f["data"]["runs"][0]["incident"] = json!(other), "data.runs[0].incident: belongs to incident");
    refused(|f| f["data"]["review"]["incident"] = json!(other), "data.review.incident: belongs to incident");
    // In a backup, an entry filed under two incidents.
    backup_refused(
        |f| f["data"]["incidents"][1]["timeline"][1]["id"] = f["data"]["incidents"][0]["timeline"][1]["id"].clone(),
        "data.incidents[1].timeline[1].id: belongs to incident",
    );
}

#[test]
fn links_that_are_not_http_are_refused() {
    refused(|f| f["data"]["timeline"][1]["evidence"][0] = json!("javascript:alert(1)"), "data.timeline[1]");
    refused(|f| f["data"]["review"]["items"][0]["link"] = json!("javascript:alert(1)"), "data.review.items[0]");
    refused(|f| f["data"]["review"]["items"][0]["link"] = json!("data:text/html,<script>"), "data.review.items[0]");
}

#[test]
fn duplicate_ids_are_refused() {
    refused(
        |f| f["data"]["timeline"][2]["id"] = f["data"]["timeline"][1]["id"].clone(),
        "data.timeline[2].id: timeline entry",
    );
    refused(
        |f| {
            let run = f["data"]["runs"][0].clone();
            f["data"]["runs"].as_array_mut().unwrap().push(run);
        },
        "data.runs[1].id: runbook run",
    );
    refused(
        |f| {
            let item = f["data"]["review"]["items"][0].clone();
            f["data"]["review"]["items"].as_array_mut().unwrap().push(item);
        },
        "data.review",
    );
    backup_refused(|f| f["data"]["incidents"][1] = f["data"]["incidents"][0].clone(), "data.incidents[1].incident.id");
    backup_refused(
        |f| {
            let runbook = f["data"]["runbooks"][0].clone();
            f["data"]["runbooks"].as_array_mut().unwrap().push(runbook);
        },
        "data.runbooks[1]: runbook version",
    );
    backup_refused(
        |f| f["data"]["deleted"][0]["id"] = f["data"]["incidents"][0]["incident"]["id"].clone(),
        "data.deleted[0].id",
    );
}

#[test]
fn huge_and_deeply_nested_files_are_refused_without_harm() {
    let huge = format!("{{\"type\": \"sitrep/incident\", \"pad\": \"{}\"}}", "x".repeat(11 * 1024 * 1024));
    assert!(words(import_json(&huge))[0].starts_with("the file is"));
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    assert!(words(import_json(&deep))[0].starts_with("not JSON"));
    assert!(words(import_workspace(&deep))[0].starts_with("not JSON"));
    let mut nested = json!("leaf");
    for _ in 0..100 {
        nested = json!({ "a": nested });
    }
    refused(|f| f["data"]["timeline"][1]["text"] = nested, "data.timeline[1].text");
}

#[test]
fn wrong_types_are_refused_where_they_are() {
    refused(|f| f["version"] = json!("1"), "version: expected Integer");
    refused(|f| f["data"]["timeline"] = json!({}), "data.timeline: expected Array");
    refused(|f| f["data"]["incident"]["title"] = json!(42), "data.incident.title");
    refused(|f| f["data"]["timeline"][0]["recorded_at"] = json!("yesterday"), "data.timeline[0].recorded_at");
    refused(|f| f["type"] = json!("sitrep/workspace"), "type: not a Sitrep incident export");
    backup_refused(|f| f["data"]["incidents"] = json!([1, 2]), "data.incidents[0]: expected Object");
    backup_refused(|f| f["data"]["settings"]["people"] = json!("Bo"), "data.settings");
    backup_refused(|f| f["type"] = json!("sitrep/incident"), "type: not a Sitrep incident export");
}

#[test]
fn values_that_break_a_constructors_rule_are_refused() {
    refused(|f| f["data"]["review"]["items"][0]["owner"] = json!(" "), "data.review.items[0]");
    refused(|f| f["data"]["timeline"][2]["text"] = json!("  "), "data.timeline[2]");
    refused(|f| f["data"]["timeline"][2]["change"]["update"]["next_update_due"] = json!(at(-60)), "data.timeline[2]");
    refused(|f| f["data"]["review"]["status"] = json!("approved"), "data.review");
    refused(|f| f["data"]["review"]["sections"]["summary"] = json!("x".repeat(50_001)), "data.review");
    backup_refused(|f| f["data"]["settings"]["people"][0]["name"] = json!(""), "data.settings");
    backup_refused(
        |f| {
            let person = f["data"]["settings"]["people"][0].clone();
            f["data"]["settings"]["people"].as_array_mut().unwrap().push(person);
        },
        "data.settings",
    );
    backup_refused(|f| f["data"]["settings"]["display_name"] = json!("x".repeat(81)), "data.settings");
}

/// A mutation of a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the text at this fraction of its length.
    Truncate(f64),
    /// Swap the values at two nodes.
    Swap(usize, usize),
    /// Replace the value at a node with another type.
    Retype(usize, u8),
    /// Copy the value at one node (an id, say) over another node.
    Reuse(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), 0..6u8).prop_map(|(a, t)| Mutation::Retype(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Reuse(a, b)),
    ]
}

/// The JSON pointers of every node below the root.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                pointers(child, here, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let here = format!("{at}/{i}");
                out.push(here.clone());
                pointers(child, here, out);
            }
        }
        _ => {}
    }
}

fn mutated(file: &Value, mutations: &[Mutation]) -> String {
    let mut file = file.clone();
    for mutation in mutations {
        let mut all = Vec::new();
        pointers(&file, String::new(), &mut all);
        let pick = |n: usize| all[n % all.len()].clone();
        match *mutation {
            Mutation::Truncate(fraction) => {
                let text = file.to_string();
                let mut cut = (text.len() as f64 * fraction) as usize;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                return text[..cut].to_owned();
            }
            Mutation::Swap(a, b) => {
                let (a, b) = (pick(a), pick(b));
                // A node and one inside it cannot be swapped.
                if a.starts_with(&b) || b.starts_with(&a) {
                    continue;
                }
                let first = file.pointer(&a).cloned().unwrap_or_default();
                let second = file.pointer(&b).cloned().unwrap_or_default();
                *file.pointer_mut(&a).unwrap() = second;
                *file.pointer_mut(&b).unwrap() = first;
            }
            Mutation::Retype(a, kind) => {
                let replacement = match kind {
                    0 => Value::Null,
                    1 => json!(-1),
                    2 => json!("text"),
                    3 => json!([]),
                    4 => json!({}),
                    _ => json!(true),
                };
                *file.pointer_mut(&pick(a)).unwrap() = replacement;
            }
            Mutation::Reuse(a, b) => {
                let (a, b) = (pick(a), pick(b));
                if b.starts_with(&a) {
                    continue;
                }
                let copy = file.pointer(&a).cloned().unwrap_or_default();
                *file.pointer_mut(&b).unwrap() = copy;
            }
        }
    }
    file.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_export_is_a_valid_bundle_or_a_list_of_problems(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let text = mutated(&export(), &mutations);
        match import_json(&text) {
            Ok(bundle) => prop_assert_eq!(import_json(&export_json(&bundle, at(0))), Ok(bundle)),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn a_mutated_backup_is_a_valid_workspace_or_a_list_of_problems(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let text = mutated(&backup_json(), &mutations);
        match import_workspace(&text) {
            Ok(bundle) => prop_assert_eq!(import_workspace(&export_workspace(&bundle, at(0))), Ok(bundle)),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
