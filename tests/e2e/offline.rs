//! The app with its host gone: offline after the first visit, a new version on
//! the user's word, installable, and no request outside its own origin.

use crate::browser::{cdp, network, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::Locator;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Waits until the service worker controls the page, so that what it precached
/// can serve the next page load.
async fn wait_for_worker(app: &App<'_>) {
    eventually("the service worker in control", || async {
        let script = "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);";
        (app.client.execute(script, vec![]).await.ok()? == Value::Bool(true)).then_some(())
    })
    .await;
}

/// A second build: `dist/` copied, with one more element in its page, finished
/// again by the build's own post-build step (the CSP hash, the precache list).
fn second_build(test: &str) -> PathBuf {
    let copy = std::env::temp_dir().join(format!("sitrep-e2e-second-build-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&dist(), &copy);
    let index = copy.join("index.html");
    let page = std::fs::read_to_string(&index).expect("read the copied index.html");
    let marked = page.replacen("</head>", r#"<meta name="sitrep-e2e-build" content="second"></head>"#, 1);
    assert_ne!(page, marked, "index.html has a </head>");
    std::fs::write(&index, marked).expect("write the second build's index.html");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/finish-build.mjs");
    let finished = std::process::Command::new("node")
        .arg(&script)
        .arg(&copy)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("node must be installed (scripts/ensure-tools)");
    assert!(finished.success(), "scripts/finish-build.mjs failed on the second build");
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Whether the page running is the second build's.
async fn runs_second_build(app: &App<'_>) -> bool {
    let script = "return document.querySelector('meta[name=\"sitrep-e2e-build\"]') !== null;";
    app.client.execute(script, vec![]).await.ok() == Some(Value::Bool(true))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_with_the_host_gone_and_updates_on_the_users_word() {
    let mut host = server::Host::start(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base: host.base.clone() };

    // The first visit, with the host up: an incident to come back to.
    app.open("/").await;
    wait_for_worker(&app).await;
    app.declare_incident("Primary database unreachable", "SEV2").await;
    let incident = app.client.current_url().await.expect("url").path().to_owned();
    app.add_entry("Failover started", None).await;

    // The host is gone and the browser is offline.
    host.stop().await;
    network(app.client, false).await;

    // A reload of the incident's own address: the incident and its entries.
    app.reload().await;
    app.heading("Primary database unreachable").await;
    eventually("the entries after an offline reload", || async {
        app.timeline("Timeline").await.contains(&"Failover started".to_owned()).then_some(())
    })
    .await;

    // The list, then a cold start on the installed app's "Declare incident"
    // shortcut: the title field has the focus, so typing a title (one), picking
    // SEV1 (two) and "Declare incident" (three) declare a SEV1, whose checklist
    // is on screen.
    app.follow("Incidents").await;
    app.section("Open incidents").await;
    app.wait_text("Primary database unreachable").await;
    app.open("/?declare").await;
    let focused = eventually("the title field focused", || async {
        let focused = app.client.active_element().await.ok()?;
        (focused.attr("id").await.ok()?? == "incident-title").then_some(focused)
    })
    .await;
    assert_eq!(app.field("Incident title").await.attr("id").await.expect("id"), Some("incident-title".into()));
    focused.send_keys("Checkout down in every region").await.expect("type the title");
    app.choose("SEV1").await;
    app.press("Declare incident").await;
    app.heading("Checkout down in every region").await;
    app.wait_text("SEV1").await;
    app.section("Checklists").await;
    app.wait_text("Major incident").await;
    app.wait_text("Name an incident lead who runs the response and makes the calls").await;
    let sev1 = app.client.current_url().await.expect("url").path().to_owned();

    // An entry, a reload: all there, still offline.
    app.add_entry("Paged the incident lead", None).await;
    app.reload().await;
    app.heading("Checkout down in every region").await;
    eventually("the SEV1's entry after an offline reload", || async {
        app.timeline("Timeline").await.contains(&"Paged the incident lead".to_owned()).then_some(())
    })
    .await;
    app.section("Checklists").await;
    app.open(&incident).await;
    app.heading("Primary database unreachable").await;
    assert!(!runs_second_build(&app).await);

    // A responder is typing when the host comes back with a new build.
    let draft = "Replica promoted in eu-west";
    app.field("New timeline entry").await.send_keys(draft).await.expect("type a draft");
    let second = second_build("offline");
    host.serve(second.clone()).await;
    network(app.client, true).await;

    // The notice appears, and the typing goes on untouched: same field, same text.
    app.wait_text("A new version of Sitrep is ready").await;
    let focused = app.client.active_element().await.expect("focused element");
    assert_eq!(focused.attr("id").await.expect("id"), app.field("New timeline entry").await.attr("id").await.unwrap());
    assert_eq!(focused.prop("value").await.expect("value"), Some(draft.to_owned()));
    assert!(!runs_second_build(&app).await, "the new version must wait for the user's word");
    app.snapshot("update-notice").await;

    // Accepted, the new version runs, with the data intact.
    app.press("Update now").await;
    eventually("the second build running", || async { runs_second_build(&app).await.then_some(()) }).await;
    app.heading("Primary database unreachable").await;
    eventually("the entries after the update", || async {
        app.timeline("Timeline").await.contains(&"Failover started".to_owned()).then_some(())
    })
    .await;

    // The new version is the one kept for offline use.
    host.stop().await;
    network(app.client, false).await;
    app.open(&sev1).await;
    app.heading("Checkout down in every region").await;
    assert!(runs_second_build(&app).await, "offline, the second build is served");
    eventually("the SEV1's entry on the second build", || async {
        app.timeline("Timeline").await.contains(&"Paged the incident lead".to_owned()).then_some(())
    })
    .await;

    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(second);
}

/// The host goes down while the browser stays online (no `online` event will
/// come): the tab opened then cannot reach the host when it checks, and finds
/// the new build when it is back, without a reload, by checking again; a build
/// that fails to install (a file of it missing) is looked for again too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_a_new_version_when_the_host_is_back_and_the_network_never_went() {
    let mut host = server::Host::start(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base: host.base.clone() };
    app.open("/").await;
    wait_for_worker(&app).await;
    app.declare_incident("Login page times out", "SEV3").await;

    // The host is gone; the reloaded page comes from the service worker. The
    // tab's first check, 10 s after it opened, finds no host.
    host.stop().await;
    app.reload().await;
    app.heading("Login page times out").await;
    tokio::time::sleep(std::time::Duration::from_secs(12)).await;

    // The host is back, with a build whose page is missing: its worker fails
    // to install, and the tab stays on its version, saying nothing.
    let broken = second_build("broken");
    // Its page is the file that changed (the others are taken from the cache).
    std::fs::remove_file(broken.join("index.html")).expect("remove the broken build's page");
    let failed = "window.installs = []; navigator.serviceWorker.getRegistration().then((registration) => \
                  registration.addEventListener('updatefound', () => { const worker = registration.installing; \
                  worker.addEventListener('statechange', () => window.installs.push(worker.state)); }));";
    app.client.execute(failed, vec![]).await.expect("follow the installs");
    host.serve(broken.clone()).await;
    eventually("the broken build's install failed", || async {
        let states = app.client.execute("return window.installs;", vec![]).await.ok()?;
        states.as_array()?.contains(&Value::from("redundant")).then_some(())
    })
    .await;
    assert!(!app.client.source().await.expect("the page").contains("A new version of Sitrep is ready"));

    // Then with a whole new build: the tab looks again, and says so.
    let second = second_build("host-back");
    host.serve(second.clone()).await;
    app.wait_text("A new version of Sitrep is ready").await;
    assert!(!runs_second_build(&app).await, "the new version must wait for the user's word");
    app.press("Update now").await;
    eventually("the second build running", || async { runs_second_build(&app).await.then_some(()) }).await;
    app.heading("Login page times out").await;

    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(second);
    let _ = std::fs::remove_dir_all(broken);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installable_and_no_request_leaves_the_origin() {
    let base = server::serve(dist()).await;
    let browser = Browser::start_logging_requests().await;
    let app = App { client: &browser.client, base: base.clone() };

    app.open("/").await;
    wait_for_worker(&app).await;
    let report = cdp(app.client, "Page.getInstallabilityErrors", json!({})).await;
    let errors = report["installabilityErrors"].as_array().expect("Chromium's installability report").clone();
    assert!(errors.is_empty(), "Chromium reports installability errors: {errors:#?}");

    // Every screen, an incident and the manifest's shortcut.
    app.declare_incident("Status page stale", "SEV3").await;
    app.add_entry("Cache purged", None).await;
    for (link, heading) in [
        ("Runbooks", "Runbooks"),
        ("Service catalog", "Service catalog"),
        ("Remediation plan", "Remediation plan"),
        ("Settings", "Settings"),
    ] {
        app.follow(link).await;
        app.heading(heading).await;
    }
    app.open("/?declare").await;
    app.wait_for(Locator::Id("incident-title"), "the declaration form").await;

    // The app's documents asked for nothing outside the origin (the browser's own
    // new-tab page, open before the first visit, is not the app's).
    let origin = format!("{base}/");
    let requested: Vec<_> =
        browser.requested().await.into_iter().filter(|(document, _)| document.starts_with(&origin)).collect();
    assert!(requested.len() > 3, "the log holds the app's requests: {requested:#?}");
    // `data:` addresses (the browser's own date picker icon) carry their content
    // and go nowhere.
    let local = |url: &str| url.starts_with(&origin) || url.starts_with("data:");
    let outside: Vec<_> = requested.iter().filter(|(_, url)| !local(url)).collect();
    assert!(outside.is_empty(), "requests outside {base}: {outside:#?}");

    browser.client.clone().close().await.expect("close the browser");
}
