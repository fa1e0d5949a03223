//! The workspace as a whole: a backup restored into a fresh profile gives back the
//! incidents, their timelines and the settings; a broken backup changes nothing;
//! clearing asks first and offers the backup; two responders' exports of one
//! incident merge after a preview.

use crate::browser::{download_dir, kept_download, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use std::path::{Path, PathBuf};

/// Waits for a finished download whose name starts with `prefix`, and returns
/// the path of the test's copy of it.
async fn downloaded_starting(dir: &Path, prefix: &str) -> PathBuf {
    let name = eventually(&format!("a download named {prefix}…"), || async {
        let names: Vec<String> =
            std::fs::read_dir(dir).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        if names.iter().any(|name| name.ends_with(".crdownload")) {
            return None;
        }
        names.into_iter().find(|name| name.starts_with(prefix))
    })
    .await;
    kept_download(dir, &name).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_the_workspace_in_a_fresh_profile_and_clearing_asks_first() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("backup");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base: base.clone() };
    app.open("/settings").await;
    app.fill("Your display name", "Ana Lima").await;
    app.press("Save").await;
    app.wait_status("Saved").await;
    app.fill("Name", "Bo Chen").await;
    app.fill("Team", "Payments").await;
    app.press("Add person").await;
    app.wait_text("Payments").await;
    app.open("/").await;
    app.declare_incident("Checkout outage", "SEV2").await;
    app.add_entry("Rolled back the 08:40 deploy", None).await;

    app.open("/settings").await;
    app.wait_text("No backup was taken from this browser yet.").await;
    app.press("Download backup").await;
    app.wait_text("1 incident, ").await;
    app.wait_text("Last backup from this browser:").await;
    let backup = downloaded_starting(&downloads, "sitrep-backup-").await;

    // Clearing asks, names the count and offers the backup first.
    app.press("Clear workspace…").await;
    app.wait_text("Delete the only incident from this browser?").await;
    app.press("Keep them").await;
    app.press("Clear workspace…").await;
    app.press("Delete the only incident").await;
    app.wait_text("The workspace was cleared: 1 incident deleted.").await;
    app.open("/").await;
    app.wait_text("No open incidents.").await;
    browser.client.clone().close().await.expect("close the first browser");

    // A broken backup is refused whole in a fresh profile, and nothing changes.
    let mut broken: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).expect("the backup")).expect("JSON");
    broken["data"]["incidents"][0]["timeline"][0]["incident"] = serde_json::json!("01JDJ0000000000000000000AB");
    let broken_file = downloads.join("broken-backup.json");
    std::fs::write(&broken_file, broken.to_string()).expect("write the broken backup");
    let fresh = Browser::start().await;
    let app = App { client: &fresh.client, base };
    app.open("/settings").await;
    app.field("Backup file to restore (JSON)").await.send_keys(&broken_file.display().to_string()).await.expect("pick");
    app.wait_text("Nothing was restored. The file has these problems:").await;
    app.wait_text("This record belongs to another incident").await;
    app.open("/").await;
    app.wait_text("No open incidents.").await;

    // The backup itself: the preview says what it does, then the workspace is back.
    app.open("/settings").await;
    app.field("Backup file to restore (JSON)").await.send_keys(&backup.display().to_string()).await.expect("pick");
    app.wait_text("This workspace has no incidents. Restoring gives back the backed-up workspace: 1 incident with")
        .await;
    app.press("Restore backup").await;
    app.wait_text("Backup restored: 1 incident added, 0 incidents merged").await;
    app.reload().await;
    app.wait_text("Bo Chen").await;
    assert_eq!(app.field("Your display name").await.prop("value").await.expect("value").as_deref(), Some("Ana Lima"));
    app.open("/").await;
    app.follow("Checkout outage").await;
    app.wait_text("Rolled back the 08:40 deploy").await;
    fresh.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&downloads);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_responders_exports_of_one_incident_merge_after_a_preview() {
    let base = server::serve(dist()).await;
    let (ana_downloads, bo_downloads) = (download_dir("merge-ana"), download_dir("merge-bo"));
    let ana_browser = Browser::start_with_downloads(&ana_downloads).await;
    let ana = App { client: &ana_browser.client, base: base.clone() };
    ana.open("/").await;
    ana.declare_incident("Search is slow", "SEV3").await;
    ana.add_entry("p95 latency at 4 s", None).await;
    ana.follow("Post-incident review").await;
    ana.press("Start the review").await;
    ana.press("Incident and review (JSON)").await;
    let file = kept_download(&ana_downloads, "search-is-slow-incident.json").await;

    // Bo imports Ana's notes and adds his own.
    let bo_browser = Browser::start_with_downloads(&bo_downloads).await;
    let bo = App { client: &bo_browser.client, base: base.clone() };
    bo.open("/").await;
    bo.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose");
    bo.wait_text("Imported “Search is slow”").await;
    bo.follow("Open the imported incident").await;
    bo.add_entry("Search cache was cold after the deploy", None).await;
    bo.follow("Post-incident review").await;
    bo.press("Incident and review (JSON)").await;
    let file = kept_download(&bo_downloads, "search-is-slow-incident.json").await;
    bo_browser.client.clone().close().await.expect("close Bo's browser");

    // Ana merges Bo's file: the preview counts what it adds, then both notes show.
    ana.open("/").await;
    ana.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose");
    ana.wait_text("“Search is slow” is already in this workspace. Merging adds 1 timeline entry and").await;
    ana.press("Merge into “Search is slow”").await;
    ana.wait_text("Merged into “Search is slow”: 1 timeline entry added.").await;
    ana.follow("Open the imported incident").await;
    ana.wait_text("Search cache was cold after the deploy").await;
    ana.wait_text("p95 latency at 4 s").await;
    ana.reload().await;
    ana.wait_text("Search cache was cold after the deploy").await;

    // The same file again adds nothing.
    ana.open("/").await;
    ana.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose");
    ana.wait_text("Everything in this file is already in “Search is slow”").await;
    ana_browser.client.clone().close().await.expect("close Ana's browser");
    let _ = std::fs::remove_dir_all(&ana_downloads);
    let _ = std::fs::remove_dir_all(&bo_downloads);
}
