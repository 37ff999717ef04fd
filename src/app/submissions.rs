//! Members submit without an account: an entry on an open topic, confirmed from the link in
//! their email, changed or withdrawn while it waits for moderation. Approved entries have a
//! public permalink.

use super::limits;
use super::links::{self, LinkInfo};
use super::{outbox, App, Client};
use crate::crypto;
use crate::db::states::{SubmissionAction, SubmissionStatus};
use crate::db::submissions::{self as rows, ContentChanges, NewSubmission, Submission};
use crate::db::topics::Topic;
use crate::db::{is_unique_violation, AnyConnection};
use crate::domain::rate_limits::Use;
use crate::domain::submissions::{self as rules, SubmissionInput, ValidSubmission};
use crate::email::compose;
use crate::error::{AppError, Message};

/// The announced topic at exactly `slug` (submissions go to current addresses only).
pub fn public_topic(conn: &mut AnyConnection, slug: &str) -> Result<Topic, AppError> {
    match Topic::by_slug(conn, slug)? {
        Some(topic) if topic.announced => Ok(topic),
        _ => Err(AppError::NotFound),
    }
}

/// The topic a member is about to submit to.
pub async fn topic_for_form(app: &App, slug: String) -> Result<Topic, AppError> {
    app.read(move |_, conn| public_topic(conn, &slug)).await
}

/// What is wrong with an entry's fields, all at once (empty when nothing is).
pub fn field_errors(input: &SubmissionInput) -> crate::error::FieldErrors {
    input.validate().err().unwrap_or_default()
}

/// Where an entry came from: the web form (which has its honeypot and fill-time check) or the
/// JSON API (which has not, and so has lower limits of its own on top of the shared ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Form,
    Api,
}

/// The fields the linked page can fill in when the member leaves them empty.
const FILLABLE: [&str; 3] = ["title", "summary", "kind"];

/// The input with what the linked page says in the fields the member left empty.
fn filled(mut input: SubmissionInput, link: &LinkInfo) -> SubmissionInput {
    let found = &link.metadata;
    if input.title.trim().is_empty() {
        input.title = found.title.as_deref().map(|t| shorten(t, rules::MAX_TITLE_CHARS)).unwrap_or_default();
    }
    if input.summary.trim().is_empty() {
        input.summary = found.description.as_deref().map(|d| shorten(d, rules::MAX_SUMMARY_CHARS)).unwrap_or_default();
    }
    if input.kind.trim().is_empty() {
        input.kind = crate::domain::entries::kind_for(&link.canonical_url, found.kind.as_deref()).to_string();
    }
    input
}

/// At most `max` characters, cut at a word with an ellipsis when it had to be cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut.rfind(' ').filter(|i| *i > max / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Stores a member's entry as unconfirmed and queues the confirmation email, after the limits
/// per client address and per author address. The link is read first: its canonical form is
/// what the duplicate check compares, and what the page says fills the title, summary and kind
/// the member left empty (a link that cannot be read only leaves them to the member). Their
/// mail is written in `mail_language`, the language they read the site in.
pub async fn submit(
    app: &App,
    slug: String,
    input: SubmissionInput,
    client: &Client,
    channel: Channel,
    mail_language: &'static str,
) -> Result<Submission, AppError> {
    match input.validate() {
        Ok(_) => {}
        // Only fields the page may fill are missing: read the link first.
        Err(errors)
            if errors.keys().all(|k| FILLABLE.contains(&k.as_str()))
                && FILLABLE.iter().filter(|k| errors.contains_key(**k)).all(|k| blank(&input, k)) => {}
        Err(errors) => return Err(AppError::Validation(errors)),
    }
    let author = input.author_email.trim().to_lowercase();
    let mut checks = vec![];
    if channel == Channel::Api {
        checks.push((app.limits.api_submit_ip, client.ip.clone()));
        checks.push((app.limits.api_submit_email, author.clone()));
    }
    checks.push((app.limits.submit_ip, client.ip.clone()));
    checks.push((app.limits.submit_email, author));
    // A look first (no write), so that nobody over the limits makes the club fetch a link; the
    // tokens are taken in the one short transaction that stores the entry.
    limits::peek(app, checks.clone()).await?;
    let url = crate::domain::links::normalise_url(&input.url).map_err(|m| AppError::field("url", m))?;
    let link = links::inspect(app, &url).await;
    let entry = filled(input, &link).validate().map_err(AppError::Validation)?;
    let takes: Vec<_> = checks.into_iter().map(|(limit, key)| (limit, key, Use::Take)).collect();
    app.write(move |app, conn| {
        let submission = store(app, conn, &slug, entry, &link, mail_language)?;
        // Last, so that on PostgreSQL the buckets' rows stay locked only for the commit: every
        // submission from one address (or through one proxy) takes the same bucket.
        limits::apply_in(conn, app.now().naive_utc(), &takes)?;
        Ok(submission)
    })
    .await
}

fn blank(input: &SubmissionInput, field: &str) -> bool {
    match field {
        "title" => input.title.trim().is_empty(),
        "summary" => input.summary.trim().is_empty(),
        _ => input.kind.trim().is_empty(),
    }
}

fn store(
    app: &App,
    conn: &mut AnyConnection,
    slug: &str,
    entry: ValidSubmission,
    link: &LinkInfo,
    mail_language: &str,
) -> Result<Submission, AppError> {
    let now = app.now();
    let topic = public_topic(conn, slug)?;
    if let Some(reason) = rules::closed_reason(&topic, now) {
        return Err(AppError::Conflict(reason));
    }
    let urls = vec![entry.url.clone(), link.canonical_url.clone()];
    if !Submission::by_topic_and_urls(conn, topic.id, &urls)?.is_empty() {
        return Err(rules::duplicate_error());
    }
    let token = crypto::random_token();
    let mut submission = NewSubmission {
        public_id: &rules::new_public_id(),
        topic_id: topic.id,
        kind: entry.kind,
        title: &entry.title,
        url: &entry.url,
        summary: &entry.summary,
        author_name: &entry.author_name,
        author_email: &entry.author_email.key(),
        author_link: entry.author_link.as_deref(),
        status: SubmissionStatus::Unconfirmed,
        edit_token_hash: &crypto::token_hash(&token),
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        note: "",
        language: &entry.language,
        added_by: None,
        canonical_url: &link.canonical_url,
        thumbnail: link.thumbnail.as_deref(),
        mail_language,
    }
    .insert(conn)
    .map_err(|e| if is_unique_violation(&e) { rules::duplicate_error() } else { AppError::from(e) })?;
    submission.author_id = super::authors::attach(
        conn,
        submission.id,
        // A member's link is theirs to give only once an organiser publishes it (see
        // `moderation`); a stranger's submission must not set an author's website.
        (&submission.author_name, None),
        now.naive_utc(),
    )?;
    rows::record_event(conn, submission.id, SubmissionAction::Submitted, None, None, now.naive_utc())?;
    let mail = compose::submission_confirmation(&app.renderer, &app.settings, &submission, &topic, &token)
        .map_err(AppError::Internal)?;
    outbox::enqueue(conn, &mail, &app.host(), now)?;
    Ok(submission)
}

pub use crate::domain::submissions::{closed_reason, is_editable};

/// The public address of the published entry that already has this link (as typed), if any.
pub async fn published_duplicate(app: &App, topic_id: i64, url: &str) -> Result<Option<String>, AppError> {
    let Ok(url) = crate::domain::links::normalise_url(url) else { return Ok(None) };
    let urls = vec![crate::domain::links::canonical(&url), url];
    let found =
        app.read(move |_, conn| Ok(Submission::by_topic_and_urls(conn, topic_id, &urls)?.into_iter().next())).await?;
    Ok(found.filter(|s| s.status == SubmissionStatus::Approved).map(|s| format!("/submissions/{}", s.public_id)))
}

/// What the live duplicate check tells a member about a link.
pub struct LinkCheck {
    pub url: String,
    pub exists: bool,
    /// The public address of the entry, when it is published.
    pub entry: Option<String>,
}

/// Whether a link is already in for this topic.
pub async fn check_link(app: &App, slug: String, url: &str) -> Result<LinkCheck, AppError> {
    let url = crate::domain::links::normalise_url(url).map_err(|m| AppError::field("url", m))?;
    let lookup = vec![url.clone(), crate::domain::links::canonical(&url)];
    let found = app
        .read(move |_, conn| {
            let topic = public_topic(conn, &slug)?;
            Ok(Submission::by_topic_and_urls(conn, topic.id, &lookup)?.into_iter().next())
        })
        .await?;
    let entry = found
        .as_ref()
        .filter(|s| s.status == SubmissionStatus::Approved)
        .map(|s| format!("{}/submissions/{}", app.settings.club.base(), s.public_id));
    Ok(LinkCheck { url, exists: found.is_some(), entry })
}

/// The submission behind a private link, when the token fits.
fn with_token(conn: &mut AnyConnection, public_id: &str, token: &str) -> Result<Submission, AppError> {
    let submission = Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)?;
    if token.is_empty()
        || !crypto::constant_time_eq(crypto::token_hash(token).as_bytes(), submission.edit_token_hash.as_bytes())
    {
        return Err(AppError::Forbidden(Message::new("refused-private-link-invalid")));
    }
    Ok(submission)
}

/// The author's view of their entry through the private link.
pub async fn private(app: &App, public_id: String, token: String) -> Result<(Submission, Topic), AppError> {
    app.read(move |_, conn| {
        let submission = with_token(conn, &public_id, &token)?;
        let topic = Topic::by_id(conn, submission.topic_id)?.ok_or(AppError::NotFound)?;
        Ok((submission, topic))
    })
    .await
}

/// The author confirms: unconfirmed becomes pending. Confirming twice is harmless.
pub async fn confirm(app: &App, public_id: String, token: String) -> Result<Submission, AppError> {
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let submission = with_token(conn, &public_id, &token)?;
        let from = [SubmissionStatus::Unconfirmed];
        if Submission::transition(conn, submission.id, &from, SubmissionStatus::Pending, now)? {
            Submission::mark_confirmed(conn, submission.id, now)?;
            rows::record_event(conn, submission.id, SubmissionAction::Confirmed, None, None, now)?;
            if let Some(topic) = Topic::by_id(conn, submission.topic_id)? {
                super::notify::emit(app, conn, &super::notify::entry_pending(app, &submission, &topic))?;
            }
        } else if submission.status == SubmissionStatus::Withdrawn {
            return Err(AppError::Conflict(Message::new("refused-submission-withdrawn")));
        }
        Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// The author changes their entry while it waits for moderation. The address the confirmation
/// went to stays the author's.
pub async fn edit(app: &App, public_id: String, token: String, input: SubmissionInput) -> Result<Submission, AppError> {
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let submission = with_token(conn, &public_id, &token)?;
        let input = SubmissionInput { author_email: submission.author_email.clone(), ..input };
        let entry = input.validate().map_err(AppError::Validation)?;
        if !rules::is_editable(submission.status) {
            return Err(rules::not_editable(submission.status, rules::AuthorChange::Edit));
        }
        let urls = vec![entry.url.clone(), crate::domain::links::canonical(&entry.url)];
        if Submission::by_topic_and_urls(conn, submission.topic_id, &urls)?.iter().any(|o| o.id != submission.id) {
            return Err(rules::duplicate_error());
        }
        let canonical = crate::domain::links::canonical(&entry.url);
        let changes = ContentChanges {
            kind: entry.kind,
            title: &entry.title,
            url: &entry.url,
            canonical_url: &canonical,
            summary: &entry.summary,
            author_name: &entry.author_name,
            author_link: entry.author_link.as_deref(),
            language: &entry.language,
            updated_at: now,
        };
        Submission::update_content(conn, submission.id, &changes).map_err(|e| {
            if is_unique_violation(&e) {
                rules::duplicate_error()
            } else {
                AppError::from(e)
            }
        })?;
        super::authors::attach(conn, submission.id, (&entry.author_name, None), now)?;
        rows::record_event(conn, submission.id, SubmissionAction::Edited, None, None, now)?;
        Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// The author withdraws while it waits for moderation.
pub async fn withdraw(app: &App, public_id: String, token: String) -> Result<Submission, AppError> {
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let submission = with_token(conn, &public_id, &token)?;
        let from = [SubmissionStatus::Unconfirmed, SubmissionStatus::Pending];
        if !Submission::transition(conn, submission.id, &from, SubmissionStatus::Withdrawn, now)? {
            return Err(rules::not_editable(submission.status, rules::AuthorChange::Withdraw));
        }
        rows::record_event(conn, submission.id, SubmissionAction::Withdrawn, None, None, now)?;
        Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// A published entry and its topic, for its public page.
pub async fn permalink(app: &App, public_id: String) -> Result<(Submission, Topic), AppError> {
    let (submission, topic) = app
        .read(move |_, conn| {
            let submission = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
            let topic = Topic::by_id(conn, submission.topic_id)?.ok_or(AppError::NotFound)?;
            Ok((submission, topic))
        })
        .await?;
    if !rules::is_public(submission.status, &topic) {
        return Err(AppError::NotFound);
    }
    Ok((submission, topic))
}

/// Removes submissions nobody confirmed within the configured hours; returns how many.
pub fn expire_unconfirmed(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let hours = i64::from(app.settings.submissions.unconfirmed_expiry_hours);
    let cutoff = (app.now() - chrono::Duration::hours(hours)).naive_utc();
    let ids = Submission::unconfirmed_before(conn, cutoff)?;
    if ids.is_empty() {
        return Ok(0);
    }
    Ok(Submission::delete(conn, &ids)?)
}
