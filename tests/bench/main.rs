//! A benchmark, not a test: how the release build copes with a 10,000-entry
//! timeline, compared in the same headless Chromium and the same run with a page
//! doing the same storage work with raw IndexedDB and no framework
//! (`tests/bench/raw/index.html`). It prints ratios, with the targets beside them,
//! and asserts only that the steps happened; run it with `scripts/bench`.
//!
//! Both incidents (10,000 entries and 100) are made with the domain's own
//! constructors, exported as JSON bundles and imported through the app's import
//! form, as a user brings in a long incident. Timing is done inside the pages by
//! the same script (`tests/bench/probe.js`), installed before each page's own code:
//! the first 50 rows of the timeline painted, and Enter until the typed entry is
//! painted, in the same window and in another window on the same incident (the
//! probe's clocks since the epoch, comparable across windows). The store write is the User Timing measure Sitrep's IndexedDB store
//! leaves for each write (`sitrep:store-write`); the raw page's is timed from the
//! Enter in its own entry field to the transaction's complete, so both start from
//! a key press (the same adds called from a script are printed too). The import
//! is the median of five, each into an empty database. Last, Lighthouse
//! (desktop preset) scores the incident page of the 10,000-entry incident on the
//! same profile. With `SITREP_BENCH_KEEP` set, the scratch folder (the browser
//! profile holding both incidents, and their bundles) is kept for a closer look.

#[allow(dead_code)]
#[path = "../e2e/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../e2e/pages.rs"]
mod pages;
#[allow(dead_code)]
#[path = "../e2e/server.rs"]
mod server;

use browser::Browser;
use chrono::{Duration as Minutes, TimeZone, Utc};
use fantoccini::key::Key;
use pages::App;
use serde_json::{json, Value};
use sitrep::domain::export::{export_json, IncidentBundle};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, NewEntry, Severity, Stamp, Tag, TimelineEntry, Visibility,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The entries of the long incident and of the short one it is compared with.
const LONG: usize = 10_000;
const SHORT: usize = 100;

/// Entries appended one by one for each append figure.
const APPENDS: usize = 30;

/// Page loads timed for each open figure. Its loads vary by tens of
/// milliseconds on a shared machine (both pages'), so the medians need many.
const OPENS: usize = 15;

/// Imports of the long incident timed for the import figure, each app import
/// followed by a raw one, so that neither side alone meets a cold or busy moment.
const IMPORTS: usize = 5;

/// How long a page's elements stay unchanged before it counts as done: longer
/// than the pause between a 10,000-entry page's first rows and the rest of its
/// timeline drawn (about 260 to 330 ms here), shorter than the one second
/// between two ticks of the page's clocks.
const QUIET: Duration = Duration::from_millis(600);

/// The longest any step may take before the benchmark gives up.
const GIVE_UP: Duration = Duration::from_secs(120);

/// The in-page timing script (see its header).
const PROBE: &str = include_str!("probe.js");

/// An incident with `count` entries in all (its declaration included), 30 seconds
/// apart, with a mix of tags and visibilities; `series` keeps ids apart.
fn incident(series: u64, count: usize) -> IncidentBundle {
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let declaration = Declaration {
        title: format!("Storage degradation with {count} entries"),
        severity: Severity::new("SEV2"),
        reason: "Writes slow for many customers".into(),
    };
    let id = IncidentId::from_parts(1, series.into());
    let (incident, declared): (Incident, TimelineEntry) =
        Incident::declare(id, declaration, Stamp::new(EntryId::from_parts(1, series.into()), start, "Mei-Ling Chen"))
            .expect("a valid declaration");
    let mut entries = vec![declared];
    let tags = [None, Some(Tag::Detection), Some(Tag::Diagnosis), Some(Tag::Repair), Some(Tag::KeyMoment)];
    for n in 1..count {
        let at = start + Minutes::seconds(n as i64 * 30);
        let new = NewEntry {
            incident: id,
            text: format!("Entry {n}: p99 write latency at {} ms on shard {}", 200 + n % 900, n % 64),
            event_at: Some(at),
            tag: tags[n % tags.len()],
            visibility: if n % 7 == 0 { Visibility::CustomerSafe } else { Visibility::Internal },
            evidence: Vec::new(),
        };
        let stamp = Stamp::new(EntryId::from_parts(1 + n as u64, series.into()), at, "Bo");
        entries.push(TimelineEntry::note(new, stamp).expect("a valid note"));
    }
    IncidentBundle::new(incident, entries, Vec::new(), None).expect("a consistent bundle")
}

/// Polls `probe` every 10 ms until it returns something.
async fn until<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(started.elapsed() < GIVE_UP, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn run(app: &App<'_>, script: &str, args: Vec<Value>) -> Value {
    app.client.execute(script, args).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

async fn run_async(app: &App<'_>, script: &str, args: Vec<Value>) -> Value {
    app.client.execute_async(script, args).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Opens `url` and returns milliseconds from the navigation's start until the
/// first 50 rows of the timeline were painted. It returns once the page's
/// elements have not changed for `QUIET`: a page left while it still works (the
/// rest of a long timeline being read) would have the next page's reads wait
/// behind its own, and charge them to whichever page is opened after it.
async fn first_rows(app: &App<'_>, url: &str) -> f64 {
    app.client.goto(url).await.expect("navigate");
    let painted = until("the first rows", || async {
        run(app, "return window.__bench && window.__bench.firstRows;", vec![]).await.as_f64().filter(|ms| *ms > 0.0)
    })
    .await;
    let quiet = format!("return performance.now() - window.__bench.changed > {};", QUIET.as_millis());
    until("the page to finish", || async { run(app, &quiet, vec![]).await.as_bool().filter(|q| *q) }).await;
    painted
}

/// How many elements the page holds once it stopped changing for half a second.
async fn settled_nodes(app: &App<'_>) -> u64 {
    let count = || async { run(app, "return document.getElementsByTagName('*').length;", vec![]).await.as_u64() };
    let mut last = count().await.unwrap_or(0);
    let started = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = count().await.unwrap_or(0);
        if now == last || started.elapsed() > GIVE_UP {
            return now;
        }
        last = now;
    }
}

/// Appends `APPENDS` entries with the keyboard on the open incident page; returns
/// Enter-to-painted times and the store's write measures over those appends.
async fn append_entries(app: &App<'_>, label: &str) -> (Vec<f64>, Vec<f64>) {
    run(app, "performance.clearMeasures('sitrep:store-write'); window.__bench.shown = [];", vec![]).await;
    let field = app.field("New timeline entry").await;
    for n in 0..APPENDS {
        field.send_keys(&format!("{label} append {n}: failover step done")).await.expect("type the entry");
        field.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
        until("the entry painted", || async {
            let shown = run(app, "return window.__bench.shown.length;", vec![]).await.as_u64().unwrap_or(0);
            (shown as usize > n).then_some(())
        })
        .await;
        // The field is cleared once the entry is saved: wait for it before typing again.
        until("the field cleared", || async {
            let value = field.prop("value").await.ok().flatten().unwrap_or_default();
            value.is_empty().then_some(())
        })
        .await;
    }
    let shown = numbers(run(app, "return window.__bench.shown;", vec![]).await);
    let writes = numbers(
        run(app, "return performance.getEntriesByName('sitrep:store-write').map(m => m.duration);", vec![]).await,
    );
    (shown, writes)
}

fn numbers(value: Value) -> Vec<f64> {
    value.as_array().map(|all| all.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
}

/// The value below which `share` of `values` lie (nearest rank).
fn percentile(values: &[f64], share: f64) -> f64 {
    assert!(!values.is_empty(), "nothing measured");
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((share * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(values: &[f64]) -> f64 {
    percentile(values, 0.5)
}

/// One row of the table: what, Sitrep, the baseline, their ratio and the target.
fn row(what: &str, sitrep: String, baseline: String, ratio: Option<f64>, target: &str) {
    let ratio = ratio.map(|r| format!("{r:.2}x")).unwrap_or_default();
    println!("| {what} | {sitrep} | {baseline} | {ratio} | {target} |");
}

fn ms(value: f64) -> String {
    format!("{value:.1} ms")
}

/// Imports the bundle in `file` through the home page's form and returns how long
/// it took from the file being chosen until the app said so, painted (timed in
/// the page by the probe).
async fn import(app: &App<'_>, file: &Path, title: &str) -> f64 {
    app.open("/").await;
    let imported = format!("Imported “{title}”");
    run(app, "window.__bench.awaited = arguments[0];", vec![imported.into()]).await;
    app.field("Incident file (JSON)").await.send_keys(&file.display().to_string()).await.expect("choose the file");
    until("the import", || async {
        run(app, "return window.__bench.imported;", vec![]).await.as_f64().filter(|ms| *ms > 0.0)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sitrep_against_raw_indexeddb() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dist = root.join("dist");
    assert!(dist.join("index.html").is_file(), "build the app first: trunk build --release");

    let long = incident(1, LONG);
    let short = incident(2, SHORT);
    let (long_id, short_id) = (long.incident().id().to_string(), short.incident().id().to_string());
    let (long_title, short_title) = (long.incident().title().to_owned(), short.incident().title().to_owned());
    let scratch = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    let profile = scratch.join("profile");
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let long_file = scratch.join("long.json");
    let short_file = scratch.join("short.json");
    std::fs::write(&long_file, export_json(&long, Utc::now())).expect("write the long bundle");
    std::fs::write(&short_file, export_json(&short, Utc::now())).expect("write the short bundle");

    let base = server::serve(dist).await;
    let raw_base = server::serve(root.join("tests/bench/raw")).await;
    let browser = Browser::start_on_profile(&profile).await;
    browser::cdp(&browser.client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBE })).await;
    let app = App { client: &browser.client, base: base.clone() };

    // Import: the app's whole import (read, validate, store) against batched puts,
    // each into an empty database. The app's is emptied (from the raw page, with
    // the app closed) before each import but the first; the last one stays.
    let mut sitrep_imports = Vec::new();
    let mut raw_imports = Vec::new();
    for round in 0..IMPORTS {
        if round > 0 {
            let origin = json!({ "origin": base, "storageTypes": "indexeddb" });
            browser::cdp(&browser.client, "Storage.clearDataForOrigin", origin).await;
        }
        sitrep_imports.push(import(&app, &long_file, &long_title).await);
        app.client.goto(&format!("{raw_base}/")).await.expect("open the raw page");
        run_async(&app, "window.raw.reset().then(arguments[0]);", vec![]).await;
        let raw_import = run_async(
            &app,
            "const done = arguments[arguments.length - 1]; \
             window.raw.importEntries(arguments[0], arguments[1]).then(done);",
            vec![long_id.clone().into(), LONG.into()],
        )
        .await
        .as_f64()
        .expect("the raw import's time");
        raw_imports.push(raw_import);
    }
    import(&app, &short_file, &short_title).await;
    let (sitrep_import, raw_import) = (median(&sitrep_imports), median(&raw_imports));

    // Open: the first 50 rows painted, 10,000 entries against the raw page and
    // against 100 entries.
    let mut open_long = Vec::new();
    let mut open_short = Vec::new();
    let mut open_raw = Vec::new();
    for _ in 0..OPENS {
        open_long.push(first_rows(&app, &format!("{base}/incidents/{long_id}")).await);
        open_short.push(first_rows(&app, &format!("{base}/incidents/{short_id}")).await);
        open_raw.push(first_rows(&app, &format!("{raw_base}/?open={long_id}")).await);
    }

    // DOM size and appends on each incident page.
    first_rows(&app, &format!("{base}/incidents/{short_id}")).await;
    let nodes_short = settled_nodes(&app).await;
    let (shown_short, writes_short) = append_entries(&app, "short").await;
    first_rows(&app, &format!("{base}/incidents/{long_id}")).await;
    let nodes_long = settled_nodes(&app).await;
    let (shown_long, writes_long) = append_entries(&app, "long").await;

    // Another window on the long incident: each entry typed there, until this
    // window shows it (it hears of the write and reads what it lacks).
    let client = &app.client;
    let first = client.window().await.expect("this window");
    let second = client.new_window(false).await.expect("a second window").handle;
    client.switch_to_window(second.clone()).await.expect("to the second window");
    browser::cdp(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBE })).await;
    first_rows(&app, &format!("{base}/incidents/{long_id}")).await;
    let mut elsewhere = Vec::new();
    for n in 0..APPENDS {
        let text = format!("other window {n}: replica caught up");
        client.switch_to_window(first.clone()).await.expect("to the first window");
        run(&app, "window.__bench.watch = arguments[0];", vec![text.clone().into()]).await;
        client.switch_to_window(second.clone()).await.expect("to the second window");
        let field = app.field("New timeline entry").await;
        field.send_keys(&format!("{text}{}", Key::Enter)).await.expect("type and enter the entry");
        client.switch_to_window(first.clone()).await.expect("to the first window");
        let seen = until("the entry shown in the other window", || async {
            numbers(run(&app, "return window.__bench.seen;", vec![]).await).get(n).copied()
        })
        .await;
        client.switch_to_window(second.clone()).await.expect("to the second window");
        let entered = numbers(run(&app, "return window.__bench.entered;", vec![]).await);
        elsewhere.push(seen - entered[n]);
        until("the field cleared", || async {
            let value = app.field("New timeline entry").await.prop("value").await.ok().flatten().unwrap_or_default();
            value.is_empty().then_some(())
        })
        .await;
    }
    client.close_window().await.expect("close the second window");
    client.switch_to_window(first).await.expect("back to the first window");

    // The raw appends: typed and entered in a field, as in Sitrep, so that both
    // writes start from a key press and meet the frame the browser draws after
    // one; then the same appends called from a script, with no key press.
    app.client.goto(&format!("{raw_base}/?incident={long_id}&from={LONG}")).await.expect("open the raw page");
    until("the raw page's database", || async {
        run(&app, "return !!window.raw.db;", vec![]).await.as_bool().filter(|b| *b)
    })
    .await;
    let field = app.field("New timeline entry").await;
    for n in 0..APPENDS {
        field.send_keys(&format!("raw append {n}: failover step done")).await.expect("type the entry");
        field.send_keys(&Key::Enter.to_string()).await.expect("press Enter");
        until("the raw entry stored", || async {
            let stored = run(&app, "return window.raw.keyed.length;", vec![]).await.as_u64().unwrap_or(0);
            (stored as usize > n).then_some(())
        })
        .await;
    }
    let raw_writes = numbers(run(&app, "return window.raw.keyed;", vec![]).await);
    let mut scripted = Vec::new();
    for n in APPENDS..2 * APPENDS {
        let took = run_async(
            &app,
            "const done = arguments[arguments.length - 1]; window.raw.append(arguments[0], arguments[1]).then(done);",
            vec![long_id.clone().into(), (LONG + n).into()],
        )
        .await;
        scripted.push(took.as_f64().expect("the raw append's time"));
    }

    println!("\nSitrep against raw IndexedDB (release build, headless Chromium, same run)\n");
    println!("| Measure | Sitrep | Baseline | Ratio | Target |");
    println!("|---|---|---|---|---|");
    row(
        "Append: store write p50 (10,000 entries)",
        ms(median(&writes_long)),
        ms(median(&raw_writes)),
        Some(median(&writes_long) / median(&raw_writes)),
        "≤ 1.5x",
    );
    row(
        "Append: store write p95 (10,000 entries)",
        ms(percentile(&writes_long, 0.95)),
        ms(percentile(&raw_writes, 0.95)),
        Some(percentile(&writes_long, 0.95) / percentile(&raw_writes, 0.95)),
        "≤ 2x",
    );
    row("Append: Enter to entry painted p50 (10,000 entries)", ms(median(&shown_long)), String::new(), None, "≤ 50 ms");
    row(
        "Append in another window: Enter there to painted here p50 (10,000 entries)",
        ms(median(&elsewhere)),
        String::new(),
        None,
        "",
    );
    row(
        "Open: first 50 entries painted (10,000 entries)",
        ms(median(&open_long)),
        ms(median(&open_raw)),
        Some(median(&open_long) / median(&open_raw)),
        "≤ 1.5x",
    );
    row(
        "Open at 10,000 against at 100 entries",
        ms(median(&open_long)),
        ms(median(&open_short)),
        Some(median(&open_long) / median(&open_short)),
        "≤ 1.3x",
    );
    row(
        "Append at 10,000 against at 100: Enter to painted p50",
        ms(median(&shown_long)),
        ms(median(&shown_short)),
        Some(median(&shown_long) / median(&shown_short)),
        "≤ 1.3x",
    );
    let sitrep_rate = LONG as f64 / (sitrep_import / 1_000.0);
    let raw_rate = LONG as f64 / (raw_import / 1_000.0);
    row(
        "Import 10,000 entries: entries per second",
        format!("{sitrep_rate:.0}/s"),
        format!("{raw_rate:.0}/s"),
        Some(sitrep_rate / raw_rate),
        "≥ 0.8x",
    );
    row(
        "DOM elements: 10,000 against 100 entries",
        nodes_long.to_string(),
        nodes_short.to_string(),
        Some(nodes_long as f64 / nodes_short as f64),
        "1x",
    );
    println!(
        "\n{} store writes over {APPENDS} appends at 10,000 entries, {} at 100 (store write p50 at 100: {}).",
        writes_long.len(),
        writes_short.len(),
        ms(median(&writes_short)),
    );
    println!(
        "Raw appends called from a script, with no key press: p50 {}, p95 {} (Sitrep's store write p50 is {:.2}x that).",
        ms(median(&scripted)),
        ms(percentile(&scripted, 0.95)),
        median(&writes_long) / median(&scripted),
    );
    let each = |times: &[f64]| times.iter().map(|t| ms(*t)).collect::<Vec<_>>().join(", ");
    let spread = |times: &[f64]| {
        format!("{}, {} to {}", ms(median(times)), ms(percentile(times, 0.25)), ms(percentile(times, 0.75)))
    };
    println!(
        "First 50 painted, median and middle half of {OPENS} loads: Sitrep at 10,000 {}; at 100 {}; raw {}.",
        spread(&open_long),
        spread(&open_short),
        spread(&open_raw),
    );
    println!(
        "Imports of 10,000 entries, median of {IMPORTS}, each app import followed by a raw one: Sitrep {}; raw {}.",
        each(&sitrep_imports),
        each(&raw_imports),
    );

    browser.client.clone().close().await.expect("close the browser");
    drop(browser);
    lighthouse(&profile, &format!("{base}/incidents/{long_id}")).await;
    if std::env::var_os("SITREP_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&scratch);
    } else {
        println!("kept {}", scratch.display());
    }
}

/// Scores `url` with Lighthouse (desktop preset) in a Chromium on `profile`, which
/// holds the imported incidents, and prints the scores and the metrics behind them.
async fn lighthouse(profile: &Path, url: &str) {
    let cli = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/bench/node_modules/.bin/lighthouse");
    if !cli.is_file() {
        println!("\nLighthouse is not installed: run scripts/bench, which installs it (tools/bench).");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let chromium = if Path::new("/usr/bin/chromium").exists() { "/usr/bin/chromium" } else { "chromium" };
    let mut browser = Command::new(chromium)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--window-size=1350,940",
            &format!("--remote-debugging-port={port}"),
            &format!("--user-data-dir={}", profile.display()),
            "about:blank",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Chromium for Lighthouse");
    until("Chromium's debugging port", || async { std::net::TcpStream::connect(("127.0.0.1", port)).ok().map(|_| ()) })
        .await;
    // Kept after the run, for a closer look (layout shifts, long tasks).
    let kept = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&kept).expect("target/bench");
    let report = kept.join("lighthouse.json");
    let mut command = Command::new(&cli);
    command
        .arg(url)
        .arg(format!("--port={port}"))
        .args(["--preset=desktop", "--disable-storage-reset", "--quiet", "--output=json", "--max-wait-for-load=90000"])
        .arg("--only-categories=performance,accessibility,best-practices")
        .arg(format!("--output-path={}", report.display()));
    // Blocking, off the runtime's threads, which keep serving the app to Lighthouse.
    let status = tokio::task::spawn_blocking(move || command.status())
        .await
        .expect("Lighthouse's thread")
        .expect("run Lighthouse");
    let _ = browser.kill();
    let _ = browser.wait();
    // A busy machine can make Lighthouse give up; the ratios above still stand.
    let report_path = report;
    let report: Option<Value> = std::fs::read(&report_path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let Some(report) = report.filter(|_| status.success()) else {
        println!("\nLighthouse did not finish ({status}); its scores are missing from this run.");
        return;
    };
    println!(
        "\nLighthouse {} (desktop preset), incident page of the 10,000-entry incident",
        report["lighthouseVersion"]
    );
    println!("| Category | Score |\n|---|---|");
    for category in ["performance", "accessibility", "best-practices"] {
        let score = report["categories"][category]["score"].as_f64().unwrap_or(0.0) * 100.0;
        println!("| {category} | {score:.0} |");
    }
    println!("\n| Metric | Value |\n|---|---|");
    for audit in [
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    ] {
        println!("| {audit} | {} |", report["audits"][audit]["displayValue"].as_str().unwrap_or("?"));
    }
    // What moved and what blocked: the elements behind the layout shift and the
    // longest main-thread tasks, as Lighthouse names them.
    println!("\nLayout shifts:");
    for item in report["audits"]["layout-shifts"]["details"]["items"].as_array().into_iter().flatten() {
        println!("- {:.3} {}", item["score"].as_f64().unwrap_or(0.0), item["node"]["snippet"].as_str().unwrap_or("?"));
    }
    println!("\nLong tasks:");
    for item in report["audits"]["long-tasks"]["details"]["items"].as_array().into_iter().flatten().take(8) {
        println!(
            "- {:.0} ms at {:.0} ms, {}",
            item["duration"].as_f64().unwrap_or(0.0),
            item["startTime"].as_f64().unwrap_or(0.0),
            item["url"].as_str().unwrap_or("?")
        );
    }
    println!("\nThe whole report: {}", report_path.display());
}
