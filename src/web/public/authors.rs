//! `/authors`: who contributed, how often, on which topics; `/authors/{slug}`: one author's
//! entries across topics, bio and links, with their own RSS and JSON feeds. An author renamed or
//! merged into another keeps their old addresses answering with a permanent redirect.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::authors::{self, AuthorAnswer, AuthorFeed};
use crate::error::AppError;
use crate::render::search::{AuthorView, AuthoredView, ContributorView};
use crate::web::http::language::t;
use crate::web::http::page::{moved_permanently, FeedLink, Page};
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/authors", |r| r.get(directory));
    routes.at("/authors/{slug}", |r| r.get(author_page));
    routes.at("/authors/{slug}/feed.xml", |r| r.get(author_feed_rss));
    routes.at("/authors/{slug}/feed.json", |r| r.get(author_feed_json));
}

#[derive(Deserialize)]
struct DirectoryQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct DirectoryPage {
    contributors: Vec<ContributorView>,
    /// (`page` is the layout's.)
    page_number: usize,
    pages: usize,
    previous_href: Option<String>,
    next_href: Option<String>,
}

/// The address of page `n` of the directory.
fn directory_href(n: usize) -> String {
    if n == 1 {
        "/authors".to_owned()
    } else {
        format!("/authors?page={n}")
    }
}

async fn directory(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<DirectoryQuery>,
) -> Result<HttpResponse, AppError> {
    let page = authors::directory_page(query.page.as_deref())?;
    let directory = authors::directory(&state.app, page).await?;
    let data = DirectoryPage {
        contributors: ContributorView::list(&directory.contributors),
        page_number: directory.page,
        pages: directory.pages,
        previous_href: (page > 1).then(|| directory_href(page - 1)),
        next_href: (page < directory.pages).then(|| directory_href(page + 1)),
    };
    Page::new("pages/authors.html", t(&req, "title-authors", &[])).public().render(&req, &data)
}

#[derive(Serialize)]
struct AuthorPage {
    author: AuthorView,
    entries: Vec<AuthoredView>,
    count: usize,
}

fn feeds(req: &HttpRequest, slug: &str, name: &str) -> Vec<FeedLink> {
    let named = || vec![("name", name.into())];
    vec![
        FeedLink {
            kind: "application/rss+xml",
            title: t(req, "feed-author-rss-title", &named()),
            href: format!("/authors/{slug}/feed.xml"),
        },
        FeedLink {
            kind: "application/feed+json",
            title: t(req, "feed-author-json-title", &named()),
            href: format!("/authors/{slug}/feed.json"),
        },
    ]
}

async fn author_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = match authors::page(&state.app, slug.into_inner()).await? {
        AuthorAnswer::Found(page) => page,
        AuthorAnswer::Moved(current) => return Ok(moved_permanently(&format!("/authors/{current}"))),
    };
    let data = AuthorPage {
        author: AuthorView::new(&page.author),
        entries: AuthoredView::list(&page.entries),
        count: page.entries.len(),
    };
    Page::new("pages/author.html", page.author.name.clone())
        .public()
        .feeds(feeds(&req, &page.author.slug, &page.author.name))
        .render(&req, &data)
}

async fn author_feed(state: &AppState, slug: String, json: bool) -> Result<HttpResponse, AppError> {
    let extension = if json { "json" } else { "xml" };
    match authors::feed(&state.app, slug, json).await? {
        AuthorFeed::Moved(current) => Ok(moved_permanently(&format!("/authors/{current}/feed.{extension}"))),
        AuthorFeed::Document(body) => {
            let kind = if json { "application/feed+json" } else { "application/rss+xml; charset=utf-8" };
            Ok(HttpResponse::Ok()
                .content_type(kind)
                .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
                .body(body))
        }
    }
}

async fn author_feed_rss(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    author_feed(&state, slug.into_inner(), false).await
}

async fn author_feed_json(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    author_feed(&state, slug.into_inner(), true).await
}
