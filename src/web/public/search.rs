//! `/search`: the archive searched, a page of results at a time, with filters (topic, kind,
//! language, year, author) that combine and stay in the address; `/search/feed.xml` and
//! `feed.json` follow a search; `/opensearch.xml` lets browsers offer the site's search.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::search::{self, Results, SearchRequest};
use crate::app::{self, SubmissionKind};
use crate::error::{AppError, FieldErrors};
use crate::render::search::HitView;
use crate::render::views::Choice;
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, FeedLink, Page};
use crate::web::http::routes::Routes;
use crate::web::AppState;

/// The search form as the page's address carries it: the language filter is `language`,
/// because `lang` chooses the page's own language.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SearchForm {
    q: String,
    topic: Option<String>,
    kind: Option<String>,
    language: Option<String>,
    year: Option<String>,
    author: Option<String>,
    page: Option<String>,
}

impl From<SearchForm> for SearchRequest {
    fn from(f: SearchForm) -> SearchRequest {
        SearchRequest {
            q: f.q,
            topic: f.topic,
            kind: f.kind,
            lang: f.language,
            year: f.year,
            author: f.author,
            page: f.page,
        }
    }
}

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/search", |r| r.get(search_page));
    routes.at("/search/feed.xml", |r| r.get(search_feed_rss));
    routes.at("/search/feed.json", |r| r.get(search_feed_json));
    routes.at("/opensearch.xml", |r| r.get(opensearch));
}

/// A filter in force, with the address of the same search without it.
#[derive(Serialize)]
struct Active {
    #[serde(skip)]
    field: &'static str,
    label: String,
    remove_href: String,
}

#[derive(Serialize)]
struct SearchPage<'a> {
    q: &'a str,
    searched: bool,
    total: i64,
    more: bool,
    results: Vec<HitView>,
    corrected: Option<String>,
    topics: Vec<Choice>,
    kinds: Vec<Choice>,
    languages: Vec<Choice>,
    years: Vec<Choice>,
    author: Option<&'a str>,
    active: Vec<Active>,
    clear_href: Option<String>,
    previous_href: Option<String>,
    next_href: Option<String>,
    /// When the page asked for is past the last one: the last one.
    last_href: Option<String>,
    page_number: i64,
    pages: i64,
    feed_href: Option<String>,
    errors: FieldErrors,
}

/// `/search?` with `request`'s fields, without the page, and without the filter `drop`.
fn address(request: &SearchRequest, drop: Option<&str>) -> String {
    let mut kept = request.clone();
    match drop {
        Some("topic") => kept.topic = None,
        Some("kind") => kept.kind = None,
        Some("language") => kept.lang = None,
        Some("year") => kept.year = None,
        Some("author") => kept.author = None,
        _ => {}
    }
    format!("/search?{}", search::query_string(&kept))
}

fn choices(options: Vec<(String, String)>, selected: Option<&str>) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice { selected: selected == Some(value.as_str()), value, label })
        .collect()
}

/// The filters in force, each with the address that drops it.
fn active(req: &HttpRequest, request: &SearchRequest, topics: &[Choice], kinds: &[Choice]) -> Vec<Active> {
    let named = |list: &[Choice], value: &str| {
        list.iter().find(|c| c.value == value).map_or_else(|| value.to_owned(), |c| c.label.clone())
    };
    let mut out = Vec::new();
    for (field, value) in [
        ("topic", &request.topic),
        ("kind", &request.kind),
        ("language", &request.lang),
        ("year", &request.year),
        ("author", &request.author),
    ] {
        let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) else { continue };
        let shown = match field {
            "topic" => named(topics, value),
            "kind" => named(kinds, value),
            "language" => crate::i18n::name_of(value),
            _ => value.to_owned(),
        };
        out.push(Active {
            field,
            label: t(req, &format!("search-filter-{field}"), &[("value", shown.into())]),
            remove_href: address(request, Some(field)),
        });
    }
    out
}

async fn filter_choices(
    req: &HttpRequest,
    state: &AppState,
    request: &SearchRequest,
) -> Result<(Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>), AppError> {
    let all = app::schedule::announced(&state.app).await?;
    let topics = all.iter().rev().map(|t| (t.slug.clone(), t.title.clone())).collect();
    let mut years: Vec<String> = all.iter().filter_map(|t| t.month.get(..4).map(str::to_owned)).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let kinds = SubmissionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), t(req, &format!("digest-group-{}", k.as_str()), &[])))
        .collect();
    let languages = crate::i18n::LANGUAGES.iter().map(|l| (l.tag.to_owned(), l.name.to_owned())).collect();
    Ok((
        choices(topics, request.topic.as_deref()),
        choices(kinds, request.kind.as_deref()),
        choices(languages, request.lang.as_deref()),
        choices(years.into_iter().map(|y| (y.clone(), y)).collect(), request.year.as_deref()),
    ))
}

/// The page before any search ran: the form, its choices and the filters in force.
async fn blank<'a>(
    req: &HttpRequest,
    state: &AppState,
    request: &'a SearchRequest,
) -> Result<SearchPage<'a>, AppError> {
    let (topics, kinds, languages, years) = filter_choices(req, state, request).await?;
    Ok(SearchPage {
        q: request.q.trim(),
        searched: request.is_asked(),
        total: 0,
        more: false,
        results: Vec::new(),
        corrected: None,
        active: active(req, request, &topics, &kinds),
        topics,
        kinds,
        languages,
        years,
        author: request.author.as_deref().filter(|a| !a.trim().is_empty()),
        clear_href: None,
        previous_href: None,
        next_href: None,
        last_href: None,
        page_number: 1,
        pages: 1,
        feed_href: None,
        errors: FieldErrors::new(),
    })
}

async fn search_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SearchForm>,
) -> Result<HttpResponse, AppError> {
    let request = SearchRequest::from(query.into_inner());
    let mut data = blank(&req, &state, &request).await?;
    let mut status = StatusCode::OK;
    if data.searched {
        match search::search(&state.app, request.clone()).await {
            Ok(results) => fill(&req, &mut data, &request, results),
            Err(err) => (data.errors, status) = form_refusal(err)?,
        }
    }
    let title = match data.q {
        "" => t(&req, "title-search", &[]),
        q => t(&req, "title-search-results", &[("query", q.into())]),
    };
    let feeds = data
        .feed_href
        .iter()
        .map(|href| FeedLink {
            kind: "application/rss+xml",
            title: t(&req, "search-feed-title", &[]),
            href: href.clone(),
        })
        .collect();
    Page::new("pages/search.html", title).tokenless().status(status).feeds(feeds).render(&req, &data)
}

/// A page of results into the page's data.
fn fill(req: &HttpRequest, data: &mut SearchPage<'_>, request: &SearchRequest, results: Results) {
    if let (Some(name), Some(active)) = (&results.author_name, data.active.iter_mut().find(|a| a.field == "author")) {
        active.label = t(req, "search-filter-author", &[("value", name.as_str().into())]);
    }
    let terms = &results.search.terms;
    data.total = results.total;
    data.more = results.more;
    data.page_number = results.search.page;
    data.pages = results.pages();
    data.results = results.found.iter().map(|f| HitView::new(f, terms)).collect();
    data.corrected = results.corrected.clone();
    if !data.active.is_empty() {
        data.clear_href = Some(address(&SearchRequest { q: request.q.clone(), ..SearchRequest::default() }, None));
    }
    let at_page = |n: i64| {
        let mut href = address(request, None);
        if n > 1 {
            href.push_str(&format!("&page={n}"));
        }
        href
    };
    if data.total > 0 && data.page_number > data.pages {
        data.last_href = Some(at_page(data.pages));
    } else {
        data.previous_href = (data.page_number > 1).then(|| at_page(data.page_number - 1));
        data.next_href = (data.page_number < data.pages).then(|| at_page(data.page_number + 1));
    }
    // Following a corrected search follows the words it was corrected to.
    let followed = SearchRequest { q: data.corrected.clone().unwrap_or_else(|| request.q.clone()), ..request.clone() };
    data.feed_href = Some(format!("/search/feed.xml?{}", search::query_string(&followed)));
}

async fn search_feed(state: &AppState, request: SearchRequest, json: bool) -> Result<HttpResponse, AppError> {
    let body = search::feed(&state.app, request, json).await?;
    let kind = if json { "application/feed+json" } else { "application/rss+xml; charset=utf-8" };
    Ok(HttpResponse::Ok().content_type(kind).insert_header((header::CACHE_CONTROL, "public, max-age=300")).body(body))
}

async fn search_feed_rss(state: web::Data<AppState>, query: web::Query<SearchForm>) -> Result<HttpResponse, AppError> {
    search_feed(&state, query.into_inner().into(), false).await
}

async fn search_feed_json(state: web::Data<AppState>, query: web::Query<SearchForm>) -> Result<HttpResponse, AppError> {
    search_feed(&state, query.into_inner().into(), true).await
}

/// The OpenSearch description: browsers offer the site's search from it.
async fn opensearch(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/opensearchdescription+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(app::search::opensearch(&state.app))
}
