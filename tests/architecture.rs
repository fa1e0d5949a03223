//! Checks of the crate's shape that the compiler cannot make: the domain layer
//! stays pure Rust, free of the UI, the browser, the store, clocks and random
//! sources.
//!
//! Every file under `src/domain` is parsed as Rust (`syn`), not read line by line,
//! so a grouped, renamed, glob or multi-line `use`, a `super` chain, a path written
//! inline in an expression or a type, and the paths inside macro calls and
//! attributes are all seen. A path is resolved from the module of the file it is in
//! (`src/domain/export/json.rs` is `crate::domain::export::json`, and an inline
//! `mod tests` one level below it) before it is judged.
//!
//! In `src/ui`, only the command layers call the store (`STORE_CALLERS`), and
//! nothing in `src/ui` or `src/store` renders markup with `inner_html`.
//!
//! Every style sheet closes each rule it opens and nests no rule in another: the
//! build's minifier reads an unclosed rule as CSS nesting, so the rules after it
//! would quietly apply only inside it.
#![cfg(not(target_arch = "wasm32"))]

use expect_test::{expect, Expect};
use proc_macro2::{Span, TokenStream, TokenTree};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// Crates of the UI, the browser and IndexedDB; a name ending in `*` is a prefix.
const BROWSER_CRATES: [&str; 8] = [
    "leptos*",
    "web_sys",
    "js_sys",
    "wasm_bindgen*",
    "gloo*",
    "indexed_db_futures",
    "console_error_panic_hook",
    "send_wrapper",
];

/// Crates whose only job is randomness.
const RANDOM_CRATES: [&str; 5] = ["rand", "rand_*", "getrandom", "fastrand", "oorandom"];

/// Two path segments in a row that read the clock or a random source, and why.
const CALLS: [(&str, &str, &str); 9] = [
    ("Utc", "now", "reads the clock"),
    ("Utc", "today", "reads the clock"),
    ("Local", "now", "reads the clock"),
    ("Local", "today", "reads the clock"),
    ("Instant", "now", "reads the clock"),
    ("Date", "now", "reads the clock"),
    ("Math", "random", "reads a random source"),
    ("Ulid", "new", "reads the clock and a random source"),
    ("Ulid", "generate", "reads the clock and a random source"),
];

/// Single segments that mean the clock or a random source wherever they appear.
const NAMES: [(&str, &str); 2] =
    [("SystemTime", "reads the clock"), ("Generator", "reads the clock and a random source")];

#[test]
fn domain_imports_no_ui_browser_store_clock_or_random_source() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("domain"), &mut files);
    assert!(files.len() > 10, "src/domain has its Rust files");
    let mut offences = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("a file under src");
        let source = std::fs::read_to_string(&file).expect("read a domain file");
        let shown = Path::new("src").join(relative);
        match check(&module_of(relative), &source) {
            Ok(found) => offences.extend(found.into_iter().map(|o| format!("{}:{o}", shown.display()))),
            Err(error) => offences.push(format!("{}: does not parse: {error}", shown.display())),
        }
    }
    assert!(offences.is_empty(), "src/domain must stay pure:\n{}", offences.join("\n"));
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/domain") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The module a file under `src/` is, without the leading `crate`:
/// `domain/export/json.rs` is `["domain", "export", "json"]` and
/// `domain/export/mod.rs` is `["domain", "export"]`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut module: Vec<String> =
        relative.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if module.last().is_some_and(|last| last == "mod" || last == "lib" || last == "main") {
        module.pop();
    }
    module
}

/// Every rule `source` breaks, as `line:column: what`, read as the file of
/// `module` (a module path without the leading `crate`).
fn check(module: &[String], source: &str) -> syn::Result<Vec<String>> {
    let file = syn::parse_file(source)?;
    let mut imports = Imports { module: module.to_vec(), aliases: HashMap::new() };
    imports.visit_file(&file);
    let mut checker = Checker { module: module.to_vec(), aliases: imports.aliases, offences: Vec::new() };
    checker.visit_file(&file);
    checker.offences.sort();
    checker.offences.dedup();
    Ok(checker.offences.into_iter().map(|(line, column, what)| format!("{line}:{column}: {what}")).collect())
}

/// A path as written: the segments, and whether it starts with `::` (an
/// external crate, whatever the first segment is called).
#[derive(Debug, Clone)]
struct Written {
    leading_colon: bool,
    segments: Vec<String>,
}

impl Written {
    fn of(path: &syn::Path) -> Self {
        Written {
            leading_colon: path.leading_colon.is_some(),
            segments: path.segments.iter().map(|s| s.ident.unraw().to_string()).collect(),
        }
    }
}

/// Where a path leads once `crate`, `self` and `super` are resolved.
#[derive(Debug, Clone, PartialEq)]
enum Resolved {
    /// Inside this crate: the segments after `crate`.
    Crate(Vec<String>),
    /// A `super` chain that climbs above the crate root.
    AboveCrate,
    /// Another crate, or a name the file has in scope (a local item, the prelude).
    Other(Vec<String>),
}

/// Resolves `written` from inside `module`; a leading `super` climbs from there.
fn resolve(module: &[String], written: &Written) -> Resolved {
    let segments = &written.segments;
    if written.leading_colon || segments.is_empty() {
        return Resolved::Other(segments.clone());
    }
    let mut path = match segments[0].as_str() {
        // `$crate` in a macro, and the crate's own name through `extern crate self`.
        "crate" | "$crate" | "sitrep" => Vec::new(),
        "self" | "super" => module.to_vec(),
        _ => return Resolved::Other(segments.clone()),
    };
    let from = usize::from(segments[0] != "super");
    for segment in &segments[from..] {
        match segment.as_str() {
            "self" => {}
            "super" => {
                if path.pop().is_none() {
                    return Resolved::AboveCrate;
                }
            }
            name => path.push(name.to_owned()),
        }
    }
    Resolved::Crate(path)
}

/// The first pass: what each name brought in by a `use` (or `extern crate`)
/// stands for, so `use chrono::Utc as U; U::now()` is read as `chrono::Utc::now`.
struct Imports {
    module: Vec<String>,
    aliases: HashMap<String, Vec<Resolved>>,
}

impl<'ast> Visit<'ast> for Imports {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.unraw().to_string());
        visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut leaves = Vec::new();
        flatten(&item.tree, Written { leading_colon: item.leading_colon.is_some(), segments: vec![] }, &mut leaves);
        for leaf in leaves {
            if let Some(name) = leaf.binds {
                let target = resolve(&self.module, &leaf.path);
                self.aliases.entry(name).or_default().push(target);
            }
        }
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        let name = item.rename.as_ref().map_or(&item.ident, |(_, name)| name).unraw().to_string();
        let target =
            resolve(&self.module, &Written { leading_colon: true, segments: vec![item.ident.unraw().to_string()] });
        let target = if item.ident == "self" { Resolved::Crate(Vec::new()) } else { target };
        self.aliases.entry(name).or_default().push(target);
    }
}

/// One name a `use` tree brings in: its full path, the name it binds (none for a
/// glob) and where it is written.
struct Leaf {
    path: Written,
    binds: Option<String>,
    span: Span,
}

/// Every leaf of a `use` tree, through groups, renames, globs and nested `self`.
fn flatten(tree: &syn::UseTree, prefix: Written, leaves: &mut Vec<Leaf>) {
    let with = |ident: &syn::Ident| {
        let mut path = prefix.clone();
        path.segments.push(ident.unraw().to_string());
        path
    };
    match tree {
        syn::UseTree::Path(p) => flatten(&p.tree, with(&p.ident), leaves),
        syn::UseTree::Name(n) => {
            // `use a::b::{self}` binds `b`; `use crate::{self}` is not Rust, but
            // read it as `crate` all the same.
            let (path, name) = if n.ident == "self" && !prefix.segments.is_empty() {
                (prefix.clone(), prefix.segments.last().cloned())
            } else {
                (with(&n.ident), Some(n.ident.unraw().to_string()))
            };
            leaves.push(Leaf { path, binds: name, span: n.ident.span() });
        }
        syn::UseTree::Rename(r) => {
            let path = if r.ident == "self" && !prefix.segments.is_empty() { prefix.clone() } else { with(&r.ident) };
            leaves.push(Leaf { path, binds: Some(r.rename.unraw().to_string()), span: r.ident.span() });
        }
        syn::UseTree::Glob(g) => leaves.push(Leaf { path: prefix.clone(), binds: None, span: g.star_token.span }),
        syn::UseTree::Group(g) => {
            for item in &g.items {
                flatten(item, prefix.clone(), leaves);
            }
        }
    }
}

/// The second pass: judges every path, `use` leaf and identifier.
struct Checker {
    module: Vec<String>,
    aliases: HashMap<String, Vec<Resolved>>,
    offences: Vec<(usize, usize, String)>,
}

impl Checker {
    fn refuse(&mut self, span: Span, what: String) {
        let start = span.start();
        self.offences.push((start.line, start.column + 1, what));
    }

    /// Judges one path. `imported` is true for `use` and `extern crate`, where a
    /// single segment is a crate; in an expression `rand` alone is a variable.
    fn judge(&mut self, written: &Written, imported: bool, span: Span) {
        let shown = format!("{}{}", if written.leading_colon { "::" } else { "" }, written.segments.join("::"));
        let direct = resolve(&self.module, written);
        let mut readings = vec![direct.clone()];
        readings.extend(self.expand(&direct, 0));
        for reading in readings {
            for why in refused(&reading, imported || written.segments.len() > 1) {
                self.refuse(span, format!("`{shown}` {why}"));
            }
        }
    }

    /// What a path stands for once a name brought in by `use` is replaced by its
    /// target, repeatedly (`use chrono as c; use c::Utc as U;`).
    fn expand(&self, path: &Resolved, depth: usize) -> Vec<Resolved> {
        let Resolved::Other(segments) = path else { return Vec::new() };
        let Some(targets) = segments.first().and_then(|first| self.aliases.get(first)) else { return Vec::new() };
        if depth > 8 {
            return Vec::new();
        }
        let mut readings = Vec::new();
        for target in targets {
            let longer = match target {
                Resolved::Crate(base) => Resolved::Crate([base.as_slice(), &segments[1..]].concat()),
                Resolved::Other(base) => Resolved::Other([base.as_slice(), &segments[1..]].concat()),
                Resolved::AboveCrate => Resolved::AboveCrate,
            };
            if &longer != path {
                readings.extend(self.expand(&longer, depth + 1));
                readings.push(longer);
            }
        }
        readings
    }

    fn judge_ident(&mut self, ident: &proc_macro2::Ident) {
        let name = ident.to_string().to_lowercase();
        if name.contains("inner_html") || name.contains("innerhtml") {
            self.refuse(ident.span(), format!("`{ident}` sets or reads HTML: user text is only ever a text node"));
        }
    }

    /// The paths and identifiers in the tokens of a macro call or an attribute,
    /// which `syn` leaves unparsed: `format!("{}", Utc::now())`, `$crate::ui::X`,
    /// and, in an attribute (`in_attribute`), a string that is a whole path:
    /// `#[serde(with = "crate::store::codec")]`.
    fn judge_tokens(&mut self, tokens: TokenStream, in_attribute: bool) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(group) => {
                    self.judge_tokens(group.stream(), in_attribute);
                    i += 1;
                }
                TokenTree::Literal(literal) if in_attribute => {
                    // A path in a string, as serde's `with`, `try_from` and `from` take them.
                    if let Ok(syn::Lit::Str(text)) = syn::parse_str::<syn::Lit>(&literal.to_string()) {
                        if let Ok(path) = syn::parse_str::<syn::Path>(&text.value()) {
                            let written = Written::of(&path);
                            if written.segments.len() > 1 {
                                self.judge(&written, false, literal.span());
                            }
                        }
                    }
                    i += 1;
                }
                TokenTree::Literal(_) => i += 1,
                TokenTree::Punct(_) | TokenTree::Ident(_) => {
                    let (written, span, next) = path_in_tokens(&trees, i);
                    if written.segments.is_empty() {
                        i = next.max(i + 1);
                        continue;
                    }
                    for tree in &trees[i..next] {
                        if let TokenTree::Ident(ident) = tree {
                            self.judge_ident(ident);
                        }
                    }
                    self.judge(&written, false, span);
                    i = next;
                }
            }
        }
    }

    /// `<Utc>::now()` and `<web_sys::Window as X>::y` name their type apart from the path.
    fn judge_qualified(&mut self, qself: &Option<syn::QSelf>, path: &syn::Path) {
        let Some(qself) = qself else { return };
        let syn::Type::Path(syn::TypePath { qself: None, path: ty, .. }) = &*qself.ty else { return };
        if qself.position == 0 {
            let mut written = Written::of(ty);
            written.segments.extend(Written::of(path).segments);
            self.judge(&written, false, path.span());
        }
    }
}

/// Why a resolved path is refused, if it is. `crate_named` is false for a lone
/// name in an expression, which is a variable rather than a crate.
fn refused(path: &Resolved, crate_named: bool) -> Vec<String> {
    let mut reasons = Vec::new();
    let segments = match path {
        Resolved::AboveCrate => return vec!["climbs above the crate root".to_owned()],
        Resolved::Crate(segments) => {
            if segments.first().is_none_or(|first| first != "domain") {
                let shown = ["crate"].into_iter().chain(segments.iter().map(String::as_str)).collect::<Vec<_>>();
                reasons.push(format!("reaches `{}`, outside crate::domain", shown.join("::")));
            }
            segments
        }
        Resolved::Other(segments) => {
            let first = segments.first().map(String::as_str).unwrap_or_default();
            if crate_named && BROWSER_CRATES.iter().any(|c| matches(c, first)) {
                reasons.push(format!("uses `{first}`, a UI or browser crate"));
            }
            if crate_named && RANDOM_CRATES.iter().any(|c| matches(c, first)) {
                reasons.push(format!("uses `{first}`, a random source"));
            }
            segments
        }
    };
    for pair in segments.windows(2) {
        if let Some((a, b, why)) = CALLS.iter().find(|(a, b, _)| pair[0] == *a && pair[1] == *b) {
            reasons.push(format!("{why} (`{a}::{b}`): times and ids come in as arguments"));
        }
    }
    for segment in segments {
        if let Some((name, why)) = NAMES.iter().find(|(name, _)| segment == name) {
            reasons.push(format!("{why} (`{name}`): times and ids come in as arguments"));
        }
    }
    reasons
}

fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

/// The path that starts at `trees[i]` (`a::b::c`, `::a::b` or `$crate::a`), where
/// it starts, and the index after it. An empty path when `trees[i]` starts none.
fn path_in_tokens(trees: &[TokenTree], mut i: usize) -> (Written, Span, usize) {
    let span = trees[i].span();
    let is_colons = |at: usize| {
        matches!((trees.get(at), trees.get(at + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':')
    };
    let mut written = Written { leading_colon: false, segments: Vec::new() };
    match &trees[i] {
        TokenTree::Punct(p) if p.as_char() == '$' => match trees.get(i + 1) {
            Some(TokenTree::Ident(ident)) if ident == "crate" => {
                written.segments.push("$crate".to_owned());
                i += 2;
            }
            _ => return (written, span, i + 1),
        },
        TokenTree::Punct(_) if is_colons(i) => {
            written.leading_colon = true;
            i += 2;
            match trees.get(i) {
                Some(TokenTree::Ident(ident)) => {
                    written.segments.push(ident.unraw().to_string());
                    i += 1;
                }
                _ => return (Written { leading_colon: false, segments: Vec::new() }, span, i),
            }
        }
        TokenTree::Ident(ident) => {
            written.segments.push(ident.unraw().to_string());
            i += 1;
        }
        _ => return (written, span, i + 1),
    }
    while is_colons(i) {
        match trees.get(i + 2) {
            Some(TokenTree::Ident(ident)) => {
                written.segments.push(ident.unraw().to_string());
                i += 3;
            }
            _ => break,
        }
    }
    (written, span, i)
}

impl<'ast> Visit<'ast> for Checker {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.unraw().to_string());
        visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut leaves = Vec::new();
        flatten(&item.tree, Written { leading_colon: item.leading_colon.is_some(), segments: vec![] }, &mut leaves);
        for leaf in leaves {
            self.judge(&leaf.path, true, leaf.span);
        }
        visit::visit_item_use(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        let written = Written { leading_colon: item.ident != "self", segments: vec![item.ident.unraw().to_string()] };
        if item.ident == "self" {
            self.refuse(item.ident.span(), "`extern crate self` reaches `crate`, outside crate::domain".to_owned());
        } else {
            self.judge(&written, true, item.ident.span());
        }
        visit::visit_item_extern_crate(self, item);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.judge(&Written::of(path), false, path.span());
        visit::visit_path(self, path);
    }

    fn visit_expr_path(&mut self, expr: &'ast syn::ExprPath) {
        self.judge_qualified(&expr.qself, &expr.path);
        visit::visit_expr_path(self, expr);
    }

    fn visit_type_path(&mut self, ty: &'ast syn::TypePath) {
        self.judge_qualified(&ty.qself, &ty.path);
        visit::visit_type_path(self, ty);
    }

    fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
        self.judge_ident(ident);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        self.judge_tokens(mac.tokens.clone(), false);
    }

    fn visit_meta_list(&mut self, list: &'ast syn::MetaList) {
        visit::visit_meta_list(self, list);
        self.judge_tokens(list.tokens.clone(), true);
    }

    /// `pub(crate)` and `pub(super)` say who may see an item; they import nothing.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
}

/// Checks `source` as the file of `module` (`"domain::plan"`) against `expected`.
fn check_as(module: &str, source: &str, expected: Expect) {
    let module: Vec<String> = module.split("::").map(str::to_owned).collect();
    let found = check(&module, source).expect("the example parses");
    expected.assert_eq(&found.join("\n"));
}

#[test]
fn module_paths_follow_the_file_tree() {
    let module = |path: &str| module_of(Path::new(path)).join("::");
    assert_eq!(module("domain/export/json.rs"), "domain::export::json");
    assert_eq!(module("domain/export/mod.rs"), "domain::export");
    assert_eq!(module("domain/mod.rs"), "domain");
    assert_eq!(module("domain/plan.rs"), "domain::plan");
}

#[test]
fn clean_domain_code_passes() {
    check_as(
        "domain::export::json",
        r#"
        //! Uses crate::ui in a comment, and "web_sys::window()" in a string.
        use super::words::Words;
        use super::{clean, fill};
        use crate::domain::{self, review::{self, Review}, Incident};
        use crate::domain::*;
        use super::super::plan::PlanRow;
        use chrono::{DateTime, Duration, TimeZone, Utc};
        use serde::{de::DeserializeOwned, Serialize};
        use ulid::Ulid;

        pub(crate) fn due(at: DateTime<Utc>, rand: u64) -> DateTime<Utc> {
            let ui = rand + 1;
            let store = Utc.timestamp_opt(0, 0).unwrap();
            let id = Ulid::from_parts(ui, 7);
            tracing(format!("{} {id}", Utc::MIN_UTC));
            at + Duration::days(3)
        }

        #[derive(Debug, serde::Deserialize)]
        #[serde(try_from = "String", into = "crate::domain::id::Raw")]
        pub(super) struct Plan { inner: String }

        #[cfg(test)]
        mod tests {
            use super::*;
            use super::super::words::Words;
            use crate::domain::plan::PlanRow;
        }
        "#,
        expect![[""]],
    );
}

#[test]
fn imports_of_the_store_and_the_ui_are_refused_in_every_form() {
    check_as(
        "domain::plan",
        r#"
        use crate::{store::X};
        use super::super::ui;
        use super::super::ui::{App as Root, context::*};
        use crate::{
            domain::Incident,
            ui::{
                self,
                i18n::Text,
            },
        };
        use crate::*;
        use crate as root;
        use super::super::super::Far;
        use crate::domain::{self, super::store::Batch};
        extern crate self as me;
        "#,
        expect![[r#"
            2:28: `crate::store::X` reaches `crate::store::X`, outside crate::domain
            3:27: `super::super::ui` reaches `crate::ui`, outside crate::domain
            4:32: `super::super::ui::App` reaches `crate::ui::App`, outside crate::domain
            4:54: `super::super::ui::context` reaches `crate::ui::context`, outside crate::domain
            8:17: `crate::ui` reaches `crate::ui`, outside crate::domain
            9:23: `crate::ui::i18n::Text` reaches `crate::ui::i18n::Text`, outside crate::domain
            12:20: `crate` reaches `crate`, outside crate::domain
            13:13: `crate` reaches `crate`, outside crate::domain
            14:34: `super::super::super::Far` climbs above the crate root
            15:49: `crate::domain::super::store::Batch` reaches `crate::store::Batch`, outside crate::domain
            16:22: `extern crate self` reaches `crate`, outside crate::domain"#]],
    );
}

#[test]
fn super_climbs_from_the_module_it_is_written_in() {
    check_as(
        "domain::export::json",
        r#"
        use super::super::Incident;
        use super::super::super::ui;
        mod tests {
            use super::super::Words;
            use super::super::super::super::store;
        }
        "#,
        expect![[r#"
            3:34: `super::super::super::ui` reaches `crate::ui`, outside crate::domain
            6:45: `super::super::super::super::store` reaches `crate::store`, outside crate::domain"#]],
    );
}

#[test]
fn paths_written_inline_are_refused() {
    check_as(
        "domain::plan",
        r#"
        fn f(w: web_sys::Window) -> ::leptos::prelude::AnyView {
            let w = web_sys::window();
            let s = crate::store::MemoryStore::default();
            let u = super::super::ui::App;
            let t = <js_sys::Date>::now();
            gloo_timers::future::sleep(d);
            leptos::view! { <p>{crate::ui::i18n::text()}</p> }
        }
        impl wasm_bindgen::JsCast for X {}
        extern crate indexed_db_futures;
        "#,
        expect![[r#"
            2:17: `web_sys::Window` uses `web_sys`, a UI or browser crate
            2:37: `::leptos::prelude::AnyView` uses `leptos`, a UI or browser crate
            3:21: `web_sys::window` uses `web_sys`, a UI or browser crate
            4:21: `crate::store::MemoryStore::default` reaches `crate::store::MemoryStore::default`, outside crate::domain
            5:21: `super::super::ui::App` reaches `crate::ui::App`, outside crate::domain
            6:22: `js_sys::Date` uses `js_sys`, a UI or browser crate
            6:35: `js_sys::Date::now` reads the clock (`Date::now`): times and ids come in as arguments
            6:35: `js_sys::Date::now` uses `js_sys`, a UI or browser crate
            7:13: `gloo_timers::future::sleep` uses `gloo_timers`, a UI or browser crate
            8:13: `leptos::view` uses `leptos`, a UI or browser crate
            8:33: `crate::ui::i18n::text` reaches `crate::ui::i18n::text`, outside crate::domain
            10:14: `wasm_bindgen::JsCast` uses `wasm_bindgen`, a UI or browser crate
            11:22: `::indexed_db_futures` uses `indexed_db_futures`, a UI or browser crate"#]],
    );
}

#[test]
fn clocks_and_random_sources_are_refused() {
    check_as(
        "domain::plan",
        r#"
        use chrono::Utc as Clock;
        use std::time::{Instant, SystemTime};
        use rand::Rng;
        fn f() {
            let a = Utc::now();
            let b = chrono::Utc::now();
            let c = chrono::offset::Local::now();
            let d = Clock::now();
            let e = Instant::now();
            let g = getrandom::fill(&mut bytes);
            let h = js_sys::Math::random();
            let i = Ulid::new();
            let j = ulid::Ulid::generate();
            let k = format!("{}", Utc::now());
            let l = Utc::now;
        }
        "#,
        expect![[r#"
            3:34: `std::time::SystemTime` reads the clock (`SystemTime`): times and ids come in as arguments
            4:19: `rand::Rng` uses `rand`, a random source
            6:21: `Utc::now` reads the clock (`Utc::now`): times and ids come in as arguments
            7:21: `chrono::Utc::now` reads the clock (`Utc::now`): times and ids come in as arguments
            8:21: `chrono::offset::Local::now` reads the clock (`Local::now`): times and ids come in as arguments
            9:21: `Clock::now` reads the clock (`Utc::now`): times and ids come in as arguments
            10:21: `Instant::now` reads the clock (`Instant::now`): times and ids come in as arguments
            11:21: `getrandom::fill` uses `getrandom`, a random source
            12:21: `js_sys::Math::random` reads a random source (`Math::random`): times and ids come in as arguments
            12:21: `js_sys::Math::random` uses `js_sys`, a UI or browser crate
            13:21: `Ulid::new` reads the clock and a random source (`Ulid::new`): times and ids come in as arguments
            14:21: `ulid::Ulid::generate` reads the clock and a random source (`Ulid::generate`): times and ids come in as arguments
            15:35: `Utc::now` reads the clock (`Utc::now`): times and ids come in as arguments
            16:21: `Utc::now` reads the clock (`Utc::now`): times and ids come in as arguments"#]],
    );
}

#[test]
fn inner_html_is_refused_under_any_name() {
    check_as(
        "domain::export::html",
        r#"
        fn f(x: Element) {
            x.set_inner_html(&text);
            let s = x.inner_html();
            let t = Element::set_inner_html;
            write!(out, "{}", x.inner_html());
        }
        "#,
        expect![[r#"
            3:15: `set_inner_html` sets or reads HTML: user text is only ever a text node
            4:23: `inner_html` sets or reads HTML: user text is only ever a text node
            5:30: `set_inner_html` sets or reads HTML: user text is only ever a text node
            6:33: `inner_html` sets or reads HTML: user text is only ever a text node"#]],
    );
}

#[test]
fn macro_bodies_and_attributes_are_read() {
    check_as(
        "domain::id",
        r#"
        macro_rules! id {
            ($name:ident) => {
                pub struct $name($crate::ui::Handle);
                impl $name { fn new() -> Self { Self(::web_sys::x()) } }
            };
        }
        #[derive(serde::Serialize)]
        #[serde(with = "crate::store::codec")]
        struct A;
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn b() {}
        fn c() { assert_eq!(error, "crate::ui::Text"); }
        "#,
        expect![[r#"
            4:34: `$crate::ui::Handle` reaches `crate::ui::Handle`, outside crate::domain
            5:54: `::web_sys::x` uses `web_sys`, a UI or browser crate
            9:24: `crate::store::codec` reaches `crate::store::codec`, outside crate::domain
            11:11: `wasm_bindgen::prelude::wasm_bindgen` uses `wasm_bindgen`, a UI or browser crate"#]],
    );
}

/// The files of `src/ui` that may call the store: each aggregate's command
/// layer (the workspace as a whole is the backup's), the plan's read, opening the
/// workspace, and team sync's layer (the shares, and the replication loop that
/// hands the store to `crate::sync`).
const STORE_CALLERS: [&str; 9] = [
    "ui/mod.rs",
    "ui/backup/commands.rs",
    "ui/common/context.rs",
    "ui/incidents/commands.rs",
    "ui/incident/state.rs",
    "ui/review/state.rs",
    "ui/plan/load.rs",
    "ui/sync/state.rs",
    "ui/sync/team_state.rs",
];

/// The lines of method calls named `store`, and of any name containing
/// `inner_html` (a method, a function or a `view!` attribute).
#[derive(Default)]
struct UiCalls {
    store: Vec<usize>,
    inner_html: Vec<usize>,
}

impl<'ast> Visit<'ast> for UiCalls {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.unraw().to_string();
        let line = call.method.span().start().line;
        if name == "store" && call.args.is_empty() {
            self.store.push(line);
        }
        // The method's name is an identifier, which `visit_ident` judges.
        visit::visit_expr_method_call(self, call);
    }

    fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
        if ident.unraw().to_string().contains("inner_html") {
            self.inner_html.push(ident.span().start().line);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // `view!` bodies: an `inner_html` attribute is an identifier token there.
        for token in mac.tokens.clone() {
            visit_tokens(self, token);
        }
        visit::visit_macro(self, mac);
    }
}

fn visit_tokens(calls: &mut UiCalls, token: TokenTree) {
    match token {
        TokenTree::Ident(ident) if ident.to_string().contains("inner_html") => {
            calls.inner_html.push(ident.span().start().line);
        }
        TokenTree::Group(group) => group.stream().into_iter().for_each(|t| visit_tokens(calls, t)),
        _ => {}
    }
}

#[test]
fn only_command_layers_call_the_store_and_nothing_renders_markup() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("ui"), &mut files);
    rust_files(&src.join("store"), &mut files);
    rust_files(&src.join("sync"), &mut files);
    assert!(files.len() > 20, "src/ui, src/store and src/sync have their Rust files");
    let mut offences = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("a file under src").to_string_lossy().replace('\\', "/");
        let source = std::fs::read_to_string(&file).expect("read a file");
        let parsed = syn::parse_file(&source).unwrap_or_else(|e| panic!("src/{relative} does not parse: {e}"));
        let mut calls = UiCalls::default();
        calls.visit_file(&parsed);
        if relative.starts_with("ui/") && !STORE_CALLERS.contains(&relative.as_str()) {
            offences.extend(
                calls.store.iter().map(|line| {
                    format!("src/{relative}:{line}: calls the store outside its aggregate's command layer")
                }),
            );
        }
        offences.extend(
            calls.inner_html.iter().map(|line| format!("src/{relative}:{line}: renders markup with inner_html")),
        );
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn a_store_call_and_inner_html_are_seen() {
    let source = "fn f(c: C) { let s = c.store(); view! { <p inner_html=x></p> }; e.set_inner_html(\"\"); }";
    let mut calls = UiCalls::default();
    calls.visit_file(&syn::parse_file(source).expect("parses"));
    assert_eq!(calls.store.len(), 1);
    assert_eq!(calls.inner_html.len(), 2);
}

/// Every Rust file under `src`: its path from there (with `/`) and its text.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&src).expect("a file under src").to_string_lossy().replace('\\', "/");
            (relative, std::fs::read_to_string(&file).expect("read a file"))
        })
        .collect()
}

/// The one file that makes network requests: the CouchDB client, which sends
/// them only to the server a user configured. Anything else that fetched would
/// break "nothing leaves the browser until someone shares".
#[test]
fn only_the_couchdb_client_makes_network_requests() {
    let mut offences = Vec::new();
    for (relative, source) in sources() {
        for needle in ["fetch_with", "XmlHttpRequest", "WebSocket", "EventSource", "send_beacon"] {
            if source.contains(needle) && relative != "sync/couch.rs" {
                offences.push(format!("src/{relative}: uses {needle}"));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

/// Shipped code (outside `#[cfg(test)]` modules) sorts through `domain::order`,
/// decodes JSON (values, and text parsed as a value) through `domain::decode`
/// and writes pretty JSON through
/// `domain::export::json::indented`: each generic standard sort, second decoder
/// or second writer compiles another copy of its code into the build
/// (`scripts/sizes`). Effects and actions are made by `ui::common::task`'s
/// `effect` and `action`, which box their functions: `Effect::new` and
/// `Action::new_local` compile their wrappers once per function. Times are
/// written by `domain::wall`: chrono's `format` brings its strftime interpreter.
#[test]
fn shipped_code_sorts_and_decodes_through_one_compiled_path() {
    let mut offences = Vec::new();
    for (relative, source) in sources() {
        let shipped = source.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in shipped.lines().enumerate() {
            let sorts =
                [".sort_by(", ".sort_by_key(", ".sort()", ".sort_unstable"].iter().any(|call| line.contains(call));
            if sorts && relative != "domain/order.rs" {
                offences.push(format!("src/{relative}:{}: sorts with the slice method; use domain::order", n + 1));
            }
            // Text is parsed as a `Value` and decoded from it: a typed parse
            // compiles the type's `Deserialize` again for serde_json's reader.
            let typed_parse = line.contains("serde_json::from_str") && !line.contains("Value");
            if line.contains("serde_json::from_value") || typed_parse {
                offences.push(format!("src/{relative}:{}: decodes with serde_json; use domain::decode", n + 1));
            }
            let code = !line.trim_start().starts_with("//");
            if code && (line.contains("to_string_pretty") || line.contains("to_writer_pretty")) {
                let fix = "use domain::export::json::indented on the compact text";
                offences.push(format!("src/{relative}:{}: writes with serde_json's pretty writer; {fix}", n + 1));
            }
            if code && line.contains(".format(") {
                offences
                    .push(format!("src/{relative}:{}: writes a time with chrono's format; use domain::wall", n + 1));
            }
            let own = relative == "ui/common/task.rs";
            if code && line.contains("Effect::new(") && !own {
                offences.push(format!("src/{relative}:{}: makes an effect with Effect::new; use task::effect", n + 1));
            }
            if code && line.contains("Action::new") && !own {
                offences.push(format!("src/{relative}:{}: makes an action with Action::new; use task::action", n + 1));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

/// The rules of a style sheet that are not closed or are written inside another
/// style rule (CSS nesting, which the sheets do not use); an at-rule (`@media`)
/// may hold rules. Comments and quoted text are skipped.
fn unclosed_or_nested_rules(sheet: &str) -> Vec<String> {
    let mut found = Vec::new();
    // For each open block, whether it is an at-rule's.
    let mut open: Vec<bool> = Vec::new();
    let mut head = String::new();
    let mut chars = sheet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                head.push(c);
                for q in chars.by_ref() {
                    head.push(q);
                    if q == c {
                        break;
                    }
                }
            }
            '{' => {
                let selector =
                    head.rsplit(';').next().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
                if open.last() == Some(&false) {
                    found.push(format!("{selector} (inside another rule)"));
                }
                open.push(selector.starts_with('@'));
                head.clear();
            }
            '}' => {
                if open.pop().is_none() {
                    found.push("a `}` that closes nothing".to_owned());
                }
                head.clear();
            }
            _ => head.push(c),
        }
    }
    if !open.is_empty() {
        found.push(format!("{} rule(s) never closed", open.len()));
    }
    found
}

#[test]
fn every_style_sheet_closes_its_rules_and_nests_none() {
    let style = Path::new(env!("CARGO_MANIFEST_DIR")).join("style");
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(&style)
        .expect("read style/")
        .map(|entry| entry.expect("an entry of style/").path())
        .filter(|path| path.extension().is_some_and(|e| e == "css"))
        .collect();
    sheets.sort();
    assert!(sheets.len() > 10, "the sheets of style/: {sheets:?}");
    for sheet in sheets {
        let text = std::fs::read_to_string(&sheet).expect("read a sheet");
        assert_eq!(unclosed_or_nested_rules(&text), Vec::<String>::new(), "{}", sheet.display());
    }
}

#[test]
fn an_unclosed_or_nested_rule_is_seen() {
    let fine = "/* { */ a { content: \"}\"; }\n@media print { a { color: red } }\n";
    assert_eq!(unclosed_or_nested_rules(fine), Vec::<String>::new());
    let unclosed = "a {\n  color: red;\n/* next */\n.b { color: blue; }\n";
    assert_eq!(unclosed_or_nested_rules(unclosed), [".b (inside another rule)", "1 rule(s) never closed"]);
    assert_eq!(unclosed_or_nested_rules("a { } }"), ["a `}` that closes nothing"]);
}
