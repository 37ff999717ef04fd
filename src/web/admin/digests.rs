//! Organisers and the digest: `/admin/digests` (per topic: built, queued, sent, failed,
//! progress), preview, send a test, send now. Admins only.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::digests::{self, DigestRow};
use crate::app::DigestStatus;
use crate::email::compose::{MANAGE_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER};
use crate::error::AppError;
use crate::render::dates;
use crate::render::views::utc;
use crate::web::http::language::t;
use crate::web::http::page::{redirect_with_flash, refusal_message, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/digests", |r| r.get(list_digests));
    routes.at("/admin/digests/{slug}", |r| r.get(preview_digest));
    routes.at("/admin/digests/{slug}/send", |r| r.post(send_digest));
    routes.at("/admin/digests/{slug}/test", |r| r.post(send_test));
}

#[derive(Serialize)]
struct DigestItem {
    slug: String,
    title: String,
    month: String,
    status: String,
    can_send: bool,
    is_empty: bool,
    recipients: i32,
    sent: i64,
    failed: i64,
    outstanding: i64,
    percent: i64,
    built: Option<String>,
    public: bool,
}

#[derive(Serialize)]
struct DigestsPage {
    items: Vec<DigestItem>,
    audience: usize,
}

/// A digest's state as organisers read it.
fn status_label(req: &HttpRequest, status: Option<DigestStatus>) -> String {
    let id = match status {
        None => "label-digest-status-none",
        Some(DigestStatus::Waiting) => "label-digest-status-waiting",
        Some(DigestStatus::Empty) => "label-digest-status-empty",
        Some(DigestStatus::Queued) => "label-digest-status-queued",
        Some(DigestStatus::Sent) => "label-digest-status-sent",
    };
    t(req, id, &[])
}

fn item(req: &HttpRequest, row: &DigestRow) -> DigestItem {
    let (p, digest, topic) = (&row.progress, row.digest.as_ref(), &row.topic);
    let total = p.queued + p.sending + p.sent + p.failed;
    let status = digest.map(|d| d.status);
    DigestItem {
        slug: topic.slug.clone(),
        title: topic.title.clone(),
        month: topic.month.clone(),
        status: status_label(req, status),
        can_send: digests::can_send(status),
        is_empty: status == Some(DigestStatus::Empty),
        recipients: digest.map_or(0, |d| d.recipients),
        sent: p.sent,
        failed: p.failed,
        outstanding: p.queued + p.sending,
        percent: if total > 0 { p.sent * 100 / total } else { 0 },
        built: digest.map(|d| dates::iso(utc(d.built_at))),
        public: status.is_some_and(digests::is_public),
    }
}

async fn list_digests(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (rows, audience) = digests::overview(&state.app).await?;
    let items = rows.iter().map(|row| item(&req, row)).collect();
    Page::new("pages/admin/digests.html", t(&req, "title-digests", &[])).render(&req, &DigestsPage { items, audience })
}

#[derive(Serialize)]
struct PreviewPage<'a> {
    slug: &'a str,
    title: &'a str,
    subject: &'a str,
    text: String,
    count: usize,
    audience: usize,
}

async fn preview_digest(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let preview = digests::preview(&state.app, slug.into_inner()).await?;
    let data = PreviewPage {
        slug: &preview.topic.slug,
        title: &preview.topic.title,
        subject: &preview.content.subject,
        text: preview
            .content
            .text
            .replace(UNSUBSCRIBE_PLACEHOLDER, &t(&req, "label-digest-preview-unsubscribe", &[]))
            .replace(MANAGE_PLACEHOLDER, &t(&req, "label-digest-preview-manage", &[])),
        count: preview.entries,
        audience: preview.audience,
    };
    let title = t(&req, "title-digest-preview", &[("title", preview.topic.title.as_str().into())]);
    Page::new("pages/admin/digest_preview.html", title).render(&req, &data)
}

async fn send_digest(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let message = match digests::send(&state.app, slug.into_inner()).await {
        Ok(n) => t(&req, "flash-digest-sending", &[("count", n.into())]),
        Err(refused @ AppError::Conflict(_)) => refusal_message(&req, refused)?,
        Err(other) => return Err(other),
    };
    Ok(redirect_with_flash(&req, "/admin/digests", &message))
}

#[derive(Debug, Default, Deserialize)]
struct TestForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

async fn send_test(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<TestForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let slug = slug.into_inner();
    let back = format!("/admin/digests/{slug}");
    let message = match digests::send_test(&state.app, slug, form.into_inner().email).await {
        Ok(_) => t(&req, "flash-digest-test-sent", &[]),
        Err(refused @ (AppError::Validation(_) | AppError::Conflict(_))) => refusal_message(&req, refused)?,
        Err(other) => return Err(other),
    };
    Ok(redirect_with_flash(&req, &back, &message))
}
