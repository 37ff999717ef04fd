//! Member submissions: validation, the open-topic rule, one entry per link and topic,
//! confirmation by email, edits and withdrawal while pending, moderation decisions, and the
//! expiry of unconfirmed entries. Every email goes through the outbox in the same transaction.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::links::normalise_url;
use super::outbox::{self, OutgoingMail};
use super::topics::{self, TopicStatus};
use super::EmailAddress;
use crate::crypto;
use crate::db::submissions::{self as rows, ContentChanges, NewSubmission, Submission};
use crate::db::topics::Topic;
use crate::db::{is_unique_violation, write_transaction, AnyConnection};
use crate::error::{AppError, FieldErrors};

pub const KINDS: [&str; 6] = ["article", "video", "post", "podcast", "talk", "other"];
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
pub const MAX_NAME_CHARS: usize = 100;

/// Reasons offered to moderators when rejecting; free text may be added.
pub const REJECTION_REASONS: [&str; 4] = [
    "Not on this month's topic",
    "Behind a paywall or an email gate",
    "Already submitted or covered",
    "Not the author's own work",
];

/// What a member sent, as text.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
    pub kind: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
}

/// A submission that passed every field check.
#[derive(Debug, Clone)]
pub struct ValidSubmission {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: EmailAddress,
    pub author_link: Option<String>,
}

fn single_line(field: &str, label: &str, value: &str, max: usize, errors: &mut FieldErrors) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.insert(field.into(), format!("Enter {label}."));
    } else if value.chars().count() > max {
        errors.insert(field.into(), format!("{} may have at most {max} characters.", capitalise(label)));
    } else if value.chars().any(char::is_control) {
        errors.insert(field.into(), format!("{} cannot contain control characters or line breaks.", capitalise(label)));
    }
    value.to_owned()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl SubmissionInput {
    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<ValidSubmission, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = KINDS.iter().find(|k| **k == self.kind.trim()).copied();
        if kind.is_none() {
            errors.insert("kind".into(), format!("Choose what you are sharing: {}.", KINDS.join(", ")));
        }
        let title = single_line("title", "a title", &self.title, MAX_TITLE_CHARS, &mut errors);
        let url = normalise_url(&self.url).map_err(|m| errors.insert("url".into(), m)).unwrap_or_default();
        let summary = self.summary.replace("\r\n", "\n").trim().to_owned();
        if summary.is_empty() {
            errors.insert("summary".into(), "Enter a short summary.".into());
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            errors.insert("summary".into(), format!("The summary may have at most {MAX_SUMMARY_CHARS} characters."));
        } else if summary.chars().any(|c| c.is_control() && c != '\n') {
            errors.insert("summary".into(), "The summary cannot contain control characters.".into());
        }
        let author_name = single_line("author_name", "your name", &self.author_name, MAX_NAME_CHARS, &mut errors);
        let author_email =
            EmailAddress::parse(&self.author_email).map_err(|m| errors.insert("author_email".into(), m)).ok();
        let author_link = match self.author_link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(link) => normalise_url(link).map_err(|m| errors.insert("author_link".into(), m)).ok(),
            None => None,
        };
        match (kind, author_email) {
            (Some(kind), Some(author_email)) if errors.is_empty() => {
                Ok(ValidSubmission { kind, title, url, summary, author_name, author_email, author_link })
            }
            _ => Err(errors),
        }
    }
}

/// A short random public id: 12 characters of lowercase base32.
fn new_public_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// The announced topic at `slug` (exactly; submissions go to current addresses only).
pub fn public_topic(conn: &mut AnyConnection, slug: &str) -> Result<Topic, AppError> {
    match Topic::by_slug(conn, slug)? {
        Some(topic) if topic.announced => Ok(topic),
        _ => Err(AppError::NotFound),
    }
}

/// Why a topic takes no submissions now, or `None` when it does.
pub fn closed_reason(topic: &Topic, now: DateTime<Utc>) -> Option<String> {
    match topics::status(topic, now) {
        TopicStatus::Open => None,
        TopicStatus::Upcoming => Some(format!("“{}” does not take submissions yet.", topic.title)),
        TopicStatus::Closed => Some(format!("“{}” is closed; it no longer takes submissions.", topic.title)),
    }
}

/// The earlier entry with the same link on this topic, if any.
pub fn find_duplicate(conn: &mut AnyConnection, topic_id: i64, url: &str) -> Result<Option<Submission>, AppError> {
    Ok(Submission::by_topic_and_url(conn, topic_id, url)?)
}

fn duplicate_error() -> AppError {
    AppError::FieldConflict { field: "url", message: "This link has already been submitted for this topic.".into() }
}

/// Stores a new, unconfirmed submission and queues the confirmation email that `compose`
/// writes (given the submission, its topic and the private token).
pub fn submit(
    conn: &mut AnyConnection,
    topic_slug: &str,
    entry: ValidSubmission,
    host: &str,
    now: DateTime<Utc>,
    compose: impl FnOnce(&Submission, &Topic, &str) -> Result<OutgoingMail, String>,
) -> Result<Submission, AppError> {
    write_transaction(conn, |conn| {
        let topic = public_topic(conn, topic_slug)?;
        if let Some(reason) = closed_reason(&topic, now) {
            return Err(AppError::Conflict(reason));
        }
        if find_duplicate(conn, topic.id, &entry.url)?.is_some() {
            return Err(duplicate_error());
        }
        let token = crypto::random_token();
        let public_id = new_public_id();
        let submission = NewSubmission {
            public_id: &public_id,
            topic_id: topic.id,
            kind: entry.kind,
            title: &entry.title,
            url: &entry.url,
            summary: &entry.summary,
            author_name: &entry.author_name,
            author_email: &entry.author_email.key(),
            author_link: entry.author_link.as_deref(),
            status: "unconfirmed",
            edit_token_hash: &crypto::token_hash(&token),
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
        }
        .insert(conn)
        .map_err(|e| if is_unique_violation(&e) { duplicate_error() } else { AppError::from(e) })?;
        rows::record_event(conn, submission.id, "submitted", None, None, now.naive_utc())?;
        let mail = compose(&submission, &topic, &token).map_err(AppError::Internal)?;
        outbox::enqueue(conn, &mail, host, now)?;
        Ok(submission)
    })
}

/// The submission behind a private link, when the token fits.
pub fn with_token(conn: &mut AnyConnection, public_id: &str, token: &str) -> Result<Submission, AppError> {
    let submission = Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)?;
    if token.is_empty()
        || !crypto::constant_time_eq(crypto::token_hash(token).as_bytes(), submission.edit_token_hash.as_bytes())
    {
        return Err(AppError::Forbidden(
            "This private link is not valid. Use the link from your email exactly as it was sent.".into(),
        ));
    }
    Ok(submission)
}

/// The author confirms: unconfirmed becomes pending. Confirming twice is harmless.
pub fn confirm(
    conn: &mut AnyConnection,
    public_id: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Submission, AppError> {
    write_transaction(conn, |conn| {
        let submission = with_token(conn, public_id, token)?;
        if Submission::transition(conn, submission.id, &["unconfirmed"], "pending", now.naive_utc())? {
            Submission::mark_confirmed(conn, submission.id, now.naive_utc())?;
            rows::record_event(conn, submission.id, "confirmed", None, None, now.naive_utc())?;
        } else if submission.status == "withdrawn" {
            return Err(AppError::Conflict("This submission was withdrawn.".into()));
        }
        Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)
    })
}

/// Whether the author may still change or withdraw it.
pub fn is_editable(submission: &Submission) -> bool {
    matches!(submission.status.as_str(), "unconfirmed" | "pending")
}

/// The author changes their entry while it waits for moderation.
pub fn edit(
    conn: &mut AnyConnection,
    public_id: &str,
    token: &str,
    entry: ValidSubmission,
    now: DateTime<Utc>,
) -> Result<Submission, AppError> {
    write_transaction(conn, |conn| {
        let submission = with_token(conn, public_id, token)?;
        if !is_editable(&submission) {
            return Err(AppError::Conflict(format!(
                "This submission is {} and can no longer be changed.",
                submission.status
            )));
        }
        if entry.url != submission.url {
            if let Some(other) = find_duplicate(conn, submission.topic_id, &entry.url)? {
                if other.id != submission.id {
                    return Err(duplicate_error());
                }
            }
        }
        Submission::update_content(
            conn,
            submission.id,
            &ContentChanges {
                kind: entry.kind,
                title: &entry.title,
                url: &entry.url,
                summary: &entry.summary,
                author_name: &entry.author_name,
                author_link: entry.author_link.as_deref(),
                updated_at: now.naive_utc(),
            },
        )
        .map_err(|e| if is_unique_violation(&e) { duplicate_error() } else { AppError::from(e) })?;
        rows::record_event(conn, submission.id, "edited", None, None, now.naive_utc())?;
        Topic::bump_version(conn, submission.topic_id)?;
        Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)
    })
}

/// The author withdraws while it waits for moderation.
pub fn withdraw(
    conn: &mut AnyConnection,
    public_id: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Submission, AppError> {
    write_transaction(conn, |conn| {
        let submission = with_token(conn, public_id, token)?;
        if !Submission::transition(conn, submission.id, &["unconfirmed", "pending"], "withdrawn", now.naive_utc())? {
            return Err(AppError::Conflict(format!(
                "This submission is {} and can no longer be withdrawn.",
                submission.status
            )));
        }
        rows::record_event(conn, submission.id, "withdrawn", None, None, now.naive_utc())?;
        Topic::bump_version(conn, submission.topic_id)?;
        Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)
    })
}

/// A moderator's decision.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Approve,
    Reject(String),
}

/// Builds a rejection reason from a listed reason and free text; one of them is required.
pub fn rejection_reason(listed: &str, free_text: &str) -> Result<String, AppError> {
    let listed = listed.trim();
    let free = free_text.trim();
    if !listed.is_empty() && !REJECTION_REASONS.contains(&listed) {
        return Err(AppError::field("reason", "Choose one of the listed reasons, or write your own."));
    }
    if free.chars().count() > 1000 || free.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::field("reason", "The reason may have at most 1000 printable characters."));
    }
    match (listed.is_empty(), free.is_empty()) {
        (true, true) => Err(AppError::field("reason", "Give the author a reason for the rejection.")),
        (false, true) => Ok(listed.to_owned()),
        (true, false) => Ok(free.to_owned()),
        (false, false) => Ok(format!("{listed}. {free}")),
    }
}

/// Applies a decision to pending submissions (by public id), records who decided, and queues
/// the email `compose` writes for each author. Submissions that are not pending are reported
/// back unchanged in the second list.
pub fn decide(
    conn: &mut AnyConnection,
    public_ids: &[String],
    decision: &Decision,
    organiser_id: i64,
    host: &str,
    now: DateTime<Utc>,
    compose: impl Fn(&Submission, &Topic) -> Result<OutgoingMail, String>,
) -> Result<(Vec<Submission>, Vec<String>), AppError> {
    write_transaction(conn, |conn| {
        let mut decided = Vec::new();
        let mut skipped = Vec::new();
        for public_id in public_ids {
            let Some(submission) = Submission::by_public_id(conn, public_id)? else {
                skipped.push(public_id.clone());
                continue;
            };
            let (status, reason) = match decision {
                Decision::Approve => ("approved", None),
                Decision::Reject(reason) => ("rejected", Some(reason.as_str())),
            };
            if !Submission::decide(conn, submission.id, status, reason, organiser_id, now.naive_utc())? {
                skipped.push(public_id.clone());
                continue;
            }
            rows::record_event(conn, submission.id, status, Some(organiser_id), reason, now.naive_utc())?;
            Topic::bump_version(conn, submission.topic_id)?;
            let updated = Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)?;
            let topic = Topic::by_id(conn, updated.topic_id)?.ok_or(AppError::NotFound)?;
            let mail = compose(&updated, &topic).map_err(AppError::Internal)?;
            outbox::enqueue(conn, &mail, host, now)?;
            decided.push(updated);
        }
        Ok((decided, skipped))
    })
}

/// Removes submissions nobody confirmed within `hours`; returns how many.
pub fn expire_unconfirmed(conn: &mut AnyConnection, hours: u32, now: DateTime<Utc>) -> Result<usize, AppError> {
    let cutoff = (now - Duration::hours(i64::from(hours))).naive_utc();
    write_transaction(conn, |conn| {
        let ids = Submission::unconfirmed_before(conn, cutoff)?;
        if ids.is_empty() {
            return Ok(0);
        }
        Ok(Submission::delete(conn, &ids)?)
    })
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
        }
    }

    #[test]
    fn a_good_submission_validates_and_normalises() {
        let valid = input().validate().expect("valid");
        assert_eq!(valid.url, "https://example.org/flow");
        assert_eq!(valid.kind, "article");
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
        };
        let errors = bad.validate().expect_err("invalid");
        for field in ["kind", "title", "url", "summary", "author_name", "author_email", "author_link"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn rejections_need_a_reason() {
        assert!(rejection_reason("", "").is_err());
        assert!(rejection_reason("Made up", "").is_err());
        assert_eq!(rejection_reason(REJECTION_REASONS[0], "").expect("ok"), REJECTION_REASONS[0]);
        assert_eq!(rejection_reason("", "Too short").expect("ok"), "Too short");
    }

    #[test]
    fn emails_are_masked() {
        assert_eq!(mask_email("ada@example.org"), "a•••@example.org");
    }
}
