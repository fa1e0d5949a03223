//! A guided resolve and close: resolving a SEV1 asks first, lists the required
//! steps still open and the escalation waiting for an answer and, as the last
//! public update promised another, offers to write the final update; "Not now"
//! changes nothing. After resolving, the countdown says the final update is owed
//! until it is posted. Closing says no review meeting is scheduled and closes
//! only on the lead's word, in Chinese. All of it survives a reload. The same
//! confirmation, for a second incident, in Traditional Chinese.

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

/// The words of the resolve confirmation and its surroundings in one language.
struct Words {
    status: &'static str,
    change_status: &'static str,
    resolved: &'static str,
    timeline: &'static str,
    title: &'static str,
    steps_open: &'static str,
    /// An open required step of the default runbook, as listed.
    lead_step: &'static str,
    escalations_waiting: &'static str,
    /// The escalation started on the catalog's component, as listed.
    escalation: &'static str,
    final_owed: &'static str,
    resolve_and_write: &'static str,
    not_now: &'static str,
    /// The timeline's line once resolved from triage.
    changed: &'static str,
}

const EN: Words = Words {
    status: "Status",
    change_status: "Change status",
    resolved: "Resolved",
    timeline: "Timeline",
    title: "Resolve this incident?",
    steps_open: "Required steps still open:",
    lead_step: "Major incident: Name an incident lead who runs the response and makes the calls",
    escalations_waiting: "Escalations still waiting for an answer:",
    escalation: "Payments API: Payments on-call",
    final_owed: "The last public update promised another by",
    resolve_and_write: "Resolve and write the final update",
    not_now: "Not now",
    changed: "Status changed from Triage to Resolved",
};

/// The runbook keeps the name it was created with, in the workspace's first
/// language; the confirmation's own words are in Chinese.
const ZH_TW: Words = Words {
    status: "狀態",
    change_status: "變更狀態",
    resolved: "已解決",
    timeline: "時間軸",
    title: "要將這個事件標為已解決嗎？",
    steps_open: "仍未完成的必要步驟：",
    lead_step: "Major incident：Name an incident lead who runs the response and makes the calls",
    escalations_waiting: "仍在等待回應的升級：",
    escalation: "Payments API：Payments on-call",
    final_owed: "上一則公開更新承諾在",
    resolve_and_write: "標為已解決並撰寫最後更新",
    not_now: "先不要",
    changed: "狀態由「分級評估」改為「已解決」",
};

/// Adds "Payments API" to the catalog with a one-step escalation path.
async fn add_component_with_escalation(app: &App<'_>) {
    app.open("/catalog").await;
    app.heading("Service catalog").await;
    app.press("Add component").await;
    app.fill("Component name", "Payments API").await;
    app.fill("Step 1: who", "Payments on-call").await;
    app.fill("Step 1: how to reach", "PagerDuty: payments").await;
    app.fill("Step 1: wait for an answer (minutes)", "60").await;
    app.press("Save component").await;
    app.wait_status("Saved Payments API.").await;
}

/// On the incident page, names the catalog's component as affected and starts
/// its escalation, which then waits for an answer.
async fn start_escalation(app: &App<'_>) {
    app.fill("Affected components", "Payments API").await;
    app.press("Save components").await;
    app.press_labelled("Start escalation for Payments API").await;
    app.wait_text("Step 1 of 1: Payments on-call").await;
}

/// Asks to resolve the incident in triage and checks, in the words of `w`, that
/// the confirmation lists the lead's open step and the waiting escalation and
/// offers the final update.
async fn ask_to_resolve(app: &App<'_>, w: &Words) {
    app.select(w.status, w.resolved).await;
    app.press(w.change_status).await;
    app.wait_text(w.title).await;
    app.wait_text(w.steps_open).await;
    app.wait_text(w.lead_step).await;
    app.wait_text(w.escalations_waiting).await;
    let listed = app.texts("//div[@role='group' and contains(@class, 'status-confirm')]//li").await;
    assert!(listed.iter().any(|line| line == w.escalation), "{:?} listed: {listed:#?}", w.escalation);
    app.wait_text(w.final_owed).await;
    let offer = format!("//button[normalize-space(.)='{}']", w.resolve_and_write);
    app.wait_for(Locator::XPath(&offer), "the offer of the final update").await;
}

/// Answers the confirmation with "Not now" and checks that nothing changed.
async fn not_now(app: &App<'_>, w: &Words) {
    app.press(w.not_now).await;
    let title = format!("//h3[normalize-space(.)='{}']", w.title);
    eventually("the confirmation gone", || async {
        app.client.find(Locator::XPath(&title)).await.is_err().then_some(())
    })
    .await;
    assert_eq!(value(app, w.status).await, "triage");
    let timeline = app.timeline(w.timeline).await;
    assert!(!timeline.iter().any(|e| e == w.changed), "not resolved: {timeline:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolving_lists_what_is_open_and_offers_the_final_update() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    // The page's clock stands still, and moves only when the test moves it.
    let mut clock = PageClock::install(&browser.client, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()).await;
    add_component_with_escalation(&app).await;
    app.open("/").await;
    app.declare_incident("Checkout down", "SEV1").await;
    start_escalation(&app).await;

    // A first public update promises the next one.
    post_from_template(&app).await;
    countdown_reads(&app, "Next public update due in 20 min").await;
    clock.advance(Duration::minutes(10)).await;
    countdown_reads(&app, "Next public update due in 10 min").await;

    // Resolving asks first, with the open required steps, the escalation still
    // waiting and the promise; "Not now" changes nothing.
    ask_to_resolve(&app, &EN).await;
    app.wait_text("Major incident: Confirm the customer impact: what customers see, how many, since when").await;
    let first_update = "//*[contains(text(), 'Major incident: Post the first public status update')]";
    assert!(
        app.client.find(Locator::XPath(first_update)).await.is_err(),
        "the first public update, posted, ticked its step by itself"
    );
    app.snapshot("resolve-confirm").await;
    not_now(&app, &EN).await;

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

    // A second incident, its escalation waiting: the confirmation in Chinese.
    app.open("/").await;
    app.declare_incident("Refunds stuck", "SEV1").await;
    start_escalation(&app).await;
    post_from_template(&app).await;
    app.select("Language", "繁體中文").await;
    app.heading("Refunds stuck").await;
    ask_to_resolve(&app, &ZH_TW).await;
    app.snapshot("resolve-confirm-zh-tw").await;
    not_now(&app, &ZH_TW).await;
    app.select(ZH_TW.status, ZH_TW.resolved).await;
    app.press(ZH_TW.change_status).await;
    app.press(ZH_TW.resolve_and_write).await;
    app.wait_text(ZH_TW.changed).await;
    assert_eq!(value(&app, "階段").await, "resolved");
    app.select("語言", "English").await;

    browser.client.clone().close().await.expect("close the browser");
}
