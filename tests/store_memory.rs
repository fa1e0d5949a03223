//! The memory store, natively, held to the same scenarios as the IndexedDB store.
//!
//! `MemoryStore` answers every call at once, so its futures are ready the first
//! time they are polled. `run` polls a scenario once with a no-op waker instead of
//! pulling in an async runtime, and fails loudly if the store ever makes it wait.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::store::memory::MemoryStore;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use support::Workspace;

/// Runs a future that must complete without waiting, and returns its output.
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a MemoryStore future was not ready at once"),
    }
}

#[test]
fn a_new_store_is_empty() {
    run(support::assert_empty(&MemoryStore::default()));
}

#[test]
fn settings_incident_and_notes_round_trip() {
    let store = MemoryStore::default();
    let workspace = Workspace::sample();
    run(async {
        workspace.write(&store).await;
        workspace.assert_stored(&store).await;
    });
}

#[test]
fn entries_added_out_of_order_come_back_in_timeline_order() {
    run(support::assert_timeline_order(&MemoryStore::default()));
}

#[test]
fn the_first_and_last_entries_of_a_timeline_come_in_its_order() {
    run(support::assert_timeline_ends(&MemoryStore::default()));
}

#[test]
fn a_timeline_holds_only_its_own_incidents_entries() {
    run(support::assert_timelines_are_separate(&MemoryStore::default()));
}

#[test]
fn an_opening_reads_the_incident_its_first_entries_and_runs() {
    run(support::assert_opening_reads_incident_entries_and_runs(&MemoryStore::default()));
}

#[test]
fn a_catch_up_reads_only_the_entries_not_held() {
    run(support::assert_catch_up_reads_only_the_entries_not_held(&MemoryStore::default()));
}

#[test]
fn ids_are_placed_under_their_incidents() {
    run(support::assert_ids_are_placed_under_their_incidents(&MemoryStore::default()));
}

#[test]
fn damaged_records_are_reported_by_key_and_the_rest_still_loads() {
    let store = MemoryStore::default();
    let workspace = run(support::write_good_entries(&store));
    for (key, raw) in support::damaged_records(workspace.incident.id()) {
        store.put_raw_entry(key, workspace.incident.id(), raw);
    }
    run(support::assert_unreadable_reported(&store, &workspace));
}

#[test]
fn a_record_from_a_newer_build_is_refused() {
    let store = MemoryStore::default();
    let workspace = run(support::write_good_entries(&store));
    let (key, raw) = support::newer_record();
    store.put_raw_entry(key, workspace.incident.id(), raw);
    run(support::assert_newer_schema_refused(&store, &workspace));
}

#[test]
fn runbook_versions_are_added_never_replaced() {
    run(support::assert_runbook_versions_are_never_replaced(&MemoryStore::default()));
}

#[test]
fn a_batch_that_conflicts_stores_nothing() {
    run(support::assert_a_conflicting_batch_stores_nothing(&MemoryStore::default()));
}

#[test]
fn entries_are_added_never_replaced() {
    run(support::assert_entries_are_never_replaced(&MemoryStore::default()));
}

#[test]
fn settings_and_reviews_are_created_once() {
    run(support::assert_settings_and_reviews_are_created_once(&MemoryStore::default()));
}

#[test]
fn settings_records_carry_revisions() {
    run(support::assert_settings_records_carry_revisions(&MemoryStore::default()));
}

#[test]
fn review_records_carry_revisions() {
    run(support::assert_review_records_carry_revisions(&MemoryStore::default()));
}

#[test]
fn the_incident_head_is_checked() {
    run(support::assert_incident_head_is_checked(&MemoryStore::default()));
}

#[test]
fn a_deleted_incident_leaves_a_tombstone() {
    run(support::assert_a_deleted_incident_leaves_a_tombstone(&MemoryStore::default()));
}

#[test]
fn a_backup_restores_the_same_workspace() {
    run(support::assert_a_backup_restores_the_same_workspace(&MemoryStore::default(), &MemoryStore::default()));
}

#[test]
fn an_incident_export_merges_into_the_incident_here() {
    run(support::assert_an_incident_export_merges(&MemoryStore::default()));
}

#[test]
fn shares_move_on_by_revision() {
    run(support::assert_shares_move_on_by_revision(&MemoryStore::default()));
}
