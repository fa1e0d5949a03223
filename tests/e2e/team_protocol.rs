//! The team workspace's replication against the real server, natively: a team
//! database made by the README's setup command (`couch.rs`), the round of
//! `sync::team` between memory stores through the app's own requests
//! (`protocol::native`). An admin's catalog entry reaches a member; the
//! member's writes are refused by the server; two admins editing the same
//! component at once keep both versions, one of them as a conflict.

use crate::couch::{Couch, LEAD, VIEWER, WRITER};
use crate::protocol::{native, Server};
use crate::support;
use serde_json::{json, Value};
use sitrep::domain::catalog::{Catalog, Component, ComponentDraft, ComponentId};
use sitrep::domain::Settings;
use sitrep::store::memory::MemoryStore;
use sitrep::store::{Batch, Edit, Store, Team, TeamWrite};
use sitrep::sync::team::{self, round, Choice};
use sitrep::sync::RemoteError;
use std::cell::RefCell;

const DATABASE: &str = "sitrep-team-ops";

fn component(id: &str, name: &str, owner: &str) -> Component {
    let draft = ComponentDraft { name: name.into(), owner: owner.into(), ..Default::default() };
    Component::new(ComponentId::new(id).unwrap(), draft).unwrap()
}

fn team(user: &str, admin: bool, replication: &str) -> Team {
    Team {
        server: "http://127.0.0.1".into(),
        database: DATABASE.into(),
        user: user.into(),
        admin,
        replication: replication.into(),
        since: Value::Null,
        synced_at: None,
        docs: Default::default(),
        conflicts: Default::default(),
    }
}

/// A workspace with `components` in its catalog, following the team as `user`.
async fn workspace(components: Vec<Component>, user: &str, admin: bool) -> MemoryStore {
    let store = MemoryStore::default();
    let mut catalog = Catalog::default();
    for c in components {
        catalog = catalog.with_component(c).unwrap();
    }
    support::create_settings(&store, &Settings::default().with_catalog(catalog)).await;
    let batch = Batch { team: Some(TeamWrite::Put(Edit::create(team(user, admin, user)))), ..Batch::default() };
    store.write(batch).await.expect("the team record");
    store
}

async fn names(store: &MemoryStore) -> Vec<(String, String)> {
    let settings = store.settings().await.unwrap().unwrap().value;
    settings.catalog().components().iter().map(|c| (c.name().to_owned(), c.draft().owner)).collect()
}

async fn edit(store: &MemoryStore, changed: Component) {
    let settings = store.settings().await.unwrap().unwrap();
    let catalog = settings.value.catalog().with_component(changed).unwrap();
    let next = settings.value.with_catalog(catalog);
    store.write(Batch { settings: Some(Edit::change(settings, next)), ..Batch::default() }).await.unwrap();
}

fn now() -> chrono::DateTime<chrono::Utc> {
    support::at(40)
}

async fn security(db: &Server<'_>) -> Value {
    db.ok("GET", "_security", None).await.expect("the team's _security")
}

#[tokio::test]
async fn an_admins_catalog_entry_reaches_a_member_whose_own_writes_the_server_refuses() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    couch.borrow().setup_team("ops", &[WRITER.0], &[VIEWER.0]);
    let (admin_db, member_db) = (native(&couch, DATABASE, WRITER), native(&couch, DATABASE, VIEWER));
    let sec = security(&member_db).await;
    assert!(team::is_admin(WRITER.0, &["sitrep-writer".into()], Some(&sec)), "{sec}");
    assert!(!team::is_admin(VIEWER.0, &["sitrep-viewer".into()], Some(&sec)), "{sec}");

    let admin = workspace(vec![component("payments", "Payments API", "Payments team")], WRITER.0, true).await;
    let sent = round(&admin, &admin_db, now()).await.expect("the admin's round");
    assert!(sent.sent >= 2 && sent.refused.is_empty(), "the ladder and the component: {sent:?}");
    let doc = admin_db.ok("GET", "component%2Fpayments", None).await.expect("the component is on the server");
    assert_eq!((doc["author"].as_str(), doc["type"].as_str()), (Some(WRITER.0), Some("component")));

    let member = workspace(Vec::new(), VIEWER.0, false).await;
    let pulled = round(&member, &member_db, now()).await.expect("the member's round");
    assert_eq!(pulled.conflicts, 0, "{pulled:?}");
    assert_eq!(names(&member).await, [("Payments API".to_owned(), "Payments team".to_owned())]);
    let followed = team::find_team(&member).await.unwrap().value;
    assert!(followed.managed().contains("component/payments"), "{:?}", followed.managed());

    // The member's forged write, under their own name or the admin's, is refused.
    for author in [VIEWER.0, WRITER.0] {
        let forged = json!({ "type": "component", "author": author, "data": { "id": "evil", "name": "Evil" } });
        let refused = member_db.ok("PUT", "component%2Fevil", Some(&forged)).await;
        assert!(matches!(refused, Err(RemoteError::Forbidden(_))), "{refused:?}");
    }
    let mut changed = doc.clone();
    changed["data"]["owner"] = "Someone else".into();
    changed["author"] = VIEWER.0.into();
    let refused = member_db.ok("PUT", "component%2Fpayments", Some(&changed)).await;
    assert!(matches!(refused, Err(RemoteError::Forbidden(_))), "{refused:?}");
    // An admin writing under another name is refused too.
    changed["author"] = LEAD.0.into();
    let refused = admin_db.ok("PUT", "component%2Fpayments", Some(&changed)).await;
    assert!(matches!(refused, Err(RemoteError::Forbidden(_))), "{refused:?}");

    // A member's client that thinks it is an admin sends, and is refused whole.
    edit(&member, component("payments", "Payments API", "Member's team")).await;
    let tampered = Team { admin: true, ..team::find_team(&member).await.unwrap().value };
    let base = team::find_team(&member).await.unwrap();
    member.write(Batch { team: Some(TeamWrite::Put(Edit::change(base, tampered))), ..Batch::default() }).await.unwrap();
    let outcome = round(&member, &member_db, now()).await.expect("the round runs");
    assert!(!outcome.refused.is_empty() && outcome.sent == 0, "{outcome:?}");
    let on_server = admin_db.ok("GET", "component%2Fpayments", None).await.unwrap();
    assert_eq!(on_server["data"]["owner"], "Payments team", "the server kept the admin's");

    // The admin's change reaches the member again on the next round.
    edit(&admin, component("payments", "Payments API", "Checkout team")).await;
    assert_eq!(round(&admin, &admin_db, now()).await.unwrap().sent, 1);
    let viewer = workspace(Vec::new(), "vic-2", false).await;
    round(&viewer, &member_db, now()).await.unwrap();
    assert_eq!(names(&viewer).await, [("Payments API".to_owned(), "Checkout team".to_owned())]);
}

#[tokio::test]
async fn two_admins_editing_one_component_at_once_keep_both_until_one_is_chosen() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    couch.borrow().setup_team("ops", &[WRITER.0, LEAD.0], &[]);
    let (bo_db, lead_db) = (native(&couch, DATABASE, WRITER), native(&couch, DATABASE, LEAD));
    let bo = workspace(vec![component("db", "Database", "Storage")], WRITER.0, true).await;
    round(&bo, &bo_db, now()).await.expect("bo's first round");
    let lead = workspace(Vec::new(), LEAD.0, true).await;
    let first = round(&lead, &lead_db, now()).await.expect("the lead's first round");
    assert_eq!(names(&lead).await, [("Database".to_owned(), "Storage".to_owned())], "{first:?}");

    // Both change the component from the same revision; bo sends first.
    edit(&bo, component("db", "Database", "Bo's team")).await;
    edit(&lead, component("db", "Database", "Lead's team")).await;
    assert_eq!(round(&bo, &bo_db, now()).await.unwrap().sent, 1);
    let stale = round(&lead, &lead_db, now()).await.expect("the lead's round");
    assert_eq!((stale.sent, stale.conflicts), (0, 1), "the stale push is refused: {stale:?}");
    assert_eq!(names(&lead).await, [("Database".to_owned(), "Lead's team".to_owned())], "the lead's is kept");
    let theirs = &team::find_team(&lead).await.unwrap().value.conflicts["component/db"];
    assert_eq!((theirs.data["owner"].as_str(), theirs.author.as_str()), (Some("Bo's team"), WRITER.0));
    let on_server = bo_db.ok("GET", "component%2Fdb", None).await.unwrap();
    assert_eq!(on_server["data"]["owner"], "Bo's team", "the server kept bo's");
    // Another round changes nothing: the conflict waits for a person.
    let again = round(&lead, &lead_db, now()).await.unwrap();
    assert_eq!((again.sent, again.received), (0, 0), "{again:?}");
    assert_eq!(names(&lead).await, [("Database".to_owned(), "Lead's team".to_owned())]);

    // The lead keeps theirs: sent over bo's, which bo then receives.
    team::resolve(&lead, "component/db", Choice::Mine).await.expect("kept");
    assert_eq!(round(&lead, &lead_db, now()).await.unwrap().sent, 1);
    round(&bo, &bo_db, now()).await.unwrap();
    assert_eq!(names(&bo).await, [("Database".to_owned(), "Lead's team".to_owned())]);

    // And the other way: bo edits again, the lead also, the lead takes bo's.
    edit(&bo, component("db", "Database", "Bo again")).await;
    edit(&lead, component("db", "Database", "Lead again")).await;
    round(&bo, &bo_db, now()).await.unwrap();
    assert_eq!(round(&lead, &lead_db, now()).await.unwrap().conflicts, 1);
    team::resolve(&lead, "component/db", Choice::Theirs).await.expect("taken");
    assert_eq!(names(&lead).await, [("Database".to_owned(), "Bo again".to_owned())]);
    let settled = round(&lead, &lead_db, now()).await.unwrap();
    assert_eq!((settled.sent, settled.conflicts), (0, 0), "{settled:?}");
}
