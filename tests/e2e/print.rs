//! The review's print export wraps text only between words: the downloaded
//! internal review, opened in the browser as printed (print media, the width of
//! an A4 page between its margins), splits no word of its text across two
//! lines, "Milestone" in the timeline's narrow "Kind" column included, and its
//! cells are styled not to break words. With the old style (`overflow-wrap:
//! anywhere`, "Milesto ne") put back, the same check finds broken words, so the
//! page is narrow enough for it to mean something.

use crate::browser::{cdp, download_dir, downloaded, Browser};
use crate::pages::App;
use crate::{dist, server};
use serde_json::json;

/// The words of the page's text (links aside: an address is not a word and may
/// break anywhere) that are drawn on more than one line, with their lines' tops.
const BROKEN_WORDS: &str = "\
    const broken = []; \
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT); \
    for (let node = walker.nextNode(); node; node = walker.nextNode()) { \
        if (node.parentElement.closest('a')) continue; \
        for (const word of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]+/g)) { \
            const range = document.createRange(); \
            range.setStart(node, word.index); \
            range.setEnd(node, word.index + word[0].length); \
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))); \
            if (tops.size > 1) broken.push(word[0] + ' at ' + [...tops].join(', ')); \
        } \
    } \
    return broken;";

/// How each table cell's text may break, as `overflow-wrap word-break hyphens`,
/// every different value once.
const CELL_STYLES: &str = "\
    return [...new Set([...document.querySelectorAll('th, td')].map(cell => { \
        const s = getComputedStyle(cell); return `${s.overflowWrap} ${s.wordBreak} ${s.hyphens}`; }))];";

/// The texts of the timeline table's "Kind" cells and the width of the
/// narrowest, in CSS pixels.
const KIND_COLUMN: &str = "\
    const table = [...document.querySelectorAll('table')] \
        .find(t => [...t.querySelectorAll('th')].some(th => th.textContent.trim() === 'Kind')); \
    const column = [...table.querySelectorAll('thead th')].findIndex(th => th.textContent.trim() === 'Kind'); \
    const cells = [...table.querySelectorAll('tbody tr')].map(row => row.cells[column]); \
    return [cells.map(c => c.textContent.trim()), Math.min(...cells.map(c => c.getBoundingClientRect().width))];";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_review_wraps_only_between_words() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("print");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base };

    // An incident whose timeline holds a milestone and a long entry, which
    // leaves the other columns as little room as a table gives them.
    app.open("/").await;
    app.declare_incident("Checkout outage", "SEV1").await;
    app.add_entry(
        "Rolled back the configuration push to the payment gateway in every region, after the error rate on \
         checkout reached forty percent for customers in Europe and Asia",
        None,
    )
    .await;
    app.press_labelled("Set Mitigated to now").await;
    app.wait_text("Milestone: Mitigated").await;
    app.set_status("Resolved").await;
    app.wait_text("Status changed from Triage to Resolved").await;
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    app.press("Internal review (HTML, to print or save as PDF)").await;
    downloaded(&downloads, "checkout-outage-review.html").await;

    // The file as printed on A4: 210 mm less 15 mm margins each side is 180 mm,
    // 680 CSS pixels.
    let file = url::Url::from_file_path(downloads.join("checkout-outage-review.html")).expect("a file address");
    app.client.goto(file.as_str()).await.expect("open the downloaded review");
    cdp(app.client, "Emulation.setEmulatedMedia", json!({ "media": "print" })).await;
    let page = json!({ "width": 680, "height": 960, "deviceScaleFactor": 1, "mobile": false });
    cdp(app.client, "Emulation.setDeviceMetricsOverride", page).await;
    let printed = app.client.execute("return matchMedia('print').matches;", vec![]).await.expect("read the media");
    assert_eq!(printed, json!(true), "the page is laid out for print");

    let kinds = app.client.execute(KIND_COLUMN, vec![]).await.expect("read the Kind column");
    let texts: Vec<String> = serde_json::from_value(kinds[0].clone()).expect("the Kind cells");
    assert!(texts.iter().any(|t| t == "Milestone"), "a milestone in the timeline: {texts:?}");
    let styles: Vec<String> =
        serde_json::from_value(app.client.execute(CELL_STYLES, vec![]).await.expect("read the styles"))
            .expect("styles");
    assert_eq!(styles, ["break-word normal manual"], "how the cells' text may break");
    let broken = app.client.execute(BROKEN_WORDS, vec![]).await.expect("measure the words");
    assert_eq!(broken, json!([]), "words split across lines in print; the Kind column: {kinds}");

    // The old style breaks words at this width: the check above would see it.
    let old = "const s = document.createElement('style'); \
        s.textContent = 'body, th, td { overflow-wrap: anywhere; }'; document.head.append(s);";
    app.client.execute(old, vec![]).await.expect("put the old style back");
    let broken = app.client.execute(BROKEN_WORDS, vec![]).await.expect("measure the words");
    assert_ne!(broken, json!([]), "the old style broke words: the page is too wide for the check to mean anything");

    cdp(app.client, "Emulation.clearDeviceMetricsOverride", json!({})).await;
    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&downloads);
}
