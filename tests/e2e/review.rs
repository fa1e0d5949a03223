//! The post-incident review: started from an incident, written, three remediation
//! items, two sign-offs and approval (each confirmed); a signed review's content
//! is read-only until "Reopen", which asks why and keeps the sign-offs it sets
//! aside in the history; its items still move on without touching the sign-offs;
//! everything survives a reload. The meeting mode walks the chosen entries, with
//! the arrow keys only outside a field. Every export is downloaded and read, the
//! plan's CSV and calendar hold the same rows and say their filter, and the JSON
//! export imported into a fresh profile brings back the same review. Where the
//! words matter, in English and Traditional Chinese.

use crate::browser::{download_dir, downloaded, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;

/// Writes a review section and leaves the field with Tab, which saves it. Once
/// "Saved" shows, the keyboard is still where Tab took it: saving did not redraw
/// the document under the writer.
async fn write_section(app: &App<'_>, label: &str, text: &str) {
    app.fill(label, &format!("{text}{}", Key::Tab)).await;
    let next = app.client.active_element().await.expect("the focused control");
    let saved = format!(
        "//label[normalize-space(.)='{label}']/following-sibling::p[@role='status' and normalize-space(.)='Saved']"
    );
    app.wait_for(fantoccini::Locator::XPath(&saved), &format!("{label:?} saved")).await;
    let kept = app
        .client
        .execute(
            "return arguments[0].isConnected && arguments[0] === document.activeElement;",
            vec![serde_json::to_value(&next).expect("element reference")],
        )
        .await
        .expect("read focus");
    assert_eq!(kept, serde_json::Value::Bool(true), "focus stays after saving {label:?}");
}

/// Adds a remediation item through the item form.
async fn add_item(app: &App<'_>, title: &str, owner: &str, status: &str, priority: bool) {
    app.fill("Item", title).await;
    app.fill("Owner", owner).await;
    app.select("Status", status).await;
    if priority {
        app.tick("Priority").await;
    }
    app.press("Add item").await;
    app.wait_text(title).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_is_written_signed_off_and_approved() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("review");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base: base.clone() };
    app.open("/").await;
    app.declare_incident("Checkout outage", "SEV1").await;
    app.add_entry("Error rate at 40% on checkout", None).await;
    app.set_status("Resolved").await;
    app.wait_text("Status changed from Triage to Resolved").await;

    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    write_section(&app, "Summary", "A configuration push broke checkout for 38 minutes.").await;
    write_section(&app, "Summary for customers", "Checkout was unavailable for 38 minutes.").await;
    let include = "//li[contains(., 'Error rate at 40% on checkout')]/input[@type='checkbox']";
    app.click(fantoccini::Locator::XPath(include), "the entry's checkbox").await;
    add_item(&app, "Validate configuration before rollout", "Ana Lee", "Committed", true).await;
    add_item(&app, "Alert on checkout error rate", "Bo Chen", "In progress", true).await;
    // Writing a section and going straight to "Add item" saves both: the item's
    // write starts from the section just sent, not from the review before it.
    app.fill("Item", "Write a rollback runbook").await;
    app.fill("Owner", "Cy Wu").await;
    app.select("Status", "Candidate").await;
    app.fill("Lessons", "Roll back before debugging.").await;
    app.press("Add item").await;
    app.wait_text("Write a rollback runbook").await;

    app.press("Send for review").await;
    app.wait_text("In review").await;
    app.fill("Technical reviewer", "Bo Chen").await;
    app.press_in_form("Technical reviewer", "Sign off").await;
    app.wait_text("Signed by Bo Chen").await;
    app.press("Approve").await;
    app.wait_text("Approval needs a technical and a non-technical sign-off").await;
    app.fill("Non-technical reviewer", "Di Lin").await;
    app.press_in_form("Non-technical reviewer", "Sign off").await;
    app.wait_text("Signed by Di Lin").await;
    // Approving signs the content, so it asks first; cancelling changes nothing.
    app.press("Approve").await;
    app.wait_text("Approve this review?").await;
    app.press("Cancel").await;
    assert_eq!(review_status(&app).await, "In review");
    app.press("Approve").await;
    app.press("Yes, approve").await;
    app.wait_text("Approved").await;
    app.snapshot("review").await;

    app.reload().await;
    app.wait_text("Approved").await;
    for title in ["Validate configuration before rollout", "Alert on checkout error rate", "Write a rollback runbook"] {
        app.wait_text(title).await;
    }
    assert_eq!(
        app.field("Summary").await.prop("value").await.expect("value").as_deref(),
        Some("A configuration push broke checkout for 38 minutes.")
    );
    assert_eq!(
        app.field("Lessons").await.prop("value").await.expect("value").as_deref(),
        Some("Roll back before debugging.")
    );

    let review_url = app.client.current_url().await.expect("review address");
    check_exports(&app, &downloads).await;
    app.client.goto(review_url.as_str()).await.expect("back to the review");
    app.wait_text("Approved").await;

    // The meeting mode walks the chosen entry in large type.
    app.follow("Facilitate the review meeting").await;
    app.press("Start the timeline walk-through").await;
    app.wait_text("Entry 1 of 1").await;
    app.wait_text("Error rate at 40% on checkout").await;
    app.follow("Back to the review").await;

    // An approved review's content is signed: its sections cannot be edited
    // until the review is reopened, which asks why and keeps the sign-offs in
    // the history.
    let lessons = app.field("Lessons").await;
    assert_eq!(lessons.attr("readonly").await.expect("readonly").as_deref(), Some("true"));
    app.press("Reopen").await;
    app.wait_text("Both sign-offs are set aside").await;
    app.press("Reopen the review").await;
    app.wait_text("Say why the review is reopened.").await;
    app.fill("Why reopen the review?", "The lessons missed staging").await;
    app.press("Reopen the review").await;
    eventually("back to draft", || async { (review_status(&app).await == "Draft").then_some(()) }).await;
    app.wait_text("reopened: The lessons missed staging").await;
    app.wait_text("sign-offs set aside: Technical reviewer: Signed by Bo Chen").await;
    write_section(&app, "Lessons", "Stage configuration pushes.").await;

    // In the meeting, a cause captured on the spot lands in the review once, even
    // when Enter is pressed twice before the first is stored, and survives a reload.
    app.follow("Facilitate the review meeting").await;
    let cause = app.field("Add to technical causes").await;
    cause.send_keys("The push skipped validation").await.expect("type a cause");
    cause.send_keys(&format!("{}{}", Key::Enter, Key::Enter)).await.expect("press Enter twice");
    app.wait_status("Added to the review").await;
    app.reload().await;
    app.follow("Back to the review").await;
    eventually("the captured cause in its section", || async {
        let value = app.field("Technical causes").await.prop("value").await.ok()??;
        (value == "- The push skipped validation").then_some(())
    })
    .await;
    browser.client.clone().close().await.expect("close the browser");

    import_into_a_fresh_profile(base, &downloads.join("checkout-outage-incident.json")).await;
    let _ = std::fs::remove_dir_all(&downloads);
}

/// The review's status as shown: what follows "Status:" (「狀態：」) on its line.
pub(crate) async fn review_status(app: &App<'_>) -> String {
    let line = "//p[strong[normalize-space(.)='Status:' or normalize-space(.)='狀態：']]";
    let line = app.wait_for(fantoccini::Locator::XPath(line), "the review's status").await;
    let label = line.find(fantoccini::Locator::XPath("strong")).await.expect("its label");
    let (whole, label) = (line.text().await.expect("status line"), label.text().await.expect("label text"));
    whole.trim_start().strip_prefix(label.trim()).unwrap_or(&whole).trim().to_owned()
}

/// Lines of an iCalendar file with folded lines joined again (RFC 5545 §3.1).
fn unfolded(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

/// Downloads every export of the approved review and of the plan, and reads them.
async fn check_exports(app: &App<'_>, downloads: &std::path::Path) {
    let internal_summary = "A configuration push broke checkout for 38 minutes.";
    let customer_summary = "Checkout was unavailable for 38 minutes.";
    let items = ["Validate configuration before rollout", "Alert on checkout error rate", "Write a rollback runbook"];

    app.press("Incident and review (JSON)").await;
    let json = downloaded(downloads, "checkout-outage-incident.json").await;
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON export parses");
    assert_eq!(value["type"], "sitrep/incident");
    assert_eq!(value["version"], 1);
    assert_eq!(value["data"]["incident"]["title"], "Checkout outage");
    assert!(value["data"]["review"].is_object(), "the JSON export carries the review");
    for text in items.iter().chain([&internal_summary, &"Bo Chen", &"Di Lin"]) {
        assert!(json.contains(*text), "the JSON export lacks {text:?}");
    }
    app.wait_status("Downloaded checkout-outage-incident.json.").await;

    app.press("Internal review (Markdown)").await;
    let markdown = downloaded(downloads, "checkout-outage-review.md").await;
    assert!(markdown.starts_with("# "), "the internal review starts with a heading:\n{markdown}");
    for text in items.iter().chain([&internal_summary, &"Error rate at 40% on checkout", &"Bo Chen", &"Di Lin"]) {
        assert!(markdown.contains(*text), "the internal review lacks {text:?}:\n{markdown}");
    }

    app.press("Internal review (HTML, to print or save as PDF)").await;
    let html = downloaded(downloads, "checkout-outage-review.html").await;
    assert!(html.to_ascii_lowercase().starts_with("<!doctype html>"), "a whole HTML document");
    assert!(html.contains("@media print"), "the HTML has a print stylesheet");
    assert!(!html.to_ascii_lowercase().contains("<script"), "the HTML has no script");
    for text in items.iter().chain([&internal_summary]) {
        assert!(html.contains(*text), "the internal HTML lacks {text:?}");
    }

    // The customer-facing files carry the customer summary and nothing internal:
    // not the internal summary, the internal entry, the items or their owners.
    app.press("Customer-facing review (Markdown)").await;
    let customer_markdown = downloaded(downloads, "checkout-outage-customer-review.md").await;
    app.press("Customer-facing review (HTML, to print or save as PDF)").await;
    let customer_html = downloaded(downloads, "checkout-outage-customer-review.html").await;
    for customer in [&customer_markdown, &customer_html] {
        assert!(customer.contains(customer_summary), "the customer review lacks its summary:\n{customer}");
        let internal = [internal_summary, "Error rate at 40% on checkout", "Ana Lee", "Bo Chen", "Di Lin"];
        for text in items.iter().chain(internal.iter()) {
            assert!(!customer.contains(*text), "the customer review shows internal {text:?}:\n{customer}");
        }
    }

    // The plan: committed and in-progress items, never the candidate.
    app.follow("Remediation plan").await;
    app.press("Export CSV").await;
    let today = chrono::Utc::now().date_naive();
    let csv = downloaded(downloads, &format!("sitrep-remediation-plan-{today}.csv")).await;
    assert!(csv.starts_with('\u{feff}'), "the CSV starts with a byte-order mark");
    assert!(csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'), "CSV records end in CRLF");
    assert!(csv.contains(items[0]) && csv.contains(items[1]), "the CSV lacks the plan's items:\n{csv}");
    assert!(!csv.contains(items[2]), "a candidate is not part of the plan");

    app.press("Export calendar (.ics)").await;
    let ics = downloaded(downloads, &format!("sitrep-remediation-plan-{today}.ics")).await;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"), "a calendar:\n{ics}");
    assert!(ics.lines().all(|line| line.len() <= 75), "lines are folded at 75 octets");
    let ics = unfolded(&ics);
    assert!(ics.contains(items[0]), "the calendar lacks the committed deadline:\n{ics}");
    assert!(!ics.contains(items[2]), "a candidate has no deadline in the calendar");
}

/// A fresh profile refuses a broken file without storing anything, then imports
/// the JSON export and shows the same approved review.
async fn import_into_a_fresh_profile(base: String, export: &std::path::Path) {
    let broken = export.with_file_name("not-an-incident.json");
    std::fs::write(&broken, r#"{"type": "sitrep/runbook", "version": 1}"#).expect("write a broken file");
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.wait_text("No open incidents.").await;
    app.field("Incident file (JSON)").await.send_keys(&broken.display().to_string()).await.expect("choose");
    app.wait_text("The file was not imported and nothing changed.").await;
    app.wait_text("This is not a Sitrep incident export").await;
    app.wait_text("No open incidents.").await;
    app.wait_text("No resolved or closed incidents yet.").await;

    app.field("Incident file (JSON)").await.send_keys(&export.display().to_string()).await.expect("choose");
    app.wait_text("Imported “Checkout outage”").await;
    app.snapshot("review-imported").await;
    app.follow("Open the imported incident").await;
    app.heading("Checkout outage").await;
    app.wait_text("Error rate at 40% on checkout").await;
    app.follow("Post-incident review").await;
    app.wait_text("Approved").await;
    for title in ["Validate configuration before rollout", "Alert on checkout error rate", "Write a rollback runbook"] {
        app.wait_text(title).await;
    }
    app.wait_text("Signed by Bo Chen").await;
    assert_eq!(
        app.field("Summary").await.prop("value").await.expect("value").as_deref(),
        Some("A configuration push broke checkout for 38 minutes.")
    );
    assert_eq!(
        app.field("Lessons").await.prop("value").await.expect("value").as_deref(),
        Some("Roll back before debugging.")
    );

    // The import survives a reload, and importing the same file again adds nothing.
    app.reload().await;
    app.wait_text("Approved").await;
    app.open("/").await;
    app.wait_text("Checkout outage").await;
    app.field("Incident file (JSON)").await.send_keys(&export.display().to_string()).await.expect("choose");
    app.wait_text("Everything in this file is already in “Checkout outage”").await;
    browser.client.clone().close().await.expect("close the browser");
}

/// What the review and plan tests read and press, in one language.
pub(crate) struct Words {
    pub(crate) language: &'static str,
    pub(crate) choice: &'static str,
    pub(crate) review: &'static str,
    pub(crate) start: &'static str,
    pub(crate) item: &'static str,
    pub(crate) owner: &'static str,
    pub(crate) status: &'static str,
    /// The review's status line once it is started.
    pub(crate) started_status: &'static str,
    pub(crate) committed: &'static str,
    pub(crate) in_progress: &'static str,
    pub(crate) candidate: &'static str,
    pub(crate) done: &'static str,
    pub(crate) priority: &'static str,
    pub(crate) add_item: &'static str,
    pub(crate) save_item: &'static str,
    /// The button that edits an item, by number and title.
    pub(crate) edit: fn(u32, &str) -> String,
    /// The button that removes an item, by number and title.
    pub(crate) remove: fn(u32, &str) -> String,
    pub(crate) remove_confirm: &'static str,
    /// The record of a removed item, by number and title (its beginning).
    pub(crate) removed: fn(u32, &str) -> String,
    /// The hint naming a priority item's default due date (its beginning).
    pub(crate) default_due: fn(chrono::NaiveDate) -> String,
    pub(crate) submit: &'static str,
    pub(crate) technical: &'static str,
    pub(crate) non_technical: &'static str,
    pub(crate) sign: &'static str,
    /// A sign-off as shown (its beginning).
    pub(crate) signed: fn(&str) -> String,
    pub(crate) approve: &'static str,
    pub(crate) yes_approve: &'static str,
    pub(crate) publish: &'static str,
    pub(crate) yes_publish: &'static str,
    pub(crate) published: &'static str,
    pub(crate) draft: &'static str,
    pub(crate) reopen: &'static str,
    /// Part of the warning "Reopen" gives.
    pub(crate) reopen_warning: &'static str,
    pub(crate) reopen_reason: &'static str,
    pub(crate) reopen_confirm: &'static str,
    pub(crate) reopen_needs_reason: &'static str,
    /// The history's words for a reopening, by reason.
    pub(crate) reopened: fn(&str) -> String,
    /// The history's words for the technical sign-off set aside, by that
    /// sign-off as shown (its beginning).
    pub(crate) set_aside: fn(&str) -> String,
    // The timeline picker and the meeting.
    pub(crate) picker: &'static str,
    pub(crate) picker_kind: &'static str,
    pub(crate) note: &'static str,
    pub(crate) picker_tag: &'static str,
    pub(crate) repair: &'static str,
    pub(crate) any_tag: &'static str,
    pub(crate) every_note: &'static str,
    pub(crate) facilitate: &'static str,
    pub(crate) walk: &'static str,
    /// Where the walk-through is: entry n of total.
    pub(crate) entry_of: fn(usize, usize) -> String,
    pub(crate) add_cause: &'static str,
    pub(crate) next: &'static str,
    // The plan.
    pub(crate) plan: &'static str,
    /// The count of items shown, as the counts line begins.
    pub(crate) items: fn(usize) -> String,
    pub(crate) left_out_one: &'static str,
    pub(crate) show_left_out: &'static str,
    pub(crate) unplanned: &'static str,
    pub(crate) export_csv: &'static str,
    pub(crate) export_ics: &'static str,
    /// The plan's file name with its filter "owner ana, with candidates", without
    /// the extension, by date.
    pub(crate) plan_file: fn(chrono::NaiveDate) -> String,
    /// That filter in words.
    pub(crate) scope: &'static str,
    pub(crate) csv_title: &'static str,
    pub(crate) csv_filter: &'static str,
    /// The calendar's summaries before an item's title, dated and not.
    pub(crate) due: &'static str,
    pub(crate) undated: &'static str,
}

pub(crate) const ENGLISH: Words = Words {
    language: "en",
    choice: "English",
    review: "Post-incident review",
    start: "Start the review",
    item: "Item",
    owner: "Owner",
    status: "Status",
    started_status: "Status: Draft",
    committed: "Committed",
    in_progress: "In progress",
    candidate: "Candidate",
    done: "Done",
    priority: "Priority",
    add_item: "Add item",
    save_item: "Save item",
    edit: |n, title| format!("Edit item {n}: {title}"),
    remove: |n, title| format!("Remove item {n}: {title}"),
    remove_confirm: "Remove item",
    removed: |n, title| format!("Item {n} “{title}” removed by"),
    default_due: |date| format!("Left empty, a priority item is due on {date}."),
    submit: "Send for review",
    technical: "Technical reviewer",
    non_technical: "Non-technical reviewer",
    sign: "Sign off",
    signed: |name| format!("Signed by {name}, "),
    approve: "Approve",
    yes_approve: "Yes, approve",
    publish: "Publish",
    yes_publish: "Yes, publish",
    published: "Published",
    draft: "Draft",
    reopen: "Reopen",
    reopen_warning: "Both sign-offs are set aside (the history keeps them)",
    reopen_reason: "Why reopen the review?",
    reopen_confirm: "Reopen the review",
    reopen_needs_reason: "Say why the review is reopened.",
    reopened: |why| format!("reopened: {why}"),
    set_aside: |signed| format!("sign-offs set aside: Technical reviewer: {signed}"),
    picker: "Timeline for the review",
    picker_kind: "Show entries of kind",
    note: "Note",
    picker_tag: "Show entries tagged",
    repair: "Repair",
    any_tag: "Any tag or none",
    every_note: "Include every note",
    facilitate: "Facilitate the review meeting",
    walk: "Start the timeline walk-through",
    entry_of: |n, total| format!("Entry {n} of {total}"),
    add_cause: "Add to technical causes",
    next: "Next",
    plan: "Remediation plan",
    items: |n| if n == 1 { "1 item ·".to_owned() } else { format!("{n} items ·") },
    left_out_one: "1 candidate or won't-do item is not shown.",
    show_left_out: "Show them too",
    unplanned: "Include candidates and won't-do items",
    export_csv: "Export CSV",
    export_ics: "Export calendar (.ics)",
    plan_file: |today| format!("sitrep-remediation-plan-{today}-owner-ana-with-candidates"),
    scope: "Owner: ana; Include candidates and won't-do items",
    csv_title: "Title",
    csv_filter: "Filter",
    due: "Due: ",
    undated: "No due date: ",
};

pub(crate) const CHINESE: Words = Words {
    language: "zh-TW",
    choice: "繁體中文",
    review: "事故後檢討",
    start: "開始檢討",
    item: "項目",
    owner: "負責人",
    status: "狀態",
    started_status: "狀態：草稿",
    committed: "已承諾",
    in_progress: "進行中",
    candidate: "候選",
    done: "完成",
    priority: "優先程度",
    add_item: "新增項目",
    save_item: "儲存項目",
    edit: |n, title| format!("編輯項目 {n}：{title}"),
    remove: |n, title| format!("移除項目 {n}：{title}"),
    remove_confirm: "移除項目",
    removed: |n, title| format!("項目 {n}「{title}」由"),
    default_due: |date| format!("若未填寫，優先項目的期限為 {date}。"),
    submit: "送交審閱",
    technical: "技術審閱者",
    non_technical: "非技術審閱者",
    sign: "簽核",
    signed: |name| format!("{name} 於 "),
    approve: "核准",
    yes_approve: "確定核准",
    publish: "發布",
    yes_publish: "確定發布",
    published: "已發布",
    draft: "草稿",
    reopen: "重新開啟",
    reopen_warning: "兩位審閱者的簽核會被擱置（歷程會保留）",
    reopen_reason: "為什麼要重新開啟檢討？",
    reopen_confirm: "重新開啟檢討",
    reopen_needs_reason: "請說明重新開啟檢討的原因。",
    reopened: |why| format!("重新開啟：{why}"),
    set_aside: |signed| format!("擱置的簽核：技術審閱者：{signed}"),
    picker: "檢討用的時間軸",
    picker_kind: "顯示的項目類型",
    note: "筆記",
    picker_tag: "顯示的標籤",
    repair: "修復",
    any_tag: "不限標籤",
    every_note: "納入所有筆記",
    facilitate: "主持檢討會議",
    walk: "開始檢視時間軸",
    entry_of: |n, total| format!("第 {n} 項，共 {total} 項"),
    add_cause: "加入技術原因",
    next: "下一項",
    plan: "改善計畫",
    items: |n| format!("{n} 個項目 ·"),
    left_out_one: "有 1 個候選或不執行的項目未顯示。",
    show_left_out: "一併顯示",
    unplanned: "包含候選與不執行的項目",
    export_csv: "匯出 CSV",
    export_ics: "匯出行事曆（.ics）",
    plan_file: |today| format!("sitrep-改善計畫-{today}-負責人-ana-含候選與不執行"),
    scope: "負責人：ana；包含候選與不執行的項目",
    csv_title: "項目",
    csv_filter: "篩選條件",
    due: "到期：",
    undated: "未定期限：",
};

/// Switches the interface to the language of `w`, from whichever it shows.
pub(crate) async fn switch_language(app: &App<'_>, w: &Words) {
    app.open("/settings").await;
    let label = if app.lang().await == "en" { "Language" } else { "語言" };
    app.select(label, w.choice).await;
    eventually("the language switched", || async { (app.lang().await == w.language).then_some(()) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_review_whose_item_is_marked_done_stays_published_with_its_sign_offs() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    for (words, title) in [(&ENGLISH, "Login outage"), (&CHINESE, "Search outage")] {
        follow_up_after_publication(&app, words, title).await;
    }
    browser.client.clone().close().await.expect("close the browser");
}

/// Declares `title` at SEV1, then writes, signs and publishes its review in the
/// language of `w`, removes an item before that, marks an item done after, and
/// reopens it.
async fn follow_up_after_publication(app: &App<'_>, w: &Words, title: &str) {
    switch_language(app, &ENGLISH).await;
    app.open("/").await;
    app.declare_incident(title, "SEV1").await;
    let incident = app.client.current_url().await.expect("the incident's address");
    switch_language(app, w).await;
    app.client.goto(incident.as_str()).await.expect("back to the incident");
    app.heading(title).await;
    app.follow(w.review).await;
    app.press(w.start).await;
    let status_line = format!("//p[normalize-space(.)='{}']", w.started_status);
    app.wait_for(fantoccini::Locator::XPath(&status_line), "the review's status line").await;

    // A SEV1's priority items are due in 4 weeks: the form says so before adding.
    let due = chrono::Utc::now().date_naive() + chrono::Duration::weeks(4);
    app.wait_text(&(w.default_due)(due)).await;
    let (kept, dropped) = ("Alert on login errors", "Rewrite the login service");
    app.fill(w.item, kept).await;
    app.fill(w.owner, "Ana Lee").await;
    app.select(w.status, w.committed).await;
    app.tick(w.priority).await;
    app.press(w.add_item).await;
    let with_default = format!("//table//tr[td[2][normalize-space(.)='{kept}']]/td[5][normalize-space(.)='{due}']");
    app.wait_for(fantoccini::Locator::XPath(&with_default), "the item with the default due date").await;
    app.fill(w.item, dropped).await;
    app.select(w.status, w.candidate).await;
    app.press(w.add_item).await;
    app.wait_text(dropped).await;

    // Removing an item asks first, and the review keeps a record of it.
    app.press_labelled(&(w.remove)(2, dropped)).await;
    app.press(w.remove_confirm).await;
    app.wait_text(&(w.removed)(2, dropped)).await;
    let rows = app.texts("//table//tr/td[2]").await;
    assert_eq!(rows, [kept], "the removed item has left the list");

    publish(app, w).await;

    // The follow-up: the item is marked done, and the review stays published,
    // signed by both, through a reload.
    app.press_labelled(&(w.edit)(1, kept)).await;
    app.select(w.status, w.done).await;
    app.press(w.save_item).await;
    let done = format!("//table//tr[td[2][normalize-space(.)='{kept}']]/td[7][normalize-space(.)='{}']", w.done);
    app.wait_for(fantoccini::Locator::XPath(&done), "the item marked done").await;
    for _ in 0..2 {
        assert_eq!(review_status(app).await, w.published);
        app.wait_text(&(w.signed)("Bo Chen")).await;
        app.wait_text(&(w.signed)("Di Lin")).await;
        app.wait_for(fantoccini::Locator::XPath(&done), "the item still done").await;
        app.reload().await;
    }

    // Changing its content needs "Reopen", which warns, asks why, and keeps the
    // sign-offs it sets aside in the history.
    app.press(w.reopen).await;
    app.wait_text(w.reopen_warning).await;
    app.press(w.reopen_confirm).await;
    app.wait_text(w.reopen_needs_reason).await;
    assert_eq!(review_status(app).await, w.published, "nothing changes without a reason");
    app.fill(w.reopen_reason, "檢討漏了 staging").await;
    app.press(w.reopen_confirm).await;
    eventually("back to draft", || async { (review_status(app).await == w.draft).then_some(()) }).await;
    app.wait_text(&(w.reopened)("檢討漏了 staging")).await;
    app.wait_text(&(w.set_aside)(&(w.signed)("Bo Chen"))).await;
    app.wait_for(fantoccini::Locator::XPath(&done), "the item still done after reopening").await;
}

/// Sends the review on the page for review, signs it off as Bo Chen (technical)
/// and Di Lin, approves and publishes it, in the language of `w`.
pub(crate) async fn publish(app: &App<'_>, w: &Words) {
    app.press(w.submit).await;
    app.fill(w.technical, "Bo Chen").await;
    app.press_in_form(w.technical, w.sign).await;
    app.wait_text(&(w.signed)("Bo Chen")).await;
    app.fill(w.non_technical, "Di Lin").await;
    app.press_in_form(w.non_technical, w.sign).await;
    app.wait_text(&(w.signed)("Di Lin")).await;
    app.press(w.approve).await;
    app.press(w.yes_approve).await;
    app.press(w.publish).await;
    app.press(w.yes_publish).await;
    eventually("published", || async { (review_status(app).await == w.published).then_some(()) }).await;
}

/// The plan's rows as the page shows them: each item's title.
async fn plan_titles(app: &App<'_>, w: &Words) -> Vec<String> {
    let mut titles = app
        .texts(&format!(
            "//section[h2[normalize-space(.)='{}']]//table[thead/tr/th[normalize-space(.)='{}']]/tbody/tr/td[2]",
            w.plan, w.item
        ))
        .await;
    titles.sort();
    titles
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plans_csv_and_calendar_agree_in_scope_and_its_filter_survives_a_reload() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("plan-scope");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Payments outage", "SEV2").await;
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    let items = [
        ("Alert on payment errors", "Ana Lee", "Committed"),
        ("Stage gateway configuration", "Bo Chen", "In progress"),
        ("Rewrite the router", "", "Candidate"),
        ("Document the failover", "Ana Lee", "Done"),
    ];
    for (title, owner, status) in items {
        add_item(&app, title, owner, status, matches!(status, "Committed" | "In progress")).await;
    }
    for w in [&ENGLISH, &CHINESE] {
        switch_language(&app, w).await;
        plan_scope(&app, w, &downloads).await;
    }
    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&downloads);
}

/// The plan of the review written above, in the language of `w`: the candidate
/// counted and one click away, the filter in the address, and both exports
/// holding the rows shown and saying the filter in that language.
async fn plan_scope(app: &App<'_>, w: &Words, downloads: &std::path::Path) {
    // The candidate is not hidden silently: it is counted, one click away.
    app.open("/plan").await;
    app.wait_text(&(w.items)(3)).await;
    app.wait_text(w.left_out_one).await;
    assert_eq!(
        plan_titles(app, w).await,
        ["Alert on payment errors", "Document the failover", "Stage gateway configuration"]
    );
    app.press(w.show_left_out).await;
    app.wait_text(&(w.items)(4)).await;
    assert!(app.is_checked(w.unplanned).await);
    app.fill(w.owner, "bo").await;
    app.wait_text(&(w.items)(1)).await;

    // The filter is in the address, so the view survives a reload.
    app.fill(w.owner, "ana").await;
    app.wait_text(&(w.items)(2)).await;
    eventually("the filter in the address", || async {
        let address = app.client.current_url().await.ok()?;
        (address.query() == Some("owner=ana&unplanned=1")).then_some(())
    })
    .await;
    app.reload().await;
    app.wait_text(&(w.items)(2)).await;
    assert_eq!(app.field(w.owner).await.prop("value").await.expect("value").as_deref(), Some("ana"));
    assert!(app.is_checked(w.unplanned).await);
    let shown = plan_titles(app, w).await;
    assert_eq!(shown, ["Alert on payment errors", "Document the failover"]);

    // Both exports hold the view's rows, no more and no fewer, and say their
    // filter: the calendar in its description, the CSV in a column of its own.
    let stem = (w.plan_file)(chrono::Utc::now().date_naive());
    app.press(w.export_csv).await;
    let csv = downloaded(downloads, &format!("{stem}.csv")).await;
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("the CSV's header").clone();
    let column =
        |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name:?} in {headers:?}"));
    let (title, filter) = (column(w.csv_title), column(w.csv_filter));
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV record")).collect();
    assert!(records.iter().all(|r| &r[filter] == w.scope), "the CSV says its filter on every row:\n{csv}");
    let mut in_csv: Vec<String> = records.iter().map(|r| r[title].to_owned()).collect();
    in_csv.sort();
    app.press(w.export_ics).await;
    let ics = unfolded(&downloaded(downloads, &format!("{stem}.ics")).await);
    let description = format!("X-WR-CALDESC:{}", w.scope.replace(';', "\\;"));
    assert!(ics.contains(&description), "{description}\n{ics}");
    let mut in_calendar: Vec<String> = ics
        .lines()
        .filter_map(|line| line.strip_prefix("SUMMARY:"))
        .filter_map(|s| s.strip_prefix(w.due).or_else(|| s.strip_prefix(w.undated)))
        .map(str::to_owned)
        .collect();
    in_calendar.sort();
    assert_eq!(in_csv, shown, "the CSV holds the rows shown");
    assert_eq!(in_calendar, shown, "the calendar holds the rows shown:\n{ics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picker_takes_every_note_and_in_the_meeting_arrow_keys_walk_only_outside_a_field() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    for (w, title) in [(&ENGLISH, "Queue backlog"), (&CHINESE, "Cache stampede")] {
        pick_and_walk(&app, w, title).await;
    }
    browser.client.clone().close().await.expect("close the browser");
}

/// Declares `title` with two notes, then, in the language of `w`, picks every
/// note for its review and walks them in the meeting.
async fn pick_and_walk(app: &App<'_>, w: &Words, title: &str) {
    switch_language(app, &ENGLISH).await;
    app.open("/").await;
    app.declare_incident(title, "SEV2").await;
    for text in ["Queue depth at 90k", "Consumers scaled out"] {
        app.add_entry(text, None).await;
    }
    let incident = app.client.current_url().await.expect("the incident's address");
    switch_language(app, w).await;
    app.client.goto(incident.as_str()).await.expect("back to the incident");
    app.follow(w.review).await;
    app.press(w.start).await;
    // The picker narrows the timeline by kind, and takes every note at once.
    let picker = format!("//section[h2[normalize-space(.)='{}']]//ol/li/label[1]", w.picker);
    let listed = || app.texts(&picker);
    eventually("the declaration and the two notes at least", || async { (listed().await.len() >= 3).then_some(()) })
        .await;
    app.select(w.picker_kind, w.note).await;
    eventually("only the notes", || async { (listed().await.len() == 2).then_some(()) }).await;
    app.select(w.picker_tag, w.repair).await;
    eventually("no note tagged repair", || async { listed().await.is_empty().then_some(()) }).await;
    app.select(w.picker_tag, w.any_tag).await;
    app.press(w.every_note).await;
    for text in ["Queue depth at 90k", "Consumers scaled out"] {
        let chosen =
            format!("//li[contains(., '{text}')]/input[@type='checkbox']/following-sibling::select[not(@disabled)]");
        app.wait_for(fantoccini::Locator::XPath(&chosen), "the note chosen").await;
    }
    app.follow(w.facilitate).await;
    app.press(w.walk).await;
    let (first, second) = ((w.entry_of)(1, 2), (w.entry_of)(2, 2));
    app.wait_text(&first).await;

    // In a field, the arrows move the caret, and the walk stays where it is.
    let cause = app.field(w.add_cause).await;
    cause.send_keys("No autoscaling").await.expect("type a cause");
    cause.send_keys(&format!("{}{}", Key::Left, Key::Left)).await.expect("press left twice");
    cause.send_keys("X").await.expect("type at the caret");
    assert_eq!(cause.prop("value").await.expect("value").as_deref(), Some("No autoscaliXng"));
    cause.send_keys(&Key::Right.to_string()).await.expect("press right");
    app.wait_text(&first).await;
    assert!(app.texts("//h2").await.contains(&first), "the walk did not move");

    // Elsewhere, they walk the timeline.
    app.press(w.next).await;
    app.wait_text(&second).await;
    app.keys(&Key::Left.to_string()).await;
    app.wait_text(&first).await;
    app.keys(&Key::Right.to_string()).await;
    app.wait_text(&second).await;
    app.wait_text("Consumers scaled out").await;
}

/// The value of the field labelled `label`.
async fn field_value(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read a value").unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_saved_in_one_tab_keeps_what_another_tab_saved() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Billing export stalled", "SEV3").await;
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    let address = client.current_url().await.expect("the review's address").to_string();
    let first = client.window().await.expect("the first tab");
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the review in the second tab");
    app.field("Review owner").await;

    // The first tab saves the owner; the second, which did not type one, takes
    // it and saves the meeting time only.
    client.switch_to_window(first.clone()).await.expect("back to the first tab");
    app.fill("Review owner", "Ann Wu").await;
    app.press("Save header").await;
    app.wait_status("Saved").await;
    client.switch_to_window(second.clone()).await.expect("to the second tab");
    eventually("the owner in the second tab", || async {
        (field_value(&app, "Review owner").await == "Ann Wu").then_some(())
    })
    .await;
    app.fill("Review meeting (local time)", "2026-12-10 15:00").await;
    app.press("Save header").await;
    app.wait_status("Saved").await;
    app.reload().await;
    eventually("both kept", || async {
        let owner = field_value(&app, "Review owner").await;
        let meeting = field_value(&app, "Review meeting (local time)").await;
        (owner == "Ann Wu" && meeting == "2026-12-10 15:00").then_some(())
    })
    .await;

    // Both tabs type an owner: the second save is refused, shows what is stored.
    app.fill("Review owner", "Bo Chen").await;
    client.switch_to_window(first).await.expect("to the first tab");
    eventually("the meeting in the first tab", || async {
        (field_value(&app, "Review meeting (local time)").await == "2026-12-10 15:00").then_some(())
    })
    .await;
    app.fill("Review owner", "Cy Lee").await;
    app.press("Save header").await;
    app.wait_status("Saved").await;
    client.switch_to_window(second).await.expect("to the second tab");
    app.press("Save header").await;
    app.wait_text("Not saved: the owner or the meeting time was changed elsewhere while you typed.").await;
    assert_eq!(field_value(&app, "Review owner").await, "Cy Lee");
    app.reload().await;
    eventually("the first tab's owner kept", || async {
        (field_value(&app, "Review owner").await == "Cy Lee").then_some(())
    })
    .await;
}
