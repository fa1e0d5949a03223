//! Page objects: the app as a user sees it, found by labels, roles and text.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use std::future::Future;
use std::time::{Duration, Instant};

/// How long a step may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// Retries `attempt` until it returns `Some`, or fails the test after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, mut attempt: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(value) = attempt().await {
            return value;
        }
        assert!(started.elapsed() < PATIENCE, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Quotes a string for XPath 1.0, which has no escape for quotes.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("concat('{}')", text.split('\'').collect::<Vec<_>>().join("', \"'\", '"))
    }
}

/// The Sitrep app open in a browser.
pub struct App<'a> {
    pub client: &'a Client,
    pub base: String,
}

impl App<'_> {
    /// Opens `path` and waits for the app to show a top-level heading.
    pub async fn open(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("navigate");
        self.wait_for(Locator::XPath("//h1"), "a page heading").await;
    }

    /// Reloads the page and waits for the app to come back.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for(Locator::XPath("//h1"), "a page heading after reload").await;
    }

    pub async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Element {
        eventually(what, || async { self.client.find(locator).await.ok() }).await
    }

    /// Clicks the element at `locator` once it is there. A page that redraws between
    /// finding and clicking gives a stale element; the click is then tried again on
    /// the element as it is now. A failed click clicked nothing, so no retry doubles one.
    pub async fn click(&self, locator: Locator<'_>, what: &str) {
        eventually(what, || async { self.client.find(locator).await.ok()?.click().await.ok() }).await;
    }

    /// Waits for a top-level heading containing `text`.
    pub async fn heading(&self, text: &str) -> Element {
        let xpath = format!("//h1[contains(normalize-space(.), {})]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("heading {text:?}")).await
    }

    /// Waits for a second-level heading reading exactly `text`.
    pub async fn section(&self, text: &str) -> Element {
        let xpath = format!("//h2[normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("section {text:?}")).await
    }

    /// The form control whose label reads exactly `label`.
    pub async fn field(&self, label: &str) -> Element {
        eventually(&format!("a control labelled {label:?}"), || self.field_now(label)).await
    }

    /// The form control labelled `label` as the page is now, if there is one.
    async fn field_now(&self, label: &str) -> Option<Element> {
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        let id = self.client.find(Locator::XPath(&xpath)).await.ok()?.attr("for").await.ok()??;
        self.client.find(Locator::Id(&id)).await.ok()
    }

    /// The control whose accessible name is `name` given by `aria-label` (a
    /// field of a table row, named by its column and its row).
    pub async fn named(&self, name: &str) -> Element {
        let xpath = format!("//*[@aria-label={}]", xpath_literal(name));
        self.wait_for(Locator::XPath(&xpath), &format!("a control named {name:?}")).await
    }

    /// Types into the field labelled `label`, replacing what it held. A redraw
    /// while typing starts the field over.
    pub async fn fill(&self, label: &str, text: &str) {
        eventually(&format!("typing into {label:?}"), || async {
            let field = self.field_now(label).await?;
            field.clear().await.ok()?;
            field.send_keys(text).await.ok()
        })
        .await;
    }

    /// Sets a date-time field by its label, as its picker would.
    pub async fn set_date_time(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        let element = serde_json::to_value(&field).expect("element reference");
        self.client
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![element, value.into()],
            )
            .await
            .expect("set date-time");
    }

    /// Clicks the button whose text reads exactly `name`.
    pub async fn press(&self, name: &str) {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(name));
        self.click(Locator::XPath(&xpath), &format!("button {name:?}")).await;
    }

    /// Clicks the button whose accessible name (`aria-label`) is exactly `name`.
    pub async fn press_labelled(&self, name: &str) {
        let xpath = format!("//button[@aria-label={}]", xpath_literal(name));
        self.click(Locator::XPath(&xpath), &format!("button {name:?}")).await;
    }

    /// Clicks the button named `name` inside the form that holds the field labelled
    /// `label`, for forms that repeat the same button.
    pub async fn press_in_form(&self, label: &str, name: &str) {
        let xpath = format!(
            "//form[.//label[normalize-space(.)={}]]//button[normalize-space(.)={}]",
            xpath_literal(label),
            xpath_literal(name)
        );
        self.click(Locator::XPath(&xpath), &format!("button {name:?} near {label:?}")).await;
    }

    /// Clicks the control labelled `label`: ticks a checkbox, picks a radio button.
    pub async fn tick(&self, label: &str) {
        eventually(&format!("a click on {label:?}"), || async { self.field_now(label).await?.click().await.ok() })
            .await;
    }

    /// Whether the checkbox labelled `label` is ticked.
    pub async fn is_checked(&self, label: &str) -> bool {
        self.field(label).await.prop("checked").await.expect("read checked").as_deref() == Some("true")
    }

    /// Presses each key of `keys` in turn on whatever has the focus.
    pub async fn keys(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for key in keys.chars() {
            actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.expect("press keys");
    }

    /// Opens the disclosure (`<details>`) whose summary reads exactly `summary`.
    pub async fn disclose(&self, summary: &str) {
        let xpath = format!("//details[not(@open)]/summary[normalize-space(.)={}]", xpath_literal(summary));
        self.click(Locator::XPath(&xpath), &format!("disclosure {summary:?}")).await;
    }

    /// Follows the link whose text reads exactly `name`.
    pub async fn follow(&self, name: &str) {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(name));
        self.click(Locator::XPath(&xpath), &format!("link {name:?}")).await;
    }

    /// Picks the radio button whose label starts with `label`.
    pub async fn choose(&self, label: &str) {
        let xpath = format!("//label[starts-with(normalize-space(.), {})]", xpath_literal(label));
        self.click(Locator::XPath(&xpath), &format!("choice {label:?}")).await;
    }

    /// Picks `option` in the drop-down labelled `label`.
    pub async fn select(&self, label: &str, option: &str) {
        self.field(label).await.select_by_label(option).await.expect("select option");
    }

    /// Picks `status` in the incident's status list and sets it with the button;
    /// resolving and closing are confirmed (closing whether or not the review
    /// meeting is scheduled).
    pub async fn set_status(&self, status: &str) {
        self.select("Status", status).await;
        self.press("Change status").await;
        let confirm = match status {
            "Resolved" => "//button[normalize-space(.)='Resolve']",
            "Closed" => {
                "//button[normalize-space(.)='Close the incident' or normalize-space(.)='Close without a scheduled review']"
            }
            _ => return,
        };
        self.click(Locator::XPath(confirm), &format!("the confirmation of {status:?}")).await;
    }

    /// Waits until some element's own text contains `text`, and returns it.
    pub async fn wait_text(&self, text: &str) -> Element {
        let xpath = format!("//*[contains(text(), {})]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("text {text:?}")).await
    }

    /// Reads the text of the status message that belongs to a form.
    pub async fn wait_status(&self, text: &str) {
        let xpath = format!("//*[@role='status' and normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("status {text:?}")).await;
    }

    /// Declares an incident from the incident list and waits for its page.
    pub async fn declare_incident(&self, title: &str, severity: &str) {
        self.fill("Incident title", title).await;
        self.choose(severity).await;
        self.press("Declare incident").await;
        self.heading(title).await;
    }

    /// Writes a timeline entry and adds it with Enter, optionally back-dated.
    pub async fn add_entry(&self, text: &str, happened_at: Option<&str>) {
        if let Some(at) = happened_at {
            self.set_date_time("Happened at (optional)", at).await;
        }
        let field = self.field("New timeline entry").await;
        field.send_keys(text).await.expect("type entry");
        field.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
        self.wait_status("Saved").await;
    }

    /// The texts of the timeline's entries, top to bottom, under the list's
    /// accessible name `name`.
    pub async fn timeline(&self, name: &str) -> Vec<String> {
        self.texts(&format!("//ol[@aria-label={}]/li/p", xpath_literal(name))).await
    }

    /// The rendered text of every element `xpath` finds, read in one step, so a
    /// redraw half-way through cannot leave a stale element behind.
    pub async fn texts(&self, xpath: &str) -> Vec<String> {
        let script = "const found = document.evaluate(arguments[0], document, null, \
            XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null); \
            return Array.from({length: found.snapshotLength}, (_, i) => found.snapshotItem(i).innerText.trim());";
        let value = self.client.execute(script, vec![xpath.into()]).await.expect("read texts");
        serde_json::from_value(value).expect("a list of texts")
    }

    /// Saves a screenshot as `<name>.png` into the folder named by the environment
    /// variable `SITREP_SCREENSHOTS`, when it is set; for looking at the screens.
    pub async fn snapshot(&self, name: &str) {
        let Ok(folder) = std::env::var("SITREP_SCREENSHOTS") else {
            return;
        };
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        std::fs::write(std::path::Path::new(&folder).join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// The document's `lang` attribute.
    pub async fn lang(&self) -> String {
        let value = self.client.execute("return document.documentElement.lang;", vec![]).await.expect("read lang");
        value.as_str().unwrap_or_default().to_owned()
    }
}
