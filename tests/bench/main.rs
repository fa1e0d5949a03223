//! A benchmark, not a test: how the release build copes with a 10,000-entry
//! timeline in headless Chromium. It prints numbers and asserts only that the
//! steps happened; run it with `scripts/bench` (after `trunk build --release`).
//!
//! The incident is made with the domain's own constructors, exported as a JSON
//! bundle and imported through the app's import form, as a user would bring in a
//! long incident. Then it times opening the incident page until every entry is on
//! screen, adding one entry until it is shown saved, and a reload.

#[allow(dead_code)]
#[path = "../e2e/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../e2e/pages.rs"]
mod pages;
#[allow(dead_code)]
#[path = "../e2e/server.rs"]
mod server;

use browser::Browser;
use chrono::{Duration as Minutes, TimeZone, Utc};
use fantoccini::key::Key;
use pages::App;
use sitrep::domain::export::{export_json, IncidentBundle};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, NewEntry, Severity, Stamp, Tag, TimelineEntry, Visibility,
};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How many entries the timeline holds.
const ENTRIES: usize = 10_000;

/// The longest any step may take before the benchmark gives up.
const GIVE_UP: Duration = Duration::from_secs(120);

/// An incident with `ENTRIES` entries in all (its declaration included), a few
/// minutes apart, with a mix of tags and visibilities.
fn long_incident() -> IncidentBundle {
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let declaration = Declaration {
        title: "Long-running storage degradation".into(),
        severity: Severity::new("SEV2"),
        reason: "Writes slow for many customers".into(),
    };
    let id = IncidentId::from_parts(1, 1);
    let (incident, declared): (Incident, TimelineEntry) =
        Incident::declare(id, declaration, Stamp::new(EntryId::from_parts(1, 0), start, "Mei-Ling Chen"))
            .expect("a valid declaration");
    let mut entries = vec![declared];
    let tags = [None, Some(Tag::Detection), Some(Tag::Diagnosis), Some(Tag::Repair), Some(Tag::KeyMoment)];
    for n in 1..ENTRIES {
        let at = start + Minutes::seconds(n as i64 * 30);
        let new = NewEntry {
            incident: id,
            text: format!("Entry {n}: p99 write latency at {} ms on shard {}", 200 + n % 900, n % 64),
            event_at: Some(at),
            tag: tags[n % tags.len()],
            visibility: if n % 7 == 0 { Visibility::CustomerSafe } else { Visibility::Internal },
            evidence: Vec::new(),
        };
        let stamp = Stamp::new(EntryId::from_parts(1 + n as u64, 0), at, "Bo");
        entries.push(TimelineEntry::note(new, stamp).expect("a valid note"));
    }
    IncidentBundle::new(incident, entries, Vec::new(), None).expect("a consistent bundle")
}

/// Polls `probe` every 10 ms until it returns true and returns how long that took.
async fn time_until<F, Fut>(what: &str, mut probe: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !probe().await {
        assert!(started.elapsed() < GIVE_UP, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    started.elapsed()
}

/// How many entries the incident page's timeline shows.
async fn shown(app: &App<'_>) -> usize {
    let script = "const list = document.querySelector('ol[aria-label=\"Timeline\"]'); \
                  return list ? list.children.length : 0;";
    let value = app.client.execute(script, vec![]).await.expect("count entries");
    value.as_u64().unwrap_or(0) as usize
}

/// Whether some element's text contains `text`.
async fn has_text(app: &App<'_>, text: &str) -> bool {
    let script = "return document.body.innerText.includes(arguments[0]);";
    app.client.execute(script, vec![text.into()]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn report(what: &str, took: Duration) {
    println!("{what:<58} {:>8.0} ms", took.as_secs_f64() * 1_000.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_thousand_entry_timeline() {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").is_file(), "build the app first: trunk build --release");

    let bundle = long_incident();
    let json = export_json(&bundle, Utc::now());
    let file = std::env::temp_dir().join(format!("sitrep-bench-{}.json", std::process::id()));
    std::fs::write(&file, &json).expect("write the bundle");
    println!("\nSitrep with a {ENTRIES}-entry timeline (release build, headless Chromium)");
    println!("{:<58} {:>8} KB", "JSON bundle", json.len() / 1024);

    let base = server::serve(dist).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;

    app.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose the file");
    let took = time_until("the import", || has_text(&app, "Imported “Long-running storage degradation”")).await;
    report("import: validate and store in IndexedDB", took);

    app.follow("Open the imported incident").await;
    let took = time_until("every entry on screen", || async { shown(&app).await == ENTRIES }).await;
    report("open the incident page until every entry is shown", took);

    let field = app.field("New timeline entry").await;
    field.send_keys("Failover to the standby shard finished").await.expect("type the entry");
    let started = Instant::now();
    field.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
    time_until("the new entry", || async { shown(&app).await == ENTRIES + 1 }).await;
    report("add one entry until it is shown (stored first)", started.elapsed());

    let started = Instant::now();
    app.client.refresh().await.expect("reload");
    time_until("every entry after reload", || async { shown(&app).await == ENTRIES + 1 }).await;
    report("reload until every entry is shown again", started.elapsed());

    // Every fifth note is tagged "Repair" (n % 5 == 3 for n below 10,000).
    let repairs = (1..ENTRIES).filter(|n| n % 5 == 3).count();
    let started = Instant::now();
    app.select("Tag", "Repair").await;
    time_until("the filtered timeline", || async { shown(&app).await == repairs }).await;
    report(&format!("filter by tag until the {repairs} matching entries are shown"), started.elapsed());

    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_file(&file);
}
