//! `GET|PUT /api/v1/topics/{slug}/roundup`: a topic's round-up — its introduction (Markdown),
//! the order of its entries, the highlights, and whether it is published.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::app::roundups::{self, RoundupView};
use crate::app::RoundupInput;
use crate::error::AppError;
use crate::web::http::forms::json_body;
use crate::web::http::json::rfc3339;
use crate::web::http::routes::Routes;
use crate::web::http::session::ApiOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/topics/{slug}/roundup", |r| r.get(get_roundup).put(put_roundup));
}

#[derive(Serialize)]
struct RoundupLinks {
    page: String,
    markdown: String,
    text: String,
}

#[derive(Serialize)]
struct RoundupResource {
    topic: String,
    intro: String,
    /// The published entries' ids in the round-up's order (placed ones first).
    order: Vec<String>,
    highlighted: Vec<String>,
    published: bool,
    published_at: Option<String>,
    links: RoundupLinks,
}

fn resource(state: &AppState, view: &RoundupView) -> RoundupResource {
    let page = format!("{}/topics/{}/roundup", state.app.settings.club.base(), view.topic.slug);
    RoundupResource {
        topic: view.topic.slug.clone(),
        intro: view.intro().to_owned(),
        order: view.entries.iter().map(|e| e.public_id.clone()).collect(),
        highlighted: view.entries.iter().filter(|e| e.highlighted).map(|e| e.public_id.clone()).collect(),
        published: view.is_published(),
        published_at: view.roundup.as_ref().and_then(|r| r.published_at).map(rfc3339),
        links: RoundupLinks { markdown: format!("{page}.md"), text: format!("{page}.txt"), page },
    }
}

async fn get_roundup(
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = roundups::get(&state.app, slug.into_inner(), true).await?;
    Ok(HttpResponse::Ok().json(resource(&state, &view)))
}

async fn put_roundup(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let input: RoundupInput = json_body(&body)?;
    let view = roundups::save(&state.app, Some(&who.organiser), slug.into_inner(), input).await?;
    Ok(HttpResponse::Ok().json(resource(&state, &view)))
}
