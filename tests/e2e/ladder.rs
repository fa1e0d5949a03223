//! The severity ladder: a level renamed with new impact wording, a level added
//! and moved up, a duplicate name refused; the order and names survive a reload
//! and the declaration form lists the levels the same way. A SEV0 inserted above
//! SEV1 in one step, with a cadence warning before and after saving; colours
//! that stay with their levels; a used level refused with what uses it, an
//! unused one removed, put back with Undo, removed again and still gone after a
//! reload; in Chinese the refusal, the cadence warning and the removal's Undo;
//! axe-core on the form and the refusal.

use crate::axe::{axe_source, violations};
use crate::browser::{cdp, Browser};
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

/// The level names once the page is reloaded and shows `count` levels.
async fn names_after_reload(app: &App<'_>, count: usize) -> Vec<String> {
    app.reload().await;
    app.section("Severity levels").await;
    eventually(&format!("{count} levels"), || async {
        let names = level_names(app).await;
        (names.len() == count).then_some(names)
    })
    .await
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
    assert_eq!(names_after_reload(&app, 5).await, ["SEV1", "P1", "SEV3", "SEV5", "SEV4"]);
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

/// The background colour of the badge that names `level` on the ladder.
async fn badge_colour(app: &App<'_>, level: &str) -> String {
    let xpath = format!("{LADDER}//h3/span[normalize-space(.)='{level}']");
    let badge = app.wait_for(Locator::XPath(&xpath), &format!("badge {level}")).await;
    let element = serde_json::to_value(&badge).expect("element");
    let value = app
        .client
        .execute("return getComputedStyle(arguments[0]).backgroundColor;", vec![element])
        .await
        .expect("read the colour");
    value.as_str().unwrap_or_default().to_owned()
}

/// axe-core finds nothing on the page as it is, in the light and the dark scheme.
async fn no_violations(app: &App<'_>, axe: &str, what: &str) {
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        let features = serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
        cdp(app.client, "Emulation.setEmulatedMedia", features).await;
        found.extend(violations(app, axe).await.into_iter().map(|v| format!("{scheme}: {v}")));
    }
    cdp(app.client, "Emulation.setEmulatedMedia", serde_json::json!({ "features": [] })).await;
    assert!(found.is_empty(), "axe-core on {what}:\n{}", found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn levels_go_where_chosen_keep_their_colours_and_only_unused_ones_are_removed() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    let axe = axe_source();

    // An incident declared at SEV2 uses that level.
    app.open("/").await;
    app.declare_incident("Checkout down", "SEV2").await;

    app.open("/settings").await;
    app.section("Severity levels").await;
    let sev1 = badge_colour(&app, "SEV1").await;
    assert_eq!(sev1, "rgb(179, 38, 30)", "SEV1's own colour");

    // A SEV0 above SEV1 in one step. Hourly updates for it are slower than
    // SEV1's: the form says so before saving, and saving is still possible.
    app.press("Add a level").await;
    ladder_fill(&app, "Name", "SEV0").await;
    ladder_field(&app, "Place").await.select_by_label("Above SEV1").await.expect("choose the place");
    ladder_fill(&app, "Status updates every (minutes)", "60").await;
    app.wait_text("This level would get status updates less often than the milder SEV1.").await;
    app.snapshot("ladder-cadence-warning").await;
    no_violations(&app, &axe, "the form with its place and cadence warning").await;
    app.press("Save level").await;
    app.wait_status("Saved").await;
    assert_eq!(level_names(&app).await, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    app.wait_text("Status updates less often than for the milder SEV1: check the cadence.").await;
    let sev0 = badge_colour(&app, "SEV0").await;
    assert_eq!(badge_colour(&app, "SEV1").await, sev1, "SEV1 keeps its colour below the new level");
    assert_ne!(sev0, sev1, "the worse level has a colour of its own");

    // Colours follow levels, not places.
    app.press_labelled("Move down: SEV1").await;
    app.wait_status("SEV1 is now level 3 of 5.").await;
    assert_eq!(badge_colour(&app, "SEV1").await, sev1, "SEV1 keeps its colour in another place");
    app.press_labelled("Move up: SEV1").await;
    app.wait_status("SEV1 is now level 2 of 5.").await;

    // A level in use stays, and the refusal says what uses it.
    app.press_labelled("Remove SEV2").await;
    app.wait_text("SEV2 cannot be removed while anything uses it").await;
    app.wait_text("Incidents at this level now or earlier (1): Checkout down").await;
    app.wait_text("Runbooks that attach at it or condition a step on it (1): Major incident").await;
    assert_eq!(level_names(&app).await, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    app.snapshot("ladder-in-use").await;
    no_violations(&app, &axe, "the refusal").await;

    // An unused level is removed; Undo, from the keyboard, puts it back with its
    // colour; removed again, it stays removed after a reload.
    app.press_labelled("Remove SEV0").await;
    app.wait_status("SEV0 removed. Undo").await;
    assert_eq!(level_names(&app).await, ["SEV1", "SEV2", "SEV3", "SEV4"]);
    eventually("focus on Undo", || async { (focused(&app).await == "Undo removing SEV0").then_some(()) }).await;
    app.keys(&Key::Enter.to_string()).await;
    app.wait_status("SEV0 is back as level 1 of 5.").await;
    assert_eq!(level_names(&app).await, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    assert_eq!(badge_colour(&app, "SEV0").await, sev0, "back with its colour");
    app.press_labelled("Remove SEV0").await;
    app.wait_status("SEV0 removed. Undo").await;
    assert_eq!(names_after_reload(&app, 4).await, ["SEV1", "SEV2", "SEV3", "SEV4"]);

    // The refusal in Chinese.
    app.select("Language", "繁體中文").await;
    app.section("嚴重等級").await;
    app.press_labelled("移除 SEV2").await;
    app.wait_text("「SEV2」仍在使用中，無法移除").await;
    app.wait_text("目前或曾經屬於此等級的事故（1 件）：Checkout down").await;

    // In Chinese too: the cadence warning before and after saving, and a removal
    // put back with Undo.
    app.press("新增等級").await;
    ladder_fill(&app, "名稱", "SEV0").await;
    ladder_field(&app, "位置").await.select_by_label("在「SEV1」之上").await.expect("choose the place");
    ladder_fill(&app, "狀態更新間隔（分鐘）", "60").await;
    app.wait_text("這個等級的狀態更新頻率會低於較輕微的「SEV1」。").await;
    app.press("儲存等級").await;
    app.wait_status("已儲存").await;
    app.wait_text("狀態更新頻率低於較輕微的「SEV1」，請確認更新間隔。").await;
    assert_eq!(level_names(&app).await, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    app.press_labelled("移除 SEV0").await;
    app.wait_text("已移除「SEV0」。").await;
    assert_eq!(level_names(&app).await, ["SEV1", "SEV2", "SEV3", "SEV4"]);
    app.press_labelled("復原移除 SEV0").await;
    app.wait_status("「SEV0」已放回第 1 級（共 5 級）。").await;
    assert_eq!(level_names(&app).await, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    app.select("語言", "English").await;
    app.section("Severity levels").await;

    browser.client.clone().close().await.expect("close the browser");
}
