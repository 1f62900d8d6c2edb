//! The workspace's structure rules, checked on every source file (as rust-analyzer's tidy
//! tests do):
//!
//! - no source file is longer than [`MAX_LINES`] lines;
//! - no two modules of a crate import each other, directly or through others. A module's
//!   use of its own ancestors' items (`super::ROW_HEIGHT`) is scope, not an import, and a
//!   `mod.rs` or crate root that only declares and re-exports its children imports
//!   nothing; every other reference (`use crate::a::b`, `super::sibling::x`, paths in
//!   code) is an edge from the file to the module that defines what it names, following
//!   re-exports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be.
const MAX_LINES: usize = 600;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_owned()
}

/// Every `.rs` file below `folder`.
fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The source folders of the workspace's crates (`src/` of each).
fn crate_sources() -> Vec<PathBuf> {
    let root = workspace();
    let mut sources = vec![root.join("xtask/src")];
    let mut crates: Vec<_> = std::fs::read_dir(root.join("crates"))
        .expect("crates/ is there")
        .flatten()
        .map(|entry| entry.path().join("src"))
        .filter(|source| source.is_dir())
        .collect();
    crates.sort();
    sources.extend(crates);
    sources
}

#[test]
fn no_source_file_is_longer_than_600_lines() {
    let mut files = Vec::new();
    for source in crate_sources() {
        rust_files(&source, &mut files);
    }
    assert!(files.len() > 50, "the check sees the workspace's files ({})", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them by concern):\n{}",
        long.join("\n")
    );
}

/// A crate's modules: module path (`components::timeline`, "" for the root) to its source.
fn modules_of(source: &Path) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(source, &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let relative = file.strip_prefix(source).ok()?.with_extension("");
            let mut parts: Vec<String> =
                relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                parts.pop();
            }
            Some((parts.join("::"), std::fs::read_to_string(&file).ok()?))
        })
        .collect()
}

/// The code of a module that counts: without comments, without its `#[cfg(test)] mod
/// tests` (at the end of a file, by this workspace's convention), and without the lines
/// that only declare (`mod x;`) or re-export (`pub use x::…;`) children.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut code = String::new();
    let mut reexport = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.starts_with("pub use ") || trimmed.starts_with("pub(crate) use ") {
            reexport = !trimmed.contains(';');
            continue;
        }
        if reexport {
            reexport = !trimmed.contains(';');
            continue;
        }
        if trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Paths a module's code names, as segments from the crate root: `crate::a::b`,
/// `super::c` (from `module`), and each branch of `crate::{a, b::{c, d}}`.
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let starts_word = at == 0 || !is_ident(bytes[at - 1]) && bytes[at - 1] != b':';
        let (base, skip) = if starts_word && rest.starts_with(b"crate::") {
            (Vec::new(), "crate::".len())
        } else if starts_word && rest.starts_with(b"super::") {
            let mut base: Vec<String> =
                module.split("::").filter(|part| !part.is_empty()).map(str::to_owned).collect();
            let mut skip = 0;
            while bytes[at + skip..].starts_with(b"super::") {
                base.pop();
                skip += "super::".len();
            }
            (base, skip)
        } else {
            at += 1;
            continue;
        };
        at += skip;
        // Read the rest of the path: segments, and one level of braces (nested braces are
        // read as their own groups).
        let mut stack = vec![base];
        let mut segment = String::new();
        let mut depth = 0;
        let mut grouped = false;
        while at < bytes.len() {
            let byte = bytes[at];
            if is_ident(byte) {
                segment.push(byte as char);
            } else if bytes[at..].starts_with(b"::") {
                let top = stack.last_mut().expect("a path");
                top.push(std::mem::take(&mut segment));
                at += 1;
            } else if byte == b'{' {
                depth += 1;
                grouped = true;
                let top = stack.last().expect("a path").clone();
                stack.push(top);
            } else if byte == b',' && depth > 0 {
                let mut done = stack.pop().expect("a path");
                if !segment.is_empty() {
                    done.push(std::mem::take(&mut segment));
                }
                paths.push(done);
                let top = stack.last().expect("a path").clone();
                stack.push(top);
            } else if byte == b'}' && depth > 0 {
                depth -= 1;
                let mut done = stack.pop().expect("a path");
                if !segment.is_empty() {
                    done.push(std::mem::take(&mut segment));
                }
                paths.push(done);
            } else if byte.is_ascii_whitespace() && depth > 0 {
            } else {
                break;
            }
            at += 1;
        }
        // After `a::{b, c}` the branches are the paths, not `a` itself.
        let mut done = stack.pop().expect("a path");
        if !grouped {
            if !segment.is_empty() {
                done.push(segment);
            }
            paths.push(done);
        }
    }
    paths
}

/// Names a module re-exports from its children: `pub use child::{A, B}` gives A and B.
fn reexports_of(module: &str, text: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let text = text.replace('\n', " ");
    for statement in text.split(';') {
        let statement = statement.trim();
        let Some(path) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let path = path.trim();
        let (child, names_part) = match path.split_once("::") {
            Some((child, rest)) => (child, rest),
            None => continue,
        };
        let child = if module.is_empty() { child.to_owned() } else { format!("{module}::{child}") };
        let names_part = names_part.trim().trim_start_matches('{').trim_end_matches('}');
        for name in names_part.split(',') {
            let name = name.trim().rsplit("::").next().unwrap_or_default().trim();
            let name = name.split(" as ").last().unwrap_or(name).trim();
            if !name.is_empty() {
                names.insert(name.to_owned(), child.clone());
            }
        }
    }
    names
}

/// The module that defines what `path` names: the longest prefix that is a module, then
/// through the re-exports of the modules on the way.
fn resolve(
    path: &[String],
    modules: &BTreeMap<String, String>,
    reexports: &BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let mut module = String::new();
    let mut rest = path;
    loop {
        let Some((first, tail)) = rest.split_first() else { return module };
        let child = if module.is_empty() { first.clone() } else { format!("{module}::{first}") };
        if modules.contains_key(&child) {
            module = child;
            rest = tail;
            continue;
        }
        match reexports.get(&module).and_then(|names| names.get(first)) {
            Some(target) if modules.contains_key(target) && *target != module => {
                module = target.clone();
                // The name itself is defined there (or re-exported again).
                rest = &rest[..1];
                if reexports.get(&module).and_then(|names| names.get(first)).is_none() {
                    return module;
                }
            }
            _ => return module,
        }
    }
}

fn is_ancestor(ancestor: &str, module: &str) -> bool {
    ancestor.is_empty() || module.starts_with(&format!("{ancestor}::"))
}

/// The import edges of a crate (from module to module).
fn edges_of(source: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules_of(source);
    let reexports: BTreeMap<String, BTreeMap<String, String>> =
        modules.iter().map(|(module, text)| (module.clone(), reexports_of(module, text))).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &modules {
        for path in named_paths(module, &code_of(text)) {
            let target = resolve(&path, &modules, &reexports);
            if target != *module && !is_ancestor(&target, module) {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    edges
}

/// A circle of imports, if there is one: the modules on it.
fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search with colours; a grey target closes a circle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => {
                    if let Some(circle) = visit(next, edges, state, stack) {
                        return Some(circle);
                    }
                }
                1 => {
                    let start = stack.iter().position(|seen| seen == next).unwrap_or(0);
                    let mut circle = stack[start..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(circle) = visit(node, edges, &mut state, &mut Vec::new()) {
                return Some(circle);
            }
        }
    }
    None
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let mut circles = Vec::new();
    let mut edge_count = 0;
    for source in crate_sources() {
        let edges = edges_of(&source);
        edge_count += edges.values().map(BTreeSet::len).sum::<usize>();
        if let Some(circle) = find_circle(&edges) {
            circles.push(format!("{}: {}", source.display(), circle.join(" → ")));
        }
    }
    assert!(edge_count > 50, "the check sees the imports ({edge_count})");
    assert!(circles.is_empty(), "modules importing each other:\n{}", circles.join("\n"));
}

#[test]
fn the_circle_check_finds_circles_and_follows_reexports() {
    let folder = std::env::temp_dir().join(format!("structure-check-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let file = folder.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    write("lib.rs", "mod a;\nmod model;\npub use model::{Tree, Node};\n");
    write("model/mod.rs", "mod tree;\nmod path;\npub use tree::{Tree, Node};\n");
    write("model/tree.rs", "use super::path::job_path;\npub struct Tree;\n");
    // path uses the tree through the crate root's re-export: a circle with tree.
    write("model/path.rs", "use crate::Tree;\npub fn job_path() {}\n");
    write("a.rs", "use crate::{model::Node, Tree};\n#[cfg(test)]\nmod tests { use crate::a; }\n");
    let edges = edges_of(&folder);
    assert_eq!(
        edges.get("a").map(|targets| targets.iter().collect::<Vec<_>>()),
        Some(vec![&"model::tree".to_owned()])
    );
    let circle = find_circle(&edges).expect("tree and path import each other");
    assert!(
        circle.contains(&"model::tree".to_owned()) && circle.contains(&"model::path".to_owned()),
        "{circle:?}"
    );
    // A child using its parent's own items is scope, not a circle.
    write(
        "model/mod.rs",
        "mod tree;\nmod path;\npub use tree::{Tree, Node};\npub const LIMIT: u32 = 1;\n",
    );
    write("model/path.rs", "use super::LIMIT;\npub fn job_path() {}\n");
    assert_eq!(find_circle(&edges_of(&folder)), None);
    std::fs::remove_dir_all(&folder).ok();
}

#[test]
fn the_widgets_components_hold_no_words_of_their_own() {
    // Every word is in `text.rs`; a component that picks a language itself (`Locale::Zh =>`)
    // or passes a phrase pair (`t(locale, "…", "…")`) has words of its own.
    let mut files = Vec::new();
    rust_files(&workspace().join("crates/sdrs-job-widget/src/components"), &mut files);
    assert!(files.len() > 10, "the check sees the components ({})", files.len());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.contains("Locale::Zh")
                || line.contains("Locale::En =>")
                || line.contains(" t(locale")
                || line.contains("text::t(")
            {
                found.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "words outside text.rs:\n{}", found.join("\n"));
}
