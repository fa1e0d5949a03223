//! Nothing typed is silently replaced or misread: a date-time field holding only
//! a time ("09:05") is refused with the reason wherever the incident page asks
//! for a time (the timeline's back-date, a milestone, the next status update),
//! and the entry's text stays; a complete time is used. A status update written
//! by hand is kept when the template is offered, replaced only on the
//! responder's word, and the replacement can be undone. In both languages (the
//! milestone's and the next update's refusals and the template's Undo too), and
//! the entry is still there after a reload. The review's meeting time is typed the
//! same way: a time alone is refused and the stored meeting kept; a whole one is
//! kept, and closing the incident names it.

use crate::browser::{cdp, Browser};
use crate::clock::PageClock;
use crate::command::minutes_ago;
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{TimeZone, Utc};
use fantoccini::key::Key;

const HAND_WRITTEN: &str = "Card payments fail for some customers in Europe; we are rolling back.";

/// The value of the field labelled `label`.
async fn value(app: &App<'_>, label: &str) -> String {
    app.field(label).await.prop("value").await.expect("read a value").unwrap_or_default()
}

/// Types `text` into the timeline's field and presses Enter.
async fn enter_note(app: &App<'_>, label: &str, text: &str) {
    let field = app.field(label).await;
    field.clear().await.expect("clear the entry");
    field.send_keys(&format!("{text}{}", Key::Enter)).await.expect("type the entry");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_times_are_refused_and_hand_written_updates_kept() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    PageClock::install(&browser.client, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()).await;
    app.open("/").await;
    app.declare_incident("Card payments failing", "SEV1").await;

    // Only a time typed in "Happened at": refused with the reason, nothing added,
    // the entry's text kept.
    app.disclose("Time, tag, visibility and evidence").await;
    app.fill("Happened at (optional)", "09:05").await;
    enter_note(&app, "New timeline entry", "Rolled back the deploy").await;
    app.wait_status("“09:05” has a time but no date, so it was not used. Type the date too, as YYYY-MM-DD HH:MM.")
        .await;
    assert_eq!(value(&app, "New timeline entry").await, "Rolled back the deploy", "the text stays");
    let timeline = app.timeline("Timeline").await;
    assert!(!timeline.iter().any(|e| e.contains("Rolled back")), "nothing added: {timeline:?}");
    assert_eq!(
        app.field("Happened at (optional)").await.attr("aria-invalid").await.expect("aria-invalid").as_deref(),
        Some("true")
    );

    // The date and time typed whole: the entry is added at that time.
    let earlier = minutes_ago(&app, 10).await.replace('T', " ");
    app.fill("Happened at (optional)", &earlier).await;
    enter_note(&app, "New timeline entry", "Rolled back the deploy").await;
    app.wait_status("Saved").await;
    eventually("the back-dated entry", || async {
        let timeline = app.timeline("Timeline").await;
        timeline.iter().any(|e| e == "Rolled back the deploy").then_some(())
    })
    .await;
    app.wait_text(&earlier).await;

    // A milestone and the next update time refuse a time without a date too.
    app.fill("Impact started at (local time)", "08:40").await;
    app.press_labelled("Set Impact started to the time entered").await;
    app.wait_text("“08:40” has a time but no date, so it was not used.").await;
    app.fill("Next update by", "10:00").await;
    app.fill("Update text", HAND_WRITTEN).await;
    app.press("Post and copy").await;
    app.wait_text("“10:00” has a time but no date, so it was not used.").await;
    assert_eq!(app.texts("//ol[@aria-label='Update history']/li").await.len(), 0, "nothing posted");

    // The template asks before replacing the hand-written text, which stays.
    app.press("Use template").await;
    app.wait_text("The update text holds words of yours. Replace them with the template?").await;
    app.press("Keep my text").await;
    assert_eq!(value(&app, "Update text").await, HAND_WRITTEN);
    // Replaced on the responder's word, then undone.
    app.press("Use template").await;
    app.press("Replace with the template").await;
    eventually("the template in the text", || async {
        value(&app, "Update text").await.starts_with("We are investigating").then_some(())
    })
    .await;
    app.press("Undo the template").await;
    app.wait_status("Your text is back.").await;
    assert_eq!(value(&app, "Update text").await, HAND_WRITTEN);

    // In Traditional Chinese, the same refusal in its words.
    app.select("Language", "繁體中文").await;
    app.heading("Card payments failing").await;
    app.fill("發生時間（選填）", "09:05").await;
    enter_note(&app, "新增時間軸項目", "回復部署").await;
    app.wait_status("「09:05」只有時間沒有日期，因此沒有採用。請一併輸入日期，格式為 YYYY-MM-DD HH:MM。").await;
    app.fill("影響開始時間（本地時間）", "08:40").await;
    app.press_labelled("設定「影響開始」為輸入的時間").await;
    app.wait_text("「08:40」只有時間沒有日期，因此沒有採用。").await;
    app.fill("下次更新", "10:00").await;
    app.fill("更新內容", HAND_WRITTEN).await;
    app.press("發布並複製").await;
    app.wait_text("「10:00」只有時間沒有日期，因此沒有採用。").await;
    assert_eq!(app.texts("//ol[@aria-label='更新紀錄']/li").await.len(), 0, "nothing posted");
    app.press("套用範本").await;
    app.wait_text("更新內容裡有你自己寫的文字。要以範本取代嗎？").await;
    app.press("保留我的文字").await;
    assert_eq!(value(&app, "更新內容").await, HAND_WRITTEN);
    app.press("套用範本").await;
    app.press("以範本取代").await;
    eventually("the Chinese template in the text", || async {
        let text = value(&app, "更新內容").await;
        (text != HAND_WRITTEN && !text.is_empty()).then_some(())
    })
    .await;
    app.wait_text("範本已取代原本的文字。").await;
    app.press("復原範本").await;
    app.wait_status("你的文字已還原。").await;
    assert_eq!(value(&app, "更新內容").await, HAND_WRITTEN);
    app.select("語言", "English").await;

    // After a reload the back-dated entry is there at its time.
    app.reload().await;
    app.heading("Card payments failing").await;
    eventually("the entry after reload", || async {
        app.timeline("Timeline").await.iter().any(|e| e == "Rolled back the deploy").then_some(())
    })
    .await;
    app.wait_text(&earlier).await;

    browser.client.clone().close().await.expect("close the browser");
}

/// The value of the review's meeting field once the page shows it.
async fn meeting_holds(app: &App<'_>, label: &str, expected: &str) {
    eventually(&format!("the meeting field holding {expected:?}"), || async {
        (value(app, label).await == expected).then_some(())
    })
    .await;
}

/// Whether the field labelled `label` is marked invalid.
async fn invalid(app: &App<'_>, label: &str) -> bool {
    app.field(label).await.attr("aria-invalid").await.expect("aria-invalid").as_deref() == Some("true")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_meeting_needs_its_date_and_closing_names_it() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Checkout down", "SEV2").await;
    app.set_status("Resolved").await;
    app.wait_text("Status changed from Triage to Resolved").await;
    let incident = app.client.current_url().await.expect("the incident's address");
    app.follow("Post-incident review").await;
    app.press("Start the review").await;

    // A whole date and time is kept, on a 24-hour clock, through a reload.
    let meeting = "Review meeting (local time)";
    let field = app.field(meeting).await;
    assert_eq!(field.attr("type").await.expect("type").as_deref(), Some("text"));
    assert_eq!(field.attr("placeholder").await.expect("placeholder").as_deref(), Some("YYYY-MM-DD HH:MM"));
    app.fill(meeting, "2026-12-03 14:30").await;
    app.press("Save header").await;
    app.wait_status("Saved").await;
    app.reload().await;
    meeting_holds(&app, meeting, "2026-12-03 14:30").await;

    // Only a time: refused with the reason, kept in the field, the stored meeting
    // untouched; typing again clears the reason.
    app.fill(meeting, "09:05").await;
    app.press("Save header").await;
    app.wait_text("“09:05” has a time but no date, so it was not used. Type the date too, as YYYY-MM-DD HH:MM.").await;
    assert_eq!(value(&app, meeting).await, "09:05", "what was typed stays");
    assert!(invalid(&app, meeting).await);
    app.field(meeting).await.send_keys("x").await.expect("type again");
    eventually("the reason gone", || async { (!invalid(&app, meeting).await).then_some(()) }).await;
    assert!(app.texts("//*[@id='review-meeting-error']").await.iter().all(String::is_empty));
    app.reload().await;
    meeting_holds(&app, meeting, "2026-12-03 14:30").await;

    // The same in Traditional Chinese.
    app.select("Language", "繁體中文").await;
    eventually("the language switched", || async { (app.lang().await == "zh-TW").then_some(()) }).await;
    let meeting = "檢討會議（本地時間）";
    app.fill(meeting, "09:05").await;
    app.press("儲存基本資訊").await;
    app.wait_text("「09:05」只有時間沒有日期，因此沒有採用。請一併輸入日期，格式為 YYYY-MM-DD HH:MM。").await;
    assert_eq!(value(&app, meeting).await, "09:05");
    app.reload().await;
    meeting_holds(&app, meeting, "2026-12-03 14:30").await;

    // Closing names the meeting, in either language, and closes on the lead's word.
    app.client.goto(incident.as_str()).await.expect("back to the incident");
    app.heading("Checkout down").await;
    app.select("狀態", "已結案").await;
    app.press("變更狀態").await;
    app.wait_text("檢討會議已排定在 2026-12-03 14:30。").await;
    app.press("先不要").await;
    app.select("語言", "English").await;
    eventually("English", || async { (app.lang().await == "en").then_some(()) }).await;
    app.select("Status", "Closed").await;
    app.press("Change status").await;
    app.wait_text("The review meeting is scheduled for 2026-12-03 14:30.").await;
    app.press("Close the incident").await;
    app.wait_text("Status changed from Resolved to Closed").await;
    browser.client.clone().close().await.expect("close the browser");
}

/// Installed before the app's scripts: while `window.__hold` is set, the
/// `complete` event of every read-write IndexedDB transaction is held back
/// until `window.__release()` (a disk that takes its time), so that typing can
/// go on while an entry is being stored.
const HOLD_WRITES: &str = "window.__held = []; window.__hold = false; \
    window.__release = () => { window.__hold = false; window.__held.splice(0).forEach((deliver) => deliver()); }; \
    const later = (tx, listener) => function (event) { \
      if (tx.mode === 'readwrite' && window.__hold) { window.__held.push(() => listener.call(tx, event)); } \
      else { listener.call(tx, event); } }; \
    const property = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete'); \
    Object.defineProperty(IDBTransaction.prototype, 'oncomplete', { configurable: true, \
      get() { return property.get.call(this); }, \
      set(listener) { property.set.call(this, listener && later(this, listener)); } }); \
    const add = IDBTransaction.prototype.addEventListener; \
    IDBTransaction.prototype.addEventListener = function (type, listener, options) { \
      return add.call(this, type, type === 'complete' && typeof listener === 'function' ? later(this, listener) : listener, options); };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_while_an_entry_is_stored_is_kept_and_each_enter_sends_its_own_entry() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    cdp(&browser.client, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": HOLD_WRITES })).await;
    app.open("/").await;
    app.declare_incident("Disk is slow", "SEV2").await;
    let label = "New timeline entry";
    let field = app.field(label).await;

    // The first note is sent and its write held; typing goes on, Enter sends
    // the second note, and a third is typed but not sent.
    app.client.execute("window.__hold = true;", vec![]).await.expect("hold the writes");
    field.send_keys(&format!("Writes queue on the primary{}", Key::Enter)).await.expect("type the first");
    field.send_keys(&format!(" Replica lag at 40 s{}", Key::Enter)).await.expect("type the second");
    field.send_keys(" Failing over").await.expect("type the third");
    assert!(app.timeline("Timeline").await.iter().all(|t| !t.contains("Writes queue")), "the first is not stored yet");
    assert_eq!(value(&app, label).await, "Writes queue on the primary Replica lag at 40 s Failing over");

    // Once stored, each Enter made its own entry, and the field keeps only what
    // was typed after the last Enter.
    app.client.execute("window.__release();", vec![]).await.expect("release the writes");
    eventually("both notes on the timeline", || async {
        let shown = app.timeline("Timeline").await;
        (shown.iter().any(|t| t.contains("Replica lag at 40 s")) && shown.iter().any(|t| t.contains("Writes queue")))
            .then_some(shown)
    })
    .await;
    eventually("the field holding the third", || async { (value(&app, label).await == "Failing over").then_some(()) })
        .await;
    let shown = app.timeline("Timeline").await;
    assert!(
        shown.iter().any(|t| t.ends_with("Writes queue on the primary")),
        "the first note is alone in its entry: {shown:?}"
    );
    assert!(shown.iter().any(|t| t.ends_with("Replica lag at 40 s")), "the second note is alone: {shown:?}");
    assert!(shown.iter().all(|t| !t.contains("Failing over")), "the third was not sent: {shown:?}");

    // A second Enter on the text being stored adds nothing.
    app.client.execute("window.__hold = true;", vec![]).await.expect("hold the writes");
    field.send_keys(&Key::Enter.to_string()).await.expect("send the third");
    field.send_keys(&Key::Enter.to_string()).await.expect("press Enter again");
    app.client.execute("window.__release();", vec![]).await.expect("release the writes");
    eventually("the field emptied", || async { value(&app, label).await.is_empty().then_some(()) }).await;

    // After a reload: each note once, and nothing left in the field.
    app.reload().await;
    app.heading("Disk is slow").await;
    let shown = eventually("the notes after the reload", || async {
        let shown = app.timeline("Timeline").await;
        shown.iter().any(|t| t.contains("Failing over")).then_some(shown)
    })
    .await;
    for note in ["Writes queue on the primary", "Replica lag at 40 s", "Failing over"] {
        assert_eq!(shown.iter().filter(|t| t.ends_with(note)).count(), 1, "{note:?} once in {shown:?}");
    }
    assert_eq!(value(&app, label).await, "", "no draft is offered back");
    browser.client.clone().close().await.expect("close the browser");
}
