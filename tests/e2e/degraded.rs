//! With no database (IndexedDB switched off), the app still opens, in memory, says
//! so for as long as it is true, a responder can declare and record, and the
//! in-memory workspace can be backed up. With a damaged record, the app opens
//! with the readable ones, and the damaged one is listed and exported as stored.

use crate::browser::{cdp, download_dir, downloaded, Browser};
use crate::pages::{eventually, App};
use crate::{dist, server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_database_the_app_works_in_memory_and_says_so() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("in-memory");
    let browser = Browser::start_with_downloads(&downloads).await;
    let client = &browser.client;
    let app = App { client, base };
    let source = "Object.defineProperty(window, 'indexedDB', { get() { return null; } });";
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": source })).await;
    app.open("/").await;
    app.wait_text("works in memory, in this tab only").await;
    app.declare_incident("Status page is down", "SEV1").await;
    app.add_entry("DNS provider reports an outage", None).await;
    app.wait_text("works in memory, in this tab only").await;
    // Moving inside the app keeps it; the list shows the incident.
    app.follow("Incidents").await;
    app.wait_text("Status page is down").await;

    // The banner leads to the backup, which holds what was recorded in memory.
    app.follow("Download a backup").await;
    app.press("Download backup").await;
    app.wait_text("1 incident, ").await;
    let name = eventually("the backup file", || async {
        let names = std::fs::read_dir(&downloads).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned());
        names.into_iter().find(|name| name.starts_with("sitrep-backup-") && name.ends_with(".json"))
    })
    .await;
    let backup = downloaded(&downloads, &name).await;
    assert!(backup.contains("DNS provider reports an outage"), "the backup holds the in-memory timeline");
    let _ = std::fs::remove_dir_all(&downloads);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_record_is_listed_exported_as_stored_and_the_rest_opens() {
    let base = server::serve(dist()).await;
    let downloads = download_dir("damaged");
    let browser = Browser::start_with_downloads(&downloads).await;
    let app = App { client: &browser.client, base };
    app.open("/").await;
    app.declare_incident("Queue backlog", "SEV2").await;
    app.add_entry("Consumers restarted", None).await;
    let incident = app.client.current_url().await.expect("url").path().rsplit('/').next().expect("id").to_owned();

    // A record damaged on disk: a timeline entry whose data is not an entry.
    let damage = "const [incident, done] = arguments; \
        const open = indexedDB.open('sitrep'); \
        open.onsuccess = () => { \
          const tx = open.result.transaction('timeline', 'readwrite'); \
          tx.objectStore('timeline').put({key: 'damaged-entry', incident, schema: 1, rev: 1, \
            data: {text: 'half a record'}}); \
          tx.oncomplete = () => { open.result.close(); done(true); }; \
          tx.onerror = () => done(String(tx.error)); \
        }; \
        open.onerror = () => done(String(open.error));";
    let stored = app.client.execute_async(damage, vec![incident.clone().into()]).await.expect("damage a record");
    assert_eq!(stored, serde_json::Value::Bool(true), "the damaged record is stored");

    app.reload().await;
    app.wait_text("Consumers restarted").await;
    app.open("/settings").await;
    app.wait_text("These stored records cannot be read.").await;
    app.wait_text("damaged-entry: ").await;
    app.press("Export damaged records").await;
    let name = eventually("the damaged records file", || async {
        let names = std::fs::read_dir(&downloads).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned());
        names.into_iter().find(|name| name.starts_with("sitrep-damaged-records-") && name.ends_with(".json"))
    })
    .await;
    let text = downloaded(&downloads, &name).await;
    assert!(text.starts_with("{\n  \"") && text.ends_with("}\n"), "laid out for reading: {text}");
    let exported: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(exported["records"][0]["key"], "damaged-entry");
    assert_eq!(exported["records"][0]["record"]["data"]["text"], "half a record", "exported as stored");

    // The backup leaves it out and says so; the readable records are in it.
    app.press("Download backup").await;
    app.wait_text("1 damaged records cannot be read and are not in the backup.").await;
    let _ = std::fs::remove_dir_all(&downloads);
}
