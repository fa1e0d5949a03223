//! The severity ladder: a level renamed with new impact wording, a level added
//! and moved up, a duplicate name refused; the order and names survive a reload
//! and the declaration form lists the levels the same way.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;

/// The ladder editor's section on the settings page.
const LADDER: &str = "//section[@aria-labelledby='ladder-heading']";

/// The ladder form's control labelled exactly `label` (the people directory has
/// fields with the same labels).
async fn ladder_field(app: &App<'_>, label: &str) -> Element {
    let xpath = format!("{LADDER}//form//label[normalize-space(.)='{label}']");
    let label =
        eventually(&format!("ladder field {label:?}"), || async { app.client.find(Locator::XPath(&xpath)).await.ok() })
            .await;
    let id = label.attr("for").await.expect("label attribute").expect("label has a `for`");
    app.client.find(Locator::Id(&id)).await.expect("labelled control exists")
}

/// Types into the ladder form's field labelled `label`, replacing what it held.
async fn ladder_fill(app: &App<'_>, label: &str, text: &str) {
    let field = ladder_field(app, label).await;
    field.clear().await.expect("clear field");
    field.send_keys(text).await.expect("type");
}

/// The level names as the ladder lists them, worst first.
async fn level_names(app: &App<'_>) -> Vec<String> {
    let xpath = format!("{LADDER}//li[contains(@class, 'ladder__level')]/h3");
    let mut names = Vec::new();
    for heading in app.client.find_all(Locator::XPath(&xpath)).await.expect("level headings") {
        names.push(heading.text().await.expect("level name").trim().to_owned());
    }
    names
}

/// The levels offered by the declaration form, top to bottom.
async fn declare_choices(app: &App<'_>) -> Vec<String> {
    let xpath = "//fieldset[contains(@class, 'declare__severity')]//label/strong";
    let mut names = Vec::new();
    for name in app.client.find_all(Locator::XPath(xpath)).await.expect("severity choices") {
        names.push(name.text().await.expect("choice name").trim().to_owned());
    }
    names
}

/// The accessible name of the focused element.
async fn focused(app: &App<'_>) -> String {
    let value = app
        .client
        .execute("const e = document.activeElement; return e.getAttribute('aria-label') || e.id;", vec![])
        .await
        .expect("read focus");
    value.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ladder_is_edited_extended_and_reordered() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };

    app.open("/settings").await;
    app.section("Severity levels").await;
    assert_eq!(level_names(&app).await, ["SEV1", "SEV2", "SEV3", "SEV4"]);
    app.wait_text("Review required within 5 business days").await;
    app.wait_text("Status updates every 30 min").await;

    // Rename SEV2 with its own impact wording; focus returns to its Edit button.
    app.press_labelled("Edit SEV2").await;
    assert_eq!(focused(&app).await, "ladder-name", "the form takes focus");
    ladder_fill(&app, "Name", "P1").await;
    ladder_fill(&app, "Customer impact", "Checkout fails for most customers").await;
    ladder_field(&app, "Name").await.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
    app.wait_status("Saved").await;
    app.wait_text("Checkout fails for most customers").await;
    eventually("focus on Edit P1", || async { (focused(&app).await == "Edit P1").then_some(()) }).await;
    app.snapshot("ladder-saved").await;

    // A duplicate name is refused and named; Escape closes the form.
    app.press("Add a level").await;
    ladder_fill(&app, "Name", "p1").await;
    app.press("Save level").await;
    app.wait_text("Another level is already called P1. Choose a different name.").await;
    app.snapshot("ladder-refused").await;
    ladder_field(&app, "Name").await.send_keys(&Key::Escape.to_string()).await.expect("press Escape");
    eventually("focus on Add a level", || async { (focused(&app).await == "ladder-add").then_some(()) }).await;

    // Add SEV5 without status updates or review, then move it above SEV4.
    app.press("Add a level").await;
    ladder_fill(&app, "Name", "SEV5").await;
    ladder_fill(&app, "Status updates every (minutes)", "").await;
    ladder_field(&app, "Review").await.select_by_label("Not required").await.expect("choose review");
    app.press("Save level").await;
    app.wait_status("Saved").await;
    eventually("focus on Edit SEV5", || async { (focused(&app).await == "Edit SEV5").then_some(()) }).await;
    assert_eq!(level_names(&app).await, ["SEV1", "P1", "SEV3", "SEV4", "SEV5"]);
    app.press_labelled("Move up: SEV5").await;
    app.wait_status("SEV5 is now level 4 of 5.").await;
    eventually("focus on Move SEV5 up", || async { (focused(&app).await == "Move up: SEV5").then_some(()) }).await;
    app.snapshot("ladder").await;

    // The ladder survives a reload.
    app.reload().await;
    app.section("Severity levels").await;
    let names = eventually("five levels", || async {
        let names = level_names(&app).await;
        (names.len() == 5).then_some(names)
    })
    .await;
    assert_eq!(names, ["SEV1", "P1", "SEV3", "SEV5", "SEV4"]);
    app.wait_text("Checkout fails for most customers").await;

    // Editing a level with the form open in Chinese, for the screenshot.
    app.press_labelled("Edit SEV1").await;
    app.snapshot("ladder-form").await;
    app.client
        .execute("document.getElementById('ladder-review').scrollIntoView({block: 'center'});", vec![])
        .await
        .expect("scroll to the review rule");
    app.snapshot("ladder-form-review").await;
    app.press("Cancel").await;
    app.select("Language", "繁體中文").await;
    app.section("嚴重等級").await;
    app.snapshot("ladder-zh-tw").await;
    app.select("語言", "English").await;
    app.section("Severity levels").await;

    // The declaration form offers the levels in the same order, by their names.
    app.open("/").await;
    let choices = eventually("five choices", || async {
        let choices = declare_choices(&app).await;
        (choices.len() == 5).then_some(choices)
    })
    .await;
    assert_eq!(choices, ["SEV1", "P1", "SEV3", "SEV5", "SEV4"]);
    app.wait_text("Checkout fails for most customers").await;

    browser.client.clone().close().await.expect("close the browser");
}
