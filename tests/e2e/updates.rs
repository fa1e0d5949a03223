//! Status updates: a SEV1 asks for its first public update within 5 minutes; a
//! public update written from the template is checked for internal names (one
//! found, the text edited), posted and copied (or, where the browser denies the
//! clipboard, posted with the text left to copy by hand); it shows in the history
//! and on the timeline, the countdown restarts at 20 minutes, and all of it is
//! still there after a reload and in Traditional Chinese.

use crate::browser::Browser;
use crate::clock::PageClock;
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{Duration, TimeZone, Utc};
use fantoccini::Locator;

const TEMPLATE_START: &str =
    "We are investigating a problem affecting Payments. Some card payments fail. We will post the next update by ";

/// The countdown's text, whichever of its polite or urgent lines shows.
async fn countdown(app: &App<'_>) -> String {
    let xpath = "//section[@aria-labelledby='updates-heading']/p[contains(@class, 'updates__countdown')]";
    let mut shown = Vec::new();
    for line in app.client.find_all(Locator::XPath(xpath)).await.expect("countdown lines") {
        let text = line.text().await.expect("countdown text");
        if !text.is_empty() {
            shown.push(text);
        }
    }
    shown.join(" ")
}

/// Waits for a countdown reading `prefix` followed by a number of minutes, and
/// returns that number.
async fn countdown_minutes(app: &App<'_>, prefix: &str) -> u32 {
    eventually(&format!("a countdown starting {prefix:?}"), || async {
        let shown = countdown(app).await;
        let rest = shown.strip_prefix(prefix)?;
        rest.split_whitespace().next()?.parse::<u32>().ok()
    })
    .await
}

/// The value of the field labelled `label`.
async fn value(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read a value").unwrap_or_default()
}

/// The updates in the history, newest first, as "audience · phase · text": each
/// item shows, a line each, its time, audience, phase, author, text and when the
/// next update is due.
async fn history(app: &App<'_>, name: &str) -> Vec<String> {
    let xpath = format!("//ol[@aria-label='{name}']/li");
    let mut items = Vec::new();
    for item in app.client.find_all(Locator::XPath(&xpath)).await.expect("history items") {
        let shown = item.text().await.expect("its text");
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines.len() >= 6, "an update shows its time, audience, phase, author, text and next: {shown:?}");
        items.push(format!("{} · {} · {}", lines[1], lines[2], lines[4..lines.len() - 1].join("\n")));
    }
    items
}

/// Scrolls the status updates section into view, for screenshots.
async fn show_updates(app: &App<'_>) {
    let script = "document.getElementById('updates-heading').scrollIntoView({block: 'start'});";
    app.client.execute(script, vec![]).await.expect("scroll");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_update_is_checked_posted_and_restarts_the_countdown() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    // The page's clock stands still at 09:00:00 UTC and moves only when the test moves
    // it, so every countdown below reads exactly what it should.
    let declared_at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut clock = PageClock::install(&browser.client, declared_at).await;

    // A restricted component whose public name is "Payments".
    app.open("/catalog").await;
    app.heading("Service catalog").await;
    app.press("Add component").await;
    app.fill("Component name", "pay-db-eu").await;
    app.fill("Public name", "Payments").await;
    app.select("Classification", "Restricted").await;
    app.press("Save component").await;
    app.wait_status("Saved pay-db-eu.").await;

    // A SEV1 asks for its first public update within 5 minutes.
    app.open("/").await;
    app.declare_incident("Card payments failing", "SEV1").await;
    app.section("Status updates").await;
    let first = countdown_minutes(&app, "First public update due in ").await;
    assert_eq!(first, 5, "first update due within 5 minutes");

    // Six minutes later, with nothing posted, the update is overdue, urgently.
    clock.advance(Duration::minutes(6)).await;
    let alert = app.wait_text("Overdue by 1 min: the first public update was due by").await;
    assert_eq!(alert.attr("role").await.expect("role").as_deref(), Some("alert"));
    show_updates(&app).await;
    app.snapshot("updates-overdue").await;
    clock.set(declared_at).await;
    assert_eq!(countdown_minutes(&app, "First public update due in ").await, 5);
    app.fill("Affected components", "pay-db-eu").await;
    app.press("Save components").await;
    app.wait_text("Affected components: pay-db-eu").await;

    // The template names the public name only, the impact and the next update time.
    app.fill("Impact summary (optional)", "Some card payments fail").await;
    app.press("Use template").await;
    let template = eventually("the template in the text", || async {
        let text = value(&app, "Update text").await;
        (!text.is_empty()).then_some(text)
    })
    .await;
    assert!(template.starts_with(TEMPLATE_START) && template.ends_with(" UTC."), "template: {template:?}");
    assert_eq!(template, format!("{TEMPLATE_START}09:20 UTC."), "the next update is 20 minutes on");
    assert!(!template.contains("pay-db-eu"), "the internal name stays out of the template: {template:?}");

    // Adding the internal name is caught before posting; the responder edits the text.
    app.fill("Update text", &format!("{template} The pay-db-eu database is failing over.")).await;
    app.press("Post and copy").await;
    app.wait_text("This public update mentions internal details:").await;
    app.wait_text("“pay-db-eu”: internal name of a component classified Restricted").await;
    show_updates(&app).await;
    app.snapshot("updates-flagged").await;
    app.press("Edit text").await;
    // The text now holds words of the responder's, so the template asks first.
    app.press("Use template").await;
    app.press("Replace with the template").await;
    eventually("the template back in the text", || async {
        (value(&app, "Update text").await == template).then_some(())
    })
    .await;

    // Posting records the update, copies it or says it could not.
    app.press("Post and copy").await;
    let copied = eventually("the update posted", || async {
        let shown = app
            .client
            .find(Locator::XPath("//p[@role='status' and contains(@class, 'updates__outcome')]"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        match shown.as_str() {
            "Update posted and copied to the clipboard. Paste it into your status page." => Some(true),
            "Update posted, but the text could not be copied to the clipboard. Select the text below and copy it by hand." => {
                Some(false)
            }
            _ => None,
        }
    })
    .await;
    if !copied {
        assert_eq!(value(&app, "Text to copy").await, template, "the text is left to copy by hand");
    }
    assert_eq!(value(&app, "Update text").await, "", "the composer is cleared");
    assert_eq!(history(&app, "Update history").await, [format!("Public · Investigating · {template}")]);
    let timeline = app.timeline("Timeline").await;
    let sentence = format!("Public status update (investigating) — {template}");
    assert!(timeline.contains(&sentence), "{sentence:?} on the timeline {timeline:?}");
    let next = countdown_minutes(&app, "Next public update due in ").await;
    assert_eq!(next, 20, "the countdown restarts at 20 minutes");
    show_updates(&app).await;
    app.snapshot("updates-posted").await;

    // Two minutes later, an internal update does not restart the public countdown.
    // Where the browser refuses the clipboard, the update is recorded and its text
    // left to copy.
    clock.advance(Duration::minutes(2)).await;
    eventually("the countdown two minutes on", || async {
        (countdown_minutes(&app, "Next public update due in ").await == 18).then_some(())
    })
    .await;
    let deny = "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));";
    app.client.execute(deny, vec![]).await.expect("deny the clipboard");
    app.click(Locator::Id("update-audience-internal"), "the internal choice").await;
    app.select("Phase", "Identified").await;
    app.fill("Update text", "Failover of the payments database started; Ana leads.").await;
    app.press("Post and copy").await;
    app.wait_status(
        "Update posted, but the text could not be copied to the clipboard. Select the text below and copy it by hand.",
    )
    .await;
    assert_eq!(value(&app, "Text to copy").await, "Failover of the payments database started; Ana leads.");
    eventually("two updates", || async { (history(&app, "Update history").await.len() == 2).then_some(()) }).await;
    let next = countdown_minutes(&app, "Next public update due in ").await;
    assert_eq!(next, 18, "an internal update leaves the countdown alone");
    show_updates(&app).await;
    app.snapshot("updates-not-copied").await;

    // After a reload the history, the timeline and the countdown are back.
    app.reload().await;
    app.section("Status updates").await;
    let items = eventually("two updates after reload", || async {
        let items = history(&app, "Update history").await;
        (items.len() == 2).then_some(items)
    })
    .await;
    assert_eq!(
        items,
        [
            "Internal · Identified · Failover of the payments database started; Ana leads.".to_owned(),
            format!("Public · Investigating · {template}"),
        ]
    );
    let next = countdown_minutes(&app, "Next public update due in ").await;
    assert_eq!(next, 18, "the countdown survives a reload");
    assert!(app.timeline("Timeline").await.contains(&sentence));

    // The same in Traditional Chinese.
    app.select("Language", "繁體中文").await;
    app.section("狀態更新").await;
    eventually("the countdown in Chinese", || async {
        countdown(&app).await.starts_with("下次公開更新").then_some(())
    })
    .await;
    let items = history(&app, "更新紀錄").await;
    assert!(items[1].starts_with("公開 · 調查中 · "), "{items:?}");
    app.select("語言", "English").await;
    app.section("Status updates").await;

    browser.client.clone().close().await.expect("close the browser");
}
