//! The use cases: one function for each thing a person (or the worker) does — submit, confirm,
//! decide, subscribe, schedule a topic, send a digest, invite an organiser, … The web handlers
//! (HTML and JSON), the command line and the worker call these and nothing below them.
//!
//! A use case takes the [`App`] (settings, database, templates, clock, key, caches), reads and
//! writes through the db layer inside one transaction, asks the domain for every rule, writes
//! mail through the outbox in the same transaction, and returns typed values.

pub mod authors;
pub mod bounces;
pub mod changes;
pub mod dashboard;
pub mod delivery;
pub mod demo;
pub mod digests;
pub mod entries;
pub mod feeds;
pub mod housekeeping;
pub mod limits;
pub mod links;
pub mod moderation;
pub mod notify;
pub mod organisers;
pub mod outbox;
pub mod profile;
pub mod roundups;
pub mod schedule;
pub mod search;
pub mod sessions;
pub mod submissions;
pub mod subscribers;
pub mod subscriptions;
pub mod topics;
pub mod transfer;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::crypto::SigningKey;
use crate::db::{write_transaction, AnyConnection, Db};
use crate::error::AppError;
use crate::outbound::Outbound;
use crate::render::Renderer;

pub use crate::db::authors::{Author, Contributor};
pub use crate::db::destinations::Destination;
/// What the outer layers may name of the stored values and their states; they reach the db and
/// domain layers only through here.
pub use crate::db::digests::{Digest, Progress};
pub use crate::db::organisers::Organiser;
pub use crate::db::roundups::Roundup;
pub use crate::db::states::{
    AttemptOutcome, DeliveryStatus, DestinationKind, DigestStatus, EventKind, LinkPurpose, LinkState, Role,
    SubmissionKind, SubmissionStatus, SubscriberStatus, SuppressionReason,
};
pub use crate::db::submissions::Submission;
pub use crate::db::subscribers::Subscriber;
pub use crate::db::suppressions::Suppression;
pub use crate::db::topics::Topic;
pub use crate::db::translations::TopicTranslation;
pub use crate::domain::authors::AuthorInput;
pub use crate::domain::entries::{status_name, EntryInput, EntryPatch};
pub use crate::domain::month::{local_to_utc, parse_rfc3339, Month};
pub use crate::domain::notifications::DestinationInput;
pub use crate::domain::organisers::{AccountState, LINK_VALID_HOURS, MIN_PASSWORD_CHARS};
pub use crate::domain::roundups::RoundupInput;
pub use crate::domain::search::{Term, MAX_PAGE, PAGE_SIZE};
pub use crate::domain::submissions::{mask_email, SubmissionInput, MAX_SUMMARY_CHARS, REJECTION_REASONS};
pub use crate::domain::topics::{TopicInput, TopicPatch, TopicStatus, TranslationInput};
pub use crate::render::roundup::ExportFormat;

/// Opens the database and applies pending migrations; returns how many ran.
pub fn migrate(settings: &Settings) -> Result<usize, String> {
    let db = Db::connect(&settings.database)
        .map_err(|e| format!("configuration key database.url: cannot open the database: {e}"))?;
    db.migrate()
}

/// The services every use case works with; cheap to clone, shared by all threads.
#[derive(Clone)]
pub struct App(Arc<Services>);

pub struct Services {
    pub settings: Settings,
    pub db: Db,
    pub renderer: Renderer,
    pub clock: SharedClock,
    pub key: SigningKey,
    pub feeds: feeds::FeedCache,
    pub searches: search::SearchCache,
    /// The threads searches run on.
    pub search_lane: crate::db::lane::Lane,
    pub limits: limits::Limits,
    pub outbound: Outbound,
    pub certificates: bounces::Certificates,
}

/// An [`App`] that does not keep it alive: for threads that should end with it.
pub struct WeakApp(std::sync::Weak<Services>);

impl WeakApp {
    pub fn upgrade(&self) -> Option<App> {
        self.0.upgrade().map(App)
    }
}

impl Deref for App {
    type Target = Services;
    fn deref(&self) -> &Services {
        &self.0
    }
}

/// Who is asking, as far as limits care.
#[derive(Debug, Clone)]
pub struct Client {
    /// The client's address (the peer, or the proxy's X-Forwarded-For when trusted).
    pub ip: String,
}

impl App {
    pub fn downgrade(&self) -> WeakApp {
        WeakApp(Arc::downgrade(&self.0))
    }

    /// Opens the database (applying migrations), loads the signing key and the templates. Blocks:
    /// call it before serving, or on a blocking thread.
    pub fn build(settings: Settings, clock: SharedClock) -> Result<App, String> {
        let db = Db::connect(&settings.database)
            .map_err(|e| format!("configuration key database.url: cannot open the database: {e}"))?;
        db.migrate().map_err(|e| format!("database migration: {e}"))?;
        let app = App::with_db(settings, db, clock)?;
        // Entries written before authors existed (or by an older version) get theirs now.
        let mut conn = app.db.get().map_err(|e| format!("database: {e}"))?;
        let now = app.now().naive_utc();
        crate::db::write_transaction(&mut conn, |conn| {
            // Author pages change: every instance renders its pages again.
            if authors::attach_pending(conn, now)? > 0 {
                feeds::content_changed(conn, None, app.now())?;
            }
            Ok::<(), AppError>(())
        })
        .map_err(|e| format!("database migration: attaching authors: {e}"))?;
        drop(conn);
        Ok(app)
    }

    /// The same on a database that is open already.
    pub fn with_db(settings: Settings, db: Db, clock: SharedClock) -> Result<App, String> {
        let key = SigningKey::load_or_create(&settings.security.session_key, &settings.server.data_dir)?;
        let override_dir = Some(settings.web.templates_dir.as_str()).filter(|d| !d.is_empty()).map(PathBuf::from);
        let catalog = std::sync::Arc::new(crate::i18n::Catalog::load(&settings.club.language)?);
        let renderer = Renderer::new(override_dir.as_deref(), catalog, settings.club.tz())?;
        let limits = limits::Limits::from_settings(&settings);
        let outbound = Outbound::new(&settings.outbound, settings.club.base())?;
        if settings.outbound.enabled && settings.outbound.allow_private_networks {
            tracing::warn!(
                "outbound.allow_private_networks is on: links to this machine and private networks are fetched"
            );
        }
        let feeds = feeds::FeedCache::default();
        let searches = search::SearchCache::new(
            std::time::Duration::from_secs(settings.feeds.refresh_seconds),
            settings.search.cache_entries,
        );
        let search_lane =
            crate::db::lane::Lane::new("searches", settings.search.threads(), settings.search.queue as usize);
        let certificates = bounces::Certificates::default();
        Ok(App(Arc::new(Services {
            settings,
            db,
            renderer,
            clock,
            key,
            feeds,
            searches,
            search_lane,
            limits,
            outbound,
            certificates,
        })))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn tz(&self) -> Tz {
        self.settings.club.tz()
    }

    /// The host part of the base URL, for Message-IDs and calendar UIDs.
    pub fn host(&self) -> String {
        url::Url::parse(&self.settings.club.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into())
    }

    /// Runs `f` with a connection on the blocking pool, without a transaction of its own.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App, &mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.clone();
        self.db.run(move |conn| f(&app, conn)).await
    }

    /// Runs `f` like [`App::read`], in the searches' lane: searches run one after the other
    /// on a thread per processor, in the order they were asked (see [`crate::db::lane`]).
    pub(crate) async fn search_read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App, &mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.clone();
        self.db.run_in(&self.search_lane, move |conn| f(&app, conn)).await
    }

    /// Runs `f` in one write transaction. Once it has committed, this instance's feed cache
    /// re-reads the content versions before it answers again, so that a reader sees the change
    /// at once on the instance that made it.
    pub(crate) async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App, &mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.clone();
        let result = self.db.write(move |conn| write_transaction(conn, |conn| f(&app, conn))).await;
        if result.is_ok() {
            self.feeds.mark_stale();
            self.searches.mark_stale();
        }
        result
    }

    /// Runs `f` in one write transaction that never changes what the public sees (the worker's
    /// chores): the feed cache is left alone.
    pub(crate) async fn write_unseen<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App, &mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.clone();
        self.db.write(move |conn| write_transaction(conn, |conn| f(&app, conn))).await
    }
}
