//! Steps that complete themselves: the default "Major incident" names the events
//! that tick its first steps (the editor shows them), and a step added in the
//! editor is set to complete itself when the "Mitigated" milestone is set; in a
//! SEV1, assigning the incident lead ticks "Name an incident lead" and says why,
//! "Mark not done" unticks it for good (through a reload), posting the first
//! public update, assigning the communications manager and setting "Mitigated"
//! tick their steps, each with its reason; the reasons read in Traditional
//! Chinese too, and there "Mark not done" unticks a step for good as well.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;

const LEAD: &str = "Name an incident lead who runs the response and makes the calls";
const COMMS: &str = "Name a communications manager: one voice to customers and stakeholders";
const FIRST_UPDATE: &str = "Post the first public status update on the status page within 5 minutes";
/// The step added in the editor, completed by a milestone.
const TELL_SUPPORT: &str = "Tell the support team the fix is out";

/// The text of the option chosen in the editor's "Completes itself when…" of
/// step `number`.
async fn completes_when(app: &App<'_>, number: usize) -> String {
    let xpath = format!(
        "//fieldset[legend[normalize-space(.)='Step {number}']]//label[normalize-space(.)='Completes itself when…']"
    );
    let label = eventually(&format!("step {number}'s completing event"), || async {
        app.client.find(Locator::XPath(&xpath)).await.ok()
    })
    .await;
    let id = label.attr("for").await.expect("label attribute").expect("label has a `for`");
    let script = "const s = document.getElementById(arguments[0]); return s.options[s.selectedIndex].text;";
    let value = app.client.execute(script, vec![id.into()]).await.expect("read the chosen option");
    value.as_str().unwrap_or_default().to_owned()
}

/// The number of steps the runbook editor shows.
async fn step_count(app: &App<'_>) -> usize {
    app.texts("//fieldset[legend[starts-with(normalize-space(.), 'Step ')]]/legend").await.len()
}

/// The editor's control labelled `label` in the fieldset of step `number`.
async fn step_field(app: &App<'_>, number: usize, label: &str) -> Element {
    let xpath = format!("//fieldset[legend[normalize-space(.)='Step {number}']]//label[normalize-space(.)='{label}']");
    let label = eventually(&format!("step {number}'s {label:?}"), || async {
        app.client.find(Locator::XPath(&xpath)).await.ok()
    })
    .await;
    let id = label.attr("for").await.expect("label attribute").expect("label has a `for`");
    app.client.find(Locator::Id(&id)).await.expect("labelled control exists")
}

/// The line under the step labelled `step` that says how it was settled.
async fn settled(app: &App<'_>, step: &str) -> Option<String> {
    let xpath = format!("//li[.//label[normalize-space(.)='{step}']]/p[contains(@class, 'checklist__settled')]");
    let found = app.client.find(Locator::XPath(&xpath)).await.ok()?;
    found.text().await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assigned_roles_and_posted_updates_tick_their_steps_and_a_person_can_untick() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };

    // The editor shows which event completes each default step.
    app.open("/runbooks").await;
    app.follow("Major incident").await;
    app.heading("Major incident").await;
    assert_eq!(completes_when(&app, 1).await, "Incident lead assigned");
    assert_eq!(completes_when(&app, 2).await, "Communications manager assigned");
    assert_eq!(completes_when(&app, 3).await, "Public status update posted");
    assert_eq!(completes_when(&app, 4).await, "Never: ticked by hand");

    // A step added in the editor completes itself when a milestone is set.
    let steps = eventually("the editor's steps", || async {
        let count = step_count(&app).await;
        (count > 4).then_some(count)
    })
    .await;
    app.press("Add step").await;
    let added = steps + 1;
    step_field(&app, added, "Step text").await.send_keys(TELL_SUPPORT).await.expect("type the step");
    let event = step_field(&app, added, "Completes itself when…").await;
    event.select_by_label("Milestone set: Mitigated").await.expect("choose the completing event");
    app.press("Save runbook").await;
    app.wait_status("Saved as version 2").await;
    assert_eq!(completes_when(&app, added).await, "Milestone set: Mitigated");

    // A SEV1 attaches the major-incident checklist; its first step says what ticks it.
    app.open("/").await;
    app.declare_incident("Checkout fails for everyone", "SEV1").await;
    app.section("Checklists").await;
    app.wait_text("Ticks itself when: Incident lead assigned").await;
    assert!(!app.is_checked(LEAD).await);

    // Assigning the incident lead in the roles panel ticks the step, with the reason.
    let lead = app.field("Who takes Incident lead?").await;
    lead.send_keys(&format!("Ana Lee{}", Key::Enter)).await.expect("assign the lead");
    app.wait_text("Ana Lee took the role Incident lead").await;
    eventually("the lead's step ticked", || async { app.is_checked(LEAD).await.then_some(()) }).await;
    let reason = eventually("the reason shown", || async { settled(&app, LEAD).await }).await;
    assert!(reason.starts_with("Done by itself: Incident lead assigned to Ana Lee, "), "{reason:?}");
    assert!(!app.is_checked(COMMS).await, "another role's step waits for its own role");
    app.snapshot("autostep-ticked").await;

    // A person unticks it from the keyboard; the timeline records it.
    let untick = format!("Mark not done: {LEAD}");
    let button =
        app.client.find(Locator::XPath(&format!("//button[@aria-label='{untick}']"))).await.expect("the untick button");
    assert_eq!(button.text().await.expect("its text"), "Mark not done");
    button.send_keys(&Key::Enter.to_string()).await.expect("untick with Enter");
    eventually("the lead's step unticked", || async { (!app.is_checked(LEAD).await).then_some(()) }).await;
    let timeline = app.timeline("Timeline").await;
    assert!(timeline.contains(&format!("Reopened: {LEAD}")), "{timeline:#?}");

    // After a reload it stays unticked: the lead assigned before does not tick it again.
    app.reload().await;
    app.section("Checklists").await;
    app.wait_text("Ana Lee took the role Incident lead").await;
    app.wait_text("Ticks itself when: Incident lead assigned").await;
    assert!(!app.is_checked(LEAD).await, "an untick is not undone by the event it took back");
    assert_eq!(settled(&app, LEAD).await, None);

    // Posting the first public update ticks its step.
    assert!(!app.is_checked(FIRST_UPDATE).await);
    app.press("Use template").await;
    eventually("the template in the text", || async {
        let text = app.field("Update text").await.prop("value").await.ok()??;
        (!text.is_empty()).then_some(())
    })
    .await;
    app.press("Post and copy").await;
    app.wait_text("Update posted").await;
    eventually("the update's step ticked", || async { app.is_checked(FIRST_UPDATE).await.then_some(()) }).await;
    let reason = eventually("the update's reason", || async { settled(&app, FIRST_UPDATE).await }).await;
    assert!(reason.starts_with("Done by itself: Public status update posted by "), "{reason:?}");

    // Assigning the communications manager ticks its step.
    assert!(!app.is_checked(COMMS).await);
    let comms = app.field("Who takes Communications manager?").await;
    comms.send_keys(&format!("Bo Chen{}", Key::Enter)).await.expect("assign the communications manager");
    app.wait_text("Bo Chen took the role Communications manager").await;
    eventually("the manager's step ticked", || async { app.is_checked(COMMS).await.then_some(()) }).await;
    let reason = eventually("the manager's reason", || async { settled(&app, COMMS).await }).await;
    assert!(reason.starts_with("Done by itself: Communications manager assigned to Bo Chen, "), "{reason:?}");

    // Setting the milestone ticks the step the editor gave it to.
    app.wait_text("Ticks itself when: Milestone set: Mitigated").await;
    assert!(!app.is_checked(TELL_SUPPORT).await);
    app.press_labelled("Set Mitigated to now").await;
    eventually("the milestone's step ticked", || async { app.is_checked(TELL_SUPPORT).await.then_some(()) }).await;
    let reason = eventually("the milestone's reason", || async { settled(&app, TELL_SUPPORT).await }).await;
    assert!(reason.starts_with("Done by itself: Milestone set: Mitigated by "), "{reason:?}");

    // The same in Traditional Chinese.
    app.select("Language", "繁體中文").await;
    app.section("檢查清單").await;
    let reason = eventually("the reason in Chinese", || async {
        settled(&app, FIRST_UPDATE).await.filter(|line| line.starts_with("已自動完成："))
    })
    .await;
    assert!(reason.starts_with("已自動完成：已發布公開狀態更新（"), "{reason:?}");
    app.wait_text("自動勾選條件：已指派事故指揮官").await;
    let reason = eventually("the milestone's reason in Chinese", || async {
        settled(&app, TELL_SUPPORT).await.filter(|line| line.starts_with("已自動完成："))
    })
    .await;
    assert!(reason.starts_with("已自動完成：已設定里程碑：已緩解（"), "{reason:?}");
    let reason = settled(&app, COMMS).await.unwrap_or_default();
    assert!(reason.starts_with("已自動完成：已指派溝通負責人（Bo Chen），"), "{reason:?}");

    // Unticked in Chinese, the manager's step stays open through a reload.
    app.press_labelled(&format!("標記為未完成：{COMMS}")).await;
    eventually("the manager's step unticked", || async { (!app.is_checked(COMMS).await).then_some(()) }).await;
    let reopened = format!("重新開啟：{COMMS}");
    eventually("the reopening in the timeline", || async {
        app.timeline("時間軸").await.contains(&reopened).then_some(())
    })
    .await;
    app.reload().await;
    app.section("檢查清單").await;
    app.wait_text("Bo Chen").await;
    app.wait_text("自動勾選條件：已指派溝通負責人").await;
    assert!(!app.is_checked(COMMS).await, "an untick in Chinese is not undone by the event it took back");
    assert_eq!(settled(&app, COMMS).await, None);
    assert!(app.is_checked(FIRST_UPDATE).await, "the other steps stay done");
    app.select("語言", "English").await;
    app.section("Checklists").await;

    browser.client.clone().close().await.expect("close the browser");
}
