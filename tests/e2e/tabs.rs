//! Two tabs on one incident, the normal case during an incident (one on the
//! timeline, one on the status update).
//!
//! A change stored in one tab shows in the other without a reload, and text
//! being typed there stays. And when a tab records a change before it has heard
//! of the other's (the announcement is silenced here to make that race
//! certain), both changes are on the timeline and after a reload the incident
//! shows both, because it is the fold of its entries and not the record the
//! stale tab wrote last; entries that together break a rule are kept, and the
//! page says which.

use crate::browser::Browser;
use crate::command::minutes_ago;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// Makes this tab deaf and mute to the others until it reloads: it neither
/// announces its changes nor hears theirs, as if every announcement arrived
/// only after the next change.
async fn silence_other_tabs(client: &Client) {
    let script = "BroadcastChannel.prototype.postMessage = function () {}; \
                  Object.defineProperty(MessageEvent.prototype, 'data', { get() { return null; } });";
    client.execute(script, vec![]).await.expect("silence the channel");
}

/// The id of the element that has the keyboard focus.
async fn focused_id(client: &Client) -> String {
    let id = client.execute("return document.activeElement && document.activeElement.id", vec![]).await;
    id.expect("the focused element").as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_in_one_tab_shows_in_the_other_without_a_reload() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };

    app.open("/").await;
    app.declare_incident("Payments time out", "SEV2").await;
    let first = client.window().await.expect("the first tab");
    let address = client.current_url().await.expect("the incident's address").to_string();

    // The second tab is writing a note, not yet added.
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the incident in the second tab");
    app.heading("Payments time out").await;
    let note = app.field("New timeline entry").await;
    note.send_keys("Card processor returns 504").await.expect("type a note");

    // The first tab names an incident lead and moves the status on.
    client.switch_to_window(first).await.expect("back to the first tab");
    let lead = app.field("Who takes Incident lead?").await;
    lead.send_keys(&format!("Ana Lee{}", Key::Enter)).await.expect("assign the lead");
    app.wait_text("Ana Lee took the role Incident lead").await;
    app.set_status("Mitigating").await;
    app.wait_text("Status changed from Triage to Mitigating").await;

    // The second tab shows both without a reload, and keeps the note being typed.
    client.switch_to_window(second).await.expect("to the second tab");
    app.wait_text("Ana Lee took the role Incident lead").await;
    app.wait_text("Status changed from Triage to Mitigating").await;
    app.wait_for(Locator::XPath("//button[normalize-space(.)='Hand over']"), "the lead's hand-over button").await;
    let status = app.field("Status").await.prop("value").await.expect("the status shown");
    assert_eq!(status.as_deref(), Some("mitigating"), "the status set in the first tab");
    let typed = app.field("New timeline entry").await.prop("value").await.expect("the note");
    assert_eq!(typed.as_deref(), Some("Card processor returns 504"), "the note being typed stays");
    assert_eq!(focused_id(client).await, "entry-text", "the focus stays in the note");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_and_a_lead_set_in_two_tabs_both_survive_a_reload() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };

    app.open("/").await;
    app.declare_incident("Logins fail", "SEV2").await;
    let first = client.window().await.expect("the first tab");
    let address = client.current_url().await.expect("the incident's address").to_string();
    silence_other_tabs(client).await;

    // A second tab on the same incident names an incident lead.
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the incident in the second tab");
    app.heading("Logins fail").await;
    silence_other_tabs(client).await;
    let lead = app.field("Who takes Incident lead?").await;
    lead.send_keys(&format!("Ana Lee{}", Key::Enter)).await.expect("assign the lead");
    app.wait_text("Ana Lee took the role Incident lead").await;

    // The first tab, which has not seen the lead, moves the status on.
    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.set_status("Mitigating").await;
    app.wait_text("Status changed from Triage to Mitigating").await;

    // The first tab sets Detected to now; the second, which has not seen it,
    // sets Acknowledged half an hour earlier. That was right in its own stale
    // copy, but the incident's head has moved on: the second tab reads the
    // incident again, checks the milestone against it, and refuses it, saying
    // why, instead of appending an entry that breaks the order.
    app.press_labelled("Set Detected to now").await;
    app.wait_text("Milestone: Detected").await;
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    let earlier = minutes_ago(&app, 30).await;
    app.set_date_time("Acknowledged at (local time)", &earlier).await;
    app.press_labelled("Set Acknowledged to the time entered").await;
    app.wait_text("milestones must stay in order").await;
    app.wait_text("Milestone: Detected").await;

    // After a reload, each tab shows both changes.
    for tab in [first, second] {
        client.switch_to_window(tab).await.expect("switch tab");
        app.reload().await;
        app.heading("Logins fail").await;
        let status = app.field("Status").await.prop("value").await.expect("the status shown");
        assert_eq!(status.as_deref(), Some("mitigating"), "the status set in the first tab");
        app.wait_for(Locator::XPath("//button[normalize-space(.)='Hand over']"), "the lead's hand-over button").await;
        app.wait_text("Ana Lee took the role Incident lead").await;
        app.wait_text("Status changed from Triage to Mitigating").await;
        app.wait_text("Milestone: Detected").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_added_in_one_tab_survives_a_language_switch_in_another() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };

    app.open("/settings").await;
    let first = client.window().await.expect("the first tab");
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    app.open("/settings").await;

    // The first tab adds a person; the second shows them without a reload.
    client.switch_to_window(first).await.expect("back to the first tab");
    app.fill("Name", "Ana Lee").await;
    app.fill("How to reach them", "+886 912 345 678").await;
    app.press("Add person").await;
    app.wait_text("+886 912 345 678").await;
    client.switch_to_window(second).await.expect("to the second tab");
    app.wait_text("+886 912 345 678").await;

    // The second tab switches the language; the person is still there after a reload.
    app.select("Language", "繁體中文").await;
    eventually("the page in Chinese", || async { (app.lang().await == "zh-TW").then_some(()) }).await;
    app.reload().await;
    app.wait_text("+886 912 345 678").await;
    assert_eq!(app.lang().await, "zh-TW", "the language chosen in the second tab");
}

/// The review's address of the incident declared on the open page.
async fn open_review_in_two_tabs(app: &App<'_>) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    let client = app.client;
    app.follow("Post-incident review").await;
    let first = client.window().await.expect("the first tab");
    let address = client.current_url().await.expect("the review's address").to_string();
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the review in the second tab");
    (first, second)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_summary_and_an_item_from_two_tabs_both_survive_and_one_section_is_never_overwritten() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Checkout outage", "SEV1").await;
    let (first, second) = open_review_in_two_tabs(&app).await;
    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.press("Start the review").await;
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    app.field("Summary").await;
    // From here the second tab hears nothing of the first: its review is stale.
    silence_other_tabs(client).await;

    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.fill("Summary", &format!("A configuration push broke checkout.{}", Key::Tab)).await;
    app.wait_text("Saved").await;

    // The stale tab adds an item: the first tab's summary is kept, and shows.
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    app.fill("Item", "Alert on the checkout error rate").await;
    app.fill("Owner", "Cy Wu").await;
    app.press("Add item").await;
    app.wait_text("Alert on the checkout error rate").await;
    eventually("the first tab's summary in the second", || async {
        let value = app.field("Summary").await.prop("value").await.ok().flatten();
        (value.as_deref() == Some("A configuration push broke checkout.")).then_some(())
    })
    .await;

    // The first tab rewrites the summary; the stale second tab, still showing
    // the earlier text, rewrites it too: nothing is overwritten, both versions
    // show, and the writer chooses.
    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.fill("Summary", &format!("A configuration push broke checkout for 38 minutes.{}", Key::Tab)).await;
    app.wait_text("Saved").await;
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    app.fill("Summary", &format!("Checkout was down.{}", Key::Tab)).await;
    app.wait_text("Changed in another tab meanwhile").await;
    app.wait_text("A configuration push broke checkout for 38 minutes.").await;
    let typed = app.field("Summary").await.prop("value").await.expect("the field's value");
    assert_eq!(typed.as_deref(), Some("Checkout was down."), "what was typed stays in the field");
    app.press("Use theirs").await;
    eventually("the other tab's summary in the field", || async {
        let value = app.field("Summary").await.prop("value").await.ok().flatten();
        (value.as_deref() == Some("A configuration push broke checkout for 38 minutes.")).then_some(())
    })
    .await;

    // After a reload, both tabs' changes are there.
    for tab in [first, second] {
        client.switch_to_window(tab).await.expect("switch tab");
        app.reload().await;
        app.wait_text("Alert on the checkout error rate").await;
        let summary = app.field("Summary").await.prop("value").await.expect("the summary");
        assert_eq!(summary.as_deref(), Some("A configuration push broke checkout for 38 minutes."));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_started_in_two_tabs_is_started_once() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Search is slow", "SEV2").await;
    let (first, second) = open_review_in_two_tabs(&app).await;
    app.heading("Search is slow").await;
    silence_other_tabs(client).await;

    client.switch_to_window(first).await.expect("back to the first tab");
    app.press("Start the review").await;
    app.fill("Summary", &format!("The search index was rebuilt at peak.{}", Key::Tab)).await;
    app.wait_text("Saved").await;

    // The second tab still offers to start it: starting shows the first tab's.
    client.switch_to_window(second).await.expect("to the second tab");
    app.press("Start the review").await;
    eventually("the first tab's summary", || async {
        let value = app.field("Summary").await.prop("value").await.ok().flatten();
        (value.as_deref() == Some("The search index was rebuilt at peak.")).then_some(())
    })
    .await;
    app.reload().await;
    let summary = app.field("Summary").await.prop("value").await.expect("the summary");
    assert_eq!(summary.as_deref(), Some("The search index was rebuilt at peak."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_opening_a_new_workspace_at_once_set_it_up_once() {
    let dist = dist();
    let script = std::fs::read_dir(&dist)
        .expect("the build")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with(".js"))
        .expect("the build's script");
    let base = server::serve(dist).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base: base.clone() };

    // A page of the site that does not run the app opens two tabs of it at once,
    // on a profile with no workspace yet.
    client.goto(&format!("{}/{script}", base.trim_end_matches('/'))).await.expect("a plain page of the site");
    let before = client.windows().await.expect("the tabs").len();
    client.execute("window.open('/runbooks'); window.open('/runbooks');", vec![]).await.expect("open two tabs");
    let tabs = eventually("two new tabs", || async {
        let tabs = client.windows().await.ok()?;
        (tabs.len() == before + 2).then_some(tabs)
    })
    .await;

    for tab in tabs.into_iter().skip(before) {
        client.switch_to_window(tab).await.expect("switch tab");
        app.heading("Runbooks").await;
        app.wait_text("attaches at SEV1, SEV2").await;
        let listed = app.texts("//a[normalize-space(.)='Major incident']").await;
        assert_eq!(listed.len(), 1, "the default runbook exists once: {listed:?}");
    }
    app.reload().await;
    app.wait_text("attaches at SEV1, SEV2").await;
    assert_eq!(app.texts("//a[normalize-space(.)='Major incident']").await.len(), 1);
}
