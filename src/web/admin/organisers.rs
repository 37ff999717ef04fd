//! Admins manage organisers: `/admin/organisers` (accounts, roles, API tokens, the audit log),
//! invitations and password reset links by email, disable and enable, token revocation.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::organisers::Overview;
use crate::app::{self, AccountState, Organiser, Role, LINK_VALID_HOURS};
use crate::error::{AppError, FieldErrors};
use crate::render::dates;
use crate::render::views::utc;
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, refusal_message, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/organisers", |r| r.get(list_organisers));
    routes.at("/admin/organisers/invite", |r| r.post(invite_organiser));
    routes.at("/admin/organisers/{id}/role", |r| r.post(change_role));
    routes.at("/admin/organisers/{id}/disable", |r| r.post(disable_organiser));
    routes.at("/admin/organisers/{id}/enable", |r| r.post(enable_organiser));
    routes.at("/admin/organisers/{id}/password-link", |r| r.post(send_password_link));
    routes.at("/admin/tokens/{id}/revoke", |r| r.post(revoke_token));
}

/// The invitation form as posted; kept as text so that it can be shown again.
#[derive(Debug, Default, Deserialize)]
struct InviteFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

#[derive(Serialize)]
struct TokenRow {
    id: i64,
    label: String,
    created: String,
    last_used: Option<String>,
}

#[derive(Serialize)]
struct OrganiserRow {
    id: i64,
    email: String,
    name: String,
    is_admin: bool,
    role: Role,
    state: AccountState,
    invited: bool,
    disabled: bool,
    is_me: bool,
    link_expires: Option<String>,
    tokens: Vec<TokenRow>,
}

#[derive(Serialize)]
struct LogRow {
    when: String,
    actor: String,
    action: String,
    subject: String,
    detail: String,
}

#[derive(Serialize)]
struct InviteEcho<'a> {
    email: &'a str,
    name: &'a str,
    role_admin: bool,
}

#[derive(Serialize)]
struct OrganisersPage<'a> {
    rows: Vec<OrganiserRow>,
    log: Vec<LogRow>,
    form: InviteEcho<'a>,
    errors: &'a FieldErrors,
    has_errors: bool,
    action_error: Option<&'a str>,
    link_hours: i64,
}

fn rows(overview: &Overview, me: i64, when: &dyn Fn(chrono::NaiveDateTime) -> String) -> Vec<OrganiserRow> {
    let row = |o: &Organiser| OrganiserRow {
        id: o.id,
        email: o.email.clone(),
        name: o.display_name.clone(),
        is_admin: o.role == Role::Admin,
        role: o.role,
        state: AccountState::of(o),
        invited: AccountState::of(o) == AccountState::Invited,
        disabled: o.disabled,
        is_me: o.id == me,
        link_expires: overview.links.iter().rev().find(|l| l.organiser_id == o.id).map(|l| when(l.expires_at)),
        tokens: overview
            .tokens
            .iter()
            .filter(|t| t.organiser_id == o.id)
            .map(|t| TokenRow {
                id: t.id,
                label: t.label.clone(),
                created: when(t.created_at),
                last_used: t.last_used_at.map(when),
            })
            .collect(),
    };
    overview.organisers.iter().map(row).collect()
}

fn log(req: &HttpRequest, overview: &Overview, when: &dyn Fn(chrono::NaiveDateTime) -> String) -> Vec<LogRow> {
    let actor = |id: Option<i64>, name: &Option<String>| match (name, id) {
        (Some(name), _) => name.clone(),
        (None, Some(_)) => t(req, "label-audit-actor-removed", &[]),
        (None, None) => t(req, "label-audit-actor-command-line", &[]),
    };
    overview
        .log
        .iter()
        .map(|(e, name)| LogRow {
            when: when(e.created_at),
            actor: actor(e.actor_id, name),
            action: e.action.clone(),
            subject: e.subject.clone(),
            detail: e.detail.clone(),
        })
        .collect()
}

/// The organisers page, with the invitation form as given and an optional message.
async fn render_list(
    req: &HttpRequest,
    state: &AppState,
    who: &CurrentOrganiser,
    status: StatusCode,
    (invite, errors, action_error): (&InviteFormData, &FieldErrors, Option<&str>),
) -> Result<HttpResponse, AppError> {
    let overview = app::organisers::overview(&state.app).await?;
    let when = |at: chrono::NaiveDateTime| dates::iso(utc(at));
    let data = OrganisersPage {
        rows: rows(&overview, who.0.id, &when),
        log: log(req, &overview, &when),
        form: InviteEcho {
            email: &invite.email,
            name: &invite.name,
            role_admin: Role::parse(&invite.role) == Ok(Role::Admin),
        },
        errors,
        has_errors: !errors.is_empty(),
        action_error,
        link_hours: LINK_VALID_HOURS,
    };
    Page::new("pages/admin/organisers.html", t(req, "title-organisers", &[])).status(status).render(req, &data)
}

async fn list_organisers(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    render_list(&req, &state, &who, StatusCode::OK, (&InviteFormData::default(), &FieldErrors::new(), None)).await
}

async fn invite_organiser(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    form: web::Form<InviteFormData>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let invited = app::organisers::invite(&state.app, &who.0, form.email.clone(), form.name.clone(), form.role.clone());
    match invited.await {
        Ok(invited) => {
            let message = t(
                &req,
                "flash-organiser-invited",
                &[("email", invited.email.into()), ("hours", LINK_VALID_HOURS.into())],
            );
            Ok(redirect_with_flash(&req, "/admin/organisers", &message))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render_list(&req, &state, &who, status, (&form, &errors, None)).await
        }
    }
}

/// After an action on an account: back to the list with a message, or the list with the
/// refusal (the last admin, one's own account: 409; a bad value: 422), nothing changed.
async fn after_action(
    req: &HttpRequest,
    state: &AppState,
    who: &CurrentOrganiser,
    result: Result<String, AppError>,
) -> Result<HttpResponse, AppError> {
    let status = match &result {
        Ok(message) => return Ok(redirect_with_flash(req, "/admin/organisers", message)),
        Err(AppError::Conflict(_)) => StatusCode::CONFLICT,
        Err(AppError::Validation(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let message = refusal_message(req, result.err().unwrap_or(AppError::NotFound))?;
    render_list(req, state, who, status, (&InviteFormData::default(), &FieldErrors::new(), Some(&message))).await
}

#[derive(Debug, Default, Deserialize)]
struct RoleFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    role: String,
}

async fn change_role(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<RoleFormData>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let result = app::organisers::change_role(&state.app, &who.0, id.into_inner(), form.into_inner().role).await;
    let message =
        result.map(|o| t(&req, "flash-organiser-role", &[("email", o.email.into()), ("role", o.role.as_str().into())]));
    after_action(&req, &state, &who, message).await
}

async fn disable_organiser(
    req: HttpRequest,
    state: web::Data<AppState>,
    AdminButton(admin): AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let result = app::organisers::set_disabled(&state.app, &admin, id.into_inner(), true).await;
    let message = result.map(|o| t(&req, "flash-organiser-disabled", &[("email", o.email.into())]));
    after_action(&req, &state, &CurrentOrganiser(admin), message).await
}

async fn enable_organiser(
    req: HttpRequest,
    state: web::Data<AppState>,
    AdminButton(admin): AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let result = app::organisers::set_disabled(&state.app, &admin, id.into_inner(), false).await;
    let message = result.map(|o| t(&req, "flash-organiser-enabled", &[("email", o.email.into())]));
    after_action(&req, &state, &CurrentOrganiser(admin), message).await
}

async fn send_password_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    AdminButton(admin): AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let result = app::organisers::send_password_link(&state.app, &admin, id.into_inner()).await;
    let message = result.map(|o| t(&req, "flash-organiser-link-sent", &[("email", o.email.into())]));
    after_action(&req, &state, &CurrentOrganiser(admin), message).await
}

async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    AdminButton(admin): AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    app::organisers::revoke_token(&state.app, Some(&admin), None, id.into_inner()).await?;
    Ok(redirect_with_flash(&req, "/admin/organisers", &t(&req, "flash-token-revoked", &[])))
}
