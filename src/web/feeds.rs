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
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
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
    for (path, kind) in [
        ("/feed.xml", FeedKind::ClubRss),
        ("/feed.json", FeedKind::ClubJson),
        ("/topics/feed.xml", FeedKind::ScheduleRss),
        ("/topics/feed.json", FeedKind::ScheduleJson),
        ("/feeds.opml", FeedKind::Opml),
    ] {
        cfg.service(
            web::resource(path)
                .app_data(web::Data::new(kind))
                .route(web::get().to(club_feed))
                .route(web::head().to(club_feed)),
        );
    }
    for (path, kind) in
        [("/topics/{slug}/feed.xml", FeedKind::TopicRss), ("/topics/{slug}/feed.json", FeedKind::TopicJson)]
    {
        cfg.service(
            web::resource(path)
                .app_data(web::Data::new(kind))
                .route(web::get().to(topic_feed))
                .route(web::head().to(topic_feed)),
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    fn content_type(self) -> &'static str {
        match self {
            FeedKind::TopicRss | FeedKind::ClubRss | FeedKind::ScheduleRss => "application/rss+xml; charset=utf-8",
            FeedKind::TopicJson | FeedKind::ClubJson | FeedKind::ScheduleJson => "application/feed+json; charset=utf-8",
            FeedKind::Opml => "text/x-opml; charset=utf-8",
        }
    }
}

/// One rendered document and its validators.
pub struct CachedFeed {
    version: String,
    body: Bytes,
    gzip: Bytes,
    etag: String,
    gzip_etag: String,
    last_modified: Option<DateTime<Utc>>,
    last_modified_header: Option<String>,
}

#[derive(Default)]
struct Versions {
    /// slug → (announced, version)
    topics: HashMap<String, (bool, i64)>,
    global: String,
}

/// The in-memory feed cache of one instance.
#[derive(Default)]
pub struct FeedCache {
    entries: RwLock<HashMap<String, Arc<CachedFeed>>>,
    versions: RwLock<Versions>,
    stale: AtomicBool,
    loaded: AtomicBool,
}

impl FeedCache {
    /// After a write: the next feed request re-reads the versions.
    pub fn mark_stale(&self) {
        self.stale.store(true, Ordering::Release);
    }

    /// Reads every topic's version from the database.
    pub async fn refresh(&self, db: &Db) -> Result<(), AppError> {
        self.stale.store(false, Ordering::Release);
        let rows = db.run(|conn| Ok(Topic::versions(conn)?)).await?;
        let mut sum_versions: i64 = 0;
        let mut sum_ids: i64 = 0;
        let mut topics = HashMap::new();
        for (id, slug, announced, version) in &rows {
            sum_versions = sum_versions.wrapping_add(*version);
            sum_ids = sum_ids.wrapping_add(*id);
            topics.insert(slug.clone(), (*announced, *version));
        }
        let global = format!("n{}-v{sum_versions}-i{sum_ids}", rows.len());
        let mut versions = self.versions.write().unwrap_or_else(|p| p.into_inner());
        *versions = Versions { topics, global };
        self.loaded.store(true, Ordering::Release);
        Ok(())
    }

    async fn ensure_fresh(&self, db: &Db) -> Result<(), AppError> {
        if self.stale.load(Ordering::Acquire) || !self.loaded.load(Ordering::Acquire) {
            self.refresh(db).await?;
        }
        Ok(())
    }

    fn global_version(&self) -> String {
        self.versions.read().unwrap_or_else(|p| p.into_inner()).global.clone()
    }

    fn topic_version(&self, slug: &str) -> Option<(bool, i64)> {
        self.versions.read().unwrap_or_else(|p| p.into_inner()).topics.get(slug).copied()
    }

    fn get(&self, key: &str, version: &str) -> Option<Arc<CachedFeed>> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        entries.get(key).filter(|e| e.version == version).cloned()
    }

    fn put(&self, key: &str, feed: Arc<CachedFeed>) {
        self.entries.write().unwrap_or_else(|p| p.into_inner()).insert(key.to_owned(), feed);
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

fn build(version: String, body: String, last_modified: Option<DateTime<Utc>>) -> CachedFeed {
    let body = Bytes::from(body);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gzip = encoder.write_all(&body).and_then(|()| encoder.finish()).map(Bytes::from).unwrap_or_default();
    let digest = crate::crypto::token_hash(&String::from_utf8_lossy(&body));
    let tag = format!("{version}-{}", &digest[..16]);
    CachedFeed {
        version,
        etag: format!("\"{tag}\""),
        gzip_etag: format!("\"{tag}-gz\""),
        body,
        gzip,
        last_modified,
        last_modified_header: last_modified.map(http_date),
    }
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

const FEED_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// 200 or 304 for a cached document, honouring If-None-Match, If-Modified-Since and gzip.
fn respond(req: &HttpRequest, kind: FeedKind, feed: &CachedFeed) -> HttpResponse {
    let accepts_gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")))
        && !feed.gzip.is_empty();
    let etag = if accepts_gzip { &feed.gzip_etag } else { &feed.etag };
    let not_modified = match req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(tags) => tags.split(',').map(str::trim).any(|t| t == "*" || t == feed.etag || t == feed.gzip_etag),
        None => {
            match (req.headers().get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()), feed.last_modified) {
                (Some(since), Some(modified)) => DateTime::parse_from_rfc2822(since)
                    .map(|since| modified.timestamp() <= since.timestamp())
                    .unwrap_or(false),
                _ => false,
            }
        }
    };
    let mut response = HttpResponse::build(if not_modified { StatusCode::NOT_MODIFIED } else { StatusCode::OK });
    response
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // A feed is data, never a page: nothing in it may run or be framed.
        .insert_header((header::CONTENT_SECURITY_POLICY, FEED_CSP));
    if let Some(modified) = &feed.last_modified_header {
        response.insert_header((header::LAST_MODIFIED, modified.clone()));
    }
    if not_modified {
        return response.finish();
    }
    response.insert_header((header::CONTENT_TYPE, kind.content_type()));
    let body = if accepts_gzip {
        response.insert_header((header::CONTENT_ENCODING, "gzip"));
        feed.gzip.clone()
    } else {
        // Stops the compression middleware, if any, from compressing again.
        response.insert_header((header::CONTENT_ENCODING, "identity"));
        feed.body.clone()
    };
    // For HEAD the server sends the headers of this response (Content-Length included) only.
    response.body(body)
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
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = **kind;
    let slug = slug.into_inner();
    state.feeds.ensure_fresh(&state.db).await?;
    let extension = if kind == FeedKind::TopicJson { "json" } else { "xml" };
    let version = match state.feeds.topic_version(&slug) {
        Some((true, version)) => version,
        Some((false, _)) => return Err(AppError::NotFound),
        None => {
            // Perhaps a renamed topic: its old address answers with a permanent redirect.
            let lookup = slug.clone();
            return match state.db.run(move |conn| topic_rules::find_topic(conn, &lookup)).await? {
                Lookup::Moved(current) => Ok(HttpResponse::MovedPermanently()
                    .insert_header((header::LOCATION, format!("/topics/{current}/feed.{extension}")))
                    .finish()),
                Lookup::Found(_) => Err(AppError::NotFound),
            };
        }
    };
    let key = format!("topic:{slug}:{extension}");
    let version = version.to_string();
    if let Some(feed) = state.feeds.get(&key, &version) {
        return Ok(respond(&req, kind, &feed));
    }
    let lookup = slug.clone();
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
    let feed = Arc::new(build(topic.content_version.to_string(), body, channel.last_build));
    state.feeds.put(&key, feed.clone());
    Ok(respond(&req, kind, &feed))
}

async fn club_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: web::Data<FeedKind>,
) -> Result<HttpResponse, AppError> {
    let kind = **kind;
    state.feeds.ensure_fresh(&state.db).await?;
    let version = state.feeds.global_version();
    let key = format!("{kind:?}");
    if let Some(feed) = state.feeds.get(&key, &version) {
        return Ok(respond(&req, kind, &feed));
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
    state.feeds.put(&key, feed.clone());
    Ok(respond(&req, kind, &feed))
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
