//! Dates and times as people read them, always in the club's zone and with the zone named.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// "Sat 1 Mar 2025, 00:00 CET (Europe/Berlin)"
pub fn local_datetime(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let shown = local.format("%a %-d %b %Y, %H:%M %Z").to_string();
    if shown.ends_with(tz.name()) {
        shown
    } else {
        format!("{shown} ({})", tz.name())
    }
}

/// "1 March 2025"
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%-d %B %Y").to_string()
}

/// The value for an `<input type="datetime-local">`: "2025-03-01T00:00".
pub fn local_input(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_name_their_zone() {
        let at = Utc.with_ymd_and_hms(2025, 2, 28, 23, 0, 0).single().expect("valid");
        assert_eq!(local_datetime(at, chrono_tz::Europe::Berlin), "Sat 1 Mar 2025, 00:00 CET (Europe/Berlin)");
        assert_eq!(local_date(at, chrono_tz::Europe::Berlin), "1 March 2025");
        assert_eq!(local_input(at, chrono_tz::UTC), "2025-02-28T23:00");
    }
}
