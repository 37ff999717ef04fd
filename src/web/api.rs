//! The JSON API under `/api/v1`. Writes and organiser reads need `Authorization: Bearer`.
//! Errors are RFC 9457 problem bodies, with per-field details on 422 and 409.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

use super::session::{ApiOrganiser, MaybeApiOrganiser};
use super::views::utc;
use super::AppState;
use crate::db::api_tokens::ApiToken;
use crate::db::topics::Topic;
use crate::domain::month::parse_rfc3339;
use crate::domain::topics::{self, Lookup, TopicInput, TopicPatch};
use crate::error::{AppError, FieldErrors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .service(web::resource("/me").route(web::get().to(me)))
            .service(web::resource("/tokens/{id}").route(web::delete().to(revoke_token)))
            .service(
                web::resource("/topics")
                    .route(web::get().to(list_topics))
                    .route(web::post().to(create_topic)),
            )
            .service(
                web::resource("/topics/{slug}")
                    .route(web::get().to(get_topic))
                    .route(web::patch().to(update_topic))
                    .route(web::delete().to(delete_topic)),
            ),
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

#[derive(Debug, Serialize)]
pub struct TopicLinks {
    pub page: String,
    pub feed: String,
    pub submit: String,
}

/// A topic as the API returns it.
#[derive(Debug, Serialize)]
pub struct TopicResource {
    pub slug: String,
    pub month: String,
    pub title: String,
    pub summary: String,
    pub opens_at: String,
    pub closes_at: String,
    pub status: &'static str,
    pub announced: bool,
    pub submission_count: i64,
    pub links: TopicLinks,
}

fn rfc3339(at: chrono::NaiveDateTime) -> String {
    utc(at).to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn topic_resource(state: &AppState, topic: &Topic, submission_count: i64) -> TopicResource {
    let base = state.settings.club.base();
    TopicResource {
        slug: topic.slug.clone(),
        month: topic.month.clone(),
        title: topic.title.clone(),
        summary: topic.summary.clone(),
        opens_at: rfc3339(topic.opens_at),
        closes_at: rfc3339(topic.closes_at),
        status: topics::status(topic, state.clock.now()).as_str(),
        announced: topic.announced,
        submission_count,
        links: TopicLinks {
            page: format!("{base}/topics/{}", topic.slug),
            feed: format!("{base}/topics/{}/feed.xml", topic.slug),
            submit: format!("{base}/topics/{}/submit", topic.slug),
        },
    }
}

async fn list_topics(
    state: web::Data<AppState>,
    who: MaybeApiOrganiser,
) -> Result<HttpResponse, AppError> {
    let include_drafts = who.0.is_some();
    let all = state
        .db
        .run(move |conn| Ok(Topic::all(conn, include_drafts)?))
        .await?;
    let body: Vec<TopicResource> = all.iter().map(|t| topic_resource(&state, t, 0)).collect();
    Ok(HttpResponse::Ok().json(body))
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

fn parse_time(
    field: &str,
    value: &Option<Option<String>>,
    errors: &mut FieldErrors,
) -> Option<Option<DateTime<Utc>>> {
    match value {
        None => None,
        Some(None) => Some(None),
        Some(Some(text)) => match parse_rfc3339(text) {
            Ok(t) => Some(Some(t)),
            Err(m) => {
                errors.insert(field.to_owned(), m);
                None
            }
        },
    }
}

async fn create_topic(
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    body: web::Json<TopicBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let mut errors = FieldErrors::new();
    if body.month.as_deref().is_none_or(|m| m.trim().is_empty()) {
        errors.insert("month".into(), "Give the month as YYYY-MM.".into());
    }
    if body.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        errors.insert("title".into(), "Give a title.".into());
    }
    let opens = parse_time("opens_at", &body.opens_at, &mut errors);
    let closes = parse_time("closes_at", &body.closes_at, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let input = TopicInput {
        month: body.month.unwrap_or_default(),
        title: body.title.unwrap_or_default(),
        slug: body.slug,
        summary: body.summary,
        opens_at: opens.flatten(),
        closes_at: closes.flatten(),
        announced: body.announced.unwrap_or(false),
    };
    let tz = state.settings.club.tz();
    let now = state.clock.now();
    let topic = state
        .db
        .run(move |conn| topics::create_topic(conn, input, tz, now))
        .await?;
    let resource = topic_resource(&state, &topic, 0);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/topics/{}", topic.slug)))
        .json(resource))
}

async fn get_topic(
    state: web::Data<AppState>,
    who: MaybeApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    match state
        .db
        .run(move |conn| topics::find_topic(conn, &slug))
        .await?
    {
        Lookup::Moved(current) => Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/api/v1/topics/{current}")))
            .finish()),
        Lookup::Found(topic) if topic.announced || who.0.is_some() => {
            Ok(HttpResponse::Ok().json(topic_resource(&state, &topic, 0)))
        }
        Lookup::Found(_) => Err(AppError::NotFound),
    }
}

async fn update_topic(
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Json<TopicBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let mut errors = FieldErrors::new();
    let opens = parse_time("opens_at", &body.opens_at, &mut errors);
    let closes = parse_time("closes_at", &body.closes_at, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let patch = TopicPatch {
        month: body.month,
        title: body.title,
        slug: body.slug,
        summary: body.summary,
        opens_at: opens,
        closes_at: closes,
        announced: body.announced,
    };
    let tz = state.settings.club.tz();
    let now = state.clock.now();
    let slug = slug.into_inner();
    let topic = state
        .db
        .run(move |conn| topics::update_topic(conn, &slug, patch, tz, now))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_LOCATION,
            format!("/api/v1/topics/{}", topic.slug),
        ))
        .json(topic_resource(&state, &topic, 0)))
}

async fn delete_topic(
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    state
        .db
        .run(move |conn| topics::delete_topic(conn, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
