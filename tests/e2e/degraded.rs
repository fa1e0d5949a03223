//! With no database (IndexedDB switched off), the app still opens, in memory, says
//! so for as long as it is true, and a responder can declare and record.

use crate::browser::{cdp, Browser};
use crate::pages::App;
use crate::{dist, server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_database_the_app_works_in_memory_and_says_so() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    let source = "Object.defineProperty(window, 'indexedDB', { get() { return null; } });";
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": source })).await;
    app.open("/").await;
    app.wait_text("works in memory, in this tab only").await;
    app.declare_incident("Status page is down", "SEV1").await;
    app.add_entry("DNS provider reports an outage", None).await;
    app.wait_text("works in memory, in this tab only").await;
    // Moving inside the app keeps it; the list shows the incident.
    app.follow("Incidents").await;
    app.wait_text("Status page is down").await;
}
