//! `/api/v1/destinations`: where events go (chat webhooks and signed generic webhooks) — list,
//! add (a generic webhook's signing secret is in the answer, this once), read, change, remove,
//! send a test message, read the delivery log. Organisers only.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{notify, Destination, DestinationInput, DestinationKind, EventKind};
use crate::error::AppError;
use crate::web::http::forms::json_body;
use crate::web::http::json::rfc3339;
use crate::web::http::routes::Routes;
use crate::web::http::session::ApiOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/destinations", |r| r.get(list).post(add));
    routes.at("/api/v1/destinations/{id}", |r| r.get(get).patch(update).delete(remove));
    routes.at("/api/v1/destinations/{id}/test", |r| r.post(test));
    routes.at("/api/v1/destinations/{id}/deliveries", |r| r.get(deliveries));
}

/// A destination as the API shows it (never its secret, except once when it is made).
#[derive(Serialize)]
struct DestinationResource {
    id: i64,
    kind: DestinationKind,
    label: String,
    url: String,
    events: Vec<EventKind>,
    language: String,
    reminder_days: Option<i32>,
    signed: bool,
    paused: bool,
    failing_since: Option<String>,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

fn resource(d: &Destination, secret: Option<String>) -> DestinationResource {
    DestinationResource {
        id: d.id,
        kind: d.kind,
        label: d.label.clone(),
        url: d.url.clone(),
        events: d.event_kinds(),
        language: d.language.clone(),
        reminder_days: d.reminder_days,
        signed: d.secret.is_some(),
        paused: d.paused_at.is_some(),
        failing_since: d.failing_since.map(rfc3339),
        created_at: rfc3339(d.created_at),
        secret,
    }
}

async fn list(state: web::Data<AppState>, who: ApiOrganiser) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let all = notify::list(&state.app).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(|d| resource(d, None)).collect::<Vec<_>>()))
}

async fn add(state: web::Data<AppState>, who: ApiOrganiser, body: web::Bytes) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let input: DestinationInput = json_body(&body)?;
    let created = notify::add(&state.app, Some(&who.organiser), input).await?;
    let location = format!("/api/v1/destinations/{}", created.destination.id);
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(resource(&created.destination, created.secret)))
}

async fn get(state: web::Data<AppState>, who: ApiOrganiser, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let destination = notify::get(&state.app, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(resource(&destination, None)))
}

/// A change: any of the fields; `paused` pauses or resumes; `rotate_secret` makes a new secret
/// (in the answer, this once; the old one keeps being signed with for a while).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct DestinationPatch {
    url: Option<String>,
    label: Option<String>,
    events: Option<Vec<String>>,
    language: Option<String>,
    reminder_days: Option<i32>,
    paused: Option<bool>,
    rotate_secret: bool,
}

async fn update(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let patch: DestinationPatch = json_body(&body)?;
    let id = id.into_inner();
    let current = notify::get(&state.app, id).await?;
    let input = DestinationInput {
        kind: current.kind.as_str().to_owned(),
        url: patch.url.unwrap_or(current.url.clone()),
        label: patch.label.unwrap_or(current.label.clone()),
        events: patch.events.unwrap_or_else(|| current.event_kinds().iter().map(|e| e.as_str().to_owned()).collect()),
        language: patch.language.unwrap_or(current.language.clone()),
        reminder_days: patch.reminder_days.or(current.reminder_days),
    };
    let mut destination = notify::update(&state.app, Some(&who.organiser), id, input).await?;
    if let Some(paused) = patch.paused {
        destination = notify::set_paused(&state.app, id, paused).await?;
    }
    let secret = if patch.rotate_secret {
        Some(notify::rotate_secret(&state.app, Some(&who.organiser), id).await?)
    } else {
        None
    };
    Ok(HttpResponse::Ok().json(resource(&destination, secret)))
}

async fn remove(state: web::Data<AppState>, who: ApiOrganiser, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    notify::remove(&state.app, Some(&who.organiser), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn test(state: web::Data<AppState>, who: ApiOrganiser, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let line = notify::send_test(&state.app, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(line))
}

async fn deliveries(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (_, lines) = notify::log(&state.app, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(lines))
}
