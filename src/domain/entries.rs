//! The rules of entries organisers add and edit for members: a link a member posted in chat, a
//! month filled in long after it closed. Organisers are trusted with what members are not (no
//! confirmation mail, any topic, any status), but every field still has to be valid, and the
//! same link is never in a topic twice.

use serde::{Deserialize, Serialize};

use super::links::{guess_kind, normalise_url, title_from_url};
use super::submissions::{single_line, AUTHOR_NAME, MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, TITLE};
use super::text::{emoji_shortcodes, visible};
use super::EmailAddress;
use crate::db::states::{SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::error::{AppError, FieldErrors, Message};

pub const MAX_NOTE_CHARS: usize = 500;

/// An entry as an organiser types it (admin form, API, command line, or one line of a pasted
/// list). Empty fields are allowed where a member's would not be: the title then comes from the
/// link, the kind is guessed from where the link points.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EntryInput {
    pub kind: String,
    pub url: String,
    pub title: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
    pub summary: String,
    pub note: String,
    pub language: String,
    /// "published" (the default) or "pending" (waits in the moderation queue).
    pub status: String,
    /// Tell the author by email (needs `author_email`).
    pub notify_author: bool,
}

/// An organiser's entry that passed every check.
#[derive(Debug, Clone)]
pub struct ValidEntry {
    pub kind: SubmissionKind,
    pub url: String,
    pub title: String,
    pub author_name: String,
    pub author_email: Option<EmailAddress>,
    pub author_link: Option<String>,
    pub summary: String,
    pub note: String,
    pub language: String,
    pub status: SubmissionStatus,
    pub notify_author: bool,
}

/// What [`paragraph`] says about one field, as message ids: too long (naming `$max`), or
/// holding control characters.
pub struct ParagraphMessages {
    pub too_long: &'static str,
    pub control: &'static str,
}

const SUMMARY: ParagraphMessages =
    ParagraphMessages { too_long: "invalid-summary-too-long", control: "invalid-summary-control" };
const NOTE: ParagraphMessages =
    ParagraphMessages { too_long: "invalid-note-too-long", control: "invalid-note-control" };

/// Free text of a paragraph or two: hidden characters removed, line breaks kept, bounded.
pub fn paragraph(field: &str, say: &ParagraphMessages, value: &str, max: usize, errors: &mut FieldErrors) -> String {
    let text = visible(&value.replace("\r\n", "\n"));
    let text = text.trim();
    if text.chars().count() > max {
        errors.insert(field.into(), Message::new(say.too_long).arg("max", max));
    } else if text.chars().any(|c| c.is_control() && c != '\n') {
        errors.insert(field.into(), Message::new(say.control));
    }
    text.to_owned()
}

/// The organiser's note: chat shortcodes turned into emoji, spaces tidied.
fn note(value: &str, errors: &mut FieldErrors) -> String {
    let converted = emoji_shortcodes(value);
    let tidy: Vec<String> = converted.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    paragraph("note", &NOTE, &tidy.join("\n"), MAX_NOTE_CHARS, errors)
}

/// The language a piece seems to be written in, from its title and summary: a tag when the
/// guess is reliable, else empty (shown as the club's language).
pub fn guess_language(title: &str, summary: &str) -> String {
    use whatlang::Lang;
    let text = format!("{title}\n{summary}");
    let Some(info) = whatlang::detect(&text).filter(|i| i.is_reliable()) else { return String::new() };
    let tag = match info.lang() {
        Lang::Eng => "en",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Tur => "tr",
        Lang::Swe => "sv",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Hin => "hi",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        _ => return String::new(),
    };
    tag.to_owned()
}

/// A language tag (BCP 47, e.g. `en`, `pt-BR`, `zh-Hant`): empty, or a 2–3 letter language and
/// optional subtags; returned in its usual case.
pub fn check_language(tag: &str) -> Result<String, Message> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Ok(String::new());
    }
    let refuse = || Message::new("invalid-language-tag").arg("tag", tag);
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) || tag.len() > 35 {
        return Err(refuse());
    }
    let mut out = language.to_ascii_lowercase();
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(refuse());
        }
        out.push('-');
        match part.len() {
            2 => out.push_str(&part.to_ascii_uppercase()),
            4 => {
                let mut chars = part.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(&chars.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Ok(out)
}

/// The kind of a link: what its page declared ("video", "podcast", "article"), or else what
/// its address suggests.
pub fn kind_for(url: &str, declared: Option<&str>) -> SubmissionKind {
    match declared {
        Some("video") => SubmissionKind::Video,
        Some("podcast") => SubmissionKind::Podcast,
        _ => guess_kind(url),
    }
}

/// What organisers call an approved entry.
pub const PUBLISHED: &str = "published";

/// The status an organiser may give an entry: published (approved), pending, rejected or
/// withdrawn; never "unconfirmed", which only a member's own submission has.
pub fn parse_status(text: &str) -> Result<SubmissionStatus, Message> {
    let text = text.trim();
    let parsed = if text.is_empty() || text == PUBLISHED {
        Ok(SubmissionStatus::Approved)
    } else {
        SubmissionStatus::parse(text)
    };
    match parsed {
        Ok(SubmissionStatus::Unconfirmed) | Err(_) => Err(Message::new("invalid-entry-status").arg("status", text)),
        Ok(status) => Ok(status),
    }
}

impl EntryInput {
    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<ValidEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let url = normalise_url(&self.url).map_err(|m| errors.insert("url".into(), m)).unwrap_or_default();
        let kind = match self.kind.trim() {
            "" => guess_kind(&url),
            text => SubmissionKind::parse(text)
                .map_err(|_| {
                    let names: Vec<&str> = SubmissionKind::ALL.iter().map(|k| k.as_str()).collect();
                    errors.insert("kind".into(), Message::new("invalid-entry-kind").arg("kinds", names.join(", ")))
                })
                .unwrap_or(SubmissionKind::Other),
        };
        let typed = visible(&self.title);
        let title = if typed.trim().is_empty() && !url.is_empty() {
            title_from_url(&url).chars().take(MAX_TITLE_CHARS).collect()
        } else {
            single_line("title", &TITLE, &typed, MAX_TITLE_CHARS, &mut errors)
        };
        let author_name = if visible(&self.author_name).trim().is_empty() {
            String::new()
        } else {
            single_line("author_name", &AUTHOR_NAME, &self.author_name, MAX_NAME_CHARS, &mut errors)
        };
        let author_email = match self.author_email.trim() {
            "" => None,
            text => EmailAddress::parse(text).map_err(|m| errors.insert("author_email".into(), m)).ok(),
        };
        if self.notify_author && author_email.is_none() && !errors.contains_key("author_email") {
            errors.insert("author_email".into(), Message::new("invalid-author-email-needed"));
        }
        let author_link = match self.author_link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(link) => normalise_url(link).map_err(|m| errors.insert("author_link".into(), m)).ok(),
            None => None,
        };
        let summary = paragraph("summary", &SUMMARY, &self.summary, MAX_SUMMARY_CHARS, &mut errors);
        let note = note(&self.note, &mut errors);
        let language =
            check_language(&self.language).map_err(|m| errors.insert("language".into(), m)).unwrap_or_default();
        let status = parse_status(&self.status)
            .map_err(|m| errors.insert("status".into(), m))
            .unwrap_or(SubmissionStatus::Approved);
        if !errors.is_empty() {
            return Err(errors);
        }
        // Not said: recognised from the title and what describes the piece, when that is clear.
        let language = if language.is_empty() {
            guess_language(&title, if summary.is_empty() { &note } else { &summary })
        } else {
            language
        };
        Ok(ValidEntry {
            kind,
            url,
            title,
            author_name,
            author_email,
            author_link,
            summary,
            note,
            language,
            status,
            notify_author: self.notify_author,
        })
    }

    /// The input that describes `entry` as it is now, for an edit form or a patch.
    pub fn of(entry: &Submission) -> EntryInput {
        EntryInput {
            kind: entry.kind.as_str().to_owned(),
            url: entry.url.clone(),
            title: entry.title.clone(),
            author_name: entry.author_name.clone(),
            author_email: entry.author_email.clone(),
            author_link: entry.author_link.clone(),
            summary: entry.summary.clone(),
            note: entry.note.clone(),
            language: entry.language.clone(),
            status: status_name(entry.status).to_owned(),
            notify_author: false,
        }
    }
}

/// How organisers name a status.
pub fn status_name(status: SubmissionStatus) -> &'static str {
    match status {
        SubmissionStatus::Approved => PUBLISHED,
        other => other.as_str(),
    }
}

/// An organiser's change to an entry: only the fields given change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EntryPatch {
    pub kind: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub author_link: Option<String>,
    pub summary: Option<String>,
    pub note: Option<String>,
    pub language: Option<String>,
    pub status: Option<String>,
    /// Move it to the topic with this slug.
    pub topic: Option<String>,
    pub highlighted: Option<bool>,
}

impl EntryPatch {
    /// The entry's fields with this patch laid over them.
    pub fn apply_to(&self, entry: &Submission) -> EntryInput {
        let now = EntryInput::of(entry);
        let pick = |new: &Option<String>, old: String| new.clone().unwrap_or(old);
        EntryInput {
            kind: pick(&self.kind, now.kind),
            url: pick(&self.url, now.url),
            title: pick(&self.title, now.title),
            author_name: pick(&self.author_name, now.author_name),
            author_email: pick(&self.author_email, now.author_email),
            author_link: match &self.author_link {
                Some(link) => Some(link.clone()),
                None => now.author_link,
            },
            summary: pick(&self.summary, now.summary),
            note: pick(&self.note, now.note),
            language: pick(&self.language, now.language),
            status: pick(&self.status, now.status),
            notify_author: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.url.is_none()
            && self.title.is_none()
            && self.author_name.is_none()
            && self.author_email.is_none()
            && self.author_link.is_none()
            && self.summary.is_none()
            && self.note.is_none()
            && self.language.is_none()
            && self.status.is_none()
            && self.topic.is_none()
            && self.highlighted.is_none()
    }
}

/// What an edit changed, field by field: (field, before, after), for the audit log.
pub fn changes(
    before: &Submission,
    after: &Submission,
    before_topic: &str,
    after_topic: &str,
) -> Vec<(&'static str, String, String)> {
    let pairs: [(&'static str, String, String); 12] = [
        ("topic", before_topic.to_owned(), after_topic.to_owned()),
        ("kind", before.kind.to_string(), after.kind.to_string()),
        ("url", before.url.clone(), after.url.clone()),
        ("title", before.title.clone(), after.title.clone()),
        ("author_name", before.author_name.clone(), after.author_name.clone()),
        ("author_email", before.author_email.clone(), after.author_email.clone()),
        ("author_link", before.author_link.clone().unwrap_or_default(), after.author_link.clone().unwrap_or_default()),
        ("summary", before.summary.clone(), after.summary.clone()),
        ("note", before.note.clone(), after.note.clone()),
        ("language", before.language.clone(), after.language.clone()),
        ("status", status_name(before.status).to_owned(), status_name(after.status).to_owned()),
        ("highlighted", before.highlighted.to_string(), after.highlighted.to_string()),
    ];
    pairs.into_iter().filter(|(_, b, a)| b != a).collect()
}

/// The refusal of a link the topic has already, pointing at the entry that has it.
pub fn duplicate_of(existing: &Submission) -> AppError {
    AppError::FieldConflict {
        field: "url",
        message: Message::new("refused-domain-link-in-topic")
            .arg("title", existing.title.as_str())
            .arg("id", existing.public_id.as_str())
            .arg("status", status_name(existing.status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(url: &str) -> EntryInput {
        EntryInput { url: url.into(), ..EntryInput::default() }
    }

    #[test]
    fn a_bare_link_is_enough() {
        let entry = input("https://www.youtube.com/watch?v=abc&utm_source=chat").validate().expect("valid");
        assert_eq!(entry.url, "https://www.youtube.com/watch?v=abc");
        assert_eq!(entry.kind, SubmissionKind::Video);
        assert_eq!(entry.title, "youtube.com");
        assert_eq!(entry.status, SubmissionStatus::Approved);
        assert!(entry.author_email.is_none() && entry.author_name.is_empty());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = EntryInput {
            kind: "novel".into(),
            url: "javascript:alert(1)".into(),
            title: "x".repeat(300),
            author_name: "A\u{7}".into(),
            author_email: "nope".into(),
            author_link: Some("ftp://x.org".into()),
            summary: "s".repeat(600),
            note: "n".repeat(600),
            language: "english please".into(),
            status: "unconfirmed".into(),
            notify_author: true,
        };
        let errors = bad.validate().expect_err("invalid");
        for field in [
            "kind",
            "url",
            "title",
            "author_name",
            "author_email",
            "author_link",
            "summary",
            "note",
            "language",
            "status",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn telling_the_author_needs_their_address() {
        let errors =
            EntryInput { notify_author: true, ..input("https://example.org/a") }.validate().expect_err("no address");
        assert!(errors.contains_key("author_email"));
    }

    #[test]
    fn notes_turn_shortcodes_into_emoji() {
        let entry =
            EntryInput { note: "  worth it  :point_right:   read\r\n".into(), ..input("https://example.org/a") };
        assert_eq!(entry.validate().expect("valid").note, "worth it 👉 read");
    }

    #[test]
    fn language_tags_are_checked_and_cased() {
        assert_eq!(check_language("PT_br").expect("valid"), "pt-BR");
        assert_eq!(check_language("zh-hant").expect("valid"), "zh-Hant");
        assert_eq!(check_language("").expect("valid"), "");
        for bad in ["e", "english", "en-", "en-toolongsubtag", "1a"] {
            assert!(check_language(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn organisers_set_any_status_but_unconfirmed() {
        assert_eq!(parse_status("published"), Ok(SubmissionStatus::Approved));
        assert_eq!(parse_status("pending"), Ok(SubmissionStatus::Pending));
        assert!(parse_status("unconfirmed").is_err());
    }
}
