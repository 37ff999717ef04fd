//! Calendar months and local times in the club's time zone.

use std::fmt;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::Message;

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(text: &str) -> Result<Month, Message> {
        let text = text.trim();
        let bad = || Message::new("invalid-month").arg("value", text);
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1970..=9998).contains(&year) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    /// The month in which `at` falls, in zone `tz`.
    pub fn containing(at: DateTime<Utc>, tz: Tz) -> Month {
        let local = at.with_timezone(&tz);
        Month { year: local.year(), month: local.month() }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// Midnight at the start of the month in `tz`, as UTC.
    pub fn start_in(self, tz: Tz) -> DateTime<Utc> {
        let midnight = self.first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
        // Where midnight does not exist (a DST jump at 00:00), the month starts at the jump.
        match tz.from_local_datetime(&midnight) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(earliest, _) => earliest.with_timezone(&Utc),
            LocalResult::None => tz
                .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&midnight)),
        }
    }

    /// The default submission window: the whole month in `tz`.
    pub fn window_in(self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.start_in(tz), self.next().start_in(tz))
    }

    /// "March 2025"
    pub fn long_name(self) -> String {
        self.first_day().format("%B %Y").to_string()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A wall-clock time in `tz` (as typed into a form, `YYYY-MM-DDTHH:MM`) as UTC. Refuses times
/// skipped by a DST change; an ambiguous time (clocks going back) means the first of the two.
pub fn local_to_utc(text: &str, tz: Tz) -> Result<DateTime<Utc>, Message> {
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .map_err(|_| Message::new("invalid-local-time").arg("value", text))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Message::new("invalid-local-time-skipped").arg("value", text).arg("zone", tz.name())),
    }
}

/// A timestamp given as RFC 3339 (API and CLI), as UTC.
pub fn parse_rfc3339(text: &str) -> Result<DateTime<Utc>, Message> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Message::new("invalid-rfc3339-time").arg("value", text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn months_parse_and_step() {
        let m = Month::parse("2025-12").expect("valid");
        assert_eq!(m.next().to_string(), "2026-01");
        assert_eq!(Month::parse("2026-01").expect("valid").prev(), m);
        for bad in ["2025-13", "2025-1", "25-01", "2025/01", "", "2025-00", "abcd-ef"] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_month_window_follows_the_zone_across_a_dst_change() {
        let (opens, closes) = Month::parse("2025-03").expect("valid").window_in(Berlin);
        assert_eq!(opens.to_rfc3339(), "2025-02-28T23:00:00+00:00"); // 00:00 CET
        assert_eq!(closes.to_rfc3339(), "2025-03-31T22:00:00+00:00"); // 00:00 CEST
    }

    #[test]
    fn local_times_skipped_by_dst_are_refused() {
        assert!(local_to_utc("2025-03-30T02:30", Berlin).is_err());
        assert_eq!(local_to_utc("2025-03-30T03:30", Berlin).expect("exists").to_rfc3339(), "2025-03-30T01:30:00+00:00");
    }
}
