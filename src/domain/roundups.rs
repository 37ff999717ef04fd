//! The rules of a topic's round-up: an organiser's introduction and the order of the month's
//! entries. A draft is private; once published it opens the digest, heads the closed topic's
//! page and appears in the club's feed. The digest of a topic with a draft round-up waits for it
//! (within the usual lateness rule).

use std::collections::HashSet;

use super::text::visible;
use crate::db::roundups::Roundup;
use crate::db::submissions::Submission;
use crate::error::{FieldErrors, Message};

pub const MAX_INTRO_CHARS: usize = 20_000;
/// What a LinkedIn post may hold; the plain-text export stays within it.
pub const TEXT_EXPORT_LIMIT: usize = 3_000;

/// What an organiser sends for a round-up.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoundupInput {
    /// The introduction, in Markdown.
    pub intro: String,
    /// Entry ids (public) in the order they should appear; entries not named follow by date.
    pub order: Vec<String>,
    /// Entry ids to highlight (they come first).
    pub highlighted: Vec<String>,
    pub published: bool,
}

/// A checked round-up: the introduction, and for each entry of the topic named in the order or
/// the highlights, (row id, position, highlighted).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRoundup {
    pub intro: String,
    pub placement: Vec<(i64, Option<i32>, bool)>,
    pub published: bool,
}

impl RoundupInput {
    /// Checks the introduction and that every id names one of `entries` (the topic's own).
    pub fn validate(&self, entries: &[Submission]) -> Result<ValidRoundup, FieldErrors> {
        let mut errors = FieldErrors::new();
        let intro = visible(&self.intro.replace("\r\n", "\n")).trim().to_owned();
        if intro.chars().count() > MAX_INTRO_CHARS {
            errors.insert("intro".into(), Message::new("invalid-intro-too-long").arg("max", MAX_INTRO_CHARS));
        }
        if self.published && intro.is_empty() {
            errors.insert("intro".into(), Message::new("invalid-intro-missing"));
        }
        let known: HashSet<&str> = entries.iter().map(|e| e.public_id.as_str()).collect();
        for (field, ids) in [("order", &self.order), ("highlighted", &self.highlighted)] {
            let unknown: Vec<&str> = ids.iter().map(String::as_str).filter(|id| !known.contains(id)).collect();
            if !unknown.is_empty() {
                errors.insert(
                    field.into(),
                    Message::new("invalid-roundup-unknown-entries").arg("ids", unknown.join(", ")),
                );
            }
            let distinct: HashSet<&String> = ids.iter().collect();
            if distinct.len() != ids.len() && !errors.contains_key(field) {
                errors.insert(field.into(), Message::new("invalid-roundup-repeated-entry"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let placement = entries
            .iter()
            .filter_map(|e| {
                let position = self.order.iter().position(|id| *id == e.public_id).map(|p| p as i32 + 1);
                let highlighted = self.highlighted.contains(&e.public_id);
                (position.is_some() || highlighted).then_some((e.id, position, highlighted))
            })
            .collect();
        Ok(ValidRoundup { intro, placement, published: self.published })
    }
}

/// Whether the public may read it.
pub fn is_published(roundup: Option<&Roundup>) -> bool {
    roundup.is_some_and(|r| r.published_at.is_some())
}

/// Whether the topic's digest should wait for its round-up: one is being written.
pub fn digest_waits(roundup: Option<&Roundup>) -> bool {
    roundup.is_some_and(|r| r.published_at.is_none())
}

/// Keeps the entries whose text, rendered by `render` with the first `n` of them, fits in
/// `limit` characters: the most that fit, and how many were left out.
pub fn fit<E>(entries: &[E], limit: usize, render: impl Fn(&[E], usize) -> String) -> (String, usize) {
    let all = render(entries, 0);
    if all.chars().count() <= limit {
        return (all, 0);
    }
    // Longer lists only grow the text, so the largest prefix that fits is found by halving.
    let (mut low, mut high) = (0, entries.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        if render(&entries[..mid], entries.len() - mid).chars().count() <= limit {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    (render(&entries[..low], entries.len() - low), entries.len() - low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_list_that_fits_is_kept() {
        let items: Vec<String> = (0..20).map(|n| format!("entry {n:02} ")).collect();
        let render = |shown: &[String], left: usize| {
            format!("{}{}", shown.concat(), if left > 0 { format!("+{left}") } else { String::new() })
        };
        assert_eq!(fit(&items, 1000, render).1, 0);
        let (text, left) = fit(&items, 60, render);
        assert!(text.chars().count() <= 60, "{text}");
        assert_eq!(left, 14, "six of nine characters and the count fit: {text}");
        assert!(text.ends_with("+14"));
    }
}
