//! Operations endpoints: liveness, readiness, metrics.

use actix_web::{web, HttpResponse};

use super::http::routes::Routes;
use super::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/healthz", |r| r.get(healthz));
    routes.at("/readyz", |r| r.get(readyz));
    routes.at("/metrics", |r| r.get(metrics));
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

async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(state.metrics.render(state.app.db.pool_state(), state.app.db.queries_run(), state.started_unix))
}
