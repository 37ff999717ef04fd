//! The HTTP service: handlers grouped by audience, each module exposing `configure`, composed
//! here. Handlers are thin: parse, call the domain, render.

pub mod admin;
pub mod admin_digests;
pub mod admin_organisers;
pub mod admin_submissions;
pub mod admin_topics;
pub mod api;
pub mod assets;
pub mod errors;
pub mod feeds;
pub mod metrics;
pub mod middleware;
pub mod ops;
pub mod page;
pub mod public;
pub mod session;
pub mod submissions;
pub mod subscriptions;
pub mod views;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use anyhow::Context as _;

use crate::clock::{SharedClock, SystemClock};
use crate::config::Settings;
use crate::crypto::SigningKey;
use crate::db::Db;
use crate::domain::rate_limits::{self, Limit, Use};
use crate::error::AppError;
use crate::render::Renderer;

/// Everything a handler may need, shared by all workers.
pub struct AppState {
    pub settings: Settings,
    pub db: Db,
    pub renderer: Renderer,
    pub clock: SharedClock,
    pub key: SigningKey,
    pub metrics: metrics::Metrics,
    pub feeds: Arc<feeds::FeedCache>,
    pub login_ip_limiter: Limit,
    pub login_account_limiter: Limit,
    pub submit_ip_limiter: Limit,
    pub submit_email_limiter: Limit,
    pub started_unix: i64,
    pub asset_version: String,
}

impl AppState {
    /// Applies rate limits in order (see `domain::rate_limits::check`); every instance on the
    /// database counts against the same buckets.
    pub async fn limit(&self, checks: Vec<(Limit, String, Use)>) -> Result<(), AppError> {
        let now = self.clock.now();
        self.db.run(move |conn| rate_limits::check(conn, now, &checks)).await
    }

    /// The host part of the base URL, for Message-IDs and calendar UIDs.
    pub fn host(&self) -> String {
        url::Url::parse(&self.settings.club.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into())
    }

    /// Connects to the database, applies migrations, loads the signing key and templates.
    pub fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<AppState> {
        let db = Db::connect(&settings.database)
            .map_err(|e| anyhow::anyhow!("configuration key database.url: cannot open the database: {e}"))?;
        db.migrate().map_err(|e| anyhow::anyhow!("database migration: {e}"))?;
        let key = SigningKey::load_or_create(&settings.security.session_key, &settings.server.data_dir)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let override_dir =
            Some(settings.web.templates_dir.as_str()).filter(|d| !d.is_empty()).map(std::path::PathBuf::from);
        let renderer = Renderer::new(override_dir.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let asset_version = renderer
            .asset("style.css")
            .map(|css| crate::crypto::token_hash(&String::from_utf8_lossy(&css))[..12].to_owned())
            .unwrap_or_default();
        let rl = &settings.rate_limit;
        Ok(AppState {
            login_ip_limiter: Limit::new("login-ip", rl.login_per_ip_per_minute, Duration::from_secs(60)),
            login_account_limiter: Limit::new(
                "login-account",
                rl.login_failures_per_account,
                Duration::from_secs(15 * 60),
            ),
            submit_ip_limiter: Limit::new("submit-ip", settings.submissions.per_ip_per_hour, Duration::from_secs(3600)),
            submit_email_limiter: Limit::new(
                "submit-email",
                settings.submissions.per_email_per_day,
                Duration::from_secs(24 * 3600),
            ),
            started_unix: clock.now().timestamp(),
            settings,
            db,
            renderer,
            clock,
            key,
            metrics: metrics::Metrics::default(),
            feeds: Arc::new(feeds::FeedCache::default()),
            asset_version,
        })
    }
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    /// Builds on the system clock.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// Builds the state, binds `server.bind` (port 0 picks a free port) and prepares the server.
    pub async fn build_with_clock(settings: Settings, clock: SharedClock) -> anyhow::Result<Application> {
        let state = actix_web::rt::task::spawn_blocking(move || AppState::build(settings, clock))
            .await
            .context("start-up task failed")??;
        let state = web::Data::new(state);
        let listener = TcpListener::bind(&state.settings.server.bind).with_context(|| {
            format!("configuration key server.bind: cannot listen on {}", state.settings.server.bind)
        })?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        tokio::spawn(state.feeds.clone().keep_fresh(state.db.clone(), state.settings.feeds.refresh_seconds));
        Ok(Application { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until SIGINT/SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn run(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let settings = &state.settings;
    let workers = match settings.server.workers {
        0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
        n => n,
    };
    let shutdown = settings.server.shutdown_timeout_seconds;
    let body_limit = settings.server.body_limit_bytes;
    let server = HttpServer::new(move || {
        // Current feeds are answered from memory in front of the application.
        let app = App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(body_limit))
            .app_data(web::FormConfig::default().limit(body_limit).error_handler(|err, _| {
                let status = actix_web::ResponseError::status_code(&err);
                if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                    actix_web::error::InternalError::new(err, status).into()
                } else {
                    AppError::BadRequest(format!("The form could not be read: {err}")).into()
                }
            }))
            .app_data(web::JsonConfig::default().limit(body_limit).error_handler(|err, _| {
                let status = actix_web::ResponseError::status_code(&err);
                if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                    actix_web::error::InternalError::new(err, status).into()
                } else {
                    AppError::BadRequest(format!("The JSON body could not be read: {err}")).into()
                }
            }))
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                AppError::BadRequest(format!("The query string could not be read: {err}")).into()
            }))
            // Feeds not yet in memory are rendered by their handlers, outside the page scope: no
            // session, no CSRF seed, no page headers (they set their own few).
            .wrap(actix_web::middleware::from_fn(middleware::observe))
            .configure(feeds::configure)
            .service(
                web::scope("")
                    .wrap(actix_web::middleware::from_fn(middleware::load_session))
                    .wrap(actix_web::middleware::from_fn(feeds::invalidate_on_write))
                    .wrap(actix_web::middleware::from_fn(middleware::seed_csrf))
                    .wrap(errors::handlers())
                    .wrap(middleware::security_headers(state.settings.club.is_https()))
                    .configure(ops::configure)
                    .configure(assets::configure)
                    .configure(api::configure)
                    .configure(admin::configure)
                    .configure(admin_topics::configure)
                    .configure(admin_submissions::configure)
                    .configure(submissions::configure)
                    .configure(subscriptions::configure)
                    .configure(admin_digests::configure)
                    .configure(admin_organisers::configure)
                    .configure(public::configure)
                    .default_service(web::to(errors::not_found)),
            );
        feeds::FeedsFirst::new(state.clone(), app)
    })
    .workers(workers)
    .shutdown_timeout(shutdown)
    .listen(listener)?
    .run();
    Ok(server)
}
