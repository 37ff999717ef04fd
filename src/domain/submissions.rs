//! The rules of member submissions: what a valid entry is, when a topic takes one, which states
//! an author may still change, what a moderator's decision needs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::links::normalise_url;
use super::topics::{self, TopicStatus};
use super::EmailAddress;
use crate::db::states::{SubmissionKind, SubmissionStatus};
use crate::db::topics::Topic;
use crate::error::{AppError, FieldErrors, Message};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_REASON_CHARS: usize = 1000;

/// Reasons offered to moderators when rejecting; free text may be added.
pub const REJECTION_REASONS: [&str; 4] = [
    "Not on this month's topic",
    "Behind a paywall or an email gate",
    "Already submitted or covered",
    "Not the author's own work",
];

/// What a member sent, as text: the same fields from the web form and the JSON API, kept as
/// typed so that a form can be shown again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SubmissionInput {
    pub kind: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
    /// The language the piece is written in (a BCP 47 tag); guessed from the title and summary
    /// when empty.
    pub language: String,
}

/// A submission that passed every field check.
#[derive(Debug, Clone)]
pub struct ValidSubmission {
    pub kind: SubmissionKind,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: EmailAddress,
    pub author_link: Option<String>,
    /// The piece's language tag; empty when neither said nor recognisable.
    pub language: String,
}

/// What [`single_line`] says about one kind of line, as message ids: when it is empty, too long
/// (the message names `$max`), or holds control characters.
#[derive(Debug, Clone, Copy)]
pub struct LineMessages {
    pub empty: &'static str,
    pub too_long: &'static str,
    pub control: &'static str,
}

/// A title (of a submission, or an organiser's entry).
pub const TITLE: LineMessages =
    LineMessages { empty: "invalid-title-empty", too_long: "invalid-title-too-long", control: "invalid-title-control" };

/// The member's own name on the submission form.
pub const YOUR_NAME: LineMessages = LineMessages {
    empty: "invalid-your-name-empty",
    too_long: "invalid-your-name-too-long",
    control: "invalid-your-name-control",
};

/// An author's name as an organiser types it.
pub const AUTHOR_NAME: LineMessages = LineMessages {
    empty: "invalid-author-name-empty",
    too_long: "invalid-author-name-too-long",
    control: "invalid-author-name-control",
};

/// A line of text a person typed: trimmed, required, bounded, without control characters.
pub fn single_line(field: &str, say: &LineMessages, value: &str, max: usize, errors: &mut FieldErrors) -> String {
    let value = super::text::visible(value);
    let value = value.trim();
    if value.is_empty() {
        errors.insert(field.into(), Message::new(say.empty));
    } else if value.chars().count() > max {
        errors.insert(field.into(), Message::new(say.too_long).arg("max", max));
    } else if value.chars().any(char::is_control) {
        errors.insert(field.into(), Message::new(say.control));
    }
    value.to_owned()
}

/// Titles and names are shown in mail to addresses not yet confirmed; a link in them would be
/// made clickable there, so they may hold none (the link field is for the link). `message` is
/// the id of the refusal.
fn no_links(field: &str, message: &'static str, value: &str, errors: &mut FieldErrors) {
    let lower = value.to_lowercase();
    if !errors.contains_key(field) && (lower.contains("://") || lower.contains("www.")) {
        errors.insert(field.into(), Message::new(message));
    }
}

impl SubmissionInput {
    /// The input as a stored entry shows it, for a form that edits it.
    pub fn from_entry(entry: &crate::db::submissions::Submission) -> SubmissionInput {
        SubmissionInput {
            kind: entry.kind.as_str().to_owned(),
            title: entry.title.clone(),
            url: entry.url.clone(),
            summary: entry.summary.clone(),
            author_name: entry.author_name.clone(),
            author_email: entry.author_email.clone(),
            author_link: entry.author_link.clone(),
            language: entry.language.clone(),
        }
    }

    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<ValidSubmission, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = SubmissionKind::parse(self.kind.trim())
            .map_err(|_| {
                let names: Vec<&str> = SubmissionKind::ALL.iter().map(|k| k.as_str()).collect();
                errors.insert("kind".into(), Message::new("invalid-submission-kind").arg("kinds", names.join(", ")))
            })
            .ok();
        let title = single_line("title", &TITLE, &self.title, MAX_TITLE_CHARS, &mut errors);
        no_links("title", "invalid-title-link", &title, &mut errors);
        let url = normalise_url(&self.url).map_err(|m| errors.insert("url".into(), m)).unwrap_or_default();
        let summary = super::text::visible(&self.summary.replace("\r\n", "\n")).trim().to_owned();
        if summary.is_empty() {
            errors.insert("summary".into(), Message::new("invalid-summary-empty"));
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            errors.insert("summary".into(), Message::new("invalid-summary-too-long").arg("max", MAX_SUMMARY_CHARS));
        } else if summary.chars().any(|c| c.is_control() && c != '\n') {
            errors.insert("summary".into(), Message::new("invalid-summary-control"));
        }
        let author_name = single_line("author_name", &YOUR_NAME, &self.author_name, MAX_NAME_CHARS, &mut errors);
        no_links("author_name", "invalid-name-link", &author_name, &mut errors);
        let author_email =
            EmailAddress::parse(&self.author_email).map_err(|m| errors.insert("author_email".into(), m)).ok();
        let author_link = match self.author_link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(link) => normalise_url(link).map_err(|m| errors.insert("author_link".into(), m)).ok(),
            None => None,
        };
        let language = super::entries::check_language(&self.language)
            .map_err(|m| errors.insert("language".into(), m))
            .unwrap_or_default();
        match (kind, author_email) {
            (Some(kind), Some(author_email)) if errors.is_empty() => {
                let language =
                    if language.is_empty() { super::entries::guess_language(&title, &summary) } else { language };
                Ok(ValidSubmission { kind, title, url, summary, author_name, author_email, author_link, language })
            }
            _ => Err(errors),
        }
    }
}

/// A short random public id: 12 characters of lowercase base32.
pub fn new_public_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..12).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char).collect()
}

/// Why a topic takes no submissions now, or `None` when it does.
pub fn closed_reason(topic: &Topic, now: DateTime<Utc>) -> Option<Message> {
    match topics::status(topic, now) {
        TopicStatus::Open => None,
        TopicStatus::Upcoming => {
            Some(Message::new("refused-domain-topic-not-open-yet").arg("title", topic.title.as_str()))
        }
        TopicStatus::Closed => Some(Message::new("refused-domain-topic-closed").arg("title", topic.title.as_str())),
    }
}

/// The refusal for a link that the topic has already.
pub fn duplicate_error() -> AppError {
    AppError::FieldConflict { field: "url", message: Message::new("refused-domain-link-submitted") }
}

/// Whether the author may still change or withdraw it.
pub fn is_editable(status: SubmissionStatus) -> bool {
    matches!(status, SubmissionStatus::Unconfirmed | SubmissionStatus::Pending)
}

/// Whether the public may see it: approved, on an announced topic.
pub fn is_public(status: SubmissionStatus, topic: &Topic) -> bool {
    status == SubmissionStatus::Approved && topic.announced
}

/// What an author tried to do to their entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorChange {
    Edit,
    Withdraw,
}

/// The refusal for an author who tries to change an entry that is no longer theirs to change.
/// The message names the status as `$status`.
pub fn not_editable(status: SubmissionStatus, change: AuthorChange) -> AppError {
    let id = match change {
        AuthorChange::Withdraw => "refused-domain-submission-not-withdrawable",
        AuthorChange::Edit => "refused-domain-submission-not-changeable",
    };
    AppError::Conflict(Message::new(id).arg("status", status.as_str()))
}

/// A moderator's decision.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Approve,
    Reject(String),
}

impl Decision {
    /// The status a pending submission takes, and the reason the author is given.
    pub fn outcome(&self) -> (SubmissionStatus, Option<&str>) {
        match self {
            Decision::Approve => (SubmissionStatus::Approved, None),
            Decision::Reject(reason) => (SubmissionStatus::Rejected, Some(reason.as_str())),
        }
    }
}

/// Builds a rejection reason from a listed reason and free text; one of them is required.
pub fn rejection_reason(listed: &str, free_text: &str) -> Result<String, AppError> {
    let listed = listed.trim();
    let free = super::text::visible(free_text);
    let free = free.trim();
    if !listed.is_empty() && !REJECTION_REASONS.contains(&listed) {
        return Err(AppError::field("reason", Message::new("invalid-reason-unlisted")));
    }
    if free.chars().count() > MAX_REASON_CHARS || free.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::field("reason", Message::new("invalid-reason-too-long").arg("max", MAX_REASON_CHARS)));
    }
    match (listed.is_empty(), free.is_empty()) {
        (true, true) => Err(AppError::field("reason", Message::new("invalid-reason-missing"))),
        (false, true) => Ok(listed.to_owned()),
        (true, false) => Ok(free.to_owned()),
        (false, false) => Ok(format!("{listed}. {free}")),
    }
}

/// Masks an address for display: "a•••@example.org".
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SubmissionInput {
        SubmissionInput {
            kind: "article".into(),
            title: "How we measure flow".into(),
            url: "https://example.org/flow?utm_source=x".into(),
            summary: "What we learned.".into(),
            author_name: "Ada".into(),
            author_email: "ada@example.org".into(),
            author_link: None,
            language: String::new(),
        }
    }

    #[test]
    fn a_good_submission_validates_and_normalises() {
        let valid = input().validate().expect("valid");
        assert_eq!(valid.url, "https://example.org/flow");
        assert_eq!(valid.kind, SubmissionKind::Article);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = SubmissionInput {
            kind: "novel".into(),
            title: "x".repeat(10_000),
            url: "javascript:alert(1)".into(),
            summary: "s".repeat(501),
            author_name: "Bad\u{7}Name".into(),
            author_email: "not-an-email".into(),
            author_link: Some("ftp://example.org".into()),
            language: "not a tag".into(),
        };
        let errors = bad.validate().expect_err("invalid");
        for field in ["kind", "title", "url", "summary", "author_name", "author_email", "author_link", "language"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn the_language_is_kept_when_given_and_guessed_when_not() {
        let given = SubmissionInput { language: "ja".into(), ..input() };
        assert_eq!(given.validate().expect("valid").language, "ja");
        let german = SubmissionInput {
            title: "Wie wir die Durchlaufzeit messen".into(),
            summary: "Wir messen die Durchlaufzeit jeder Änderung, vom ersten Commit bis zur Auslieferung.".into(),
            ..input()
        };
        assert_eq!(german.validate().expect("valid").language, "de");
        let japanese = SubmissionInput {
            title: "開発者体験を測る".into(),
            summary: "私たちはチームの開発者体験を毎月アンケートで測っています。".into(),
            ..input()
        };
        assert_eq!(japanese.validate().expect("valid").language, "ja");
    }

    #[test]
    fn rejections_need_a_reason() {
        assert!(rejection_reason("", "").is_err());
        assert!(rejection_reason("Made up", "").is_err());
        assert_eq!(rejection_reason(REJECTION_REASONS[0], "").expect("ok"), REJECTION_REASONS[0]);
        assert_eq!(rejection_reason("", "Too short").expect("ok"), "Too short");
    }

    #[test]
    fn only_waiting_entries_are_editable() {
        assert!(is_editable(SubmissionStatus::Unconfirmed));
        assert!(is_editable(SubmissionStatus::Pending));
        for done in [SubmissionStatus::Approved, SubmissionStatus::Rejected, SubmissionStatus::Withdrawn] {
            assert!(!is_editable(done));
        }
    }

    #[test]
    fn emails_are_masked() {
        assert_eq!(mask_email("ada@example.org"), "a•••@example.org");
    }
}
