//! The topic digest: built once when a topic closes, from its approved entries; queued to every
//! active subscriber in one transaction (one outbox row per subscriber, unique per digest);
//! previewed, tested and sent by organisers; readable on the web once it went out.

use std::collections::HashMap;

use chrono::Duration;

use super::{outbox, App};
use crate::db::deliveries::{Delivery, NewDelivery};
use crate::db::digests::{Digest, NewDigest, Progress};
use crate::db::roundups::Roundup;
use crate::db::states::{DeliveryKind, DeliveryStatus, DigestStatus};
use crate::db::submissions::Submission;
use crate::db::subscribers::Subscriber;
use crate::db::topics::Topic;
use crate::db::translations::DigestEdition;
use crate::db::AnyConnection;
use crate::domain::digests as rules;
pub use crate::domain::digests::{can_send, is_public};
use crate::domain::roundups as roundup_rules;
use crate::domain::EmailAddress;
use crate::email::compose::{self, DigestContent, DigestSource};
use crate::error::{AppError, Message};

/// The next announced topic after `topic` in the schedule.
fn next_topic(conn: &mut AnyConnection, topic: &Topic) -> Result<Option<Topic>, AppError> {
    Ok(Topic::all(conn, false)?.into_iter().find(|t| t.month > topic.month))
}

/// Renders a topic's digest in `lang` as it would go out now, without storing it: the published
/// round-up's introduction first, then the entries in the organiser's order.
fn render(app: &App, conn: &mut AnyConnection, topic: &Topic, lang: &str) -> Result<(DigestContent, usize), AppError> {
    let entries = Submission::published_for_topic(conn, topic.id, None)?;
    let next = next_topic(conn, topic)?;
    let roundup = Roundup::for_topic(conn, topic.id)?.filter(|r| r.published_at.is_some());
    let source = DigestSource {
        topic,
        entries: &entries,
        next: next.as_ref(),
        intro: roundup.as_ref().map(|r| r.intro.as_str()),
    };
    let content = compose::digest(&app.renderer, &app.settings, lang, &source).map_err(AppError::Internal)?;
    Ok((content, entries.len()))
}

/// A digest as an organiser previews it.
pub struct Preview {
    pub topic: Topic,
    pub content: DigestContent,
    pub entries: usize,
    pub audience: usize,
    pub status: Option<DigestStatus>,
}

/// The digest of a topic as it would go out now, and to how many.
pub async fn preview(app: &App, slug: String) -> Result<Preview, AppError> {
    app.read(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let (content, entries) = render(app, conn, &topic, app.renderer.catalog().default_language())?;
        let status = Digest::for_topic(conn, topic.id)?.map(|d| d.status);
        let audience = Subscriber::active_ids(conn)?.len();
        Ok(Preview { topic, content, entries, audience, status })
    })
    .await
}

/// One row of the organisers' digest overview.
pub struct DigestRow {
    pub topic: Topic,
    pub digest: Option<Digest>,
    pub progress: Progress,
}

/// Every closed topic's digest and its delivery progress, newest first, and the audience.
pub async fn overview(app: &App) -> Result<(Vec<DigestRow>, usize), AppError> {
    app.read(|app, conn| {
        let now = app.now().naive_utc();
        let digests = Digest::all(conn)?;
        let progress = Digest::progress_of(conn, &digests.iter().map(|d| d.id).collect::<Vec<_>>())?;
        let rows = Topic::all(conn, false)?
            .into_iter()
            .rev()
            .filter(|t| t.closes_at <= now)
            .map(|topic| {
                let digest = digests.iter().find(|d| d.topic_id == topic.id).cloned();
                let progress = digest.as_ref().and_then(|d| progress.get(&d.id)).copied().unwrap_or_default();
                DigestRow { topic, digest, progress }
            })
            .collect();
        Ok((rows, Subscriber::active_ids(conn)?.len()))
    })
    .await
}

/// The topic's digest, built (and stored, unqueued) now if the worker has not yet.
fn ensure_built(app: &App, conn: &mut AnyConnection, topic: &Topic) -> Result<Digest, AppError> {
    if let Some(digest) = Digest::for_topic(conn, topic.id)? {
        return Ok(digest);
    }
    rules::check_closed(topic, app.now())?;
    let (content, count) = render(app, conn, topic, app.renderer.catalog().default_language())?;
    NewDigest {
        topic_id: topic.id,
        status: rules::initial_status(count),
        subject: &content.subject,
        body_text: &content.text,
        body_html: &content.html,
        built_at: app.now().naive_utc(),
    }
    .insert_once(conn)?;
    Digest::for_topic(conn, topic.id)?.ok_or(AppError::NotFound)
}

/// The subject of `digest` in each language its subscribers read, building (once) the editions
/// in languages other than the digest's own. A digest is written once per language.
fn editions(
    app: &App,
    conn: &mut AnyConnection,
    digest: &Digest,
    languages: impl Iterator<Item = &'static str>,
) -> Result<HashMap<&'static str, String>, AppError> {
    let own = app.renderer.catalog().default_language();
    let mut subjects = HashMap::from([(own, digest.subject.clone())]);
    for lang in languages {
        if subjects.contains_key(lang) {
            continue;
        }
        let subject = match DigestEdition::find(conn, digest.id, lang)? {
            Some(edition) => edition.subject,
            None => {
                let topic = Topic::by_id(conn, digest.topic_id)?.ok_or(AppError::NotFound)?;
                let (content, _) = render(app, conn, &topic, lang)?;
                let now = app.now().naive_utc();
                DigestEdition::insert_once(conn, digest.id, lang, &content.subject, &content.text, &content.html, now)?;
                content.subject
            }
        };
        subjects.insert(lang, subject);
    }
    Ok(subjects)
}

/// Queues a built digest to every active subscriber, once, each in their language. Returns the
/// number of deliveries.
fn queue(app: &App, conn: &mut AnyConnection, digest: &Digest) -> Result<usize, AppError> {
    rules::check_sendable(digest.status)?;
    let now = app.now().naive_utc();
    let host = app.host();
    let own = app.renderer.catalog().default_language();
    let subscribers: Vec<(i64, String, &'static str)> = Subscriber::active_with_language(conn)?
        .into_iter()
        .map(|(id, email, lang)| (id, email, crate::i18n::chosen(&lang).unwrap_or(own)))
        .collect();
    let subjects = editions(app, conn, digest, subscribers.iter().map(|(_, _, lang)| *lang))?;
    let message_ids: Vec<String> =
        subscribers.iter().map(|(id, _, _)| format!("<digest-{}-{id}@{host}>", digest.id)).collect();
    let rows: Vec<NewDelivery> = subscribers
        .iter()
        .zip(&message_ids)
        .map(|((id, email, lang), message_id)| NewDelivery {
            kind: DeliveryKind::Digest,
            digest_id: Some(digest.id),
            subscriber_id: Some(*id),
            recipient: email,
            subject: subjects.get(lang).unwrap_or(&digest.subject),
            language: lang,
            body_text: "",
            body_html: None,
            message_id,
            status: DeliveryStatus::Queued,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            request_id: crate::context::request_id(),
        })
        .collect();
    let inserted = NewDelivery::insert_all(conn, &rows)?;
    if !Digest::mark_queued(conn, digest.id, inserted as i32, now)? {
        return Err(AppError::Conflict(Message::new("refused-digest-already-sent")));
    }
    Ok(inserted)
}

/// An organiser sends a topic's digest now (building it first if needed). Returns the number of
/// deliveries queued.
pub async fn send(app: &App, slug: String) -> Result<usize, AppError> {
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.filter(|t| t.announced).ok_or(AppError::NotFound)?;
        let digest = ensure_built(app, conn, &topic)?;
        queue(app, conn, &digest)
    })
    .await
}

/// Sends the digest once to one address, marked as a test.
pub async fn send_test(app: &App, slug: String, email: String) -> Result<Digest, AppError> {
    let to = EmailAddress::parse(&email).map_err(|m| AppError::field("email", m))?;
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let digest = ensure_built(app, conn, &topic)?;
        let mail = compose::digest_test(&app.renderer, &app.settings, &digest, to.as_str());
        outbox::enqueue(conn, &mail, &app.host(), app.now())?;
        Ok(digest)
    })
    .await
}

/// A sent digest as the public reads it on the web: the topic, its entries and the next topic.
pub struct WebView {
    pub subject: String,
    pub topic: Topic,
    pub entries: Vec<Submission>,
    pub next: Option<Topic>,
    /// The published round-up's introduction.
    pub intro: Option<String>,
}

pub async fn web_view(app: &App, slug: String) -> Result<WebView, AppError> {
    app.read(move |_, conn| {
        let topic = super::submissions::public_topic(conn, &slug)?;
        let digest = Digest::for_topic(conn, topic.id)?.ok_or(AppError::NotFound)?;
        if !rules::is_public(digest.status) {
            return Err(AppError::NotFound);
        }
        let entries = Submission::published_for_topic(conn, topic.id, None)?;
        let next = next_topic(conn, &topic)?;
        let intro = Roundup::for_topic(conn, topic.id)?.filter(|r| r.published_at.is_some()).map(|r| r.intro);
        Ok(WebView { subject: digest.subject, topic, entries, next, intro })
    })
    .await
}

/// Builds the digests of announced topics that have closed and have none yet. Fresh ones are
/// queued at once, in the same transaction; those later than allowed after closing wait for an
/// organiser. A topic whose round-up is still a draft is left for a later round, until it is
/// published or the digest would be late. Returns the digests built.
pub fn build_due(app: &App, conn: &mut AnyConnection) -> Result<Vec<Digest>, AppError> {
    let now = app.now();
    let max_delay = Duration::hours(i64::from(app.settings.digest.max_delay_hours));
    let mut built = Vec::new();
    for topic in Topic::all(conn, false)? {
        if !rules::is_due(&topic, now) || Digest::for_topic(conn, topic.id)?.is_some() {
            continue;
        }
        let overdue = rules::is_overdue(&topic, max_delay, now);
        if !overdue && roundup_rules::digest_waits(Roundup::for_topic(conn, topic.id)?.as_ref()) {
            continue;
        }
        let (content, count) = render(app, conn, &topic, app.renderer.catalog().default_language())?;
        let status = rules::initial_status(count);
        let new = NewDigest {
            topic_id: topic.id,
            status,
            subject: &content.subject,
            body_text: &content.text,
            body_html: &content.html,
            built_at: now.naive_utc(),
        };
        if !new.insert_once(conn)? {
            continue;
        }
        let Some(digest) = Digest::for_topic(conn, topic.id)? else { continue };
        if status == DigestStatus::Waiting && !overdue {
            queue(app, conn, &digest)?;
        } else if status == DigestStatus::Waiting {
            tracing::warn!(topic = %topic.slug, "digest is overdue; it waits for an organiser to send it");
        }
        built.push(Digest::by_id(conn, digest.id)?.unwrap_or(digest));
    }
    Ok(built)
}

/// Queues digests left waiting although they are not late: built, but not queued, by an earlier
/// version that did the two in separate transactions and stopped between them. The next round
/// finishes what that one started; late ones keep waiting for an organiser.
pub fn finish_waiting(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let now = app.now();
    let max_delay = Duration::hours(i64::from(app.settings.digest.max_delay_hours));
    let mut queued = 0;
    for digest in Digest::with_status(conn, DigestStatus::Waiting)? {
        let Some(topic) = Topic::by_id(conn, digest.topic_id)? else { continue };
        if topic.announced && !rules::is_overdue(&topic, max_delay, now) {
            queued += queue(app, conn, &digest)?;
        }
    }
    Ok(queued)
}

/// Marks queued digests whose deliveries have all finished as sent.
pub fn complete_finished(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let mut done = 0;
    for digest in Digest::queued(conn)? {
        if Delivery::outstanding_for_digest(conn, digest.id)? == 0 {
            done += Digest::mark_sent(conn, digest.id, app.now().naive_utc())?;
            if let Some(topic) = Topic::by_id(conn, digest.topic_id)? {
                let p = Digest::progress(conn, digest.id)?;
                let event =
                    super::notify::digest_sent(app, &topic, digest.id, i64::from(digest.recipients), p.sent, p.failed);
                super::notify::emit(app, conn, &event)?;
            }
        }
    }
    Ok(done)
}

/// A topic's digest, if it is built.
pub async fn of_topic(app: &App, topic_id: i64) -> Result<Option<Digest>, AppError> {
    app.read(move |_, conn| Ok(Digest::for_topic(conn, topic_id)?)).await
}

/// Marks digests whose deliveries have all finished as sent.
pub async fn finish(app: &App) -> Result<usize, AppError> {
    app.write_unseen(complete_finished).await
}

/// How far a digest's delivery has come.
pub async fn progress(app: &App, digest_id: i64) -> Result<Progress, AppError> {
    app.read(move |_, conn| Ok(Digest::progress(conn, digest_id)?)).await
}
