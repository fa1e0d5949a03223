//! Incident command: roles assigned and handed over, milestones set now and
//! back-dated (an out-of-order one refused), response times, the timeline filter,
//! and closing refused until the incident is resolved; all still there on reload.

use crate::browser::Browser;
use crate::clock::PageClock;
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{TimeZone, Utc};
use fantoccini::key::Key;
use fantoccini::Locator;

/// A local `datetime-local` value `minutes` before the page's clock, computed in
/// the browser (in its time zone).
pub(crate) async fn minutes_ago(app: &App<'_>, minutes: u32) -> String {
    let script = "const d = new Date(Date.now() - arguments[0] * 60 * 1000); d.setSeconds(0, 0); \
                  const p = n => String(n).padStart(2, '0'); \
                  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;";
    let value = app.client.execute(script, vec![minutes.into()]).await.expect("compute a local time");
    value.as_str().expect("a string").to_owned()
}

/// Types a name into a role's field and presses Enter.
async fn assign(app: &App<'_>, role: &str, name: &str) {
    let field = app.field(&format!("Who takes {role}?")).await;
    field.send_keys(&format!("{name}{}", Key::Enter)).await.expect("assign a role");
}

/// The text shown for a response time.
async fn metric(app: &App<'_>, name: &str) -> String {
    let xpath = format!("//dt[normalize-space(.)='{name}']/following-sibling::dd");
    app.client.find(Locator::XPath(&xpath)).await.expect("metric").text().await.expect("metric text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_milestones_and_filters_survive_reload() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    // The page's clock stands still at a whole minute, so durations are exact.
    PageClock::install(&browser.client, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()).await;

    // The people directory suggests names.
    app.open("/settings").await;
    app.fill("Name", "Ana Lee").await;
    app.fill("Team", "SRE").await;
    app.fill("How to reach them", "+886 912 345 678").await;
    app.press("Add person").await;
    app.wait_text("+886 912 345 678").await;

    app.open("/").await;
    app.declare_incident("Search is slow", "SEV2").await;

    // Roles: assign, hand over, and two subject experts.
    assign(&app, "Incident lead", "Ana Lee").await;
    app.wait_text("Ana Lee took the role Incident lead").await;
    assign(&app, "Incident lead", "Bo Chen").await;
    app.wait_text("Incident lead handed over from Ana Lee to Bo Chen").await;
    assign(&app, "Subject experts", "Cy Wu").await;
    app.wait_text("Cy Wu took the role Subject experts").await;
    assign(&app, "Subject experts", "Di Lin").await;
    app.wait_text("Di Lin took the role Subject experts").await;

    // Milestones: detected now, impact back-dated, acknowledged before detection refused.
    app.press_labelled("Set Detected to now").await;
    app.wait_text("Milestone: Detected").await;
    let earlier = minutes_ago(&app, 30).await;
    app.set_date_time("Impact started at (local time)", &earlier).await;
    app.press_labelled("Set Impact started to the time entered").await;
    app.wait_text("Milestone: Impact started").await;
    let too_early = minutes_ago(&app, 45).await;
    app.set_date_time("Acknowledged at (local time)", &too_early).await;
    app.press_labelled("Set Acknowledged to the time entered").await;
    app.wait_text("milestones must stay in order").await;
    eventually("time to detect", || async { metric(&app, "Time to detect").await.contains("30 min").then_some(()) })
        .await;
    assert!(metric(&app, "Time to acknowledge").await.contains("so far"));

    // Closing is refused until the incident is resolved, without asking first.
    app.select("Status", "Closed").await;
    app.press("Change status").await;
    app.wait_text("before closing the incident").await;

    // The timeline filter shows only milestones.
    app.disclose("Filter").await;
    app.select("Kind", "Milestone").await;
    eventually("only milestone entries", || async {
        let entries = app.timeline("Timeline").await;
        (entries.len() == 2).then_some(entries)
    })
    .await;
    app.wait_text("2 of").await;
    app.snapshot("command").await;

    // Everything survives a reload.
    app.reload().await;
    app.heading("Search is slow").await;
    app.wait_text("Bo Chen").await;
    app.wait_text("Di Lin").await;
    assert!(!metric(&app, "Time to detect").await.contains('—'));
    let all = app.timeline("Timeline").await;
    assert!(all.contains(&"Incident lead handed over from Ana Lee to Bo Chen".to_owned()), "{all:#?}");
    assert!(all.contains(&"Milestone: Impact started".to_owned()), "{all:#?}");
    // The back-dated milestone sorts before the declaration.
    let impact = all.iter().position(|e| e == "Milestone: Impact started").unwrap();
    let declared = all.iter().position(|e| e.starts_with("Incident declared")).unwrap();
    assert!(impact < declared, "{all:#?}");

    browser.client.clone().close().await.expect("close the browser");
}
