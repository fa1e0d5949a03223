//! The team workspace end to end: two browser profiles follow one team database
//! on a real CouchDB-protocol server (pouchdb-server, `couch.rs`, set up with the
//! README's command). The admin adds catalog components; the member sees them,
//! also after a reload and offline, marked "Managed by the team" with no way to
//! change them, and a write forged from the member's browser is refused by the
//! server.

use crate::browser::{network, Browser};
use crate::catalog::catalog_row;
use crate::couch::{Couch, VIEWER, WRITER};
use crate::pages::App;
use crate::{dist, server};
use fantoccini::Locator;

/// Connects to the team `ops` on the settings page as `user`.
async fn connect(app: &App<'_>, couch: &Couch, (user, password): (&str, &str)) {
    app.open("/settings").await;
    app.section("Team workspace").await;
    app.fill("Server address", &couch.url).await;
    app.fill("Team name", "ops").await;
    app.fill("User name", user).await;
    app.fill("Password", password).await;
    app.press("Connect to the team workspace").await;
    app.wait_text(&format!("Following the team workspace sitrep-team-ops on {} as {user}.", couch.url)).await;
}

/// Whether a button labelled `label` is on the page.
async fn has_button(app: &App<'_>, label: &str) -> bool {
    let xpath = format!("//button[@aria-label='{label}']");
    !app.client.find_all(Locator::XPath(&xpath)).await.expect("look for a button").is_empty()
}

/// Adds a component with an owner team on the catalog page.
async fn add_component(app: &App<'_>, name: &str, owner: &str) {
    app.open("/catalog").await;
    app.press("Add component").await;
    app.fill("Component name", name).await;
    app.fill("Owner team", owner).await;
    app.press("Save component").await;
    app.wait_status(&format!("Saved {name}.")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admins_catalog_reaches_a_member_read_only_also_after_reload_and_offline() {
    let base = server::serve(dist()).await;
    let couch = Couch::start(&base);
    couch.setup_team("ops", &[WRITER.0], &[VIEWER.0]);
    let (admin_browser, member_browser) = (Browser::start().await, Browser::start().await);
    let admin = App { client: &admin_browser.client, base: base.clone() };
    let member = App { client: &member_browser.client, base: base.clone() };

    // A team that does not exist says so; the admin connects to the real one.
    admin.open("/settings").await;
    admin.fill("Server address", &couch.url).await;
    admin.fill("Team name", "nobody").await;
    admin.fill("User name", WRITER.0).await;
    admin.fill("Password", WRITER.1).await;
    admin.press("Connect to the team workspace").await;
    admin.wait_text("The server has no such team workspace.").await;
    connect(&admin, &couch, WRITER).await;
    admin.wait_text("You are an admin of this team workspace").await;
    admin.wait_text("Synced ").await;

    // The admin adds a component; it stays editable for them.
    add_component(&admin, "Payments API", "Payments team").await;
    assert!(has_button(&admin, "Edit Payments API").await, "the admin edits the team's catalog");

    // The member connects and receives it, read-only.
    connect(&member, &couch, VIEWER).await;
    member.wait_text("You are a member of this team workspace").await;
    member.open("/catalog").await;
    let row = catalog_row(&member, "Payments API").await;
    assert!(row.contains("Payments team") && row.contains("Managed by the team"), "{row}");
    assert!(!has_button(&member, "Edit Payments API").await, "no Edit for the member");
    assert!(!has_button(&member, "Remove Payments API").await, "no Remove for the member");

    // What the admin adds later arrives on its own (the feed is followed).
    add_component(&admin, "Search", "Discovery team").await;
    let row = catalog_row(&member, "Search").await;
    assert!(row.contains("Managed by the team"), "{row}");

    // A reload keeps it; offline too, from this browser's own store.
    member.reload().await;
    assert!(catalog_row(&member, "Payments API").await.contains("Managed by the team"));
    network(member.client, false).await;
    member.reload().await;
    let row = catalog_row(&member, "Search").await;
    assert!(row.contains("Discovery team") && row.contains("Managed by the team"), "offline: {row}");
    network(member.client, true).await;

    // A write forged from the member's browser, with its session, is refused by
    // the server's rule.
    let forge = "const [url, done] = arguments; \
        const doc = { type: 'component', author: 'vic', data: { id: 'forged', name: 'Forged' } }; \
        fetch(url, { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, \
                     body: JSON.stringify(doc) }) \
          .then((r) => r.json().then((body) => done([r.status, body])), (e) => done(String(e)));";
    let url = format!("{}/sitrep-team-ops/component%2Fforged", couch.url);
    let answer = member.client.execute_async(forge, vec![url.into()]).await.expect("send a forged component");
    assert_eq!(answer[0], 403, "{answer}");
    assert_eq!(answer[1]["reason"], "Only the team's admins change the team workspace; you can read it.");

    // The admin's page never shows the forged component.
    admin.reload().await;
    catalog_row(&admin, "Search").await;
    let forged = admin.client.find_all(Locator::XPath("//th[starts-with(normalize-space(.), 'Forged')]")).await;
    assert!(forged.expect("look for it").is_empty(), "the forged component is nowhere");
}
