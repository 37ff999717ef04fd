//! The organisers' dashboard: what needs attention (moderation, stale confirmations, digests
//! waiting, failing or empty, months without a topic, links that died) and how the club is doing, as chart data.
//! A fixed number of queries, however large the club.

use chrono::Duration;

use super::App;
use crate::db::digests::{Digest, Progress};
use crate::db::states::{DigestStatus, SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::db::subscribers::Subscriber;
use crate::db::topics::Topic;
use crate::domain::month::Month;
use crate::error::AppError;
use crate::render::charts::BarChartData;

/// Everything the dashboard shows.
pub struct Dashboard {
    pub pending: i64,
    pub unconfirmed: i64,
    pub stale_unconfirmed: i64,
    pub approved: i64,
    /// Titles of topics whose digest waits for an organiser.
    pub digests_waiting: Vec<String>,
    /// Titles of topics that closed without an approved entry.
    pub digests_empty: Vec<String>,
    /// Topics whose digest has failed deliveries: (title, how many failed).
    pub digests_failing: Vec<(String, i64)>,
    /// The next months without a topic.
    pub gaps: Vec<Month>,
    /// Published entries whose links are gone (404/410 twice in a row), with their topic's title.
    pub broken_links: Vec<(Submission, String)>,
    /// Destinations failing or paused: (name, paused).
    pub destinations_troubled: Vec<(String, bool)>,
    pub charts: Vec<BarChartData>,
}

/// Months shown in the subscriber chart.
const CHART_MONTHS: usize = 6;
/// Topics shown in the per-topic charts.
const CHART_TOPICS: usize = 8;

pub async fn dashboard(app: &App) -> Result<Dashboard, AppError> {
    let now = app.now();
    let tz = app.tz();
    let mut months: Vec<Month> =
        std::iter::successors(Some(Month::containing(now, tz)), |m| Some(m.prev())).take(CHART_MONTHS).collect();
    months.reverse();
    let ranges: Vec<_> = months
        .iter()
        .map(|m| {
            let (from, to) = m.window_in(tz);
            (from.naive_utc(), to.naive_utc())
        })
        .collect();
    let day_ago = (now - Duration::days(1)).naive_utc();
    app.read(move |_, conn| {
        let counts = Submission::count_by_status(conn)?;
        let count = |status| counts.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
        let digests = Digest::all(conn)?;
        let progress = Digest::progress_of(conn, &digests.iter().map(|d| d.id).collect::<Vec<_>>())?;
        let topics = Topic::all(conn, true)?;
        let charted = charted_topics(&topics);
        let by_kind = Submission::counts_by_topic_and_kind(conn, &charted.iter().map(|t| t.id).collect::<Vec<_>>())?;
        let activity = Subscriber::activity(conn, &ranges)?;
        let broken = Submission::broken_links(conn, 50)?;
        let troubled = super::notify::troubled(&crate::db::destinations::Destination::all(conn)?);
        let title = |id: i64| topics.iter().find(|t| t.id == id).map(|t| t.title.clone()).unwrap_or_default();
        let with_status = |status| digests.iter().filter(|d| d.status == status).map(|d| title(d.topic_id)).collect();
        let progress_of = |d: &Digest| progress.get(&d.id).copied().unwrap_or_default();
        let charts = vec![
            submissions_chart(&charted, &by_kind),
            subscribers_chart(&months, &activity),
            digests_chart(&topics, &digests, &progress_of),
        ];
        Ok(Dashboard {
            pending: count(SubmissionStatus::Pending),
            unconfirmed: count(SubmissionStatus::Unconfirmed),
            stale_unconfirmed: Submission::count_unconfirmed_before(conn, day_ago)?,
            approved: count(SubmissionStatus::Approved),
            digests_waiting: with_status(DigestStatus::Waiting),
            digests_empty: with_status(DigestStatus::Empty),
            digests_failing: digests
                .iter()
                .filter_map(|d| {
                    let failed = progress_of(d).failed;
                    (failed > 0).then(|| (title(d.topic_id), failed))
                })
                .collect(),
            gaps: std::iter::successors(Some(Month::containing(now, tz)), |m| Some(m.next()))
                .take(4)
                .filter(|m| !topics.iter().any(|t| t.month == m.to_string()))
                .collect(),
            broken_links: broken.into_iter().map(|s| (title(s.topic_id), s)).map(|(t, s)| (s, t)).collect(),
            destinations_troubled: troubled,
            charts,
        })
    })
    .await
}

/// The topics of the submissions chart: the latest announced ones, oldest first.
fn charted_topics(topics: &[Topic]) -> Vec<&Topic> {
    let mut recent: Vec<&Topic> = topics.iter().filter(|t| t.announced).rev().take(CHART_TOPICS).collect();
    recent.reverse();
    recent
}

fn submissions_chart(topics: &[&Topic], by_kind: &[(i64, SubmissionKind, i64)]) -> BarChartData {
    BarChartData {
        id: "chart-submissions".into(),
        title: "chart-submissions-title".into(),
        series: SubmissionKind::ALL.iter().map(|k| format!("kind-{}", k.as_str())).collect(),
        groups: topics
            .iter()
            .map(|t| {
                let values = SubmissionKind::ALL
                    .iter()
                    .map(|k| by_kind.iter().find(|(id, kind, _)| *id == t.id && kind == k).map_or(0, |(_, _, n)| *n))
                    .collect();
                (t.month.clone(), values)
            })
            .collect(),
    }
}

fn subscribers_chart(months: &[Month], activity: &[(i64, i64, i64)]) -> BarChartData {
    BarChartData {
        id: "chart-subscribers".into(),
        title: "chart-subscribers-title".into(),
        series: vec!["chart-series-joined".into(), "chart-series-left".into(), "chart-series-bounced".into()],
        groups: months
            .iter()
            .zip(activity)
            .map(|(m, (joined, left, bounced))| (m.to_string(), vec![*joined, *left, *bounced]))
            .collect(),
    }
}

fn digests_chart(topics: &[Topic], digests: &[Digest], progress: &dyn Fn(&Digest) -> Progress) -> BarChartData {
    BarChartData {
        id: "chart-digests".into(),
        title: "chart-digests-title".into(),
        series: vec!["chart-series-sent".into(), "chart-series-failed".into(), "chart-series-queued".into()],
        groups: digests
            .iter()
            .take(CHART_TOPICS)
            .rev()
            .map(|d| {
                let p = progress(d);
                let month = topics.iter().find(|t| t.id == d.topic_id).map(|t| t.month.clone()).unwrap_or_default();
                (month, vec![p.sent, p.failed, p.queued + p.sending])
            })
            .collect(),
    }
}
