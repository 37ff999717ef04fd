//! Answering with a document kept in memory: content coding negotiated from `Accept-Encoding`
//! (RFC 9110 §12.5.3, q-values honoured), conditional requests (`If-None-Match` with weak
//! comparison, else `If-Modified-Since`; RFC 9110 §13), and the headers every answer carries,
//! 304s included.

use actix_web::dev::Response;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::StatusCode;
use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::middleware::{HSTS, SECURITY_HEADERS};

/// A document in memory, plain and gzip-compressed, with its validators.
pub struct Representation<'a> {
    pub body: &'a Bytes,
    pub gzip: &'a Bytes,
    /// Quoted strong entity tags of the plain and the gzip bytes.
    pub etag: &'a Bytes,
    pub gzip_etag: &'a Bytes,
    pub last_modified: Option<DateTime<Utc>>,
    pub content_type: &'static str,
    pub cache_control: &'static str,
    /// The Content-Security-Policy of this kind of document.
    pub csp: &'static str,
}

/// The quality the client gives a content coding (0 when it refuses it or does not name it).
pub fn coding_quality(accept_encoding: Option<&str>, coding: &str) -> f32 {
    let Some(header) = accept_encoding else { return 0.0 };
    let mut wildcard = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0)
            .clamp(0.0, 1.0);
        if name.eq_ignore_ascii_case(coding) || (coding == "gzip" && name.eq_ignore_ascii_case("x-gzip")) {
            return quality;
        }
        if name == "*" {
            wildcard = Some(quality);
        }
    }
    wildcard.unwrap_or(0.0)
}

/// Whether `If-None-Match` names one of the tags, by weak comparison (RFC 9110 §13.1.2): a tag
/// a proxy weakened (`W/"…"`) still matches.
fn none_match(value: &str, tags: &[&[u8]]) -> bool {
    value.split(',').map(str::trim).any(|t| {
        let t = t.strip_prefix("W/").unwrap_or(t).as_bytes();
        t == b"*" || tags.contains(&t)
    })
}

fn not_modified(headers: &HeaderMap, doc: &Representation<'_>) -> bool {
    match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(tags) => none_match(tags, &[doc.etag, doc.gzip_etag]),
        // If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3).
        None => match (headers.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()), doc.last_modified) {
            (Some(since), Some(modified)) => DateTime::parse_from_rfc2822(since)
                .map(|since| modified.timestamp() <= since.timestamp())
                .unwrap_or(false),
            _ => false,
        },
    }
}

/// An IMF-fixdate (RFC 9110 §5.6.7).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn value(bytes: &Bytes) -> HeaderValue {
    HeaderValue::from_maybe_shared(bytes.clone()).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// 200 or 304 for a document in memory. For HEAD the server sends this answer's headers only.
pub fn respond(headers: &HeaderMap, doc: &Representation<'_>, https: bool) -> Response<Bytes> {
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
    let gzip = !doc.gzip.is_empty() && coding_quality(accept, "gzip") > 0.0;
    let unchanged = not_modified(headers, doc);
    let body = match (unchanged, gzip) {
        (true, _) => Bytes::new(),
        (false, true) => doc.gzip.clone(),
        (false, false) => doc.body.clone(),
    };
    let status = if unchanged { StatusCode::NOT_MODIFIED } else { StatusCode::OK };
    let mut response = Response::with_body(status, body);
    let out = response.headers_mut();
    out.insert(header::ETAG, value(if gzip { doc.gzip_etag } else { doc.etag }));
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(doc.cache_control));
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    for (name, content) in SECURITY_HEADERS {
        let content = if name == "Content-Security-Policy" { doc.csp } else { content };
        out.insert(header::HeaderName::from_static(lower(name)), HeaderValue::from_static(content));
    }
    if https {
        out.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS.1));
    }
    if unchanged {
        return response;
    }
    if let Some(modified) = doc.last_modified {
        if let Ok(date) = HeaderValue::from_str(&http_date(modified)) {
            out.insert(header::LAST_MODIFIED, date);
        }
    }
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(doc.content_type));
    // No "identity" for the plain body: RFC 9110 §8.4.1 reserves it for Accept-Encoding.
    if gzip {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// Header names as `HeaderName::from_static` wants them (lowercase).
fn lower(name: &'static str) -> &'static str {
    match name {
        "Content-Security-Policy" => "content-security-policy",
        "X-Content-Type-Options" => "x-content-type-options",
        "Referrer-Policy" => "referrer-policy",
        "X-Frame-Options" => "x-frame-options",
        "Cross-Origin-Opener-Policy" => "cross-origin-opener-policy",
        "Permissions-Policy" => "permissions-policy",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn codings_are_negotiated_by_quality() {
        assert_eq!(coding_quality(Some("gzip, deflate, br"), "gzip"), 1.0);
        assert_eq!(coding_quality(Some("gzip;q=0"), "gzip"), 0.0);
        assert_eq!(coding_quality(Some("gzip; q=0.000, br"), "gzip"), 0.0);
        assert_eq!(coding_quality(Some("br, *;q=0.5"), "gzip"), 0.5);
        assert_eq!(coding_quality(Some("*;q=0, gzip;q=0.2"), "gzip"), 0.2);
        assert_eq!(coding_quality(Some("x-gzip"), "gzip"), 1.0);
        assert_eq!(coding_quality(Some("identity"), "gzip"), 0.0);
        assert_eq!(coding_quality(None, "gzip"), 0.0);
    }

    #[test]
    fn tags_match_weakly() {
        assert!(none_match("\"abc\"", &[b"\"abc\""]));
        assert!(none_match("W/\"abc\", \"x\"", &[b"\"abc\""]));
        assert!(none_match("*", &[b"\"abc\""]));
        assert!(!none_match("\"abd\"", &[b"\"abc\""]));
    }

    #[test]
    fn http_dates_are_imf_fixdate() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 8, 5, 9).single().expect("valid");
        assert_eq!(http_date(at), "Sat, 01 Mar 2025 08:05:09 GMT");
    }
}
