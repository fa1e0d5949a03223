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
    // sets Acknowledged half an hour earlier. Each was right in its own tab, but
    // together they break the milestones' order: the later one is not applied,
    // and both tabs say so instead of dropping it.
    app.press_labelled("Set Detected to now").await;
    app.wait_text("Milestone: Detected").await;
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    let earlier = minutes_ago(&app, 30).await;
    app.set_date_time("Acknowledged at (local time)", &earlier).await;
    app.press_labelled("Set Acknowledged to the time entered").await;
    app.wait_text("Milestone: Acknowledged").await;

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
        app.wait_text("A milestone was not applied: Acknowledged at").await;
        app.wait_text("Milestone: Acknowledged").await;
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
