//! `/api/v1/…/submissions` and `…/entries`: members submit (the same rules and limits as the
//! form), check a link; organisers list submissions and decide, add entries for members (one, or
//! a list with a dry run) and change any entry.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::entries::{self, ListRequest, WrittenLine};
use crate::app::moderation::{self, Decision, QueueFilter};
use crate::app::{self, EntryInput, EntryPatch, Submission, SubmissionInput, SubmissionKind, SubmissionStatus};
use crate::error::{AppError, Message};
use crate::web::http::forms::json_body;
use crate::web::http::json::{next_link, rfc3339, Paging};
use crate::web::http::language;
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, ApiOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/topics/{slug}/submissions", |r| r.post(submit_entry));
    routes.at("/api/v1/topics/{slug}/submissions/check", |r| r.get(check_url));
    routes.at("/api/v1/submissions", |r| r.get(list_submissions));
    routes.at("/api/v1/submissions/{id}", |r| r.patch(edit_entry));
    routes.at("/api/v1/topics/{slug}/entries", |r| r.post(add_entry));
    routes.at("/api/v1/topics/{slug}/entries/bulk", |r| r.post(add_entries));
    routes.at("/api/v1/submissions/{id}/approve", |r| r.post(approve_submission));
    routes.at("/api/v1/submissions/{id}/reject", |r| r.post(reject_submission));
}

#[derive(Serialize)]
struct Accepted {
    id: String,
    status: SubmissionStatus,
}

/// A member's submission by API: the same rules and limits as the form → 202.
async fn submit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: web::Json<SubmissionInput>,
) -> Result<HttpResponse, AppError> {
    let client = session::client(&req, &state);
    let channel = app::submissions::Channel::Api;
    let submission = app::submissions::submit(
        &state.app,
        slug.into_inner(),
        body.into_inner(),
        &client,
        channel,
        language::of(&req),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(Accepted { id: submission.public_id, status: submission.status }))
}

#[derive(Debug, Deserialize)]
struct CheckQuery {
    #[serde(default)]
    url: String,
}

#[derive(Serialize)]
struct CheckAnswer {
    url: String,
    exists: bool,
    entry: Option<String>,
}

/// Whether a link is already in for this topic (for the form's live check).
async fn check_url(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, AppError> {
    let check = app::submissions::check_link(&state.app, slug.into_inner(), &query.url).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(CheckAnswer {
        url: check.url,
        exists: check.exists,
        entry: check.entry,
    }))
}

/// A submission as organisers see it through the API.
#[derive(Debug, Serialize)]
struct SubmissionResource {
    id: String,
    topic: String,
    kind: SubmissionKind,
    title: String,
    url: String,
    summary: String,
    author_name: String,
    author_email: String,
    author_link: Option<String>,
    status: SubmissionStatus,
    decision_reason: Option<String>,
    submitted_at: String,
    decided_at: Option<String>,
    published_at: Option<String>,
    /// The organiser's note.
    note: String,
    language: String,
    highlighted: bool,
    /// Place in the round-up's order; none: by date.
    position: Option<i32>,
    added_by_organiser: bool,
    /// The author's slug (`/authors/{slug}`); none for an entry without an author name.
    author: Option<String>,
}

fn resource(s: &Submission, topic_slug: &str, authors: &HashMap<i64, String>) -> SubmissionResource {
    SubmissionResource {
        id: s.public_id.clone(),
        topic: topic_slug.to_owned(),
        kind: s.kind,
        title: s.title.clone(),
        url: s.url.clone(),
        summary: s.summary.clone(),
        author_name: s.author_name.clone(),
        author_email: s.author_email.clone(),
        author_link: s.author_link.clone(),
        status: s.status,
        decision_reason: s.decision_reason.clone(),
        submitted_at: rfc3339(s.created_at),
        decided_at: s.decided_at.map(rfc3339),
        published_at: s.published_at.map(rfc3339),
        note: s.note.clone(),
        language: s.language.clone(),
        highlighted: s.highlighted,
        position: s.position,
        added_by_organiser: s.added_by.is_some(),
        author: s.author_id.and_then(|a| authors.get(&a).cloned()),
    }
}

/// The slugs of the authors of `entries`.
async fn authors_of<'a>(
    state: &AppState,
    entries: impl IntoIterator<Item = &'a Submission>,
) -> Result<HashMap<i64, String>, AppError> {
    app::authors::slugs(&state.app, entries.into_iter().filter_map(|s| s.author_id).collect()).await
}

#[derive(Debug, Deserialize)]
struct SubmissionQuery {
    status: Option<String>,
    topic: Option<String>,
    limit: Option<i64>,
    cursor: Option<i64>,
}

/// Submissions by topic and status, newest first, a page at a time.
async fn list_submissions(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: ApiOrganiser,
    query: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let status = match &query.status {
        Some(text) => Some(SubmissionStatus::parse(text).map_err(|_| {
            let names: Vec<&str> = SubmissionStatus::ALL.iter().map(|s| s.as_str()).collect();
            AppError::field("status", Message::new("refused-status-unknown").arg("statuses", names.join(", ")))
        })?),
        None => None,
    };
    let paging = Paging { limit: query.limit, cursor: query.cursor };
    let filter =
        QueueFilter { topic: query.topic, status, before: paging.cursor, limit: paging.limit(moderation::MAX_PAGE) };
    let queue = moderation::queue(&state.app, filter).await?;
    let slug = |id| queue.topic(id).map(|t| t.slug.clone()).unwrap_or_default();
    let authors = authors_of(&state, queue.items.iter().map(|i| &i.submission)).await?;
    let page: Vec<SubmissionResource> =
        queue.items.iter().map(|i| resource(&i.submission, &slug(i.submission.topic_id), &authors)).collect();
    let mut response = HttpResponse::Ok();
    next_link(&mut response, &req, queue.next);
    Ok(response.json(page))
}

async fn decided(
    state: &AppState,
    who: &ApiOrganiser,
    id: String,
    decision: Decision,
) -> Result<HttpResponse, AppError> {
    let (submission, slug) = moderation::decide_one(&state.app, &who.organiser, id, decision).await?;
    Ok(HttpResponse::Ok().json(resource(&submission, &slug, &authors_of(state, [&submission]).await?)))
}

async fn approve_submission(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    decided(&state, &who, id.into_inner(), Decision::Approve).await
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
    let decision = moderation::decision("reject", "", &body.reason)?;
    decided(&state, &who, id.into_inner(), decision).await
}

// Organisers curate: one entry, a list (pasted text or entries, with a dry run), any change.

async fn add_entry(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let input: EntryInput = json_body(&body)?;
    let slug = slug.into_inner();
    let entry = entries::add(&state.app, Some(&who.organiser), slug.clone(), input).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/submissions/{}", entry.public_id)))
        .json(resource(&entry, &slug, &authors_of(&state, [&entry]).await?)))
}

/// A list to add: its text in the club's list shapes, or the entries one by one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkBody {
    text: Option<String>,
    entries: Option<Vec<EntryInput>>,
    /// For a text: "published" (the default) or "pending".
    #[serde(default)]
    status: String,
    #[serde(default)]
    dry_run: bool,
}

#[derive(Serialize)]
struct BulkAnswer {
    dry_run: bool,
    results: Vec<WrittenLine>,
}

async fn add_entries(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let body: BulkBody = json_body(&body)?;
    let request = match (body.text, body.entries) {
        (Some(text), None) => ListRequest::from_text(&text, &body.status, body.dry_run),
        (None, Some(list)) => ListRequest::from_entries(list, body.dry_run),
        _ => return Err(AppError::BadRequest(Message::new("refused-bulk-text-or-entries"))),
    };
    if request.lines.len() > entries::MAX_LIST_LINES {
        return Err(AppError::field(
            "entries",
            Message::new("refused-bulk-too-many").arg("max", entries::MAX_LIST_LINES),
        ));
    }
    let (_, results) = entries::add_list(&state.app, Some(&who.organiser), slug.into_inner(), request).await?;
    let results = results.into_iter().map(|r| r.written(|m| language::write(&req, m))).collect();
    Ok(HttpResponse::Ok().json(BulkAnswer { dry_run: body.dry_run, results }))
}

async fn edit_entry(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let patch: EntryPatch = json_body(&body)?;
    let (entry, topic) = entries::edit(&state.app, Some(&who.organiser), id.into_inner(), patch).await?;
    Ok(HttpResponse::Ok().json(resource(&entry, &topic.slug, &authors_of(&state, [&entry]).await?)))
}
