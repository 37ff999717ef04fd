//! What a search asks for: the query split into terms (a quoted phrase is one term), each with
//! the fragment the index looks for; where the terms occur in a text, for highlighting; and,
//! when nothing is found, the word of the archive a misspelt term most likely meant.
//!
//! Matching is by fragment, not by whole word, because Chinese and Japanese are written without
//! spaces: "容器" must be found inside "容器编排入门". An English term is cut back to its stem
//! ("containers" → "container") so that singular and plural find each other.

use crate::error::Message;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many terms count; further ones are ignored.
pub const MAX_TERMS: usize = 8;
/// Results per page.
pub const PAGE_SIZE: i64 = 20;
/// Pages beyond this are not served: a query that needs them should be narrowed.
pub const MAX_PAGE: i64 = 50;

pub use crate::db::search::Term;

/// The terms of `query`; an error when it is too long or has nothing to look for.
pub fn parse(query: &str) -> Result<Vec<Term>, Message> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(Message::new("invalid-search-too-long").arg("max", MAX_QUERY_CHARS));
    }
    let cleaned: String = super::text::visible(query).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut terms = Vec::new();
    for (i, part) in cleaned.split('"').enumerate() {
        let quoted = i % 2 == 1;
        if quoted {
            let phrase = words_of(part).join(" ");
            if !phrase.is_empty() {
                terms.push(Term { fragment: phrase.clone(), text: phrase, phrase: true });
            }
        } else {
            for word in words_of(part) {
                terms.push(Term { fragment: stem(&word), text: word, phrase: false });
            }
        }
    }
    terms.dedup();
    terms.truncate(MAX_TERMS);
    if terms.is_empty() {
        return Err(Message::new("invalid-search-empty"));
    }
    Ok(terms)
}

/// Lowercase words: split at spaces, stripped of punctuation at either end ("(kubernetes)," →
/// "kubernetes"); what is inside a word stays ("c++", "ci/cd", "node.js").
fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// An English word's plural cut back to what its singular contains: "containers" → "container",
/// "libraries" → "librar", "boxes" → "box". Other words, and other scripts, are left alone.
pub fn stem(word: &str) -> String {
    if word.chars().count() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies").filter(|b| b.len() >= 3) {
        return base.to_owned();
    }
    for ending in ["sses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(base) if base.len() >= 3 && !base.ends_with(['s', 'u', 'i']) => base.to_owned(),
        _ => word.to_owned(),
    }
}

/// Where `terms` occur in `text`, compared without case: byte ranges of `text`, in order,
/// those that overlap or touch merged.
pub fn matched(text: &str, terms: &[Term]) -> Vec<(usize, usize)> {
    let needles = terms.iter().map(|t| t.fragment.as_str()).filter(|n| !n.is_empty());
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if text.is_ascii() {
        // Lowercase ASCII keeps every byte where it was (most texts of a search's results: this
        // spares the map below, measured in docs/search.md#speed).
        let lower = text.to_ascii_lowercase();
        for needle in needles {
            ranges.extend(lower.match_indices(needle).map(|(start, n)| (start, start + n.len())));
        }
    } else {
        // The lowercase text, and for each of its bytes the byte range of the original
        // character it came from (lowercasing can change a character's length).
        let mut lower = String::with_capacity(text.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            for l in c.to_lowercase() {
                let before = lower.len();
                lower.push(l);
                origin.extend(std::iter::repeat_n((at, at + c.len_utf8()), lower.len() - before));
            }
        }
        for needle in needles {
            ranges
                .extend(lower.match_indices(needle).map(|(start, n)| (origin[start].0, origin[start + n.len() - 1].1)));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// `text` cut into runs, each marked whether it is (part of) a match of one of `terms`,
/// compared without case. Their concatenation is `text`.
pub fn marked<'a>(text: &'a str, terms: &[Term]) -> Vec<(&'a str, bool)> {
    let mut runs = Vec::new();
    let mut at = 0;
    for (start, end) in matched(text, terms) {
        if start > at {
            runs.push((&text[at..start], false));
        }
        runs.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() {
        runs.push((&text[at..], false));
    }
    runs
}

/// About `max` characters of `text` around the first match of `terms` (the start when none
/// matches), with "…" where it was cut.
pub fn excerpt(text: &str, terms: &[Term], max: usize) -> String {
    let length = text.chars().count();
    if length <= max {
        return text.to_owned();
    }
    let first_match = matched(text, terms).first().map(|&(start, _)| text[..start].chars().count()).unwrap_or(0);
    let start = first_match.saturating_sub(max / 3).min(length - max);
    let mut out: String = text.chars().skip(start).take(max).collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if start + max < length {
        out.push('…');
    }
    out
}

/// Two fragments of a term, its first and its last part, each long enough for the index: a
/// single typo leaves one of them intact, so the word meant contains it. None for short terms.
pub fn fuzzy_fragments(term: &Term) -> Option<[String; 2]> {
    let chars: Vec<char> = term.text.chars().collect();
    if term.phrase || chars.len() < 5 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let half = ((chars.len() - 1) / 2).max(3);
    Some([chars[..half].iter().collect(), chars[chars.len() - half..].iter().collect()])
}

/// The word of `texts` closest to `term` (at most one edit for words up to six letters, two
/// for longer ones), the more frequent on a tie; none when no word is that close.
pub fn closest_word<'a>(term: &str, texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let length = term.chars().count();
    let limit = if length <= 6 { 1 } else { 2 };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // A word whose length differs by more than `limit` is further than that: not counted.
    // Lowercasing keeps an ASCII word's length and never shortens another's.
    let near = |w: &&str| match w.is_ascii() {
        true => !w.is_empty() && w.len().abs_diff(length) <= limit,
        false => w.chars().count() <= length + limit,
    };
    for text in texts {
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(near) {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(word, _)| word != term)
        .map(|(word, n)| (strsim::damerau_levenshtein(term, &word), n, word))
        .filter(|(distance, _, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)))
        .map(|(_, _, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(terms: &[Term]) -> Vec<(&str, &str, bool)> {
        terms.iter().map(|t| (t.text.as_str(), t.fragment.as_str(), t.phrase)).collect()
    }

    #[test]
    fn queries_split_into_words_and_quoted_phrases() {
        let terms = parse(r#"  Kubernetes "Platform  Teams" containers, (c++) 容器"#).expect("parse");
        assert_eq!(
            texts(&terms),
            [
                ("kubernetes", "kubernete", false),
                ("platform teams", "platform teams", true),
                ("containers", "container", false),
                ("c++", "c++", false),
                ("容器", "容器", false),
            ]
        );
        assert!(terms[1].phrase);
        assert_eq!(terms[2].fragment, "container");
    }

    #[test]
    fn empty_and_overlong_queries_are_refused() {
        assert!(matches!(parse(" \" \" "), Err(Message::Id { id: "invalid-search-empty", .. })));
        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(parse(&long), Err(Message::Id { id: "invalid-search-too-long", .. })));
    }

    #[test]
    fn plurals_are_cut_back_to_what_the_singular_contains() {
        for (plural, stem_) in
            [("containers", "container"), ("libraries", "librar"), ("boxes", "box"), ("class", "class")]
        {
            assert_eq!(stem(plural), stem_, "{plural}");
        }
        assert!("library".contains(&stem("libraries")));
        // Never cut back to fewer than three letters.
        assert_eq!((stem("ties"), stem("lies"), stem("bus")), ("tie".into(), "lie".into(), "bus".into()));
        assert_eq!(stem("日本語"), "日本語");
    }

    #[test]
    fn matches_are_marked_without_case_in_any_script() {
        let terms = parse("kubernetes 容器").expect("parse");
        let runs = marked("Running KUBERNETES: 容器编排", &terms);
        let hits: Vec<&str> = runs.iter().filter(|(_, hit)| *hit).map(|(t, _)| *t).collect();
        assert_eq!(hits, ["KUBERNETE", "容器"]);
        assert_eq!(runs.iter().map(|(t, _)| *t).collect::<String>(), "Running KUBERNETES: 容器编排");
        // A character whose lowercase is longer ("İ") does not shift the marks.
        let runs = marked("İstanbul kubernetes", &terms);
        assert!(runs.iter().any(|(t, hit)| *hit && *t == "kubernete"));
        // Overlapping matches of two terms make one mark; plain ASCII text the same way.
        let terms = parse("platform form").expect("parse");
        assert_eq!(
            marked("A Platform, a form", &terms),
            [("A ", false), ("Platform", true), (", a ", false), ("form", true)]
        );
        assert_eq!(matched("Plattform", &terms), [(5, 9)]);
    }

    #[test]
    fn the_pages_of_a_search_reach_the_largest_window_a_club_may_set() {
        assert_eq!(MAX_PAGE * PAGE_SIZE, i64::from(crate::config::MAX_RANKED_WINDOW));
    }

    #[test]
    fn excerpts_centre_on_the_first_match() {
        let text = format!("{} needle {}", "a ".repeat(100), "b ".repeat(100));
        let cut = excerpt(&text, &parse("needle").expect("parse"), 40);
        assert!(cut.contains("needle") && cut.starts_with('…') && cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn a_misspelt_word_finds_the_word_meant() {
        let term = &parse("kubernets").expect("parse")[0];
        let [head, tail] = fuzzy_fragments(term).expect("long enough");
        assert!("kubernetes".contains(&head) || "kubernetes".contains(&tail));
        let found = closest_word("kubernets", ["Running Kubernetes at scale", "Kubernetes operators", "Kernels"]);
        assert_eq!(found.as_deref(), Some("kubernetes"));
        assert_eq!(closest_word("zzzzzz", ["Kubernetes"]), None);
    }
}
