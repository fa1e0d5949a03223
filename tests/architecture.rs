//! Checks of the crate's shape that the compiler cannot make: the domain layer
//! stays pure Rust, free of the UI, the browser and the store.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const FORBIDDEN: [&str; 8] =
    ["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo", "indexed_db_futures", "crate::store", "crate::ui"];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/domain") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn domain_imports_no_ui_browser_or_store_code() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"), &mut files);
    assert!(!files.is_empty(), "src/domain has Rust files");
    let mut offences = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read a domain file");
        for (number, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for name in FORBIDDEN {
                let as_path = code.contains(&format!("{name}::")) || code.contains(&format!("use {name}"));
                if as_path {
                    offences.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "src/domain must stay pure:\n{}", offences.join("\n"));
}
