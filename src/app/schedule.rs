//! What readers see of the schedule: the current topic and those around it, every month's
//! topic, a topic's archive of published entries, and the schedule as a calendar.

use chrono::{DateTime, Utc};

use super::topics::{self, find, Lookup};
use super::App;
use crate::db::roundups::Roundup;
use crate::db::states::{SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::topics::{self as rules, Schedule};
use crate::error::AppError;
use crate::feeds::ical;

/// The announced topics, sorted into the open one, those to come and those past, as readers
/// of `reader` (a language) see them.
pub async fn overview(app: &App, reader: &str) -> Result<(Schedule, DateTime<Utc>), AppError> {
    let now = app.now();
    let all = announced_in(app, reader).await?;
    Ok((rules::schedule(all, now), now))
}

/// Every announced topic, oldest month first, in the club's language.
pub async fn announced(app: &App) -> Result<Vec<Topic>, AppError> {
    app.read(|_, conn| Ok(Topic::all(conn, false)?)).await
}

/// Every announced topic, oldest month first, as readers of `reader` see them.
pub async fn announced_in(app: &App, reader: &str) -> Result<Vec<Topic>, AppError> {
    let reader = reader.to_owned();
    app.read(move |app, conn| {
        let all = Topic::all(conn, false)?;
        topics::translated(app, conn, all, &reader)
    })
    .await
}

/// What a reader asks of a topic's archive: entries of one kind, in one language, and the
/// language they read the page in.
#[derive(Debug, Clone, Default)]
pub struct ArchiveQuery {
    pub kind: Option<SubmissionKind>,
    /// An entry language ("ja"), matched by its first part ("zh" matches "zh-Hant").
    pub language: Option<String>,
    pub reader: String,
}

/// Whether an entry written in `tag` is one the reader asked for.
fn in_language(tag: &str, wanted: &str) -> bool {
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    tag.eq_ignore_ascii_case(wanted) || (!wanted.contains('-') && primary(tag) == primary(wanted))
}

/// A topic's page: the topic, its published entries (of one kind, when asked), and how many
/// there are in all.
pub struct Archive {
    pub topic: Topic,
    pub entries: Vec<Submission>,
    pub total: i64,
    /// The published round-up, which heads the page once the topic has closed.
    pub roundup: Option<Roundup>,
    /// The languages its published entries are written in, for filters.
    pub languages: Vec<String>,
    /// The slugs of the entries' authors, by author id.
    pub authors: std::collections::HashMap<i64, String>,
}

/// What an address of a topic page leads to.
pub enum ArchiveAnswer {
    Found(Box<Archive>),
    /// A renamed topic: its current slug.
    Moved(String),
}

/// A topic's archive. Drafts only for organisers.
pub async fn archive(app: &App, slug: String, query: ArchiveQuery, organiser: bool) -> Result<ArchiveAnswer, AppError> {
    let answer = app
        .read(move |app, conn| match find(conn, &slug, organiser)? {
            Lookup::Found(topic) => {
                let all = Submission::published_for_topic(conn, topic.id, None)?;
                let mut languages: Vec<String> =
                    all.iter().map(|s| s.language.clone()).filter(|l| !l.is_empty()).collect();
                languages.sort();
                languages.dedup();
                let entries: Vec<Submission> = all
                    .into_iter()
                    .filter(|s| query.kind.is_none_or(|k| s.kind == k))
                    .filter(|s| query.language.as_deref().is_none_or(|l| in_language(&s.language, l)))
                    .collect();
                let total = Submission::count_for_topic(conn, topic.id, Some(SubmissionStatus::Approved))?;
                let author_ids: Vec<i64> = entries.iter().filter_map(|s| s.author_id).collect();
                let authors = crate::db::authors::Author::slugs_of(conn, &author_ids)?;
                let roundup = Roundup::for_topic(conn, topic.id)?.filter(|r| r.published_at.is_some());
                let topic = topics::translated(app, conn, vec![topic], &query.reader)?.remove(0);
                Ok(ArchiveAnswer::Found(Box::new(Archive { topic, entries, total, roundup, languages, authors })))
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
    let site = crate::feeds::documents::SiteInfo::of(&app.settings, app.renderer.catalog());
    Ok(ical::schedule_calendar(&site, &app.host(), &events))
}
