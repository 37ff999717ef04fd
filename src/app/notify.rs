//! Telling the club's channels: destinations (chat webhooks and signed generic webhooks) that
//! organisers manage, events written to an outbox in the same transaction as the change that
//! caused them (one row per destination, unique per event key, so nothing is queued twice and
//! nothing is sent for a change that rolled back), and a sender that delivers them under a lease
//! with back-off, honouring `Retry-After`, pausing a destination that has failed for a day.
//!
//! Delivery guarantee: a notification is marked sent only after the receiver answered 2xx. A
//! sender killed between that answer and the mark leaves it claimed; when its lease
//! (`notifications.lease_seconds`) runs out another sender delivers it again. That window — the
//! requests in flight at the instant of the kill, at most `notifications.batch_size` — is the only
//! way an event arrives twice; receivers can tell by the unchanged `webhook-id`.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use super::organisers::audit;
use super::App;
use crate::crypto;
use crate::db::destinations::{
    Attempt, Destination, DestinationChanges, NewDestination, NewNotification, Notification,
};
use crate::db::organisers::Organiser;
use crate::db::states::{AttemptOutcome, DestinationKind, EventKind, NotificationStatus};
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::db::AnyConnection;
pub use crate::domain::notifications::CHOOSABLE;
use crate::domain::notifications::{self as rules, Answer, DestinationInput};
use crate::error::{AppError, Message};
use crate::outbound::Posted;
use crate::render::{dates, markdown, notifications as chat};

/// An event, as the generic webhook receives it (`{"type", "timestamp", "data"}`).
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    /// Makes it one event: a destination gets each key once.
    pub key: String,
    pub data: Value,
}

impl Event {
    fn payload(&self, at: DateTime<Utc>) -> String {
        json!({"type": self.kind.as_str(), "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "data": self.data})
            .to_string()
    }
}

fn message_id() -> String {
    format!("msg_{}", crypto::random_token().replace(['-', '_'], "").chars().take(26).collect::<String>())
}

/// Queues `event` for every active destination that receives it (and, for reminders, whose
/// reminder it is), in the caller's transaction.
pub fn emit(app: &App, conn: &mut AnyConnection, event: &Event) -> Result<usize, AppError> {
    let now = app.now();
    let payload = event.payload(now);
    let mut queued = 0;
    for destination in Destination::all(conn)?.into_iter().filter(|d| d.event_kinds().contains(&event.kind)) {
        let row = NewNotification {
            destination_id: destination.id,
            event: event.kind,
            event_key: &event.key,
            message_id: &message_id(),
            payload: &payload,
            status: NotificationStatus::Queued,
            next_attempt_at: now.naive_utc(),
            created_at: now.naive_utc(),
            request_id: crate::context::request_id(),
        };
        queued += usize::from(row.insert_once(conn)?);
    }
    Ok(queued)
}

// ---- what each event says ----

fn topic_data(app: &App, topic: &Topic) -> Value {
    let base = app.settings.club.base();
    let utc = crate::render::views::utc;
    json!({
        "slug": topic.slug, "month": topic.month, "title": topic.title,
        "summary": markdown::to_plain_text(&topic.summary),
        "url": format!("{base}/topics/{}", topic.slug), "submit_url": format!("{base}/topics/{}/submit", topic.slug),
        "opens_at": utc(topic.opens_at).to_rfc3339(), "closes_at": utc(topic.closes_at).to_rfc3339(),
        "opens": dates::iso(utc(topic.opens_at)), "closes": dates::iso(utc(topic.closes_at)),
    })
}

fn envelope(app: &App, url: String, mut data: Value) -> Value {
    data["club"] = json!(app.settings.club.name);
    data["url"] = json!(url);
    data
}

/// A topic was announced.
pub fn topic_announced(app: &App, topic: &Topic) -> Event {
    let topic_json = topic_data(app, topic);
    let url = topic_json["url"].as_str().unwrap_or_default().to_owned();
    Event {
        kind: EventKind::TopicAnnounced,
        key: format!("topic.announced:{}", topic.id),
        data: envelope(app, url, json!({"topic": topic_json})),
    }
}

fn entry_data(app: &App, entry: &Submission, topic: &Topic) -> Value {
    let base = app.settings.club.base();
    json!({
        "id": entry.public_id, "title": entry.title, "kind": entry.kind.as_str(), "link": entry.url,
        "author_name": entry.author_name, "note": entry.note, "language": entry.language,
        "permalink": format!("{base}/submissions/{}", entry.public_id),
        "topic": topic.slug, "topic_title": topic.title, "topic_url": format!("{base}/topics/{}", topic.slug),
    })
}

/// An entry waits for moderation (never with its author's address).
pub fn entry_pending(app: &App, entry: &Submission, topic: &Topic) -> Event {
    let queue = format!("{}/admin/submissions?status=pending&topic={}", app.settings.club.base(), topic.slug);
    let mut data = json!({"entry": entry_data(app, entry, topic), "queue_url": queue});
    data["entry"]["author_name"] = json!("");
    Event {
        kind: EventKind::EntryPending,
        key: format!("entry.pending:{}", entry.public_id),
        data: envelope(app, queue, data),
    }
}

/// An entry was published.
pub fn entry_published(app: &App, entry: &Submission, topic: &Topic) -> Event {
    let data = json!({"entry": entry_data(app, entry, topic)});
    let url = data["entry"]["permalink"].as_str().unwrap_or_default().to_owned();
    Event {
        kind: EventKind::EntryPublished,
        key: format!("entry.published:{}", entry.public_id),
        data: envelope(app, url, data),
    }
}

/// A round-up was published (again, after being taken back: another event).
pub fn roundup_published(app: &App, topic: &Topic, intro: &str, published_at: chrono::NaiveDateTime) -> Event {
    let url = format!("{}/topics/{}/roundup", app.settings.club.base(), topic.slug);
    let intro = chat::truncate(&markdown::to_plain_text(intro), 600);
    let data = json!({"topic": topic_data(app, topic), "roundup_url": url, "intro": intro});
    Event {
        kind: EventKind::RoundupPublished,
        key: format!("roundup.published:{}:{}", topic.id, published_at.and_utc().timestamp()),
        data: envelope(app, url, data),
    }
}

/// A digest finished going out.
pub fn digest_sent(app: &App, topic: &Topic, digest_id: i64, recipients: i64, sent: i64, failed: i64) -> Event {
    let web_view = format!("{}/topics/{}/digest", app.settings.club.base(), topic.slug);
    let data = json!({"topic": topic_data(app, topic), "recipients": recipients, "sent": sent, "failed": failed, "web_view": web_view});
    Event { kind: EventKind::DigestSent, key: format!("digest.sent:{digest_id}"), data: envelope(app, web_view, data) }
}

/// A link in the archive died.
pub fn link_broken(app: &App, entry: &Submission, topic: &Topic) -> Event {
    let dashboard = format!("{}/admin", app.settings.club.base());
    let data = json!({"entry": entry_data(app, entry, topic), "dashboard_url": dashboard});
    let when = entry.link_checked_at.map(|t| t.and_utc().timestamp()).unwrap_or_default();
    Event {
        kind: EventKind::LinkBroken,
        key: format!("link.broken:{}:{when}", entry.public_id),
        data: envelope(app, dashboard, data),
    }
}

/// The time-based events that fell due: topics that opened, and each destination's reminder
/// N days before a topic closes. Each is queued once per destination, however many workers look
/// and however often (the key makes it one event); a restart changes nothing.
pub fn queue_time_events(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let now = app.now();
    let destinations = Destination::all(conn)?;
    let wants = |kind| destinations.iter().any(|d| d.event_kinds().contains(&kind));
    if !wants(EventKind::TopicOpened) && !wants(EventKind::TopicClosingSoon) {
        return Ok(0);
    }
    let mut queued = 0;
    for topic in Topic::all(conn, false)? {
        if rules::has_opened(&topic, now) && wants(EventKind::TopicOpened) {
            let data = json!({"topic": topic_data(app, &topic)});
            let url = data["topic"]["submit_url"].as_str().unwrap_or_default().to_owned();
            let event = Event {
                kind: EventKind::TopicOpened,
                key: format!("topic.opened:{}", topic.id),
                data: envelope(app, url, data),
            };
            queued += emit(app, conn, &event)?;
        }
        for destination in destinations.iter().filter(|d| d.event_kinds().contains(&EventKind::TopicClosingSoon)) {
            let days = destination.reminder_days.unwrap_or(3);
            if !rules::reminder_due(&topic, days, app.tz(), now) {
                continue;
            }
            let entries =
                Submission::count_for_topic(conn, topic.id, Some(crate::db::states::SubmissionStatus::Approved))?;
            let days_left = ((topic.closes_at - now.naive_utc()).num_hours() + 23) / 24;
            let data = json!({"topic": topic_data(app, &topic), "days_left": days_left.max(1), "entries": entries, "reminder_days": days});
            let url = data["topic"]["submit_url"].as_str().unwrap_or_default().to_owned();
            let row = NewNotification {
                destination_id: destination.id,
                event: EventKind::TopicClosingSoon,
                event_key: &format!("topic.closing_soon:{}:{days}", topic.id),
                message_id: &message_id(),
                payload: &Event {
                    kind: EventKind::TopicClosingSoon,
                    key: String::new(),
                    data: envelope(app, url, data),
                }
                .payload(now),
                status: NotificationStatus::Queued,
                next_attempt_at: now.naive_utc(),
                created_at: now.naive_utc(),
                request_id: crate::context::request_id(),
            };
            queued += usize::from(row.insert_once(conn)?);
        }
    }
    Ok(queued)
}

// ---- sending ----

/// What a round of sending did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Sent {
    pub fn handled(&self) -> usize {
        self.delivered + self.retried + self.failed
    }
}

/// The request a destination gets for a notification: its body and headers (the Standard
/// Webhooks headers and signature for a generic webhook).
fn request(
    app: &App,
    destination: &Destination,
    notification: &Notification,
    now: DateTime<Utc>,
) -> Result<(String, Vec<(String, String)>), AppError> {
    let event: Value = serde_json::from_str(&notification.payload).map_err(|e| AppError::internal(e.to_string()))?;
    let message = chat::chat_message(&app.renderer, notification.event, &destination.language, &event["data"])
        .map_err(AppError::Internal)?;
    let body = chat::body(destination.kind, &message, &notification.payload);
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if let Some(id) = &notification.request_id {
        headers.push(("x-request-id".into(), id.clone()));
    }
    if destination.kind == DestinationKind::Webhook {
        let timestamp = now.timestamp();
        let mut signatures = Vec::new();
        let previous = destination
            .previous_secret
            .as_deref()
            .filter(|_| destination.previous_secret_until.is_some_and(|t| t > now.naive_utc()));
        for secret in destination.secret.iter().map(String::as_str).chain(previous) {
            signatures.extend(crypto::webhook_signature(secret, &notification.message_id, timestamp, body.as_bytes()));
        }
        headers.push(("webhook-id".into(), notification.message_id.clone()));
        headers.push(("webhook-timestamp".into(), timestamp.to_string()));
        headers.push(("webhook-signature".into(), signatures.join(" ")));
    }
    Ok((body, headers))
}

/// One attempt: the answer, recorded in the log.
async fn attempt(
    app: &App,
    destination: &Destination,
    notification: &Notification,
) -> Result<(Answer, Option<u16>, String), AppError> {
    let now = app.now();
    let (body, headers) = request(app, destination, notification, now)?;
    let started = Instant::now();
    let posted = app.outbound.post(&destination.url, body.into_bytes(), &headers).await;
    let base = Duration::seconds(i64::from(app.settings.notifications.retry_base_seconds));
    let (status, retry_after, response) = match &posted {
        Ok(Posted { status, retry_after, excerpt }) => {
            (Some(*status), retry_after.as_deref().and_then(|h| rules::retry_after(h, now)), excerpt.clone())
        }
        Err(err) => (None, None, err.to_string()),
    };
    let mut answer = rules::answer(status, retry_after, notification.attempts.max(1), base);
    if notification.attempts >= app.settings.notifications.max_attempts as i32
        && matches!(answer, Answer::RetryAfter(_))
    {
        answer = Answer::Refused;
    }
    let outcome = match answer {
        Answer::Delivered => AttemptOutcome::Delivered,
        Answer::RetryAfter(_) => AttemptOutcome::Retry,
        Answer::Refused => AttemptOutcome::Failed,
    };
    let log = Attempt {
        id: 0,
        notification_id: notification.id,
        destination_id: destination.id,
        event: notification.event,
        at: now.naive_utc(),
        status_code: status.map(i32::from),
        outcome,
        response: response.clone(),
        duration_ms: started.elapsed().as_millis().min(i32::MAX as u128) as i32,
    };
    app.write_unseen(move |_, conn| Ok(log.insert(conn)?)).await?;
    Ok((answer, status, response))
}

/// Claims due notifications under a lease and delivers them, several at a time.
pub async fn deliver_batch(app: &App) -> Result<Sent, AppError> {
    let settings = &app.settings.notifications;
    let claim = crypto::random_token();
    let now = app.now().naive_utc();
    let lease = now + Duration::seconds(i64::from(settings.lease_seconds));
    let limit = i64::from(settings.batch_size);
    let (claimed, destinations) = {
        let claim = claim.clone();
        app.write_unseen(move |_, conn| {
            Ok((Notification::claim_due(conn, &claim, now, lease, limit)?, Destination::all(conn)?))
        })
        .await?
    };
    let mut tasks = tokio::task::JoinSet::new();
    for notification in claimed {
        let Some(destination) = destinations.iter().find(|d| d.id == notification.destination_id).cloned() else {
            continue;
        };
        let (app, claim) = (app.clone(), claim.clone());
        tasks.spawn(async move { deliver_one(&app, &destination, &notification, &claim).await });
    }
    let mut sent = Sent::default();
    while let Some(done) = tasks.join_next().await {
        match done.map_err(|e| AppError::internal(e.to_string()))?? {
            AttemptOutcome::Delivered => sent.delivered += 1,
            AttemptOutcome::Retry => sent.retried += 1,
            AttemptOutcome::Failed => sent.failed += 1,
        }
    }
    let cutoff = (app.now() - Duration::hours(i64::from(settings.pause_after_hours))).naive_utc();
    let at = app.now().naive_utc();
    let paused = app.write_unseen(move |_, conn| Ok(Destination::pause_failing_since(conn, cutoff, at)?)).await?;
    for id in paused {
        tracing::warn!(destination = id, "a notification destination failed for a day and is paused");
    }
    Ok(sent)
}

async fn deliver_one(
    app: &App,
    destination: &Destination,
    notification: &Notification,
    claim: &str,
) -> Result<AttemptOutcome, AppError> {
    use tracing::Instrument;
    let request = notification.request_id.clone().unwrap_or_default();
    let span =
        tracing::info_span!("notification", id = notification.id, destination = destination.id, request_id = %request);
    let (answer, status, response) = attempt(app, destination, notification).instrument(span.clone()).await?;
    span.in_scope(|| tracing::info!(event = %notification.event, status = ?status, "notification attempted"));
    let (id, destination_id, claim) = (notification.id, destination.id, claim.to_owned());
    let now = app.now();
    app.write_unseen(move |_, conn| {
        Ok(match answer {
            Answer::Delivered => {
                Notification::finish(conn, id, &claim, NotificationStatus::Sent, None, now.naive_utc())?;
                Destination::record_success(conn, destination_id)?;
                AttemptOutcome::Delivered
            }
            Answer::RetryAfter(seconds) => {
                Notification::retry_at(conn, id, &claim, (now + Duration::seconds(seconds)).naive_utc(), &response)?;
                Destination::record_failure(conn, destination_id, now.naive_utc())?;
                AttemptOutcome::Retry
            }
            Answer::Refused => {
                Notification::finish(conn, id, &claim, NotificationStatus::Failed, Some(&response), now.naive_utc())?;
                Destination::record_failure(conn, destination_id, now.naive_utc())?;
                AttemptOutcome::Failed
            }
        })
    })
    .await
}

// ---- destinations, for organisers ----

/// A destination, and its signing secret when it was just made (shown this once).
#[derive(Debug, Clone)]
pub struct Created {
    pub destination: Destination,
    pub secret: Option<String>,
}

pub async fn list(app: &App) -> Result<Vec<Destination>, AppError> {
    app.read(|_, conn| Ok(Destination::all(conn)?)).await
}

pub async fn get(app: &App, id: i64) -> Result<Destination, AppError> {
    app.read(move |_, conn| Destination::by_id(conn, id)?.ok_or(AppError::NotFound)).await
}

/// An organiser adds a destination; a generic webhook gets a signing secret.
pub async fn add(app: &App, actor: Option<&Organiser>, input: DestinationInput) -> Result<Created, AppError> {
    let valid = input.validate(&app.settings.club.language).map_err(AppError::Validation)?;
    let secret = (valid.kind == DestinationKind::Webhook).then(crypto::webhook_secret);
    let actor = actor.cloned();
    app.write_unseen(move |app, conn| {
        let now = app.now().naive_utc();
        let destination = NewDestination {
            kind: valid.kind,
            label: &valid.label,
            url: &valid.url,
            events: &rules::events_text(&valid.events),
            language: &valid.language,
            reminder_days: valid.reminder_days,
            secret: secret.as_deref(),
            created_at: now,
            updated_at: now,
        }
        .insert(conn)?;
        audit(app, conn, actor.as_ref(), "destination added", &destination.label, destination.kind.as_str())?;
        Ok(Created { destination, secret })
    })
    .await
}

/// An organiser changes a destination (its kind stays).
pub async fn update(
    app: &App,
    actor: Option<&Organiser>,
    id: i64,
    mut input: DestinationInput,
) -> Result<Destination, AppError> {
    let current = get(app, id).await?;
    input.kind = current.kind.as_str().to_owned();
    let valid = input.validate(&app.settings.club.language).map_err(AppError::Validation)?;
    let actor = actor.cloned();
    app.write_unseen(move |app, conn| {
        let changes = DestinationChanges {
            label: &valid.label,
            url: &valid.url,
            events: &rules::events_text(&valid.events),
            language: &valid.language,
            reminder_days: valid.reminder_days,
            updated_at: app.now().naive_utc(),
        };
        Destination::update(conn, id, &changes)?;
        audit(app, conn, actor.as_ref(), "destination changed", &valid.label, "")?;
        Destination::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
    .await
}

pub async fn remove(app: &App, actor: Option<&Organiser>, id: i64) -> Result<Destination, AppError> {
    let actor = actor.cloned();
    app.write_unseen(move |app, conn| {
        let destination = Destination::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        Destination::delete(conn, id)?;
        audit(app, conn, actor.as_ref(), "destination removed", &destination.label, "")?;
        Ok(destination)
    })
    .await
}

/// Pauses or resumes deliveries to a destination.
pub async fn set_paused(app: &App, id: i64, paused: bool) -> Result<Destination, AppError> {
    app.write_unseen(move |app, conn| {
        Destination::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        Destination::set_paused(conn, id, paused.then(|| app.now().naive_utc()))?;
        Destination::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// A new signing secret; the old one is still signed with for `secret_overlap_hours`.
pub async fn rotate_secret(app: &App, actor: Option<&Organiser>, id: i64) -> Result<String, AppError> {
    let secret = crypto::webhook_secret();
    let stored = secret.clone();
    let actor = actor.cloned();
    app.write_unseen(move |app, conn| {
        let destination = Destination::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if destination.kind != DestinationKind::Webhook {
            return Err(AppError::Conflict(Message::new("refused-destination-not-signed")));
        }
        let until = app.now() + Duration::hours(i64::from(app.settings.notifications.secret_overlap_hours));
        Destination::rotate_secret(conn, id, &stored, until.naive_utc())?;
        audit(app, conn, actor.as_ref(), "destination secret rotated", &destination.label, "")?;
        Ok(())
    })
    .await?;
    Ok(secret)
}

/// One attempt of a delivery log, as organisers read it.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    pub at: String,
    pub event: EventKind,
    pub outcome: AttemptOutcome,
    pub status_code: Option<i32>,
    pub response: String,
    pub duration_ms: i32,
}

/// A destination's delivery log, newest first (kept 30 days).
pub async fn log(app: &App, id: i64) -> Result<(Destination, Vec<LogLine>), AppError> {
    app.read(move |_, conn| {
        let destination = Destination::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        let lines = Attempt::of_destination(conn, id, 200)?
            .into_iter()
            .map(|a| LogLine {
                at: crate::render::views::utc(a.at).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                event: a.event,
                outcome: a.outcome,
                status_code: a.status_code,
                response: a.response,
                duration_ms: a.duration_ms,
            })
            .collect();
        Ok((destination, lines))
    })
    .await
}

/// Sends a test message now (not through the queue) and logs it; the answer tells whether the
/// destination works.
pub async fn send_test(app: &App, id: i64) -> Result<LogLine, AppError> {
    let now = app.now();
    let (destination, notification) = app
        .write_unseen(move |app, conn| {
            let destination = Destination::by_id(conn, id)?.ok_or(AppError::NotFound)?;
            let events: Vec<&str> = destination.event_kinds().iter().map(|e| e.as_str()).collect();
            let data = json!({"club": app.settings.club.name, "url": app.settings.club.base(), "destination": destination.label, "events": events.join(", ")});
            let event = Event { kind: EventKind::Test, key: format!("destination.test:{}", crypto::random_token()), data };
            let row = NewNotification {
                destination_id: id,
                event: EventKind::Test,
                event_key: &event.key,
                message_id: &message_id(),
                payload: &event.payload(now),
                status: NotificationStatus::Sending,
                next_attempt_at: now.naive_utc(),
                created_at: now.naive_utc(),
                request_id: crate::context::request_id(),
            };
            row.insert_once(conn)?;
            let notification = Notification::of_destination(conn, id, 1)?.into_iter().next().ok_or(AppError::NotFound)?;
            Ok((destination, notification))
        })
        .await?;
    let (answer, status, response) = attempt(app, &destination, &notification).await?;
    let (outcome, status_after) = match answer {
        Answer::Delivered => (AttemptOutcome::Delivered, NotificationStatus::Sent),
        _ => (AttemptOutcome::Failed, NotificationStatus::Failed),
    };
    let nid = notification.id;
    app.write_unseen(move |_, conn| Ok(Notification::set_status(conn, nid, status_after)?)).await?;
    Ok(LogLine {
        at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        event: EventKind::Test,
        outcome,
        status_code: status.map(i32::from),
        response,
        duration_ms: 0,
    })
}

/// Forgets the delivery log and finished notifications after 30 days (housekeeping).
pub fn forget_old(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    Ok(Notification::forget_before(conn, (app.now() - Duration::days(30)).naive_utc())?)
}

/// Destinations paused or failing, for the dashboard: (label, paused).
pub fn troubled(destinations: &[Destination]) -> Vec<(String, bool)> {
    destinations
        .iter()
        .filter(|d| d.paused_at.is_some() || d.failing_since.is_some())
        .map(|d| (d.label.clone(), d.paused_at.is_some()))
        .collect()
}
