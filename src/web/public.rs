//! Public pages for members and readers.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::page::Page;
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").route(web::get().to(home)));
}

async fn home(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Page::new("pages/home.html", "Home").render(&req, json!({}))
}
