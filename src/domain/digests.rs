//! The topic digest: built once when a topic closes, from its approved submissions; queued to
//! every active subscriber in one transaction (one outbox row per subscriber, unique per
//! digest); held for an organiser when it would go out later than allowed; empty archives send
//! nothing.

use chrono::{DateTime, Duration, Utc};

use crate::db::deliveries::{Delivery, NewDelivery};
use crate::db::digests::{Digest, NewDigest};
use crate::db::submissions::Submission;
use crate::db::subscribers::Subscriber;
use crate::db::topics::Topic;
use crate::db::{write_transaction, AnyConnection};
use crate::error::AppError;

/// Stands in a digest's bodies for each subscriber's own unsubscribe address.
pub const UNSUBSCRIBE_PLACEHOLDER: &str = "%%UNSUBSCRIBE_URL%%";

/// A rendered digest.
pub struct DigestContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What the renderer gets: the topic, its approved entries (newest first), the next topic.
pub struct DigestSource<'a> {
    pub topic: &'a Topic,
    pub entries: &'a [Submission],
    pub next: Option<&'a Topic>,
}

/// The next announced topic after `topic` in the schedule.
pub fn next_topic(conn: &mut AnyConnection, topic: &Topic) -> Result<Option<Topic>, AppError> {
    Ok(Topic::all(conn, false)?.into_iter().find(|t| t.month > topic.month))
}

/// Renders a topic's digest without storing it (previews, and before it is built).
pub fn render_for(
    conn: &mut AnyConnection,
    topic: &Topic,
    render: &dyn Fn(&DigestSource<'_>) -> Result<DigestContent, String>,
) -> Result<(DigestContent, usize), AppError> {
    let entries = Submission::published_for_topic(conn, topic.id, None)?;
    let next = next_topic(conn, topic)?;
    let content =
        render(&DigestSource { topic, entries: &entries, next: next.as_ref() }).map_err(AppError::Internal)?;
    Ok((content, entries.len()))
}

/// Builds the digests of announced topics that have closed and have none yet. Fresh ones are
/// queued at once; those later than `max_delay` after closing wait for an organiser. Returns the
/// digests built.
pub fn build_due(
    conn: &mut AnyConnection,
    max_delay: Duration,
    host: &str,
    now: DateTime<Utc>,
    render: &dyn Fn(&DigestSource<'_>) -> Result<DigestContent, String>,
) -> Result<Vec<Digest>, AppError> {
    let mut built = Vec::new();
    for topic in Topic::all(conn, false)? {
        if topic.closes_at > now.naive_utc() || Digest::for_topic(conn, topic.id)?.is_some() {
            continue;
        }
        let (content, count) = render_for(conn, &topic, render)?;
        let status = if count == 0 { "empty" } else { "waiting" };
        let inserted = NewDigest {
            topic_id: topic.id,
            status,
            subject: &content.subject,
            body_text: &content.text,
            body_html: &content.html,
            built_at: now.naive_utc(),
        }
        .insert_once(conn)?;
        let Some(digest) = Digest::for_topic(conn, topic.id)? else { continue };
        if !inserted {
            continue;
        }
        let overdue = now.naive_utc() > topic.closes_at + max_delay;
        if status == "waiting" && !overdue {
            queue(conn, digest.id, host, now)?;
        } else if overdue && status == "waiting" {
            tracing::warn!(topic = %topic.slug, "digest is overdue; it waits for an organiser to send it");
        }
        built.push(Digest::by_id(conn, digest.id)?.unwrap_or(digest));
    }
    Ok(built)
}

/// Queues a built digest to every active subscriber, once. Returns the number of deliveries.
pub fn queue(conn: &mut AnyConnection, digest_id: i64, host: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    write_transaction(conn, |conn| {
        let digest = Digest::by_id(conn, digest_id)?.ok_or(AppError::NotFound)?;
        match digest.status.as_str() {
            "queued" | "sent" => return Err(AppError::Conflict("This digest has been sent already.".into())),
            "empty" => {
                return Err(AppError::Conflict("This topic has no approved entries; there is nothing to send.".into()))
            }
            _ => {}
        }
        let subscribers = Subscriber::active_ids(conn)?;
        let message_ids: Vec<String> =
            subscribers.iter().map(|(id, _)| format!("<digest-{digest_id}-{id}@{host}>")).collect();
        let rows: Vec<NewDelivery> = subscribers
            .iter()
            .zip(&message_ids)
            .map(|((id, email), message_id)| NewDelivery {
                kind: "digest",
                digest_id: Some(digest_id),
                subscriber_id: Some(*id),
                recipient: email,
                subject: &digest.subject,
                body_text: "",
                body_html: None,
                message_id,
                status: "queued",
                attempts: 0,
                next_attempt_at: now.naive_utc(),
                created_at: now.naive_utc(),
            })
            .collect();
        let inserted = NewDelivery::insert_all(conn, &rows)?;
        if !Digest::mark_queued(conn, digest_id, inserted as i32, now.naive_utc())? {
            return Err(AppError::Conflict("This digest has been sent already.".into()));
        }
        Ok(inserted)
    })
}

/// Marks queued digests whose deliveries have all finished as sent.
pub fn complete_finished(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut done = 0;
    for digest in Digest::queued(conn)? {
        if Delivery::outstanding_for_digest(conn, digest.id)? == 0 {
            done += Digest::mark_sent(conn, digest.id, now.naive_utc())?;
        }
    }
    Ok(done)
}

/// Whether the public may read the digest on the web.
pub fn is_public(digest: &Digest) -> bool {
    matches!(digest.status.as_str(), "queued" | "sent")
}

/// The topic's digest, built (and stored, unqueued) now if the worker has not yet.
pub fn ensure_built(
    conn: &mut AnyConnection,
    topic: &Topic,
    now: DateTime<Utc>,
    render: &dyn Fn(&DigestSource<'_>) -> Result<DigestContent, String>,
) -> Result<Digest, AppError> {
    if let Some(digest) = Digest::for_topic(conn, topic.id)? {
        return Ok(digest);
    }
    if topic.closes_at > now.naive_utc() {
        return Err(AppError::Conflict(format!(
            "“{}” is still open; its digest is built when it closes.",
            topic.title
        )));
    }
    let (content, count) = render_for(conn, topic, render)?;
    NewDigest {
        topic_id: topic.id,
        status: if count == 0 { "empty" } else { "waiting" },
        subject: &content.subject,
        body_text: &content.text,
        body_html: &content.html,
        built_at: now.naive_utc(),
    }
    .insert_once(conn)?;
    Digest::for_topic(conn, topic.id)?.ok_or(AppError::NotFound)
}

/// Active subscribers now: who a digest would go to.
pub fn audience(conn: &mut AnyConnection) -> Result<usize, AppError> {
    Ok(Subscriber::active_ids(conn)?.len())
}
