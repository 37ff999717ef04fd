//! `/admin/login` and `/admin/logout`.

use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app;
use crate::error::AppError;
use crate::web::http::language::t;
use crate::web::http::page::{self, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, cookie_names, Csrf, OrganiserButton};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/login", |r| r.get(login_form).post(login));
    routes.at("/admin/logout", |r| r.post(logout));
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
struct LoginFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Serialize)]
struct LoginPage<'a> {
    email: &'a str,
    next: &'a str,
    form_error: Option<&'a str>,
}

/// Only same-site paths are followed after login.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control) {
        next.to_owned()
    } else {
        "/admin".to_owned()
    }
}

fn render(req: &HttpRequest, status: StatusCode, data: &LoginPage<'_>) -> Result<HttpResponse, AppError> {
    Page::new("pages/admin/login.html", t(req, "title-login", &[])).status(status).render(req, data)
}

async fn login_form(req: HttpRequest, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref().unwrap_or("/admin"));
    if session::logged_in(&req).is_some() {
        return Ok(page::redirect(&next));
    }
    render(&req, StatusCode::OK, &LoginPage { email: "", next: &next, form_error: None })
}

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<LoginFormData>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let next = safe_next(&form.next);
    let client = session::client(&req, &state);
    let refusal = |message: &str, status| {
        render(&req, status, &LoginPage { email: &form.email, next: &next, form_error: Some(message) })
    };
    match app::sessions::log_in(&state.app, form.email.clone(), form.password.clone(), &client).await {
        Ok(Some(token)) => {
            let mut response = page::redirect(&next);
            response.add_cookie(&session::session_cookie(&state, &token)).map_err(AppError::internal)?;
            Ok(response)
        }
        Ok(None) => refusal(&t(&req, "flash-login-mismatch", &[]), StatusCode::UNAUTHORIZED),
        Err(AppError::RateLimited { retry_after_seconds: wait }) => {
            let seconds = i64::try_from(wait).unwrap_or(i64::MAX);
            let message = t(&req, "flash-login-rate-limited", &[("seconds", seconds.into())]);
            let mut response = refusal(&message, StatusCode::TOO_MANY_REQUESTS)?;
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(wait));
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

async fn logout(req: HttpRequest, state: web::Data<AppState>, _who: OrganiserButton) -> Result<HttpResponse, AppError> {
    if let Some(token) = session::session_token(&req, &state) {
        app::sessions::log_out(&state.app, token).await?;
    }
    let mut response = page::redirect_with_flash(&req, "/", &t(&req, "flash-logged-out", &[]));
    response
        .add_cookie(&session::removal_cookie(cookie_names(state.https).session, state.https))
        .map_err(AppError::internal)?;
    Ok(response)
}
