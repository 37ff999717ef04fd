//! `/admin/account`: an organiser changes their password (every other session ends) or logs out
//! everywhere.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, MIN_PASSWORD_CHARS};
use crate::error::{AppError, FieldErrors};
use crate::web::http::language::t;
use crate::web::http::page::{self, form_refusal, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, cookie_names, Csrf, CurrentOrganiser, OrganiserButton};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/account", |r| r.get(account_page));
    routes.at("/admin/account/password", |r| r.post(change_password));
    routes.at("/admin/logout-everywhere", |r| r.post(log_out_everywhere));
}

#[derive(Serialize)]
struct AccountPage<'a> {
    errors: &'a FieldErrors,
    has_errors: bool,
    min_chars: usize,
}

fn render(req: &HttpRequest, errors: &FieldErrors, status: StatusCode) -> Result<HttpResponse, AppError> {
    let data = AccountPage { errors, has_errors: !errors.is_empty(), min_chars: MIN_PASSWORD_CHARS };
    Page::new("pages/admin/account.html", t(req, "title-account", &[])).status(status).render(req, &data)
}

async fn account_page(req: HttpRequest, _who: CurrentOrganiser) -> Result<HttpResponse, AppError> {
    render(&req, &FieldErrors::new(), StatusCode::OK)
}

#[derive(Debug, Default, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let PasswordForm { current, password, repeat, .. } = form.into_inner();
    match app::organisers::change_password(&state.app, &who.0, current, password, repeat).await {
        Ok(token) => {
            let message = t(&req, "flash-password-changed", &[]);
            let mut response = page::redirect_with_flash(&req, "/admin/account", &message);
            response.add_cookie(&session::session_cookie(&state, &token)).map_err(AppError::internal)?;
            Ok(response)
        }
        Err(refused) => {
            let (errors, status) = form_refusal(refused)?;
            render(&req, &errors, status)
        }
    }
}

async fn log_out_everywhere(
    req: HttpRequest,
    state: web::Data<AppState>,
    OrganiserButton(who): OrganiserButton,
) -> Result<HttpResponse, AppError> {
    let ended = app::sessions::log_out_everywhere(&state.app, &who).await?;
    let message = t(&req, "flash-logged-out-everywhere", &[("count", ended.into())]);
    let mut response = page::redirect_with_flash(&req, "/admin/login", &message);
    response
        .add_cookie(&session::removal_cookie(cookie_names(state.https).session, state.https))
        .map_err(AppError::internal)?;
    Ok(response)
}
