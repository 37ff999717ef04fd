//! `/api/v1/openapi.json`, `/api/v1/me` and revoking one's own tokens.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::app::{self, Role};
use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::http::session::ApiOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/openapi.json", |r| r.get(openapi));
    routes.at("/api/v1/me", |r| r.get(me));
    routes.at("/api/v1/tokens/{id}", |r| r.delete(revoke_token));
}

/// The OpenAPI 3 description of this API (`openapi.json` beside this file, compiled in).
async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(include_str!("openapi.json"))
}

#[derive(Serialize)]
struct Me<'a> {
    email: &'a str,
    display_name: &'a str,
    role: Role,
    token_id: i64,
}

/// The organiser the token belongs to.
async fn me(who: ApiOrganiser) -> HttpResponse {
    let o = &who.organiser;
    HttpResponse::Ok().json(Me { email: &o.email, display_name: &o.display_name, role: o.role, token_id: who.token_id })
}

/// Revokes one of the caller's own tokens (the one in use included).
async fn revoke_token(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = &who.organiser;
    app::organisers::revoke_token(&state.app, Some(actor), Some(actor.id), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
