//! `/topics/{slug}/roundup`: the month's round-up on a page of its own, and as text to paste
//! elsewhere (`roundup.md`, `roundup.txt`). Public once published; organisers see drafts.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::{roundups, ExportFormat};
use crate::error::AppError;
use crate::render::markdown;
use crate::render::views::{EntryView, TopicView};
use crate::web::http::language::t;
use crate::web::http::page::{topic_feeds, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/topics/{slug}/roundup", |r| r.get(roundup_page));
    routes.at("/topics/{slug}/roundup.md", |r| r.get(markdown_export));
    routes.at("/topics/{slug}/roundup.txt", |r| r.get(text_export));
}

#[derive(Serialize)]
struct RoundupPage {
    topic: TopicView,
    intro_html: String,
    published: bool,
    entries: Vec<EntryView>,
}

async fn roundup_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let organiser = session::logged_in(&req).is_some();
    let found = roundups::get(&state.app, slug.into_inner(), organiser).await?;
    let (tz, topic) = (state.app.tz(), &found.topic);
    let data = RoundupPage {
        topic: TopicView::new(topic, tz, state.app.now()),
        intro_html: markdown::to_safe_html(found.intro()),
        published: found.is_published(),
        entries: EntryView::list(&found.entries),
    };
    let title = t(&req, "title-roundup", &[("title", topic.title.as_str().into())]);
    Page::new("pages/roundup.html", title)
        .public()
        .feeds(topic_feeds(&req, &state, &topic.slug, &topic.title))
        .render(&req, &data)
}

async fn export(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: String,
    format: ExportFormat,
) -> Result<HttpResponse, AppError> {
    let organiser = session::logged_in(&req).is_some();
    let text = roundups::export(&state.app, slug, format, organiser).await?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text))
}

async fn markdown_export(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    export(req, state, slug.into_inner(), ExportFormat::Markdown).await
}

async fn text_export(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    export(req, state, slug.into_inner(), ExportFormat::Text).await
}
