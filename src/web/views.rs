//! What templates and the API see of domain values: plain, serialisable, already formatted.

use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use super::AppState;
use crate::db::topics::Topic;
use crate::domain::topics::{self, TopicStatus};
use crate::render::{dates, markdown};

/// A topic as pages show it.
#[derive(Debug, Serialize)]
pub struct TopicView {
    pub slug: String,
    pub month: String,
    pub month_name: String,
    pub title: String,
    pub summary_html: String,
    pub status: &'static str,
    pub is_open: bool,
    pub is_upcoming: bool,
    pub is_closed: bool,
    pub announced: bool,
    pub opens: String,
    pub closes: String,
    pub opens_input: String,
    pub closes_input: String,
    pub url: String,
}

pub fn utc(naive: chrono::NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&naive)
}

impl TopicView {
    pub fn new(state: &AppState, topic: &Topic, now: DateTime<Utc>) -> TopicView {
        let tz = state.settings.club.tz();
        let status = topics::status(topic, now);
        TopicView {
            slug: topic.slug.clone(),
            month: topic.month.clone(),
            month_name: topics::month_of(topic).long_name(),
            title: topic.title.clone(),
            summary_html: markdown::to_safe_html(&topic.summary),
            status: status.as_str(),
            is_open: status == TopicStatus::Open,
            is_upcoming: status == TopicStatus::Upcoming,
            is_closed: status == TopicStatus::Closed,
            announced: topic.announced,
            opens: dates::local_datetime(utc(topic.opens_at), tz),
            closes: dates::local_datetime(utc(topic.closes_at), tz),
            opens_input: dates::local_input(utc(topic.opens_at), tz),
            closes_input: dates::local_input(utc(topic.closes_at), tz),
            url: format!("/topics/{}", topic.slug),
        }
    }

    pub fn list(state: &AppState, topics: &[Topic], now: DateTime<Utc>) -> Vec<TopicView> {
        topics.iter().map(|t| TopicView::new(state, t, now)).collect()
    }
}

/// A submission as public pages show it: never the author's email.
#[derive(Debug, Serialize)]
pub struct SubmissionView {
    pub public_id: String,
    pub title: String,
    pub url: String,
    pub kind: String,
    pub summary: String,
    pub author_name: String,
    pub author_link: Option<String>,
    pub status: String,
    pub published: Option<String>,
    pub submitted: String,
    pub permalink: String,
    pub decision_reason: Option<String>,
}

impl SubmissionView {
    pub fn new(state: &AppState, s: &crate::db::submissions::Submission) -> SubmissionView {
        let tz = state.settings.club.tz();
        SubmissionView {
            public_id: s.public_id.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            kind: s.kind.clone(),
            summary: s.summary.clone(),
            author_name: s.author_name.clone(),
            author_link: s.author_link.clone(),
            status: s.status.clone(),
            published: s.published_at.map(|p| dates::local_date(utc(p), tz)),
            submitted: dates::local_datetime(utc(s.created_at), tz),
            permalink: format!("/submissions/{}", s.public_id),
            decision_reason: s.decision_reason.clone(),
        }
    }
}
