//! Organisers and the digest: `/admin/digests` (per topic: built, queued, sent, failed,
//! bounced, progress), preview, send a test, send now; `/admin/subscribers` (counts, search,
//! remove, CSV export). Admins only.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::page::{redirect_with_flash, Page};
use super::session::{Csrf, CsrfForm, CurrentOrganiser};
use super::views::utc;
use super::AppState;
use crate::db::digests::{Digest, Progress};
use crate::db::subscribers::Subscriber;
use crate::db::topics::Topic;
use crate::domain::digests::{self, DigestSource};
use crate::domain::{outbox, topics as topic_rules, EmailAddress};
use crate::email::compose;
use crate::error::AppError;
use crate::render::dates;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/digests").route(web::get().to(list_digests)))
        .service(web::resource("/admin/digests/{slug}").route(web::get().to(preview_digest)))
        .service(web::resource("/admin/digests/{slug}/send").route(web::post().to(send_digest)))
        .service(web::resource("/admin/digests/{slug}/test").route(web::post().to(send_test)))
        .service(web::resource("/admin/subscribers").route(web::get().to(list_subscribers)))
        .service(web::resource("/admin/subscribers.csv").route(web::get().to(export_subscribers)))
        .service(web::resource("/admin/subscribers/{id}/remove").route(web::post().to(remove_subscriber)));
}

async fn list_digests(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let now = state.clock.now();
    let rows = state
        .db
        .run(move |conn| {
            let mut rows = Vec::new();
            for topic in Topic::all(conn, false)?.into_iter().rev() {
                if topic.closes_at > now.naive_utc() {
                    continue;
                }
                let digest = Digest::for_topic(conn, topic.id)?;
                let progress = match &digest {
                    Some(d) => Digest::progress(conn, d.id)?,
                    None => Progress::default(),
                };
                rows.push((topic, digest, progress));
            }
            Ok((rows, digests::audience(conn)?))
        })
        .await?;
    let (rows, audience) = rows;
    let tz = state.settings.club.tz();
    let items: Vec<_> = rows
        .iter()
        .map(|(topic, digest, p)| {
            let total = p.queued + p.sending + p.sent + p.failed;
            json!({
                "slug": topic.slug,
                "title": topic.title,
                "month": topic_rules::month_of(topic).long_name(),
                "status": digest.as_ref().map_or("not built yet", |d| d.status.as_str()),
                "can_send": digest.as_ref().is_none_or(|d| d.status == "waiting"),
                "is_empty": digest.as_ref().is_some_and(|d| d.status == "empty"),
                "recipients": digest.as_ref().map_or(0, |d| d.recipients),
                "sent": p.sent,
                "failed": p.failed,
                "outstanding": p.queued + p.sending,
                "percent": if total > 0 { p.sent * 100 / total } else { 0 },
                "built": digest.as_ref().map(|d| dates::local_datetime(utc(d.built_at), tz)),
                "public": digest.as_ref().is_some_and(digests::is_public),
            })
        })
        .collect();
    Page::new("pages/admin/digests.html", "Digests").render(&req, json!({"items": items, "audience": audience}))
}

async fn preview_digest(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let slug = slug.into_inner();
    let st = state.clone();
    let (topic, content, count, audience) = state
        .db
        .run(move |conn| {
            let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let render = |source: &DigestSource<'_>| compose::digest(&st.renderer, &st.settings, source);
            let (content, count) = digests::render_for(conn, &topic, &render)?;
            Ok((topic, content, count, digests::audience(conn)?))
        })
        .await?;
    Page::new("pages/admin/digest_preview.html", format!("Digest: {}", topic.title)).render(
        &req,
        json!({
            "slug": topic.slug,
            "title": topic.title,
            "subject": content.subject,
            "text": content.text.replace(digests::UNSUBSCRIBE_PLACEHOLDER, "(each subscriber's own unsubscribe link)"),
            "count": count,
            "audience": audience,
        }),
    )
}

/// Builds (if needed) and queues a topic's digest; shared with the API. Returns the number of
/// deliveries queued.
pub async fn queue_digest(state: &web::Data<AppState>, slug: String) -> Result<usize, AppError> {
    let now = state.clock.now();
    let host = state.host();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            let topic = Topic::by_slug(conn, &slug)?.filter(|t| t.announced).ok_or(AppError::NotFound)?;
            let render = |source: &DigestSource<'_>| compose::digest(&st.renderer, &st.settings, source);
            let digest = digests::ensure_built(conn, &topic, now, &render)?;
            digests::queue(conn, digest.id, &host, now)
        })
        .await
}

async fn send_digest(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    match queue_digest(&state, slug.into_inner()).await {
        Ok(n) => {
            Ok(redirect_with_flash(&req, "/admin/digests", &format!("The digest is on its way to {n} subscriber(s).")))
        }
        Err(AppError::Conflict(message)) => Ok(redirect_with_flash(&req, "/admin/digests", &message)),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
struct TestForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

/// Sends the digest once to one address, marked as a test; shared with the CLI and API.
pub async fn queue_test(state: &web::Data<AppState>, slug: String, email: String) -> Result<(), AppError> {
    let to = EmailAddress::parse(&email).map_err(|m| AppError::field("email", m))?;
    let now = state.clock.now();
    let host = state.host();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let render = |source: &DigestSource<'_>| compose::digest(&st.renderer, &st.settings, source);
            let digest = digests::ensure_built(conn, &topic, now, &render)?;
            outbox::enqueue(conn, &compose::digest_test(&st.settings, &digest, to.as_str()), &host, now)
        })
        .await
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
    match queue_test(&state, slug, form.into_inner().email).await {
        Ok(()) => Ok(redirect_with_flash(&req, &back, "A test copy is on its way.")),
        Err(AppError::Validation(errors)) => {
            Ok(redirect_with_flash(&req, &back, &errors.into_values().next().unwrap_or_default()))
        }
        Err(AppError::Conflict(message)) => Ok(redirect_with_flash(&req, &back, &message)),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

async fn list_subscribers(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let search = query.into_inner().q.trim().to_lowercase();
    let q = search.clone();
    let (counts, list) =
        state.db.run(move |conn| Ok((Subscriber::count_by_status(conn)?, Subscriber::search(conn, &q, 500)?))).await?;
    let count = |status: &str| counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
    let tz = state.settings.club.tz();
    let rows: Vec<_> = list
        .iter()
        .map(|s| {
            json!({"id": s.id, "email": s.email, "status": s.status, "bounces": s.bounce_count,
                   "since": dates::local_date(utc(s.created_at), tz)})
        })
        .collect();
    Page::new("pages/admin/subscribers.html", "Subscribers").render(
        &req,
        json!({
            "active": count("active"), "pending": count("pending"),
            "unsubscribed": count("unsubscribed"), "bounced": count("bounced"),
            "rows": rows, "q": search,
        }),
    )
}

async fn export_subscribers(state: web::Data<AppState>, who: CurrentOrganiser) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let list = state.db.run(|conn| Ok(Subscriber::search(conn, "", i64::MAX)?)).await?;
    let mut csv = String::from("email,status,subscribed_at,confirmed_at,unsubscribed_at,bounces\r\n");
    let cell = |t: Option<chrono::NaiveDateTime>| t.map(|t| utc(t).to_rfc3339()).unwrap_or_default();
    for s in &list {
        // Cells that a spreadsheet would read as a formula are prefixed with a quote.
        let email = if s.email.starts_with(['=', '+', '-', '@']) { format!("'{}", s.email) } else { s.email.clone() };
        csv.push_str(&format!(
            "\"{}\",{},{},{},{},{}\r\n",
            email.replace('"', "\"\""),
            s.status,
            cell(Some(s.created_at)),
            cell(s.confirmed_at),
            cell(s.unsubscribed_at),
            s.bounce_count
        ));
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}

async fn remove_subscriber(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let id = id.into_inner();
    let removed = state.db.run(move |conn| Ok(Subscriber::delete(conn, id)?)).await?;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(redirect_with_flash(&req, "/admin/subscribers", "The subscriber is removed."))
}
