//! `/media/thumbnails/{key}.jpg`: thumbnails of linked pages, stored by the service and served
//! from its own address (readers' browsers never call the sites linked to). The key is the
//! image's hash, so an answer never changes and may be cached for good.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::app::links;
use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/media/thumbnails/{name}", |r| r.get(thumbnail));
}

async fn thumbnail(state: web::Data<AppState>, name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let key = name.strip_suffix(".jpg").filter(|k| k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit()));
    let key = key.ok_or(AppError::NotFound)?.to_owned();
    let (content_type, bytes) = links::thumbnail(&state.app, key).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(bytes))
}
