//! The JSON API under `/api/v1`. Writes and organiser reads need `Authorization: Bearer`.
//! Errors are RFC 9457 problem bodies.

use actix_web::{web, HttpResponse};
use serde_json::json;

use super::session::ApiOrganiser;
use super::AppState;
use crate::db::api_tokens::ApiToken;
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .service(web::resource("/me").route(web::get().to(me)))
            .service(web::resource("/tokens/{id}").route(web::delete().to(revoke_token))),
    );
}

/// The organiser the token belongs to.
async fn me(who: ApiOrganiser) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "email": who.organiser.email,
        "display_name": who.organiser.display_name,
        "role": who.organiser.role,
        "token_id": who.token_id,
    }))
}

/// Revokes one of the caller's own tokens (the one in use included).
async fn revoke_token(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let owner = who.organiser.id;
    let now = state.clock.now().naive_utc();
    let revoked = state
        .db
        .run(move |conn| Ok(ApiToken::revoke(conn, id, Some(owner), now)?))
        .await?;
    if revoked {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(AppError::NotFound)
    }
}
