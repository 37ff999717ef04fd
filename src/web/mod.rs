//! The HTTP service: handlers grouped by audience, a folder each — `public` (readers' pages and
//! members' forms), `admin` (organisers' pages), `api` (JSON), `feeds`, `hooks` (mail providers),
//! `ops` — with the shared plumbing in `http`. Handlers are thin: parse, call one use case in
//! `app`, render. No handler module imports another.

pub mod admin;
pub mod api;
pub mod feeds;
pub mod hooks;
pub mod http;
pub mod ops;
pub mod public;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, App as ActixApp, HttpServer};
use anyhow::Context as _;

use self::http::routes::{RouteInfo, Routes};
use self::http::{errors, language, memory, metrics, middleware, pages};
use crate::app::feeds::FeedCache;
use crate::app::App;
use crate::clock::{SharedClock, SystemClock};
use crate::config::Settings;
use crate::error::AppError;

/// What every handler may use: the use cases' services, and the web's own counters.
pub struct AppState {
    pub app: App,
    pub metrics: metrics::Metrics,
    pub started_unix: i64,
    /// A short digest of the stylesheet, for cache-busting links.
    pub asset_version: String,
    /// The site is served over https (cookies are Secure, HSTS is sent).
    pub https: bool,
    /// Public pages as anonymous visitors get them, kept once rendered.
    pub pages: pages::PageCache,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        let asset_version = app
            .renderer
            .asset("style.css")
            .map(|css| crate::crypto::digest_hex(&css)[..12].to_owned())
            .unwrap_or_default();
        AppState {
            metrics: metrics::Metrics::default(),
            started_unix: app.now().timestamp(),
            asset_version,
            https: app.settings.club.is_https(),
            pages: pages::PageCache::default(),
            app,
        }
    }
}

/// Every route the service registers: feeds outside the page middleware, everything else
/// inside it.
fn configure_feeds(routes: &mut Routes<'_>) {
    feeds::configure(routes);
}

fn configure_pages(routes: &mut Routes<'_>) {
    ops::configure(routes);
    api::configure(routes);
    hooks::configure(routes);
    admin::configure(routes);
    public::configure(routes);
}

/// The route table as registered: (method, path pattern), HEAD beside every GET.
pub fn route_table() -> Vec<RouteInfo> {
    let mut table = Vec::new();
    configure_feeds(&mut Routes::new(None, &mut table));
    configure_pages(&mut Routes::new(None, &mut table));
    table.sort();
    table
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

    /// Builds the services, binds `server.bind` (port 0 picks a free port) and prepares the
    /// server.
    pub async fn build_with_clock(settings: Settings, clock: SharedClock) -> anyhow::Result<Application> {
        let app = tokio::task::spawn_blocking(move || App::build(settings, clock))
            .await
            .context("start-up task failed")?
            .map_err(|e| anyhow::anyhow!(e))?;
        let state = web::Data::new(AppState::new(app));
        let bind = &state.app.settings.server.bind;
        let listener = TcpListener::bind(bind)
            .with_context(|| format!("configuration key server.bind: cannot listen on {bind}"))?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        let metrics = &state.app.settings.metrics.bind;
        if !metrics.is_empty() {
            let listener = TcpListener::bind(metrics)
                .with_context(|| format!("configuration key metrics.bind: cannot listen on {metrics}"))?;
            tokio::spawn(metrics_server(listener, state.clone())?);
        }
        let seconds = state.app.settings.feeds.refresh_seconds;
        tokio::spawn(FeedCache::keep_fresh(state.app.clone(), seconds));
        crate::app::changes::follow(&state.app);
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

/// Framework errors reading a body or a query become the app's own 400s (413 stays 413).
/// How forms, JSON bodies and query strings are read: bounded, and refused in the app's words.
fn body_configs(cfg: &mut web::ServiceConfig, limit: usize) {
    cfg.app_data(web::PayloadConfig::new(limit))
        .app_data(
            web::FormConfig::default().limit(limit).error_handler(|e, _| body_error(e, "refused-form-unreadable")),
        )
        .app_data(
            web::JsonConfig::default().limit(limit).error_handler(|e, _| body_error(e, "refused-json-unreadable")),
        )
        .app_data(web::QueryConfig::default().error_handler(|e, _| body_error(e, "refused-query-unreadable")));
}

/// `message` names what could not be read.
fn body_error(err: impl actix_web::ResponseError + 'static, message: &'static str) -> actix_web::Error {
    let status = err.status_code();
    if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        actix_web::error::InternalError::new(err.to_string(), status).into()
    } else {
        AppError::BadRequest(crate::error::Message::new(message).arg("detail", err.to_string())).into()
    }
}

/// The application: feeds outside the page middleware (no session, no CSRF seed; their errors
/// still get pages and security headers), everything else inside it.
fn application(
    state: web::Data<AppState>,
) -> ActixApp<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (https, body_limit) = (state.https, state.app.settings.server.body_limit_bytes);
    ActixApp::new()
        .app_data(state)
        .configure(|cfg| body_configs(cfg, body_limit))
        .wrap(actix_web::middleware::from_fn(middleware::observe))
        .wrap(actix_web::middleware::Compress::default())
        .wrap(actix_web::middleware::from_fn(middleware::compression_allowed))
        .service(
            web::scope("")
                .guard(actix_web::guard::fn_guard(feeds::is_feed_request))
                .wrap(errors::handlers())
                .wrap(middleware::security_headers(https))
                .configure(|cfg| configure_feeds(&mut Routes::new(Some(cfg), &mut Vec::new()))),
        )
        .service(
            web::scope("")
                .wrap(actix_web::middleware::from_fn(pages::remember))
                .wrap(actix_web::middleware::from_fn(middleware::load_session))
                .wrap(actix_web::middleware::from_fn(middleware::seed_csrf))
                .wrap(actix_web::middleware::from_fn(middleware::same_origin))
                .wrap(errors::handlers())
                .wrap(middleware::security_headers(https))
                .wrap(actix_web::middleware::from_fn(language::choose))
                .configure(|cfg| configure_pages(&mut Routes::new(Some(cfg), &mut Vec::new())))
                .default_service(web::to(errors::not_found)),
        )
}

/// The separate metrics address: `/metrics` and nothing else, on one worker.
fn metrics_server(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let server = HttpServer::new(move || {
        ActixApp::new()
            .app_data(state.clone())
            .wrap(middleware::security_headers(state.https))
            .configure(|cfg| ops::configure_metrics_only(&mut Routes::new(Some(cfg), &mut Vec::new())))
    })
    .workers(1)
    .listen(listener)?
    .run();
    Ok(server)
}

fn run(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let settings = &state.app.settings;
    let workers = settings.server.workers();
    let shutdown = settings.server.shutdown_timeout_seconds;
    let server = HttpServer::new(move || memory::MemoryFirst::new(state.clone(), application(state.clone())))
        .workers(workers)
        .shutdown_timeout(shutdown)
        .listen(listener)?
        .run();
    Ok(server)
}
