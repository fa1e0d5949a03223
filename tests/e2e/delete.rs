//! Deleting an incident: asked for, confirmed by name, gone with its timeline
//! after a reload and in another open tab, which says it was deleted.

use crate::browser::Browser;
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
