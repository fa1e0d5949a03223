//! Settings say where the workspace is kept: whether the browser keeps it
//! persistently (asked for on first use), how much it uses, and what to do when
//! the browser may clear it.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_show_whether_storage_is_persistent_and_how_much_is_used() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Disk pressure on the primary", "SEV2").await;
    app.open("/settings").await;
    app.section("Storage on this device").await;
    let state = eventually("the persistence state", || async {
        let texts = app.texts("//section[@aria-labelledby='storage-heading']/p[@role='status']").await;
        texts.into_iter().find(|t| t.starts_with("Persistent storage:"))
    })
    .await;
    app.wait_text("used of").await;
    if state.contains("not granted") {
        app.wait_text("install Sitrep as an app").await;
        app.press("Ask the browser again").await;
        app.wait_text("Persistent storage:").await;
    }
}
