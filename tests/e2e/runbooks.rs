//! The runbook library: the default "Major incident" is edited (a conditional
//! step added, an empty step refused), saved as version 2 and exported as
//! Markdown; a second browser with a fresh profile imports the file, which becomes
//! version 2 of its own "Major incident" with the same steps, and a second import
//! changes nothing; everything survives a reload. Two Markdown runbooks a team
//! already has are imported at once, adjusted in the preview, saved and run in an
//! incident, where a step's details show its command and copy it.

use crate::browser::{download_dir, downloaded, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use fantoccini::elements::Element;
use fantoccini::Locator;

/// One step as the editor shows it: text, required, role, "Applies at" as
/// shown, component.
type StepSeen = (String, bool, String, String, String);

/// The editor's control labelled `label` inside the fieldset of step `number`.
async fn step_field(app: &App<'_>, number: usize, label: &str) -> Element {
    let xpath = format!("//fieldset[legend[normalize-space(.)='Step {number}']]//label[normalize-space(.)='{label}']");
    let label = eventually(&format!("step {number} field {label:?}"), || async {
        app.client.find(Locator::XPath(&xpath)).await.ok()
    })
    .await;
    let id = label.attr("for").await.expect("label attribute").expect("label has a `for`");
    app.client.find(Locator::Id(&id)).await.expect("labelled control exists")
}

/// Every step of the editor, top to bottom: the items of the list under the
/// heading "Steps" (「步驟」).
async fn editor_steps(app: &App<'_>) -> Vec<StepSeen> {
    let script = "const heading = [...document.querySelectorAll('h2')] \
            .find(h => ['Steps', '步驟'].includes(h.textContent.trim())); \
        const list = heading ? heading.parentElement.querySelector('ol') : null; \
        return [...(list ? list.children : [])].map(li => { \
        const inputs = li.querySelectorAll('input'); const select = li.querySelector('select'); \
        return [inputs[0].value, inputs[1].checked, inputs[2].value, \
                select.options[select.selectedIndex].text, inputs[3].value]; });";
    let value = app.client.execute(script, vec![]).await.expect("read the steps");
    serde_json::from_value(value).expect("steps as data")
}

/// The steps, once the editor shows `count` of them.
async fn wait_steps(app: &App<'_>, count: usize) -> Vec<StepSeen> {
    eventually(&format!("{count} steps"), || async {
        let steps = editor_steps(app).await;
        (steps.len() == count).then_some(steps)
    })
    .await
}

/// The id of the focused element.
async fn focused_id(app: &App<'_>) -> String {
    let value = app.client.execute("return document.activeElement.id;", vec![]).await.expect("read focus");
    value.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runbook_is_edited_exported_and_imported_into_another_browser() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("runbooks");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base: base.clone() };

    // The library lists the default runbook.
    app.open("/runbooks").await;
    app.heading("Runbooks").await;
    app.section("Runbooks in use").await;
    app.wait_text("attaches at SEV1, SEV2").await;
    app.snapshot("runbooks").await;

    // Edit it: a new step, focused when added, applying at SEV2 or worse when the
    // CDN is affected.
    app.follow("Major incident").await;
    app.heading("Major incident").await;
    app.wait_text("Version 1").await;
    let before = editor_steps(&app).await;
    assert!(!before.is_empty(), "the default runbook has steps");
    let number = before.len() + 1;
    app.press("Add step").await;
    wait_steps(&app, number).await;
    eventually("focus on the new step", || async {
        (focused_id(&app).await == step_field(&app, number, "Step text").await.attr("id").await.ok()??).then_some(())
    })
    .await;
    step_field(&app, number, "Step text").await.send_keys("Check the CDN status page").await.expect("type");
    step_field(&app, number, "Role").await.send_keys("Subject expert").await.expect("type");
    step_field(&app, number, "Applies at").await.select_by_label("SEV2 or worse").await.expect("choose");
    step_field(&app, number, "Applies when affected").await.send_keys("CDN").await.expect("type");

    // An empty step is refused with its number, and focused.
    app.press("Add step").await;
    wait_steps(&app, number + 1).await;
    app.press("Save runbook").await;
    app.wait_text(&format!("Step {} has no text. Write what to do, or remove the step.", number + 1)).await;
    let empty_field = step_field(&app, number + 1, "Step text").await.attr("id").await.expect("id");
    assert_eq!(Some(focused_id(&app).await), empty_field, "the empty step takes focus");
    app.snapshot("runbook-refused").await;
    app.press_labelled(&format!("Remove step {}", number + 1)).await;
    app.wait_status(&format!("Step {} removed.", number + 1)).await;

    app.press("Save runbook").await;
    app.wait_status("Saved as version 2").await;
    app.wait_text("Version 2").await;
    let edited = wait_steps(&app, number).await;
    assert_eq!(
        edited.last().expect("a last step"),
        &(
            "Check the CDN status page".to_owned(),
            true,
            "Subject expert".to_owned(),
            "SEV2 or worse".to_owned(),
            "CDN".to_owned()
        )
    );
    app.press("Save runbook").await;
    app.wait_status("No changes to save").await;
    app.snapshot("runbook-editor").await;

    // A new runbook: a name already in use is refused; steps move with the
    // keyboard focus following; saving opens the runbook at its own address.
    app.follow("All runbooks").await;
    app.follow("New runbook").await;
    app.heading("New runbook").await;
    app.fill("Name", "major INCIDENT").await;
    step_field(&app, 1, "Step text").await.send_keys("Purge the CDN cache").await.expect("type");
    app.press("Save runbook").await;
    app.wait_text("Another runbook is already called “Major incident”. Choose a different name.").await;
    assert_eq!(focused_id(&app).await, "runbook-name", "the name takes focus");
    app.fill("Name", "CDN outage").await;
    app.fill("Description", "When the CDN serves errors or stale pages.").await;
    app.tick("SEV2").await;
    app.press("Add step").await;
    step_field(&app, 2, "Step text").await.send_keys("Switch traffic to the origin").await.expect("type");
    app.press_labelled("Move up: step 2").await;
    app.wait_status("Step moved to place 1 of 2.").await;
    eventually("focus on Move down: step 1", || async {
        let label =
            app.client.execute("return document.activeElement.getAttribute('aria-label');", vec![]).await.ok()?;
        (label.as_str() == Some("Move down: step 1")).then_some(())
    })
    .await;
    app.press("Save runbook").await;
    app.heading("CDN outage").await;
    app.wait_status("Saved as version 1").await;
    eventually("focus on Save", || async { (focused_id(&app).await == "runbook-save").then_some(()) }).await;
    app.snapshot("runbook-new").await;
    let url = app.client.current_url().await.expect("url");
    assert!(url.path().starts_with("/runbooks/") && !url.path().ends_with("/new"), "own address: {url}");
    let steps: Vec<String> = wait_steps(&app, 2).await.into_iter().map(|step| step.0).collect();
    assert_eq!(steps, ["Switch traffic to the origin", "Purge the CDN cache"]);

    // Duplicate, archive and restore from the list.
    app.follow("All runbooks").await;
    app.wait_text("attaches at SEV2").await;
    app.press_labelled("Duplicate CDN outage").await;
    app.wait_status("Created “Copy of CDN outage”.").await;
    app.press_labelled("Archive Copy of CDN outage").await;
    app.wait_status("Archived “Copy of CDN outage”. Incidents already running keep their checklist.").await;
    app.press_labelled("Restore Copy of CDN outage").await;
    app.wait_status("Restored “Copy of CDN outage”.").await;
    app.press_labelled("Archive Copy of CDN outage").await;
    app.wait_status("Archived “Copy of CDN outage”. Incidents already running keep their checklist.").await;
    eventually("focus on Restore", || async {
        let label =
            app.client.execute("return document.activeElement.getAttribute('aria-label');", vec![]).await.ok()?;
        (label.as_str() == Some("Restore Copy of CDN outage")).then_some(())
    })
    .await;
    app.snapshot("runbooks-archived").await;

    // An address without a runbook says so.
    app.open("/runbooks/01J0000000000000000000NONE").await;
    app.wait_text("There is no runbook at this address.").await;

    // Export it as Markdown.
    app.follow("All runbooks").await;
    app.wait_text("Version 2").await;
    app.press_labelled("Export Markdown: Major incident").await;
    app.wait_status("Downloaded major-incident.md.").await;
    let markdown = downloaded(&downloads, "major-incident.md").await;
    assert!(markdown.contains("Major incident"), "the file names the runbook:\n{markdown}");
    assert!(markdown.contains("Check the CDN status page"), "the file has the new step:\n{markdown}");
    assert!(markdown.contains("CDN") && markdown.contains("SEV2"), "the file keeps the conditions:\n{markdown}");

    // Chinese, for the screenshot.
    app.select("Language", "繁體中文").await;
    app.section("使用中的處理手冊").await;
    app.snapshot("runbooks-zh-tw").await;
    app.select("語言", "English").await;
    app.section("Runbooks in use").await;
    browser.client.clone().close().await.expect("close the browser");

    // A second browser, with its own default "Major incident", imports the file:
    // a new version of the runbook with that name, never a silent overwrite.
    let second = Browser::start().await;
    let other = App { client: &second.client, base };
    other.open("/runbooks").await;
    other.wait_text("attaches at SEV1, SEV2").await;
    let file = downloads.join("major-incident.md");
    other
        .field("Import runbooks from Markdown files")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    other.wait_text("From major-incident.md").await;
    other.wait_text("Sitrep’s own format: read exactly as exported.").await;
    other.press("Save runbook").await;
    other.wait_status("Added version 2 of “Major incident”.").await;
    other.snapshot("runbooks-imported").await;

    // Importing the same file again changes nothing.
    other
        .field("Import runbooks from Markdown files")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file again");
    other.press("Save runbook").await;
    other.wait_status("“Major incident” is already up to date.").await;

    // Pasted Markdown with mistakes is refused line by line, and nothing is saved.
    let refused = "---\nsitrep-runbook: 1\nname: Vendor outage\n---\n\n- [ ] Call the vendor\n  - applies at: SEV9\n<img src=x onerror=\"window.__sitrepXss = 1\">";
    other.fill("Or paste Markdown", refused).await;
    other.press("Import").await;
    other.wait_text("Pasted runbook: nothing was imported. Correct these lines and import again:").await;
    other
        .wait_text("Line 7: No severity level is called “SEV9” in this workspace. Use one of SEV1, SEV2, SEV3, SEV4, or add the level in Settings.")
        .await;
    other.wait_text("Line 8: Only steps and their details may follow the first step.").await;
    other.snapshot("runbooks-import-refused").await;

    // Markup in an imported runbook is shown as text, never run.
    let hostile = "---\nsitrep-runbook: 1\nname: <b>Vendor</b> outage\n---\n\n<img src=x onerror=\"window.__sitrepXss = 2\">\n\n- [ ] <script>window.__sitrepXss = 3</script>Call the vendor\n";
    other.fill("Or paste Markdown", hostile).await;
    other.press("Import").await;
    other.press("Save runbook").await;
    other.wait_status("Created “<b>Vendor</b> outage”.").await;
    other.wait_text("<img src=x onerror=").await;
    let clean = other
        .client
        .execute(
            "return window.__sitrepXss === undefined && document.querySelectorAll('main img, main script, main b').length === 0;",
            vec![],
        )
        .await
        .expect("check markup");
    assert_eq!(clean, serde_json::Value::Bool(true), "imported markup must not run or render");

    // The imported runbook has the same steps, also after a reload.
    other.follow("Major incident").await;
    other.wait_text("Version 2").await;
    assert_eq!(wait_steps(&other, number).await, edited);
    other.reload().await;
    other.heading("Major incident").await;
    other.wait_text("Version 2").await;
    assert_eq!(wait_steps(&other, number).await, edited);

    second.client.clone().close().await.expect("close the second browser");
    let _ = std::fs::remove_dir_all(&downloads);
}

/// A field labelled `label` of step `number` in the preview of `file`.
async fn preview_step_field(app: &App<'_>, file: &str, number: usize, label: &str) -> Element {
    let xpath = format!(
        "//section[h4[normalize-space(.)='From {file}']]//fieldset[legend[normalize-space(.)='Step {number}']]\
         //label[normalize-space(.)='{label}']"
    );
    let label = eventually(&format!("{file} step {number} field {label:?}"), || async {
        app.client.find(Locator::XPath(&xpath)).await.ok()
    })
    .await;
    let id = label.attr("for").await.expect("label attribute").expect("label has a `for`");
    app.client.find(Locator::Id(&id)).await.expect("labelled control exists")
}

const ALERT_RUNBOOK: &str = "# KubePodCrashLooping

## Meaning

A pod restarts again and again.

## Diagnosis

- Check the pod's events

  ```sh
  kubectl describe pod \"$POD\" -n payments
  ```

  - look for `OOMKilled`

  See [the pods dashboard](https://grafana.example.com/d/pods), not [this](javascript:alert(1)).
- Read the logs of the last run: <https://logs.example.com/payments>

## Mitigation

1. Roll back the last deployment
```sh
kubectl rollout undo deploy/payments
```
";

const CHECKLIST_RUNBOOK: &str = "---
title: Database failover
owner: platform-team
---

Use this when the primary database stops answering.

1. Freeze deploys
2. Promote the replica
3. Tell support

## Promote the replica

```sh
pg_ctl promote
```
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_runbooks_a_team_has_are_previewed_adjusted_run_and_their_commands_copied() {
    let base = server::serve(dist()).await;
    let folder = download_dir("markdown-runbooks");
    let (alert, checklist) = (folder.join("kube-crashloop.md"), folder.join("db-failover.md"));
    std::fs::write(&alert, ALERT_RUNBOOK).expect("write the alert runbook");
    std::fs::write(&checklist, CHECKLIST_RUNBOOK).expect("write the checklist");
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };

    // Both files at once: a preview of each says what Sitrep understood.
    app.open("/runbooks").await;
    let files = format!("{}\n{}", alert.display(), checklist.display());
    app.field("Import runbooks from Markdown files").await.send_keys(&files).await.expect("choose two files");
    app.wait_text("From kube-crashloop.md").await;
    app.wait_text("From db-failover.md").await;
    app.wait_text("Steps come from the lists under Diagnosis, Mitigation.").await;
    app.wait_text("“Mitigation”: kept in the details of step 3.").await;
    app.wait_text("The name comes from the front matter’s title.").await;
    app.wait_text("Front matter (owner): kept in the description.").await;
    app.wait_text("“Promote the replica”: kept in the details of step 2.").await;
    let saved = app.client.find(Locator::XPath("//a[normalize-space(.)='KubePodCrashLooping']")).await;
    assert!(saved.is_err(), "nothing is saved before Save");

    // Adjust one step: a clearer text, and optional.
    let text = preview_step_field(&app, "db-failover.md", 3, "Step text").await;
    text.clear().await.expect("clear the step");
    text.send_keys("Tell support and customer success").await.expect("type the step");
    let required = preview_step_field(&app, "db-failover.md", 3, "Required").await;
    assert!(required.is_selected().await.expect("read required"), "imported steps are required");
    required.click().await.expect("make the step optional");
    app.snapshot("runbooks-import-preview").await;
    app.press("Save 2 runbooks").await;
    app.wait_text("Created “KubePodCrashLooping”.").await;
    app.wait_text("Created “Database failover”.").await;

    // The adjusted step was saved as adjusted.
    app.follow("Database failover").await;
    app.heading("Database failover").await;
    let steps: Vec<StepSeen> = wait_steps(&app, 3).await;
    assert_eq!(steps[2].0, "Tell support and customer success");
    assert!(!steps[2].1, "the step was saved optional");

    // Run the alert runbook in an incident; the step's details show its command.
    app.open("/").await;
    app.declare_incident("Payments pods crash-looping", "SEV2").await;
    app.section("Checklists").await;
    app.select("Add a runbook", "KubePodCrashLooping").await;
    app.press("Add runbook").await;
    app.wait_text("Check the pod's events").await;
    app.press_labelled("Details: Check the pod's events").await;
    let command = "kubectl describe pod \"$POD\" -n payments";
    app.wait_text(command).await;
    let link = app.wait_for(Locator::LinkText("the pods dashboard"), "the dashboard link").await;
    assert_eq!(link.attr("href").await.expect("href").as_deref(), Some("https://grafana.example.com/d/pods"));
    app.wait_for(Locator::XPath("//p[contains(., ', not this (javascript:alert(1)).')]"), "the unsafe link as text")
        .await;
    let scripted = app.client.find_all(Locator::Css("a[href^='javascript']")).await.expect("find links");
    assert!(scripted.is_empty(), "only http, https and mailto addresses become links");

    // Copy the command: the page's clipboard receives it exactly.
    let spy = "window.__copied = null; navigator.clipboard.writeText = (text) => { window.__copied = text; return Promise.resolve(); };";
    app.client.execute(spy, vec![]).await.expect("watch the clipboard");
    app.press_labelled("Copy command 1 of: Check the pod's events").await;
    app.wait_text("Command copied to the clipboard.").await;
    let copied = app.client.execute("return window.__copied;", vec![]).await.expect("read the copy");
    assert_eq!(copied.as_str(), Some(command));
    app.snapshot("checklist-step-details").await;

    // The details are kept with the incident's run after a reload.
    app.reload().await;
    app.press_labelled("Details: Roll back the last deployment").await;
    app.wait_text("kubectl rollout undo deploy/payments").await;
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_saved_in_another_tab_is_not_undone_by_an_older_form() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let client = &browser.client;
    let app = App { client, base };
    app.open("/runbooks").await;
    app.follow("Major incident").await;
    app.wait_text("Version 1").await;
    let address = client.current_url().await.expect("the runbook's address").to_string();
    let first = client.window().await.expect("the first tab");
    let second = client.new_window(true).await.expect("a second tab").handle;
    client.switch_to_window(second).await.expect("switch to the second tab");
    client.goto(&address).await.expect("open the runbook in the second tab");
    app.wait_text("Version 1").await;
    let first_step = step_field(&app, 1, "Step text").await;
    first_step.clear().await.expect("clear");
    first_step.send_keys("Name an incident lead within 5 minutes").await.expect("type");
    app.press("Save runbook").await;
    app.wait_status("Saved as version 2").await;

    // The first tab's form began from version 1: its save is refused once, and
    // made on the user's word.
    client.switch_to_window(first).await.expect("back to the first tab");
    let second_step = step_field(&app, 2, "Step text").await;
    second_step.clear().await.expect("clear");
    second_step.send_keys("Open the incident channel").await.expect("type");
    app.press("Save runbook").await;
    app.wait_status(
        "Not saved: version 2 was saved elsewhere (another tab or a teammate) while you edited, and your form does not hold its changes. Open the runbook's versions to compare; Save again makes your form the next version.",
    )
    .await;
    app.wait_text("Version 2").await;
    // Saving again is the user's word: the form becomes version 3.
    app.press("Save runbook").await;
    app.wait_status("Saved as version 3").await;
    let saved = editor_steps(&app).await;
    assert_eq!(saved[1].0, "Open the incident channel");
}
