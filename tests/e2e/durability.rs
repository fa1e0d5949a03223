//! Durability: an entry the page acknowledged as "Saved" is on disk. Chromium is
//! killed hard (SIGKILL, as a crash or a power cut would) 100 times while entries
//! are being added, right after an acknowledgement and while the next write is
//! under way; after every restart on the same profile each acknowledged entry is
//! still in the timeline.

use crate::browser::{profile_dir, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;
use fantoccini::Locator;
use std::time::Duration;

/// How many times the browser is killed.
const KILLS: usize = 100;

/// A small random number generator (xorshift), seeded from the clock; the seed
/// is printed so that a failing run can be repeated.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_acknowledged_as_saved_survive_a_killed_browser() {
    let base = server::serve(dist()).await;
    let profile = profile_dir("durability");
    let seed = std::env::var("SITREP_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    });
    println!("durability: seed {seed} (set SITREP_KILL_SEED to repeat)");
    let mut random = Random(seed);

    let browser = Browser::start_on_profile(&profile).await;
    let app = App { client: &browser.client, base: base.clone() };
    app.open("/").await;
    app.declare_incident("Database failover", "SEV1").await;
    let incident = app.client.current_url().await.expect("url").path().to_owned();
    browser.kill().await;

    let mut acknowledged: Vec<String> = Vec::new();
    let mut last_round: Vec<String> = Vec::new();
    let mut unconfirmed = 0;
    for kill in 0..KILLS {
        let browser = Browser::start_on_profile(&profile).await;
        let app = App { client: &browser.client, base: base.clone() };
        app.open(&incident).await;
        app.heading("Database failover").await;
        // The entries acknowledged before the last kill are the newest, drawn at the
        // foot of the windowed timeline; the end of the test reads every entry.
        let what = format!("after kill {kill}, the entries acknowledged before it (seed {seed})");
        eventually(&what, || async {
            let present = app.timeline("Timeline").await;
            last_round.iter().all(|text| present.contains(text)).then_some(())
        })
        .await;
        last_round.clear();

        // A few entries, each acknowledged, then one more killed mid-write.
        for n in 0..=random.below(3) {
            let text = format!("Replica lag check {kill}-{n}");
            app.fill("New timeline entry", &text).await;
            app.field("New timeline entry").await.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
            app.wait_status("Saved").await;
            last_round.push(text.clone());
            acknowledged.push(text);
        }
        app.fill("New timeline entry", &format!("Unconfirmed {kill}")).await;
        app.field("New timeline entry").await.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
        unconfirmed += 1;
        tokio::time::sleep(Duration::from_millis(random.below(40))).await;
        browser.kill().await;
    }

    let browser = Browser::start_on_profile(&profile).await;
    let app = App { client: &browser.client, base };
    app.open(&incident).await;
    app.heading("Database failover").await;
    // The windowed timeline draws only the rows near its view, so each
    // acknowledged entry is looked for with "Search the timeline", which sees
    // every entry once the whole timeline is read after its first rows.
    let mut kept = 0;
    for text in &acknowledged {
        app.fill("Search the timeline", text).await;
        let what = format!("{text:?} found by the search (seed {seed})");
        let xpath = "//*[@role='status' and normalize-space(.)='1 of 1']";
        eventually(&what, || async { app.client.find(Locator::XPath(xpath)).await.ok() }).await;
        kept += 1;
    }
    // "n of m" for the writes cut by a kill that were stored all the same.
    app.fill("Search the timeline", "Unconfirmed ").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let counts = app.texts("//*[@role='status' and contains(., ' of ')]").await;
    let unconfirmed_kept: usize =
        counts.first().and_then(|c| c.rsplit(' ').next()).and_then(|m| m.parse().ok()).unwrap_or(0);
    println!(
        "durability: {KILLS} kills; {} entries acknowledged, {kept} present; \
         {unconfirmed_kept} of {unconfirmed} writes cut by a kill were stored",
        acknowledged.len()
    );
    assert_eq!(kept, acknowledged.len(), "every acknowledged entry is present (seed {seed})");
    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&profile);
}
