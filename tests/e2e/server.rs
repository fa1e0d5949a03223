//! A static file server for `dist/`, started by the test on a free loopback port.
//!
//! Addresses that name no file get `index.html`, as any static host configured for
//! a single-page app does, so that deep links and reloads work. A [`Host`] can be
//! taken down (its port then refuses connections) and brought back with another
//! build, as a web host that goes away and later serves a new version.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Serves `root` on 127.0.0.1 until the test process ends; returns the base URL.
pub async fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(accept(listener, root));
    format!("http://{address}")
}

/// A web host the test can take down and bring back, on one address.
pub struct Host {
    pub base: String,
    address: SocketAddr,
    running: Option<JoinHandle<()>>,
}

impl Host {
    /// Serves `root` on a free loopback port.
    pub async fn start(root: PathBuf) -> Host {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let address = listener.local_addr().expect("local address");
        let running = Some(tokio::spawn(accept(listener, root)));
        Host { base: format!("http://{address}"), address, running }
    }

    /// Stops listening: from now on the address refuses connections.
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.abort();
            let _ = running.await;
        }
    }

    /// Serves `root` on the same address again.
    pub async fn serve(&mut self, root: PathBuf) {
        self.stop().await;
        let listener = TcpListener::bind(self.address).await.expect("bind the host's address again");
        self.running = Some(tokio::spawn(accept(listener, root)));
    }
}

/// Answers every connection `listener` accepts with a file of `root`.
async fn accept(listener: TcpListener, root: PathBuf) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let root = root.clone();
        tokio::spawn(async move {
            let _ = respond(stream, &root).await;
        });
    }
}

async fn respond(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut buffer = vec![0u8; 8192];
    let mut read = 0;
    while !buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") && read < buffer.len() {
        let n = stream.read(&mut buffer[read..]).await?;
        if n == 0 {
            break;
        }
        read += n;
    }
    let request = String::from_utf8_lossy(&buffer[..read]);
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let candidate = root.join(relative);
    let file = if !relative.is_empty() && !relative.contains("..") && candidate.is_file() {
        candidate
    } else if relative.rsplit('/').next().is_some_and(|name| name.contains('.')) {
        // A file that is not there (an in-app address has no dot in its last part).
        let header = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        stream.write_all(header.as_bytes()).await?;
        return stream.shutdown().await;
    } else {
        root.join("index.html")
    };
    // A brotli copy next to the file (`x.wasm.br`, which scripts/bench makes) is sent
    // to a browser that accepts it, as a static host with precompressed files does.
    let accepts_brotli = request.lines().any(|line| {
        line.to_ascii_lowercase().strip_prefix("accept-encoding:").is_some_and(|value| value.contains("br"))
    });
    let mut compressed = file.clone().into_os_string();
    compressed.push(".br");
    let compressed = PathBuf::from(compressed);
    let (body, encoding) = if accepts_brotli && compressed.is_file() {
        (tokio::fs::read(&compressed).await?, "Content-Encoding: br\r\n")
    } else {
        (tokio::fs::read(&file).await?, "")
    };
    let header = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    stream.write_all(header.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
