//! A CouchDB-protocol server for the sync tests: the npm `pouchdb-server`
//! (package.json pins it; `scripts/ensure-tools` installs it) in memory, on
//! 127.0.0.1 only, set up by the README's own command (`scripts/couch-setup.mjs`):
//! the admin, CORS for the app's origin, a writer and a viewer. It is stopped
//! (killed by its process id) when dropped.

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
    process: Child,
    dir: PathBuf,
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
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("sitrep-e2e-couch-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the server's folder");
        let bin = repo().join("node_modules/pouchdb-server/bin/pouchdb-server");
        assert!(bin.is_file(), "pouchdb-server is missing: run scripts/ensure-tools (npm ci)");
        let process = Command::new("node")
            .arg(&bin)
            .args(["--in-memory", "-o", "127.0.0.1", "-p", &port.to_string(), "-d"])
            .arg(&dir)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node must be installed (see README.md)");
        let url = format!("http://127.0.0.1:{port}");
        let couch = Couch { url, process, dir };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "pouchdb-server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        couch.setup(app_origin);
        couch
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

impl Drop for Couch {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
