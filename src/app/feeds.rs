//! Following the club by feed: the documents (per topic, the club, the schedule, OPML), each
//! rendered once per change and kept in memory.
//!
//! The cache holds a snapshot of the content versions the database keeps (`site_state` for the
//! whole site, one per topic). A document answers while its version is at least the snapshot's.
//!
//! - This instance's own writes: [`FeedCache::mark_stale`] raises a local write generation after
//!   each commit, and no document is served from memory until a snapshot read after that
//!   generation is installed. A reader therefore never gets the old document from the instance
//!   that made the change, however refreshes overlap.
//! - Other instances' writes: a background check re-reads the site version every
//!   `feeds.refresh_seconds`.
//! - Snapshots are installed compare-and-swap on the site version, which only grows, so an older
//!   snapshot that finishes last never replaces a newer one.
//! - Concurrent misses of one document render it once (single flight); the others wait for it.
//! - Entity tags are digests of the bytes, so identical documents have identical tags on every
//!   instance; `Last-Modified` is the stored change time, which only moves forward.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::App;
use crate::db::roundups::Roundup;
use crate::db::site_state::ContentState;
use crate::db::submissions::Submission;
use crate::db::topics::{Topic, TopicVersion};
use crate::db::AnyConnection;
use crate::error::AppError;
use crate::feeds::documents::{self, FeedFormat, SiteInfo};
use crate::render::encoded::Encoded;
use crate::render::views::utc;

/// Every feed the club publishes, by address pattern.
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
    pub const ALL: [FeedKind; 7] = [
        FeedKind::ClubRss,
        FeedKind::ClubJson,
        FeedKind::ScheduleRss,
        FeedKind::ScheduleJson,
        FeedKind::Opml,
        FeedKind::TopicRss,
        FeedKind::TopicJson,
    ];

    /// The address pattern (also the route label in metrics).
    pub fn route(self) -> &'static str {
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

    pub fn per_topic(self) -> bool {
        matches!(self, FeedKind::TopicRss | FeedKind::TopicJson)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FeedKind::TopicRss | FeedKind::ClubRss | FeedKind::ScheduleRss => "application/rss+xml; charset=utf-8",
            FeedKind::TopicJson | FeedKind::ClubJson | FeedKind::ScheduleJson => "application/feed+json; charset=utf-8",
            FeedKind::Opml => "text/x-opml; charset=utf-8",
        }
    }

    fn format(self) -> FeedFormat {
        match self {
            FeedKind::TopicJson | FeedKind::ClubJson | FeedKind::ScheduleJson => FeedFormat::Json,
            FeedKind::Opml => FeedFormat::Opml,
            _ => FeedFormat::Rss,
        }
    }

    /// The club-wide feed at `path`, or the topic feed and its slug.
    pub fn at(path: &str) -> Option<(FeedKind, Option<&str>)> {
        if let Some(kind) = FeedKind::ALL.into_iter().find(|k| !k.per_topic() && k.route() == path) {
            return Some((kind, None));
        }
        let rest = path.strip_prefix("/topics/")?;
        let (slug, kind) = match rest.strip_suffix("/feed.xml") {
            Some(slug) => (slug, FeedKind::TopicRss),
            None => (rest.strip_suffix("/feed.json")?, FeedKind::TopicJson),
        };
        // Slugs are plain lowercase words; anything else (an encoded path) is no feed of ours.
        let plain = !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        plain.then_some((kind, Some(slug)))
    }
}

/// One rendered document: the bytes as sent (plain, gzip, brotli), validators derived from them.
#[derive(Debug)]
pub struct FeedDocument {
    pub kind: FeedKind,
    /// The content version it was rendered from.
    pub version: i64,
    pub bytes: Encoded,
    pub last_modified: DateTime<Utc>,
    /// What the HTTP layer derives from the document once (its header values), kept with it.
    pub prepared: std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>,
}

impl FeedDocument {
    fn new(kind: FeedKind, version: i64, body: String, last_modified: NaiveDateTime) -> FeedDocument {
        FeedDocument {
            kind,
            version,
            bytes: Encoded::new(body),
            last_modified: utc(last_modified),
            prepared: std::sync::OnceLock::new(),
        }
    }
}

/// Which document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum DocKey {
    Club(FeedKind),
    Topic(FeedKind, String),
}

/// What the cache knows of a topic: its versions, and its documents (RSS, JSON).
struct TopicSlot {
    version: TopicVersion,
    documents: [Option<Arc<FeedDocument>>; 2],
}

fn topic_index(kind: FeedKind) -> usize {
    usize::from(kind == FeedKind::TopicJson)
}

/// The versions last read, and the documents rendered. Looked up by the address's parts without
/// allocating: the fast path does it for every poll.
#[derive(Default)]
struct Snapshot {
    loaded: bool,
    site: Option<ContentState>,
    topics: HashMap<String, TopicSlot>,
    club: HashMap<FeedKind, Arc<FeedDocument>>,
}

impl Snapshot {
    /// The current document for a feed, or why there is none (`Ok(None)`: not rendered yet).
    fn find(&self, kind: FeedKind, slug: Option<&str>) -> Result<Option<Arc<FeedDocument>>, Miss> {
        match slug {
            None => {
                let wanted = self.site.map_or(i64::MAX, |s| s.version);
                Ok(self.club.get(&kind).filter(|d| d.version >= wanted).cloned())
            }
            Some(slug) => match self.topics.get(slug) {
                None => Err(Miss::Unknown),
                Some(slot) if !slot.version.announced => Err(Miss::Draft),
                Some(slot) => {
                    let document = slot.documents[topic_index(kind)].as_ref();
                    Ok(document.filter(|d| d.version >= slot.version.version).cloned())
                }
            },
        }
    }

    fn find_key(&self, key: &DocKey) -> Result<Option<Arc<FeedDocument>>, Miss> {
        match key {
            DocKey::Club(kind) => self.find(*kind, None),
            DocKey::Topic(kind, slug) => self.find(*kind, Some(slug)),
        }
    }
}

/// Why the cache has no document for an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// No topic has this slug (perhaps it had once: see the redirects).
    Unknown,
    /// A topic that is not announced: nobody may read its feed.
    Draft,
}

/// The in-memory feed cache of one instance.
#[derive(Default)]
pub struct FeedCache {
    snapshot: RwLock<Snapshot>,
    /// Raised after every write this instance commits.
    writes: AtomicU64,
    /// The write generation the installed snapshot was read after.
    seen: AtomicU64,
    /// Serves answers from memory only once a snapshot is loaded.
    loaded: AtomicBool,
    /// One lock per document being rendered.
    flights: Mutex<HashMap<DocKey, Arc<tokio::sync::Mutex<()>>>>,
}

/// What a feed address answers.
pub enum FeedAnswer {
    Document(Arc<FeedDocument>),
    /// The address of a renamed topic's feed: its current slug.
    Moved(String),
}

impl FeedCache {
    /// After a write: nothing is served from memory until the versions are read again.
    pub fn mark_stale(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    fn fresh(&self) -> bool {
        self.loaded.load(Ordering::Acquire) && self.seen.load(Ordering::Acquire) >= self.writes.load(Ordering::Acquire)
    }

    /// The current document at `path` when it is in memory and nothing was written since the
    /// versions were read; `None` sends the request the long way ([`document`]).
    pub fn current(&self, path: &str) -> Option<Arc<FeedDocument>> {
        if !self.fresh() {
            return None;
        }
        let (kind, slug) = FeedKind::at(path)?;
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).find(kind, slug).ok().flatten()
    }

    /// Reads the content versions and installs them unless a newer snapshot is in place.
    pub async fn refresh(&self, app: &App) -> Result<(), AppError> {
        let generation = self.writes.load(Ordering::Acquire);
        let known = self.snapshot.read().unwrap_or_else(|p| p.into_inner()).site;
        let read = app
            .db
            .run(move |conn| {
                let site = ContentState::current(conn)?;
                // Unchanged site version: the topics are as they were.
                let topics = match known {
                    Some(k) if k.version == site.version => None,
                    _ => Some(Topic::versions(conn)?),
                };
                Ok((site, topics))
            })
            .await?;
        self.install(read, generation);
        Ok(())
    }

    fn install(&self, (site, topics): (ContentState, Option<Vec<TopicVersion>>), generation: u64) {
        let mut snapshot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        let newer = snapshot.site.is_none_or(|installed| site.version > installed.version);
        if let (true, Some(topics)) = (newer, topics) {
            snapshot.site = Some(site);
            // Documents of topics that are gone (deleted, renamed) go too; the others stay and
            // answer while their version is current.
            let mut old = std::mem::take(&mut snapshot.topics);
            snapshot.topics = topics
                .into_iter()
                .map(|version| {
                    let documents = old.remove(&version.slug).map(|slot| slot.documents).unwrap_or_default();
                    (version.slug.clone(), TopicSlot { version, documents })
                })
                .collect();
        }
        snapshot.loaded = true;
        drop(snapshot);
        // Whatever is installed now was read after `generation`'s writes had committed.
        self.seen.fetch_max(generation, Ordering::AcqRel);
        self.loaded.store(true, Ordering::Release);
    }

    /// The site's content version this instance serves from memory: `None` while something
    /// written here has not been read back yet (nothing may then be kept as current).
    pub fn site_version(&self) -> Option<i64> {
        if !self.fresh() {
            return None;
        }
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).site.map(|s| s.version)
    }

    /// Reads the versions again when something was written since they were last read.
    pub async fn ensure_fresh(&self, app: &App) -> Result<(), AppError> {
        if !self.fresh() {
            self.refresh(app).await?;
        }
        Ok(())
    }

    /// Checks the versions every `seconds` until the process ends: how this instance learns of
    /// other instances' writes.
    pub async fn keep_fresh(app: App, seconds: u64) {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(seconds.max(1)));
        loop {
            tick.tick().await;
            if let Err(e) = app.feeds.refresh(&app).await {
                tracing::warn!(error = %e, "feed version check failed");
            }
        }
    }

    /// The current document, or why there is none (`None`: it is not rendered yet).
    fn lookup(&self, key: &DocKey) -> Result<Arc<FeedDocument>, Option<Miss>> {
        match self.snapshot.read().unwrap_or_else(|p| p.into_inner()).find_key(key) {
            Ok(Some(found)) => Ok(found),
            Ok(None) => Err(None),
            Err(miss) => Err(Some(miss)),
        }
    }

    fn flight(&self, key: &DocKey) -> Arc<tokio::sync::Mutex<()>> {
        self.flights.lock().unwrap_or_else(|p| p.into_inner()).entry(key.clone()).or_default().clone()
    }

    /// Keeps a rendered document, unless a newer one is there already.
    fn put(&self, key: DocKey, document: Arc<FeedDocument>) {
        let mut snapshot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        let newer = |existing: Option<&Arc<FeedDocument>>| existing.is_some_and(|d| d.version > document.version);
        match key {
            DocKey::Club(kind) => {
                if !newer(snapshot.club.get(&kind)) {
                    snapshot.club.insert(kind, document);
                }
            }
            // A topic that went while it was rendered has nothing to keep it for.
            DocKey::Topic(kind, slug) => {
                if let Some(slot) = snapshot.topics.get_mut(&slug) {
                    let place = &mut slot.documents[topic_index(kind)];
                    if !newer(place.as_ref()) {
                        *place = Some(document);
                    }
                }
            }
        }
    }
}

fn key_for(path: &str) -> Option<DocKey> {
    match FeedKind::at(path)? {
        (kind, None) => Some(DocKey::Club(kind)),
        (kind, Some(slug)) => Some(DocKey::Topic(kind, slug.to_owned())),
    }
}

/// The document at a feed address, rendering it if it is not current in memory. 404 for a draft
/// or an unknown topic; a renamed topic's old address answers with its new slug.
pub async fn document(app: &App, path: &str) -> Result<FeedAnswer, AppError> {
    let key = key_for(path).ok_or(AppError::NotFound)?;
    let cache = &app.feeds;
    cache.ensure_fresh(app).await?;
    let mut miss = match cache.lookup(&key) {
        Ok(found) => return Ok(FeedAnswer::Document(found)),
        Err(miss) => miss,
    };
    if miss.is_some() {
        // Perhaps another instance added, announced or renamed the topic moments ago.
        cache.refresh(app).await?;
        miss = match cache.lookup(&key) {
            Ok(found) => return Ok(FeedAnswer::Document(found)),
            Err(miss) => miss,
        };
    }
    match (miss, &key) {
        (Some(Miss::Draft), _) => return Err(AppError::NotFound),
        (Some(Miss::Unknown), DocKey::Topic(_, slug)) => {
            let slug = slug.clone();
            let moved = app.read(move |_, conn| Ok(Topic::slug_for_old(conn, &slug, false)?)).await?;
            return moved.map(FeedAnswer::Moved).ok_or(AppError::NotFound);
        }
        _ => {}
    }
    let flight = cache.flight(&key);
    let _rendering = flight.lock().await;
    // Another request may have rendered it while this one waited.
    if let Ok(found) = cache.lookup(&key) {
        return Ok(FeedAnswer::Document(found));
    }
    let render_key = key.clone();
    let document = app.read(move |app, conn| render(app, conn, &render_key)).await?;
    let document = Arc::new(document);
    cache.put(key, document.clone());
    Ok(FeedAnswer::Document(document))
}

/// Reads a document's content and renders it. The version is read before the content, so that
/// the content is never older than the version it is filed under.
fn render(app: &App, conn: &mut AnyConnection, key: &DocKey) -> Result<FeedDocument, AppError> {
    let site = SiteInfo::of(&app.settings, app.renderer.catalog());
    match key {
        DocKey::Topic(kind, slug) => {
            let topic = Topic::by_slug(conn, slug)?.filter(|t| t.announced).ok_or(AppError::NotFound)?;
            let entries = Submission::published_for_topic(conn, topic.id, None)?;
            let body = documents::topic_feed(&site, &topic, &entries, kind.format());
            Ok(FeedDocument::new(*kind, topic.content_version, body, topic.content_changed_at))
        }
        DocKey::Club(kind) => {
            let state = ContentState::current(conn)?;
            let body = match kind {
                FeedKind::ClubRss | FeedKind::ClubJson => {
                    let newest = Submission::newest_published(conn, 100)?;
                    let roundups = Roundup::newest_published(conn, 24)?;
                    documents::club_feed(&site, &newest, &roundups, kind.format())
                }
                FeedKind::ScheduleRss | FeedKind::ScheduleJson => {
                    documents::schedule_feed(&site, &Topic::all(conn, false)?, kind.format())
                }
                FeedKind::Opml | FeedKind::TopicRss | FeedKind::TopicJson => {
                    documents::opml(&site, &Topic::all(conn, false)?)
                }
            };
            Ok(FeedDocument::new(*kind, state.version, body, state.changed_at))
        }
    }
}

/// Records, inside the writing transaction, that public content changed: the topic's (when
/// given) and the site's version go up, so every instance's feeds are rebuilt.
pub fn content_changed(conn: &mut AnyConnection, topic_id: Option<i64>, now: DateTime<Utc>) -> Result<(), AppError> {
    if let Some(id) = topic_id {
        Topic::content_changed(conn, id, now.naive_utc())?;
    }
    ContentState::bump(conn, now.naive_utc())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(version: i64) -> ContentState {
        ContentState { version, changed_at: NaiveDateTime::default() }
    }

    fn topic(version: i64) -> TopicVersion {
        TopicVersion { id: 1, slug: "t".into(), announced: true, version, changed_at: NaiveDateTime::default() }
    }

    #[test]
    fn an_older_snapshot_finishing_last_never_replaces_a_newer_one() {
        let cache = FeedCache::default();
        cache.install((state(5), Some(vec![topic(5)])), 0);
        cache.install((state(4), Some(vec![topic(4)])), 0);
        let snapshot = cache.snapshot.read().expect("lock");
        assert_eq!(snapshot.site.map(|s| s.version), Some(5));
        assert_eq!(snapshot.topics["t"].version.version, 5);
    }

    #[test]
    fn after_a_write_nothing_is_served_until_a_later_read_is_installed() {
        let cache = FeedCache::default();
        assert!(!cache.fresh(), "nothing before the first read");
        cache.install((state(1), Some(vec![topic(1)])), 0);
        assert!(cache.fresh());
        cache.mark_stale();
        assert!(!cache.fresh(), "a write makes the cache stale");
        // A read that started before the write finishes: still stale.
        cache.install((state(1), None), 0);
        assert!(!cache.fresh(), "a read from before the write does not count");
        cache.install((state(2), Some(vec![topic(2)])), 1);
        assert!(cache.fresh(), "a read after the write does");
    }
}
