//! Frozen records of every older kind (tests/fixtures/schema1) still restore, and
//! the documents that version 4 splits into records (settings, reviews) split and
//! join back to the same value.

#[allow(dead_code)] // The scenarios are for the store tests; this file takes only fixtures.
mod support;

use serde_json::Value;
use sitrep::domain::review::Review;
use sitrep::domain::{Incident, Runbook, RunbookRun, Settings, TimelineEntry};
use sitrep::store::documents::{join_review, join_settings, split_review, split_settings, Table};
use sitrep::store::records::{restore, Kind};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/schema1/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture exists")).expect("the fixture is JSON")
}

#[test]
fn every_older_record_kind_restores() {
    let (incident, declaration) = support::declared(1, "Checkout returns 502", 0);
    assert_eq!(restore::<Incident>(Kind::Incident, fixture("incident")), Ok(incident.clone()));
    assert_eq!(restore::<TimelineEntry>(Kind::Entry, fixture("entry")), Ok(declaration));
    let runbook = restore::<Runbook>(Kind::Runbook, fixture("runbook")).expect("the runbook restores");
    assert_eq!(runbook, support::runbook(1, "Database failover", 5));
    assert!(runbook.steps().iter().all(|step| step.completes_when.is_none()), "older steps complete by hand");
    let run = restore::<RunbookRun>(Kind::Run, fixture("run")).expect("the run restores");
    assert_eq!(run.incident(), incident.id());
    let review = restore::<Review>(Kind::Review, fixture("review")).expect("the review restores");
    assert_eq!(review.items().len(), 1);
    let settings = restore::<Settings>(Kind::Settings, fixture("settings")).expect("the settings restore");
    assert_eq!(settings.people().len(), 1);
}

#[test]
fn older_settings_split_into_records_and_join_back() {
    let data = fixture("settings")["data"].clone();
    let settings: Settings = serde_json::from_value(data.clone()).unwrap();
    let parts = split_settings(data);
    assert_eq!(parts.iter().filter(|p| p.table == Table::Preferences).count(), 1, "one preferences record");
    assert!(parts.iter().any(|p| p.key == "person/dan ortiz"));
    let joined = join_settings(parts.into_iter().map(|p| (p.key, p.data)).collect()).unwrap();
    assert_eq!(serde_json::from_value::<Settings>(joined).unwrap(), settings);
}

#[test]
fn an_older_whole_review_splits_into_records_and_joins_back() {
    let raw = fixture("review");
    let incident = raw["key"].as_str().unwrap().to_owned();
    let review: Review = serde_json::from_value(raw["data"].clone()).unwrap();
    let mut parts = split_review(&incident, raw["data"].clone()).into_iter();
    let workflow = parts.next().unwrap();
    assert_eq!(workflow.table, Table::Reviews);
    assert!(workflow.data.get("sections").is_none() && workflow.data.get("items").is_none());
    let joined = join_review(workflow.data, parts.map(|p| (p.key, p.data)).collect());
    assert_eq!(serde_json::from_value::<Review>(joined).unwrap(), review);
}
