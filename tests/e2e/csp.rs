//! The Content-Security-Policy of the built page, read from `dist/index.html`:
//! scripts from the app's origin and the inline loader by its hash, nothing
//! inline otherwise, nothing from elsewhere; the worker and the manifest from the
//! origin too.

use crate::dist;
use base64::Engine;
use scraper::{Html, Selector};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The policy's directives: name to sources.
fn directives(policy: &str) -> BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

#[test]
fn the_built_page_allows_only_its_own_scripts_and_the_loader_by_hash() {
    let page = std::fs::read_to_string(dist().join("index.html")).expect("read dist/index.html");
    let html = Html::parse_document(&page);
    let meta = Selector::parse(r#"meta[http-equiv="Content-Security-Policy"]"#).unwrap();
    let policies: Vec<_> = html.select(&meta).filter_map(|m| m.value().attr("content")).collect();
    assert_eq!(policies.len(), 1, "one Content-Security-Policy in dist/index.html");
    let policy = directives(policies[0]);
    let sources = |name: &str| policy.get(name).unwrap_or_else(|| panic!("the policy has no {name}: {policy:#?}"));

    // Scripts: the origin, WebAssembly compilation, and hashes; nothing unsafe.
    let scripts = sources("script-src");
    for unsafe_source in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "*", "data:"] {
        assert!(!scripts.contains(&unsafe_source.to_owned()), "script-src allows {unsafe_source}: {scripts:?}");
    }
    assert!(scripts.contains(&"'self'".to_owned()), "script-src: {scripts:?}");
    for source in scripts {
        assert!(
            source == "'self'" || source == "'wasm-unsafe-eval'" || source.starts_with("'sha256-"),
            "script-src allows {source}"
        );
    }

    // Every inline script is the loader, allowed by its exact hash, and no other
    // hash is allowed. The hash is of the script's text as written (a script's
    // text is not escaped, so its HTML serialisation would differ at `>`).
    let script = Selector::parse("script").unwrap();
    let inline: Vec<String> = html
        .select(&script)
        .filter(|s| s.value().attr("src").is_none())
        .map(|s| {
            let digest = Sha256::digest(s.text().collect::<String>().as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    assert_eq!(inline.len(), 1, "one inline script, the loader");
    let hashes: Vec<_> = scripts.iter().filter(|s| s.starts_with("'sha256-")).cloned().collect();
    assert_eq!(hashes, inline, "script-src lists exactly the loader's hash");
    let loader: String = html.select(&script).find(|s| s.value().attr("src").is_none()).unwrap().text().collect();
    // The loader (scripts/finish-build.mjs) compiles the WebAssembly as it
    // arrives and then imports the bindings that start the app with it.
    assert!(
        loader.contains("WebAssembly.compileStreaming(") && loader.contains("await init({ module_or_path: compiled })"),
        "the inline script is the loader: {loader}"
    );

    // Requests: the origin, and the team's CouchDB server, which a user types
    // at run time: any https server, or one on this machine (ARCHITECTURE.md,
    // "Team sync"). Plain http elsewhere is refused.
    assert_eq!(sources("connect-src"), &["'self'", "https:", "http://127.0.0.1:*", "http://localhost:*"]);

    // The rest: the origin only, and no plugins, no <base>, no form posts.
    assert_eq!(sources("default-src"), &["'self'"]);
    assert_eq!(sources("worker-src"), &["'self'"]);
    assert_eq!(sources("manifest-src"), &["'self'"]);
    assert_eq!(sources("style-src"), &["'self'"]);
    assert_eq!(sources("object-src"), &["'none'"]);
    assert_eq!(sources("base-uri"), &["'none'"]);
    assert_eq!(sources("form-action"), &["'none'"]);
    for (name, list) in &policy {
        for source in list {
            let allowed = source == "'self'"
                || source == "'none'"
                || source == "'wasm-unsafe-eval'"
                || source.starts_with("'sha256-")
                || (name == "img-src" && source == "data:")
                || name == "connect-src";
            assert!(allowed, "{name} allows {source}, outside the app's origin");
        }
    }

    // Hosts that serve 404.html for unknown addresses get the same page.
    let not_found = std::fs::read_to_string(dist().join("404.html")).expect("read dist/404.html");
    assert_eq!(not_found, page, "dist/404.html is dist/index.html");
}

#[test]
fn the_build_has_a_manifest_icons_and_a_worker_that_precaches_exactly_its_files() {
    let dist = dist();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("manifest.webmanifest")).expect("read the manifest"))
            .expect("the manifest is JSON");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["shortcuts"][0]["name"], "Declare incident");
    assert_eq!(manifest["shortcuts"][0]["url"], "/?declare");

    // The theme colours are the design tokens' (light scheme).
    let tokens = std::fs::read_to_string(dist.parent().unwrap().join("style/tokens.css")).expect("tokens");
    let token = |name: &str| {
        let at = tokens.find(&format!("--{name}:")).unwrap_or_else(|| panic!("no --{name}"));
        tokens[at..].split_once(':').unwrap().1.split(';').next().unwrap().trim().to_owned()
    };
    assert_eq!(manifest["theme_color"], token("color-primary"));
    assert_eq!(manifest["background_color"], token("color-bg"));

    // Icons at 192 and 512 px and a maskable one, each a PNG of the size it says.
    let mut purposes = Vec::new();
    for icon in manifest["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().expect("src").trim_start_matches('/');
        let png = std::fs::read(dist.join(src)).unwrap_or_else(|_| panic!("{src} is in the build"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{src} is a PNG");
        let (width, height) =
            (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
        assert_eq!(icon["sizes"], format!("{width}x{height}"), "{src}");
        purposes.push((width, icon["purpose"].as_str().unwrap_or("any").to_owned()));
    }
    for wanted in [(192, "any"), (512, "any"), (512, "maskable")] {
        assert!(purposes.contains(&(wanted.0, wanted.1.to_owned())), "an icon {wanted:?}: {purposes:?}");
    }

    // The worker precaches every file of the build but itself and 404.html, and
    // nothing else.
    let worker = std::fs::read_to_string(dist.join("sw.js")).expect("dist/sw.js");
    let mut files = Vec::new();
    let mut folders = vec![dist.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dist").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(&dist).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    for file in &files {
        let listed = worker.contains(&format!("url:\"{file}\""));
        let expected = file != "sw.js" && file != "404.html";
        assert_eq!(listed, expected, "{file} in the precache list of sw.js");
    }
    assert_eq!(worker.matches("url:\"").count(), files.len() - 2, "the precache list has only the build's files");
}
