//! The rules of notifications: which destinations a club can have and what a valid one is, when
//! the time-based events fall due (a topic opened; N days before it closes, in the club's time
//! zone), what a receiver's answer means (delivered, try again and when, or give up), and how
//! long to wait between attempts.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::links::normalise_url;
use crate::db::states::{DestinationKind, EventKind};
use crate::db::topics::Topic;
use crate::error::{FieldErrors, Message};

/// The longest name an organiser may give a destination.
pub const MAX_LABEL_CHARS: usize = 100;

/// How many days before a topic closes its reminder may go out.
pub const MIN_REMINDER_DAYS: i32 = 1;
pub const MAX_REMINDER_DAYS: i32 = 30;

/// The events an organiser can choose (the test message is not one).
pub const CHOOSABLE: [EventKind; 8] = [
    EventKind::TopicAnnounced,
    EventKind::TopicOpened,
    EventKind::TopicClosingSoon,
    EventKind::EntryPending,
    EventKind::EntryPublished,
    EventKind::RoundupPublished,
    EventKind::DigestSent,
    EventKind::LinkBroken,
];

/// A destination as an organiser describes it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DestinationInput {
    pub kind: String,
    pub url: String,
    pub label: String,
    pub events: Vec<String>,
    pub language: String,
    pub reminder_days: Option<i32>,
}

/// A destination that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDestination {
    pub kind: DestinationKind,
    pub url: String,
    pub label: String,
    pub events: Vec<EventKind>,
    pub language: String,
    pub reminder_days: Option<i32>,
}

impl DestinationInput {
    pub fn validate(&self, default_language: &str) -> Result<ValidDestination, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = DestinationKind::parse(self.kind.trim())
            .map_err(|_| {
                let names: Vec<&str> = DestinationKind::ALL.iter().map(|k| k.as_str()).collect();
                errors.insert("kind".into(), Message::new("invalid-destination-kind").arg("kinds", names.join(", ")))
            })
            .ok();
        let url = match normalise_url(&self.url) {
            Ok(url) if url.starts_with("https://") || url.starts_with("http://") => url,
            Ok(_) => String::new(),
            Err(message) => {
                errors.insert("url".into(), message);
                String::new()
            }
        };
        let label = super::text::visible(&self.label).trim().to_owned();
        if label.chars().count() > MAX_LABEL_CHARS || label.chars().any(char::is_control) {
            errors.insert("label".into(), Message::new("invalid-destination-label").arg("max", MAX_LABEL_CHARS));
        }
        let mut events = Vec::new();
        for name in &self.events {
            match EventKind::parse(name.trim()).ok().filter(|e| CHOOSABLE.contains(e)) {
                Some(event) if !events.contains(&event) => events.push(event),
                Some(_) => {}
                None => {
                    let names: Vec<&str> = CHOOSABLE.iter().map(|k| k.as_str()).collect();
                    errors.insert(
                        "events".into(),
                        Message::new("invalid-destination-event")
                            .arg("event", name.as_str())
                            .arg("events", names.join(", ")),
                    );
                }
            }
        }
        if events.is_empty() && !errors.contains_key("events") {
            errors.insert("events".into(), Message::new("invalid-destination-events-empty"));
        }
        let language = super::entries::check_language(&self.language)
            .map_err(|m| errors.insert("language".into(), m))
            .unwrap_or_default();
        let language = if language.is_empty() { default_language.to_owned() } else { language };
        let reminder_days = match self.reminder_days {
            Some(days) if !(MIN_REMINDER_DAYS..=MAX_REMINDER_DAYS).contains(&days) => {
                errors.insert(
                    "reminder_days".into(),
                    Message::new("invalid-destination-reminder-days")
                        .arg("min", MIN_REMINDER_DAYS)
                        .arg("max", MAX_REMINDER_DAYS),
                );
                None
            }
            Some(days) => Some(days),
            None if events.contains(&EventKind::TopicClosingSoon) => Some(3),
            None => None,
        };
        match kind {
            Some(kind) if errors.is_empty() => {
                let label = if label.is_empty() { default_label(kind, &url) } else { label };
                Ok(ValidDestination { kind, url, label, events, language, reminder_days })
            }
            _ => Err(errors),
        }
    }
}

/// "Slack (hooks.slack.com)" for a destination nobody named.
fn default_label(kind: DestinationKind, url: &str) -> String {
    let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default();
    format!("{kind} ({host})")
}

/// Events as stored: names joined by commas.
pub fn events_text(events: &[EventKind]) -> String {
    events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",")
}

/// Whether `topic` has opened by `now` (and not closed).
pub fn has_opened(topic: &Topic, now: DateTime<Utc>) -> bool {
    let now = now.naive_utc();
    topic.announced && topic.opens_at <= now && now < topic.closes_at
}

/// When the reminder `days` before `topic` closes falls: the same local time of day as the
/// close, `days` calendar days earlier in the club's zone (so a change of summer time between
/// them does not move it by an hour).
pub fn reminder_at(topic: &Topic, days: i32, tz: Tz) -> NaiveDateTime {
    let local_close = Utc.from_utc_datetime(&topic.closes_at).with_timezone(&tz).naive_local();
    let local = local_close - Duration::days(i64::from(days));
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc).naive_utc())
        .unwrap_or(topic.closes_at - Duration::days(i64::from(days)))
}

/// Whether the reminder is due now: its time has come and the topic is still open.
pub fn reminder_due(topic: &Topic, days: i32, tz: Tz, now: DateTime<Utc>) -> bool {
    let now = now.naive_utc();
    topic.announced && reminder_at(topic, days, tz) <= now && now < topic.closes_at
}

/// What an attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Delivered,
    /// Try again, not before this many seconds from now.
    RetryAfter(i64),
    /// A final refusal (4xx other than 408 and 429).
    Refused,
}

/// The wait before attempt `attempts + 1`: `base` doubled per attempt so far, at most six hours.
pub fn backoff(attempts: i32, base: Duration) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(16);
    (base * 2_i32.pow(doublings)).min(Duration::hours(6))
}

/// What a receiver's answer means: 2xx delivered; 429 and 408, 5xx and no answer at all try
/// again (429 not before its `Retry-After`); other 4xx are final.
pub fn answer(status: Option<u16>, retry_after: Option<i64>, attempts: i32, base: Duration) -> Answer {
    let wait = backoff(attempts, base).num_seconds();
    match status {
        Some(200..=299) => Answer::Delivered,
        Some(429) => Answer::RetryAfter(retry_after.unwrap_or(wait)),
        Some(408) | Some(500..=599) | None => Answer::RetryAfter(wait),
        Some(_) => Answer::Refused,
    }
}

/// A `Retry-After` header: seconds, or an HTTP date; how many seconds from `now`.
pub fn retry_after(header: &str, now: DateTime<Utc>) -> Option<i64> {
    let header = header.trim();
    if let Ok(seconds) = header.parse::<i64>() {
        return Some(seconds.clamp(0, 24 * 3600));
    }
    DateTime::parse_from_rfc2822(header).ok().map(|at| (at.with_timezone(&Utc) - now).num_seconds().clamp(0, 24 * 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_decide_what_happens_next() {
        let base = Duration::seconds(30);
        assert_eq!(answer(Some(204), None, 1, base), Answer::Delivered);
        assert_eq!(answer(Some(500), None, 1, base), Answer::RetryAfter(30));
        assert_eq!(answer(Some(503), None, 3, base), Answer::RetryAfter(120));
        assert_eq!(answer(None, None, 2, base), Answer::RetryAfter(60));
        assert_eq!(answer(Some(408), None, 1, base), Answer::RetryAfter(30));
        assert_eq!(answer(Some(429), Some(120), 1, base), Answer::RetryAfter(120), "Retry-After is honoured");
        assert_eq!(answer(Some(429), Some(2), 1, Duration::seconds(1)), Answer::RetryAfter(2));
        assert_eq!(answer(Some(404), None, 1, base), Answer::Refused);
        assert_eq!(answer(Some(410), None, 1, base), Answer::Refused);
        assert_eq!(backoff(40, base), Duration::hours(6), "at most six hours");
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).single().expect("valid");
        assert_eq!(retry_after("2", now), Some(2));
        assert_eq!(retry_after("Sat, 01 Mar 2025 12:01:00 GMT", now), Some(60));
        assert_eq!(retry_after("soon", now), None);
    }

    fn topic(closes: NaiveDateTime) -> Topic {
        let t = closes - Duration::days(30);
        Topic {
            id: 1,
            slug: "t".into(),
            month: "2025-03".into(),
            title: "T".into(),
            summary: String::new(),
            opens_at: t,
            closes_at: closes,
            announced: true,
            sequence: 0,
            created_at: t,
            updated_at: t,
            content_version: 1,
            content_changed_at: t,
        }
    }

    #[test]
    fn reminders_fall_days_before_the_close_in_the_club_zone() {
        // Closes 1 April 2025 00:00 in Berlin (22:00 UTC the day before, summer time); three days
        // earlier is 29 March 00:00 local: 23:00 UTC on the 28th, winter time.
        let tz: Tz = "Europe/Berlin".parse().expect("zone");
        let closes = Utc.with_ymd_and_hms(2025, 3, 31, 22, 0, 0).single().expect("valid").naive_utc();
        let at = reminder_at(&topic(closes), 3, tz);
        assert_eq!(at, Utc.with_ymd_and_hms(2025, 3, 28, 23, 0, 0).single().expect("valid").naive_utc());
        let before = Utc.with_ymd_and_hms(2025, 3, 28, 22, 59, 0).single().expect("valid");
        assert!(!reminder_due(&topic(closes), 3, tz, before));
        assert!(reminder_due(&topic(closes), 3, tz, before + Duration::minutes(1)));
        assert!(!reminder_due(&topic(closes), 3, tz, Utc.from_utc_datetime(&closes)), "not after the close");
    }

    #[test]
    fn destinations_are_checked_whole() {
        let bad = DestinationInput {
            kind: "fax".into(),
            url: "ftp://x".into(),
            events: vec!["nope".into()],
            reminder_days: Some(90),
            ..Default::default()
        };
        let errors = bad.validate("en").expect_err("invalid");
        for field in ["kind", "url", "events", "reminder_days"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
        let good = DestinationInput {
            kind: "slack".into(),
            url: "https://hooks.slack.com/services/T/B/X".into(),
            events: vec!["topic.closing_soon".into(), "entry.published".into()],
            ..Default::default()
        };
        let valid = good.validate("de").expect("valid");
        assert_eq!((valid.reminder_days, valid.language.as_str()), (Some(3), "de"));
        assert_eq!(valid.label, "slack (hooks.slack.com)");
    }
}
