//! The service catalog and escalations: a component with contacts and a two-step
//! escalation path is added (steps moved, a refused wait first), survives a reload
//! and edits back into its form; a removed component comes back with Undo; an incident naming it shows its triage information and a
//! component missing from the catalog says so; an escalation is started and moved
//! to the second step; after a reload the escalation and its timeline entries are
//! still there; once a step's wait runs out, an alert names the next step.

use crate::browser::Browser;
use crate::clock::PageClock;
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{Duration, TimeZone, Utc};
use fantoccini::Locator;

/// The value of the field labelled `label`.
async fn value(app: &App<'_>, label: &str) -> String {
    let field = app.field(label).await;
    field.prop("value").await.expect("read a value").unwrap_or_default()
}

/// The row of the catalog table for `name`, as text.
pub async fn catalog_row(app: &App<'_>, name: &str) -> String {
    let xpath = format!("//table//tr[th[@scope='row' and starts-with(normalize-space(.), '{name}')]]");
    let row =
        eventually(&format!("catalog row {name:?}"), || async { app.client.find(Locator::XPath(&xpath)).await.ok() })
            .await;
    row.text().await.expect("row text")
}

/// The text of the escalation panel of the triage card for `name`.
async fn escalation_panel(app: &App<'_>, name: &str) -> String {
    let xpath = format!(
        "//details[summary/span[normalize-space(.)='{name}']]//div[contains(@class, 'escalation') and @role='group']"
    );
    let panel = app.client.find(Locator::XPath(&xpath)).await.expect("an escalation panel");
    panel.text().await.expect("panel text")
}

/// Scrolls the first element matching the CSS selector `css` into the middle of
/// the window, for screenshots.
async fn scroll_to(app: &App<'_>, css: &str) {
    let script = "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'});";
    app.client.execute(script, vec![css.into()]).await.expect("scroll");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_component_gives_triage_information_and_an_escalation_that_survive_reload() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    // The page's clock stands still and moves only when the test moves it: each
    // escalation step below is recorded a few seconds after the one before, and a
    // wait runs out exactly when the test says.
    let mut clock = PageClock::install(&browser.client, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()).await;

    // An empty catalog.
    app.open("/catalog").await;
    app.heading("Service catalog").await;
    app.wait_text("No components yet").await;

    // The component with every field, two contacts rows (one left empty) and two
    // escalation steps, the second a vendor.
    app.press("Add component").await;
    app.fill("Component name", "Payments API").await;
    app.fill("Public name", "Payments").await;
    app.fill("Owner team", "Payments team").await;
    app.select("Classification", "Confidential").await;
    app.fill("Contact 1: name", "Ana Lee").await;
    app.fill("Contact 1: how to reach", "+886 912 345 678").await;
    app.press("Add contact").await;
    app.fill("Architecture notes", "Go service on EKS.\nPostgres primary in ap-northeast-1.").await;
    app.fill("Dependencies", "Postgres, Card processor").await;
    app.fill("Step 1: who", "Payments on-call").await;
    app.fill("Step 1: how to reach", "PagerDuty: payments, https://pager.example.com/payments").await;
    app.fill("Step 1: wait for an answer (minutes)", "1").await;
    app.press("Add step").await;
    app.fill("Step 2: who", "AWS Support").await;
    app.fill("Step 2: how to reach", "AWS console, Support Center").await;
    app.fill("Step 2: wait for an answer (minutes)", "0").await;
    app.fill("Step 2: vendor support plan (optional)", "AWS Enterprise Support").await;
    app.fill("Step 2: contract reference (optional)", "ENT-4242").await;

    // Steps move up and down with their content.
    app.press_labelled("Move step 2 up").await;
    assert_eq!(value(&app, "Step 1: who").await, "AWS Support");
    app.press_labelled("Move step 1 down").await;
    assert_eq!(value(&app, "Step 1: who").await, "Payments on-call");
    assert_eq!(value(&app, "Step 2: contract reference (optional)").await, "ENT-4242");

    // A wait of zero minutes is refused, naming the step, and its field is marked.
    app.press("Save component").await;
    app.wait_text("Step 2: wait at least 1 minute for an answer.").await;
    let wait = app.field("Step 2: wait for an answer (minutes)").await;
    assert_eq!(wait.attr("aria-invalid").await.expect("aria-invalid").as_deref(), Some("true"));
    scroll_to(&app, "#component-form-error").await;
    app.snapshot("catalog-refused").await;
    app.fill("Step 2: wait for an answer (minutes)", "1").await;
    app.press("Save component").await;
    app.wait_status("Saved Payments API.").await;

    // The component is listed, and is still there after a reload.
    app.reload().await;
    app.heading("Service catalog").await;
    let row = catalog_row(&app, "Payments API").await;
    for part in ["Public name: Payments", "Confidential", "Payments team", "2 steps"] {
        assert!(row.contains(part), "{part:?} in the row {row:?}");
    }
    app.snapshot("catalog-list").await;

    // A removed component can be brought back.
    app.press("Add component").await;
    app.fill("Component name", "Search").await;
    app.press("Save component").await;
    app.wait_status("Saved Search.").await;
    app.press_labelled("Remove Search").await;
    app.wait_text("Removed Search.").await;
    app.press_labelled("Undo removing Search").await;
    app.wait_status("Saved Search.").await;
    catalog_row(&app, "Search").await;

    // Editing brings every field back.
    app.press_labelled("Edit Payments API").await;
    app.heading("Service catalog").await;
    assert_eq!(value(&app, "Component name").await, "Payments API");
    assert_eq!(value(&app, "Contact 1: how to reach").await, "+886 912 345 678");
    assert_eq!(value(&app, "Step 2: contract reference (optional)").await, "ENT-4242");
    assert_eq!(value(&app, "Dependencies").await, "Postgres, Card processor");
    app.snapshot("catalog-edit").await;
    app.press("Cancel").await;

    // An incident naming the component, and one the catalog does not know.
    app.open("/").await;
    app.declare_incident("Card payments failing", "SEV2").await;
    app.fill("Affected components", "payments api, Login").await;
    app.press("Save components").await;
    app.section("Triage information").await;
    app.wait_text("Payments team").await;
    app.wait_text("Go service on EKS.").await;
    app.wait_text("Vendor support · Support plan: AWS Enterprise Support · Contract reference: ENT-4242").await;
    app.wait_text("“Login” is not in the service catalog.").await;
    app.client
        .find(Locator::XPath("//a[normalize-space(.)='Add it to the catalog' and @href='/catalog']"))
        .await
        .expect("a link to the catalog");
    // Contact numbers and addresses open as they should: a phone number dials.
    app.client
        .find(Locator::XPath("//a[normalize-space(.)='+886 912 345 678' and @href='tel:+886912345678']"))
        .await
        .expect("the contact's number as a tel: link");

    // Starting the escalation shows the first step and its countdown; escalating
    // moves to the second step.
    app.press_labelled("Start escalation for Payments API").await;
    app.wait_text("Step 1 of 2: Payments on-call").await;
    let reach = "//p[normalize-space(.)='Reach them: PagerDuty: payments, https://pager.example.com/payments']";
    app.wait_for(Locator::XPath(reach), "how to reach step 1").await;
    let pager = "//p[starts-with(normalize-space(.), 'Reach them:')]/a[normalize-space(.)='https://pager.example.com/payments']";
    let link = app.client.find(Locator::XPath(pager)).await.expect("the pager address as a link");
    assert_eq!(link.attr("href").await.expect("href").as_deref(), Some("https://pager.example.com/payments"));
    assert_eq!(link.attr("rel").await.expect("rel").as_deref(), Some("noopener noreferrer"));
    app.wait_text("Answer expected within 1:00").await;
    clock.advance(Duration::seconds(5)).await;
    app.wait_text("Answer expected within 0:55").await;
    scroll_to(&app, ".triage-card").await;
    app.snapshot("escalation-step-1").await;
    app.press("Escalate now").await;
    app.wait_text("Step 2 of 2: AWS Support").await;
    app.wait_text("Reach them: AWS console, Support Center").await;
    scroll_to(&app, ".triage-card").await;
    app.snapshot("escalation-step-2").await;

    // After a reload the escalation is where it was, and the timeline says how it got there.
    app.reload().await;
    app.heading("Card payments failing").await;
    app.wait_text("Step 2 of 2: AWS Support").await;
    let panel = escalation_panel(&app, "Payments API").await;
    assert!(panel.contains("Answered") && panel.contains("Mark path exhausted"), "{panel}");
    let started = "Escalation started for Payments API: step 1, Payments on-call (wait 1 min)";
    let escalated = "Escalation for Payments API moved from step 1 to step 2: AWS Support (wait 1 min)";
    let entries = eventually("the escalation entries", || async {
        let entries = app.timeline("Timeline").await;
        (entries.iter().any(|e| e == escalated)).then_some(entries)
    })
    .await;
    let at = |text: &str| entries.iter().position(|e| e == text);
    assert!(at(started).is_some() && at(started) < at(escalated), "{entries:#?}");

    // The answer ends the escalation and is recorded too.
    clock.advance(Duration::seconds(5)).await;
    app.press("Answered").await;
    app.wait_text("AWS Support answered at step 2").await;
    app.wait_text("AWS Support answered the escalation for Payments API (step 2)").await;
    scroll_to(&app, ".triage-card").await;
    app.snapshot("escalation-answered").await;

    // Started again, the wait runs out (the page's clock is moved on rather than
    // waited for): an alert names the next step, and escalating records the timeout.
    clock.advance(Duration::seconds(5)).await;
    app.press_labelled("Start again: escalation for Payments API").await;
    app.wait_text("Step 1 of 2: Payments on-call").await;
    clock.advance(Duration::seconds(61)).await;
    let alert =
        "No answer from Payments on-call within 1 min. Escalate to step 2: AWS Support (AWS console, Support Center).";
    let xpath = format!("//*[@role='alert' and normalize-space(.)='{alert}']");
    eventually("the escalation alert", || async { app.client.find(Locator::XPath(&xpath)).await.ok() }).await;
    app.wait_text("Wait ran out").await;
    scroll_to(&app, ".triage-card").await;
    app.snapshot("escalation-overdue").await;
    app.press("Escalate now").await;
    app.wait_text("No answer in time; escalation for Payments API moved from step 1 to step 2: AWS Support").await;

    // The same information in Traditional Chinese.
    app.select("Language", "繁體中文").await;
    app.section("分級評估資訊").await;
    app.wait_text("負責團隊").await;
    scroll_to(&app, ".triage-card").await;
    app.snapshot("escalation-zh-tw").await;
    app.select("語言", "English").await;
    app.section("Triage information").await;

    browser.client.clone().close().await.expect("close the browser");
}
