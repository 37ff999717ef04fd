//! `GET /api/v1/links/preview?url=&topic=`: what a link's page says (title, description, site,
//! author, date, kind, a thumbnail on the club's own address), and whether the topic has the
//! link already. Public and limited per client address; the submission form asks as a link is
//! pasted. Fields are null when the page does not say; `message` says why nothing was read.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::app::links;
use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::http::session;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/links/preview", |r| r.get(preview));
}

#[derive(Debug, Deserialize)]
struct PreviewQuery {
    url: String,
    topic: Option<String>,
}

async fn preview(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let client = session::client(&req, &state);
    let answer = links::preview(&state.app, &query.url, query.topic, &client).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(answer))
}
