//! Dates and times as people read them, always in the club's zone and with the zone named. The
//! pattern comes from each language's messages (`format-date`, `format-datetime`,
//! `format-month`), month and weekday names from the language's locale data.

use chrono::{DateTime, Locale, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;

/// The locale data for one of our languages.
fn locale(lang: &str) -> Locale {
    match lang.split('-').next().unwrap_or("") {
        "zh" => Locale::zh_CN,
        "ja" => Locale::ja_JP,
        "ko" => Locale::ko_KR,
        "es" => Locale::es_ES,
        "fr" => Locale::fr_FR,
        "de" => Locale::de_DE,
        _ => Locale::en_GB,
    }
}

/// "Sat 1 Mar 2025, 00:00 CET (Europe/Berlin)" with the English pattern.
pub fn local_datetime(at: DateTime<Utc>, tz: Tz, pattern: &str, lang: &str) -> String {
    let shown = local(at, tz, pattern, lang);
    if shown.ends_with(tz.name()) || !pattern.contains("%Z") {
        shown
    } else {
        format!("{shown} ({})", tz.name())
    }
}

/// A time in the club's zone written with `pattern`: "1 March 2025" for "%-d %B %Y".
pub fn local(at: DateTime<Utc>, tz: Tz, pattern: &str, lang: &str) -> String {
    at.with_timezone(&tz).format_localized(pattern, locale(lang)).to_string()
}

/// A month (its first day) written with `pattern`: "March 2025" for "%B %Y".
pub fn month(first_day: NaiveDate, pattern: &str, lang: &str) -> String {
    first_day.format_localized(pattern, locale(lang)).to_string()
}

/// The value templates format with `{{date}}` and `{{datetime}}`: "2025-02-28T23:00:00Z".
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
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
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            local_datetime(at, berlin, "%a %-d %b %Y, %H:%M %Z", "en"),
            "Sat 1 Mar 2025, 00:00 CET (Europe/Berlin)"
        );
        assert_eq!(local(at, berlin, "%-d %B %Y", "en"), "1 March 2025");
        assert_eq!(local(at, berlin, "%Y年%-m月%-d日(%a)", "ja"), "2025年3月1日(土)");
        assert_eq!(iso(at), "2025-02-28T23:00:00Z");
        assert_eq!(local_input(at, chrono_tz::UTC), "2025-02-28T23:00");
    }
}
