//! Topics: one per month, a submission window, a slug that may change (old slugs keep
//! answering), drafts until announced. Status is derived from the window and the clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::month::Month;
use crate::db::topics::Topic;
use crate::error::{AppError, FieldErrors, Message};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SLUG_CHARS: usize = 80;
pub const MAX_SUMMARY_CHARS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
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
/// "non-technical-platform-engineering". Letters of other scripts are spelt in Latin letters
/// (`deunicode`): "Zoë" → "zoe", "Łódź" → "lodz", "山田太郎" → "shan-tian-tai-lang".
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    let mut push_latin = |text: &str| {
        for l in text.chars() {
            out.push(if l.is_ascii_alphanumeric() { l.to_ascii_lowercase() } else { '-' });
        }
    };
    for c in title.chars() {
        match c {
            '\'' | '’' | '“' | '”' | '"' => {}
            c if c.is_ascii() => push_latin(c.encode_utf8(&mut [0; 4])),
            c if c.is_alphabetic() => push_latin(deunicode::deunicode_char(c).unwrap_or("-")),
            _ => push_latin("-"),
        }
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

pub fn check_slug(slug: &str) -> Result<(), Message> {
    if slug.is_empty() {
        return Err(Message::new("invalid-slug-empty"));
    }
    if slug.len() > MAX_SLUG_CHARS {
        return Err(Message::new("invalid-slug-too-long").arg("max", MAX_SLUG_CHARS));
    }
    let shape_ok =
        slug.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !shape_ok {
        return Err(Message::new("invalid-slug-shape"));
    }
    if ["feed", "new", "admin"].contains(&slug) {
        return Err(Message::new("invalid-slug-reserved").arg("slug", slug));
    }
    Ok(())
}

pub fn check_title(title: &str, errors: &mut FieldErrors) -> String {
    let title = super::text::visible(title);
    let title = title.trim();
    if title.is_empty() {
        errors.insert("title".into(), Message::new("invalid-title-empty"));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.insert("title".into(), Message::new("invalid-title-too-long").arg("max", MAX_TITLE_CHARS));
    } else if title.chars().any(char::is_control) {
        errors.insert("title".into(), Message::new("invalid-title-control"));
    }
    title.to_owned()
}

pub fn check_summary(summary: &str, errors: &mut FieldErrors) -> String {
    let summary = super::text::visible(&summary.replace("\r\n", "\n"));
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        errors.insert("summary".into(), Message::new("invalid-summary-too-long").arg("max", MAX_SUMMARY_CHARS));
    } else if summary.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        errors.insert("summary".into(), Message::new("invalid-summary-control"));
    }
    summary.trim().to_owned()
}

/// A topic's title and summary in a further language, checked like the topic's own.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranslationInput {
    pub title: String,
    pub summary: String,
}

/// A checked translation: its language tag (one readers can choose, not the club's own, which
/// the topic itself is written in), title and summary.
pub struct ValidTranslation {
    pub language: &'static str,
    pub title: String,
    pub summary: String,
}

impl TranslationInput {
    /// `language` must be one the club offers readers and not `own` (the club's language).
    pub fn validate(&self, language: &str, own: &str) -> Result<ValidTranslation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let tag = crate::i18n::LANGUAGES.iter().find(|l| l.tag.eq_ignore_ascii_case(language)).map(|l| l.tag);
        match tag {
            None => {
                let tags: Vec<&str> = crate::i18n::LANGUAGES.iter().map(|l| l.tag).filter(|t| *t != own).collect();
                errors.insert(
                    "language".into(),
                    Message::new("invalid-translation-language").arg("languages", tags.join(", ")),
                );
            }
            Some(t) if t == own => {
                errors.insert("language".into(), Message::new("invalid-translation-own-language").arg("language", own));
            }
            Some(_) => {}
        }
        let title = check_title(&self.title, &mut errors);
        let summary = check_summary(&self.summary, &mut errors);
        match tag {
            Some(language) if errors.is_empty() => Ok(ValidTranslation { language, title, summary }),
            _ => Err(errors),
        }
    }
}

/// The refusal for a month that already has a topic.
pub fn month_taken(month: Month, other: &Topic) -> AppError {
    AppError::FieldConflict {
        field: "month",
        message: Message::new("refused-domain-month-taken")
            .arg("year", month.year)
            .arg("month", month.month)
            .arg("title", other.title.as_str())
            .arg("slug", other.slug.as_str()),
    }
}

/// The refusal for a slug another topic uses.
pub fn slug_taken(slug: &str, other: &Topic) -> AppError {
    AppError::FieldConflict {
        field: "slug",
        message: Message::new("refused-domain-slug-taken")
            .arg("slug", slug)
            .arg("title", other.title.as_str())
            .arg("month", other.month.as_str()),
    }
}

/// A new topic that passed every field check; the slug is either the organiser's or to be
/// derived from the title once the database says which are free.
#[derive(Debug, Clone)]
pub struct NewTopicPlan {
    pub month: Month,
    pub title: String,
    pub summary: String,
    pub slug: Option<String>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub announced: bool,
}

/// Checks a new topic's fields; the month's default window fills what is not given.
pub fn plan_new(input: TopicInput, tz: Tz) -> Result<NewTopicPlan, AppError> {
    let mut errors = FieldErrors::new();
    let month = Month::parse(&input.month).map_err(|m| errors.insert("month".into(), m)).ok();
    let title = check_title(&input.title, &mut errors);
    let summary = check_summary(input.summary.as_deref().unwrap_or(""), &mut errors);
    let slug = input.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(slug) = &slug {
        if let Err(m) = check_slug(slug) {
            errors.insert("slug".into(), m);
        }
    }
    let Some(month) = month.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let (default_opens, default_closes) = month.window_in(tz);
    let opens_at = input.opens_at.unwrap_or(default_opens);
    let closes_at = input.closes_at.unwrap_or(default_closes);
    if opens_at >= closes_at {
        return Err(AppError::field("closes_at", Message::new("invalid-window-order")));
    }
    Ok(NewTopicPlan { month, title, summary, slug, opens_at, closes_at, announced: input.announced })
}

/// The slug for a topic without one given: from the title (or the month, when the title has no
/// letters to make one of).
pub fn slug_from_title(title: &str, month: Month) -> String {
    Some(slugify(title)).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("topic-{month}"))
}

/// The same slug with the month added, for when another topic has it.
pub fn slug_with_month(slug: &str, month: Month) -> String {
    format!("{}-{month}", &slug[..slug.len().min(MAX_SLUG_CHARS - 8)].trim_end_matches('-'))
}

/// A topic as a change leaves it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicUpdate {
    pub month: Month,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub opens_at: chrono::NaiveDateTime,
    pub closes_at: chrono::NaiveDateTime,
    pub announced: bool,
}

/// Applies a patch to a topic's fields (the database checks for taken months and slugs come
/// after). A window that was the old month's default moves with the month.
pub fn plan_change(topic: &Topic, patch: &TopicPatch, tz: Tz) -> Result<TopicUpdate, AppError> {
    let mut errors = FieldErrors::new();
    let old_month = month_of(topic);
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
    let slug = match patch.slug.as_deref().map(str::trim) {
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
    let (old_opens, old_closes) = old_month.window_in(tz);
    let had_default_window = topic.opens_at == old_opens.naive_utc() && topic.closes_at == old_closes.naive_utc();
    let (default_opens, default_closes) = month.window_in(tz);
    let keep_or_move = |current: chrono::NaiveDateTime, default: DateTime<Utc>| {
        if month != old_month && had_default_window {
            default.naive_utc()
        } else {
            current
        }
    };
    let window = |given: Option<Option<DateTime<Utc>>>, current, default: DateTime<Utc>| match given {
        Some(Some(t)) => t.naive_utc(),
        Some(None) => default.naive_utc(),
        None => keep_or_move(current, default),
    };
    let opens_at = window(patch.opens_at, topic.opens_at, default_opens);
    let closes_at = window(patch.closes_at, topic.closes_at, default_closes);
    if opens_at >= closes_at {
        return Err(AppError::field("closes_at", Message::new("invalid-window-order")));
    }
    let announced = patch.announced.unwrap_or(topic.announced);
    Ok(TopicUpdate { month, slug, title, summary, opens_at, closes_at, announced })
}

impl TopicUpdate {
    /// Whether the change leaves the topic as it was.
    pub fn changes_nothing(&self, topic: &Topic) -> bool {
        self.slug == topic.slug
            && self.month.to_string() == topic.month
            && self.title == topic.title
            && self.summary == topic.summary
            && self.opens_at == topic.opens_at
            && self.closes_at == topic.closes_at
            && self.announced == topic.announced
    }
}

/// The refusal to delete a topic that has submissions.
pub fn deletion_refused(topic: &Topic, submissions: i64) -> AppError {
    AppError::Conflict(
        Message::new("refused-domain-topic-has-submissions")
            .arg("title", topic.title.as_str())
            .arg("count", submissions),
    )
}

/// The public view of the schedule at `now`.
pub struct Schedule {
    pub open: Option<Topic>,
    pub upcoming: Vec<Topic>,
    pub past: Vec<Topic>,
}

/// Sorts topics (oldest month first) into the open one, those to come and those past (newest
/// first).
pub fn schedule(topics: Vec<Topic>, now: DateTime<Utc>) -> Schedule {
    let mut open = None;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for topic in topics {
        match status(&topic, now) {
            TopicStatus::Open if open.is_none() => open = Some(topic),
            TopicStatus::Open | TopicStatus::Upcoming => upcoming.push(topic),
            TopicStatus::Closed => past.push(topic),
        }
    }
    past.reverse();
    Schedule { open, upcoming, past }
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
        assert_eq!(slugify("Łódź, Ærø and Straße"), "lodz-aero-and-strasse");
        assert_eq!(slugify("平台工程的下一步"), "ping-tai-gong-cheng-de-xia-yi-bu");
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
