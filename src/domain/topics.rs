//! Topics: one per month, a submission window, a slug that may change (old slugs keep
//! answering), drafts until announced. Status is derived from the window and the clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::month::Month;
use crate::db::topics::{NewTopic, Topic, TopicChanges};
use crate::db::{is_unique_violation, AnyConnection};
use crate::error::{AppError, FieldErrors};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SLUG_CHARS: usize = 80;
pub const MAX_SUMMARY_CHARS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicStatus {
    Upcoming,
    Open,
    Closed,
}

impl TopicStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TopicStatus::Upcoming => "upcoming",
            TopicStatus::Open => "open",
            TopicStatus::Closed => "closed",
        }
    }
}

/// Where a topic stands at `now`: before its window, inside it, or after it.
pub fn status(topic: &Topic, now: DateTime<Utc>) -> TopicStatus {
    let now = now.naive_utc();
    if now < topic.opens_at {
        TopicStatus::Upcoming
    } else if now < topic.closes_at {
        TopicStatus::Open
    } else {
        TopicStatus::Closed
    }
}

pub fn month_of(topic: &Topic) -> Month {
    Month::parse(&topic.month).unwrap_or(Month { year: 1970, month: 1 })
}

/// A new topic as asked for; optional fields take their defaults.
#[derive(Debug, Clone, Default)]
pub struct TopicInput {
    pub month: String,
    pub title: String,
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub announced: bool,
}

/// A change to a topic: `None` keeps a field. For the window, `Some(None)` means "the default
/// window of the (new) month".
#[derive(Debug, Clone, Default)]
pub struct TopicPatch {
    pub month: Option<String>,
    pub title: Option<String>,
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub opens_at: Option<Option<DateTime<Utc>>>,
    pub closes_at: Option<Option<DateTime<Utc>>>,
    pub announced: Option<bool>,
}

/// A lowercase, hyphenated slug from a title: "“non-technical” Platform Engineering" →
/// "non-technical-platform-engineering".
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            '\'' | '’' | '“' | '”' | '"' => "",
            _ => "-",
        };
        out.push_str(mapped);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if slug.len() + part.len() + 1 > MAX_SLUG_CHARS {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug
}

pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("Enter a slug, or leave it empty to derive one from the title.".into());
    }
    if slug.len() > MAX_SLUG_CHARS {
        return Err(format!("A slug may have at most {MAX_SLUG_CHARS} characters."));
    }
    let shape_ok =
        slug.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !shape_ok {
        return Err("Use lowercase letters, digits and single hyphens, e.g. metrics-that-matter.".into());
    }
    if ["feed", "new", "admin"].contains(&slug) {
        return Err(format!("'{slug}' is reserved; choose another slug."));
    }
    Ok(())
}

fn check_title(title: &str, errors: &mut FieldErrors) -> String {
    let title = title.trim();
    if title.is_empty() {
        errors.insert("title".into(), "Enter a title.".into());
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.insert("title".into(), format!("A title may have at most {MAX_TITLE_CHARS} characters."));
    } else if title.chars().any(char::is_control) {
        errors.insert("title".into(), "A title cannot contain control characters or line breaks.".into());
    }
    title.to_owned()
}

fn check_summary(summary: &str, errors: &mut FieldErrors) -> String {
    let summary = summary.replace("\r\n", "\n");
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        errors.insert("summary".into(), format!("The summary may have at most {MAX_SUMMARY_CHARS} characters."));
    } else if summary.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        errors.insert("summary".into(), "The summary cannot contain control characters.".into());
    }
    summary.trim().to_owned()
}

/// The message for a month that already has a topic.
fn month_taken(month: Month, other: &Topic) -> AppError {
    AppError::FieldConflict {
        field: "month",
        message: format!("{} already has a topic: “{}” ({}).", month.long_name(), other.title, other.slug),
    }
}

fn slug_taken(slug: &str, other: &Topic) -> AppError {
    AppError::FieldConflict {
        field: "slug",
        message: format!("The slug '{slug}' is taken by “{}” ({}).", other.title, other.month),
    }
}

/// A unique-index violation that slipped past the checks (two organisers at once): find which.
fn explain_unique(conn: &mut AnyConnection, month: Month, slug: &str, own_id: Option<i64>) -> AppError {
    if let Ok(Some(other)) = Topic::by_month(conn, &month.to_string()) {
        if Some(other.id) != own_id {
            return month_taken(month, &other);
        }
    }
    if let Ok(Some(other)) = Topic::by_slug(conn, slug) {
        if Some(other.id) != own_id {
            return slug_taken(slug, &other);
        }
    }
    AppError::Conflict("Another change to the schedule happened at the same time; try again.".into())
}

/// Creates a topic. 409 when the month or an explicit slug is taken; 422 for invalid fields.
pub fn create_topic(
    conn: &mut AnyConnection,
    input: TopicInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Topic, AppError> {
    let mut errors = FieldErrors::new();
    let month = Month::parse(&input.month).map_err(|m| errors.insert("month".into(), m)).ok();
    let title = check_title(&input.title, &mut errors);
    let summary = check_summary(input.summary.as_deref().unwrap_or(""), &mut errors);
    let explicit_slug = input.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(slug) = &explicit_slug {
        if let Err(m) = check_slug(slug) {
            errors.insert("slug".into(), m);
        }
    }
    let Some(month) = month.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let (default_opens, default_closes) = month.window_in(tz);
    let opens = input.opens_at.unwrap_or(default_opens);
    let closes = input.closes_at.unwrap_or(default_closes);
    if opens >= closes {
        return Err(AppError::field("closes_at", "The window must close after it opens."));
    }

    crate::db::write_transaction(conn, |conn| {
        if let Some(other) = Topic::by_month(conn, &month.to_string())? {
            return Err(month_taken(month, &other));
        }
        let slug = match explicit_slug {
            Some(slug) => {
                if let Some(other) = Topic::by_slug(conn, &slug)? {
                    return Err(slug_taken(&slug, &other));
                }
                slug
            }
            None => {
                let derived =
                    Some(slugify(&title)).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("topic-{month}"));
                if Topic::by_slug(conn, &derived)?.is_some() {
                    format!("{}-{month}", &derived[..derived.len().min(MAX_SLUG_CHARS - 8)].trim_end_matches('-'))
                } else {
                    derived
                }
            }
        };
        Topic::forget_redirect(conn, &slug)?;
        let now = now.naive_utc();
        NewTopic {
            slug: &slug,
            month: &month.to_string(),
            title: &title,
            summary: &summary,
            opens_at: opens.naive_utc(),
            closes_at: closes.naive_utc(),
            announced: input.announced,
            sequence: 0,
            created_at: now,
            updated_at: now,
        }
        .insert(conn)
        .map_err(|e| if is_unique_violation(&e) { explain_unique(conn, month, &slug, None) } else { e.into() })
    })
}

/// How a slug resolves: the topic, or the current slug of a renamed topic.
pub enum Lookup {
    Found(Topic),
    Moved(String),
}

pub fn find_topic(conn: &mut AnyConnection, slug: &str) -> Result<Lookup, AppError> {
    if let Some(topic) = Topic::by_slug(conn, slug)? {
        return Ok(Lookup::Found(topic));
    }
    match Topic::slug_for_old(conn, slug)? {
        Some(current) => Ok(Lookup::Moved(current)),
        None => Err(AppError::NotFound),
    }
}

/// The topic at exactly this slug (no redirects), for changes.
fn topic_at(conn: &mut AnyConnection, slug: &str) -> Result<Topic, AppError> {
    Topic::by_slug(conn, slug)?.ok_or(AppError::NotFound)
}

/// Applies a change. Moving to a taken month or slug is refused (409) and changes nothing.
pub fn update_topic(
    conn: &mut AnyConnection,
    slug: &str,
    patch: TopicPatch,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Topic, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let topic = topic_at(conn, slug)?;
        let mut errors = FieldErrors::new();
        let old_month = month_of(&topic);
        let month = match &patch.month {
            Some(text) => Month::parse(text).map_err(|m| errors.insert("month".into(), m)).unwrap_or(old_month),
            None => old_month,
        };
        let title = match &patch.title {
            Some(t) => check_title(t, &mut errors),
            None => topic.title.clone(),
        };
        let summary = match &patch.summary {
            Some(s) => check_summary(s, &mut errors),
            None => topic.summary.clone(),
        };
        let new_slug = match patch.slug.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => {
                if let Err(m) = check_slug(s) {
                    errors.insert("slug".into(), m);
                }
                s.to_owned()
            }
            _ => topic.slug.clone(),
        };
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }

        // A window that was the old month's default moves with the month.
        let (old_default_opens, old_default_closes) = old_month.window_in(tz);
        let had_default_window =
            topic.opens_at == old_default_opens.naive_utc() && topic.closes_at == old_default_closes.naive_utc();
        let (default_opens, default_closes) = month.window_in(tz);
        let keep_or_move = |current: chrono::NaiveDateTime, default: DateTime<Utc>| {
            if month != old_month && had_default_window {
                default.naive_utc()
            } else {
                current
            }
        };
        let opens = match patch.opens_at {
            Some(Some(t)) => t.naive_utc(),
            Some(None) => default_opens.naive_utc(),
            None => keep_or_move(topic.opens_at, default_opens),
        };
        let closes = match patch.closes_at {
            Some(Some(t)) => t.naive_utc(),
            Some(None) => default_closes.naive_utc(),
            None => keep_or_move(topic.closes_at, default_closes),
        };
        if opens >= closes {
            return Err(AppError::field("closes_at", "The window must close after it opens."));
        }
        if month != old_month {
            if let Some(other) = Topic::by_month(conn, &month.to_string())? {
                return Err(month_taken(month, &other));
            }
        }
        if new_slug != topic.slug {
            if let Some(other) = Topic::by_slug(conn, &new_slug)? {
                return Err(slug_taken(&new_slug, &other));
            }
        }
        let announced = patch.announced.unwrap_or(topic.announced);
        let month_text = month.to_string();
        let changes = TopicChanges {
            slug: &new_slug,
            month: &month_text,
            title: &title,
            summary: &summary,
            opens_at: opens,
            closes_at: closes,
            announced,
            sequence: topic.sequence,
            updated_at: topic.updated_at,
        };
        let changed = changes.slug != topic.slug
            || changes.month != topic.month
            || changes.title != topic.title
            || changes.summary != topic.summary
            || changes.opens_at != topic.opens_at
            || changes.closes_at != topic.closes_at
            || changes.announced != topic.announced;
        if !changed {
            return Ok(topic);
        }
        // Calendar clients only take an update whose SEQUENCE is higher.
        let changes = TopicChanges { sequence: topic.sequence + 1, updated_at: now.naive_utc(), ..changes };
        Topic::update(conn, topic.id, &changes).map_err(|e| {
            if is_unique_violation(&e) {
                explain_unique(conn, month, &new_slug, Some(topic.id))
            } else {
                e.into()
            }
        })?;
        if new_slug != topic.slug {
            Topic::record_rename(conn, topic.id, &topic.slug, &new_slug)?;
        }
        Topic::by_id(conn, topic.id)?.ok_or(AppError::NotFound)
    })
}

/// Deletes a topic; refused while submissions point at it.
pub fn delete_topic(conn: &mut AnyConnection, slug: &str) -> Result<Topic, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let topic = topic_at(conn, slug)?;
        let count = crate::db::submissions::Submission::count_for_topic(conn, topic.id, None)?;
        if count > 0 {
            return Err(AppError::Conflict(format!(
                "“{}” has {count} submission{}; it cannot be deleted. Move it to another month, or make it a draft, instead.",
                topic.title,
                if count == 1 { "" } else { "s" }
            )));
        }
        Topic::delete(conn, topic.id)?;
        Ok(topic)
    })
}

/// The public view of the schedule at `now`.
pub struct Schedule {
    pub open: Option<Topic>,
    pub upcoming: Vec<Topic>,
    pub past: Vec<Topic>,
}

pub fn schedule(conn: &mut AnyConnection, include_drafts: bool, now: DateTime<Utc>) -> Result<Schedule, AppError> {
    let mut open = None;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for topic in Topic::all(conn, include_drafts)? {
        match status(&topic, now) {
            TopicStatus::Open if open.is_none() => open = Some(topic),
            TopicStatus::Open | TopicStatus::Upcoming => upcoming.push(topic),
            TopicStatus::Closed => past.push(topic),
        }
    }
    past.reverse();
    Ok(Schedule { open, upcoming, past })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_titles() {
        assert_eq!(slugify("Team Topologies in the Real World"), "team-topologies-in-the-real-world");
        assert_eq!(slugify("“non-technical” Platform Engineering"), "non-technical-platform-engineering");
        assert_eq!(slugify("How can AI help your platform engineers?"), "how-can-ai-help-your-platform-engineers");
        assert_eq!(slugify("Café & Crème — 2025"), "cafe-creme-2025");
        assert_eq!(slugify("🚀🚀"), "");
        assert!(slugify(&"word ".repeat(40)).len() <= MAX_SLUG_CHARS);
    }

    #[test]
    fn slugs_are_checked() {
        assert!(check_slug("metrics-that-matter").is_ok());
        for bad in ["", "Metrics", "a--b", "-a", "a-", "a b", "a_b", "feed", "ä"] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
