//! Which message ids the templates and the code use, and how each language covers them: what
//! `content-club i18n check` prints and a test enforces. Read from a source checkout (templates
//! and code are files there; a translator runs it in one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Catalog, LANGUAGES, SOURCE};

/// The languages that must have every message; the others may fall back to English.
pub const COMPLETE: &[&str] = &["en", "zh-CN", "ja"];

/// Message ids in use: exact ids, and families (`{{t "kind" this.kind}}` uses every `kind-…`).
#[derive(Debug, Default)]
pub struct Used {
    pub exact: BTreeMap<String, String>,
    pub families: BTreeMap<String, String>,
    /// Every string in the code shaped like an id: code that picks an id in a `match` and looks
    /// it up later uses it too.
    pub mentioned: BTreeSet<String>,
}

/// One language's coverage of the English messages.
#[derive(Debug)]
pub struct Coverage {
    pub language: &'static str,
    pub translated: usize,
    pub total: usize,
    /// English ids this language does not have.
    pub missing: Vec<String>,
    /// Ids this language has that English does not (left over or misspelt).
    pub unknown: Vec<String>,
}

/// What the check found.
#[derive(Debug)]
pub struct Report {
    /// Ids used somewhere but not in English, with where.
    pub undefined: Vec<(String, String)>,
    /// English ids nothing uses.
    pub unused: Vec<String>,
    pub coverage: Vec<Coverage>,
}

impl Report {
    /// True when English matches the code exactly and every complete language has every message.
    pub fn passes(&self) -> bool {
        self.undefined.is_empty()
            && self.unused.is_empty()
            && self
                .coverage
                .iter()
                .filter(|c| COMPLETE.contains(&c.language))
                .all(|c| c.missing.is_empty() && c.unknown.is_empty())
    }
}

/// Reads every template under `root/templates` and every Rust file under `root/src`.
pub fn used_ids(root: &Path) -> Result<Used, String> {
    let mut used = Used::default();
    for (path, text) in files(&root.join("templates"), ".hbs")? {
        scan_template(&text, &path, &mut used);
    }
    for (path, text) in files(&root.join("src"), ".rs")? {
        // This file's own tests name ids that do not exist.
        if !path.ends_with("i18n/check.rs") {
            scan_code(&text, &path, &mut used);
        }
    }
    Ok(used)
}

/// Compares what is used with what each language defines.
pub fn report(catalog: &Catalog, used: &Used) -> Report {
    let english = catalog.ids(SOURCE);
    let in_family = |id: &str| {
        let family_of = |f: &str| id.starts_with(&format!("{f}-"));
        used.families.keys().any(|f| family_of(f))
            || used.mentioned.iter().filter_map(|m| m.strip_suffix("-*")).any(family_of)
    };
    let mut undefined: Vec<(String, String)> =
        used.exact.iter().filter(|(id, _)| !english.contains(*id)).map(|(id, at)| (id.clone(), at.clone())).collect();
    for (family, at) in &used.families {
        if !english.iter().any(|id| id.starts_with(&format!("{family}-"))) {
            undefined.push((format!("{family}-*"), at.clone()));
        }
    }
    let unused = english
        .iter()
        .filter(|id| !used.exact.contains_key(*id) && !used.mentioned.contains(*id) && !in_family(id))
        .cloned()
        .collect();
    let coverage = LANGUAGES
        .iter()
        .map(|l| {
            let ids = catalog.ids(l.tag);
            Coverage {
                language: l.tag,
                translated: english.intersection(&ids).count(),
                total: english.len(),
                missing: english.difference(&ids).cloned().collect(),
                unknown: ids.difference(&english).cloned().collect(),
            }
        })
        .collect();
    Report { undefined, unused, coverage }
}

fn files(dir: &Path, suffix: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            out.extend(files(&path, suffix)?);
        } else if path.to_string_lossy().ends_with(suffix) {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.push((path.display().to_string(), text));
        }
    }
    out.sort();
    Ok(out)
}

fn is_id(text: &str) -> bool {
    text.contains('-')
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `{{t "id" …}}`: exact unless a positional value follows the id, which makes it a family.
fn scan_template(text: &str, path: &str, used: &mut Used) {
    for (line_no, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("{{t \"") {
            rest = &rest[at + 5..];
            let Some(end) = rest.find('"') else { break };
            let id = &rest[..end];
            let after = rest[end + 1..].trim_start();
            let next = after.split_whitespace().next().unwrap_or("");
            let family = !after.starts_with("}}") && !next.contains('=');
            let place = format!("{path}:{}", line_no + 1);
            if family {
                used.families.entry(id.to_owned()).or_insert(place);
            } else {
                used.exact.entry(id.to_owned()).or_insert(place);
            }
        }
    }
}

/// Ids in calls that look messages up: `t(req, "id", …)`, `.message(lang, "id", …)`,
/// `say("id", …)`.
fn scan_code(text: &str, path: &str, used: &mut Used) {
    for (line_no, line) in text.lines().enumerate() {
        let mut literals = line.split('"');
        literals.next();
        while let Some(candidate) = literals.next() {
            if is_id(candidate) {
                used.mentioned.insert(candidate.to_owned());
            }
            // `format!("kind-{}", …)`: an id built from a value uses the whole family.
            if let Some((family, _)) = candidate.split_once("-{") {
                if !family.is_empty() && family.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    used.mentioned.insert(format!("{family}-*"));
                }
            }
            literals.next();
        }
        let calls = ["t(", ".message(", "say("];
        let Some(start) = calls.iter().filter_map(|c| find_call(line, c)).min() else { continue };
        let mut parts = line[start..].split('"');
        parts.next();
        while let Some(candidate) = parts.next() {
            if is_id(candidate) {
                used.exact.entry(candidate.to_owned()).or_insert(format!("{path}:{}", line_no + 1));
            }
            parts.next();
        }
    }
}

/// Where `call` starts as a call (not inside a longer name: `list(` is not `t(`).
fn find_call(line: &str, call: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = line[from..].find(call) {
        let i = from + at;
        let before = line[..i].chars().next_back();
        if call.starts_with('.') || !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return Some(i);
        }
        from = i + call.len();
    }
    None
}

/// The report as a translator reads it.
pub fn describe(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.coverage {
        let percent = (c.translated * 100).checked_div(c.total).unwrap_or(100);
        let must = if COMPLETE.contains(&c.language) { " (must be complete)" } else { "" };
        out.push_str(&format!("{:<6} {:>4}/{:<4} {percent:>3}%{must}\n", c.language, c.translated, c.total));
        for id in &c.missing {
            out.push_str(&format!("       missing: {id}\n"));
        }
        for id in &c.unknown {
            out.push_str(&format!("       not in English (unused): {id}\n"));
        }
    }
    for (id, at) in &report.undefined {
        out.push_str(&format!("used but not in English: {id} ({at})\n"));
    }
    for id in &report.unused {
        out.push_str(&format!("in English but used nowhere: {id}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_use_ids_exactly_or_as_families() {
        let mut used = Used::default();
        scan_template(r#"<p>{{t "a-b"}} {{t "kind" this.kind}} {{t "c-d" count=n}}</p>"#, "x", &mut used);
        assert!(used.exact.contains_key("a-b") && used.exact.contains_key("c-d"));
        assert!(used.families.contains_key("kind"));
        let mut used = Used::default();
        scan_code("let x = t(&req, \"flash-saved\", &[]);\nlet y = list(\"not-an-id\");", "x", &mut used);
        assert!(used.exact.contains_key("flash-saved") && !used.exact.contains_key("not-an-id"));
        assert!(used.mentioned.contains("not-an-id"), "a string shaped like an id counts as a mention");
    }
}
