//! Lists of links as the club writes them in chat and in its Markdown pages, one entry a line:
//!
//! ```text
//! - Ada Lovelace - https://example.org/notes
//! - Notes on the engine by Ada Lovelace; the first program :point_right: https://example.org/notes
//! - Ada Lovelace - Notes on the engine - the first program https://example.org/notes
//! https://example.org/notes
//! - [Notes on the engine](https://example.org/notes) by Ada Lovelace
//! ```
//!
//! Each line gives a link and, around it, an author, a title and a note. A line without a link
//! is invalid; blank lines are skipped. Written by hand rather than with a parser library: the
//! shapes are the club's own conventions, a few lines each, and the tests below are their
//! specification.

use super::entries::EntryInput;
use crate::error::Message;

/// One line of a pasted list and what was read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListLine {
    /// 1-based, counting blank lines, so that it matches the organiser's editor.
    pub number: usize,
    pub text: String,
    /// What was read, or why the line is not an entry (shown on the admin preview).
    pub parsed: Result<ListEntry, Message>,
}

/// What a line said: the link, and whatever else it named.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListEntry {
    pub url: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub note: Option<String>,
}

impl ListEntry {
    /// The entry as an organiser's input, with the kind and status the organiser chose for the
    /// whole list (empty kind: guessed from the link).
    pub fn input(&self, status: &str) -> EntryInput {
        EntryInput {
            url: self.url.clone(),
            title: self.title.clone().unwrap_or_default(),
            author_name: self.author.clone().unwrap_or_default(),
            note: self.note.clone().unwrap_or_default(),
            status: status.to_owned(),
            ..EntryInput::default()
        }
    }
}

/// The most lines one paste may have.
pub const MAX_LINES: usize = 500;

/// Reads every non-blank line.
pub fn parse(text: &str) -> Vec<ListLine> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .take(MAX_LINES)
        .map(|(i, line)| ListLine { number: i + 1, text: line.trim().to_owned(), parsed: parse_line(line) })
        .collect()
}

/// A list marker at the start of a line: `-`, `*`, `+`, `•`, `1.` or `1)`.
fn without_marker(line: &str) -> &str {
    let line = line.trim();
    for marker in ["- ", "* ", "+ ", "• ", "– "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    line
}

/// Where the first http(s) link in `text` starts and ends.
fn find_link(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let start = [lower.find("https://"), lower.find("http://")].into_iter().flatten().min()?;
    let rest = &text[start..];
    let mut end = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).unwrap_or(rest.len());
    // Punctuation after a link belongs to the sentence, and a closing bracket to the brackets
    // around it, unless the link opened one itself (Wikipedia-style addresses).
    loop {
        let link = &rest[..end];
        let Some(last) = link.chars().last() else { break };
        let unbalanced = last == ')' && link.matches('(').count() < link.matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ']' | '*' | '_') || unbalanced {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    Some((start, start + end))
}

/// Separators between the parts of a line: a dash with spaces around it, or a vertical bar.
const SEPARATORS: [&str; 4] = [" - ", " – ", " — ", " | "];

fn split_parts(text: &str) -> Vec<String> {
    let mut parts = vec![text.to_owned()];
    for separator in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(separator).map(str::to_owned).collect::<Vec<_>>()).collect();
    }
    parts.into_iter().map(|p| tidy(&p)).filter(|p| !p.is_empty()).collect()
}

/// Spaces collapsed, and stray separators and brackets trimmed from the ends; a colon too, unless
/// it closes an emoji shortcode (`:point_right:`).
fn tidy(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let stray = |c: char| matches!(c, '-' | '–' | '—' | '|' | ',' | ';' | '(' | ')' | '<' | '>') || c.is_whitespace();
    let mut out = joined.trim_matches(stray).to_owned();
    while out.ends_with(':') && !out.rsplit(' ').next().is_some_and(|word| word.starts_with(':') && word.len() > 2) {
        out.pop();
        out = out.trim_end_matches(stray).to_owned();
    }
    out
}

fn some(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

/// "Title by Name" → (title, name), at the last " by ".
fn title_by_author(text: &str) -> Option<(String, String)> {
    let at = text.to_lowercase().rfind(" by ")?;
    let (title, author) = (tidy(&text[..at]), tidy(&text[at + 4..]));
    (!title.is_empty() && !author.is_empty()).then_some((title, author))
}

fn parse_line(line: &str) -> Result<ListEntry, Message> {
    let body = without_marker(line);
    let Some((start, end)) = find_link(body) else {
        return Err(Message::new("invalid-list-line-no-link"));
    };
    let url = body[start..end].to_owned();
    let mut before = body[..start].to_owned();
    let after = body[end..].to_owned();
    // A Markdown link: its text is the title.
    let mut title = None;
    if before.ends_with("](") {
        if let Some(open) = before.rfind('[') {
            title = some(tidy(&before[open + 1..before.len() - 2]));
            before.truncate(open);
        }
    }
    // What was trimmed off the link's end (a closing bracket, a full stop) is not text.
    let after = after.trim_start_matches([')', '.', ',', ';', ':', '!', '?', '*', '_', ']']).to_owned();
    let rest = tidy(&format!("{before} {after}"));
    let mut entry = ListEntry { url, title, ..ListEntry::default() };
    if rest.is_empty() {
        return Ok(entry);
    }
    if entry.title.is_some() {
        // "[Title](url) by Name; note" or "[Title](url) - Name - note".
        let rest = rest.strip_prefix("by ").unwrap_or(&rest).to_owned();
        let (head, note) =
            rest.split_once(';').map_or((rest.clone(), String::new()), |(h, n)| (h.to_owned(), n.to_owned()));
        let mut parts = split_parts(&head).into_iter();
        entry.author = parts.next();
        let rest_note = parts.collect::<Vec<_>>().join(" - ");
        entry.note = some(tidy(&format!("{rest_note} {note}")));
        return Ok(entry);
    }
    // "Title by Name; note"
    if let Some((head, note)) = rest.split_once(';') {
        if let Some((title, author)) = title_by_author(head) {
            entry.title = Some(title);
            entry.author = Some(author);
            entry.note = some(tidy(note));
            return Ok(entry);
        }
    }
    let parts = split_parts(&rest);
    match parts.as_slice() {
        // "Name" alone, or "Title by Name"
        [only] => match title_by_author(only) {
            Some((title, author)) => {
                entry.title = Some(title);
                entry.author = Some(author);
            }
            None => entry.author = Some(only.clone()),
        },
        // "Name - Title"
        [author, title] => {
            entry.author = Some(author.clone());
            entry.title = Some(title.clone());
        }
        // "Name - Title - note …"
        [author, title, note @ ..] => {
            entry.author = Some(author.clone());
            entry.title = Some(title.clone());
            entry.note = some(note.join(" - "));
        }
        [] => {}
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> ListEntry {
        parse_line(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn entry(url: &str, title: Option<&str>, author: Option<&str>, note: Option<&str>) -> ListEntry {
        ListEntry {
            url: url.into(),
            title: title.map(Into::into),
            author: author.map(Into::into),
            note: note.map(Into::into),
        }
    }

    #[test]
    fn name_and_link() {
        assert_eq!(
            one("- Ada Lovelace - https://example.org/a"),
            entry("https://example.org/a", None, Some("Ada Lovelace"), None)
        );
        assert_eq!(
            one("* Ada Lovelace: https://example.org/a."),
            entry("https://example.org/a", None, Some("Ada Lovelace"), None)
        );
    }

    #[test]
    fn title_by_name_then_a_note() {
        assert_eq!(
            one("- Notes on the engine by Ada Lovelace; the first program, worth it :point_right: https://example.org/a"),
            entry("https://example.org/a", Some("Notes on the engine"), Some("Ada Lovelace"), Some("the first program, worth it :point_right:"))
        );
        assert_eq!(
            one("- Stand by me by Ben E. King; a classic https://example.org/b"),
            entry("https://example.org/b", Some("Stand by me"), Some("Ben E. King"), Some("a classic"))
        );
    }

    #[test]
    fn name_title_and_note() {
        assert_eq!(
            one("- Ada Lovelace - Notes on the engine - the first program - really https://example.org/a"),
            entry(
                "https://example.org/a",
                Some("Notes on the engine"),
                Some("Ada Lovelace"),
                Some("the first program - really")
            )
        );
        assert_eq!(
            one("1. Ada Lovelace – Notes on the engine https://example.org/a"),
            entry("https://example.org/a", Some("Notes on the engine"), Some("Ada Lovelace"), None)
        );
    }

    #[test]
    fn a_bare_link() {
        assert_eq!(one("https://example.org/a"), entry("https://example.org/a", None, None, None));
        assert_eq!(one("  <https://example.org/a>  "), entry("https://example.org/a", None, None, None));
    }

    #[test]
    fn markdown_links() {
        assert_eq!(
            one("- [Notes on the engine](https://example.org/a) by Ada Lovelace; the first program"),
            entry(
                "https://example.org/a",
                Some("Notes on the engine"),
                Some("Ada Lovelace"),
                Some("the first program")
            )
        );
        assert_eq!(
            one("- [Wiki](https://en.wikipedia.org/wiki/Engine_(computing))"),
            entry("https://en.wikipedia.org/wiki/Engine_(computing)", Some("Wiki"), None, None)
        );
    }

    #[test]
    fn lines_without_a_link_are_invalid_and_blank_ones_skipped() {
        let lines = parse("## March\n\n- Ada - https://example.org/a\n- just words\n");
        assert_eq!(lines.len(), 3);
        let no_link = Message::new("invalid-list-line-no-link");
        assert_eq!(lines[0].parsed, Err(no_link.clone()));
        assert_eq!(no_link.to_string(), "no link");
        assert_eq!((lines[1].number, lines[1].parsed.is_ok()), (3, true));
        assert_eq!((lines[2].number, lines[2].parsed.clone()), (4, Err(no_link)));
    }
}
