//! A declaration that guides consistently: no severity is chosen until the
//! responder picks one or the triage questions suggest one; each error clears as
//! soon as it is fixed; a reason is asked only for a level milder than the
//! suggested one, never for a worse one. In both languages.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::Locator;

const NO_TITLE: &str = "Give the incident a title: say in a few words what is broken.";
const NO_LEVEL: &str =
    "Pick a severity: the level whose customer impact fits. Unsure between two? Pick the higher one.";

/// How many severity choices are picked.
async fn picked(app: &App<'_>) -> u64 {
    let script = "return document.querySelectorAll('input[name=severity]:checked').length;";
    app.client.execute(script, vec![]).await.expect("count the picked levels").as_u64().expect("a count")
}

/// Whether some element's own text reads `text` now.
async fn shown(app: &App<'_>, text: &str) -> bool {
    let xpath = format!("//*[normalize-space(text())='{text}']");
    !app.client.find_all(Locator::XPath(&xpath)).await.expect("find").is_empty()
}

/// Waits until no element's own text reads `text`.
async fn gone(app: &App<'_>, text: &str) {
    eventually(&format!("{text:?} gone"), || async { (!shown(app, text).await).then_some(()) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_declaration_asks_only_what_it_needs_and_clears_its_errors() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.heading("Incidents").await;
    assert_eq!(picked(&app).await, 0, "no level is chosen for the responder");

    // Nothing filled: both errors; each clears as soon as it is fixed.
    app.press("Declare incident").await;
    app.wait_text(NO_TITLE).await;
    app.wait_text(NO_LEVEL).await;
    app.fill("Incident title", "Sign-in fails").await;
    gone(&app, NO_TITLE).await;
    assert!(shown(&app, NO_LEVEL).await, "the severity is still missing");
    app.choose("SEV3").await;
    gone(&app, NO_LEVEL).await;

    // The questions suggest SEV2 and choose it.
    app.press("Not sure? Answer five questions").await;
    app.choose("A critical function is broken").await;
    app.wait_text("Suggested: SEV2").await;
    assert_eq!(checked_level(&app).await, "SEV2", "the suggestion is chosen");

    // A milder level asks why; a worse one does not.
    app.choose("SEV3").await;
    app.wait_text("Why SEV3 instead of the suggested SEV2?").await;
    app.choose("SEV1").await;
    gone(&app, "Why SEV1 instead of the suggested SEV2?").await;
    assert!(!shown(&app, "Why SEV3 instead of the suggested SEV2?").await);
    app.press("Declare incident").await;
    app.heading("Sign-in fails").await;
    app.wait_text("Triage suggested SEV2").await;
    app.section("Checklists").await;
    app.wait_text("Major incident").await;

    // In Traditional Chinese: no level chosen, the same error in its words.
    app.follow("Incidents").await;
    app.select("Language", "繁體中文").await;
    app.heading("事故").await;
    assert_eq!(picked(&app).await, 0);
    app.fill("事故標題", "登入失敗").await;
    app.press("宣告事故").await;
    app.wait_text("請選擇嚴重等級：客戶影響最相符的等級。在兩個等級之間猶豫時，選較高的那個。").await;
    app.choose("SEV2").await;
    gone(&app, "請選擇嚴重等級：客戶影響最相符的等級。在兩個等級之間猶豫時，選較高的那個。").await;
    app.select("語言", "English").await;

    browser.client.clone().close().await.expect("close the browser");
}

/// The id of the severity picked.
async fn checked_level(app: &App<'_>) -> String {
    let script = "const c = document.querySelector('input[name=severity]:checked'); return c ? c.value : '';";
    let value = app.client.execute(script, vec![]).await.expect("read the picked level");
    value.as_str().unwrap_or_default().to_owned()
}
