//! A CouchDB-protocol server for the sync tests: the npm `pouchdb-server`
//! (package.json pins it; `scripts/ensure-tools` installs it) in memory, on
//! 127.0.0.1 only, set up by the README's own command (`scripts/couch-setup.mjs`):
//! the admin, CORS for the app's origin, a writer and a viewer. It is stopped
//! (killed by its process id) when dropped. [`Couch::start_on_disk`] keeps its
//! databases in LevelDB files instead, so it can be stopped and started again
//! on the same port with everything it stored.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The server's admin (who shares, as the incident lead).
pub const LEAD: (&str, &str) = ("lead", "lead-secret");
/// A responder who may add entries.
pub const WRITER: (&str, &str) = ("bo", "bo-secret");
/// A user who may only read.
pub const VIEWER: (&str, &str) = ("vic", "vic-secret");

/// A running pouchdb-server; stopped when dropped.
pub struct Couch {
    pub url: String,
    process: Option<Child>,
    dir: PathBuf,
    port: u16,
    in_memory: bool,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A free loopback port (bound, read, let go).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

impl Couch {
    /// Starts the server and sets it up for the app served at `app_origin`.
    pub fn start(app_origin: &str) -> Couch {
        Couch::launch(app_origin, true)
    }

    /// Starts the server with its databases on disk, so that [`Couch::stop`] and
    /// [`Couch::start_again`] keep them.
    pub fn start_on_disk(app_origin: &str) -> Couch {
        Couch::launch(app_origin, false)
    }

    fn launch(app_origin: &str, in_memory: bool) -> Couch {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("sitrep-e2e-couch-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the server's folder");
        let url = format!("http://127.0.0.1:{port}");
        let mut couch = Couch { url, process: None, dir, port, in_memory };
        couch.start_again();
        couch.setup(app_origin);
        couch
    }

    /// Starts the server (again) on its port and folder, and waits for it.
    pub fn start_again(&mut self) {
        assert!(self.process.is_none(), "the server runs already");
        let bin = repo().join("node_modules/pouchdb-server/bin/pouchdb-server");
        assert!(bin.is_file(), "pouchdb-server is missing: run scripts/ensure-tools (npm ci)");
        let mut command = Command::new("node");
        // Keeps a replicated revision's history, as CouchDB does (see the file).
        command.arg("--require").arg(repo().join("tests/e2e/couch-revisions.cjs")).arg(&bin);
        if self.in_memory {
            command.arg("--in-memory");
        }
        let process = command
            .args(["-o", "127.0.0.1", "-p", &self.port.to_string(), "-d"])
            .arg(&self.dir)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node must be installed (see README.md)");
        self.process = Some(process);
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "pouchdb-server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server (killed, as a crash or a power cut would); its port then
    /// refuses connections.
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Runs the setup command, as the README says.
    fn setup(&self, app_origin: &str) {
        let pair = |(name, password): (&str, &str)| format!("{name}:{password}");
        let status = Command::new("node")
            .arg(repo().join("scripts/couch-setup.mjs"))
            .args(["--server", &self.url, "--admin", &pair(LEAD), "--create-admin", "--origin", app_origin])
            .args(["--writer", &pair(WRITER), "--viewer", &pair(VIEWER)])
            .status()
            .expect("run scripts/couch-setup.mjs");
        assert!(status.success(), "scripts/couch-setup.mjs failed");
    }
}

impl Couch {
    /// Creates the team workspace database `sitrep-team-<team>` with the setup
    /// command, as the README says: `admins` change it, `members` read it.
    pub fn setup_team(&self, team: &str, admins: &[&str], members: &[&str]) {
        let pair = |(name, password): (&str, &str)| format!("{name}:{password}");
        let mut command = Command::new("node");
        command.arg(repo().join("scripts/couch-setup.mjs"));
        command.args(["--server", &self.url, "--admin", &pair(LEAD), "--team", team]);
        for admin in admins {
            command.args(["--team-admin", admin]);
        }
        for member in members {
            command.args(["--team-member", member]);
        }
        let status = command.status().expect("run scripts/couch-setup.mjs");
        assert!(status.success(), "scripts/couch-setup.mjs --team failed");
    }
}

impl Drop for Couch {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A door in front of the server, on a port of its own: it passes every byte
/// both ways, but holds one kind of request from the `hold_from`-th on, until
/// [`Gate::open`]. A test sees what the app shows between two pages or batches.
pub struct Gate {
    pub url: String,
    open: Arc<AtomicBool>,
    held: Arc<AtomicUsize>,
}

/// The app's paged read of the changes feed (not the longpoll), by the start
/// of its request line and a part of its path.
pub const PAGED_READ: (&str, &str) = ("GET ", "/_changes?style=all_docs");

/// The app's batch of documents sent (not the CORS preflight before it).
pub const BATCH_SENT: (&str, &str) = ("POST ", "/_bulk_docs ");

impl Gate {
    /// Opens the door in front of `couch`, holding the requests whose first line
    /// starts with `method` and holds `path`, from the `hold_from`-th on.
    pub fn start(couch: &Couch, (method, path): (&'static str, &'static str), hold_from: usize) -> Gate {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        listener.set_nonblocking(true).expect("a listener for tokio");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a listener for tokio");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let (open, held, asked) =
            (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let port = couch.port;
        let (open_, held_) = (open.clone(), held.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else { continue };
                let (open, held, asked) = (open_.clone(), held_.clone(), asked.clone());
                tokio::spawn(async move {
                    let (mut from_client, mut to_client) = client.into_split();
                    let (mut from_server, mut to_server) = server.into_split();
                    tokio::spawn(async move {
                        let _ = tokio::io::copy(&mut from_server, &mut to_client).await;
                        let _ = to_client.shutdown().await;
                    });
                    let mut buffer = vec![0; 64 * 1024];
                    while let Ok(read) = from_client.read(&mut buffer).await {
                        let chunk = &buffer[..read];
                        if chunk.is_empty() {
                            break;
                        }
                        let line = chunk.split(|b| *b == b'\n').next().unwrap_or_default();
                        let matches = line.starts_with(method.as_bytes())
                            && line.windows(path.len()).any(|w| w == path.as_bytes());
                        if matches && asked.fetch_add(1, Ordering::SeqCst) + 1 >= hold_from {
                            held.fetch_add(1, Ordering::SeqCst);
                            while !open.load(Ordering::SeqCst) {
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                        }
                        if to_server.write_all(chunk).await.is_err() {
                            break;
                        }
                    }
                    let _ = to_server.shutdown().await;
                });
            }
        });
        Gate { url, open, held }
    }

    /// How many requests the door holds or has held.
    pub fn held(&self) -> usize {
        self.held.load(Ordering::SeqCst)
    }

    /// Lets every held request through, and all that follow.
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}
