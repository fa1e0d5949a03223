//! The windowed timeline on an incident of a few thousand entries, imported as a
//! file as a user would bring one in: only the entries near the viewport are in
//! the page, yet the list announces every entry's place and the total; an
//! entry's address brings it into view with the focus on it; the arrow keys,
//! Home and End walk the whole timeline; the search finds entries far from the
//! window and counts its matches; an entry added while the responder reads the
//! middle of the timeline does not move what they are reading. The page's
//! Content-Security-Policy refuses nothing the list does.

use crate::browser::{keep_policy_refusals, policy_refusals, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};
use chrono::{Duration, TimeZone, Utc};
use fantoccini::key::Key;
use sitrep::domain::export::{export_json, IncidentBundle};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, NewEntry, Severity, Stamp, Tag, TimelineEntry, Visibility,
};

/// How many entries the incident has, its declaration included.
const ENTRIES: usize = 3_000;
/// The one entry that says "Needle", far from both ends.
const NEEDLE: usize = 1_234;

fn entry_id(n: usize) -> EntryId {
    EntryId::from_parts(1 + n as u64, 0)
}

fn text_of(n: usize) -> String {
    if n == NEEDLE {
        "Needle: cache stampede in eu-west after the config push".to_owned()
    } else {
        format!("Entry {n}: p99 write latency at {} ms on shard {}", 200 + n % 900, n % 64)
    }
}

/// The incident: a declaration and `ENTRIES - 1` notes, 30 seconds apart.
fn long_incident() -> (IncidentId, String) {
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let declaration = Declaration {
        title: TITLE.into(),
        severity: Severity::new("SEV2"),
        reason: "Writes slow for many customers".into(),
    };
    let id = IncidentId::from_parts(1, 1);
    let (incident, declared): (Incident, TimelineEntry) =
        Incident::declare(id, declaration, Stamp::new(entry_id(0), start, "Mei-Ling Chen")).expect("a declaration");
    let mut entries = vec![declared];
    for n in 1..ENTRIES {
        let at = start + Duration::seconds(n as i64 * 30);
        let new = NewEntry {
            incident: id,
            text: text_of(n),
            event_at: Some(at),
            tag: [None, Some(Tag::Diagnosis), Some(Tag::Repair)][n % 3],
            visibility: if n % 7 == 0 { Visibility::CustomerSafe } else { Visibility::Internal },
            evidence: Vec::new(),
        };
        entries.push(TimelineEntry::note(new, Stamp::new(entry_id(n), at, "Bo")).expect("a note"));
    }
    let bundle = IncidentBundle::new(incident, entries, Vec::new(), None).expect("a bundle");
    (id, export_json(&bundle, Utc::now()))
}

/// The long incident's title.
const TITLE: &str = "Long-running storage degradation";

/// Imports the long incident as a user would, from a file written for it (named
/// by `tag`); returns its id and the file, for the test to remove at its end.
async fn import_long_incident(app: &App<'_>, tag: &str) -> (IncidentId, std::path::PathBuf) {
    let (id, json) = long_incident();
    let file = std::env::temp_dir().join(format!("sitrep-{tag}-{}.json", std::process::id()));
    std::fs::write(&file, json).expect("write the file");
    app.open("/").await;
    app.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose the file");
    app.wait_text(&format!("Imported “{TITLE}”")).await;
    (id, file)
}

/// The rows in the page, and the total and places they announce.
async fn rows(app: &App<'_>) -> (usize, Vec<usize>, Vec<usize>) {
    let script = "const rows = [...document.querySelectorAll('ol[aria-label=\"Timeline\"] > li')]; \
                  return [rows.length, rows.map(r => Number(r.getAttribute('aria-setsize'))), \
                          rows.map(r => Number(r.getAttribute('aria-posinset')))];";
    let value = app.client.execute(script, vec![]).await.expect("read the rows");
    serde_json::from_value(value).expect("rows")
}

/// The focused element's id, place in the list and text.
async fn focused(app: &App<'_>) -> (String, usize, String) {
    let script = "const e = document.activeElement; \
                  return [e.id, Number(e.getAttribute('aria-posinset')), e.innerText];";
    let value = app.client.execute(script, vec![]).await.expect("read the focus");
    serde_json::from_value(value).expect("the focus")
}

/// The first row at least partly inside the timeline's box: its id and its top
/// on the screen; none while the box shows only space for rows not drawn yet.
async fn first_on_screen(app: &App<'_>) -> Option<(String, f64)> {
    let script = "const list = document.querySelector('ol[aria-label=\"Timeline\"]'); \
                  const box = list.getBoundingClientRect(); \
                  const row = [...list.children].find(r => r.getBoundingClientRect().bottom > box.top + 1); \
                  return row && row.getBoundingClientRect().top < box.bottom ? [row.id, row.getBoundingClientRect().top] : null;";
    let value = app.client.execute(script, vec![]).await.expect("read the first row on screen");
    serde_json::from_value(value).expect("a row or none")
}

/// Whether the row with this id is drawn and inside the timeline's box.
async fn in_view(app: &App<'_>, id: &str) -> bool {
    let script = "const row = document.getElementById(arguments[0]); if (!row) return false; \
                  const box = row.parentElement.getBoundingClientRect(); const r = row.getBoundingClientRect(); \
                  return r.bottom > box.top && r.top < box.bottom;";
    app.client.execute(script, vec![id.into()]).await.expect("read a row").as_bool().unwrap_or(false)
}

async fn press_key(app: &App<'_>, key: Key) {
    app.keys(&char::from(key).to_string()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_timeline_is_windowed_yet_whole_to_keyboard_search_and_links() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    keep_policy_refusals(app.client).await;
    let (id, file) = import_long_incident(&app, "window").await;
    app.follow("Open the imported incident").await;
    app.heading(TITLE).await;

    // Every entry is announced, a few are drawn; the newest shows at the foot.
    let (drawn, sizes, places) = eventually("the whole timeline announced", || async {
        let rows = rows(&app).await;
        (rows.1.first() == Some(&ENTRIES)).then_some(rows)
    })
    .await;
    assert!(drawn > 0 && drawn < 200, "{drawn} rows drawn of {ENTRIES}");
    assert!(sizes.iter().all(|s| *s == ENTRIES), "every row announces the total: {sizes:?}");
    assert_eq!(places.last(), Some(&ENTRIES), "the newest entry is drawn");
    app.wait_text(&format!("{ENTRIES} of {ENTRIES}")).await;
    assert!(in_view(&app, &entry_id(ENTRIES - 1).to_string()).await, "the newest entry is on screen");

    // An entry's address brings it into view and gives it the focus, however
    // far from the newest it is.
    let target = entry_id(100).to_string();
    app.open(&format!("/incidents/{id}#{target}")).await;
    let (focus, place, text) = eventually("the addressed entry focused", || async {
        let focus = focused(&app).await;
        (focus.0 == target).then_some(focus)
    })
    .await;
    assert_eq!((focus, place), (target.clone(), 101));
    assert!(text.contains("Entry 100:"), "{text}");
    assert!(in_view(&app, &target).await, "the addressed entry is on screen");
    assert!(rows(&app).await.0 < 200, "still a window");

    // The arrow keys, Home and End walk the timeline, drawing what they reach.
    press_key(&app, Key::Down).await;
    eventually("the next entry focused", || async { (focused(&app).await.1 == 102).then_some(()) }).await;
    press_key(&app, Key::Up).await;
    press_key(&app, Key::Up).await;
    eventually("the entry before focused", || async { (focused(&app).await.1 == 100).then_some(()) }).await;
    // Keys faster than the focus moves (a held arrow key) each count.
    let (down, up) = (char::from(Key::Down), char::from(Key::Up));
    app.keys(&format!("{down}{down}{down}{down}{down}{up}")).await;
    eventually("four entries on", || async { (focused(&app).await.1 == 104).then_some(()) }).await;
    press_key(&app, Key::Home).await;
    let first = eventually("the first entry focused", || async {
        let focus = focused(&app).await;
        (focus.1 == 1).then_some(focus)
    })
    .await;
    assert!(first.2.contains("Incident declared"), "{first:?}");
    press_key(&app, Key::End).await;
    let last = eventually("the last entry focused", || async {
        let focus = focused(&app).await;
        (focus.1 == ENTRIES).then_some(focus)
    })
    .await;
    assert!(last.2.contains(&format!("Entry {}:", ENTRIES - 1)), "{last:?}");
    assert!(rows(&app).await.0 < 200, "still a window after walking");

    // The search finds an entry far outside the window and brings it into view.
    app.fill("Search the timeline", "needle").await;
    app.wait_status("1 of 1").await;
    let needle = entry_id(NEEDLE).to_string();
    eventually("the match on screen", || async { in_view(&app, &needle).await.then_some(()) }).await;
    app.snapshot("timeline-search").await;
    // Several matches: Enter and Shift+Enter go to the next and previous one,
    // round the ends.
    let matches = (1..ENTRIES).filter(|n| text_of(*n).contains("Entry 12")).count();
    app.fill("Search the timeline", "Entry 12").await;
    app.wait_status(&format!("1 of {matches}")).await;
    eventually("Entry 12 on screen", || async { in_view(&app, &entry_id(12).to_string()).await.then_some(()) }).await;
    let field = app.field("Search the timeline").await;
    field.send_keys(&Key::Enter.to_string()).await.expect("Enter");
    app.wait_status(&format!("2 of {matches}")).await;
    eventually("Entry 120 on screen", || async { in_view(&app, &entry_id(120).to_string()).await.then_some(()) }).await;
    let back = format!("{}{}", Key::Shift, Key::Enter);
    field.send_keys(&back).await.expect("Shift+Enter");
    app.wait_status(&format!("1 of {matches}")).await;
    field.send_keys(&back).await.expect("Shift+Enter");
    app.wait_status(&format!("{matches} of {matches}")).await;
    app.fill("Search the timeline", "no such words anywhere").await;
    app.wait_status("No matches").await;

    // Reading the middle of the timeline, the responder adds an entry: the
    // first entry on screen stays where it was.
    app.client
        .execute(
            "const list = document.querySelector('ol[aria-label=\"Timeline\"]'); \
             list.scrollTop = list.scrollHeight / 2;",
            vec![],
        )
        .await
        .expect("scroll to the middle");
    // Once the window has caught up with the scroll, the row on top stays put.
    let before = eventually("the middle drawn and still", || async {
        let a = first_on_screen(&app).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let b = first_on_screen(&app).await?;
        (a.0 == b.0 && (a.1 - b.1).abs() < 1.0).then_some(b)
    })
    .await;
    // The list is as tall as the whole timeline, the rows not drawn held by the
    // space before and after the drawn ones: half way down is the middle.
    let place_of = |id: &str| (0..=ENTRIES).find(|n| entry_id(*n).to_string() == id);
    let middle = place_of(&before.0).expect("an entry of the timeline on top");
    assert!(
        (ENTRIES * 3 / 10..ENTRIES * 7 / 10).contains(&middle),
        "half way down the list shows entry {middle} of {ENTRIES}"
    );
    app.add_entry("Added while reading the middle", None).await;
    eventually("the new entry announced", || async {
        (rows(&app).await.1.first() == Some(&(ENTRIES + 1))).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let after = first_on_screen(&app).await.expect("a row on screen");
    assert_eq!(after.0, before.0, "the same entry is first on screen");
    assert!((after.1 - before.1).abs() <= 3.0, "it did not move: {before:?} then {after:?}");

    // A filter keeps the place too: the entry on top stays, or the next one
    // it lets through takes its place; the view does not jump to an end.
    app.disclose("Filter").await;
    app.select("Visibility", "Internal").await;
    eventually("the filtered list", || async {
        rows(&app).await.1.first().is_some_and(|total| *total < ENTRIES).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let filtered = first_on_screen(&app).await.expect("a row on screen");
    let (was, now) = (place_of(&before.0), place_of(&filtered.0));
    assert!(
        matches!((was, now), (Some(was), Some(now)) if now + 1 >= was && now <= was + 7),
        "the filter kept the place: {was:?} then {now:?}"
    );

    // The search counts among the entries the filter lets through. A filter
    // that takes away the current match leaves the count on one it shows, and
    // the next match after the last is the first.
    let internal = |n: &usize| !n.is_multiple_of(7);
    let safe = |n: &usize| n.is_multiple_of(7);
    let found: Vec<usize> = (1..ENTRIES).filter(|n| text_of(*n).contains("Entry 12")).collect();
    let (inside, outside) = (found.iter().filter(|n| internal(n)).count(), found.iter().filter(|n| safe(n)).count());
    app.fill("Search the timeline", "Entry 12").await;
    app.wait_status(&format!("1 of {inside}")).await;
    app.field("Search the timeline").await.send_keys(&back).await.expect("Shift+Enter");
    app.wait_status(&format!("{inside} of {inside}")).await;
    app.select("Visibility", "Customer-safe").await;
    app.wait_status(&format!("{outside} of {outside}")).await;
    app.field("Search the timeline").await.send_keys(&Key::Enter.to_string()).await.expect("Enter");
    app.wait_status(&format!("1 of {outside}")).await;
    let first = found.iter().copied().find(safe).expect("a customer-safe match");
    eventually("the first match on screen", || async {
        in_view(&app, &entry_id(first).to_string()).await.then_some(())
    })
    .await;

    assert_eq!(policy_refusals(app.client).await, Vec::<String>::new(), "the policy refused nothing");

    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_file(file);
}

/// What the page's script does the moment the long incident's first rows are
/// in the page, before the rest of its timeline is read: types a note into the
/// composer, presses Enter, and follows the navigation's "Incidents" link. It
/// answers whether the page still said it was reading the rest then.
const LEAVE_WHILE_READING: &str = r#"
const [title, note, done] = arguments;
const rows = () => document.querySelectorAll('[aria-label="Timeline"] li').length;
const byLabel = (text) => {
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim() === text);
  return label && document.getElementById(label.htmlFor);
};
const leave = () => {
  const reading = document.body.textContent.includes("Loading the rest of the timeline");
  const field = byLabel("New timeline entry");
  field.value = note;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  [...document.querySelectorAll("nav a")].find((a) => a.textContent.trim() === "Incidents").click();
  done(reading);
};
const watch = new MutationObserver(() => {
  if (rows() >= 50) {
    watch.disconnect();
    leave();
  }
});
watch.observe(document, { childList: true, subtree: true });
[...document.querySelectorAll("a")].find((a) => a.textContent.trim() === title).click();
"#;

/// A responder opens a long incident and leaves it (a link in the navigation)
/// while the rest of its timeline is still being read, with a note entered in
/// that moment. The read ends with the page: nothing goes wrong (a read that
/// went on would have found the page's state gone, and the app would panic),
/// and the note, whose turn came after the page had gone, is not stored but
/// kept as the composer's draft, offered back when the incident is opened again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_a_long_timeline_while_it_is_read_keeps_the_app_working_and_the_note() {
    let base = server::serve(dist()).await;
    let browser = Browser::start().await;
    let app = App { client: &browser.client, base };
    let (_, file) = import_long_incident(&app, "window-leave").await;
    // What goes wrong in this document from now on: a read that went on after
    // its page had gone would read the page's disposed state, and the app
    // would panic (an uncaught `RuntimeError: unreachable`).
    app.client
        .execute(
            "window.uncaught = []; \
             addEventListener('error', (e) => uncaught.push(String(e.message))); \
             addEventListener('unhandledrejection', (e) => uncaught.push(String(e.reason)));",
            vec![],
        )
        .await
        .expect("listen for uncaught errors");

    let note = "Failover to the standby shard started";
    let reading = app
        .client
        .execute_async(LEAVE_WHILE_READING, vec![TITLE.into(), note.into()])
        .await
        .expect("open the incident and leave it");
    assert_eq!(reading, serde_json::json!(true), "the page was still reading the rest of the timeline");
    app.heading("Incidents").await;
    // Long enough for the rest of the timeline to have been read and drawn.
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;

    app.follow(TITLE).await;
    app.heading(TITLE).await;
    app.wait_text(&format!("{ENTRIES} of {ENTRIES}")).await;
    let uncaught = app.client.execute("return window.uncaught;", vec![]).await.expect("read the errors");
    assert_eq!(uncaught, serde_json::json!([]), "nothing went wrong in the page (and it was not loaded anew)");
    let kept = app.field("New timeline entry").await.prop("value").await.expect("the composer's text");
    assert_eq!(kept.as_deref(), Some(note), "the note is offered back as a draft");
    assert!(
        !app.timeline("Timeline").await.iter().any(|row| row.contains(note)),
        "the note was not stored behind the responder's back"
    );

    browser.client.clone().close().await.expect("close the browser");
    let _ = std::fs::remove_file(file);
}
