//! What templates see of stored values: plain, serialisable, already formatted for people in
//! the club's time zone. Pages and emails share them.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::{dates, markdown};
use crate::db::states::{LinkState, SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::topics::{self, TopicStatus};

/// A stored UTC time as a chrono UTC time.
pub fn utc(naive: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&naive)
}

/// A topic as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub slug: String,
    /// "2025-03"; `{{month topic.month}}` names it.
    pub month: String,
    pub title: String,
    pub summary_html: String,
    pub status: TopicStatus,
    pub is_open: bool,
    pub is_upcoming: bool,
    pub is_closed: bool,
    pub announced: bool,
    pub opens: String,
    pub closes: String,
    pub opens_input: String,
    pub closes_input: String,
    pub url: String,
    /// Days left to submit, in the club's calendar (0 on the last day); only while open.
    pub days_left: Option<i64>,
}

impl TopicView {
    pub fn new(topic: &Topic, tz: Tz, now: DateTime<Utc>) -> TopicView {
        let status = topics::status(topic, now);
        TopicView {
            slug: topic.slug.clone(),
            month: topic.month.clone(),
            title: topic.title.clone(),
            summary_html: markdown::to_safe_html(&topic.summary),
            status,
            is_open: status == TopicStatus::Open,
            is_upcoming: status == TopicStatus::Upcoming,
            is_closed: status == TopicStatus::Closed,
            announced: topic.announced,
            opens: dates::iso(utc(topic.opens_at)),
            closes: dates::iso(utc(topic.closes_at)),
            opens_input: dates::local_input(utc(topic.opens_at), tz),
            closes_input: dates::local_input(utc(topic.closes_at), tz),
            url: format!("/topics/{}", topic.slug),
            days_left: (status == TopicStatus::Open).then(|| days_left(topic, tz, now)),
        }
    }

    pub fn list<'a>(topics: impl IntoIterator<Item = &'a Topic>, tz: Tz, now: DateTime<Utc>) -> Vec<TopicView> {
        topics.into_iter().map(|t| TopicView::new(t, tz, now)).collect()
    }
}

/// Whole days from today to the last day to submit, both in the club's zone.
fn days_left(topic: &Topic, tz: Tz, now: DateTime<Utc>) -> i64 {
    let last = (utc(topic.closes_at) - chrono::Duration::seconds(1)).with_timezone(&tz).date_naive();
    (last - now.with_timezone(&tz).date_naive()).num_days().max(0)
}

/// A submission as pages show it: never the author's email.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub public_id: String,
    pub title: String,
    pub url: String,
    pub kind: SubmissionKind,
    pub summary: String,
    pub author_name: String,
    pub author_link: Option<String>,
    pub status: SubmissionStatus,
    pub is_pending: bool,
    pub published: Option<String>,
    pub submitted: String,
    pub permalink: String,
    pub decision_reason: Option<String>,
    /// The organiser's note.
    pub note: String,
    /// The piece's language tag, for a `lang` attribute; empty when nobody knows it.
    pub language: String,
    /// That language's name in itself ("日本語"), or its tag.
    pub language_name: String,
    pub highlighted: bool,
    /// An organiser added it for a member.
    pub added_by_organiser: bool,
    /// Its thumbnail, on the club's own address.
    pub thumbnail: Option<String>,
    /// Organisers see whether the link still answers.
    pub link_broken: bool,
    /// The author's page, when the list knows it.
    pub author_url: Option<String>,
}

/// Where a stored thumbnail is served.
pub fn thumbnail_path(key: &str) -> String {
    format!("/media/thumbnails/{key}.jpg")
}

impl EntryView {
    pub fn new(s: &Submission) -> EntryView {
        EntryView {
            public_id: s.public_id.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            kind: s.kind,
            summary: s.summary.clone(),
            author_name: s.author_name.clone(),
            author_link: s.author_link.clone(),
            status: s.status,
            is_pending: s.status == SubmissionStatus::Pending,
            published: s.published_at.map(|p| dates::iso(utc(p))),
            submitted: dates::iso(utc(s.created_at)),
            permalink: format!("/submissions/{}", s.public_id),
            decision_reason: s.decision_reason.clone(),
            note: s.note.clone(),
            language: s.language.clone(),
            language_name: crate::i18n::name_of(&s.language),
            highlighted: s.highlighted,
            added_by_organiser: s.added_by.is_some(),
            thumbnail: s.thumbnail.as_deref().map(thumbnail_path),
            link_broken: s.link_state == LinkState::Broken,
            author_url: None,
        }
    }

    /// Each entry with its author's page, from their slugs by author id.
    pub fn list_with_authors<'a>(
        entries: impl IntoIterator<Item = &'a Submission>,
        slugs: &std::collections::HashMap<i64, String>,
    ) -> Vec<EntryView> {
        entries
            .into_iter()
            .map(|s| EntryView {
                author_url: s.author_id.and_then(|a| slugs.get(&a)).map(|slug| format!("/authors/{slug}")),
                ..EntryView::new(s)
            })
            .collect()
    }

    pub fn list<'a>(entries: impl IntoIterator<Item = &'a Submission>) -> Vec<EntryView> {
        entries.into_iter().map(EntryView::new).collect()
    }
}

/// One choice in a `<select>` or a row of filter links.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The kinds of submission as choices, `selected` marking one; `label` names a kind in the
/// reader's language.
pub fn kind_choices(selected: &str, label: impl Fn(SubmissionKind) -> String) -> Vec<Choice> {
    SubmissionKind::ALL
        .iter()
        .map(|k| Choice { value: k.as_str().into(), label: label(*k), selected: k.as_str() == selected })
        .collect()
}

/// "article" → "Article".
pub fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
