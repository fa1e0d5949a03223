//! The post-incident review: started from an incident, written, three remediation
//! items, two sign-offs and approval; an edit after approval returns it to draft;
//! everything survives a reload. The meeting mode walks the chosen entries.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;

/// Writes a review section and leaves the field, which saves it.
async fn write_section(app: &App<'_>, label: &str, text: &str) {
    let field = app.field(label).await;
    field.clear().await.expect("clear section");
    field.send_keys(&format!("{text}{}", Key::Tab)).await.expect("write section");
}

/// Adds a remediation item through the item form.
async fn add_item(app: &App<'_>, title: &str, owner: &str, status: &str, priority: bool) {
    app.fill("Item", title).await;
    app.fill("Owner", owner).await;
    app.select("Status", status).await;
    if priority {
        app.field("Priority").await.click().await.expect("tick priority");
    }
    app.press("Add item").await;
    app.wait_text(title).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_is_written_signed_off_and_approved() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Checkout outage", "SEV1").await;
    app.add_entry("Error rate at 40% on checkout", None).await;
    app.select("Status", "Resolved").await;
    app.wait_text("Status changed from Triage to Resolved").await;

    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    write_section(&app, "Summary", "A configuration push broke checkout for 38 minutes.").await;
    write_section(&app, "Summary for customers", "Checkout was unavailable for 38 minutes.").await;
    let include = "//li[contains(., 'Error rate at 40% on checkout')]/input[@type='checkbox']";
    app.client.find(fantoccini::Locator::XPath(include)).await.expect("entry").click().await.expect("choose");
    add_item(&app, "Validate configuration before rollout", "Ana Lee", "Committed", true).await;
    add_item(&app, "Alert on checkout error rate", "Bo Chen", "In progress", true).await;
    add_item(&app, "Write a rollback runbook", "Cy Wu", "Candidate", false).await;

    app.press("Send for review").await;
    app.wait_text("In review").await;
    app.fill("Technical reviewer", "Bo Chen").await;
    app.press_in_form("Technical reviewer", "Sign off").await;
    app.wait_text("Signed by Bo Chen").await;
    app.press("Approve").await;
    app.wait_text("Approval needs a technical and a non-technical sign-off").await;
    app.fill("Non-technical reviewer", "Di Lin").await;
    app.press_in_form("Non-technical reviewer", "Sign off").await;
    app.wait_text("Signed by Di Lin").await;
    app.press("Approve").await;
    app.wait_text("Approved").await;
    app.snapshot("review").await;

    app.reload().await;
    app.wait_text("Approved").await;
    for title in ["Validate configuration before rollout", "Alert on checkout error rate", "Write a rollback runbook"] {
        app.wait_text(title).await;
    }
    assert_eq!(
        app.field("Summary").await.prop("value").await.expect("value").as_deref(),
        Some("A configuration push broke checkout for 38 minutes.")
    );

    // The meeting mode walks the chosen entry in large type.
    app.follow("Facilitate the review meeting").await;
    app.press("Start the timeline walk-through").await;
    app.wait_text("Entry 1 of 1").await;
    app.wait_text("Error rate at 40% on checkout").await;
    app.follow("Back to the review").await;

    // Editing an approved review returns it to draft.
    write_section(&app, "Lessons", "Stage configuration pushes.").await;
    eventually("back to draft", || async {
        let status = app.client.find(fantoccini::Locator::Css(".review__status")).await.ok()?;
        (status.text().await.ok()? == "Draft").then_some(())
    })
    .await;
    browser.client.clone().close().await.expect("close the browser");
}
