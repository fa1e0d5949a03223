//! People: adding a name the directory has offers to update that person and
//! never blanks their team or contact; a person is edited in place; a removal is
//! undone. In both languages, and all of it is still there after a reload. On an
//! incident, several holders of a shared role are typed separated by commas; a
//! role with one holder says so, in both languages.

use crate::browser::Browser;
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::key::Key;
use fantoccini::Locator;

/// The cells of the directory's row for `name`.
async fn row(app: &App<'_>, name: &str) -> Vec<String> {
    let xpath = format!("//table[contains(@class, 'people__list')]//tr[td[1][normalize-space(.)='{name}']]/td");
    let mut cells = app.texts(&xpath).await;
    cells.truncate(3);
    cells
}

/// Waits until the row for `name` reads `cells`.
async fn row_reads(app: &App<'_>, name: &str, cells: [&str; 3]) {
    eventually(&format!("{name}'s row reading {cells:?}"), || async { (row(app, name).await == cells).then_some(()) })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_added_again_keeps_their_details_and_a_removal_is_undone() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    app.open("/settings").await;
    app.fill("Name", "Ana Lee").await;
    app.fill("Team", "SRE").await;
    app.fill("How to reach them", "+886 912 345 678").await;
    app.press("Add person").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "SRE", "+886 912 345 678"]).await;

    // The same name again, with nothing else: an offer, and keeping changes nothing.
    app.fill("Name", "Ana Lee").await;
    app.press("Add person").await;
    app.wait_text(
        "Ana Lee is already in the directory (team: SRE; contact: +886 912 345 678). Update their details with \
         what you typed? A field left empty keeps its value.",
    )
    .await;
    app.press("Keep Ana Lee as listed").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "SRE", "+886 912 345 678"]).await;

    // Again with a new team: updated, the contact left empty is kept.
    app.fill("Name", "Ana Lee").await;
    app.fill("Team", "Payments").await;
    app.press("Add person").await;
    app.press("Update Ana Lee").await;
    app.wait_status("Saved Ana Lee.").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "+886 912 345 678"]).await;

    // Edited in place.
    app.press_labelled("Edit Ana Lee").await;
    app.wait_text("Editing Ana Lee.").await;
    assert_eq!(app.field("Team").await.prop("value").await.expect("value").as_deref(), Some("Payments"));
    app.fill("How to reach them", "ana@example.com").await;
    app.press("Save changes").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "ana@example.com"]).await;
    app.client
        .find(Locator::XPath("//td/a[normalize-space(.)='ana@example.com' and @href='mailto:ana@example.com']"))
        .await
        .expect("the address as a mailto: link");

    // Removed, then undone.
    app.press_labelled("Remove Ana Lee").await;
    app.wait_text("Removed Ana Lee.").await;
    eventually("the row gone", || async { row(&app, "Ana Lee").await.is_empty().then_some(()) }).await;
    app.press_labelled("Undo removing Ana Lee").await;
    app.wait_text("Ana Lee is back in the directory.").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "ana@example.com"]).await;

    // After a reload, and in Traditional Chinese.
    app.reload().await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "ana@example.com"]).await;
    app.select("Language", "繁體中文").await;
    app.heading("設定").await;
    app.fill("姓名", "Ana Lee").await;
    app.press("新增人員").await;
    app.wait_text("名錄中已有 Ana Lee（團隊：Payments；聯絡方式：ana@example.com）。").await;
    app.press("保留 Ana Lee 原本的資料").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "ana@example.com"]).await;
    app.press_labelled("移除 Ana Lee").await;
    app.wait_text("已移除 Ana Lee。").await;
    eventually("the row gone", || async { row(&app, "Ana Lee").await.is_empty().then_some(()) }).await;
    app.press_labelled("復原移除 Ana Lee").await;
    app.wait_text("Ana Lee 已回到名錄。").await;
    row_reads(&app, "Ana Lee", ["Ana Lee", "Payments", "ana@example.com"]).await;
    app.select("語言", "English").await;

    // Role holders separated by commas, like components.
    app.open("/").await;
    app.declare_incident("Search is slow", "SEV2").await;
    let experts = app.field("Who takes Subject experts?").await;
    experts.send_keys(&format!("Dan Ortiz, Eve Park{}", Key::Enter)).await.expect("assign experts");
    app.wait_text("Dan Ortiz took the role Subject experts").await;
    app.wait_text("Eve Park took the role Subject experts").await;
    let lead = app.field("Who takes Incident lead?").await;
    lead.send_keys(&format!("Ana Lee, Bo Chen{}", Key::Enter)).await.expect("assign two leads");
    app.wait_text("Incident lead has one holder: type one name.").await;
    let timeline = app.timeline("Timeline").await;
    assert!(!timeline.iter().any(|e| e.contains("Incident lead")), "no lead assigned: {timeline:?}");
    app.reload().await;
    app.heading("Search is slow").await;
    app.wait_text("Eve Park took the role Subject experts").await;

    // The same refusal in Traditional Chinese.
    app.select("Language", "繁體中文").await;
    let lead = app.field("由誰擔任事故指揮官？").await;
    lead.send_keys(&format!("Ana Lee, Bo Chen{}", Key::Enter)).await.expect("assign two leads");
    app.wait_text("「事故指揮官」只能由一人擔任：請輸入一個名字。").await;
    let timeline = app.timeline("時間軸").await;
    assert!(!timeline.iter().any(|e| e.contains("事故指揮官")), "no lead assigned: {timeline:?}");
    app.select("語言", "English").await;

    browser.client.clone().close().await.expect("close the browser");
}

/// Adds a person through the form.
async fn add_person(app: &App<'_>, name: &str, team: &str, reach: &str) {
    app.fill("Name", name).await;
    app.fill("Team", team).await;
    app.fill("How to reach them", reach).await;
    app.press("Add person").await;
    row_reads(app, name, [name, team, reach]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_never_replaces_a_person_the_form_did_not_show() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/settings").await;
    add_person(&app, "Ann Wu", "DBA", "ann-phone").await;
    add_person(&app, "Bob Lin", "Network", "bob-pager").await;

    // Renamed to a name another person has: refused, both kept.
    app.press_labelled("Edit Ann Wu").await;
    app.fill("Name", "Bob Lin").await;
    app.press("Save changes").await;
    app.wait_text("Nothing was saved: Bob Lin is already in the directory (team: Network; contact: bob-pager).").await;
    row_reads(&app, "Bob Lin", ["Bob Lin", "Network", "bob-pager"]).await;
    row_reads(&app, "Ann Wu", ["Ann Wu", "DBA", "ann-phone"]).await;
    app.press("Cancel editing").await;

    // Edited in a second tab while this tab's form still shows the old details:
    // this tab's save is refused and its form shows what is stored now.
    let first = client.window().await.expect("the first tab");
    app.press_labelled("Edit Ann Wu").await;
    app.wait_text("Editing Ann Wu.").await;
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second.clone()).await.expect("switch to the second tab");
    app.open("/settings").await;
    app.press_labelled("Edit Ann Wu").await;
    app.fill("How to reach them", "ann-new-phone").await;
    app.press("Save changes").await;
    row_reads(&app, "Ann Wu", ["Ann Wu", "DBA", "ann-new-phone"]).await;
    client.switch_to_window(first).await.expect("back to the first tab");
    app.fill("Team", "Storage").await;
    app.press("Save changes").await;
    app.wait_text("Nothing was saved: Ann Wu was changed or removed elsewhere while you edited.").await;
    eventually("the form showing the stored contact", || async {
        let reach = app.field("How to reach them").await.prop("value").await.expect("value");
        (reach.as_deref() == Some("ann-new-phone")).then_some(())
    })
    .await;
    // Made again on what is stored, the change keeps the other tab's.
    app.fill("Team", "Storage").await;
    app.press("Save changes").await;
    row_reads(&app, "Ann Wu", ["Ann Wu", "Storage", "ann-new-phone"]).await;
    app.reload().await;
    row_reads(&app, "Ann Wu", ["Ann Wu", "Storage", "ann-new-phone"]).await;
    row_reads(&app, "Bob Lin", ["Bob Lin", "Network", "bob-pager"]).await;
}
