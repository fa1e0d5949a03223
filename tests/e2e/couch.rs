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
use std::time::{Duration, Instant};

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
