//! Export and import of the club's content as JSON: topics (with their old slugs and round-ups),
//! submissions (with the organisers' notes, highlights and order), subscribers and the
//! suppression list — the path from one database to another (SQLite → PostgreSQL).
//! Email addresses travel only when asked for. Importing is idempotent: what is there already
//! (the same month, public id or address) is left as it is.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::roundups::Roundup;
use super::schema::{submissions, subscribers, topic_slug_redirects};
use super::states::{SubmissionKind, SubmissionStatus, SubscriberStatus, SuppressionReason};
use super::submissions::{NewSubmission, Submission};
use super::subscribers::{NewSubscriber, Subscriber};
use super::suppressions::{NewSuppression, Suppression};
use super::topics::{NewTopic, Topic};
use super::AnyConnection;

pub const FORMAT: &str = "content-club-export";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub with_emails: bool,
    pub topics: Vec<TopicRecord>,
    pub submissions: Vec<SubmissionRecord>,
    pub subscribers: Vec<SubscriberRecord>,
    /// Absent in exports made before round-ups.
    #[serde(default)]
    pub roundups: Vec<RoundupRecord>,
    /// The suppression list (keys and masked addresses, never addresses in clear); absent in
    /// exports made before it.
    #[serde(default)]
    pub suppressions: Vec<SuppressionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressionRecord {
    pub email_hash: String,
    pub masked: String,
    pub reason: SuppressionReason,
    pub source: String,
    pub detail: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundupRecord {
    pub topic: String,
    pub intro: String,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicRecord {
    pub slug: String,
    pub month: String,
    pub title: String,
    pub summary: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub announced: bool,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub old_slugs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionRecord {
    pub public_id: String,
    pub topic: String,
    pub kind: SubmissionKind,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: Option<String>,
    pub author_link: Option<String>,
    pub status: SubmissionStatus,
    pub decision_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub highlighted: bool,
    #[serde(default)]
    pub position: Option<i32>,
    /// Absent in exports made before canonical links.
    #[serde(default)]
    pub canonical_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriberRecord {
    /// What unsubscribe links name; absent in exports made before public ids.
    #[serde(default)]
    pub public_id: Option<String>,
    pub email: Option<String>,
    pub status: SubscriberStatus,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub unsubscribed_at: Option<NaiveDateTime>,
    pub bounce_count: i32,
    /// The language of their mail; absent (the club's) in exports made before languages.
    #[serde(default)]
    pub language: String,
}

/// Everything, in a stable order.
pub fn export(conn: &mut AnyConnection, with_emails: bool) -> QueryResult<Export> {
    let all_topics = Topic::all(conn, true)?;
    let redirects: Vec<(String, i64)> = topic_slug_redirects::table
        .select((topic_slug_redirects::old_slug, topic_slug_redirects::topic_id))
        .load(conn)?;
    let topic_records = all_topics
        .iter()
        .map(|t| TopicRecord {
            slug: t.slug.clone(),
            month: t.month.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            opens_at: t.opens_at,
            closes_at: t.closes_at,
            announced: t.announced,
            sequence: t.sequence,
            created_at: t.created_at,
            updated_at: t.updated_at,
            old_slugs: {
                let mut old: Vec<String> =
                    redirects.iter().filter(|(_, id)| *id == t.id).map(|(s, _)| s.clone()).collect();
                old.sort();
                old
            },
        })
        .collect();
    let all_submissions: Vec<Submission> =
        submissions::table.order(submissions::id.asc()).select(Submission::as_select()).load(conn)?;
    let submission_records = all_submissions
        .iter()
        .map(|s| SubmissionRecord {
            public_id: s.public_id.clone(),
            topic: all_topics.iter().find(|t| t.id == s.topic_id).map(|t| t.slug.clone()).unwrap_or_default(),
            kind: s.kind,
            title: s.title.clone(),
            url: s.url.clone(),
            summary: s.summary.clone(),
            author_name: s.author_name.clone(),
            author_email: with_emails.then(|| s.author_email.clone()),
            author_link: s.author_link.clone(),
            status: s.status,
            decision_reason: s.decision_reason.clone(),
            created_at: s.created_at,
            updated_at: s.updated_at,
            confirmed_at: s.confirmed_at,
            decided_at: s.decided_at,
            published_at: s.published_at,
            note: s.note.clone(),
            language: s.language.clone(),
            highlighted: s.highlighted,
            position: s.position,
            canonical_url: Some(s.canonical_url.clone()),
        })
        .collect();
    let roundup_records = Roundup::all(conn)?
        .into_iter()
        .filter_map(|r| {
            let topic = all_topics.iter().find(|t| t.id == r.topic_id)?;
            Some(RoundupRecord {
                topic: topic.slug.clone(),
                intro: r.intro,
                published_at: r.published_at,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect();
    let all_subscribers: Vec<Subscriber> =
        subscribers::table.order(subscribers::id.asc()).select(Subscriber::as_select()).load(conn)?;
    let subscriber_records = all_subscribers
        .iter()
        .map(|s| SubscriberRecord {
            public_id: Some(s.public_id.clone()),
            email: with_emails.then(|| s.email.clone()),
            status: s.status,
            created_at: s.created_at,
            confirmed_at: s.confirmed_at,
            unsubscribed_at: s.unsubscribed_at,
            bounce_count: s.bounce_count,
            language: s.language.clone(),
        })
        .collect();
    let suppression_records = Suppression::all(conn)?
        .into_iter()
        .rev()
        .map(|s| SuppressionRecord {
            email_hash: s.email_hash,
            masked: s.masked,
            reason: s.reason,
            source: s.source,
            detail: s.detail,
            created_at: s.created_at,
        })
        .collect();
    Ok(Export {
        format: FORMAT.into(),
        version: 1,
        with_emails,
        topics: topic_records,
        submissions: submission_records,
        subscribers: subscriber_records,
        roundups: roundup_records,
        suppressions: suppression_records,
    })
}

/// What an import added and left alone.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub topics: usize,
    pub submissions: usize,
    pub subscribers: usize,
    pub roundups: usize,
    pub suppressions: usize,
    pub skipped: usize,
}

/// Loads an export into this database (inside the caller's transaction); records already
/// present are kept. `new_id` makes a subscriber's public id when the export has none for it.
pub fn import(
    conn: &mut AnyConnection,
    data: &Export,
    new_id: impl Fn() -> String,
) -> Result<Imported, diesel::result::Error> {
    {
        let mut done = Imported::default();
        for t in &data.topics {
            if Topic::by_month(conn, &t.month)?.is_some() || Topic::by_slug(conn, &t.slug)?.is_some() {
                done.skipped += 1;
                continue;
            }
            let topic = NewTopic {
                slug: &t.slug,
                month: &t.month,
                title: &t.title,
                summary: &t.summary,
                opens_at: t.opens_at,
                closes_at: t.closes_at,
                announced: t.announced,
                sequence: t.sequence,
                created_at: t.created_at,
                updated_at: t.updated_at,
                content_changed_at: t.updated_at,
            }
            .insert(conn)?;
            for old in &t.old_slugs {
                if Topic::by_slug(conn, old)?.is_none() && Topic::slug_for_old(conn, old, true)?.is_none() {
                    diesel::insert_into(topic_slug_redirects::table)
                        .values((topic_slug_redirects::old_slug.eq(old), topic_slug_redirects::topic_id.eq(topic.id)))
                        .execute(conn)?;
                }
            }
            done.topics += 1;
        }
        for s in &data.submissions {
            let Some(topic) = Topic::by_slug(conn, &s.topic)? else {
                done.skipped += 1;
                continue;
            };
            if Submission::by_public_id(conn, &s.public_id)?.is_some()
                || Submission::by_topic_and_url(conn, topic.id, &s.url)?.is_some()
            {
                done.skipped += 1;
                continue;
            }
            let inserted = NewSubmission {
                public_id: &s.public_id,
                topic_id: topic.id,
                kind: s.kind,
                title: &s.title,
                url: &s.url,
                summary: &s.summary,
                author_name: &s.author_name,
                author_email: s.author_email.as_deref().unwrap_or(""),
                author_link: s.author_link.as_deref(),
                status: s.status,
                // The private link of the old database does not travel; authors get no new one.
                edit_token_hash: "",
                created_at: s.created_at,
                updated_at: s.updated_at,
                note: &s.note,
                language: &s.language,
                added_by: None,
                canonical_url: s.canonical_url.as_deref().unwrap_or(&s.url),
                thumbnail: None,
                mail_language: "",
            }
            .insert(conn)?;
            diesel::update(submissions::table.find(inserted.id))
                .set((
                    submissions::decision_reason.eq(&s.decision_reason),
                    submissions::confirmed_at.eq(s.confirmed_at),
                    submissions::decided_at.eq(s.decided_at),
                    submissions::published_at.eq(s.published_at),
                    submissions::highlighted.eq(s.highlighted),
                    submissions::position.eq(s.position),
                ))
                .execute(conn)?;
            Topic::content_changed(conn, topic.id, s.updated_at)?;
            done.submissions += 1;
        }
        for s in &data.subscribers {
            let Some(email) = &s.email else {
                done.skipped += 1;
                continue;
            };
            if Subscriber::by_email(conn, email)?.is_some() {
                done.skipped += 1;
                continue;
            }
            // A public id another subscriber here has already is replaced: the links naming it
            // name that other subscriber.
            let free = match &s.public_id {
                Some(id) if !id.is_empty() => Subscriber::by_public_id(conn, id)?.is_none().then(|| id.clone()),
                _ => None,
            };
            let public_id = free.unwrap_or_else(&new_id);
            let inserted = NewSubscriber {
                email,
                status: s.status,
                confirm_token_hash: None,
                confirm_sent_at: None,
                created_at: s.created_at,
                updated_at: s.created_at,
                public_id: &public_id,
                language: &s.language,
            }
            .insert(conn)?;
            diesel::update(subscribers::table.find(inserted.id))
                .set((
                    subscribers::confirmed_at.eq(s.confirmed_at),
                    subscribers::unsubscribed_at.eq(s.unsubscribed_at),
                    subscribers::bounce_count.eq(s.bounce_count),
                ))
                .execute(conn)?;
            done.subscribers += 1;
        }
        for r in &data.roundups {
            let Some(topic) = Topic::by_slug(conn, &r.topic)? else {
                done.skipped += 1;
                continue;
            };
            if Roundup::for_topic(conn, topic.id)?.is_some() {
                done.skipped += 1;
                continue;
            }
            Roundup::save(conn, topic.id, &r.intro, r.published_at, None, r.updated_at)?;
            done.roundups += 1;
        }
        for s in &data.suppressions {
            let row = NewSuppression {
                email_hash: &s.email_hash,
                masked: &s.masked,
                reason: s.reason,
                source: &s.source,
                detail: &s.detail,
                created_at: s.created_at,
            };
            match row.insert(conn)? {
                true => done.suppressions += 1,
                false => done.skipped += 1,
            }
        }
        Ok(done)
    }
}
