//! Guided triage and runbook checklists: declare SEV1 through the questions, work
//! the major-incident checklist, reload, and lower the severity.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;

const LEAD: &str = "Name an incident lead who runs the response and makes the calls";
const COMMS: &str = "Name a communications manager: one voice to customers and stakeholders";
const VENDOR: &str = "If the cloud platform is suspected, open a critical case with the vendor's support plan";
const SEV1_ONLY: &str = "Tell leadership and customer success what customers see and when the next update is due";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn triage_declares_sev1_and_the_checklist_survives_reload_and_re_triage() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;

    // Declaring through the questions: "service down" for many customers suggests SEV1.
    app.fill("Incident title", "Payments API returns 503").await;
    app.press("Not sure? Answer five questions").await;
    app.choose("The whole service is down").await;
    app.choose("Many or all").await;
    app.wait_text("Suggested: SEV1").await;
    app.press("Declare incident").await;
    app.heading("Payments API returns 503").await;
    app.section("Checklists").await;
    app.wait_text("Major incident").await;
    app.wait_text("required steps open").await;

    // Tick one step with the mouse and one from the keyboard; skip one with a reason.
    app.tick(LEAD).await;
    eventually("the first step ticked", || async { app.is_checked(LEAD).await.then_some(()) }).await;
    let lead = app.field(LEAD).await;
    lead.send_keys(&Key::Down.to_string()).await.expect("arrow down to the next step");
    let focused = app.client.active_element().await.expect("focused element");
    focused.send_keys(" ").await.expect("tick with the space bar");
    eventually("the second step ticked", || async { app.is_checked(COMMS).await.then_some(()) }).await;
    app.press_labelled(&format!("Skip step: {VENDOR}")).await;
    app.fill("Why skip this step?", "Platform status is green").await;
    app.press("Skip step").await;
    app.wait_text("Platform status is green").await;
    app.snapshot("checklist").await;

    // After a reload the checklist and its three timeline entries are still there.
    app.reload().await;
    app.section("Checklists").await;
    eventually("ticked steps after reload", || async {
        (app.is_checked(LEAD).await && app.is_checked(COMMS).await).then_some(())
    })
    .await;
    assert!(!app.is_checked(VENDOR).await);
    let timeline = app.timeline("Timeline").await;
    for expected in
        [format!("Done: {LEAD}"), format!("Done: {COMMS}"), format!("Skipped: {VENDOR} — Platform status is green")]
    {
        assert!(timeline.contains(&expected), "timeline lacks {expected:?}: {timeline:#?}");
    }

    // Lowering the severity to SEV3 marks the SEV1-only step and attaches the SEV3 runbook.
    app.press("Change severity").await;
    app.select("New severity", "SEV3 — Partial loss for a minority of customers").await;
    app.fill("Reason for the change", "Only EU customers affected").await;
    app.press("Save severity").await;
    app.wait_text("SEV3 incident").await;
    let marked =
        format!("//li[.//label[normalize-space(.)='{SEV1_ONLY}']]//*[normalize-space(.)='Does not apply now']");
    eventually("the SEV1-only step marked", || async {
        app.client.find(fantoccini::Locator::XPath(&marked)).await.ok()
    })
    .await;
    app.reload().await;
    app.wait_text("SEV3 incident").await;
    let timeline = app.timeline("Timeline").await;
    assert!(
        timeline.contains(&"Severity changed from SEV1 to SEV3 — Only EU customers affected".to_owned()),
        "{timeline:#?}"
    );
    assert!(app.is_checked(LEAD).await, "steps keep their state across a severity change");
    app.snapshot("checklist-sev3").await;

    browser.client.clone().close().await.expect("close the browser");
}
