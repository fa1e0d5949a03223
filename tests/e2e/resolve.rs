//! A guided resolve and close: resolving a SEV1 asks first, lists the required
//! steps still open and, as the last public update promised another, offers to
//! write the final update; "Not now" changes nothing. After resolving, the
//! countdown says the final update is owed until it is posted. Closing says no
//! review meeting is scheduled and closes only on the lead's word, in Chinese.
//! All of it survives a reload.

use crate::browser::Browser;
use crate::clock::PageClock;
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{Duration, TimeZone, Utc};
use fantoccini::Locator;

/// The countdown's text, whichever of its polite or urgent lines shows.
async fn countdown(app: &App<'_>) -> String {
    let xpath = "//section[@aria-labelledby='updates-heading']/p[contains(@class, 'updates__countdown')]";
    app.texts(xpath).await.into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Waits for the countdown to start with `prefix`.
async fn countdown_reads(app: &App<'_>, prefix: &str) {
    eventually(&format!("a countdown reading {prefix:?}"), || async {
        countdown(app).await.starts_with(prefix).then_some(())
    })
    .await;
}

/// The value of the field labelled `label`.
async fn value(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read a value").unwrap_or_default()
}

/// Fills the update from its template and posts it.
async fn post_from_template(app: &App<'_>) {
    app.press("Use template").await;
    eventually("the template in the text", || async { (!value(app, "Update text").await.is_empty()).then_some(()) })
        .await;
    app.press("Post and copy").await;
    app.wait_text("Update posted").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolving_lists_what_is_open_and_offers_the_final_update() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    // The page's clock stands still, and moves only when the test moves it.
    let mut clock = PageClock::install(&browser.client, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()).await;
    app.open("/").await;
    app.declare_incident("Checkout down", "SEV1").await;

    // A first public update promises the next one.
    post_from_template(&app).await;
    countdown_reads(&app, "Next public update due in 20 min").await;
    clock.advance(Duration::minutes(10)).await;
    countdown_reads(&app, "Next public update due in 10 min").await;

    // Resolving asks first, with the open required steps and the promise.
    app.select("Status", "Resolved").await;
    app.press("Change status").await;
    app.wait_text("Resolve this incident?").await;
    app.wait_text("Required steps still open:").await;
    app.wait_text("Major incident: Name an incident lead who runs the response and makes the calls").await;
    app.wait_text("Major incident: Confirm the customer impact: what customers see, how many, since when").await;
    let first_update = "//*[contains(text(), 'Major incident: Post the first public status update')]";
    assert!(
        app.client.find(Locator::XPath(first_update)).await.is_err(),
        "the first public update, posted, ticked its step by itself"
    );
    app.wait_text("The last public update promised another by").await;
    app.snapshot("resolve-confirm").await;

    // "Not now" changes nothing.
    app.press("Not now").await;
    assert_eq!(value(&app, "Status").await, "triage");
    let timeline = app.timeline("Timeline").await;
    assert!(!timeline.iter().any(|e| e.contains("to Resolved")), "not resolved: {timeline:?}");

    // Resolved on the lead's word, straight to the final update.
    app.select("Status", "Resolved").await;
    app.press("Change status").await;
    app.press("Resolve and write the final update").await;
    app.wait_text("Status changed from Triage to Resolved").await;
    countdown_reads(&app, "Resolved. The final public update is owed: the last one promised another by").await;
    eventually("the focus on the update text", || async {
        let focused = app.client.active_element().await.ok()?.attr("id").await.ok()??;
        (focused == "update-text").then_some(())
    })
    .await;
    assert_eq!(value(&app, "Phase").await, "resolved");
    post_from_template(&app).await;
    countdown_reads(&app, "Incident status: Resolved. No further updates are due.").await;

    // After a reload: resolved, nothing more owed.
    app.reload().await;
    app.heading("Checkout down").await;
    countdown_reads(&app, "Incident status: Resolved. No further updates are due.").await;
    assert_eq!(value(&app, "Status").await, "resolved");

    // Closing, in Chinese: no review meeting is scheduled, closed knowingly.
    clock.advance(Duration::minutes(5)).await;
    app.select("Language", "繁體中文").await;
    app.heading("Checkout down").await;
    app.select("狀態", "已結案").await;
    app.press("變更狀態").await;
    app.wait_text("要結案嗎？").await;
    app.wait_text("尚未開始檢討報告，因此沒有排定檢討會議。").await;
    let review = "//a[normalize-space(.)='開啟檢討報告']";
    app.wait_for(Locator::XPath(review), "the link to the review").await;
    app.press("在未排定檢討會議下結案").await;
    app.wait_text("狀態由「已解決」改為「已結案」").await;
    app.reload().await;
    app.heading("Checkout down").await;
    assert_eq!(value(&app, "狀態").await, "closed");
    app.select("語言", "English").await;

    browser.client.clone().close().await.expect("close the browser");
}
