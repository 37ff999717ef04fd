//! `/api/v1/topics/{slug}/digest`: admins preview a topic's digest and send it.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::app::{self, DigestStatus};
use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::http::session::ApiOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/topics/{slug}/digest", |r| r.get(preview_digest));
    routes.at("/api/v1/topics/{slug}/digest/send", |r| r.post(send_digest));
}

#[derive(Serialize)]
#[serde(untagged)]
enum State {
    Built(DigestStatus),
    NotBuilt(&'static str),
}

#[derive(Serialize)]
struct PreviewAnswer {
    subject: String,
    text: String,
    html: String,
    entries: usize,
    recipient_count: usize,
    status: State,
}

async fn preview_digest(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let preview = app::digests::preview(&state.app, slug.into_inner()).await?;
    Ok(HttpResponse::Ok().json(PreviewAnswer {
        subject: preview.content.subject,
        text: preview.content.text,
        html: preview.content.html,
        entries: preview.entries,
        recipient_count: preview.audience,
        status: preview.status.map_or(State::NotBuilt("not built"), State::Built),
    }))
}

#[derive(Serialize)]
struct Queued {
    queued: usize,
}

async fn send_digest(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let queued = app::digests::send(&state.app, slug.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(Queued { queued }))
}
