//! End-to-end tests: the release build in headless Chromium, driven the way a
//! responder uses it. Run by `scripts/test` after `trunk build --release`.
//!
//! - `server`: serves `dist/` on a free loopback port;
//! - `browser`: chromedriver and a fresh Chromium profile (or one kept across a kill);
//! - `clock`: the page's clock, stopped at a time the test sets and moved only by it;
//! - `pages`: page objects that find things by label, role and text.
//!
//! `couch` starts a CouchDB-protocol server (pouchdb-server) for `sync` and for
//! `protocol` (the replicator against it natively, no browser; it shares the
//! native tests' fixtures, `tests/support`), and for the team workspace: `team`
//! (two browsers following one team database) and `team_protocol` (its round
//! natively, through `protocol`'s transport).
//!
//! `offline` takes the host down and the browser off the network, and serves a
//! second build; `csp` reads the built `dist/index.html`; `cockpit` sets the
//! viewport to a laptop's and a phone's; `axe` runs axe-core on every page;
//! `window` imports a timeline of thousands of entries and checks the windowed list;
//! `print` opens the review's HTML export as printed and measures its words.

mod autostep;
mod axe;
mod backup;
mod browser;
mod catalog;
mod checklist;
mod clock;
mod cockpit;
mod command;
mod couch;
mod csp;
mod declare;
mod degraded;
mod delete;
mod drafts;
mod durability;
mod keyboard;
mod ladder;
mod offline;
mod pages;
mod people;
mod plan;
mod print;
mod protocol;
mod resolve;
mod review;
mod review_sync;
mod runbooks;
mod server;
mod storage;
#[allow(dead_code)] // The store scenarios' fixtures; `protocol` uses a few.
#[path = "../support/mod.rs"]
mod support;
mod sync;
mod tabs;
mod team;
mod team_protocol;
mod typed;
mod updates;
mod window;

use pages::{eventually, App};
use std::path::PathBuf;

pub(crate) fn dist() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").is_file(), "build the app first: trunk build --release (see README.md)");
    dist
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responder_records_a_timeline_that_survives_reload_in_both_languages() {
    let base = server::serve(dist()).await;
    let browser = browser::Browser::start().await;
    let app = App { client: &browser.client, base };

    // The responder sets the name their entries are signed with.
    app.open("/settings").await;
    app.heading("Settings").await;
    app.fill("Your display name", "Mei-Ling Chen").await;
    app.press("Save").await;
    app.wait_status("Saved").await;

    // An incident without a title is refused with a message.
    app.follow("Incidents").await;
    app.heading("Incidents").await;
    app.press("Declare incident").await;
    app.wait_text("Give the incident a title").await;
    app.snapshot("list-refused").await;

    // Declaring opens the incident at its own address.
    app.declare_incident("Checkout returns 500 for EU customers", "SEV1").await;
    let url = app.client.current_url().await.expect("url");
    assert!(url.path().starts_with("/incidents/"), "incident has its own address: {url}");

    // Three entries: one now, one back-dated before the declaration, one with markup.
    let twenty_minutes_ago = app
        .client
        .execute(
            "const d = new Date(Date.now() - 20 * 60 * 1000); d.setSeconds(0, 0); \
             const p = n => String(n).padStart(2, '0'); \
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;",
            vec![],
        )
        .await
        .expect("compute a local time");
    let hostile = r#"<script>window.__sitrepXss = 1</script><img src=x onerror="window.__sitrepXss = 2">"#;
    app.add_entry("Rolled back deploy 4521", None).await;
    app.add_entry("Error-rate alert fired", twenty_minutes_ago.as_str()).await;
    app.add_entry(hostile, None).await;

    // After a reload the page is the same incident and every entry is there, in
    // event-time order, markup shown as text.
    app.reload().await;
    app.heading("Checkout returns 500 for EU customers").await;
    let entries = eventually("five timeline entries", || async {
        let entries = app.timeline("Timeline").await;
        (entries.len() == 5).then_some(entries)
    })
    .await;
    assert_eq!(
        entries,
        [
            "Error-rate alert fired",
            "Incident declared at SEV1",
            "Runbook started: Major incident (version 1)",
            "Rolled back deploy 4521",
            hostile,
        ]
    );
    let injected = app
        .client
        .execute(
            "return window.__sitrepXss === undefined && document.querySelectorAll('main img').length === 0;",
            vec![],
        )
        .await
        .expect("check markup");
    assert_eq!(injected, serde_json::Value::Bool(true), "entry markup must not run or render");
    app.wait_text("Mei-Ling Chen").await;
    app.wait_text("recorded").await;
    app.snapshot("incident").await;

    // UTC on demand.
    app.press("Show times in UTC").await;
    app.wait_text("UTC").await;
    app.press("Show local times").await;

    // The incident is listed as open.
    app.follow("All incidents").await;
    app.section("Open incidents").await;
    app.wait_text("Checkout returns 500 for EU customers").await;
    app.snapshot("list").await;
    app.follow("Checkout returns 500 for EU customers").await;

    // Switching to Traditional Chinese changes the words and the document language,
    // and the choice survives a reload; switching back restores English.
    app.select("Language", "繁體中文").await;
    app.section("時間軸").await;
    assert_eq!(app.lang().await, "zh-TW");
    app.snapshot("incident-zh-tw").await;
    app.reload().await;
    app.section("時間軸").await;
    assert_eq!(app.timeline("時間軸").await.len(), 5);
    app.select("語言", "English").await;
    app.section("Timeline").await;
    assert_eq!(app.lang().await, "en");

    browser.client.clone().close().await.expect("close the browser");
}
