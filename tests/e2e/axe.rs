//! axe-core, the accessibility checker (the npm package, installed by `npm ci`),
//! run on every page of the app in English and in Traditional Chinese, in the
//! light and the dark colour scheme: no violation. Its rule that a control's
//! accessible name contains its visible text is switched on too, so a voice
//! control user who says a button's words finds it in both languages. On each of
//! those pages the page's Content-Security-Policy refuses nothing the app does
//! (a refused style attribute, say, would silently not apply).

use crate::browser::{cdp, keep_policy_refusals, policy_refusals, Browser};
use crate::cockpit::every_page;
use crate::pages::{eventually, App};
use crate::{dist, server};
use serde_json::json;
use std::path::PathBuf;

/// axe-core's browser build, as `npm ci` installs it.
pub(crate) fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}; run npm ci", path.display()))
}

/// Runs axe-core on the page as it is and returns its violations, one line each:
/// the rule, its help text and the elements it found.
pub(crate) async fn violations(app: &App<'_>, source: &str) -> Vec<String> {
    // A script run through WebDriver is not the page's, so the page's policy
    // does not stop it.
    app.client.execute(source, vec![]).await.expect("load axe-core");
    let script = "const done = arguments[arguments.length - 1]; \
        axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } }) \
          .then(r => done(r.violations.map(v => `${v.id} (${v.help}): ` + \
            v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | '))), \
            e => done([`axe failed: ${e}`]));";
    let value = app.client.execute_async(script, vec![]).await.expect("run axe-core");
    serde_json::from_value(value).expect("a list of violations")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_any_page_in_either_language_or_colour_scheme() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    let source = axe_source();
    keep_policy_refusals(app.client).await;
    let pages = every_page(&app).await;
    let mut found = Vec::new();
    for (language, choice) in [("en", "English"), ("zh-TW", "繁體中文")] {
        app.open("/settings").await;
        let label = if app.lang().await == "en" { "Language" } else { "語言" };
        app.select(label, choice).await;
        eventually("the language switched", || async { (app.lang().await == language).then_some(()) }).await;
        for scheme in ["light", "dark"] {
            let features = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
            cdp(app.client, "Emulation.setEmulatedMedia", features).await;
            app.open("/").await;
            let background = app
                .client
                .execute("return getComputedStyle(document.body).backgroundColor;", vec![])
                .await
                .expect("read the background");
            let expected = if scheme == "dark" { "rgb(20, 23, 27)" } else { "rgb(255, 255, 255)" };
            assert_eq!(background.as_str(), Some(expected), "the {scheme} scheme's background");
            for page in &pages {
                app.open(page).await;
                let name = match page.trim_start_matches('/') {
                    "" => "incidents".to_owned(),
                    path => path.replace('/', "-"),
                };
                app.snapshot(&format!("{name}-{language}-{scheme}")).await;
                for violation in violations(&app, &source).await {
                    found.push(format!("{page} in {language}, {scheme}: {violation}"));
                }
                for refused in policy_refusals(app.client).await {
                    found.push(format!("{page} in {language}, {scheme}: the policy refused {refused}"));
                }
            }
            // What shows on demand: the incident's shortcuts, the review's time axis.
            app.open(&pages[7]).await;
            app.keys("?").await;
            app.section(if language == "en" { "Keyboard shortcuts" } else { "鍵盤快速鍵" }).await;
            for violation in violations(&app, &source).await {
                found.push(format!("{} with its shortcuts, in {language}, {scheme}: {violation}", pages[7]));
            }
            app.open(&pages[8]).await;
            app.press(if language == "en" { "Milestones on a time axis" } else { "時間軸上的里程碑" }).await;
            app.wait_for(fantoccini::Locator::XPath("//figure//*[local-name()='svg']"), "the time axis").await;
            app.snapshot(&format!("review-axis-{language}-{scheme}")).await;
            for violation in violations(&app, &source).await {
                found.push(format!("{} with its time axis, in {language}, {scheme}: {violation}", pages[8]));
            }
            for refused in policy_refusals(app.client).await {
                found.push(format!(
                    "{} with its time axis, in {language}, {scheme}: the policy refused {refused}",
                    pages[8]
                ));
            }
        }
    }
    assert!(found.is_empty(), "axe-core found {} violations:\n{}", found.len(), found.join("\n"));

    browser.client.clone().close().await.expect("close the browser");
}
