//! A club `scale` times the size of a busy one, to try the service at size and to measure it:
//! per unit of scale, 12 monthly topics (the last two upcoming, the one before open), 1,000
//! published entries on the past and open topics and 20 more on the open topic waiting for
//! moderation,
//! round-ups on half the closed topics, 200 authors, 10,000 active subscribers (in English,
//! Chinese and Japanese) and 2 organisers. `content-club demo --scale 10` is the club ten times
//! over: 10,000 entries over 120 topics, 100,000 subscribers, 20 organisers.
//!
//! The same scale gives the same club, on SQLite and PostgreSQL. Months that already have a
//! topic keep it and get no entries.

use chrono::Duration;

use super::{feeds, topics, App};
use crate::db::organisers::NewOrganiser;
use crate::db::roundups::Roundup;
use crate::db::states::{Role, SubmissionKind, SubmissionStatus, SubscriberStatus};
use crate::db::submissions::{NewSubmission, Submission};
use crate::db::subscribers::{NewSubscriber, Subscriber};
use crate::db::topics::Topic;
use crate::db::AnyConnection;
use crate::domain::month::Month;
use crate::domain::topics::TopicInput;
use crate::error::AppError;

/// What one unit of scale holds.
const TOPICS: u32 = 12;
const ENTRIES: u32 = 1_000;
const AUTHORS: u32 = 200;
const SUBSCRIBERS: u32 = 10_000;
const ORGANISERS: u32 = 2;

/// Words the titles and summaries are made of, so that searches find some entries and not others.
const SUBJECTS: [&str; 24] = [
    "platform teams",
    "golden paths",
    "developer portals",
    "incident reviews",
    "on-call rotations",
    "service catalogues",
    "flow metrics",
    "team topologies",
    "cost dashboards",
    "release trains",
    "feature flags",
    "observability",
    "internal APIs",
    "documentation",
    "onboarding",
    "security reviews",
    "edge clusters",
    "build caches",
    "test pipelines",
    "capacity planning",
    "chaos experiments",
    "data contracts",
    "policy as code",
    "developer surveys",
];
const ANGLES: [&str; 8] = [
    "What we learned from",
    "A year of",
    "Measuring",
    "Why we stopped",
    "Scaling",
    "The case against",
    "Notes on",
    "Getting started with",
];
const FIRST_NAMES: [&str; 20] = [
    "Priya", "Jonas", "Amelia", "Luis", "Sam", "Mei", "Haruto", "Sofia", "Kwame", "Ingrid", "Omar", "Yuki", "Elena",
    "Tariq", "Chloé", "Wei", "Aiko", "Mateo", "Nadia", "Bjørn",
];
const LAST_NAMES: [&str; 10] =
    ["Raman", "Weber", "Chen", "Ortega", "O'Neill", "Tanaka", "Rossi", "Mensah", "Larsen", "Haddad"];
const KINDS: [SubmissionKind; 5] = [
    SubmissionKind::Article,
    SubmissionKind::Video,
    SubmissionKind::Post,
    SubmissionKind::Podcast,
    SubmissionKind::Talk,
];
const LANGUAGES: [&str; 3] = ["en", "zh-CN", "ja"];

/// What a profile added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub topics: usize,
    pub entries: usize,
    pub pending: usize,
    pub roundups: usize,
    pub subscribers: usize,
    pub organisers: usize,
}

/// Loads the club `scale` times over. The organisers are `organiser-N@example.org` (the first
/// tenth of them admins, at least one), all with `password`.
pub async fn load(app: &App, scale: u32, password: String) -> Result<Profile, AppError> {
    let scale = scale.max(1);
    let now = app.now();
    let last = Month::containing(now, app.tz()).next().next();
    let mut months = vec![last];
    for _ in 1..TOPICS * scale {
        let earlier = months[months.len() - 1].prev();
        months.push(earlier);
    }
    months.reverse();
    let mut profile = Profile::default();
    for (i, month) in months.iter().enumerate() {
        let subject = SUBJECTS[i % SUBJECTS.len()];
        let title = format!("{} {}", ANGLES[i / SUBJECTS.len() % ANGLES.len()], subject);
        let summary = format!("Share what you made on {subject}: articles, talks, videos, podcasts and posts.");
        let input = TopicInput {
            month: month.to_string(),
            title,
            summary: Some(summary),
            announced: true,
            ..TopicInput::default()
        };
        match topics::create(app, input).await {
            Ok(_) => profile.topics += 1,
            Err(AppError::FieldConflict { field: "month", .. }) => {}
            Err(other) => return Err(other),
        }
    }
    let hash = crate::crypto::hash_password(&password).map_err(AppError::Internal)?;
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let added = add_entries(conn, &months, scale, now)?;
        profile.entries = added.0;
        profile.pending = added.1;
        profile.roundups = add_roundups(conn, &months, now)?;
        profile.subscribers = add_subscribers(conn, scale, now)?;
        profile.organisers = add_organisers(conn, scale, &hash, now)?;
        super::authors::attach_pending(conn, now)?;
        feeds::content_changed(conn, None, app.now())?;
        Ok(profile)
    })
    .await
}

/// The published entries, spread evenly over the topics that have opened, then 1 in 50 more on
/// the open topic, waiting for moderation. Returns (entries, of which pending).
fn add_entries(
    conn: &mut AnyConnection,
    months: &[Month],
    scale: u32,
    now: chrono::NaiveDateTime,
) -> Result<(usize, usize), AppError> {
    let mut opened = Vec::new();
    for month in months {
        if let Some(topic) = Topic::by_month(conn, &month.to_string())? {
            if topic.opens_at <= now && Submission::count_for_topic(conn, topic.id, None)? == 0 {
                opened.push(topic);
            }
        }
    }
    let total = (ENTRIES * scale) as usize;
    let (mut added, mut pending) = (0, 0);
    for (t, topic) in opened.iter().enumerate() {
        let share = total / opened.len().max(1) + usize::from(t < total % opened.len().max(1));
        let waiting = if topic.closes_at > now { total / 50 } else { 0 };
        for i in 0..share + waiting {
            let n = added + 1;
            let at = (topic.opens_at + Duration::minutes(i as i64 * 13)).min(now);
            add_entry(conn, topic, (n, scale), i >= share, at)?;
            added += 1;
            pending += usize::from(i >= share);
        }
        if share > 0 {
            Topic::content_changed(conn, topic.id, now)?;
        }
    }
    Ok((added, pending))
}

fn add_entry(
    conn: &mut AnyConnection,
    topic: &Topic,
    (n, scale): (usize, u32),
    waiting: bool,
    at: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    let subject = SUBJECTS[n * 7 % SUBJECTS.len()];
    let kind = KINDS[n % KINDS.len()];
    let author = n % (AUTHORS * scale) as usize;
    let author_name = format!("{} {} {}", FIRST_NAMES[author % 20], LAST_NAMES[author / 20 % 10], author / 200 + 1);
    let url = format!("https://example.org/{}/{n}", kind.as_str());
    let inserted = NewSubmission {
        public_id: &format!("p{n:011}"),
        topic_id: topic.id,
        kind,
        title: &format!("{} {subject}, part {n}", ANGLES[n % ANGLES.len()]),
        url: &url,
        summary: &format!(
            "A {kind} on {subject} for “{}”: what changed, what it cost, and what the team would do again.",
            topic.title
        ),
        author_name: &author_name,
        author_email: &format!("author-{author}@example.org"),
        author_link: None,
        status: if waiting { SubmissionStatus::Pending } else { SubmissionStatus::Approved },
        edit_token_hash: &crate::crypto::token_hash(&format!("profile-{n}")),
        created_at: at,
        updated_at: at,
        note: "",
        language: LANGUAGES[n % LANGUAGES.len()],
        added_by: None,
        canonical_url: &crate::domain::links::canonical(&url),
        thumbnail: None,
        mail_language: "",
    }
    .insert(conn)?;
    if !waiting {
        Submission::mark_published(conn, inserted.id, at)?;
    }
    Ok(())
}

/// A published round-up on every other closed topic.
fn add_roundups(conn: &mut AnyConnection, months: &[Month], now: chrono::NaiveDateTime) -> Result<usize, AppError> {
    let mut added = 0;
    for (i, month) in months.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let Some(topic) = Topic::by_month(conn, &month.to_string())? else { continue };
        if topic.closes_at > now || Roundup::for_topic(conn, topic.id)?.is_some() {
            continue;
        }
        let intro = format!("The month on **{}**, in {} entries worth reading in order.", topic.title, 5 + i % 5);
        let published = topic.closes_at + Duration::days(2);
        Roundup::save(conn, topic.id, &intro, Some(published.min(now)), None, published.min(now))?;
        Topic::content_changed(conn, topic.id, now)?;
        added += 1;
    }
    Ok(added)
}

/// Subscribers who joined over the last ten years, a few every day.
fn add_subscribers(conn: &mut AnyConnection, scale: u32, now: chrono::NaiveDateTime) -> Result<usize, AppError> {
    let count = (SUBSCRIBERS * scale) as usize;
    for n in 0..count {
        let joined = now - Duration::minutes((n as i64 * 5_261) % (3_650 * 24 * 60));
        NewSubscriber {
            email: &format!("reader-{n}@example.org"),
            status: SubscriberStatus::Active,
            confirm_token_hash: None,
            confirm_sent_at: None,
            created_at: joined,
            updated_at: joined,
            public_id: &format!("r{n:011}"),
            language: LANGUAGES[n % LANGUAGES.len()],
        }
        .add(conn)?;
    }
    Subscriber::confirmed_when_created(conn)?;
    Ok(count)
}

fn add_organisers(
    conn: &mut AnyConnection,
    scale: u32,
    hash: &str,
    now: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let count = (ORGANISERS * scale) as usize;
    let admins = (count / 10).max(1);
    for n in 1..=count {
        NewOrganiser {
            email: &format!("organiser-{n}@example.org"),
            display_name: &format!("Organiser {n}"),
            password_hash: hash,
            role: if n <= admins { Role::Admin } else { Role::Moderator },
            disabled: false,
            created_at: now,
            updated_at: now,
        }
        .insert(conn)?;
    }
    Ok(count)
}
