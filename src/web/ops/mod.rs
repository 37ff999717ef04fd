//! Operations endpoints: liveness, readiness, metrics. `/metrics` tells of admin traffic, so it
//! is not public: it needs the configured bearer token (`metrics.token`), or is served on a
//! separate address of its own (`metrics.bind`), or, with neither, answers only requests from
//! this machine that came through no proxy.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::http::routes::Routes;
use super::http::session::bearer_token;
use super::AppState;
use crate::crypto::constant_time_eq;
use crate::error::AppError;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/healthz", |r| r.get(healthz));
    routes.at("/readyz", |r| r.get(readyz));
    routes.at("/metrics", |r| r.get(metrics));
}

/// The routes of the separate metrics address.
pub fn configure_metrics_only(routes: &mut Routes<'_>) {
    routes.at("/metrics", |r| r.get(metrics_only));
}

/// The process is up and serving.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body("ok\n")
}

/// The database answers.
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let (status, body) = if state.app.db.ping().await {
        (actix_web::http::StatusCode::OK, "ready\n")
    } else {
        (actix_web::http::StatusCode::SERVICE_UNAVAILABLE, "database not answering\n")
    };
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// Whether this request may read the metrics on the main address.
fn may_read(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    let settings = &state.app.settings.metrics;
    if !settings.bind.is_empty() {
        return Err(AppError::NotFound);
    }
    if !settings.token.is_empty() {
        return match bearer_token(req) {
            Some(token) if constant_time_eq(token.as_bytes(), settings.token.as_bytes()) => Ok(()),
            _ => Err(AppError::Unauthorized),
        };
    }
    let proxied = req.headers().contains_key("x-forwarded-for") || req.headers().contains_key(header::FORWARDED);
    let local = req.peer_addr().is_some_and(|peer| peer.ip().is_loopback());
    if local && !proxied {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

fn exposition(state: &AppState) -> HttpResponse {
    let db = &state.app.db;
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(state.metrics.render(
            db.pool_state(),
            (db.writes_waiting(), state.app.search_lane.waiting()),
            db.queries_run(),
            state.started_unix,
        ))
}

async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    may_read(&req, &state)?;
    Ok(exposition(&state))
}

/// On the separate address: the token still counts when one is set.
async fn metrics_only(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let token = &state.app.settings.metrics.token;
    if !token.is_empty() && !bearer_token(&req).is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes())) {
        return Err(AppError::Unauthorized);
    }
    Ok(exposition(&state))
}
