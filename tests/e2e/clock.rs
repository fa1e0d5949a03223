//! The page's clock, held by the test.
//!
//! The app reads the time only through JavaScript's `Date`: chrono's `Utc::now` and
//! `Local::now` are `new Date()` in the browser. [`PageClock::install`] replaces `Date`
//! in every document the session opens, before any of the page's own scripts run
//! (`Page.addScriptToEvaluateOnNewDocument`, sent through ChromeDriver's CDP
//! endpoint), with one that reads a time the test chose. That time stands still
//! until the test moves it, so a countdown or a duration on screen is exactly what
//! the test expects, however long the steps in between took, and it survives a
//! reload. Dates built from a value (`new Date(ms)`, `Date.UTC`) are untouched.

use crate::browser::cdp;
use chrono::{DateTime, Duration, Utc};
use fantoccini::Client;
use serde_json::json;

/// The clock every page of one browser session reads.
pub struct PageClock<'a> {
    client: &'a Client,
    at: DateTime<Utc>,
    /// ChromeDriver's identifier of the script that sets `Date` up in new documents.
    script: Option<String>,
}

impl<'a> PageClock<'a> {
    /// Stops the clock of every page `client` opens from now on at `at`. Call it
    /// before the first page is opened.
    pub async fn install(client: &'a Client, at: DateTime<Utc>) -> PageClock<'a> {
        let mut clock = PageClock { client, at, script: None };
        clock.set(at).await;
        clock
    }

    /// Moves the clock on by `by` (or back, if negative), in the open page and in
    /// every page opened later.
    pub async fn advance(&mut self, by: Duration) {
        self.set(self.at + by).await;
    }

    /// Sets the clock to `at`, in the open page and in every page opened later.
    pub async fn set(&mut self, at: DateTime<Utc>) {
        self.at = at;
        let millis = at.timestamp_millis();
        if let Some(identifier) = self.script.take() {
            cdp(self.client, "Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": identifier })).await;
        }
        let source = format!(
            "(() => {{ \
               const Real = window.__sitrepRealDate || Date; \
               window.__sitrepRealDate = Real; \
               window.__sitrepNow = {millis}; \
               window.Date = class extends Real {{ \
                 constructor(...a) {{ if (a.length === 0) {{ super(window.__sitrepNow); }} else {{ super(...a); }} }} \
                 static now() {{ return window.__sitrepNow; }} \
               }}; \
             }})();"
        );
        let added = cdp(self.client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
        let identifier = added["identifier"].as_str().expect("an identifier for the clock script").to_owned();
        self.script = Some(identifier);
        // The open page, if it already reads the test's clock, moves with it.
        let script = "if (window.__sitrepRealDate) { window.__sitrepNow = arguments[0]; }";
        self.client.execute(script, vec![millis.into()]).await.expect("move the page's clock");
    }
}
