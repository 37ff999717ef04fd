//! What readers see of the schedule: the current topic and those around it, every month's
//! topic, a topic's archive of published entries, and the schedule as a calendar.

use chrono::{DateTime, Utc};

use super::topics::{find, Lookup};
use super::App;
use crate::db::roundups::Roundup;
use crate::db::states::{SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::topics::{self as rules, Schedule};
use crate::error::AppError;
use crate::feeds::ical;

/// The announced topics, sorted into the open one, those to come and those past.
pub async fn overview(app: &App) -> Result<(Schedule, DateTime<Utc>), AppError> {
    let now = app.now();
    let all = app.read(|_, conn| Ok(Topic::all(conn, false)?)).await?;
    Ok((rules::schedule(all, now), now))
}

/// Every announced topic, oldest month first.
pub async fn announced(app: &App) -> Result<Vec<Topic>, AppError> {
    app.read(|_, conn| Ok(Topic::all(conn, false)?)).await
}

/// A topic's page: the topic, its published entries (of one kind, when asked), and how many
/// there are in all.
pub struct Archive {
    pub topic: Topic,
    pub entries: Vec<Submission>,
    pub total: i64,
    /// The published round-up, which heads the page once the topic has closed.
    pub roundup: Option<Roundup>,
}

/// What an address of a topic page leads to.
pub enum ArchiveAnswer {
    Found(Box<Archive>),
    /// A renamed topic: its current slug.
    Moved(String),
}

/// A topic's archive. Drafts only for organisers.
pub async fn archive(
    app: &App,
    slug: String,
    kind: Option<SubmissionKind>,
    organiser: bool,
) -> Result<ArchiveAnswer, AppError> {
    let answer = app
        .read(move |_, conn| match find(conn, &slug, organiser)? {
            Lookup::Found(topic) => {
                let entries = Submission::published_for_topic(conn, topic.id, kind)?;
                let total = Submission::count_for_topic(conn, topic.id, Some(SubmissionStatus::Approved))?;
                let roundup = Roundup::for_topic(conn, topic.id)?.filter(|r| r.published_at.is_some());
                Ok(ArchiveAnswer::Found(Box::new(Archive { topic, entries, total, roundup })))
            }
            Lookup::Moved(current) => Ok(ArchiveAnswer::Moved(current)),
        })
        .await?;
    match answer {
        ArchiveAnswer::Found(a) if !a.topic.announced && !organiser => Err(AppError::NotFound),
        answer => Ok(answer),
    }
}

/// The schedule as an iCalendar document.
pub async fn calendar(app: &App) -> Result<String, AppError> {
    let all = announced(app).await?;
    let base = app.settings.club.base();
    let events: Vec<ical::CalendarEvent> =
        all.iter().map(|topic| ical::CalendarEvent { topic, url: format!("{base}/topics/{}", topic.slug) }).collect();
    Ok(ical::schedule_calendar(&app.settings.club.name, &app.host(), app.tz(), &events))
}
