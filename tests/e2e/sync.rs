//! Team sync end to end: two browser profiles share one incident through a real
//! CouchDB-protocol server (pouchdb-server, `couch.rs`).

use crate::browser::{network, Browser};
use crate::couch::{Couch, Gate, BATCH_SENT, LEAD, PAGED_READ, VIEWER, WRITER};
use crate::pages::{eventually, App};
use crate::{dist, protocol, server, support};
use sitrep::domain::export::json::{export_json, IncidentBundle};
use sitrep::sync::docs;
use sitrep::sync::replicate::{round, BATCH, PAGE};
use std::cell::RefCell;

/// The first step of the major-incident runbook a SEV2 incident starts.
const FIRST_STEP: &str = "Name an incident lead who runs the response and makes the calls";

/// The timeline's entries once it holds exactly `count`.
async fn timeline_of(app: &App<'_>, count: usize) -> Vec<String> {
    eventually(&format!("{count} timeline entries"), || async {
        let entries = app.timeline("Timeline").await;
        (entries.len() == count).then_some(entries)
    })
    .await
}

/// The value of the field labelled `label`.
pub(crate) async fn value_of(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read a field").unwrap_or_default()
}

/// The text of the whole page, to say what it showed when a test gives up.
pub(crate) async fn page_text(app: &App<'_>) -> String {
    let body = app.client.find(fantoccini::Locator::XPath("//body")).await.expect("the page");
    body.text().await.unwrap_or_default()
}

/// Signs in on the join page opened from `link`.
pub(crate) async fn join(app: &App<'_>, link: &str, (user, password): (&str, &str)) {
    app.client.goto(link).await.expect("open the join link");
    app.heading("Join a shared incident").await;
    app.fill("User name", user).await;
    app.fill("Password", password).await;
    app.press("Sign in and join").await;
}

/// The lead declares an incident titled `title` at `severity` and shares it on
/// `couch`; the responder joins it as a writer. Returns the join link.
pub(crate) async fn share_and_join(
    lead: &App<'_>,
    responder: &App<'_>,
    couch: &Couch,
    title: &str,
    severity: &str,
) -> String {
    lead.open("/").await;
    lead.declare_incident(title, severity).await;
    lead.fill("Server address", &couch.url).await;
    lead.fill("User name", LEAD.0).await;
    lead.fill("Password", LEAD.1).await;
    lead.press("Share with the team").await;
    lead.wait_text("Synced ").await;
    let link = value_of(lead, "Join link").await;
    join(responder, &link, WRITER).await;
    responder.heading(title).await;
    link
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_responders_share_an_incident_through_the_server_and_converge_after_an_outage() {
    let base = server::serve(dist()).await;
    // On disk, so that the server can be killed and started again on the same files.
    let mut couch = Couch::start_on_disk(&base);
    let (lead_browser, responder_browser) = (Browser::start().await, Browser::start().await);
    let lead = App { client: &lead_browser.client, base: base.clone() };
    let responder = App { client: &responder_browser.client, base: base.clone() };

    // Nothing is shared: no indicator.
    lead.open("/").await;
    lead.declare_incident("Payments API timing out", "SEV2").await;
    let said = lead.client.find_all(fantoccini::Locator::XPath("//*[@role='status']")).await.expect("look for it");
    for status in said {
        let line = status.text().await.expect("its text");
        let about_sync = ["Synced", "Connecting to the team", "change waiting", "changes waiting", "Sync error"]
            .iter()
            .any(|w| line.contains(w));
        assert!(!about_sync, "no sync indicator while nothing is shared: {line}");
    }

    // An unreachable server and a wrong password say so.
    lead.fill("Server address", "http://127.0.0.1:9").await;
    lead.fill("User name", LEAD.0).await;
    lead.fill("Password", LEAD.1).await;
    lead.press("Share with the team").await;
    lead.wait_text("The server cannot be reached.").await;
    lead.fill("Server address", &couch.url).await;
    lead.fill("Password", "not the password").await;
    lead.press("Share with the team").await;
    lead.wait_text("Wrong user name or password.").await;

    // The lead shares; the page shows the join link and the indicator says synced.
    lead.fill("Password", LEAD.1).await;
    lead.press("Share with the team").await;
    lead.wait_text(&format!("Shared on {} as {}.", couch.url, LEAD.0)).await;
    lead.wait_text("Synced ").await;
    let link = value_of(&lead, "Join link").await;
    assert!(link.starts_with(&format!("{base}/join?server=")), "{link}");

    // The responder joins and sees the incident with its entries.
    join(&responder, &link, WRITER).await;
    responder.heading("Payments API timing out").await;
    let first = timeline_of(&responder, 2).await;
    assert_eq!(first, timeline_of(&lead, 2).await);

    // The checklist SEV2 started came with its "Runbook started" entry; a step
    // the lead ticks is ticked on the responder's page too.
    responder.section("Checklists").await;
    assert!(!responder.is_checked(FIRST_STEP).await, "the responder has the lead's checklist");
    lead.tick(FIRST_STEP).await;
    eventually("the lead's tick on the responder's page", || async {
        responder.is_checked(FIRST_STEP).await.then_some(())
    })
    .await;
    assert_eq!(timeline_of(&responder, 3).await, timeline_of(&lead, 3).await);

    // Both write at once; both see the union, once each.
    lead.add_entry("Lead: paged the payments team", None).await;
    responder.add_entry("Scribe: status page updated", None).await;
    let union = timeline_of(&lead, 5).await;
    assert_eq!(timeline_of(&responder, 5).await, union);
    for text in ["Lead: paged the payments team", "Scribe: status page updated"] {
        assert_eq!(union.iter().filter(|e| *e == text).count(), 1, "{text} once: {union:?}");
    }

    // Each entry shows who wrote it: the CouchDB user the server checked.
    for (text, user) in [("Lead: paged the payments team", LEAD.0), ("Scribe: status page updated", WRITER.0)] {
        let account = format!(
            "//ol[@aria-label='Timeline']/li[p[normalize-space(.)='{text}']]//*[normalize-space(.)='signed in as {user}']"
        );
        for app in [&lead, &responder] {
            eventually(&format!("{text} signed by {user}"), || async {
                app.client.find(fantoccini::Locator::XPath(&account)).await.ok()
            })
            .await;
        }
    }

    // The responder goes offline and writes; the lead writes meanwhile.
    network(responder.client, false).await;
    responder.add_entry("Scribe: written offline", None).await;
    responder.wait_text("Offline: 1 change waiting").await;
    lead.add_entry("Lead: rolled back the gateway", None).await;
    timeline_of(&lead, 6).await;

    // Back online, both converge on the same timeline, with nothing twice.
    network(responder.client, true).await;
    let converged = timeline_of(&responder, 7).await;
    assert_eq!(timeline_of(&lead, 7).await, converged);
    responder.wait_text("Synced ").await;

    // The server is killed in the middle of the work and comes back on the same
    // files: what each wrote meanwhile waits, then arrives once. pouchdb-server
    // forgets its sessions when it restarts (Apache CouchDB keeps its secret in its
    // configuration), so a page may say it is signed out: the responder signs in
    // again there, and what waited is sent.
    couch.stop();
    lead.add_entry("Lead: written while the server was down", None).await;
    responder.add_entry("Scribe: written while the server was down", None).await;
    lead.wait_text("Offline: 1 change waiting").await;
    responder.wait_text("Offline: 1 change waiting").await;
    couch.start_again();
    // Each loop tries again at the end of its back-off (at most a minute).
    let started = std::time::Instant::now();
    let mut signed_in_again = Vec::new();
    loop {
        let (a, b) = (lead.timeline("Timeline").await, responder.timeline("Timeline").await);
        if a.len() == 9 && b.len() == 9 {
            break;
        }
        for (app, (user, password)) in [(&lead, LEAD), (&responder, WRITER)] {
            let again =
                app.client.find(fantoccini::Locator::XPath("//button[normalize-space(.)='Sign in again']")).await;
            if again.is_ok() && !signed_in_again.contains(&user) {
                app.wait_text("Signed out of the team server: 1 change waiting.").await;
                app.fill("Password", password).await;
                app.press("Sign in again").await;
                signed_in_again.push(user);
            }
        }
        if started.elapsed() > std::time::Duration::from_secs(75) {
            let (lead_page, responder_page) = (page_text(&lead).await, page_text(&responder).await);
            panic!("no convergence after the restart:\nlead {a:?}\n{lead_page}\nresponder {b:?}\n{responder_page}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    println!("converged {:?} after the restart, signed in again: {signed_in_again:?}", started.elapsed());
    let converged = timeline_of(&responder, 9).await;
    assert_eq!(timeline_of(&lead, 9).await, converged);
    for text in ["Lead: written while the server was down", "Scribe: written while the server was down"] {
        assert_eq!(converged.iter().filter(|e| *e == text).count(), 1, "{text} once: {converged:?}");
    }
    lead.wait_text("Synced ").await;
    responder.wait_text("Synced ").await;

    // An entry the responder forges in the lead's name is refused by the server,
    // whose rule (validate_doc_update) wants the author to be the writer.
    let database = link.split("db=").nth(1).expect("the link names the database");
    let forge = "const [url, done] = arguments; \
        const doc = { _id: 'entry:forged', _rev: '1-0123456789abcdef0123456789abcdef', \
                      type: 'entry', author: 'lead', entry: {} }; \
        fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, \
                     body: JSON.stringify({ new_edits: false, docs: [doc] }) }) \
          .then((r) => r.json()).then(done, (e) => done(String(e)));";
    let url = format!("{}/{database}/_bulk_docs", couch.url);
    let answer = responder.client.execute_async(forge, vec![url.into()]).await.expect("send a forged entry");
    assert_eq!(answer[0]["error"], "forbidden", "{answer}");
    assert_eq!(answer[0]["reason"], "The author must be the signed-in writer.");

    // A reload keeps everything, on both sides.
    responder.reload().await;
    assert_eq!(timeline_of(&responder, 9).await, converged);
    eventually("the ticked step after a reload", || async { responder.is_checked(FIRST_STEP).await.then_some(()) })
        .await;
    lead.reload().await;
    assert_eq!(timeline_of(&lead, 9).await, converged);

    // A viewer joins from the same link in the responder's place after the
    // responder stops sharing: they read everything, and what they write is
    // refused by the server, stays here, and waits with the reason.
    responder.press("Stop sharing").await;
    responder.wait_text("no longer shared from this browser").await;
    let viewer_browser = Browser::start().await;
    let viewer = App { client: &viewer_browser.client, base: base.clone() };
    join(&viewer, &link, VIEWER).await;
    viewer.heading("Payments API timing out").await;
    assert_eq!(timeline_of(&viewer, 9).await, converged);
    viewer.add_entry("Viewer: trying to write", None).await;
    viewer.wait_text("Only writers may add to this incident").await;
    lead.reload().await;
    assert_eq!(timeline_of(&lead, 9).await, converged, "the server refused the viewer's entry");

    drop(couch);
}

/// The names of the Web Locks the page's origin holds, and of those waited for.
async fn locks(app: &App<'_>) -> (Vec<String>, Vec<String>) {
    let script = "const done = arguments[0]; navigator.locks.query().then( \
        (s) => done([s.held.map((l) => l.name), s.pending.map((l) => l.name)]), (e) => done(String(e)));";
    let answer = app.client.execute_async(script, vec![]).await.expect("query the locks");
    let names = |value: &serde_json::Value| -> Vec<String> {
        let names = value.as_array().unwrap_or_else(|| panic!("lock names, not {answer}"));
        names.iter().filter_map(|n| n.as_str()).filter(|n| n.starts_with("sitrep-sync:")).map(str::to_owned).collect()
    };
    (names(&answer[0]), names(&answer[1]))
}

/// Waits until the timeline holds an entry reading `text`.
async fn shows(app: &App<'_>, text: &str) {
    eventually(&format!("the entry {text:?}"), || async {
        app.timeline("Timeline").await.iter().any(|e| e == text).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_runs_one_replication_loop_however_many_tabs_show_the_incident() {
    let base = server::serve(dist()).await;
    let couch = Couch::start(&base);
    let (lead_browser, responder_browser) = (Browser::start().await, Browser::start().await);
    let lead = App { client: &lead_browser.client, base: base.clone() };
    let responder = App { client: &responder_browser.client, base: base.clone() };

    share_and_join(&lead, &responder, &couch, "Sign-in errors", "SEV2").await;
    let page = lead.client.current_url().await.expect("the incident's address");

    // A second tab of the lead's browser on the same incident: it waits for the
    // first tab's lock and shows the status that tab's loop posts.
    let first = lead.client.window().await.expect("the first tab");
    let second = lead.client.new_window(true).await.expect("a second tab").handle;
    lead.client.switch_to_window(second.clone()).await.expect("go to the second tab");
    lead.client.goto(page.as_str()).await.expect("open the incident");
    lead.heading("Sign-in errors").await;
    lead.wait_text("Synced ").await;
    let (held, pending) = locks(&lead).await;
    assert_eq!(held.len(), 1, "one loop runs: {held:?}");
    assert_eq!(pending, held, "the second tab waits for the same lock");

    // What the second tab writes is sent by the first tab's loop.
    lead.add_entry("Second tab: restarted the sign-in service", None).await;
    shows(&responder, "Second tab: restarted the sign-in service").await;

    // The first tab closes: the second takes the loop over, both ways.
    lead.client.switch_to_window(first).await.expect("back to the first tab");
    lead.client.close_window().await.expect("close the first tab");
    lead.client.switch_to_window(second).await.expect("the second tab");
    eventually("the second tab holding the lock", || async {
        let (held, pending) = locks(&lead).await;
        (held.len() == 1 && pending.is_empty()).then_some(())
    })
    .await;
    lead.add_entry("Second tab: alone now", None).await;
    shows(&responder, "Second tab: alone now").await;
    responder.add_entry("Responder: errors gone", None).await;
    shows(&lead, "Responder: errors gone").await;
    lead.wait_text("Synced ").await;

    drop(couch);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_a_long_incident_shows_how_much_has_arrived_page_by_page() {
    let base = server::serve(dist()).await;
    let couch = RefCell::new(Couch::start(&base));
    // On the server: the sample incident with more entries than one page of the
    // changes feed, sent by its writer.
    let (writer, _, id) = protocol::shared(&couch, PAGE as u64 + 20).await;
    let database = docs::database_of(id);
    let total = round(&writer, &protocol::native(&couch, &database, WRITER), id, support::at(40)).await.unwrap().sent;
    // The responder joins through a door that holds the second page.
    let gate = Gate::start(&couch.borrow(), PAGED_READ, 2);
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base: base.clone() };
    join(&app, &format!("{base}/join?server={}&db={database}", gate.url), VIEWER).await;

    // The first page is stored, the second one held: the page says how much is here.
    let status = app.wait_text("received so far").await;
    assert_eq!(status.attr("role").await.unwrap().as_deref(), Some("status"), "a live region says it");
    let shown = status.text().await.expect("the count");
    let count: usize =
        shown.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{shown}"));
    assert!(0 < count && count < total, "part of {total} arrived: {shown:?}");
    eventually("the second page held", || async { (gate.held() == 1).then_some(()) }).await;
    assert_eq!(status.text().await.expect("the count"), shown, "nothing more came meanwhile");
    app.wait_text("Joining…").await;

    // The rest comes; the incident opens with every entry.
    gate.open();
    app.heading("Checkout returns 502").await;
    let last = format!("Note {}", PAGE + 19);
    eventually("the newest note", || async { app.timeline("Timeline").await.iter().any(|e| e == &last).then_some(()) })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_a_long_incident_counts_down_what_waits_batch_by_batch() {
    let base = server::serve(dist()).await;
    let couch = Couch::start(&base);
    // A responder's incident file with more entries than two batches.
    let workspace = support::Workspace::sample();
    let id = workspace.incident.id();
    let mut timeline = workspace.timeline();
    for n in 0..(2 * BATCH as u64 - 20) {
        timeline.push(support::note(id, 100_000 + n, 25, 25, &format!("Note {n}")));
    }
    let entries = timeline.len();
    let bundle = IncidentBundle::new(workspace.incident.clone(), timeline, Vec::new(), None).unwrap();
    let file = std::env::temp_dir().join(format!("sitrep-e2e-long-{}.json", std::process::id()));
    std::fs::write(&file, export_json(&bundle, support::at(40))).expect("write the file");

    let browser = Browser::start().await;
    let lead = App { client: &browser.client, base: base.clone() };
    lead.open("/").await;
    lead.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose");
    lead.wait_text("Imported “Checkout returns 502”").await;
    lead.follow("Open the imported incident").await;

    // Shared through a door that holds the second batch: the first one is on
    // the server, and the count says what still waits.
    let gate = Gate::start(&couch, BATCH_SENT, 2);
    lead.fill("Server address", &gate.url).await;
    lead.fill("User name", LEAD.0).await;
    lead.fill("Password", LEAD.1).await;
    lead.press("Share with the team").await;
    // The incident's own document and every entry wait; one batch has gone.
    let left = format!("{} changes waiting to be sent", entries + 1 - BATCH);
    let status = lead.wait_text(&left).await;
    assert_eq!(status.attr("role").await.unwrap().as_deref(), Some("status"), "a live region says it");
    // The next batch is asked about, then held: the count stays.
    eventually("the second batch held", || async { (gate.held() == 1).then_some(()) }).await;
    assert_eq!(status.text().await.expect("the count"), left, "nothing more went meanwhile");

    gate.open();
    lead.wait_text("Synced ").await;
    let _ = std::fs::remove_file(file);
}
