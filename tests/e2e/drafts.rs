//! Drafts: text typed and not stored (the timeline composer, a status update, a
//! review section) survives a link followed inside the app and a browser killed
//! hard, is offered back when the page opens again on the same profile, and can
//! be discarded or stored; leaving with unsaved text asks first.

use crate::browser::{profile_dir, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;
use std::path::Path;
use std::time::Instant;

/// The value of the field labelled `label`.
async fn value(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read value").unwrap_or_default()
}

/// Waits until the field labelled `label` holds `text`.
async fn holds(app: &App<'_>, label: &str, text: &str) {
    eventually(&format!("{label:?} holding {text:?}"), || async { (value(app, label).await == text).then_some(()) })
        .await;
}

/// Whether closing the tab now would ask first: the app's `beforeunload`
/// handler cancels the event (the browser then shows its own prompt).
async fn leaving_asks(app: &App<'_>) -> bool {
    let asked = app
        .client
        .execute(
            "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;",
            vec![],
        )
        .await
        .expect("dispatch beforeunload");
    asked == serde_json::Value::Bool(true)
}

/// Whether `text` is in a file of the profile's local storage, that is, on disk.
fn on_disk(profile: &Path, text: &str) -> bool {
    let folder = profile.join("Default").join("Local Storage").join("leveldb");
    let Ok(files) = std::fs::read_dir(folder) else { return false };
    files.flatten().any(|file| {
        std::fs::read(file.path()).is_ok_and(|bytes| bytes.windows(text.len()).any(|w| w == text.as_bytes()))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_text_survives_a_killed_browser_and_is_offered_back() {
    let base = server::serve(dist()).await;
    let profile = profile_dir("drafts");
    let entry = "Half-written: suspect the DNS change at 02:40";
    let update = "We are investigating slow payments";
    let summary = "Draft summary: payments timed out for 25 minutes";

    let browser = Browser::start_on_profile(&profile).await;
    let app = App { client: &browser.client, base: base.clone() };
    app.open("/").await;
    app.declare_incident("Payments timing out", "SEV2").await;
    let incident = app.client.current_url().await.expect("url").path().to_owned();
    assert!(!leaving_asks(&app).await, "nothing typed, nothing to ask about");

    // Typed, not added: leaving the tab would ask; following a link keeps the
    // text and says so.
    app.fill("New timeline entry", entry).await;
    app.fill("Update text", update).await;
    eventually("the leave guard", || async { leaving_asks(&app).await.then_some(()) }).await;
    app.follow("Post-incident review").await;
    app.wait_text("kept as a draft").await;
    app.follow("Go back to it").await;
    app.wait_text("Restored an unsaved draft from").await;
    holds(&app, "New timeline entry", entry).await;
    holds(&app, "Update text", update).await;

    // A review section typed and not yet saved (the field still has focus).
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    app.fill("Summary", summary).await;
    eventually("the leave guard on the review", || async { leaving_asks(&app).await.then_some(()) }).await;
    let review = app.client.current_url().await.expect("url").path().to_owned();

    // Chromium writes local storage to disk a few seconds after a change; once
    // the last draft is there, the browser is killed without any chance to save.
    let typed = Instant::now();
    eventually("the drafts on disk", || async { on_disk(&profile, "payments timed out").then_some(()) }).await;
    println!("drafts on disk {} ms after typing", typed.elapsed().as_millis());
    browser.kill().await;

    // Started again on the same profile: the drafts are offered back.
    let browser = Browser::start_on_profile(&profile).await;
    let app = App { client: &browser.client, base: base.clone() };
    app.open(&review).await;
    app.wait_text("Restored an unsaved draft from").await;
    holds(&app, "Summary", summary).await;
    assert!(leaving_asks(&app).await, "a restored draft is unsaved text");
    // In Traditional Chinese too.
    app.select("Language", "繁體中文").await;
    app.wait_text("已還原").await;
    app.select("語言", "English").await;
    // Saving the section (leaving the field) ends its draft.
    app.field("Summary").await.send_keys(&Key::Tab.to_string()).await.expect("leave the field");
    let saved =
        "//label[normalize-space(.)='Summary']/following-sibling::p[@role='status' and normalize-space(.)='Saved']";
    app.wait_for(fantoccini::Locator::XPath(saved), "Summary saved").await;
    eventually("the note gone", || async {
        app.texts("//*[contains(text(), 'Restored an unsaved draft')]").await.is_empty().then_some(())
    })
    .await;

    app.open(&incident).await;
    holds(&app, "New timeline entry", entry).await;
    holds(&app, "Update text", update).await;
    // Discarding the status update's draft empties it and moves focus to it.
    app.press_labelled("Discard draft: New update").await;
    holds(&app, "Update text", "").await;
    // Adding the entry stores it and ends its draft.
    let field = app.field("New timeline entry").await;
    field.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
    app.wait_status("Saved").await;
    holds(&app, "New timeline entry", "").await;
    assert!(!leaving_asks(&app).await, "everything is stored or discarded");

    // After a reload nothing is offered back, and the entry is on the timeline.
    app.reload().await;
    app.heading("Payments timing out").await;
    let entries = eventually("the added entry", || async {
        let entries = app.timeline("Timeline").await;
        entries.iter().any(|e| e == entry).then_some(entries)
    })
    .await;
    assert!(entries.contains(&entry.to_owned()));
    assert!(app.texts("//*[contains(text(), 'Restored an unsaved draft')]").await.is_empty());
    assert_eq!(value(&app, "Update text").await, "");
    app.open(&review).await;
    holds(&app, "Summary", summary).await;
    assert!(app.texts("//*[contains(text(), 'Restored an unsaved draft')]").await.is_empty());

    browser.client.clone().close().await.expect("close the browser");
    drop(browser);
    let _ = std::fs::remove_dir_all(&profile);
}
