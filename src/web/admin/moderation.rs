//! Moderation: `/admin/submissions`, a queue filtered by topic and status, with approve,
//! reject with a reason, and the same in bulk. Open to admins and moderators.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::moderation::{self, QueueFilter, QueueItem};
use crate::app::{self, SubmissionStatus, REJECTION_REASONS};
use crate::error::AppError;
use crate::render::dates;
use crate::render::views::{utc, Choice, EntryView};
use crate::web::http::language::{self, t};
use crate::web::http::page::{redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/submissions", |r| r.get(queue));
    routes.at("/admin/submissions/decide", |r| r.post(decide));
}

#[derive(Debug, Deserialize)]
struct QueueQuery {
    topic: Option<String>,
    status: Option<String>,
    before: Option<i64>,
}

#[derive(Serialize)]
struct Other {
    title: String,
    /// Its status in the page's language.
    status: String,
    topic_title: String,
}

#[derive(Serialize)]
struct Step {
    action: String,
    by: String,
    at: String,
    reason: Option<String>,
}

#[derive(Serialize)]
struct Item {
    entry: EntryView,
    author_email: String,
    topic_title: String,
    is_pending: bool,
    others_count: usize,
    others: Vec<Other>,
    events: Vec<Step>,
}

#[derive(Serialize)]
struct QueuePage {
    items: Vec<Item>,
    has_pending: bool,
    statuses: Vec<Choice>,
    topics: Vec<Choice>,
    /// The listed reasons, each in the page's language once (not once per entry).
    reasons: Vec<Choice>,
    /// What separates a status from the words before it, in the page's language.
    list_separator: String,
    return_to: String,
    next: Option<String>,
}

/// The status a query asks for: one status, `None` for all; pending when unsaid or unknown.
fn status_filter(asked: Option<&str>) -> (String, Option<SubmissionStatus>) {
    match asked {
        Some("all") => ("all".into(), None),
        Some(text) => match SubmissionStatus::parse(text) {
            Ok(status) => (text.to_owned(), Some(status)),
            Err(_) => ("pending".into(), Some(SubmissionStatus::Pending)),
        },
        None => ("pending".into(), Some(SubmissionStatus::Pending)),
    }
}

/// One entry of the queue; `statuses` names each status in the page's language (translated once
/// a page, not once for each of the author's other submissions).
fn item(req: &HttpRequest, queue: &moderation::Queue, q: &QueueItem, statuses: &[(SubmissionStatus, String)]) -> Item {
    let title = |id| queue.topic(id).map(|t| t.title.clone()).unwrap_or_default();
    let status = |s| statuses.iter().find(|(known, _)| *known == s).map(|(_, label)| label.clone()).unwrap_or_default();
    let s = &q.submission;
    Item {
        entry: EntryView::new(s),
        author_email: s.author_email.clone(),
        topic_title: title(s.topic_id),
        is_pending: s.status == SubmissionStatus::Pending,
        others_count: q.others.len(),
        others: q
            .others
            .iter()
            .map(|o| Other { title: o.title.clone(), status: status(o.status), topic_title: title(o.topic_id) })
            .collect(),
        events: q
            .history
            .iter()
            .map(|e| Step {
                action: e.action.to_string(),
                by: e.organiser_name.clone().unwrap_or_else(|| t(req, "label-history-author", &[])),
                at: dates::iso(utc(e.created_at)),
                reason: e.reason.clone(),
            })
            .collect(),
    }
}

async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (shown, status) = status_filter(query.status.as_deref());
    let topic = query.topic.clone().filter(|t| !t.is_empty());
    let filter = QueueFilter { topic: topic.clone(), status, before: query.before, limit: moderation::QUEUE_PAGE };
    let queue = moderation::queue(&state.app, filter).await?;
    let labels: Vec<(SubmissionStatus, String)> =
        SubmissionStatus::ALL.iter().map(|s| (*s, status_label(&req, s.as_str()))).collect();
    let items: Vec<Item> = queue.items.iter().map(|q| item(&req, &queue, q, &labels)).collect();
    let choice = |value: &str, label: String, selected| Choice { value: value.to_owned(), label, selected };
    let statuses =
        labels.iter().map(|(s, label)| (s.as_str(), label.clone())).chain([("all", status_label(&req, "all"))]);
    let data = QueuePage {
        has_pending: items.iter().any(|i| i.is_pending),
        items,
        statuses: statuses.map(|(s, label)| choice(s, label, s == shown)).collect(),
        topics: queue
            .topics
            .iter()
            .rev()
            .map(|t| choice(&t.slug, format!("{} — {}", t.month, t.title), Some(&t.slug) == topic.as_ref()))
            .collect(),
        reasons: REJECTION_REASONS
            .iter()
            .enumerate()
            .map(|(i, reason)| choice(reason, t(&req, &format!("rejection-reason-{i}"), &[]), false))
            .collect(),
        list_separator: t(&req, "admin-list-separator", &[]),
        return_to: req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(),
        next: queue.next.map(|before| {
            format!("/admin/submissions?status={shown}&topic={}&before={before}", topic.as_deref().unwrap_or(""))
        }),
    };
    Page::new("pages/admin/submissions.html", t(&req, "title-moderation", &[])).render(&req, &data)
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

    /// Back to the queue page the form was on.
    fn back(&self) -> String {
        if self.return_to.starts_with("/admin/submissions") && !self.return_to.contains("//") {
            self.return_to.clone()
        } else {
            "/admin/submissions".to_owned()
        }
    }
}

/// A status filter's name: one status, or all of them.
fn status_label(req: &HttpRequest, status: &str) -> String {
    match status {
        "all" => t(req, "label-filter-all-statuses", &[]),
        s => t(req, &format!("submission-status-{s}"), &[]),
    }
}

/// What the flash message says of a decision (`action` is "approved" or "rejected").
fn outcome_message(req: &HttpRequest, decided: &moderation::Decided, action: &str) -> String {
    let message = match decided.decided.as_slice() {
        [one] => t(req, "flash-decided-one", &[("title", one.title.as_str().into()), ("action", action.into())]),
        all => t(req, "flash-decided-many", &[("count", all.len().into()), ("action", action.into())]),
    };
    if decided.skipped.is_empty() {
        return message;
    }
    let skipped = t(req, "flash-decided-skipped", &[("count", decided.skipped.len().into())]);
    t(req, "flash-sentences", &[("first", message.into()), ("second", skipped.into())])
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
    let back = form.back();
    if form.ids.is_empty() {
        return Ok(redirect_with_flash(&req, &back, &t(&req, "flash-decided-none-ticked", &[])));
    }
    let decision = match app::moderation::decision(&form.action, &form.reason, &form.reason_text) {
        Ok(decision) => decision,
        Err(AppError::Validation(errors)) => {
            let message = errors.values().next().map(|m| language::write(&req, m)).unwrap_or_default();
            let message = t(&req, "flash-decided-nothing-rejected", &[("reason", message.into())]);
            return Ok(redirect_with_flash(&req, &back, &message));
        }
        Err(other) => return Err(other),
    };
    let action = if form.action == "approve" { "approved" } else { "rejected" };
    let decided = moderation::decide(&state.app, &who.0, form.ids, decision).await?;
    Ok(redirect_with_flash(&req, &back, &outcome_message(&req, &decided, action)))
}
