//! Moderation: `/admin/submissions`, a queue filtered by topic and status, with approve,
//! reject with a reason, and the same in bulk. Open to admins and moderators.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::page::{redirect_with_flash, Page};
use super::session::{Csrf, CurrentOrganiser};
use super::views::{utc, SubmissionView};
use super::AppState;
use crate::db::submissions::{self as rows, Submission, SubmissionFilter};
use crate::db::topics::Topic;
use crate::domain::submissions::{self, Decision, REJECTION_REASONS};
use crate::email::compose;
use crate::error::AppError;
use crate::render::dates;

pub const STATUSES: [&str; 5] = ["pending", "approved", "rejected", "unconfirmed", "withdrawn"];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/submissions").route(web::get().to(queue)))
        .service(web::resource("/admin/submissions/decide").route(web::post().to(decide)));
}

#[derive(Debug, Deserialize)]
struct QueueQuery {
    topic: Option<String>,
    status: Option<String>,
}

async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let status = query
        .status
        .clone()
        .filter(|s| STATUSES.contains(&s.as_str()) || s == "all")
        .unwrap_or_else(|| "pending".into());
    let topic_slug = query.topic.clone().filter(|t| !t.is_empty());
    let (status_filter, slug) = (status.clone(), topic_slug.clone());
    let tz = state.settings.club.tz();
    let (topics, entries) = state
        .db
        .run(move |conn| {
            let topics = Topic::all(conn, true)?;
            let topic_id = match &slug {
                Some(slug) => Some(topics.iter().find(|t| &t.slug == slug).ok_or(AppError::NotFound)?.id),
                None => None,
            };
            let filter = SubmissionFilter {
                topic_id,
                status: (status_filter != "all").then(|| status_filter.clone()),
                limit: Some(200),
                ..SubmissionFilter::default()
            };
            let mut entries = Vec::new();
            for submission in Submission::list(conn, &filter)? {
                let others: Vec<Submission> = Submission::list(
                    conn,
                    &SubmissionFilter {
                        author_email: Some(submission.author_email.clone()),
                        limit: Some(20),
                        ..SubmissionFilter::default()
                    },
                )?
                .into_iter()
                .filter(|o| o.id != submission.id)
                .collect();
                let events = rows::events_for(conn, submission.id)?;
                entries.push((submission, others, events));
            }
            Ok((topics, entries))
        })
        .await?;
    let topic_title = |id: i64| topics.iter().find(|t| t.id == id).map(|t| t.title.clone()).unwrap_or_default();
    let items: Vec<_> = entries
        .iter()
        .map(|(s, others, events)| {
            json!({
                "entry": SubmissionView::new(&state, s),
                "author_email": s.author_email,
                "topic_title": topic_title(s.topic_id),
                "is_pending": s.status == "pending",
                "others_count": others.len(),
                "others": others.iter().map(|o| json!({
                    "title": o.title, "status": o.status, "topic_title": topic_title(o.topic_id),
                })).collect::<Vec<_>>(),
                "events": events.iter().map(|e| json!({
                    "action": e.action,
                    "by": e.organiser_name.clone().unwrap_or_else(|| "the author".into()),
                    "at": dates::local_datetime(utc(e.created_at), tz),
                    "reason": e.reason,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let return_to = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    Page::new("pages/admin/submissions.html", "Moderation").render(
        &req,
        json!({
            "items": items,
            "has_pending": items.iter().any(|i| i["is_pending"] == true),
            "statuses": STATUSES.iter().chain(["all"].iter()).map(|s| json!({"value": s, "selected": *s == status})).collect::<Vec<_>>(),
            "topics": topics.iter().rev().map(|t| json!({"slug": t.slug, "title": t.title, "month": t.month, "selected": Some(&t.slug) == topic_slug.as_ref()})).collect::<Vec<_>>(),
            "reasons": REJECTION_REASONS,
            "return_to": return_to,
        }),
    )
}

/// The decision form: `ids` repeats (one per ticked entry), so it is read by hand.
#[derive(Debug, Default)]
struct DecisionForm {
    csrf_token: String,
    ids: Vec<String>,
    action: String,
    reason: String,
    reason_text: String,
    return_to: String,
}

impl DecisionForm {
    fn parse(body: &[u8]) -> DecisionForm {
        let mut form = DecisionForm::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "csrf_token" => form.csrf_token = value,
                "ids" => form.ids.push(value),
                "action" => form.action = value,
                "reason" => form.reason = value,
                "reason_text" => form.reason_text = value,
                "return_to" => form.return_to = value,
                _ => {}
            }
        }
        form
    }
}

/// Applies a decision and queues the authors' emails; shared with the API.
pub async fn apply_decision(
    state: &web::Data<AppState>,
    organiser_id: i64,
    ids: Vec<String>,
    decision: Decision,
) -> Result<(Vec<Submission>, Vec<String>), AppError> {
    let now = state.clock.now();
    let host = state.host();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            submissions::decide(conn, &ids, &decision, organiser_id, &host, now, |submission, topic| {
                compose::submission_decision(&st.renderer, &st.settings, submission, topic)
            })
        })
        .await
}

async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = DecisionForm::parse(&body);
    csrf.check(&form.csrf_token)?;
    let back = if form.return_to.starts_with("/admin/submissions") && !form.return_to.contains("//") {
        form.return_to.clone()
    } else {
        "/admin/submissions".to_owned()
    };
    if form.ids.is_empty() {
        return Ok(redirect_with_flash(&req, &back, "Tick at least one submission first."));
    }
    let decision = match form.action.as_str() {
        "approve" => Decision::Approve,
        "reject" => match submissions::rejection_reason(&form.reason, &form.reason_text) {
            Ok(reason) => Decision::Reject(reason),
            Err(AppError::Validation(errors)) => {
                let message = errors.into_values().next().unwrap_or_default();
                return Ok(redirect_with_flash(&req, &back, &format!("Nothing was rejected: {message}")));
            }
            Err(other) => return Err(other),
        },
        _ => return Err(AppError::BadRequest("Choose approve or reject.".into())),
    };
    let (decided, skipped) = apply_decision(&state, who.0.id, form.ids, decision).await?;
    let verb = if form.action == "approve" { "approved" } else { "rejected" };
    let mut message = match decided.len() {
        1 => format!("“{}” is {verb}; the author is told by email.", decided[0].title),
        n => format!("{n} submissions {verb}; their authors are told by email."),
    };
    if !skipped.is_empty() {
        message.push_str(&format!(" {} were no longer pending and were left as they were.", skipped.len()));
    }
    Ok(redirect_with_flash(&req, &back, &message))
}
