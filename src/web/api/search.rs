//! `GET /api/v1/search?q=&topic=&kind=&lang=&year=&author=&page=`: the public archive searched,
//! best first, twenty results a page. Matched words are marked in `title_html` and
//! `snippet_html` (escaped text with `<mark>`); `title` and `snippet` are plain text.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::app::search::{self, SearchRequest};
use crate::app::PAGE_SIZE;
use crate::error::AppError;
use crate::render::search::HitView;
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/search", |r| r.get(search_api));
}

#[derive(Serialize)]
struct SearchAnswer {
    /// How many were found: at most the newest `search.ranked_window` matches are ranked.
    total: i64,
    /// More than `total` entries match; narrow the search to rank them all.
    more: bool,
    page: i64,
    pages: i64,
    per_page: i64,
    /// When nothing matched as typed: the query these results are for.
    corrected: Option<String>,
    results: Vec<HitView>,
}

async fn search_api(state: web::Data<AppState>, query: web::Query<SearchRequest>) -> Result<HttpResponse, AppError> {
    let results = search::search(&state.app, query.into_inner()).await?;
    let terms = &results.search.terms;
    let answer = SearchAnswer {
        total: results.total,
        more: results.more,
        page: results.search.page,
        pages: results.pages(),
        per_page: PAGE_SIZE,
        corrected: results.corrected.clone(),
        results: results.found.iter().map(|f| HitView::new(f, terms)).collect(),
    };
    Ok(HttpResponse::Ok().json(answer))
}
