//! The incident page as a cockpit. On a 1280x800 laptop screen, right after a
//! SEV1 is declared, the first open step, the timeline field and the countdown to
//! the next update are on screen without scrolling; ticking the step brings up the
//! next one. After 150 entries and a reload the timeline field is still on
//! screen, and `n` focuses it. The shortcuts list shows on `?`, and a `?` typed in
//! a field is text. On a 390 px phone no page is wider than the screen, and the
//! navigation folds behind a Menu button.

use crate::browser::{cdp, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

/// Makes the page's viewport `width` by `height` CSS pixels, as a phone
/// (`mobile`, which obeys the page's viewport meta tag) or a laptop.
pub async fn viewport(app: &App<'_>, width: u32, height: u32, mobile: bool) {
    let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile });
    cdp(app.client, "Emulation.setDeviceMetricsOverride", metrics).await;
}

/// Where the element at `xpath` is: its top and bottom, the viewport's height and
/// how far the page is scrolled, in CSS pixels.
async fn place(app: &App<'_>, xpath: &str) -> [f64; 4] {
    let element = app.wait_for(Locator::XPath(xpath), xpath).await;
    let script = "const r = arguments[0].getBoundingClientRect(); \
        return [r.top, r.bottom, window.innerHeight, window.scrollY];";
    let value = app.client.execute(script, vec![serde_json::to_value(&element).expect("element")]).await.expect("rect");
    serde_json::from_value(value).expect("four numbers")
}

/// Asserts that the element at `xpath` is wholly inside the viewport of a page
/// that has not been scrolled.
async fn on_screen(app: &App<'_>, xpath: &str, what: &str) {
    let [top, bottom, height, scrolled] = place(app, xpath).await;
    assert_eq!(scrolled, 0.0, "{what}: the page was not scrolled");
    assert!(top >= 0.0 && bottom <= height, "{what} is on screen: from {top} to {bottom} of {height} px");
}

/// The id of the focused element.
async fn focused_id(app: &App<'_>) -> String {
    let value = app.client.execute("return document.activeElement.id;", vec![]).await.expect("read the focus");
    value.as_str().unwrap_or_default().to_owned()
}

const NEXT_STEPS: &str = "//section[h2[normalize-space(.)='Next steps']]";
const COUNTDOWN: &str = "//p[@role='status' and starts-with(normalize-space(.), 'First public update due in')]";
const ENTRY_FIELD: &str = "//textarea[@id=//label[normalize-space(.)='New timeline entry']/@for]";

/// The text of the first of the next steps.
async fn first_next_step(app: &App<'_>) -> String {
    let texts = app.texts(&format!("{NEXT_STEPS}//li[1]//*[contains(@class, 'next-steps__text')]")).await;
    texts.into_iter().next().expect("an open step")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cockpit_shows_the_next_step_the_timeline_field_and_the_next_update() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    viewport(&app, 1280, 800, false).await;

    app.open("/").await;
    app.declare_incident("Checkout down for everyone", "SEV1").await;
    app.wait_for(Locator::XPath(COUNTDOWN), "the countdown").await;
    app.snapshot("cockpit-laptop").await;
    on_screen(&app, &format!("{NEXT_STEPS}//li[1]"), "the first open step").await;
    on_screen(&app, ENTRY_FIELD, "the timeline field").await;
    on_screen(&app, COUNTDOWN, "the next-update countdown").await;

    // Ticking the first step records it in its checklist and brings up the next.
    let first = first_next_step(&app).await;
    assert!(!app.is_checked(&first).await, "{first:?} starts open");
    app.press_labelled(&format!("Done: {first}")).await;
    eventually("the step ticked in its checklist", || async { app.is_checked(&first).await.then_some(()) }).await;
    let second = eventually("the next step", || async {
        let now = first_next_step(&app).await;
        (now != first).then_some(now)
    })
    .await;
    assert!(!app.is_checked(&second).await, "{second:?} is open");
    on_screen(&app, &format!("{NEXT_STEPS}//li[1]"), "the next open step").await;

    // `x` goes to the next step's Done button, `n` to the timeline field.
    app.keys("x").await;
    eventually("the focus on the next step", || async { (focused_id(&app).await == "next-step-0").then_some(()) })
        .await;
    app.keys("n").await;
    eventually("the focus on the timeline field", || async { (focused_id(&app).await == "entry-text").then_some(()) })
        .await;
    // A step's checkbox takes no letters: from a step ticked there, `n` goes to
    // the timeline field too.
    app.field(&second).await.click().await.expect("tick the step's checkbox");
    eventually("the step ticked", || async { app.is_checked(&second).await.then_some(()) }).await;
    let checkbox = app.field(&second).await.attr("id").await.expect("id").expect("the checkbox's id");
    assert_eq!(focused_id(&app).await, checkbox, "the focus stays on the ticked step");
    app.keys("n").await;
    eventually("the focus back on the timeline field", || async {
        (focused_id(&app).await == "entry-text").then_some(())
    })
    .await;

    // In a field, `?` is text; elsewhere it shows the shortcuts, and Escape hides them.
    app.keys("?").await;
    assert_eq!(app.field("New timeline entry").await.prop("value").await.expect("value").as_deref(), Some("?"));
    let shortcuts = app.section("Keyboard shortcuts").await;
    assert!(!shortcuts.is_displayed().await.expect("displayed"), "typing ? in a field shows nothing");
    app.field("New timeline entry").await.clear().await.expect("clear");
    app.client.execute("document.activeElement.blur();", vec![]).await.expect("blur");
    app.keys("?").await;
    eventually("the shortcuts list", || async { shortcuts.is_displayed().await.ok()?.then_some(()) }).await;
    app.wait_text("Write a timeline entry").await;
    app.snapshot("cockpit-shortcuts").await;
    app.keys(&char::from(Key::Escape).to_string()).await;
    eventually("the shortcuts list hidden", || async { (!shortcuts.is_displayed().await.ok()?).then_some(()) }).await;
    // `?` hides it too, and either way the focus is back on its button.
    assert_eq!(focused_id(&app).await, "shortcuts-button");
    app.keys("?").await;
    eventually("the shortcuts list again", || async { shortcuts.is_displayed().await.ok()?.then_some(()) }).await;
    app.keys("?").await;
    eventually("the shortcuts list hidden by ?", || async { (!shortcuts.is_displayed().await.ok()?).then_some(()) })
        .await;
    assert_eq!(focused_id(&app).await, "shortcuts-button");

    // However long the timeline, the field stays on screen, and `n` is one key away.
    // Each save's outcome shows in the composer's status; a save of a few
    // milliseconds does not flash "Saving…" first.
    let watch = "const status = document.getElementById('composer-status'); window.statuses = []; \
                 new MutationObserver(() => window.statuses.push(status.textContent)) \
                   .observe(status, { childList: true, characterData: true, subtree: true });";
    app.client.execute(watch, vec![]).await.expect("watch the status");
    for n in 1..=150 {
        app.add_entry(&format!("Entry {n}"), None).await;
    }
    let statuses: Vec<String> = serde_json::from_value(
        app.client.execute("return window.statuses;", vec![]).await.expect("the statuses shown"),
    )
    .expect("texts");
    let shown = |text: &str| statuses.iter().filter(|s| s.as_str() == text).count();
    assert!(shown("Saved") >= 150, "every save said Saved: {}", shown("Saved"));
    assert!(shown("Saving…") * 10 < shown("Saved"), "Saving… shown {} times in 150 saves", shown("Saving…"));
    app.reload().await;
    // The list is windowed: it announces every entry, whichever are drawn.
    let total = "//ol[@aria-label='Timeline']/li[1]/@aria-setsize";
    eventually("152 entries and more", || async {
        let value = app.client.execute(
            "return document.evaluate(arguments[0], document, null, XPathResult.STRING_TYPE, null).stringValue;",
            vec![total.into()],
        );
        (value.await.ok()?.as_str()?.parse::<usize>().ok()? > 150).then_some(())
    })
    .await;
    on_screen(&app, ENTRY_FIELD, "the timeline field after 150 entries").await;
    app.keys("n").await;
    eventually("the focus on the timeline field", || async { (focused_id(&app).await == "entry-text").then_some(()) })
        .await;
    on_screen(&app, ENTRY_FIELD, "the focused timeline field").await;
    // The newest entry shows at the foot of the timeline, just above the field.
    let newest = "//ol[@aria-label='Timeline']/li[last()]";
    eventually("the newest entry in view", || async {
        let [top, bottom, height, _] = place(&app, newest).await;
        (top >= 0.0 && bottom <= height).then_some(())
    })
    .await;
    app.snapshot("cockpit-long-timeline").await;

    browser.client.clone().close().await.expect("close the browser");
}

/// How much wider than a 390 px screen the document or the viewport is, in CSS
/// pixels (a phone's browser widens the viewport to a page that does not fit).
async fn overflow(app: &App<'_>) -> f64 {
    let script = "return Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390;";
    app.client.execute(script, vec![]).await.expect("read widths").as_f64().expect("a number")
}

/// The elements that reach past 390 px, for the message of a failed test.
async fn too_wide(app: &App<'_>) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('body *')) \
        .filter(e => e.getBoundingClientRect().right > 390.5) \
        .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > 390.5)) \
        .slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px: ${(e.textContent || '').trim().slice(0, 40)}`);";
    serde_json::from_value(app.client.execute(script, vec![]).await.expect("find wide elements")).expect("texts")
}

/// Every page of the app, once an incident and its review exist: the paths.
pub async fn every_page(app: &App<'_>) -> Vec<String> {
    app.open("/settings").await;
    app.fill("Your display name", "Mei-Ling Chen").await;
    app.press("Save").await;
    app.wait_status("Saved").await;
    app.open("/").await;
    app.declare_incident("Checkout down for everyone", "SEV1").await;
    app.add_entry("Rolled back deploy 4521", None).await;
    app.press_labelled("Set Detected to now").await;
    app.wait_text("Milestone: Detected").await;
    let incident = app.client.current_url().await.expect("url").path().to_owned();
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    app.wait_text("Facilitate the review meeting").await;
    // An item, so that the plan shows a row with its fields.
    app.fill("Item", "Alert on checkout errors").await;
    app.fill("Owner", "Mei-Ling Chen").await;
    app.select("Status", "Committed").await;
    app.tick("Priority").await;
    app.press("Add item").await;
    app.wait_text("Alert on checkout errors").await;
    app.open("/runbooks").await;
    let link = app.wait_for(Locator::XPath("//a[normalize-space(.)='Major incident']"), "a runbook").await;
    let runbook = link.attr("href").await.expect("href").expect("a runbook's address");
    let mut pages: Vec<String> = ["/", "/runbooks", "/runbooks/new", "/catalog", "/plan", "/settings", "/nowhere"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    pages.extend([incident.clone(), format!("{incident}/review"), format!("{incident}/review/meeting"), runbook]);
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_is_wider_than_a_phone() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    viewport(&app, 390, 844, true).await;
    let pages = every_page(&app).await;
    let mut wide = Vec::new();
    for page in &pages {
        app.open(page).await;
        if overflow(&app).await > 0.0 {
            wide.push(format!("{page}: {:?}", too_wide(&app).await));
        }
    }
    assert!(wide.is_empty(), "pages wider than a 390 px screen:\n{}", wide.join("\n"));
    app.open(&pages[7]).await;
    app.snapshot("cockpit-phone").await;

    // The navigation folds behind the Menu button, and folds again once followed.
    let nav = app.wait_for(Locator::XPath("//nav[@aria-label='Main']"), "the main navigation").await;
    assert!(!nav.is_displayed().await.expect("displayed"), "folded on a phone");
    app.press("Menu").await;
    eventually("the navigation shown", || async { nav.is_displayed().await.ok()?.then_some(()) }).await;
    app.follow("Settings").await;
    app.heading("Settings").await;
    let nav = app.wait_for(Locator::XPath("//nav[@aria-label='Main']"), "the main navigation").await;
    assert!(!nav.is_displayed().await.expect("displayed"), "folded again after following a link");
    assert_eq!(overflow(&app).await, 0.0, "the settings fit a 390 px screen");

    browser.client.clone().close().await.expect("close the browser");
}
