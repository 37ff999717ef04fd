//! Organisers plan the schedule: one topic a month, scheduled, changed, moved, announced and
//! deleted under the same rules from the web, the API and the command line.

use super::{feeds, notify, App};
use crate::db::submissions::Submission;
use crate::db::topics::{NewTopic, Topic, TopicChanges};
use crate::db::translations::TopicTranslation;
use crate::db::{is_unique_violation, AnyConnection};
use crate::domain::month::Month;
use crate::domain::topics::{self as rules, NewTopicPlan, TopicInput, TopicPatch, TopicUpdate, TranslationInput};
use crate::error::{AppError, Message};

pub use crate::domain::topics::status;

/// A unique-index violation that slipped past the checks (two organisers at once): find which.
fn explain_unique(conn: &mut AnyConnection, month: Month, slug: &str, own_id: Option<i64>) -> AppError {
    if let Ok(Some(other)) = Topic::by_month(conn, &month.to_string()) {
        if Some(other.id) != own_id {
            return rules::month_taken(month, &other);
        }
    }
    if let Ok(Some(other)) = Topic::by_slug(conn, slug) {
        if Some(other.id) != own_id {
            return rules::slug_taken(slug, &other);
        }
    }
    AppError::Conflict(Message::new("refused-schedule-changed-meanwhile"))
}

/// Schedules a topic. 409 when the month or an explicit slug is taken; 422 for invalid fields.
pub async fn create(app: &App, input: TopicInput) -> Result<Topic, AppError> {
    let plan = rules::plan_new(input, app.tz())?;
    app.write(move |app, conn| insert(app, conn, plan)).await
}

fn insert(app: &App, conn: &mut AnyConnection, plan: NewTopicPlan) -> Result<Topic, AppError> {
    let month = plan.month;
    if let Some(other) = Topic::by_month(conn, &month.to_string())? {
        return Err(rules::month_taken(month, &other));
    }
    let slug = match plan.slug {
        Some(slug) => match Topic::by_slug(conn, &slug)? {
            Some(other) => return Err(rules::slug_taken(&slug, &other)),
            None => slug,
        },
        None => {
            let derived = rules::slug_from_title(&plan.title, month);
            if Topic::by_slug(conn, &derived)?.is_some() {
                rules::slug_with_month(&derived, month)
            } else {
                derived
            }
        }
    };
    Topic::forget_redirect(conn, &slug)?;
    let now = app.now();
    let at = now.naive_utc();
    let topic = NewTopic {
        slug: &slug,
        month: &month.to_string(),
        title: &plan.title,
        summary: &plan.summary,
        opens_at: plan.opens_at.naive_utc(),
        closes_at: plan.closes_at.naive_utc(),
        announced: plan.announced,
        sequence: 0,
        created_at: at,
        updated_at: at,
        content_changed_at: at,
    }
    .insert(conn)
    .map_err(|e| if is_unique_violation(&e) { explain_unique(conn, month, &slug, None) } else { e.into() })?;
    feeds::content_changed(conn, Some(topic.id), now)?;
    if topic.announced {
        notify::emit(app, conn, &notify::topic_announced(app, &topic))?;
    }
    Ok(topic)
}

/// How a slug resolves: the topic, or the current slug of a renamed topic.
pub enum Lookup {
    Found(Topic),
    Moved(String),
}

/// The topic at `slug`, or where a renamed one moved (drafts' old addresses only for
/// organisers).
pub fn find(conn: &mut AnyConnection, slug: &str, include_drafts: bool) -> Result<Lookup, AppError> {
    if let Some(topic) = Topic::by_slug(conn, slug)? {
        return Ok(Lookup::Found(topic));
    }
    match Topic::slug_for_old(conn, slug, include_drafts)? {
        Some(current) => Ok(Lookup::Moved(current)),
        None => Err(AppError::NotFound),
    }
}

/// The topic at exactly this slug (no redirects), for organisers.
pub async fn get(app: &App, slug: String) -> Result<Topic, AppError> {
    app.read(move |_, conn| Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)).await
}

/// A topic by slug or old slug with its number of published entries; drafts only for
/// organisers.
pub async fn lookup(app: &App, slug: String, organiser: bool) -> Result<(Lookup, i64), AppError> {
    let (found, count) = app
        .read(move |_, conn| {
            let found = find(conn, &slug, organiser)?;
            let count = match &found {
                Lookup::Found(t) => {
                    Submission::count_for_topic(conn, t.id, Some(crate::db::states::SubmissionStatus::Approved))?
                }
                Lookup::Moved(_) => 0,
            };
            Ok((found, count))
        })
        .await?;
    match found {
        Lookup::Found(topic) if !topic.announced && !organiser => Err(AppError::NotFound),
        found => Ok((found, count)),
    }
}

/// Every topic (drafts too when asked) with its number of published entries.
pub async fn list(app: &App, include_drafts: bool) -> Result<Vec<(Topic, i64)>, AppError> {
    app.read(move |_, conn| {
        let counts = Submission::published_counts(conn)?;
        let topics = Topic::all(conn, include_drafts)?;
        Ok(topics
            .into_iter()
            .map(|t| {
                let n = counts.iter().find(|(id, _)| *id == t.id).map_or(0, |(_, n)| *n);
                (t, n)
            })
            .collect())
    })
    .await
}

/// Applies a change. Moving to a taken month or slug is refused (409) and changes nothing.
pub async fn update(app: &App, slug: String, patch: TopicPatch) -> Result<Topic, AppError> {
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let change = rules::plan_change(&topic, &patch, app.tz())?;
        if change.changes_nothing(&topic) {
            return Ok(topic);
        }
        apply(app, conn, &topic, change)
    })
    .await
}

fn apply(app: &App, conn: &mut AnyConnection, topic: &Topic, change: TopicUpdate) -> Result<Topic, AppError> {
    let month = change.month;
    if month.to_string() != topic.month {
        if let Some(other) = Topic::by_month(conn, &month.to_string())? {
            return Err(rules::month_taken(month, &other));
        }
    }
    if change.slug != topic.slug {
        if let Some(other) = Topic::by_slug(conn, &change.slug)? {
            return Err(rules::slug_taken(&change.slug, &other));
        }
    }
    let now = app.now();
    let month_text = month.to_string();
    // Calendar clients only take an update whose SEQUENCE is higher.
    let changes = TopicChanges {
        slug: &change.slug,
        month: &month_text,
        title: &change.title,
        summary: &change.summary,
        opens_at: change.opens_at,
        closes_at: change.closes_at,
        announced: change.announced,
        sequence: topic.sequence + 1,
        updated_at: now.naive_utc(),
    };
    Topic::update(conn, topic.id, &changes).map_err(|e| {
        if is_unique_violation(&e) {
            explain_unique(conn, month, &change.slug, Some(topic.id))
        } else {
            e.into()
        }
    })?;
    if change.slug != topic.slug {
        Topic::record_rename(conn, topic.id, &topic.slug, &change.slug)?;
    }
    feeds::content_changed(conn, Some(topic.id), now)?;
    let updated = Topic::by_id(conn, topic.id)?.ok_or(AppError::NotFound)?;
    if updated.announced && !topic.announced {
        notify::emit(app, conn, &notify::topic_announced(app, &updated))?;
    }
    Ok(updated)
}

/// Makes a draft public.
pub async fn announce(app: &App, slug: String) -> Result<Topic, AppError> {
    update(app, slug, TopicPatch { announced: Some(true), ..TopicPatch::default() }).await
}

/// Deletes a topic; refused while submissions point at it.
pub async fn delete(app: &App, slug: String) -> Result<Topic, AppError> {
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let count = Submission::count_for_topic(conn, topic.id, None)?;
        if count > 0 {
            return Err(rules::deletion_refused(&topic, count));
        }
        Topic::delete(conn, topic.id)?;
        feeds::content_changed(conn, None, app.now())?;
        Ok(topic)
    })
    .await
}

/// Gives a topic its title and summary in a further language (replacing an earlier one).
/// Pages in that language show them; readers of other languages see the topic's own.
pub async fn translate(
    app: &App,
    slug: String,
    language: String,
    input: TranslationInput,
) -> Result<TopicTranslation, AppError> {
    let own = app.renderer.catalog().default_language();
    let valid = input.validate(&language, own).map_err(AppError::Validation)?;
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let now = app.now().naive_utc();
        TopicTranslation::put(conn, topic.id, valid.language, &valid.title, &valid.summary, now)?;
        // Pages in that language change (feeds are in the club's own language).
        feeds::content_changed(conn, None, app.now())?;
        let stored = TopicTranslation::of_topic(conn, topic.id)?.into_iter().find(|t| t.language == valid.language);
        stored.ok_or(AppError::NotFound)
    })
    .await
}

/// Removes a topic's translation into `language`; 404 when it has none.
pub async fn remove_translation(app: &App, slug: String, language: String) -> Result<(), AppError> {
    app.write(move |app, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        match TopicTranslation::delete(conn, topic.id, &language)? {
            0 => Err(AppError::NotFound),
            _ => feeds::content_changed(conn, None, app.now()),
        }
    })
    .await
}

/// A topic (at exactly this slug) and every translation of it.
pub async fn translations(app: &App, slug: String) -> Result<(Topic, Vec<TopicTranslation>), AppError> {
    app.read(move |_, conn| {
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let all = TopicTranslation::of_topic(conn, topic.id)?;
        Ok((topic, all))
    })
    .await
}

/// The topics as readers of `language` see them: the title and summary of their translation
/// where there is one, the topic's own otherwise.
pub fn translated(
    app: &App,
    conn: &mut AnyConnection,
    topics: Vec<Topic>,
    language: &str,
) -> Result<Vec<Topic>, AppError> {
    let Some(language) = crate::i18n::supported(language) else { return Ok(topics) };
    if language == app.renderer.catalog().default_language() || topics.is_empty() {
        return Ok(topics);
    }
    let ids: Vec<i64> = topics.iter().map(|t| t.id).collect();
    let found = TopicTranslation::for_topics(conn, &ids, language)?;
    Ok(topics
        .into_iter()
        .map(|mut topic| {
            if let Some(t) = found.iter().find(|t| t.topic_id == topic.id) {
                topic.title = t.title.clone();
                // An empty translated summary keeps the topic's own.
                if !t.summary.trim().is_empty() {
                    topic.summary = t.summary.clone();
                }
            }
            topic
        })
        .collect())
}
