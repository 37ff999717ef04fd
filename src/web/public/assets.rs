//! `/static/{name}`: the stylesheet and other static files compiled in from `templates/assets/`.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/static/{name}", |r| r.get(asset));
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

async fn asset(
    req: HttpRequest,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let name = name.into_inner();
    let bytes = state.app.renderer.asset(&name).ok_or(AppError::NotFound)?;
    // Links carry ?v=<hash of the file>, so a versioned request may be cached for good.
    let cache = if req.query_string().starts_with("v=") {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type(&name))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(bytes.into_owned()))
}
