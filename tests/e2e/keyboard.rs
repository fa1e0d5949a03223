//! An incident lead runs a SEV1 from declaration to closure in Traditional
//! Chinese with the keyboard alone: Tab to reach a control, arrows to pick,
//! typing and Enter to act. The communications manager posts an update the same way. Every control is reached by Tab from where the last
//! action left the focus, so the test also proves that acting does not throw the
//! focus away. After a reload everything is still there.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;

/// How many Tab presses may separate two controls before the test gives up.
const MAX_TABS: usize = 300;

/// Presses each key of `keys` in turn on whatever has the focus.
async fn keys(app: &App<'_>, keys: &str) {
    app.keys(keys).await;
}

/// Presses one special key.
async fn press(app: &App<'_>, key: Key) {
    keys(app, &char::from(key).to_string()).await;
}

/// The accessible name of the focused control as a user hears it: its label, its
/// `aria-label`, or its text.
async fn focused_name(app: &App<'_>) -> String {
    let script = "const e = document.activeElement; \
        const label = e.labels && e.labels.length ? e.labels[0].textContent : ''; \
        return (label || e.getAttribute('aria-label') || e.textContent || '').replace(/\\s+/g, ' ').trim();";
    let value = app.client.execute(script, vec![]).await.expect("read the focus");
    value.as_str().unwrap_or_default().to_owned()
}

/// Presses Tab until the focused control's name starts with `name`.
async fn tab_to(app: &App<'_>, name: &str) {
    let mut passed = Vec::new();
    for _ in 0..MAX_TABS {
        let focused = focused_name(app).await;
        if focused.starts_with(name) {
            return;
        }
        passed.push(focused);
        press(app, Key::Tab).await;
    }
    panic!("Tab never reached {name:?}; it passed {passed:?}");
}

/// Waits until the focused control's name starts with `name`.
async fn focus_lands_on(app: &App<'_>, name: &str) {
    eventually(&format!("the focus on {name:?}"), || async { focused_name(app).await.starts_with(name).then_some(()) })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sev1_runs_from_declaration_to_closure_from_the_keyboard_in_chinese() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;

    // The language list is the first control after the navigation.
    tab_to(&app, "Language").await;
    press(&app, Key::Down).await;
    app.heading("事故").await;
    assert_eq!(app.lang().await, "zh-TW");

    // Declare: the title, then SEV1 with the arrows, then Enter on the button.
    tab_to(&app, "事故標題").await;
    keys(&app, "結帳服務全面中斷").await;
    press(&app, Key::Tab).await;
    for _ in 0..10 {
        if focused_name(&app).await.starts_with("SEV1") {
            break;
        }
        press(&app, Key::Up).await;
    }
    focus_lands_on(&app, "SEV1").await;
    // No level is picked for the responder: Space picks the focused one.
    press(&app, Key::Space).await;
    tab_to(&app, "宣告事故").await;
    press(&app, Key::Enter).await;
    app.heading("結帳服務全面中斷").await;
    // The default runbooks were written in the browser's language, English, when
    // the workspace was set up; they are the team's text and stay as written.
    app.wait_text("Major incident").await;

    // Roles: type a name and press Enter; the field keeps the focus.
    tab_to(&app, "由誰擔任事故指揮官？").await;
    keys(&app, &format!("Ana Lee{}", char::from(Key::Enter))).await;
    app.wait_text("Ana Lee").await;
    focus_lands_on(&app, "由誰擔任事故指揮官？").await;
    tab_to(&app, "由誰擔任溝通負責人？").await;
    keys(&app, &format!("Bo Chen{}", char::from(Key::Enter))).await;
    app.wait_text("Bo Chen").await;

    // The communications manager fills the first update from its template and posts it.
    tab_to(&app, "套用範本").await;
    press(&app, Key::Enter).await;
    focus_lands_on(&app, "更新內容").await;
    let template = eventually("the template in the text", || async {
        let text = app.field("更新內容").await.prop("value").await.ok()??;
        (!text.trim().is_empty()).then_some(text)
    })
    .await;
    tab_to(&app, "發布並複製").await;
    press(&app, Key::Enter).await;
    app.wait_text("更新已發布").await;

    // Milestones, in order, each set to now with Enter.
    for milestone in ["影響開始", "偵測到", "已確認受理", "已緩解", "已解決"] {
        tab_to(&app, &format!("將「{milestone}」設為現在")).await;
        press(&app, Key::Enter).await;
        app.wait_text(&format!("里程碑：{milestone}")).await;
    }

    // A timeline entry, written and added with Enter.
    tab_to(&app, "新增時間軸項目").await;
    keys(&app, &format!("回滾設定後結帳恢復{}", char::from(Key::Enter))).await;
    app.wait_text("回滾設定後結帳恢復").await;

    // The status list is walked with the arrows down to "closed"; only the button
    // changes the status, so one change is recorded, not one per status passed.
    tab_to(&app, "狀態").await;
    for _ in 0..6 {
        press(&app, Key::Down).await;
    }
    tab_to(&app, "變更狀態").await;
    press(&app, Key::Enter).await;
    // Closing asks first, and says the review meeting is not scheduled.
    focus_lands_on(&app, "要結案嗎？").await;
    tab_to(&app, "在未排定檢討會議下結案").await;
    press(&app, Key::Enter).await;
    app.wait_text("狀態由「分級評估」改為「已結案」").await;
    let status_changes = app.timeline("時間軸").await.iter().filter(|e| e.contains("狀態由")).count();
    assert_eq!(status_changes, 1, "one status change is recorded");

    // After a reload: closed, both roles held, every milestone and the entry there.
    app.reload().await;
    app.heading("結帳服務全面中斷").await;
    assert_eq!(app.lang().await, "zh-TW");
    let status = app.field("狀態").await.prop("value").await.expect("status value");
    assert_eq!(status.as_deref(), Some("closed"));
    for text in ["Ana Lee", "Bo Chen", "回滾設定後結帳恢復", "狀態由「分級評估」改為「已結案」"]
    {
        app.wait_text(text).await;
    }
    let history = "//ol[@aria-label='更新紀錄']/li";
    let updates = app.texts(history).await;
    assert_eq!(updates.len(), 1, "the posted update is kept");
    let first_line = template.lines().next().unwrap_or_default().trim();
    assert!(updates[0].contains(first_line), "the update holds its text: {updates:?}");
    let entries = app.timeline("時間軸").await;
    for milestone in ["影響開始", "偵測到", "已確認受理", "已緩解", "已解決"] {
        assert!(
            entries.iter().any(|e| e.contains(&format!("里程碑：{milestone}"))),
            "milestone {milestone} on the timeline: {entries:?}"
        );
    }
}

/// The id of the focused element.
async fn focused_id(app: &App<'_>) -> String {
    let value = app.client.execute("return document.activeElement.id;", vec![]).await.expect("read the focus");
    value.as_str().unwrap_or_default().to_owned()
}

/// Presses Enter on the button whose visible text or accessible name is `name`.
async fn enter_on(app: &App<'_>, name: &str) {
    let xpath = format!("//button[normalize-space(.)='{name}' or starts-with(@aria-label, '{name}')]");
    let button = app.wait_for(fantoccini::Locator::XPath(&xpath), name).await;
    button.send_keys(&Key::Enter.to_string()).await.expect("press Enter on the button");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_that_opens_a_form_takes_the_focus_into_it() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Login fails", "SEV2").await;
    // Closing before the incident is resolved is refused with the reason,
    // without first asking to confirm a close that cannot happen.
    app.select("Status", "Closed").await;
    app.press("Change status").await;
    app.wait_text("Set the “Resolved” milestone before closing the incident.").await;
    assert!(app.texts("//h3").await.iter().all(|h| h != "Close this incident?"), "no question asked");
    for (button, lands_on) in [("Change severity", "new-severity"), ("Skip step: ", "skip-")] {
        enter_on(&app, button).await;
        eventually(&format!("{button:?} to focus {lands_on:?}"), || async {
            focused_id(&app).await.starts_with(lands_on).then_some(())
        })
        .await;
    }
    // A template offered over text written by hand asks first, and the focus
    // is on the question.
    app.fill("Update text", "Logins fail for some customers.").await;
    enter_on(&app, "Use template").await;
    eventually("the focus on the question", || async {
        (focused_id(&app).await == "update-template-question").then_some(())
    })
    .await;
    browser.client.clone().close().await.expect("close the browser");
}
