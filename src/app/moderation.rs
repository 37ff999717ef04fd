//! Moderation: the queue of submissions by topic and status (each with the author's other
//! entries and its history), and decisions — approve, or reject with a reason — one at a time
//! or in bulk. Admins and moderators.

use std::collections::HashMap;

use super::{feeds, outbox, App};
use crate::db::organisers::Organiser;
use crate::db::states::{SubmissionAction, SubmissionStatus};
use crate::db::submissions::{self as rows, Brief, Submission, SubmissionEvent, SubmissionFilter};
use crate::db::topics::{Topic, TopicName};
pub use crate::domain::submissions::Decision;
use crate::email::compose;
use crate::error::{AppError, Message};

/// Entries a page of the queue or the API shows at most.
pub const MAX_PAGE: i64 = 200;
/// Submissions the moderation page shows at once, each with the author's others, its history
/// and its own forms. At ten times a busy club a page of 50 cost about 4 ms of CPU, two thirds
/// of it rendering, and answered in 120 ms at 32 concurrent organisers; one of 20 keeps the
/// queue within 50 ms (docs/benchmarks.md, "Ten times the club").
pub const QUEUE_PAGE: i64 = 20;
/// The author's other entries shown beside each.
const OTHERS_PER_AUTHOR: usize = 20;

/// Which submissions to list: a topic (by slug), a status (`None`: all), newest first, a page
/// of `limit` after the submission with id `before`.
#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub topic: Option<String>,
    pub status: Option<SubmissionStatus>,
    pub before: Option<i64>,
    pub limit: i64,
}

/// One submission in the queue.
pub struct QueueItem {
    pub submission: Submission,
    /// The author's other submissions, newest first.
    pub others: Vec<Brief>,
    pub history: Vec<SubmissionEvent>,
}

/// A page of the queue, with every topic (for filters and titles).
pub struct Queue {
    pub topics: Vec<TopicName>,
    pub items: Vec<QueueItem>,
    /// The cursor of the next page, when there may be one.
    pub next: Option<i64>,
}

impl Queue {
    pub fn topic(&self, id: i64) -> Option<&TopicName> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// The queue in a fixed number of queries, however many entries it shows.
pub async fn queue(app: &App, filter: QueueFilter) -> Result<Queue, AppError> {
    app.read(move |_, conn| {
        let topics = TopicName::all(conn)?;
        let topic_id = match &filter.topic {
            Some(slug) => Some(topics.iter().find(|t| &t.slug == slug).ok_or(AppError::NotFound)?.id),
            None => None,
        };
        let limit = filter.limit.clamp(1, MAX_PAGE);
        let list = SubmissionFilter { topic_id, status: filter.status, before: filter.before, limit };
        let submissions = Submission::list(conn, &list)?;
        let next = (submissions.len() as i64 == limit).then(|| submissions.last().map(|s| s.id)).flatten();
        let mut emails: Vec<String> = submissions.iter().map(|s| s.author_email.clone()).collect();
        emails.sort();
        emails.dedup();
        let mut by_author: HashMap<String, Vec<Brief>> = HashMap::new();
        for other in Submission::by_authors(conn, &emails, OTHERS_PER_AUTHOR + 1)? {
            by_author.entry(other.author_email.clone()).or_default().push(other);
        }
        let ids: Vec<i64> = submissions.iter().map(|s| s.id).collect();
        let mut history: HashMap<i64, Vec<SubmissionEvent>> = HashMap::new();
        for event in rows::events_for(conn, &ids)? {
            history.entry(event.submission_id).or_default().push(event);
        }
        let items = submissions
            .into_iter()
            .map(|submission| {
                let mut others: Vec<Brief> = by_author
                    .get(&submission.author_email)
                    .map(|list| list.iter().filter(|o| o.id != submission.id).cloned().collect())
                    .unwrap_or_default();
                others.truncate(OTHERS_PER_AUTHOR);
                let history = history.remove(&submission.id).unwrap_or_default();
                QueueItem { submission, others, history }
            })
            .collect();
        Ok(Queue { topics, items, next })
    })
    .await
}

/// A decision as a form or the API names it: "approve", or "reject" with a listed reason
/// and/or words of the moderator's own.
pub fn decision(action: &str, listed_reason: &str, own_words: &str) -> Result<Decision, AppError> {
    match action {
        "approve" => Ok(Decision::Approve),
        "reject" => Ok(Decision::Reject(crate::domain::submissions::rejection_reason(listed_reason, own_words)?)),
        _ => Err(AppError::BadRequest(Message::new("refused-decision-unknown"))),
    }
}

/// What a decision did: the submissions decided, and the ids left alone (no longer pending, or
/// unknown).
pub struct Decided {
    pub decided: Vec<Submission>,
    pub skipped: Vec<String>,
}

/// Applies a decision to pending submissions (by public id), records who decided, and queues
/// each author's email. An approval publishes the entry: its topic's feeds change.
pub async fn decide(
    app: &App,
    organiser: &Organiser,
    public_ids: Vec<String>,
    decision: Decision,
) -> Result<Decided, AppError> {
    let reviewer = organiser.id;
    app.write(move |app, conn| {
        let now = app.now();
        let (status, reason) = decision.outcome();
        let mut decided = Vec::new();
        let mut skipped = Vec::new();
        let found = Submission::by_public_ids(conn, &public_ids)?;
        for public_id in &public_ids {
            let Some(submission) = found.iter().find(|s| &s.public_id == public_id) else {
                skipped.push(public_id.clone());
                continue;
            };
            if !Submission::decide(conn, submission.id, status, reason, reviewer, now.naive_utc())? {
                skipped.push(public_id.clone());
                continue;
            }
            let action = if status == SubmissionStatus::Approved {
                SubmissionAction::Approved
            } else {
                SubmissionAction::Rejected
            };
            rows::record_event(conn, submission.id, action, Some(reviewer), reason, now.naive_utc())?;
            if status == SubmissionStatus::Approved {
                feeds::content_changed(conn, Some(submission.topic_id), now)?;
                // Published: the link the member gave with their name may now be their website.
                let link = (submission.author_name.as_str(), submission.author_link.as_deref());
                super::authors::attach(conn, submission.id, link, now.naive_utc())?;
            }
            let updated = Submission::by_public_id(conn, public_id)?.ok_or(AppError::NotFound)?;
            let topic = Topic::by_id(conn, updated.topic_id)?.ok_or(AppError::NotFound)?;
            if status == SubmissionStatus::Approved {
                super::notify::emit(app, conn, &super::notify::entry_published(app, &updated, &topic))?;
            }
            let mail = compose::submission_decision(&app.renderer, &app.settings, &updated, &topic)
                .map_err(AppError::Internal)?;
            outbox::enqueue(conn, &mail, &app.host(), now)?;
            decided.push(updated);
        }
        Ok(Decided { decided, skipped })
    })
    .await
}

/// One decision through the API: the submission as it is now, or why it could not be decided.
pub async fn decide_one(
    app: &App,
    organiser: &Organiser,
    public_id: String,
    decision: Decision,
) -> Result<(Submission, String), AppError> {
    let outcome = decide(app, organiser, vec![public_id.clone()], decision).await?;
    let (submission, decided) = match outcome.decided.into_iter().next() {
        Some(s) => (s, true),
        None => {
            let id = public_id.clone();
            let found = app.read(move |_, conn| Ok(Submission::by_public_id(conn, &id)?)).await?;
            (found.ok_or(AppError::NotFound)?, false)
        }
    };
    if !decided {
        let status = submission.status.to_string();
        return Err(AppError::Conflict(Message::new("refused-decision-not-pending").arg("status", status)));
    }
    let topic_id = submission.topic_id;
    let slug = app.read(move |_, conn| Ok(Topic::by_id(conn, topic_id)?.map(|t| t.slug))).await?;
    Ok((submission, slug.unwrap_or_default()))
}
