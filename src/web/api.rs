//! The JSON API under `/api/v1`. Writes and organiser reads need `Authorization: Bearer`.
//! Errors are RFC 9457 problem bodies, with per-field details on 422 and 409.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

use super::admin_submissions::apply_decision;
use super::session::{ApiOrganiser, MaybeApiOrganiser};
use super::submissions::{check_submit_limits, store_submission};
use super::views::utc;
use super::AppState;
use crate::db::submissions::{Submission, SubmissionFilter};
use crate::db::topics::Topic;
use crate::domain::links::normalise_url;
use crate::domain::month::parse_rfc3339;
use crate::domain::organisers;
use crate::domain::submissions::{self as member_submissions, Decision, SubmissionInput};
use crate::domain::topics::{self, Lookup, TopicInput, TopicPatch};
use crate::error::{AppError, FieldErrors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .service(web::resource("/openapi.json").route(web::get().to(openapi)))
            .service(web::resource("/me").route(web::get().to(me)))
            .service(web::resource("/tokens/{id}").route(web::delete().to(revoke_token)))
            .service(web::resource("/topics").route(web::get().to(list_topics)).route(web::post().to(create_topic)))
            .service(
                web::resource("/topics/{slug}")
                    .route(web::get().to(get_topic))
                    .route(web::patch().to(update_topic))
                    .route(web::delete().to(delete_topic)),
            )
            .service(web::resource("/topics/{slug}/submissions").route(web::post().to(submit_entry)))
            .service(web::resource("/topics/{slug}/submissions/check").route(web::get().to(check_url)))
            .service(web::resource("/submissions").route(web::get().to(list_submissions)))
            .service(web::resource("/submissions/{id}/approve").route(web::post().to(approve_submission)))
            .service(web::resource("/submissions/{id}/reject").route(web::post().to(reject_submission)))
            .service(
                web::resource("/subscribers").route(web::post().to(subscribe)).route(web::get().to(list_subscribers)),
            )
            .service(web::resource("/topics/{slug}/digest").route(web::get().to(preview_digest)))
            .service(web::resource("/topics/{slug}/digest/send").route(web::post().to(send_digest))),
    );
}

/// A JSON body read after the caller is authenticated (an extractor would read it first, and
/// answer a stranger's malformed body with 400 instead of 401).
fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|e| AppError::BadRequest(format!("The JSON body could not be read: {e}")))
}

/// The OpenAPI 3 description of this API (`src/web/openapi.json`, compiled in).
async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(include_str!("openapi.json"))
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
    let now = state.clock.now();
    let actor = who.organiser;
    state.db.run(move |conn| organisers::revoke_token(conn, Some(&actor), Some(actor.id), id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
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

async fn list_topics(state: web::Data<AppState>, who: MaybeApiOrganiser) -> Result<HttpResponse, AppError> {
    let include_drafts = who.0.is_some();
    let (all, counts) =
        state.db.run(move |conn| Ok((Topic::all(conn, include_drafts)?, Submission::published_counts(conn)?))).await?;
    let count = |id: i64| counts.iter().find(|(t, _)| *t == id).map_or(0, |(_, n)| *n);
    let body: Vec<TopicResource> = all.iter().map(|t| topic_resource(&state, t, count(t.id))).collect();
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

fn parse_time(field: &str, value: &Option<Option<String>>, errors: &mut FieldErrors) -> Option<Option<DateTime<Utc>>> {
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
    who: ApiOrganiser,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let body: TopicBody = json_body(&body)?;
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
    let topic = state.db.run(move |conn| topics::create_topic(conn, input, tz, now)).await?;
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
    let (found, count) = state
        .db
        .run(move |conn| {
            let found = topics::find_topic(conn, &slug)?;
            let count = match &found {
                Lookup::Found(t) => Submission::count_for_topic(conn, t.id, Some("approved"))?,
                Lookup::Moved(_) => 0,
            };
            Ok((found, count))
        })
        .await?;
    match found {
        Lookup::Moved(current) => Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/api/v1/topics/{current}")))
            .finish()),
        Lookup::Found(topic) if topic.announced || who.0.is_some() => {
            Ok(HttpResponse::Ok().json(topic_resource(&state, &topic, count)))
        }
        Lookup::Found(_) => Err(AppError::NotFound),
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
    let topic = state.db.run(move |conn| topics::update_topic(conn, &slug, patch, tz, now)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_LOCATION, format!("/api/v1/topics/{}", topic.slug)))
        .json(topic_resource(&state, &topic, 0)))
}

async fn delete_topic(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let slug = slug.into_inner();
    state.db.run(move |conn| topics::delete_topic(conn, &slug)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmissionBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    author_name: String,
    #[serde(default)]
    author_email: String,
    author_link: Option<String>,
}

/// A member's submission by API: the same rules and limits as the form → 202.
async fn submit_entry(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: web::Json<SubmissionBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let input = SubmissionInput {
        kind: body.kind,
        title: body.title,
        url: body.url,
        summary: body.summary,
        author_name: body.author_name,
        author_email: body.author_email,
        author_link: body.author_link,
    };
    let entry = input.validate().map_err(AppError::Validation)?;
    check_submit_limits(&req, &state, entry.author_email.as_str()).await?;
    let submission = store_submission(&state, slug.into_inner(), entry).await?;
    Ok(HttpResponse::Accepted().json(json!({"id": submission.public_id, "status": submission.status})))
}

#[derive(Debug, Deserialize)]
struct CheckQuery {
    #[serde(default)]
    url: String,
}

/// Whether a link is already in for this topic (for the form's live check).
async fn check_url(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, AppError> {
    let url = normalise_url(&query.url).map_err(|m| AppError::field("url", m))?;
    let slug = slug.into_inner();
    let lookup = url.clone();
    let found = state
        .db
        .run(move |conn| {
            let topic = member_submissions::public_topic(conn, &slug)?;
            member_submissions::find_duplicate(conn, topic.id, &lookup)
        })
        .await?;
    let base = state.settings.club.base();
    let entry =
        found.as_ref().filter(|s| s.status == "approved").map(|s| format!("{base}/submissions/{}", s.public_id));
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(json!({"url": url, "exists": found.is_some(), "entry": entry})))
}

/// A submission as organisers see it through the API.
#[derive(Debug, Serialize)]
pub struct SubmissionResource {
    pub id: String,
    pub topic: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
    pub status: String,
    pub decision_reason: Option<String>,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    pub published_at: Option<String>,
}

fn submission_resource(s: &Submission, topic_slug: &str) -> SubmissionResource {
    SubmissionResource {
        id: s.public_id.clone(),
        topic: topic_slug.to_owned(),
        kind: s.kind.clone(),
        title: s.title.clone(),
        url: s.url.clone(),
        summary: s.summary.clone(),
        author_name: s.author_name.clone(),
        author_email: s.author_email.clone(),
        author_link: s.author_link.clone(),
        status: s.status.clone(),
        decision_reason: s.decision_reason.clone(),
        submitted_at: rfc3339(s.created_at),
        decided_at: s.decided_at.map(rfc3339),
        published_at: s.published_at.map(rfc3339),
    }
}

#[derive(Debug, Deserialize)]
struct SubmissionQuery {
    status: Option<String>,
    topic: Option<String>,
}

async fn list_submissions(
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    query: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    if let Some(status) = &query.status {
        if !super::admin_submissions::STATUSES.contains(&status.as_str()) {
            return Err(AppError::field(
                "status",
                format!("Use one of: {}.", super::admin_submissions::STATUSES.join(", ")),
            ));
        }
    }
    let rows = state
        .db
        .run(move |conn| {
            let topics = Topic::all(conn, true)?;
            let topic_id = match &query.topic {
                Some(slug) => Some(topics.iter().find(|t| &t.slug == slug).ok_or(AppError::NotFound)?.id),
                None => None,
            };
            let filter = SubmissionFilter { topic_id, status: query.status.clone(), ..SubmissionFilter::default() };
            let list = Submission::list(conn, &filter)?;
            Ok(list
                .into_iter()
                .map(|s| {
                    let slug = topics.iter().find(|t| t.id == s.topic_id).map(|t| t.slug.clone()).unwrap_or_default();
                    submission_resource(&s, &slug)
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

async fn decided_response(
    state: &web::Data<AppState>,
    who: &ApiOrganiser,
    id: String,
    decision: Decision,
) -> Result<HttpResponse, AppError> {
    let (decided, _) = apply_decision(state, who.organiser.id, vec![id.clone()], decision).await?;
    match decided.first() {
        Some(s) => {
            let topic_id = s.topic_id;
            let (slug, _) = state.db.run(move |conn| Ok(Submission::topic_of(conn, topic_id)?)).await?;
            Ok(HttpResponse::Ok().json(submission_resource(s, &slug)))
        }
        None => {
            let exists = state.db.run(move |conn| Ok(Submission::by_public_id(conn, &id)?)).await?;
            match exists {
                Some(s) => Err(AppError::Conflict(format!(
                    "This submission is {}; only pending submissions can be decided.",
                    s.status
                ))),
                None => Err(AppError::NotFound),
            }
        }
    }
}

async fn approve_submission(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    decided_response(&state, &who, id.into_inner(), Decision::Approve).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectBody {
    #[serde(default)]
    reason: String,
}

async fn reject_submission(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let body: RejectBody = json_body(&body)?;
    let reason = member_submissions::rejection_reason("", &body.reason)?;
    decided_response(&state, &who, id.into_inner(), Decision::Reject(reason)).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubscribeBody {
    #[serde(default)]
    email: String,
}

/// Public: always 202 for a well-formed address, whether or not it was known.
async fn subscribe(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<SubscribeBody>,
) -> Result<HttpResponse, AppError> {
    super::subscriptions::request_subscription(&req, &state, body.into_inner().email).await?;
    Ok(HttpResponse::Accepted().json(
        json!({"status": "accepted", "detail": "If the address can receive mail, a confirmation link is on its way."}),
    ))
}

async fn list_subscribers(state: web::Data<AppState>, who: ApiOrganiser) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (counts, list) = state
        .db
        .run(|conn| {
            Ok((
                crate::db::subscribers::Subscriber::count_by_status(conn)?,
                crate::db::subscribers::Subscriber::search(conn, "", i64::MAX)?,
            ))
        })
        .await?;
    let mut by_status = serde_json::Map::new();
    for status in ["active", "pending", "unsubscribed", "bounced"] {
        let n = counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
        by_status.insert(status.into(), json!(n));
    }
    let subscribers: Vec<_> = list
        .iter()
        .map(|s| json!({"email": s.email, "status": s.status, "subscribed_at": rfc3339(s.created_at), "bounces": s.bounce_count}))
        .collect();
    Ok(HttpResponse::Ok().json(json!({"counts": by_status, "subscribers": subscribers})))
}

async fn preview_digest(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let slug = slug.into_inner();
    let st = state.clone();
    let (content, count, audience, status) = state
        .db
        .run(move |conn| {
            let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let render = |source: &crate::domain::digests::DigestSource<'_>| {
                crate::email::compose::digest(&st.renderer, &st.settings, source)
            };
            let (content, count) = crate::domain::digests::render_for(conn, &topic, &render)?;
            let status = crate::db::digests::Digest::for_topic(conn, topic.id)?.map(|d| d.status);
            Ok((content, count, crate::domain::digests::audience(conn)?, status))
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "subject": content.subject,
        "text": content.text,
        "html": content.html,
        "entries": count,
        "recipient_count": audience,
        "status": status.unwrap_or_else(|| "not built".into()),
    })))
}

async fn send_digest(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let queued = super::admin_digests::queue_digest(&state, slug.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(json!({"queued": queued})))
}
