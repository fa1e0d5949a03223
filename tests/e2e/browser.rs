//! Headless Chromium driven through chromedriver, with a fresh profile per test,
//! or a profile a test keeps across a browser it kills and starts again.

use crate::pages::eventually;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running chromedriver and a browser session on it; both end when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
    /// Whether the profile belongs to the test (it outlives this browser).
    kept_profile: bool,
}

/// Starts chromedriver on a port it picks itself, trying again when it gives up:
/// with `--port=0` it takes a free IPv6 port and then binds IPv4 to the same
/// number, which another process may hold ("IPv4 port not available. Exiting...").
fn start_driver() -> (Child, u16) {
    let mut failures = Vec::new();
    for _ in 0..5 {
        match try_start_driver() {
            Ok(started) => return started,
            Err(output) => failures.push(output),
        }
    }
    panic!("chromedriver did not start in five tries:\n{}", failures.join("\n---\n"))
}

/// Starts chromedriver once on a port it picks itself (`--port=0`) and returns the
/// process and that port, read from the line it prints once it listens:
/// "ChromeDriver was started successfully on port N."
fn try_start_driver() -> Result<(Child, u16), String> {
    let mut driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver must be installed (see README.md)");
    let stdout = driver.stdout.take().expect("chromedriver's output");
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    // Reads the output to its end, so that chromedriver never waits on a full pipe.
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut port_tx = Some(port_tx);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let port = line
                .split_once("started successfully on port ")
                .and_then(|(_, rest)| rest.trim_end_matches('.').trim().parse::<u16>().ok());
            match (port, port_tx.take()) {
                (Some(port), Some(tx)) => {
                    let _ = tx.send(Ok(port));
                }
                (_, tx) => {
                    port_tx = tx;
                    seen.push(line);
                }
            }
        }
        if let Some(tx) = port_tx {
            let _ = tx.send(Err(seen.join("\n")));
        }
    });
    match port_rx.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(port)) => Ok((driver, port)),
        Ok(Err(output)) => {
            let _ = driver.kill();
            let _ = driver.wait();
            Err(format!("chromedriver ended without saying its port:\n{output}"))
        }
        Err(_) => panic!("chromedriver did not say its port within 30 s"),
    }
}

impl Browser {
    /// Starts chromedriver and opens a headless Chromium with an empty profile.
    pub async fn start() -> Browser {
        Self::launch(None, false, None).await
    }

    /// Like [`Browser::start`], keeping a log of the page's network requests
    /// (read with [`Browser::requested`]).
    pub async fn start_logging_requests() -> Browser {
        Self::launch(None, true, None).await
    }

    /// Like [`Browser::start`], on the profile in `dir`, which outlives the
    /// browser: a browser killed with [`Browser::kill`] starts again on it.
    pub async fn start_on_profile(dir: &Path) -> Browser {
        Self::launch(None, false, Some(dir.to_path_buf())).await
    }

    /// Kills Chromium hard, as a crash or a power cut would (SIGKILL to every
    /// process on this browser's profile, by process id, so nothing is flushed
    /// or closed), then chromedriver. The profile stays for the next start.
    pub async fn kill(mut self) {
        let marker = format!("--user-data-dir={}", self.profile.display());
        let on_profile = || -> Vec<String> {
            let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
            entries
                .flatten()
                .filter_map(|entry| {
                    let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
                    let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
                    let cmdline = String::from_utf8_lossy(&cmdline);
                    cmdline.split('\0').any(|arg| arg == marker).then(|| pid.to_string())
                })
                .collect()
        };
        let pids = on_profile();
        assert!(!pids.is_empty(), "Chromium runs on the profile {}", self.profile.display());
        let _ = Command::new("kill").arg("-KILL").args(&pids).status();
        eventually("Chromium killed", || async { on_profile().is_empty().then_some(()) }).await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// Like [`Browser::start`], with downloads saved into `dir` without asking.
    pub async fn start_with_downloads(dir: &std::path::Path) -> Browser {
        let prefs = serde_json::json!({
            "download.default_directory": dir.display().to_string(),
            "download.prompt_for_download": false,
        });
        Self::launch(Some(prefs), false, None).await
    }

    async fn launch(prefs: Option<serde_json::Value>, log_requests: bool, kept: Option<PathBuf>) -> Browser {
        let (driver, port) = start_driver();
        let kept_profile = kept.is_some();
        let profile =
            kept.unwrap_or_else(|| std::env::temp_dir().join(format!("sitrep-e2e-{}-{port}", std::process::id())));
        if !kept_profile {
            let _ = std::fs::remove_dir_all(&profile);
        }
        let mut options = serde_json::json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        if std::path::Path::new("/usr/bin/chromium").exists() {
            options["binary"] = "/usr/bin/chromium".into();
        }
        if let Some(prefs) = prefs {
            options["prefs"] = prefs;
        }
        let mut capabilities = serde_json::Map::new();
        if log_requests {
            options["perfLoggingPrefs"] = json!({ "enableNetwork": true, "enablePage": false });
            capabilities.insert("goog:loggingPrefs".into(), json!({ "performance": "ALL" }));
        }
        capabilities.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt =
                ClientBuilder::rustls().expect("TLS setup").capabilities(capabilities.clone()).connect(&url).await;
            match attempt {
                Ok(client) => break client,
                Err(error) if started.elapsed() > Duration::from_secs(30) => {
                    panic!("chromedriver did not start: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Browser { client, driver, profile, kept_profile }
    }
}

impl Browser {
    /// Every request the browser's pages sent since the last call, as the address
    /// of the document that sent it and the address requested, from ChromeDriver's
    /// performance log (only for [`Browser::start_logging_requests`]).
    pub async fn requested(&self) -> Vec<(String, String)> {
        let log = self
            .client
            .issue_cmd(SessionPost { path: "se/log", body: json!({ "type": "performance" }) })
            .await
            .expect("read ChromeDriver's performance log");
        let entries = log.as_array().cloned().unwrap_or_default();
        entries
            .iter()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|message| message["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|message| {
                let params = &message["message"]["params"];
                Some((params["documentURL"].as_str()?.to_owned(), params["request"]["url"].as_str()?.to_owned()))
            })
            .collect()
    }
}

/// Has every page the session opens from now on keep what its
/// Content-Security-Policy refused, from the page's start (its
/// `securitypolicyviolation` events); [`policy_refusals`] reads them.
pub async fn keep_policy_refusals(client: &Client) {
    let record = "window.refused = []; document.addEventListener('securitypolicyviolation', \
                  (e) => window.refused.push(`${e.effectiveDirective} at ${e.sourceFile}:${e.lineNumber}`));";
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": record })).await;
}

/// What the current page's policy refused since it started, one line each (see
/// [`keep_policy_refusals`]).
pub async fn policy_refusals(client: &Client) -> Vec<String> {
    let value = client.execute("return window.refused || ['(no record: the script did not run)'];", vec![]);
    serde_json::from_value(value.await.expect("read what the policy refused")).expect("a list")
}

/// Sends one Chrome DevTools Protocol command to the session's page through
/// ChromeDriver (`POST /session/{id}/goog/cdp/execute`) and returns its result.
pub async fn cdp(client: &Client, cmd: &'static str, params: Value) -> Value {
    let command = SessionPost { path: "goog/cdp/execute", body: json!({ "cmd": cmd, "params": params }) };
    client.issue_cmd(command).await.unwrap_or_else(|error| panic!("{cmd} through ChromeDriver: {error}"))
}

/// A ChromeDriver command of its own (not in the WebDriver standard): a POST of a
/// JSON body to an endpoint under the session (`/session/{id}/<path>`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        let session = session_id.expect("a WebDriver session");
        base_url.join(&format!("session/{session}/{}", self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Takes the browser off the network, or puts it back, through ChromeDriver's
/// network conditions (`POST /session/{id}/chromium/network_conditions`). The page
/// gets its `offline` and `online` events, and unlike the DevTools command alone
/// (whose offline state a reload forgets: the reloaded page was online again),
/// ChromeDriver applies the conditions again to every page the session loads.
pub async fn network(client: &Client, online: bool) {
    // No latency and no throttling (ChromeDriver wants throughputs; these are far
    // above what a loopback test moves).
    let conditions =
        json!({ "offline": !online, "latency": 0, "download_throughput": 1.0e9, "upload_throughput": 1.0e9 });
    let command =
        SessionPost { path: "chromium/network_conditions", body: json!({ "network_conditions": conditions }) };
    client.issue_cmd(command).await.unwrap_or_else(|error| panic!("network conditions through ChromeDriver: {error}"));
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium outlives chromedriver when a test fails before closing the
        // session; end every process that uses this test's profile.
        let _ = Command::new("pkill").arg("-f").arg(format!("user-data-dir={}", self.profile.display())).status();
        if !self.kept_profile {
            let _ = std::fs::remove_dir_all(&self.profile);
        }
    }
}

/// An empty folder for the downloads of the test called `test`.
pub fn download_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-e2e-downloads-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("download folder");
    dir
}

/// Waits for a finished download named `name` in `dir` and returns its text.
pub async fn downloaded(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    eventually(&format!("download {name}"), || async {
        let partial =
            std::fs::read_dir(dir).ok()?.flatten().any(|e| e.path().extension().is_some_and(|x| x == "crdownload"));
        if partial {
            return None;
        }
        std::fs::read_to_string(&path).ok().filter(|text| !text.is_empty())
    })
    .await
}

/// Waits for a finished download named `name` in `dir` and returns the path of
/// the test's own copy of it, for a later step to choose. Chromium's file is not
/// used once its browser is closed: in one CI run a download read whole under its
/// name was gone after the browser closed. Most likely the browser closed before
/// it had marked the download complete, and cancelling it removed the file.
pub async fn kept_download(dir: &Path, name: &str) -> PathBuf {
    let text = downloaded(dir, name).await;
    let kept = dir.join("kept");
    std::fs::create_dir_all(&kept).expect("a folder for kept downloads");
    let path = kept.join(name);
    std::fs::write(&path, text).expect("keep the download");
    path
}

/// An empty folder for a profile that the test called `test` starts browsers on
/// (the test removes it when done).
pub fn profile_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-e2e-profile-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
