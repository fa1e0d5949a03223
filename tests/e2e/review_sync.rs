//! A shared review end to end: two browsers edit the same section while one is
//! offline; when it is back, both show the conflict with both texts, and the
//! choice made in one browser is the text in both, after a reload too.

use crate::axe::{axe_source, violations};
use crate::browser::{network, Browser};
use crate::couch::{Couch, LEAD, WRITER};
use crate::pages::{eventually, App};
use crate::sync::{page_text, share_and_join, value_of};
use crate::{dist, server};
use fantoccini::key::Key;

/// The app's server, a CouchDB server for it, and two browsers: the lead's and
/// the responder's.
struct Two {
    base: String,
    couch: Couch,
    lead: Browser,
    responder: Browser,
}

impl Two {
    async fn start() -> Self {
        let base = server::serve(dist()).await;
        let couch = Couch::start(&base);
        let (lead, responder) = (Browser::start().await, Browser::start().await);
        Self { base, couch, lead, responder }
    }

    /// The app in the lead's browser and in the responder's.
    fn apps(&self) -> (App<'_>, App<'_>) {
        let lead = App { client: &self.lead.client, base: self.base.clone() };
        (lead, App { client: &self.responder.client, base: self.base.clone() })
    }

    /// The lead shares an incident, the responder joins it, and the lead starts
    /// its review.
    async fn start_review(&self, lead: &App<'_>, responder: &App<'_>) {
        share_and_join(lead, responder, &self.couch, "Search returns nothing", "SEV3").await;
        lead.follow("Post-incident review").await;
        lead.press("Start the review").await;
    }
}

/// Writes a section and leaves it with Tab, which saves it.
async fn write_section(app: &App<'_>, label: &str, text: &str) {
    app.fill(label, &format!("{text}{}", Key::Tab)).await;
    let saved = format!(
        "//label[normalize-space(.)='{label}']/following-sibling::p[@role='status' and normalize-space(.)='Saved']"
    );
    app.wait_for(fantoccini::Locator::XPath(&saved), &format!("{label:?} saved")).await;
}

/// Waits until the field labelled `label` holds `text`.
async fn holds(app: &App<'_>, label: &str, text: &str) {
    eventually(&format!("{label:?} reading {text:?}"), || async { (value_of(app, label).await == text).then_some(()) })
        .await;
}

/// Whether the page shows the conflicts' region now.
async fn shows_conflicts(app: &App<'_>) -> bool {
    let heading = "//section[@role='alert']/h2[normalize-space(.)='Changed on two devices']";
    app.client.find(fantoccini::Locator::XPath(heading)).await.is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_section_changed_in_two_browsers_apart_is_shown_as_a_conflict_and_the_choice_reaches_both() {
    let two = Two::start().await;
    let (lead, responder) = two.apps();
    two.start_review(&lead, &responder).await;

    // The lead writes the summary; the responder has it.
    write_section(&lead, "Summary", "The index was empty after a deploy.").await;
    responder.follow("Post-incident review").await;
    holds(&responder, "Summary", "The index was empty after a deploy.").await;

    // Apart, both change the summary.
    network(responder.client, false).await;
    write_section(&responder, "Summary", "A deploy shipped an empty search index.").await;
    write_section(&lead, "Summary", "The index was empty for 14 minutes after a deploy.").await;

    // Back online: both browsers show the conflict with both texts; nothing
    // was replaced in either.
    network(responder.client, true).await;
    for (app, yours, theirs, author) in [
        (
            &lead,
            "The index was empty for 14 minutes after a deploy.",
            "A deploy shipped an empty search index.",
            WRITER.0,
        ),
        (
            &responder,
            "A deploy shipped an empty search index.",
            "The index was empty for 14 minutes after a deploy.",
            LEAD.0,
        ),
    ] {
        app.wait_text(&format!("Summary: changed by {author} on another device while you edited.")).await;
        assert!(shows_conflicts(app).await, "{}", page_text(app).await);
        let group = "//section[@role='alert']//div[@role='group' and @aria-label='Summary']";
        let texts = app.texts(&format!("{group}//blockquote")).await;
        assert_eq!(texts, [yours, theirs], "yours, then theirs");
        holds(app, "Summary", yours).await;
    }
    let found = violations(&lead, &axe_source()).await;
    assert!(found.is_empty(), "axe-core on the conflict: {found:#?}");

    // The lead takes the responder's text, from the keyboard.
    let take = lead
        .client
        .find(fantoccini::Locator::XPath("//div[@aria-label='Summary']//button[normalize-space(.)='Take theirs']"))
        .await
        .expect("the choice");
    take.send_keys(&Key::Enter.to_string()).await.expect("press Enter on it");
    for app in [&lead, &responder] {
        holds(app, "Summary", "A deploy shipped an empty search index.").await;
        eventually("the conflict gone", || async { (!shows_conflicts(app).await).then_some(()) }).await;
    }

    // The choice is what both browsers hold after a reload.
    for app in [&lead, &responder] {
        app.wait_text("Synced ").await;
        app.reload().await;
        holds(app, "Summary", "A deploy shipped an empty search index.").await;
        assert!(!shows_conflicts(app).await, "no conflict after a reload");
    }
}

/// Adds a remediation item with only its title, and waits until it is shown.
async fn add_item(app: &App<'_>, title: &str) {
    app.fill("Item", title).await;
    app.press("Add item").await;
    app.wait_text(title).await;
}

/// The remediation items the page lists, each as "number title".
async fn items(app: &App<'_>) -> Vec<String> {
    let rows = "//section[@aria-labelledby='items-heading']//tbody/tr";
    let numbers = app.texts(&format!("{rows}/td[1]")).await;
    let titles = app.texts(&format!("{rows}/td[2]")).await;
    numbers.iter().zip(&titles).map(|(n, t)| format!("{n} {t}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remediation_items_added_in_two_browsers_apart_are_both_kept_under_their_own_numbers() {
    let two = Two::start().await;
    let (lead, responder) = two.apps();
    two.start_review(&lead, &responder).await;
    write_section(&lead, "Summary", "The index was empty after a deploy.").await;
    responder.follow("Post-incident review").await;
    holds(&responder, "Summary", "The index was empty after a deploy.").await;

    // Apart, each adds an item: both take the next number.
    network(responder.client, false).await;
    add_item(&responder, "Check the index size before a deploy").await;
    add_item(&lead, "Alert when search returns nothing").await;
    lead.wait_text("Synced ").await;

    // Back online: both browsers hold both items, with no conflict to settle.
    network(responder.client, true).await;
    let both = ["Alert when search returns nothing", "Check the index size before a deploy"];
    for app in [&lead, &responder] {
        for title in both {
            app.wait_text(title).await;
        }
        eventually("both synced without a conflict", || async {
            let text = page_text(app).await;
            (text.contains("Synced ") && !text.contains("waiting") && !shows_conflicts(app).await).then_some(())
        })
        .await;
    }
    // The same numbers in both: one item kept 1, the other moved to 2.
    let listed = items(&lead).await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].starts_with("1 ") && listed[1].starts_with("2 "), "{listed:?}");
    eventually("the same list in both browsers", || async { (items(&responder).await == listed).then_some(()) }).await;
    // After a reload too.
    for app in [&lead, &responder] {
        app.reload().await;
        for title in both {
            app.wait_text(title).await;
        }
        assert_eq!(items(app).await, listed, "after a reload");
        assert!(!shows_conflicts(app).await, "no conflict after a reload: {}", page_text(app).await);
    }
}

/// Whether some element's own text contains `text`.
async fn has_text(app: &App<'_>, text: &str) -> bool {
    let xpath = format!("//*[contains(text(), \"{text}\")]");
    app.client.find(fantoccini::Locator::XPath(&xpath)).await.is_ok()
}

/// The review's status as the page shows it.
async fn review_status(app: &App<'_>) -> String {
    app.texts("//strong[starts-with(normalize-space(.), 'Status')]/following-sibling::span").await.join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_removed_in_one_browser_while_edited_in_the_other_leaves_both_with_the_same_review() {
    let two = Two::start().await;
    let (lead, responder) = two.apps();
    two.start_review(&lead, &responder).await;
    add_item(&lead, "Rotate the search index nightly").await;
    responder.follow("Post-incident review").await;
    responder.wait_text("Rotate the search index nightly").await;

    // Apart: the responder renames the item; the lead removes it and sends the
    // review for review.
    network(responder.client, false).await;
    responder.press_labelled("Edit item 1: Rotate the search index nightly").await;
    responder.fill("Item", "Rotate and check the search index nightly").await;
    responder.press("Save item").await;
    responder.wait_text("Rotate and check the search index nightly").await;
    lead.press_labelled("Remove item 1: Rotate the search index nightly").await;
    lead.press("Remove item").await;
    lead.wait_text("Item 1 “Rotate the search index nightly” removed by").await;
    lead.press("Send for review").await;
    eventually("the lead's review in review", || async { (review_status(&lead).await == "In review").then_some(()) })
        .await;
    lead.wait_text("Synced ").await;

    // Back online, the responder is asked about the item and takes the removal.
    network(responder.client, true).await;
    eventually("the item's conflict", || async { shows_conflicts(&responder).await.then_some(()) }).await;
    let take = "//section[@role='alert']//button[normalize-space(.)='Take theirs']";
    responder.click(fantoccini::Locator::XPath(take), "Take theirs").await;

    // Both show the same review: the item removed and recorded, in review.
    for app in [&responder, &lead] {
        eventually("the same review in both", || async {
            let same = review_status(app).await == "In review"
                && has_text(app, "Item 1 “Rotate the search index nightly” removed by").await
                && !has_text(app, "Rotate and check the search index nightly").await
                && !shows_conflicts(app).await;
            same.then_some(())
        })
        .await;
    }
    for app in [&responder, &lead] {
        app.wait_text("Synced ").await;
        app.reload().await;
        app.wait_text("Item 1 “Rotate the search index nightly” removed by").await;
        assert_eq!(review_status(app).await, "In review", "after a reload");
        assert!(!has_text(app, "Rotate and check the search index nightly").await, "the renamed item is gone");
        assert!(!shows_conflicts(app).await, "no conflict after a reload");
    }
}
