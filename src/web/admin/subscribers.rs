//! `/admin/subscribers`: counts, search, removal, and a CSV export. Admins only.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, Subscriber, SubscriberStatus};
use crate::error::AppError;
use crate::render::dates;
use crate::render::views::utc;
use crate::web::http::language::t;
use crate::web::http::page::{redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/subscribers", |r| r.get(list_subscribers));
    routes.at("/admin/subscribers.csv", |r| r.get(export_subscribers));
    routes.at("/admin/subscribers/{id}/remove", |r| r.post(remove_subscriber));
}

#[derive(Debug, Default, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    before: Option<i64>,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    email: String,
    status: SubscriberStatus,
    bounces: i32,
    since: String,
}

#[derive(Serialize)]
struct SubscribersPage {
    active: i64,
    pending: i64,
    unsubscribed: i64,
    bounced: i64,
    rows: Vec<Row>,
    q: String,
    next: Option<String>,
}

async fn list_subscribers(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let SearchQuery { q, before } = query.into_inner();
    let q = q.trim().to_lowercase();
    let page = app::subscribers::page(&state.app, q.clone(), before, app::subscribers::MAX_PAGE).await?;
    let row = |s: &Subscriber| Row {
        id: s.id,
        email: s.email.clone(),
        status: s.status,
        bounces: s.bounce_count,
        since: dates::iso(utc(s.created_at)),
    };
    let query = url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>();
    let data = SubscribersPage {
        active: page.counts.active,
        pending: page.counts.pending,
        unsubscribed: page.counts.unsubscribed,
        bounced: page.counts.bounced,
        rows: page.subscribers.iter().map(row).collect(),
        next: page.next.map(|before| format!("/admin/subscribers?q={query}&before={before}")),
        q,
    };
    Page::new("pages/admin/subscribers.html", t(&req, "title-subscribers", &[])).render(&req, &data)
}

/// One CSV line; cells that a spreadsheet would read as a formula are prefixed with a quote.
fn csv_line(s: &Subscriber) -> String {
    let cell = |t: Option<chrono::NaiveDateTime>| t.map(|t| utc(t).to_rfc3339()).unwrap_or_default();
    let email = if s.email.starts_with(['=', '+', '-', '@']) { format!("'{}", s.email) } else { s.email.clone() };
    format!(
        "\"{}\",{},{},{},{},{}\r\n",
        email.replace('"', "\"\""),
        s.status,
        cell(Some(s.created_at)),
        cell(s.confirmed_at),
        cell(s.unsubscribed_at),
        s.bounce_count
    )
}

async fn export_subscribers(state: web::Data<AppState>, who: CurrentOrganiser) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let all = app::subscribers::all(&state.app).await?;
    let mut csv = String::from("email,status,subscribed_at,confirmed_at,unsubscribed_at,bounces\r\n");
    csv.extend(all.iter().map(csv_line));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}

async fn remove_subscriber(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    app::subscribers::remove(&state.app, id.into_inner()).await?;
    Ok(redirect_with_flash(&req, "/admin/subscribers", &t(&req, "flash-subscriber-removed", &[])))
}
