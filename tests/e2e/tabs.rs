//! Two tabs on one incident, the normal case during an incident: each records a
//! change while the other still shows the incident as it was. Both changes are
//! on the timeline, and after a reload the incident shows both, because it is
//! the fold of its entries and not the record the stale tab wrote last. Entries
//! that together break a rule are kept, and the page says which.

use crate::browser::Browser;
use crate::command::minutes_ago;
use crate::pages::App;
use crate::{dist, server};
use fantoccini::key::Key;
use fantoccini::Locator;

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

    // A second tab on the same incident names an incident lead.
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the incident in the second tab");
    app.heading("Logins fail").await;
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
