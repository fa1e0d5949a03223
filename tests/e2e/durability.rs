//! Durability: an entry the page acknowledged as "Saved" is on disk. Chromium is
//! killed hard (SIGKILL, as a crash or a power cut would) 100 times while entries
//! are being added, right after an acknowledgement and while the next write is
//! under way; after every restart on the same profile each acknowledged entry is
//! still in the timeline.

use crate::browser::{profile_dir, Browser};
use crate::pages::App;
use crate::{dist, server};
use fantoccini::key::Key;
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
    let mut unconfirmed = 0;
    for kill in 0..KILLS {
        let browser = Browser::start_on_profile(&profile).await;
        let app = App { client: &browser.client, base: base.clone() };
        app.open(&incident).await;
        app.heading("Database failover").await;
        let present = app.timeline("Timeline").await;
        let missing: Vec<&String> = acknowledged.iter().filter(|text| !present.contains(text)).collect();
        assert!(missing.is_empty(), "after kill {kill}, acknowledged entries are missing: {missing:?} (seed {seed})");

        // A few entries, each acknowledged, then one more killed mid-write.
        for n in 0..=random.below(3) {
            let text = format!("Replica lag check {kill}-{n}");
            app.fill("New timeline entry", &text).await;
            app.field("New timeline entry").await.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
            app.wait_status("Saved").await;
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
    let present = app.timeline("Timeline").await;
    let kept = acknowledged.iter().filter(|text| present.contains(text)).count();
    let unconfirmed_kept = present.iter().filter(|text| text.starts_with("Unconfirmed")).count();
    println!(
        "durability: {KILLS} kills; {} entries acknowledged, {kept} present; \
         {unconfirmed_kept} of {unconfirmed} writes cut by a kill were stored",
        acknowledged.len()
    );
    assert_eq!(kept, acknowledged.len(), "every acknowledged entry is present (seed {seed})");
    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&profile);
}
