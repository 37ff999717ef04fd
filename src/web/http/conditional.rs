//! Answering with a document kept in memory: content coding (brotli, gzip or none) negotiated
//! from `Accept-Encoding` (RFC 9110 §12.5.3, q-values honoured), conditional requests (`If-None-Match` with weak
//! comparison, else `If-Modified-Since`; RFC 9110 §13), and the headers every answer carries,
//! 304s included.

use actix_web::dev::Response;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::middleware::{HSTS, SECURITY_HEADERS};
use crate::render::encoded::Encoded;

/// A document in memory, in every coding, with its validators.
pub struct Representation<'a> {
    pub bytes: &'a Encoded,
    pub headers: std::borrow::Cow<'a, PreparedHeaders>,
    pub last_modified: Option<DateTime<Utc>>,
    pub cache_control: &'static str,
    /// The Content-Security-Policy of this kind of document.
    pub csp: &'static str,
}

/// A document's own header values, made once when it is first answered.
#[derive(Clone)]
pub struct PreparedHeaders {
    /// Quoted strong entity tags of the plain, the gzip and the brotli bytes.
    pub etag: HeaderValue,
    pub gzip_etag: HeaderValue,
    pub br_etag: HeaderValue,
    pub last_modified: Option<HeaderValue>,
    pub content_type: HeaderValue,
}

impl PreparedHeaders {
    pub fn new(bytes: &Encoded, last_modified: Option<DateTime<Utc>>, content_type: HeaderValue) -> Self {
        let value = |bytes: &Bytes| {
            HeaderValue::from_maybe_shared(bytes.clone()).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
        };
        PreparedHeaders {
            etag: value(&bytes.etag),
            gzip_etag: value(&bytes.gzip_etag),
            br_etag: value(&bytes.br_etag),
            last_modified: last_modified.and_then(|at| HeaderValue::from_str(&http_date(at)).ok()),
            content_type,
        }
    }
}

/// The codings a document can be sent in, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
    Identity,
}

/// The coding to send: the one the client values most of those the document has; brotli
/// before gzip when the client values them alike (it is smaller).
fn choose_coding(accept_encoding: Option<&str>, bytes: &Encoded) -> Coding {
    let br = if bytes.br.is_empty() { 0.0 } else { coding_quality(accept_encoding, "br") };
    let gzip = if bytes.gzip.is_empty() { 0.0 } else { coding_quality(accept_encoding, "gzip") };
    if br > 0.0 && br >= gzip {
        Coding::Brotli
    } else if gzip > 0.0 {
        Coding::Gzip
    } else {
        Coding::Identity
    }
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

/// Which of the tags `If-None-Match` names, by weak comparison (RFC 9110 §13.1.2): a tag a proxy
/// weakened (`W/"…"`) still matches; `*` matches the first.
fn none_match(value: &str, tags: &[&[u8]]) -> Option<usize> {
    value.split(',').map(str::trim).find_map(|t| {
        let t = t.strip_prefix("W/").unwrap_or(t).as_bytes();
        if t == b"*" {
            Some(0)
        } else {
            tags.iter().position(|tag| *tag == t)
        }
    })
}

/// Whether the client holds the document: `Some` with the tag to answer the 304 with (the one it
/// named, whatever coding that was), `None` when it must be sent.
fn not_modified<'d>(
    headers: &HeaderMap,
    doc: &'d Representation<'_>,
    chosen: &'d HeaderValue,
) -> Option<&'d HeaderValue> {
    let prepared = &doc.headers;
    match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(named) => {
            let tags = [&prepared.etag, &prepared.gzip_etag, &prepared.br_etag];
            let bytes = tags.map(HeaderValue::as_bytes);
            none_match(named, &bytes).map(|i| if named.trim() == "*" { chosen } else { tags[i] })
        }
        // If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3).
        None => match (headers.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()), doc.last_modified) {
            (Some(since), Some(modified)) => DateTime::parse_from_rfc2822(since)
                .is_ok_and(|since| modified.timestamp() <= since.timestamp())
                .then_some(chosen),
            _ => None,
        },
    }
}

/// An IMF-fixdate (RFC 9110 §5.6.7).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// 200 or 304 for a document in memory. For HEAD the server sends this answer's headers only.
pub fn respond(headers: &HeaderMap, doc: &Representation<'_>, https: bool) -> Response<Bytes> {
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
    let coding = choose_coding(accept, doc.bytes);
    let prepared = &doc.headers;
    let (body, etag) = match coding {
        Coding::Brotli => (&doc.bytes.br, &prepared.br_etag),
        Coding::Gzip => (&doc.bytes.gzip, &prepared.gzip_etag),
        Coding::Identity => (&doc.bytes.body, &prepared.etag),
    };
    let held = not_modified(headers, doc, etag);
    let unchanged = held.is_some();
    let status = if unchanged { StatusCode::NOT_MODIFIED } else { StatusCode::OK };
    let mut response = Response::with_body(status, if unchanged { Bytes::new() } else { body.clone() });
    let out = response.headers_mut();
    out.insert(header::ETAG, held.unwrap_or(etag).clone());
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(doc.cache_control));
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    for (name, value) in security_headers() {
        out.insert(name.clone(), value.clone());
    }
    out.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(doc.csp));
    if https {
        out.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS.1));
    }
    if unchanged {
        return response;
    }
    if let Some(modified) = &prepared.last_modified {
        out.insert(header::LAST_MODIFIED, modified.clone());
    }
    out.insert(header::CONTENT_TYPE, prepared.content_type.clone());
    // No "identity" for the plain body: RFC 9110 §8.4.1 reserves it for Accept-Encoding.
    let name = match coding {
        Coding::Brotli => "br",
        Coding::Gzip => "gzip",
        Coding::Identity => return response,
    };
    out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
    response
}

/// The security headers but the policy (each answer names its own), parsed once: answers
/// from memory are counted in microseconds.
fn security_headers() -> &'static [(HeaderName, HeaderValue)] {
    static HEADERS: std::sync::OnceLock<Vec<(HeaderName, HeaderValue)>> = std::sync::OnceLock::new();
    HEADERS.get_or_init(|| {
        SECURITY_HEADERS
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("content-security-policy"))
            .filter_map(|(name, value)| {
                Some((HeaderName::from_bytes(name.as_bytes()).ok()?, HeaderValue::from_static(value)))
            })
            .collect()
    })
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
    fn brotli_is_preferred_when_valued_alike_and_a_refused_coding_is_never_sent() {
        let bytes = Encoded::new("<p>hello</p>".repeat(20));
        assert_eq!(choose_coding(Some("gzip, deflate, br"), &bytes), Coding::Brotli);
        assert_eq!(choose_coding(Some("gzip, br;q=0.5"), &bytes), Coding::Gzip);
        assert_eq!(choose_coding(Some("br;q=0, gzip"), &bytes), Coding::Gzip);
        assert_eq!(choose_coding(Some("gzip;q=0, br;q=0"), &bytes), Coding::Identity);
        assert_eq!(choose_coding(None, &bytes), Coding::Identity);
        let no_brotli = Encoded { br: Bytes::new(), ..bytes };
        assert_eq!(choose_coding(Some("br"), &no_brotli), Coding::Identity);
    }

    #[test]
    fn tags_match_weakly() {
        assert_eq!(none_match("\"abc\"", &[b"\"abc\""]), Some(0));
        assert_eq!(none_match("W/\"abc\", \"x\"", &[b"\"x0\"", b"\"abc\""]), Some(1));
        assert_eq!(none_match("*", &[b"\"abc\""]), Some(0));
        assert_eq!(none_match("\"abd\"", &[b"\"abc\""]), None);
    }

    #[test]
    fn a_304_names_the_tag_the_client_holds() {
        let bytes = Encoded::new("<p>hello</p>".repeat(20));
        let doc = Representation {
            bytes: &bytes,
            headers: std::borrow::Cow::Owned(PreparedHeaders::new(&bytes, None, HeaderValue::from_static("text/html"))),
            last_modified: None,
            cache_control: "public",
            csp: "default-src 'none'",
        };
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        let gzip_tag = String::from_utf8(bytes.gzip_etag.to_vec()).expect("ascii");
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&gzip_tag).expect("value"));
        let answer = respond(&headers, &doc, false);
        assert_eq!(answer.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(answer.headers().get(header::ETAG).map(HeaderValue::as_bytes), Some(&bytes.gzip_etag[..]));
        assert!(answer.headers().get(header::CONTENT_ENCODING).is_none());
    }

    #[test]
    fn http_dates_are_imf_fixdate() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 8, 5, 9).single().expect("valid");
        assert_eq!(http_date(at), "Sat, 01 Mar 2025 08:05:09 GMT");
    }
}
