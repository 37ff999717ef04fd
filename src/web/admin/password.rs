//! `/admin/password`: where an invited or reset organiser chooses a password, from the link in
//! their email.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, LinkPurpose, Organiser, MIN_PASSWORD_CHARS};
use crate::error::{AppError, FieldErrors};
use crate::web::http::language::t;
use crate::web::http::page::{redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::Csrf;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/password", |r| r.get(password_form).post(set_password));
}

#[derive(Debug, Default, Deserialize)]
struct PasswordQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Default, Deserialize)]
struct PasswordFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

#[derive(Serialize)]
struct PasswordPage<'a> {
    heading: &'a str,
    invite: bool,
    email: &'a str,
    name: &'a str,
    token: &'a str,
    errors: &'a FieldErrors,
    has_errors: bool,
    min_chars: usize,
}

fn render(
    req: &HttpRequest,
    (purpose, organiser): (LinkPurpose, Organiser),
    token: &str,
    (errors, status): (&FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let invite = purpose == LinkPurpose::Invite;
    let heading = t(req, if invite { "title-password-invite" } else { "title-password-reset" }, &[]);
    let data = PasswordPage {
        heading: &heading,
        invite,
        email: &organiser.email,
        name: &organiser.display_name,
        token,
        errors,
        has_errors: !errors.is_empty(),
        min_chars: MIN_PASSWORD_CHARS,
    };
    Page::new("pages/admin/password.html", heading.clone()).status(status).render(req, &data)
}

async fn password_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<PasswordQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let link = app::organisers::link(&state.app, token.clone()).await?;
    render(&req, link, &token, (&FieldErrors::new(), StatusCode::OK))
}

async fn set_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<PasswordFormData>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let PasswordFormData { token, password, repeat, .. } = form.into_inner();
    match app::organisers::set_password(&state.app, token.clone(), password, repeat).await {
        Ok(organiser) => Ok(redirect_with_flash(
            &req,
            "/admin/login",
            &t(&req, "flash-password-set", &[("email", organiser.email.into())]),
        )),
        Err(AppError::Validation(errors)) => {
            let link = app::organisers::link(&state.app, token.clone()).await?;
            render(&req, link, &token, (&errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(other) => Err(other),
    }
}
