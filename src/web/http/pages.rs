//! Public pages from memory. For a visitor without an organiser session, the home page, the
//! schedule, topic archives, entry pages, round-ups and author pages are the same bytes for
//! everyone who reads them in one language: they carry no per-visitor token (the forms on them,
//! subscribe and search, are guarded by the `Origin`/`Sec-Fetch-Site` check, a honeypot, a signed
//! "form shown at" stamp and rate limits instead). Such a page is rendered once per change and
//! language, compressed once, and kept here; [`super::memory`] answers from it before the
//! application runs, with strong entity tags, 304s and `Cache-Control: public`, so a CDN or a
//! browser may keep it too.
//!
//! A page is current while the site's content version it was rendered from is the one the feed
//! cache holds (the same version every public write raises, on every instance: see
//! `app::feeds` and `app::changes`), and for at most [`KEEP_FOR`]: pages say "closes in 3 days"
//! and change with the clock as well as with the content. Organisers, visitors carrying a
//! one-time message and explicit `?lang=` choices (whose answer sets a cookie) get live pages.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};

use super::conditional::{self, PreparedHeaders, Representation};
use super::middleware::PAGE_CSP;
use super::session::{cookie_names, LoggedIn};
use crate::render::encoded::Encoded;
use crate::web::AppState;

/// How long browsers and caches may keep a public page, and serve it stale while they ask again.
pub const PAGE_CACHE_CONTROL: &str = "public, max-age=30, stale-while-revalidate=300";

/// How long a page is answered from memory without a change: pages show times relative to now.
const KEEP_FOR: Duration = Duration::from_secs(60);

/// The bytes all kept pages may take (every coding counted); beyond it pages are rendered live.
const MAX_BYTES: usize = 48 << 20;

/// Addresses longer than this are never kept (the key space must stay bounded).
const MAX_ADDRESS: usize = 300;

/// The query parameters of public pages (an archive's filters); an address with any other is
/// rendered live, never kept, so that made-up addresses cannot fill the memory.
const KEPT_PARAMETERS: [&str; 3] = ["kind", "language", "page"];

/// Of [`MAX_BYTES`], what pages whose address has a query may take: filters cannot crowd out the
/// pages everyone reads.
const MAX_FILTERED_BYTES: usize = MAX_BYTES / 4;

/// Distinct `Accept-Language` values whose outcome is remembered.
const MAX_REMEMBERED_LANGUAGES: usize = 512;

/// Marks a request the page layer may answer with the anonymous page (set before handlers run).
#[derive(Debug, Clone, Copy)]
pub struct Anonymous;

/// Marks a response that is a public page rendered for an anonymous visitor.
#[derive(Debug, Clone, Copy)]
pub struct PublicPage;

/// One page as kept: its bytes in every coding, and what answering it needs.
pub struct PageDocument {
    version: i64,
    made: Instant,
    pub language: &'static str,
    /// The route pattern, for metrics and logs.
    pub route: String,
    pub bytes: Encoded,
    headers: PreparedHeaders,
}

impl PageDocument {
    fn new(version: i64, language: &'static str, route: String, body: bytes::Bytes, content_type: HeaderValue) -> Self {
        let bytes = Encoded::new(body);
        let headers = PreparedHeaders::new(&bytes, None, content_type);
        PageDocument { version, made: Instant::now(), language, route, bytes, headers }
    }

    pub fn representation(&self) -> Representation<'_> {
        Representation {
            bytes: &self.bytes,
            headers: Cow::Borrowed(&self.headers),
            last_modified: None,
            cache_control: PAGE_CACHE_CONTROL,
            csp: PAGE_CSP,
        }
    }
}

/// Kept pages by language, then by address (path and query as requested): looked up with the
/// request's own strings, without allocating.
#[derive(Default)]
struct Pages {
    by_key: HashMap<&'static str, HashMap<String, Arc<PageDocument>>>,
    bytes: usize,
    /// Of `bytes`, those of pages whose address has a query.
    filtered: usize,
}

/// Whether an address carries a query (a filtered archive), whose pages get a share of the room.
fn is_filtered(address: &str) -> bool {
    address.contains('?') && !address.ends_with('?')
}

impl Pages {
    fn add(&mut self, key: &str, page: &PageDocument, sign: isize) {
        let size = page.bytes.size().cast_signed() * sign;
        self.bytes = self.bytes.saturating_add_signed(size);
        if is_filtered(key) {
            self.filtered = self.filtered.saturating_add_signed(size);
        }
    }

    fn fits(&self, key: &str, page: &PageDocument) -> bool {
        let size = page.bytes.size();
        let filtered = is_filtered(key);
        self.bytes + size <= MAX_BYTES && (!filtered || self.filtered + size <= MAX_FILTERED_BYTES)
    }
}

/// The pages this instance keeps, by language and address.
#[derive(Default)]
pub struct PageCache {
    pages: RwLock<Pages>,
    languages: RwLock<HashMap<Box<str>, &'static str>>,
}

impl PageCache {
    /// The page kept for `address` in `language` when it is current at content version `version`.
    pub fn current(&self, language: &str, address: &str, version: Option<i64>) -> Option<Arc<PageDocument>> {
        let version = version?;
        let pages = self.pages.read().unwrap_or_else(|p| p.into_inner());
        let page = pages.by_key.get(language)?.get(address)?;
        (page.version >= version && page.made.elapsed() < KEEP_FOR).then(|| page.clone())
    }

    /// Keeps a page, making room by dropping pages of older versions or past their time; when
    /// there is no room, the page is not kept (it is rendered again for the next visitor).
    fn put(&self, language: &'static str, address: &str, page: Arc<PageDocument>) {
        let mut guard = self.pages.write().unwrap_or_else(|p| p.into_inner());
        let pages = &mut *guard;
        if let Some(replaced) = pages.by_key.get_mut(language).and_then(|kept| kept.remove(address)) {
            pages.add(address, &replaced, -1);
        }
        if !pages.fits(address, &page) {
            let version = page.version;
            let mut freed = 0;
            for kept in pages.by_key.values_mut() {
                kept.retain(|address, old| {
                    let keep = old.version >= version && old.made.elapsed() < KEEP_FOR;
                    if !keep {
                        freed += old.bytes.size();
                        if is_filtered(address) {
                            pages.filtered = pages.filtered.saturating_sub(old.bytes.size());
                        }
                    }
                    keep
                });
            }
            pages.bytes = pages.bytes.saturating_sub(freed);
            if !pages.fits(address, &page) {
                return;
            }
        }
        pages.add(address, &page, 1);
        pages.by_key.entry(language).or_default().insert(address.to_owned(), page);
    }

    /// The language a visitor without an explicit `?lang=` reads in, remembered per
    /// `Accept-Language` value (negotiating takes longer than answering a kept page).
    fn language(&self, state: &AppState, cookie: Option<&str>, accept: Option<&str>) -> &'static str {
        let catalog = state.app.renderer.catalog();
        if let Some(tag) = cookie.and_then(crate::i18n::chosen) {
            return tag;
        }
        let Some(accept) = accept else { return catalog.negotiate(None, None) };
        if let Some(tag) = self.languages.read().unwrap_or_else(|p| p.into_inner()).get(accept) {
            return tag;
        }
        let tag = catalog.negotiate(None, Some(accept));
        let mut memo = self.languages.write().unwrap_or_else(|p| p.into_inner());
        if memo.len() >= MAX_REMEMBERED_LANGUAGES {
            memo.clear();
        }
        memo.insert(accept.into(), tag);
        tag
    }
}

/// The value of the cookie `name`, from every `Cookie` header. A visitor whose cookies this
/// simple reading may take differently from the application's (bytes beyond ASCII, encoded or
/// quoted names) is answered by the application: see [`plain_cookies`].
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// Whether every `Cookie` header is read alike here and by the application: ASCII, with no
/// encoded or quoted parts and no space before an `=`.
fn plain_cookies(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .all(|v| v.to_str().is_ok_and(|v| !v.contains(['%', '"', '\\']) && !v.contains(" =") && !v.contains("\t")))
}

/// The address (path and query, as requested) a request's page is kept under.
pub fn address(uri: &actix_web::http::Uri) -> &str {
    uri.path_and_query().map_or(uri.path(), |p| p.as_str())
}

/// The language whose kept page may answer a request for `address`: GET or HEAD, no organiser
/// session or one-time message cookie, only an archive's own query parameters, and an address of
/// sensible length.
pub fn key_of(state: &AppState, method: &Method, address: &str, headers: &HeaderMap) -> Option<&'static str> {
    if !matches!(*method, Method::GET | Method::HEAD) || address.len() > MAX_ADDRESS {
        return None;
    }
    let query = address.split_once('?').map_or("", |(_, query)| query);
    let names = cookie_names(state.https);
    if !plain_cookies(headers) || cookie(headers, names.session).is_some() || cookie(headers, names.flash).is_some() {
        return None;
    }
    if !url::form_urlencoded::parse(query.as_bytes()).all(|(name, _)| KEPT_PARAMETERS.contains(&name.as_ref())) {
        return None;
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Some(state.pages.language(state, cookie(headers, super::language::COOKIE), accept))
}

/// Keeps the public pages rendered for anonymous visitors, and answers them as kept pages are
/// answered (entity tags, 304s, compression), so the first answer is like every later one.
pub async fn remember(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let anonymous = req.extensions().get::<LoggedIn>().is_none();
    let found = state.filter(|_| anonymous).and_then(|state| {
        let language = key_of(&state, req.method(), address(req.uri()), req.headers())?;
        Some((state, language))
    });
    let Some((state, language)) = found else { return Ok(next.call(req).await?.map_into_left_body()) };
    // The application must see the request as the key does: no session or message cookie, the
    // same language. Otherwise the page is rendered live and not kept.
    let names = cookie_names(state.https);
    let alike = req.cookie(names.session).is_none()
        && req.cookie(names.flash).is_none()
        && super::language::of(req.request()) == language;
    if !alike {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    // The version is read before the page's content, so a page is never kept under a version
    // newer than its content.
    if let Err(e) = state.app.feeds.ensure_fresh(&state.app).await {
        tracing::warn!(error = %e, "content version check failed; the page is not kept");
    }
    let version = state.app.feeds.site_version();
    // Read again after another instance's change, the version may be the one the page was kept
    // under: then it still answers.
    if let Some(page) = state.pages.current(language, address(req.uri()), version) {
        let answer = conditional::respond(req.headers(), &page.representation(), state.https);
        return Ok(req.into_response(HttpResponse::from(answer)).map_into_right_body());
    }
    req.extensions_mut().insert(Anonymous);
    let res = next.call(req).await?;
    let sets_cookie = res.headers().contains_key(header::SET_COOKIE);
    if res.status() != StatusCode::OK || sets_cookie || res.response().extensions().get::<PublicPage>().is_none() {
        return Ok(res.map_into_left_body());
    }
    Ok(keep(&state, language, version, res))
}

/// Keeps the page an anonymous visitor was answered (under `version`, when there is one), and
/// answers it as a kept page.
fn keep<B: MessageBody + 'static>(
    state: &AppState,
    language: &'static str,
    version: Option<i64>,
    res: ServiceResponse<B>,
) -> ServiceResponse<EitherBody<B, bytes::Bytes>> {
    let route = res.request().match_pattern().unwrap_or_else(|| res.request().path().to_owned());
    let (request, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let body = match body.try_into_bytes() {
        Ok(body) => body,
        Err(body) => return ServiceResponse::new(request, head.set_body(body)).map_into_left_body(),
    };
    let content_type = head
        .headers()
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
    let page = Arc::new(PageDocument::new(version.unwrap_or(i64::MIN), language, route, body, content_type));
    if version.is_some() {
        state.pages.put(language, address(request.uri()), page.clone());
    }
    let answer = conditional::respond(request.headers(), &page.representation(), state.https);
    ServiceResponse::new(request, HttpResponse::from(answer)).map_into_right_body()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name_across_headers() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("cc_csrf=abc; lang=ja"));
        headers.append(header::COOKIE, HeaderValue::from_static("xcc_session=1"));
        assert_eq!(cookie(&headers, "lang"), Some("ja"));
        assert_eq!(cookie(&headers, "cc_csrf"), Some("abc"));
        assert_eq!(cookie(&headers, "cc_session"), None);
        headers.append(header::COOKIE, HeaderValue::from_static("cc_session=2"));
        assert_eq!(cookie(&headers, "cc_session"), Some("2"));
    }
}
