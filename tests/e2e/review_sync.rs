//! A shared review end to end: two browsers edit the same section while one is
//! offline; when it is back, both show the conflict with both texts, and the
//! choice made in one browser is the text in both, after a reload too.

use crate::axe::{axe_source, violations};
use crate::browser::Browser;
use crate::couch::{Couch, LEAD, WRITER};
use crate::pages::{eventually, App};
use crate::sync::{network, page_text, share_and_join, value_of};
use crate::{dist, server};
use fantoccini::key::Key;

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
    let base = server::serve(dist()).await;
    let couch = Couch::start(&base);
    let (lead_browser, responder_browser) = (Browser::start().await, Browser::start().await);
    let lead = App { client: &lead_browser.client, base: base.clone() };
    let responder = App { client: &responder_browser.client, base: base.clone() };

    share_and_join(&lead, &responder, &couch, "Search returns nothing", "SEV3").await;

    // The lead starts the review and writes the summary; the responder has it.
    lead.follow("Post-incident review").await;
    lead.press("Start the review").await;
    write_section(&lead, "Summary", "The index was empty after a deploy.").await;
    responder.follow("Post-incident review").await;
    holds(&responder, "Summary", "The index was empty after a deploy.").await;

    // Apart, both change the summary.
    network(&responder, false).await;
    write_section(&responder, "Summary", "A deploy shipped an empty search index.").await;
    write_section(&lead, "Summary", "The index was empty for 14 minutes after a deploy.").await;

    // Back online: both browsers show the conflict with both texts; nothing
    // was replaced in either.
    network(&responder, true).await;
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
    drop(couch);
}
