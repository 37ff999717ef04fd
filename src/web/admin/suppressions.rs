//! `/admin/suppressions`: the addresses the club never sends to again (masked), why, since when
//! and who reported it; add one by hand, or take one off. Admins only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{bounces, Suppression, SuppressionReason};
use crate::error::{AppError, FieldErrors};
use crate::render::dates;
use crate::render::views::utc;
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/suppressions", |r| r.get(list_page).post(add));
    routes.at("/admin/suppressions/{id}/remove", |r| r.post(remove));
}

#[derive(Serialize)]
struct Row {
    id: i64,
    masked: String,
    reason: SuppressionReason,
    source: String,
    detail: String,
    since: String,
}

#[derive(Serialize)]
struct ListPage<'a> {
    rows: Vec<Row>,
    email: &'a str,
    errors: &'a FieldErrors,
    has_errors: bool,
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    email: &str,
    (errors, status): (&FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let row = |s: Suppression| Row {
        id: s.id,
        since: dates::iso(utc(s.created_at)),
        masked: s.masked,
        reason: s.reason,
        source: s.source,
        detail: s.detail,
    };
    let rows = bounces::list_suppressed(&state.app).await?.into_iter().map(row).collect();
    let data = ListPage { rows, email, errors, has_errors: !errors.is_empty() };
    Page::new("pages/admin/suppressions.html", t(req, "title-suppressions", &[])).status(status).render(req, &data)
}

async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    render(&req, &state, "", (&FieldErrors::new(), StatusCode::OK)).await
}

async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    match bounces::suppress(&state.app, &who.0, &form.email).await {
        Ok(()) => Ok(redirect_with_flash(&req, "/admin/suppressions", &t(&req, "flash-suppression-added", &[]))),
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render(&req, &state, &form.email, (&errors, status)).await
        }
    }
}

async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let masked = bounces::unsuppress(&state.app, &admin.0, id.into_inner()).await?;
    let message = t(&req, "flash-suppression-removed", &[("address", masked.into())]);
    Ok(redirect_with_flash(&req, "/admin/suppressions", &message))
}
