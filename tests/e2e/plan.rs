//! The manager's plan: an item of a published review moved on in place from the
//! plan, its status, owner and due date, in English and Traditional Chinese (the
//! review stays published and signed, a stale row never overwrites another tab's
//! change, a committed item without a due date is refused with the reason, the
//! change survives a reload), and the incident metrics grouped by the worst
//! severity each incident had and by catalog component, with means and medians,
//! in both languages. A due date cut short is refused with the reason, on the
//! review and on the plan, and the stored one stays; the metrics' date range
//! lives in the address.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::review::{publish, review_status, switch_language, Words, CHINESE, ENGLISH};
use crate::{dist, server};
use chrono::{Duration, Utc};
use fantoccini::key::Key;
use fantoccini::Locator;

const ITEM: &str = "Alert on login errors";

/// The value of the control named `name`, as the page holds it now.
async fn value_of(app: &App<'_>, name: &str) -> String {
    app.named(name).await.prop("value").await.expect("read the value").unwrap_or_default()
}

/// Enters `date` (`YYYY-MM-DD`, or empty to clear it) into the due-date field
/// named `name`, replacing what it held, and waits until it holds it.
async fn enter_due_date(app: &App<'_>, name: &str, date: &str) {
    let field = app.named(name).await;
    field.clear().await.expect("clear the date");
    let keys = if date.is_empty() { format!(" {}", Key::Backspace) } else { date.to_owned() };
    field.send_keys(&keys).await.expect("type the date");
    holds(app, name, date).await;
}

/// What the plan's inline update reads and presses, in one language, beside the
/// review's words.
struct Inline {
    review: &'static Words,
    /// A row's field by its column, for [`ITEM`].
    field: fn(&str) -> String,
    due: &'static str,
    save: &'static str,
    saved: &'static str,
    refused: &'static str,
    new_owner: &'static str,
}

const INLINE: [Inline; 2] = [
    Inline {
        review: &ENGLISH,
        field: |column| format!("{column}: {ITEM}"),
        due: "Due date",
        save: "Save: Alert on login errors",
        saved: "Saved: Alert on login errors",
        refused: "“Alert on login errors” not saved: a committed item needs an owner and a due date.",
        new_owner: "Cy Wu",
    },
    Inline {
        review: &CHINESE,
        field: |column| format!("{column}：{ITEM}"),
        due: "期限",
        save: "儲存：Alert on login errors",
        saved: "已儲存：Alert on login errors",
        refused: "「Alert on login errors」未儲存：已承諾的項目需要負責人與期限。",
        new_owner: "陳美玲",
    },
];

/// In the language of `p`, the item moves on from the plan: in progress, without
/// a due date (refused, saying why), then with a date and a new owner (saved);
/// after a reload the plan and the review at `review` show it, and the review
/// is still published and signed by both.
async fn owner_and_due_date_from_the_plan(app: &App<'_>, p: &Inline, review: &str, weeks: i64) {
    let w = p.review;
    switch_language(app, w).await;
    app.open("/plan").await;
    let (status, owner, due) = ((p.field)(w.status), (p.field)(w.owner), (p.field)(p.due));
    app.named(&status).await.select_by_label(w.in_progress).await.expect("pick in progress");
    enter_due_date(app, &due, "").await;
    app.press_labelled(p.save).await;
    app.wait_text(p.refused).await;
    let date = (Utc::now().date_naive() + Duration::weeks(weeks)).to_string();
    enter_due_date(app, &due, &date).await;
    app.named(&owner).await.clear().await.expect("clear the owner");
    app.named(&owner).await.send_keys(p.new_owner).await.expect("type the owner");
    app.press_labelled(p.save).await;
    app.wait_status(p.saved).await;
    app.reload().await;
    holds(app, &status, "in_progress").await;
    holds(app, &owner, p.new_owner).await;
    holds(app, &due, &date).await;

    app.client.goto(review).await.expect("the review");
    let row = format!(
        "//table//tr[td[2][normalize-space(.)='{ITEM}'] and td[4][contains(., '{}')] \
         and td[5][normalize-space(.)='{date}'] and td[7][normalize-space(.)='{}']]",
        p.new_owner, w.in_progress
    );
    app.wait_for(Locator::XPath(&row), "the item as the plan left it, on the review").await;
    assert_eq!(review_status(app).await, w.published);
    app.wait_text(&(w.signed)("Bo Chen")).await;
    app.wait_text(&(w.signed)("Di Lin")).await;
}

/// Waits until the control named `name` holds `expected`.
async fn holds(app: &App<'_>, name: &str, expected: &str) {
    eventually(&format!("{name:?} holding {expected:?}"), || async {
        (value_of(app, name).await == expected).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_marked_done_from_the_plan_keeps_its_review_published_and_never_overwrites_another_tab() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/").await;
    app.declare_incident("Login outage", "SEV1").await;
    app.follow("Post-incident review").await;
    app.press("Start the review").await;
    app.fill("Item", ITEM).await;
    app.fill("Owner", "Ana Lee").await;
    app.select("Status", "Committed").await;
    app.tick("Priority").await;
    app.press("Add item").await;
    app.wait_text(ITEM).await;
    publish(&app, &ENGLISH).await;
    let review = client.current_url().await.expect("the review's address");

    // The plan is open; meanwhile another tab hands the item to Bo Chen.
    app.follow("Remediation plan").await;
    let (status, owner, save) = (format!("Status: {ITEM}"), format!("Owner: {ITEM}"), format!("Save: {ITEM}"));
    holds(&app, &owner, "Ana Lee").await;
    let first = client.window().await.expect("this tab");
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second).await.expect("to the second tab");
    client.goto(review.as_str()).await.expect("the review in the second tab");
    app.press_labelled(&format!("Edit item 1: {ITEM}")).await;
    app.fill("Owner", "Bo Chen").await;
    app.press("Save item").await;
    let theirs = format!("//table//tr[td[2][normalize-space(.)='{ITEM}']]/td[4][contains(., 'Bo Chen')]");
    app.wait_for(Locator::XPath(&theirs), "the owner the other tab gave").await;
    client.close_window().await.expect("close the second tab");
    client.switch_to_window(first).await.expect("back to the plan");

    // Marked done from the row as it was loaded: not saved over their change;
    // the plan reads it again, shows theirs and says so.
    app.named(&status).await.select_by_label("Done").await.expect("pick Done");
    app.press_labelled(&save).await;
    app.wait_text(&format!("“{ITEM}” was changed elsewhere since this page loaded, so it was not saved.")).await;
    holds(&app, &owner, "Bo Chen").await;
    holds(&app, &status, "committed").await;

    // Marked done again, over what is stored now: saved, counted, and still so
    // after a reload.
    app.named(&status).await.select_by_label("Done").await.expect("pick Done");
    app.press_labelled(&save).await;
    app.wait_status(&format!("Saved: {ITEM}")).await;
    app.wait_text("· 1 done").await;
    app.reload().await;
    holds(&app, &status, "done").await;
    holds(&app, &owner, "Bo Chen").await;
    app.wait_text("· 1 done").await;

    // The review: done and Bo Chen's, still published and signed by both.
    client.goto(review.as_str()).await.expect("the review");
    let done = format!("//table//tr[td[2][normalize-space(.)='{ITEM}']]/td[7][normalize-space(.)='Done']");
    app.wait_for(Locator::XPath(&done), "the item done on the review").await;
    app.wait_for(Locator::XPath(&theirs), "the other tab's owner on the review").await;
    assert_eq!(review_status(&app).await, "Published");
    app.wait_text("Signed by Bo Chen, ").await;
    app.wait_text("Signed by Di Lin, ").await;

    // Its owner and due date move on from the plan too, in both languages.
    for (p, weeks) in INLINE.iter().zip([3, 5]) {
        owner_and_due_date_from_the_plan(&app, p, review.as_str(), weeks).await;
    }
    browser.client.clone().close().await.expect("close the browser");
}

/// The cells of the metrics table captioned `caption`, in the row headed `group`:
/// the count, then each time's mean and median.
async fn metrics_row(app: &App<'_>, caption: &str, group: &str) -> Vec<String> {
    let row = format!("//table[caption[normalize-space(.)='{caption}']]/tbody/tr[th[normalize-space(.)='{group}']]");
    app.wait_for(Locator::XPath(&row), &format!("{group:?} in {caption:?}")).await;
    app.texts(&format!("{row}/td")).await
}

/// The row headers of the metrics table captioned `caption`.
async fn metrics_groups(app: &App<'_>, caption: &str) -> Vec<String> {
    app.texts(&format!("//table[caption[normalize-space(.)='{caption}']]/tbody/tr/th")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_count_a_lowered_sev1_as_sev1_and_a_public_name_under_its_catalog_name() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/catalog").await;
    app.press("Add component").await;
    app.fill("Component name", "Payments API").await;
    app.fill("Public name", "Payments").await;
    app.press("Save component").await;
    app.wait_status("Saved Payments API.").await;

    // Declared a SEV1, the component typed by its public name next to one the
    // catalog does not know, then lowered to SEV3.
    app.open("/").await;
    app.declare_incident("Card payments failing", "SEV1").await;
    app.fill("Affected components", "payments, Edge cache").await;
    app.press("Save components").await;
    app.wait_text("“Edge cache” is not in the service catalog.").await;
    // Impact, detection and acknowledgement within the same minute: each of
    // those times is 0 minutes, its mean and its median.
    for milestone in ["Impact started", "Detected", "Acknowledged"] {
        app.press_labelled(&format!("Set {milestone} to now")).await;
        app.wait_text(&format!("Milestone: {milestone}")).await;
    }
    app.press("Change severity").await;
    app.select("New severity", "SEV3 — Partial loss for a minority of customers").await;
    app.fill("Reason for the change", "Only EU customers affected").await;
    app.press("Save severity").await;
    app.wait_text("SEV3 incident").await;

    for w in METRICS {
        switch_language(&app, w.review).await;
        app.open("/plan").await;
        let row = metrics_row(&app, w.by_severity, "SEV1").await;
        assert_eq!(row.len(), 9, "the count, then a mean and a median for four times: {row:?}");
        assert_eq!(row[0], "1");
        assert_eq!(row[2], w.zero, "the median time to detect: {row:?}");
        assert_eq!(row[4], w.zero, "the median time to acknowledge: {row:?}");
        assert_eq!((row[5].as_str(), row[6].as_str()), ("—", "—"), "never mitigated: no time: {row:?}");
        assert_eq!(metrics_groups(&app, w.by_severity).await, ["SEV1"], "not counted as the SEV3 it is now");
        assert_eq!(metrics_row(&app, w.by_component, "Payments API").await[0], "1");
        assert_eq!(
            metrics_groups(&app, w.by_component).await,
            ["Payments API", w.unknown],
            "the public name counts under the catalog's name; an unknown name stays as typed"
        );
        let headers = app.texts(&format!("//table[caption[normalize-space(.)='{}']]/thead/tr/th", w.by_severity)).await;
        let mut expected = w.headers.to_vec();
        expected.extend([w.mean, w.median].repeat(4));
        assert_eq!(headers, expected);
    }
    browser.client.clone().close().await.expect("close the browser");
}

/// What the metrics tables say, in one language.
struct Metrics {
    review: &'static Words,
    by_severity: &'static str,
    by_component: &'static str,
    /// The component the catalog does not know, as a group.
    unknown: &'static str,
    /// The first row of headers: the group, the count, the four times.
    headers: [&'static str; 6],
    mean: &'static str,
    median: &'static str,
    /// No time at all.
    zero: &'static str,
}

const METRICS: [Metrics; 2] = [
    Metrics {
        review: &ENGLISH,
        by_severity: "By worst severity",
        by_component: "By component",
        unknown: "Edge cache (not in the catalog)",
        headers: [
            "Worst severity",
            "Incidents",
            "Time to detect",
            "Time to acknowledge",
            "Time to mitigate",
            "Time to resolve",
        ],
        mean: "Mean",
        median: "Median",
        zero: "0 min",
    },
    Metrics {
        review: &CHINESE,
        by_severity: "依最高嚴重程度",
        by_component: "依元件",
        unknown: "Edge cache（不在服務目錄中）",
        headers: ["最高嚴重程度", "事故數", "偵測時間", "確認受理時間", "緩解時間", "解決時間"],
        mean: "平均",
        median: "中位數",
        zero: "0 分鐘",
    },
];

/// The page's address after the path: its filters and range.
async fn address_query(app: &App<'_>) -> Option<String> {
    app.client.current_url().await.ok()?.query().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_date_cut_short_is_refused_and_the_metrics_range_lives_in_the_address() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Login outage", "SEV1").await;
    app.follow("Post-incident review").await;
    app.press("Start the review").await;

    // The review's item form: a date cut short is refused with the reason and
    // kept in the field; nothing is added. A whole date is used.
    app.fill("Item", ITEM).await;
    app.fill("Owner", "Ana Lee").await;
    app.select("Status", "Committed").await;
    let due = app.field("Due date").await;
    assert_eq!(due.attr("placeholder").await.expect("placeholder").as_deref(), Some("YYYY-MM-DD"));
    app.fill("Due date", "2026-12").await;
    app.press("Add item").await;
    let cut_short = "“2026-12” is not a whole date, so it was not used. Type the year, month and day, as YYYY-MM-DD.";
    app.wait_text(cut_short).await;
    assert_eq!(app.field("Due date").await.prop("value").await.expect("value").as_deref(), Some("2026-12"));
    assert!(app.texts("//table//tr/td[2]").await.is_empty(), "nothing added");
    app.fill("Due date", "2027-01-15").await;
    app.press("Add item").await;
    let added = format!("//table//tr[td[2][normalize-space(.)='{ITEM}']]/td[5][normalize-space(.)='2027-01-15']");
    app.wait_for(Locator::XPath(&added), "the item with its due date").await;

    // On the plan: the same refusal, the typed text kept and marked; the stored
    // date is still there after a reload. A whole date is saved.
    app.follow("Remediation plan").await;
    let (due, save) = (format!("Due date: {ITEM}"), format!("Save: {ITEM}"));
    holds(&app, &due, "2027-01-15").await;
    enter_due_date(&app, &due, "2026-12").await;
    app.press_labelled(&save).await;
    app.wait_text(cut_short).await;
    assert_eq!(value_of(&app, &due).await, "2026-12", "what was typed stays");
    assert_eq!(app.named(&due).await.attr("aria-invalid").await.expect("aria-invalid").as_deref(), Some("true"));
    app.named(&due).await.send_keys("-3").await.expect("type again");
    eventually("the reason gone once typed in again", || async {
        let invalid = app.named(&due).await.attr("aria-invalid").await.ok()??;
        (invalid == "false").then_some(())
    })
    .await;
    app.reload().await;
    holds(&app, &due, "2027-01-15").await;
    enter_due_date(&app, &due, "2027-02-01").await;
    app.press_labelled(&save).await;
    app.wait_status(&format!("Saved: {ITEM}")).await;
    app.reload().await;
    holds(&app, &due, "2027-02-01").await;

    // The metrics' range: read when a field is left, refused with the reason
    // while the tables keep the range in use, and in the address.
    let today = Utc::now().date_naive();
    assert_eq!(
        app.field("From").await.prop("value").await.expect("value"),
        Some((today - Duration::days(90)).to_string())
    );
    assert_eq!(app.field("To").await.prop("value").await.expect("value"), Some(today.to_string()));
    let (from, to) = (today - Duration::days(30), today + Duration::days(30));
    app.fill("From", &format!("{from}{}", Key::Tab)).await;
    eventually("the start in the address", || async {
        (address_query(&app).await == Some(format!("from={from}"))).then_some(())
    })
    .await;
    app.fill("To", &format!("2026-12{}", Key::Tab)).await;
    app.wait_text(cut_short).await;
    assert_eq!(metrics_row(&app, "By worst severity", "SEV1").await[0], "1", "the tables stay");
    app.fill("To", &format!("{to}{}", Key::Tab)).await;
    let both = format!("from={from}&to={to}");
    eventually("the range in the address", || async {
        (address_query(&app).await == Some(both.clone())).then_some(())
    })
    .await;
    app.reload().await;
    holds(&app, "Due date: Alert on login errors", "2027-02-01").await;
    assert_eq!(app.field("From").await.prop("value").await.expect("value"), Some(from.to_string()));
    assert_eq!(app.field("To").await.prop("value").await.expect("value"), Some(to.to_string()));
    assert_eq!(metrics_row(&app, "By worst severity", "SEV1").await[0], "1");
    assert_eq!(address_query(&app).await, Some(both.clone()));

    // The same refusals in Traditional Chinese; the range stays.
    app.select("Language", "繁體中文").await;
    eventually("the language switched", || async { (app.lang().await == "zh-TW").then_some(()) }).await;
    let due = format!("期限：{ITEM}");
    enter_due_date(&app, &due, "2026-12").await;
    app.press_labelled(&format!("儲存：{ITEM}")).await;
    app.wait_text("「2026-12」不是完整的日期，因此沒有採用。請輸入年、月、日，格式為 YYYY-MM-DD。").await;
    app.fill("結束日期", &format!("2026-13-01{}", Key::Tab)).await;
    app.wait_text("「2026-13-01」不是實際存在的日期，因此沒有採用。請檢查月與日。").await;
    assert_eq!(metrics_row(&app, "依最高嚴重程度", "SEV1").await[0], "1", "the tables stay");
    app.reload().await;
    holds(&app, &due, "2027-02-01").await;
    assert_eq!(app.field("結束日期").await.prop("value").await.expect("value"), Some(to.to_string()));
    assert_eq!(address_query(&app).await, Some(both));
    browser.client.clone().close().await.expect("close the browser");
}
