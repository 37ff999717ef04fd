//! Feeds for readers: per topic, for the whole club, for the schedule (RSS 2.0 and JSON Feed
//! 1.1), and an OPML list of them all.
//!
//! Each document is rendered once per change and served from memory. Every topic carries a
//! content version that the database raises with each change to the topic or its submissions.
//! This instance notices its own writes at once (a successful write request marks the known
//! versions stale) and other instances' writes within `feeds.refresh_seconds` (a background
//! check of the versions). Conditional requests that match are answered 304 from memory, with no
//! rendering and no database work.

use std::collections::HashMap;
use std::future::{ready, Future, Ready};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use actix_http::Request;
use actix_service::IntoServiceFactory;
use actix_utils::future::Either;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{AppConfig, Response, Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, HttpMessage as _, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};

use super::views::utc;
use super::AppState;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::db::Db;
use crate::domain::topics::{self as topic_rules, Lookup};
use crate::error::AppError;
use crate::feeds::syndication::{json_document, opml_document, rss_document, FeedChannel, FeedItem};
use crate::render::markdown;

pub fn configure(cfg: &mut web::ServiceConfig) {
    for kind in FeedKind::ALL {
        let resource = web::resource(kind.route()).app_data(web::Data::new(kind));
        cfg.service(if kind.per_topic() {
            resource.route(web::get().to(topic_feed)).route(web::head().to(topic_feed))
        } else {
            resource.route(web::get().to(club_feed)).route(web::head().to(club_feed))
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedKind {
    TopicRss,
    TopicJson,
    ClubRss,
    ClubJson,
    ScheduleRss,
    ScheduleJson,
    Opml,
}

impl FeedKind {
    const ALL: [FeedKind; 7] = [
        FeedKind::ClubRss,
        FeedKind::ClubJson,
        FeedKind::ScheduleRss,
        FeedKind::ScheduleJson,
        FeedKind::Opml,
        FeedKind::TopicRss,
        FeedKind::TopicJson,
    ];

    /// The address pattern (also the route label in metrics).
    fn route(self) -> &'static str {
        match self {
            FeedKind::ClubRss => "/feed.xml",
            FeedKind::ClubJson => "/feed.json",
            FeedKind::ScheduleRss => "/topics/feed.xml",
            FeedKind::ScheduleJson => "/topics/feed.json",
            FeedKind::Opml => "/feeds.opml",
            FeedKind::TopicRss => "/topics/{slug}/feed.xml",
            FeedKind::TopicJson => "/topics/{slug}/feed.json",
        }
    }

    fn per_topic(self) -> bool {
        matches!(self, FeedKind::TopicRss | FeedKind::TopicJson)
    }

    fn content_type(self) -> &'static str {
        match self {
            FeedKind::TopicRss | FeedKind::ClubRss | FeedKind::ScheduleRss => "application/rss+xml; charset=utf-8",
            FeedKind::TopicJson | FeedKind::ClubJson | FeedKind::ScheduleJson => "application/feed+json; charset=utf-8",
            FeedKind::Opml => "text/x-opml; charset=utf-8",
        }
    }
}

/// One rendered document and its validators, with the header values ready to send.
pub struct CachedFeed {
    version: u64,
    body: Bytes,
    gzip: Bytes,
    etag: HeaderValue,
    gzip_etag: HeaderValue,
    last_modified: Option<DateTime<Utc>>,
    last_modified_header: Option<HeaderValue>,
}

/// A topic's content version and the documents rendered for it.
#[derive(Default)]
struct TopicEntry {
    announced: bool,
    version: i64,
    rss: Option<Arc<CachedFeed>>,
    json: Option<Arc<CachedFeed>>,
}

#[derive(Default)]
struct CacheState {
    /// slug → version and documents
    topics: HashMap<String, TopicEntry>,
    /// Changes whenever any topic's version does, or topics come and go.
    global: u64,
    /// The club-wide documents (club, schedule, OPML) by kind.
    club: HashMap<FeedKind, Arc<CachedFeed>>,
}

/// The in-memory feed cache of one instance. One lock, one lookup per request.
#[derive(Default)]
pub struct FeedCache {
    state: RwLock<CacheState>,
    stale: AtomicBool,
    loaded: AtomicBool,
}

/// What the cache knows of a topic feed address.
enum TopicLookup {
    Unknown,
    Draft,
    Known { cached: Option<Arc<CachedFeed>> },
}

impl FeedCache {
    /// After a write: the next feed request re-reads the versions.
    pub fn mark_stale(&self) {
        self.stale.store(true, Ordering::Release);
    }

    /// Reads every topic's version from the database; documents of unchanged topics stay.
    pub async fn refresh(&self, db: &Db) -> Result<(), AppError> {
        self.stale.store(false, Ordering::Release);
        let rows = db.run(|conn| Ok(Topic::versions(conn)?)).await?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        rows.len().hash(&mut hasher);
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        let mut old = std::mem::take(&mut state.topics);
        for (id, slug, announced, version) in rows {
            (id, version).hash(&mut hasher);
            let mut entry = old.remove(&slug).unwrap_or_default();
            entry.announced = announced;
            entry.version = version;
            state.topics.insert(slug, entry);
        }
        state.global = hasher.finish();
        self.loaded.store(true, Ordering::Release);
        Ok(())
    }

    async fn ensure_fresh(&self, db: &Db) -> Result<(), AppError> {
        if self.stale.load(Ordering::Acquire) || !self.loaded.load(Ordering::Acquire) {
            self.refresh(db).await?;
        }
        Ok(())
    }

    fn topic(&self, slug: &str, kind: FeedKind) -> TopicLookup {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        match state.topics.get(slug) {
            None => TopicLookup::Unknown,
            Some(entry) if !entry.announced => TopicLookup::Draft,
            Some(entry) => {
                let document = if kind == FeedKind::TopicJson { &entry.json } else { &entry.rss };
                let cached = document.as_ref().filter(|d| d.version == entry.version as u64).cloned();
                TopicLookup::Known { cached }
            }
        }
    }

    /// The current document for a feed address, when it is in memory and the versions are
    /// fresh; `None` sends the request on to the routed handlers (which render, redirect or 404).
    fn current(&self, path: &str) -> Option<(FeedKind, Arc<CachedFeed>)> {
        if self.stale.load(Ordering::Acquire) || !self.loaded.load(Ordering::Acquire) {
            return None;
        }
        let club = FeedKind::ALL.into_iter().find(|kind| !kind.per_topic() && kind.route() == path);
        if let Some(kind) = club {
            return self.club(kind).1.map(|feed| (kind, feed));
        }
        let rest = path.strip_prefix("/topics/")?;
        let (slug, kind) = match rest.strip_suffix("/feed.xml") {
            Some(slug) => (slug, FeedKind::TopicRss),
            None => (rest.strip_suffix("/feed.json")?, FeedKind::TopicJson),
        };
        // Slugs are plain lowercase words; anything else (an encoded path) takes the routed way.
        if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return None;
        }
        match self.topic(slug, kind) {
            TopicLookup::Known { cached: Some(feed) } => Some((kind, feed)),
            _ => None,
        }
    }

    fn put_topic(&self, slug: &str, kind: FeedKind, feed: Arc<CachedFeed>) {
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = state.topics.get_mut(slug) {
            if kind == FeedKind::TopicJson {
                entry.json = Some(feed);
            } else {
                entry.rss = Some(feed);
            }
        }
    }

    /// The club-wide document of this kind if it is current, and the current global version.
    fn club(&self, kind: FeedKind) -> (u64, Option<Arc<CachedFeed>>) {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        (state.global, state.club.get(&kind).filter(|d| d.version == state.global).cloned())
    }

    fn put_club(&self, kind: FeedKind, feed: Arc<CachedFeed>) {
        self.state.write().unwrap_or_else(|p| p.into_inner()).club.insert(kind, feed);
    }

    /// Checks the versions every `seconds` until the process ends: how this instance learns of
    /// other instances' writes.
    pub async fn keep_fresh(self: Arc<Self>, db: Db, seconds: u64) {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(seconds.max(1)));
        loop {
            tick.tick().await;
            if let Err(e) = self.refresh(&db).await {
                tracing::warn!(error = %e, "feed version check failed");
            }
        }
    }
}

/// The service in front of the application. A feed that is in memory and current is answered
/// here, before actix-web builds its request object, routes or runs middleware: feed readers poll
/// often, and most polls are 304s. Everything else (and any feed not ready in memory) goes to the
/// application unchanged. Answers given here are counted and logged like the application's.
pub struct FeedsFirst<A> {
    app: A,
    state: web::Data<AppState>,
}

impl<A: ServiceFactory<Request>> FeedsFirst<A> {
    pub fn new<F: IntoServiceFactory<A, Request>>(state: web::Data<AppState>, app: F) -> Self {
        FeedsFirst { app: app.into_factory(), state }
    }
}

type Answer<B> = Response<EitherBody<B, Bytes>>;

impl<A, B> ServiceFactory<Request> for FeedsFirst<A>
where
    A: ServiceFactory<Request, Config = AppConfig, Response = ServiceResponse<B>, Error = actix_web::Error>,
    A::Future: 'static,
    A::Service: 'static,
    B: MessageBody + 'static,
{
    type Response = Answer<B>;
    type Error = actix_web::Error;
    type Config = AppConfig;
    type Service = FeedsFirstService<A::Service>;
    type InitError = A::InitError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Service, A::InitError>>>>;

    fn new_service(&self, config: AppConfig) -> Self::Future {
        let app = self.app.new_service(config);
        let state = self.state.clone();
        Box::pin(async move { Ok(FeedsFirstService { app: app.await?, state }) })
    }
}

pub struct FeedsFirstService<S> {
    app: S,
    state: web::Data<AppState>,
}

type AppFuture<B> = Pin<Box<dyn Future<Output = Result<Answer<B>, actix_web::Error>>>>;

impl<S, B> Service<Request> for FeedsFirstService<S>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = Answer<B>;
    type Error = actix_web::Error;
    type Future = Either<Ready<Result<Answer<B>, actix_web::Error>>, AppFuture<B>>;

    actix_web::dev::forward_ready!(app);

    fn call(&self, req: Request) -> Self::Future {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            if let Some((kind, feed)) = self.state.feeds.current(req.path()) {
                let started = Instant::now();
                let response = respond(req.headers(), kind, &feed);
                let method = super::metrics::method_label(req.method());
                let status = response.status().as_u16();
                super::middleware::record(&self.state, method, kind.route(), req.path(), status, started);
                return Either::left(ready(Ok(response.map_body(|_, body| EitherBody::right(body)))));
            }
        }
        let answer = self.app.call(req);
        Either::right(Box::pin(async move {
            let response: Response<B> = answer.await?.into();
            Ok(response.map_body(|_, body| EitherBody::left(body)))
        }))
    }
}

/// Middleware: a write that succeeded may have changed what feeds show.
pub async fn invalidate_on_write(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await?;
    if writes && res.status().as_u16() < 400 {
        if let Some(state) = state {
            state.feeds.mark_stale();
        }
    }
    Ok(res)
}

fn build(version: u64, body: String, last_modified: Option<DateTime<Utc>>) -> CachedFeed {
    let body = Bytes::from(body);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gzip = encoder.write_all(&body).and_then(|()| encoder.finish()).map(Bytes::from).unwrap_or_default();
    let digest = crate::crypto::token_hash(&String::from_utf8_lossy(&body));
    let tag = format!("{version:x}-{}", &digest[..16]);
    // Made of hex digits and quotes, so always valid header values.
    let value = |text: String| HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("\"\""));
    CachedFeed {
        version,
        etag: value(format!("\"{tag}\"")),
        gzip_etag: value(format!("\"{tag}-gz\"")),
        body,
        gzip,
        last_modified,
        last_modified_header: last_modified.map(|at| value(http_date(at))),
    }
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

const FEED_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// What the routed handlers answer for a cached document.
fn answer(req: &HttpRequest, kind: FeedKind, feed: &CachedFeed) -> HttpResponse {
    HttpResponse::from(respond(req.headers(), kind, feed)).map_into_boxed_body()
}

/// 200 or 304 for a cached document, honouring If-None-Match, If-Modified-Since and gzip.
fn respond(headers: &HeaderMap, kind: FeedKind, feed: &CachedFeed) -> Response<Bytes> {
    let accepts_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")))
        && !feed.gzip.is_empty();
    let etag = if accepts_gzip { &feed.gzip_etag } else { &feed.etag };
    let not_modified = match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        // Weak comparison (RFC 9110 §13.1.2): a proxy that weakened our tag ("W/…") still matches.
        Some(tags) => tags.split(',').map(str::trim).any(|t| {
            let t = t.strip_prefix("W/").unwrap_or(t).as_bytes();
            t == b"*" || t == feed.etag.as_bytes() || t == feed.gzip_etag.as_bytes()
        }),
        None => match (headers.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()), feed.last_modified) {
            (Some(since), Some(modified)) => DateTime::parse_from_rfc2822(since)
                .map(|since| modified.timestamp() <= since.timestamp())
                .unwrap_or(false),
            _ => false,
        },
    };
    let (status, body) = match (not_modified, accepts_gzip) {
        (true, _) => (StatusCode::NOT_MODIFIED, Bytes::new()),
        (false, true) => (StatusCode::OK, feed.gzip.clone()),
        (false, false) => (StatusCode::OK, feed.body.clone()),
    };
    // For HEAD the server sends the headers of this response (Content-Length included) only.
    let mut response = Response::with_body(status, body);
    let out = response.headers_mut();
    // A 304 carries what RFC 9110 asks for (the validator and what guides caches); the client
    // keeps the rest from the 200 it has.
    out.insert(header::ETAG, etag.clone());
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if not_modified {
        return response;
    }
    out.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A feed is data, never a page: nothing in it may run or be framed.
    out.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(FEED_CSP));
    if let Some(modified) = &feed.last_modified_header {
        out.insert(header::LAST_MODIFIED, modified.clone());
    }
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    // No "identity" for the plain body: RFC 9110 §8.4.1 reserves it for Accept-Encoding.
    if accepts_gzip {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

fn latest(times: impl Iterator<Item = DateTime<Utc>>) -> Option<DateTime<Utc>> {
    times.max()
}

fn submission_item(state: &AppState, s: &Submission, topic_title: &str) -> FeedItem {
    let base = state.settings.club.base();
    FeedItem {
        title: s.title.clone(),
        link: s.url.clone(),
        guid: format!("{base}/submissions/{}", s.public_id),
        published: utc(s.published_at.unwrap_or(s.updated_at)),
        summary: s.summary.clone(),
        author: Some(s.author_name.clone()),
        categories: vec![s.kind.clone(), topic_title.to_owned()],
        media: true,
    }
}

async fn topic_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: web::Data<FeedKind>,
) -> Result<HttpResponse, AppError> {
    let kind = **kind;
    let slug = req.match_info().get("slug").unwrap_or_default();
    state.feeds.ensure_fresh(&state.db).await?;
    let extension = if kind == FeedKind::TopicJson { "json" } else { "xml" };
    match state.feeds.topic(slug, kind) {
        TopicLookup::Known { cached: Some(feed) } => return Ok(answer(&req, kind, &feed)),
        TopicLookup::Known { cached: None } => {}
        TopicLookup::Draft => return Err(AppError::NotFound),
        TopicLookup::Unknown => {
            // Perhaps a renamed topic: its old address answers with a permanent redirect.
            let lookup = slug.to_owned();
            return match state.db.run(move |conn| topic_rules::find_topic(conn, &lookup)).await? {
                Lookup::Moved(current) => Ok(HttpResponse::MovedPermanently()
                    .insert_header((header::LOCATION, format!("/topics/{current}/feed.{extension}")))
                    .finish()),
                Lookup::Found(_) => Err(AppError::NotFound),
            };
        }
    }
    let lookup = slug.to_owned();
    let (topic, entries) = state
        .db
        .run(move |conn| {
            let topic = Topic::by_slug(conn, &lookup)?.filter(|t| t.announced).ok_or(AppError::NotFound)?;
            let entries = Submission::published_for_topic(conn, topic.id, None)?;
            Ok((topic, entries))
        })
        .await?;
    let base = state.settings.club.base();
    let items: Vec<FeedItem> = entries.iter().map(|s| submission_item(&state, s, &topic.title)).collect();
    let summary = markdown::to_plain_text(&topic.summary);
    let channel = FeedChannel {
        title: format!("{}: {}", state.settings.club.name, topic.title),
        link: format!("{base}/topics/{}", topic.slug),
        self_url: format!("{base}/topics/{}/feed.xml", topic.slug),
        json_url: format!("{base}/topics/{}/feed.json", topic.slug),
        description: if summary.is_empty() { format!("Contributions on “{}”", topic.title) } else { summary },
        language: state.settings.club.language.clone(),
        last_build: latest(std::iter::once(utc(topic.updated_at)).chain(items.iter().map(|i| i.published))),
        ttl_minutes: 60,
        complete: true,
    };
    let body =
        if kind == FeedKind::TopicJson { json_document(&channel, &items) } else { rss_document(&channel, &items) };
    // The version read with the content is the one the cache entry answers to.
    let feed = Arc::new(build(topic.content_version as u64, body, channel.last_build));
    state.feeds.put_topic(slug, kind, feed.clone());
    Ok(answer(&req, kind, &feed))
}

async fn club_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: web::Data<FeedKind>,
) -> Result<HttpResponse, AppError> {
    let kind = **kind;
    state.feeds.ensure_fresh(&state.db).await?;
    let (version, cached) = state.feeds.club(kind);
    if let Some(feed) = cached {
        return Ok(answer(&req, kind, &feed));
    }
    let base = state.settings.club.base().to_owned();
    let club = state.settings.club.name.clone();
    let (body, last_build) = match kind {
        FeedKind::ClubRss | FeedKind::ClubJson => {
            let newest = state.db.run(|conn| Ok(Submission::newest_published(conn, 100)?)).await?;
            let items: Vec<FeedItem> = newest.iter().map(|(s, _, title)| submission_item(&state, s, title)).collect();
            let channel = FeedChannel {
                title: club.clone(),
                link: base.clone(),
                self_url: format!("{base}/feed.xml"),
                json_url: format!("{base}/feed.json"),
                description: format!("Everything published at {club}, newest first"),
                language: state.settings.club.language.clone(),
                last_build: latest(items.iter().map(|i| i.published)),
                ttl_minutes: 60,
                complete: false,
            };
            let body = if kind == FeedKind::ClubJson {
                json_document(&channel, &items)
            } else {
                rss_document(&channel, &items)
            };
            (body, channel.last_build)
        }
        FeedKind::ScheduleRss | FeedKind::ScheduleJson => {
            let topics = state.db.run(|conn| Ok(Topic::all(conn, false)?)).await?;
            let tz = state.settings.club.tz();
            let items: Vec<FeedItem> = topics
                .iter()
                .rev()
                .map(|t| FeedItem {
                    title: format!("{}: {}", topic_rules::month_of(t).long_name(), t.title),
                    link: format!("{base}/topics/{}", t.slug),
                    guid: format!("{base}/topics/{}", t.slug),
                    published: utc(t.created_at),
                    summary: format!(
                        "{} Submissions open {} and close {}.",
                        markdown::to_plain_text(&t.summary),
                        crate::render::dates::local_datetime(utc(t.opens_at), tz),
                        crate::render::dates::local_datetime(utc(t.closes_at), tz)
                    )
                    .trim()
                    .to_owned(),
                    author: None,
                    categories: vec!["topic".into()],
                    media: false,
                })
                .collect();
            let channel = FeedChannel {
                title: format!("{club}: schedule"),
                link: format!("{base}/topics"),
                self_url: format!("{base}/topics/feed.xml"),
                json_url: format!("{base}/topics/feed.json"),
                description: format!("Each month's topic and call for content at {club}"),
                language: state.settings.club.language.clone(),
                last_build: latest(topics.iter().map(|t| utc(t.updated_at))),
                ttl_minutes: 360,
                complete: true,
            };
            let body = if kind == FeedKind::ScheduleJson {
                json_document(&channel, &items)
            } else {
                rss_document(&channel, &items)
            };
            (body, channel.last_build)
        }
        FeedKind::Opml | FeedKind::TopicRss | FeedKind::TopicJson => {
            let topics = state.db.run(|conn| Ok(Topic::all(conn, false)?)).await?;
            let mut feeds = vec![
                (club.clone(), format!("{base}/feed.xml"), base.clone()),
                (format!("{club}: schedule"), format!("{base}/topics/feed.xml"), format!("{base}/topics")),
            ];
            for t in topics.iter().rev() {
                feeds.push((
                    format!("{club}: {}", t.title),
                    format!("{base}/topics/{}/feed.xml", t.slug),
                    format!("{base}/topics/{}", t.slug),
                ));
            }
            let last = latest(topics.iter().map(|t| utc(t.updated_at)));
            (opml_document(&format!("{club} feeds"), &feeds), last)
        }
    };
    let feed = Arc::new(build(version, body, last_build));
    state.feeds.put_club(kind, feed.clone());
    Ok(answer(&req, kind, &feed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn http_dates_are_imf_fixdate() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 8, 5, 9).single().expect("valid");
        assert_eq!(http_date(at), "Sat, 01 Mar 2025 08:05:09 GMT");
    }
}
