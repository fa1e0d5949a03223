//! Deleting an incident: asked for, confirmed by name, gone with its timeline
//! after a reload and in another open tab, which says it was deleted. An entry
//! another tab stored after the confirmation was shown is never deleted unseen:
//! the deletion is refused, the confirmation says what the incident holds now
//! and asks again.

use crate::browser::{cdp, Browser};
use crate::pages::App;
use crate::{dist, server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incident_is_deleted_after_a_confirmation_that_names_it() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Game day drill", "SEV3").await;
    app.add_entry("Failover started by hand", None).await;
    let first = client.window().await.expect("the first tab");
    let address = client.current_url().await.expect("the incident's address").to_string();
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the incident in the second tab");
    app.heading("Game day drill").await;

    client.switch_to_window(first).await.expect("back to the first tab");
    // Asking shows what goes with it; keeping it changes nothing.
    app.press("Delete this incident…").await;
    app.wait_text("timeline entries, its runbook runs and its review").await;
    app.press("Keep it").await;
    app.press("Delete this incident…").await;
    app.press("Delete “Game day drill”").await;
    app.heading("Incidents").await;
    app.reload().await;
    app.heading("Incidents").await;
    assert!(app.texts("//a[normalize-space(.)='Game day drill']").await.is_empty(), "no longer listed");

    // The other tab says so, and so does the incident's address.
    client.switch_to_window(second).await.expect("to the second tab");
    app.wait_text("This incident was deleted from this browser").await;
    app.reload().await;
    app.wait_text("This incident was deleted from this browser").await;
}

/// How many timeline entries the deletion's confirmation says go with it.
async fn entries_said(app: &App<'_>) -> usize {
    let said = crate::pages::eventually("the confirmation", || async {
        let text = app.client.find(fantoccini::Locator::Css("main")).await.ok()?.text().await.ok()?;
        let (_, rest) = text.split_once(", with its ")?;
        rest.split(' ').next()?.parse::<usize>().ok()
    })
    .await;
    said
}

/// Installed in a tab before its scripts: the tab hears nothing from the
/// others (its `BroadcastChannel` sends but delivers nothing), as if their news
/// came late, so what it shows is older than what is stored.
const DEAF: &str = "const Heard = window.BroadcastChannel; \
    window.BroadcastChannel = class { constructor(name) { this.channel = new Heard(name); } \
    postMessage(message) { this.channel.postMessage(message); } close() { this.channel.close(); } \
    addEventListener() {} removeEventListener() {} set onmessage(listener) {} };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_stored_in_another_tab_after_the_confirmation_is_not_deleted_unseen() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Cache warm-up", "SEV3").await;
    app.add_entry("Warm-up job started", None).await;
    let address = client.current_url().await.expect("the incident's address").to_string();
    // The first tab stops hearing the others, then asks to delete.
    let first = client.window().await.expect("the first tab");
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": DEAF })).await;
    app.reload().await;
    app.heading("Cache warm-up").await;
    app.press("Delete this incident…").await;
    let shown = entries_said(&app).await;

    // Meanwhile a second tab adds an entry.
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the incident in the second tab");
    app.heading("Cache warm-up").await;
    app.add_entry("Hit rate back to 92%", None).await;

    // The confirmation, given on what the first tab showed, deletes nothing.
    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.press("Delete “Cache warm-up”").await;
    app.wait_text("Nothing was deleted: “Cache warm-up” changed while you confirmed").await;
    app.wait_text(&format!("It now has {} timeline entries.", shown + 1)).await;
    app.wait_text("Hit rate back to 92%").await;
    app.reload().await;
    app.heading("Cache warm-up").await;
    app.wait_text("Hit rate back to 92%").await;

    // Asked again, on what it now shows, it deletes.
    app.press("Delete this incident…").await;
    assert_eq!(entries_said(&app).await, shown + 1);
    app.press("Delete “Cache warm-up”").await;
    app.heading("Incidents").await;
    client.switch_to_window(second).await.expect("to the second tab");
    app.wait_text("This incident was deleted from this browser").await;
}
