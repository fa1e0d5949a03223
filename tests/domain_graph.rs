//! The modules of `src/domain` use each other without a cycle.
//!
//! The test reads the source as text: every `super::x` of a top-level domain file
//! (outside its `#[cfg(test)]` module), every `super::super::x` of a file in a
//! domain folder, and every `crate::domain::x` anywhere, braces included
//! (`crate::domain::{a, b::C}`). A name that `src/domain/mod.rs` re-exports
//! (`crate::domain::Incident`) counts as a use of the module it comes from.
//! A folder (`export/`) is one module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const DOMAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain");

/// Who uses whom, by top-level module name.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The source without `//` comments, which name paths in links and examples.
fn without_comments(source: &str) -> String {
    source.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn ident(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The first path segment of every item a path names after `prefix`:
/// `prefix::a::B` gives `a`, `prefix::{a, b::C}` gives `a` and `b`.
fn first_segments(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        // `super::super::x` is not `super::x` of the text that follows.
        let rest = &code[at + prefix.len()..];
        if prefix == "super::" && (code[..at].ends_with("super::") || rest.starts_with("super::")) {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut item, mut items) = (0, String::new(), Vec::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            items.push(item);
            found.extend(items.iter().map(|i| ident(i.trim())).filter(|i| !i.is_empty()));
        } else {
            found.push(ident(rest));
        }
    }
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The module each name re-exported by `src/domain/mod.rs` comes from.
fn re_exports(modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let source = without_comments(&fs::read_to_string(Path::new(DOMAIN).join("mod.rs")).expect("mod.rs"));
    let mut names = BTreeMap::new();
    for statement in source.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else { continue };
        let module = ident(path);
        if !modules.contains(&module) {
            continue;
        }
        for name in first_segments(path, &format!("{module}::")) {
            names.insert(name, module.clone());
        }
    }
    names
}

fn domain_graph() -> Graph {
    let root = Path::new(DOMAIN);
    let files = rust_files(root);
    let module_of = |file: &Path| -> Option<String> {
        let relative = file.strip_prefix(root).expect("a domain file");
        let first = relative.components().next()?.as_os_str().to_str()?.to_owned();
        (first != "mod.rs").then(|| first.trim_end_matches(".rs").to_owned())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let names = re_exports(&modules);
    let resolve = |name: &str| -> Option<String> {
        if modules.contains(name) {
            Some(name.to_owned())
        } else {
            names.get(name).cloned()
        }
    };

    let mut graph: Graph = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in &files {
        let Some(module) = module_of(file) else { continue };
        let code = without_comments(&fs::read_to_string(file).expect("a readable file"));
        let nested = file.parent() != Some(root);
        // `super::` inside a file's test module names the file's own module.
        let product = code.split("#[cfg(test)]").next().unwrap_or("");
        let mut used = first_segments(&code, "crate::domain::");
        used.extend(first_segments(product, if nested { "super::super::" } else { "super::" }));
        for target in used.iter().filter_map(|name| resolve(name)) {
            if target != module {
                graph.get_mut(&module).expect("a known module").insert(target);
            }
        }
    }
    graph
}

/// A cycle of the graph, as the modules along it, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn show(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(m, uses)| format!("{m} -> {}", uses.iter().cloned().collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn domain_modules_use_each_other_without_a_cycle() {
    let graph = domain_graph();
    assert!(graph.len() > 10 && graph.contains_key("export"), "the domain's modules were not found:\n{}", show(&graph));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("the domain modules use each other in a cycle: {}\n\n{}", cycle.join(" -> "), show(&graph));
    }
}

#[test]
fn the_event_payloads_use_only_leaves() {
    let graph = domain_graph();
    // `order` (one compiled sort) is a leaf the others may use; it uses nothing.
    let leaves = ["catalog", "id", "milestone", "order", "roles", "severity"];
    assert!(graph["order"].is_empty(), "order uses {:?}", graph["order"]);
    for leaf in leaves {
        assert!(graph[leaf].iter().all(|m| m == "order"), "{leaf} uses {:?}", graph[leaf]);
    }
    let uses = &graph["event"];
    assert!(uses.iter().all(|m| leaves.contains(&m.as_str())), "event uses {uses:?}");
}

#[test]
fn the_reader_finds_uses_in_every_form() {
    let code = "use super::{a, b::C};\nuse crate::domain::{self, d::{E, F}, G};\nlet x = super::super::h::I;";
    assert_eq!(first_segments(code, "super::"), ["a", "b"]);
    assert_eq!(first_segments(code, "crate::domain::"), ["self", "d", "G"]);
    assert_eq!(first_segments(code, "super::super::"), ["h"]);
    let mut graph = Graph::new();
    graph.insert("a".into(), ["b".into()].into());
    graph.insert("b".into(), ["a".into()].into());
    assert_eq!(find_cycle(&graph), Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]));
}
