//! Rendering a page: the layout's shared context (club, CSRF token, organiser, flash message,
//! feeds) beside the page's own typed data.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;

use super::forms;
use super::language::{self, t};
use super::pages;
use super::session::{self, cookie_names};
use crate::app::Role;
use crate::error::{AppError, FieldErrors};
use crate::web::AppState;

/// A feed offered with `<link rel="alternate">` in the page head.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub href: String,
}

/// The organiser a page is shown to.
#[derive(Debug, Serialize)]
struct OrganiserContext {
    display_name: String,
    email: String,
    role: Role,
    is_admin: bool,
}

/// One entry of the language switcher, and the page's `hreflang` alternate in that language.
#[derive(Debug, Serialize)]
struct LanguageLink {
    tag: &'static str,
    name: &'static str,
    /// This page with `?lang=` set, on this site.
    href: String,
    /// The same, as an absolute address for `<link rel="alternate" hreflang>`.
    absolute: String,
    current: bool,
}

/// The `page` object every template sees.
#[derive(Debug, Serialize)]
pub struct PageContext {
    title: String,
    club_name: String,
    language: &'static str,
    languages: Vec<LanguageLink>,
    /// This page without a language choice: the `x-default` alternate.
    canonical: String,
    base_url: String,
    csrf_token: String,
    /// The signed "form shown at" stamp of the forms anonymous visitors post (subscribe).
    form_started: String,
    organiser: Option<OrganiserContext>,
    flash: Option<String>,
    asset_version: String,
    feeds: Vec<FeedLink>,
    /// What the search box holds: the query, on the results page.
    search: String,
}

#[derive(Serialize)]
struct PageData<'a, T: Serialize> {
    page: &'a PageContext,
    #[serde(flatten)]
    data: &'a T,
}

/// What the layout around every page sees.
#[derive(Serialize)]
struct Frame<'a> {
    page: &'a PageContext,
}

/// A page about to be rendered.
pub struct Page<'a> {
    pub template: &'a str,
    pub title: String,
    pub status: StatusCode,
    pub feeds: Vec<FeedLink>,
    /// The same bytes for every anonymous visitor: kept and answered from memory (see `pages`).
    pub public: bool,
    /// Its forms carry a visitor's CSRF token (private links' pages); organisers' always do.
    pub visitor_token: bool,
}

/// Data for a page that shows nothing of its own.
#[derive(Serialize)]
pub struct NoData {}

impl<'a> Page<'a> {
    pub fn new(template: &'a str, title: impl Into<String>) -> Page<'a> {
        Page {
            template,
            title: title.into(),
            status: StatusCode::OK,
            feeds: Vec::new(),
            public: false,
            visitor_token: true,
        }
    }

    /// A page every anonymous visitor sees alike (no per-visitor token, no private data): kept
    /// in memory for them and sent with `Cache-Control: public`. Organisers see it live.
    pub fn public(mut self) -> Self {
        self.public = true;
        self.visitor_token = false;
        self
    }

    /// A page whose forms anonymous visitors post without a per-visitor token (subscribe,
    /// submit): they are guarded by the origin check, the honeypot, the stamp and rate limits.
    pub fn tokenless(mut self) -> Self {
        self.visitor_token = false;
        self
    }

    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn feeds(mut self, feeds: Vec<FeedLink>) -> Self {
        self.feeds = feeds;
        self
    }

    /// Renders the page with `data` (a struct) beside the shared `page` context.
    pub fn render<T: Serialize>(self, req: &HttpRequest, data: &T) -> Result<HttpResponse, AppError> {
        let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal("no state"))?;
        let flash = read_flash(req, state);
        let feeds = if self.feeds.is_empty() { club_feeds(req, state) } else { self.feeds };
        let shared = req.extensions().get::<pages::Anonymous>().is_some() && self.public && flash.is_none();
        let page = page_context(req, state, (self.title, flash.clone()), feeds, (self.public, self.visitor_token));
        let lang = page.language;
        let body = state
            .app
            .renderer
            .page(self.template, lang, &PageData { page: &page, data }, &Frame { page: &page })
            .map_err(AppError::Internal)?;
        let mut response = HttpResponse::build(self.status);
        response.content_type("text/html; charset=utf-8");
        if shared {
            response.insert_header((header::CACHE_CONTROL, pages::PAGE_CACHE_CONTROL));
            response.extensions_mut().insert(pages::PublicPage);
        } else {
            response.insert_header((header::CACHE_CONTROL, "no-store"));
        }
        if flash.is_some() {
            response.cookie(session::removal_cookie(cookie_names(state.https).flash, state.https));
        }
        Ok(response.body(body))
    }
}

/// The feeds every page offers: everything published, and the schedule.
pub fn club_feeds(req: &HttpRequest, state: &AppState) -> Vec<FeedLink> {
    let club = || vec![("club", state.app.settings.club.name.as_str().into())];
    vec![
        FeedLink {
            kind: "application/rss+xml",
            title: t(req, "feed-everything-title", &club()),
            href: "/feed.xml".into(),
        },
        FeedLink {
            kind: "application/feed+json",
            title: t(req, "feed-everything-json-title", &club()),
            href: "/feed.json".into(),
        },
        FeedLink {
            kind: "application/rss+xml",
            title: t(req, "feed-schedule-title", &club()),
            href: "/topics/feed.xml".into(),
        },
    ]
}

/// A topic's own feeds, then the club's.
pub fn topic_feeds(req: &HttpRequest, state: &AppState, slug: &str, title: &str) -> Vec<FeedLink> {
    let named = || vec![("title", title.into())];
    let mut feeds = vec![
        FeedLink {
            kind: "application/rss+xml",
            title: t(req, "feed-topic-rss-title", &named()),
            href: format!("/topics/{slug}/feed.xml"),
        },
        FeedLink {
            kind: "application/feed+json",
            title: t(req, "feed-topic-json-title", &named()),
            href: format!("/topics/{slug}/feed.json"),
        },
    ];
    feeds.extend(club_feeds(req, state));
    feeds
}

/// The switcher's links: this page (its other query parameters kept) in each language.
fn language_links(req: &HttpRequest, base: &str, current: &str) -> (Vec<LanguageLink>, String) {
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(req.query_string().as_bytes())
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let with = |lang: Option<&str>| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(kept.iter());
        if let Some(lang) = lang {
            query.append_pair("lang", lang);
        }
        let query = query.finish();
        if query.is_empty() {
            req.path().to_owned()
        } else {
            format!("{}?{query}", req.path())
        }
    };
    let links = crate::i18n::LANGUAGES
        .iter()
        .map(|l| {
            let href = with(Some(l.tag));
            LanguageLink {
                tag: l.tag,
                name: l.name,
                absolute: format!("{base}{href}"),
                href,
                current: l.tag == current,
            }
        })
        .collect();
    (links, format!("{base}{}", with(None)))
}

/// The query of a search results page, for the search box.
fn searched_for(req: &HttpRequest) -> String {
    if req.path() != "/search" {
        return String::new();
    }
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(name, _)| name == "q")
        .map(|(_, q)| q.chars().take(200).collect())
        .unwrap_or_default()
}

fn page_context(
    req: &HttpRequest,
    state: &AppState,
    (title, flash): (String, Option<String>),
    feeds: Vec<FeedLink>,
    (public, visitor_token): (bool, bool),
) -> PageContext {
    let organiser = req.extensions().get::<session::LoggedIn>().map(|l| OrganiserContext {
        display_name: l.organiser.display_name.clone(),
        email: l.organiser.email.clone(),
        role: l.organiser.role,
        is_admin: l.organiser.role == Role::Admin,
    });
    let club = &state.app.settings.club;
    let language = language::of(req);
    let (languages, canonical) = language_links(req, club.base(), language);
    PageContext {
        title,
        club_name: club.name.clone(),
        language,
        languages,
        canonical,
        base_url: club.base().to_owned(),
        // A visitor's token is made only for pages that need one: it sets a cookie, and a page
        // kept for every visitor must carry nobody's.
        csrf_token: if organiser.is_some() || visitor_token { session::csrf_token(req) } else { String::new() },
        form_started: if public { forms::hourly_form_stamp(state) } else { forms::form_stamp(state) },
        organiser,
        flash,
        asset_version: state.asset_version.clone(),
        feeds,
        search: searched_for(req),
    }
}

/// 303 See Other to `location`, carrying a one-time message for the next page.
pub fn redirect_with_flash(req: &HttpRequest, location: &str, message: &str) -> HttpResponse {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_owned()));
    if let Some(state) = req.app_data::<web::Data<AppState>>() {
        let encoded = URL_SAFE_NO_PAD.encode(message.as_bytes());
        let signature = state.app.key.sign("flash", &encoded);
        response.cookie(
            actix_web::cookie::Cookie::build(cookie_names(state.https).flash, format!("{encoded}.{signature}"))
                .path("/")
                .http_only(true)
                .same_site(actix_web::cookie::SameSite::Lax)
                .secure(state.app.settings.club.is_https())
                .finish(),
        );
    }
    response.finish()
}

/// 303 See Other without a message.
pub fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location.to_owned())).finish()
}

/// 301 Moved Permanently to `location`.
pub fn moved_permanently(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently().insert_header((header::LOCATION, location.to_owned())).finish()
}

fn read_flash(req: &HttpRequest, state: &AppState) -> Option<String> {
    let cookie = req.cookie(cookie_names(state.https).flash)?;
    let (encoded, signature) = cookie.value().split_once('.')?;
    if !state.app.key.verify("flash", encoded, signature) {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(encoded).ok()?;
    String::from_utf8(bytes).ok()
}

/// 409 for a value that is taken (a month, a slug, an email), 422 for anything else wrong with a form.
pub fn form_status(err: &AppError) -> StatusCode {
    if matches!(err, AppError::FieldConflict { .. }) {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Turns a refusal about fields into form errors; other errors pass through.
pub fn form_errors(err: AppError) -> Result<FieldErrors, AppError> {
    match err {
        AppError::Validation(errors) => Ok(errors),
        AppError::FieldConflict { field, message } => Ok(FieldErrors::from([(field.to_owned(), message)])),
        other => Err(other),
    }
}

/// A refusal about fields as the messages beside them and the status of the page.
pub fn form_refusal(err: AppError) -> Result<(FieldErrors, StatusCode), AppError> {
    let status = form_status(&err);
    Ok((form_errors(err)?, status))
}

/// A refusal as the one line a flash message shows, in the request's language: fields'
/// messages joined, or the error.
pub fn refusal_message(req: &HttpRequest, err: AppError) -> Result<String, AppError> {
    let write = |message: &crate::error::Message| language::write(req, message);
    match err {
        AppError::Validation(errors) => Ok(errors.values().map(write).collect::<Vec<_>>().join(" ")),
        AppError::FieldConflict { message, .. } | AppError::Conflict(message) => Ok(write(&message)),
        other => Err(other),
    }
}
