//! What the JSON API shares: times in RFC 3339, and pages of lists (`limit` and `cursor` in,
//! a `Link: <…>; rel="next"` header out, RFC 8288).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponseBuilder};
use chrono::{NaiveDateTime, SecondsFormat};
use serde::Deserialize;

use crate::render::views::utc;

/// A stored UTC time as RFC 3339, to the second.
pub fn rfc3339(at: NaiveDateTime) -> String {
    utc(at).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The page a list request asks for: at most `limit` items after `cursor` (from the `next`
/// link of the page before).
#[derive(Debug, Default, Deserialize)]
pub struct Paging {
    pub limit: Option<i64>,
    pub cursor: Option<i64>,
}

impl Paging {
    /// The limit asked for, within 1 and `max` (`max` when none is asked for).
    pub fn limit(&self, max: i64) -> i64 {
        self.limit.unwrap_or(max).clamp(1, max)
    }
}

/// Adds the link to the next page, when there is one: the same query with its cursor.
pub fn next_link(response: &mut HttpResponseBuilder, req: &HttpRequest, next: Option<i64>) {
    let Some(cursor) = next else { return };
    let kept = url::form_urlencoded::parse(req.query_string().as_bytes()).filter(|(k, _)| k != "cursor");
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .append_pair("cursor", &cursor.to_string())
        .finish();
    response.insert_header((header::LINK, format!("<{}?{query}>; rel=\"next\"", req.path())));
}
