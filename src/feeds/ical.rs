//! `/schedule.ics` (RFC 5545): per announced topic, one event spanning its submission window and
//! an all-day event on its last day to submit (so that a calendar shows the deadline, not only a
//! month-long bar), in the club's zone with a VTIMEZONE describing that zone's offsets over the
//! years covered.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::documents::SiteInfo;
use crate::db::topics::Topic;
use crate::render::markdown;

/// One calendar event's facts.
pub struct CalendarEvent<'a> {
    pub topic: &'a Topic,
    pub url: String,
}

/// The whole calendar: CRLF line endings, lines folded at 75 octets.
/// Its words are in the club's language.
pub fn schedule_calendar(site: &SiteInfo<'_>, host: &str, events: &[CalendarEvent<'_>]) -> String {
    let (club_name, tz) = (site.name, site.tz);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Content Club//Schedule//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&site.say("feed-schedule-title", &[("club", club_name.into())]))),
        format!("X-WR-TIMEZONE:{}", tz.name()),
    ];
    let (first_year, last_year) = events
        .iter()
        .flat_map(|e| [e.topic.opens_at.year(), e.topic.closes_at.year()])
        .fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let years = if first_year > last_year {
        let now = Utc::now().year();
        (now, now)
    } else {
        (first_year, last_year)
    };
    lines.extend(vtimezone(tz, years.0 - 1, years.1 + 1));
    for event in events {
        let t = event.topic;
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:topic-{}@{}", t.id, host));
        lines.push(format!("DTSTAMP:{}", t.updated_at.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("CREATED:{}", t.created_at.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("LAST-MODIFIED:{}", t.updated_at.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("SEQUENCE:{}", t.sequence));
        lines.push(format!("DTSTART;TZID={}:{}", tz.name(), local_stamp(t.opens_at, tz)));
        lines.push(format!("DTEND;TZID={}:{}", tz.name(), local_stamp(t.closes_at, tz)));
        lines.push(format!("SUMMARY:{}", escape_text(&format!("{}: {}", club_name, t.title))));
        let mut description = markdown::to_plain_text(&t.summary);
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&site.say("calendar-submit", &[("url", format!("{}/submit", event.url).into())]));
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
        lines.push(format!("URL:{}", event.url));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
        lines.extend(deadline(site, host, event));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold_into(&mut out, &line);
    }
    out
}

/// The all-day event of a topic's last day to submit: the local date of the last moment before
/// it closes.
fn deadline(site: &SiteInfo<'_>, host: &str, event: &CalendarEvent<'_>) -> Vec<String> {
    let (club_name, tz) = (site.name, site.tz);
    let t = event.topic;
    let last_moment = Utc.from_utc_datetime(&(t.closes_at - Duration::seconds(1))).with_timezone(&tz);
    let day = last_moment.date_naive();
    let closes = site.datetime(Utc.from_utc_datetime(&t.closes_at));
    let description = site.say(
        "calendar-deadline-description",
        &[
            ("title", t.title.as_str().into()),
            ("closes", closes.into()),
            ("url", format!("{}/submit", event.url).into()),
        ],
    );
    vec![
        "BEGIN:VEVENT".into(),
        format!("UID:topic-{}-deadline@{}", t.id, host),
        format!("DTSTAMP:{}", t.updated_at.format("%Y%m%dT%H%M%SZ")),
        format!("CREATED:{}", t.created_at.format("%Y%m%dT%H%M%SZ")),
        format!("LAST-MODIFIED:{}", t.updated_at.format("%Y%m%dT%H%M%SZ")),
        format!("SEQUENCE:{}", t.sequence),
        format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", (day + Duration::days(1)).format("%Y%m%d")),
        format!(
            "SUMMARY:{}",
            escape_text(
                &site.say("calendar-deadline-title", &[("club", club_name.into()), ("title", t.title.as_str().into())])
            )
        ),
        format!("DESCRIPTION:{}", escape_text(&description)),
        format!("URL:{}/submit", event.url),
        "TRANSP:TRANSPARENT".into(),
        "END:VEVENT".into(),
    ]
}

fn local_stamp(utc: NaiveDateTime, tz: Tz) -> String {
    Utc.from_utc_datetime(&utc).with_timezone(&tz).format("%Y%m%dT%H%M%S").to_string()
}

/// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines longer than 75 octets continue on the next line after a space, never splitting a
/// UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
    }
}

/// A VTIMEZONE listing each offset change of `tz` between the two years (inclusive), as
/// explicit STANDARD/DAYLIGHT observances, found by scanning the zone's offsets.
fn vtimezone(tz: Tz, from_year: i32, to_year: i32) -> Vec<String> {
    let start = Utc.with_ymd_and_hms(from_year, 1, 1, 0, 0, 0).single().unwrap_or_else(Utc::now);
    let end = Utc.with_ymd_and_hms(to_year + 1, 1, 1, 0, 0, 0).single().unwrap_or_else(Utc::now);
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let mut observances = 0;
    let mut t = start;
    let mut before = offset_at(t);
    while t < end {
        let next = t + Duration::hours(1);
        let after = offset_at(next);
        if after.fix() != before.fix() || after.abbreviation() != before.abbreviation() {
            // Narrow the change down to the minute.
            let mut lo = t;
            let mut hi = next;
            while hi - lo > Duration::minutes(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(mid).fix() == before.fix() {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let from = before.fix().local_minus_utc();
            let to = after.fix().local_minus_utc();
            let kind = if after.dst_offset().is_zero() { "STANDARD" } else { "DAYLIGHT" };
            lines.push(format!("BEGIN:{kind}"));
            // DTSTART is the local time, in the offset before the change, at which it happens.
            let local_before = hi.naive_utc() + Duration::seconds(i64::from(from));
            lines.push(format!("DTSTART:{}", local_before.format("%Y%m%dT%H%M%S")));
            lines.push(format!("TZOFFSETFROM:{}", format_offset(from)));
            lines.push(format!("TZOFFSETTO:{}", format_offset(to)));
            if let Some(name) = after.abbreviation() {
                lines.push(format!("TZNAME:{}", escape_text(name)));
            }
            lines.push(format!("END:{kind}"));
            observances += 1;
        }
        before = after;
        t = next;
    }
    if observances == 0 {
        // A zone without changes in range: one standard observance from the start.
        let offset = format_offset(before.fix().local_minus_utc());
        lines.push("BEGIN:STANDARD".into());
        lines.push(format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{offset}"));
        lines.push(format!("TZOFFSETTO:{offset}"));
        if let Some(name) = before.abbreviation() {
            lines.push(format!("TZNAME:{}", escape_text(name)));
        }
        lines.push("END:STANDARD".into());
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_2025_has_its_two_changes() {
        let lines = vtimezone(chrono_tz::Europe::Berlin, 2025, 2025);
        let text = lines.join("\n");
        assert!(
            text.contains("BEGIN:DAYLIGHT\nDTSTART:20250330T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST"),
            "{text}"
        );
        assert!(
            text.contains("BEGIN:STANDARD\nDTSTART:20251026T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET"),
            "{text}"
        );
    }

    #[test]
    fn utc_has_one_standard_observance() {
        let text = vtimezone(chrono_tz::UTC, 2025, 2025).join("\n");
        assert!(text.contains("BEGIN:STANDARD") && text.contains("TZOFFSETTO:+0000"), "{text}");
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
