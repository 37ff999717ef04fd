//! `/api/v1/topics`: the schedule — list (drafts for organisers), create, read, change, delete.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::app::topics::Lookup;
use crate::app::{self, parse_rfc3339, Topic, TopicInput, TopicPatch, TopicStatus, TopicTranslation, TranslationInput};
use crate::error::{AppError, FieldErrors, Message};
use crate::web::http::forms::json_body;
use crate::web::http::json::{next_link, rfc3339, Paging};
use crate::web::http::routes::Routes;
use crate::web::http::session::{ApiOrganiser, MaybeApiOrganiser};
use crate::web::AppState;

/// Topics a page of the list holds at most.
const MAX_PAGE: i64 = 200;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/topics", |r| r.get(list_topics).post(create_topic));
    routes.at("/api/v1/topics/{slug}", |r| r.get(get_topic).patch(update_topic).delete(delete_topic));
    routes.at("/api/v1/topics/{slug}/translations", |r| r.get(list_translations));
    routes.at("/api/v1/topics/{slug}/translations/{lang}", |r| r.put(put_translation).delete(delete_translation));
}

/// A topic's title and summary in one further language.
#[derive(Debug, Serialize)]
struct TranslationResource {
    language: String,
    title: String,
    summary: String,
    updated_at: String,
}

impl From<&TopicTranslation> for TranslationResource {
    fn from(t: &TopicTranslation) -> Self {
        TranslationResource {
            language: t.language.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            updated_at: rfc3339(t.updated_at),
        }
    }
}

#[derive(Debug, Serialize)]
struct TranslationsAnswer {
    /// The language the topic itself is written in (the club's).
    language: &'static str,
    translations: Vec<TranslationResource>,
}

async fn list_translations(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (_, all) = app::topics::translations(&state.app, slug.into_inner()).await?;
    let language = state.app.renderer.catalog().default_language();
    Ok(HttpResponse::Ok().json(TranslationsAnswer { language, translations: all.iter().map(Into::into).collect() }))
}

/// `PUT /api/v1/topics/{slug}/translations/{lang}` with `{"title", "summary"}`: sets (or
/// replaces) the topic's title and summary in that language.
async fn put_translation(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let input: TranslationInput = json_body(&body)?;
    let (slug, lang) = path.into_inner();
    let stored = app::topics::translate(&state.app, slug, lang, input).await?;
    Ok(HttpResponse::Ok().json(TranslationResource::from(&stored)))
}

async fn delete_translation(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (slug, lang) = path.into_inner();
    app::topics::remove_translation(&state.app, slug, lang).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize)]
struct TopicLinks {
    page: String,
    feed: String,
    submit: String,
}

/// A topic as the API returns it.
#[derive(Debug, Serialize)]
struct TopicResource {
    slug: String,
    month: String,
    title: String,
    summary: String,
    opens_at: String,
    closes_at: String,
    status: TopicStatus,
    announced: bool,
    submission_count: i64,
    links: TopicLinks,
}

fn resource(state: &AppState, topic: &Topic, submission_count: i64) -> TopicResource {
    let base = state.app.settings.club.base();
    TopicResource {
        slug: topic.slug.clone(),
        month: topic.month.clone(),
        title: topic.title.clone(),
        summary: topic.summary.clone(),
        opens_at: rfc3339(topic.opens_at),
        closes_at: rfc3339(topic.closes_at),
        status: app::topics::status(topic, state.app.now()),
        announced: topic.announced,
        submission_count,
        links: TopicLinks {
            page: format!("{base}/topics/{}", topic.slug),
            feed: format!("{base}/topics/{}/feed.xml", topic.slug),
            submit: format!("{base}/topics/{}/submit", topic.slug),
        },
    }
}

/// Topics by month, a page at a time (the cursor counts the topics before the page).
async fn list_topics(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: MaybeApiOrganiser,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let all = app::topics::list(&state.app, who.0.is_some()).await?;
    let (limit, skip) = (paging.limit(MAX_PAGE), paging.cursor.unwrap_or(0).max(0));
    let page: Vec<TopicResource> =
        all.iter().skip(skip as usize).take(limit as usize).map(|(t, n)| resource(&state, t, *n)).collect();
    let next = (skip + limit < all.len() as i64).then_some(skip + limit);
    let mut response = HttpResponse::Ok();
    next_link(&mut response, &req, next);
    Ok(response.json(page))
}

/// Optional RFC 3339 times: absent keeps (or defaults), `null` means the month's default.
fn double_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicBody {
    month: Option<String>,
    title: Option<String>,
    slug: Option<String>,
    summary: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    opens_at: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    closes_at: Option<Option<String>>,
    announced: Option<bool>,
}

type Window = (Option<Option<DateTime<Utc>>>, Option<Option<DateTime<Utc>>>);

impl TopicBody {
    /// The window's times, or every field that is not a time.
    fn window(&self) -> Result<Window, AppError> {
        let mut errors = FieldErrors::new();
        let mut parse = |field: &str, value: &Option<Option<String>>| match value {
            Some(Some(text)) => parse_rfc3339(text).map(|t| Some(Some(t))).unwrap_or_else(|m| {
                errors.insert(field.to_owned(), m);
                None
            }),
            Some(None) => Some(None),
            None => None,
        };
        let window = (parse("opens_at", &self.opens_at), parse("closes_at", &self.closes_at));
        if errors.is_empty() {
            Ok(window)
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

async fn create_topic(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let body: TopicBody = json_body(&body)?;
    let mut errors = FieldErrors::new();
    if body.month.as_deref().is_none_or(|m| m.trim().is_empty()) {
        errors.insert("month".into(), Message::new("refused-topic-month-missing"));
    }
    if body.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        errors.insert("title".into(), Message::new("refused-topic-title-missing"));
    }
    let window = body.window();
    if let Err(AppError::Validation(times)) = &window {
        errors.extend(times.clone());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (opens, closes) = window?;
    let input = TopicInput {
        month: body.month.unwrap_or_default(),
        title: body.title.unwrap_or_default(),
        slug: body.slug,
        summary: body.summary,
        opens_at: opens.flatten(),
        closes_at: closes.flatten(),
        announced: body.announced.unwrap_or(false),
    };
    let topic = app::topics::create(&state.app, input).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/topics/{}", topic.slug)))
        .json(resource(&state, &topic, 0)))
}

async fn get_topic(
    state: web::Data<AppState>,
    who: MaybeApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match app::topics::lookup(&state.app, slug.into_inner(), who.0.is_some()).await? {
        (Lookup::Moved(current), _) => Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/api/v1/topics/{current}")))
            .finish()),
        (Lookup::Found(topic), count) => Ok(HttpResponse::Ok().json(resource(&state, &topic, count))),
    }
}

async fn update_topic(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let body: TopicBody = json_body(&body)?;
    let (opens_at, closes_at) = body.window()?;
    let patch = TopicPatch {
        month: body.month,
        title: body.title,
        slug: body.slug,
        summary: body.summary,
        opens_at,
        closes_at,
        announced: body.announced,
    };
    let topic = app::topics::update(&state.app, slug.into_inner(), patch).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_LOCATION, format!("/api/v1/topics/{}", topic.slug)))
        .json(resource(&state, &topic, 0)))
}

async fn delete_topic(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    app::topics::delete(&state.app, slug.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
