//! Admins manage organisers: `/admin/organisers` (accounts, roles, API tokens, the audit log),
//! invitations and password reset links by email, disable and enable. `/admin/password` is
//! where an invited or reset organiser chooses a password from the emailed link.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::page::{form_errors, form_status, redirect_with_flash, Page};
use super::session::{Csrf, CsrfForm, CurrentOrganiser};
use super::views::utc;
use super::AppState;
use crate::db::api_tokens::ApiToken;
use crate::db::audit_log::AuditEntry;
use crate::db::organiser_links::OrganiserLink;
use crate::db::organisers::Organiser;
use crate::domain::organisers::{self, LinkPurpose};
use crate::email::compose;
use crate::error::{AppError, FieldErrors};
use crate::render::dates;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/organisers").route(web::get().to(list_organisers)))
        .service(web::resource("/admin/organisers/invite").route(web::post().to(invite_organiser)))
        .service(web::resource("/admin/organisers/{id}/role").route(web::post().to(change_role)))
        .service(web::resource("/admin/organisers/{id}/disable").route(web::post().to(disable_organiser)))
        .service(web::resource("/admin/organisers/{id}/enable").route(web::post().to(enable_organiser)))
        .service(web::resource("/admin/organisers/{id}/password-link").route(web::post().to(send_password_link)))
        .service(web::resource("/admin/tokens/{id}/revoke").route(web::post().to(revoke_token)))
        .service(
            web::resource("/admin/password").route(web::get().to(password_form)).route(web::post().to(set_password)),
        );
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

/// The organisers page, with the invitation form as given and an optional message.
async fn render_list(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    who: &CurrentOrganiser,
    status: StatusCode,
    invite: &InviteFormData,
    errors: &FieldErrors,
    action_error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let (people, tokens, links, log) = state
        .db
        .run(move |conn| {
            Ok((
                Organiser::all(conn)?,
                ApiToken::all_live(conn)?,
                OrganiserLink::live(conn, now.naive_utc())?,
                AuditEntry::newest(conn, 100)?,
            ))
        })
        .await?;
    let tz = state.settings.club.tz();
    let when = |at: chrono::NaiveDateTime| dates::local_datetime(utc(at), tz);
    let rows: Vec<_> = people
        .iter()
        .map(|o| {
            let link = links.iter().rev().find(|l| l.organiser_id == o.id);
            json!({
                "id": o.id,
                "email": o.email,
                "name": o.display_name,
                "is_admin": o.role == "admin",
                "role": o.role,
                "state": organisers::account_state(o),
                "invited": organisers::account_state(o) == "invited",
                "disabled": o.disabled,
                "is_me": o.id == who.0.id,
                "link_expires": link.map(|l| when(l.expires_at)),
                "tokens": tokens.iter().filter(|t| t.organiser_id == o.id).map(|t| json!({
                    "id": t.id,
                    "label": t.label,
                    "created": when(t.created_at),
                    "last_used": t.last_used_at.map(when),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let log: Vec<_> = log
        .iter()
        .map(|(e, actor)| {
            json!({
                "when": when(e.created_at),
                "actor": actor.clone().unwrap_or_else(|| if e.actor_id.is_some() { "(removed)".into() } else { "command line".into() }),
                "action": e.action,
                "subject": e.subject,
                "detail": e.detail,
            })
        })
        .collect();
    let role = if invite.role.is_empty() { "moderator" } else { invite.role.as_str() };
    Page::new("pages/admin/organisers.html", "Organisers").status(status).render(
        req,
        json!({
            "rows": rows,
            "log": log,
            "form": {"email": invite.email, "name": invite.name, "role_admin": role == "admin"},
            "errors": errors,
            "has_errors": !errors.is_empty(),
            "action_error": action_error,
            "link_hours": organisers::LINK_VALID_HOURS,
        }),
    )
}

async fn list_organisers(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    render_list(&req, &state, &who, StatusCode::OK, &InviteFormData::default(), &FieldErrors::new(), None).await
}

/// The mail writer for links sent by `sender`.
fn link_mail(
    state: &web::Data<AppState>,
    sender: String,
) -> impl Fn(
    &Organiser,
    LinkPurpose,
    &str,
    chrono::DateTime<chrono::Utc>,
) -> Result<crate::domain::outbox::OutgoingMail, String> {
    let state = state.clone();
    move |organiser, purpose, token, expires| {
        compose::organiser_link(&state.renderer, &state.settings, organiser, &sender, purpose, token, expires)
    }
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
    let (actor, host, now) = (who.0.clone(), state.host(), state.clock.now());
    let (email, name, role) = (form.email.clone(), form.name.clone(), form.role.clone());
    let mail = link_mail(&state, who.0.display_name.clone());
    let result =
        state.db.run(move |conn| organisers::invite(conn, &actor, &email, &name, &role, &host, now, &mail)).await;
    match result {
        Ok(invited) => Ok(redirect_with_flash(
            &req,
            "/admin/organisers",
            &format!(
                "{} is invited; the link in their email works for {} hours.",
                invited.email,
                organisers::LINK_VALID_HOURS
            ),
        )),
        Err(err) => {
            let status = form_status(&err);
            let errors = form_errors(err)?;
            render_list(&req, &state, &who, status, &form, &errors, None).await
        }
    }
}

/// Runs one action on an account; a refusal (the last admin, one's own account) is shown on
/// the organisers page with 409, and nothing changes.
async fn account_action(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    who: &CurrentOrganiser,
    done: impl FnOnce(&Organiser) -> String,
    action: impl FnOnce(&mut crate::db::AnyConnection, &Organiser) -> Result<Organiser, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let actor = who.0.clone();
    match state.db.run(move |conn| action(conn, &actor)).await {
        Ok(changed) => Ok(redirect_with_flash(req, "/admin/organisers", &done(&changed))),
        Err(AppError::Conflict(message)) => {
            let form = InviteFormData::default();
            render_list(req, state, who, StatusCode::CONFLICT, &form, &FieldErrors::new(), Some(&message)).await
        }
        Err(AppError::Validation(errors)) => {
            let message = errors.into_values().collect::<Vec<_>>().join(" ");
            let form = InviteFormData::default();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_list(req, state, who, status, &form, &FieldErrors::new(), Some(&message)).await
        }
        Err(other) => Err(other),
    }
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
    let (id, role, now) = (id.into_inner(), form.into_inner().role, state.clock.now());
    account_action(
        &req,
        &state,
        &who,
        |o| format!("{} is now {}.", o.email, if o.role == "admin" { "an admin" } else { "a moderator" }),
        move |conn, actor| organisers::change_role(conn, actor, id, &role, now),
    )
    .await
}

async fn disable_organiser(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    set_disabled(req, state, who, csrf, id.into_inner(), form, true).await
}

async fn enable_organiser(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    set_disabled(req, state, who, csrf, id.into_inner(), form, false).await
}

async fn set_disabled(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: i64,
    form: web::Form<CsrfForm>,
    disabled: bool,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let now = state.clock.now();
    account_action(
        &req,
        &state,
        &who,
        move |o| match disabled {
            true => format!("{} is disabled: logged out, and their API tokens no longer work.", o.email),
            false => format!("{} is enabled again.", o.email),
        },
        move |conn, actor| organisers::set_disabled(conn, actor, id, disabled, now),
    )
    .await
}

async fn send_password_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let (id, host, now) = (id.into_inner(), state.host(), state.clock.now());
    let mail = link_mail(&state, who.0.display_name.clone());
    account_action(
        &req,
        &state,
        &who,
        |o| format!("A new link is on its way to {}.", o.email),
        move |conn, actor| organisers::send_password_link(conn, actor, id, &host, now, &mail),
    )
    .await
}

async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let (id, now, actor) = (id.into_inner(), state.clock.now(), who.0.clone());
    state.db.run(move |conn| organisers::revoke_token(conn, Some(&actor), None, id, now)).await?;
    Ok(redirect_with_flash(&req, "/admin/organisers", "The token is revoked; it no longer works."))
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

fn render_password(
    req: &HttpRequest,
    status: StatusCode,
    organiser: &Organiser,
    invite: bool,
    token: &str,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let title = if invite { "Accept the invitation" } else { "Choose a new password" };
    Page::new("pages/admin/password.html", title).status(status).render(
        req,
        json!({
            "heading": title,
            "invite": invite,
            "email": organiser.email,
            "name": organiser.display_name,
            "token": token,
            "errors": errors,
            "has_errors": !errors.is_empty(),
            "min_chars": organisers::MIN_PASSWORD_CHARS,
        }),
    )
}

async fn password_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<PasswordQuery>,
) -> Result<HttpResponse, AppError> {
    let (token, now) = (query.into_inner().token, state.clock.now());
    let lookup = token.clone();
    let (link, organiser) = state.db.run(move |conn| organisers::link_organiser(conn, &lookup, now)).await?;
    render_password(&req, StatusCode::OK, &organiser, link.purpose == "invite", &token, &FieldErrors::new())
}

async fn set_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<PasswordFormData>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let now = state.clock.now();
    let (token, password, repeat) = (form.token.clone(), form.password, form.repeat);
    match state.db.run(move |conn| organisers::set_password_with_link(conn, &token, &password, &repeat, now)).await {
        Ok(organiser) => Ok(redirect_with_flash(
            &req,
            "/admin/login",
            &format!("Your password is set. Log in as {} to continue.", organiser.email),
        )),
        Err(AppError::Validation(errors)) => {
            let lookup = form.token.clone();
            let (link, organiser) = state.db.run(move |conn| organisers::link_organiser(conn, &lookup, now)).await?;
            let invite = link.purpose == "invite";
            render_password(&req, StatusCode::UNPROCESSABLE_ENTITY, &organiser, invite, &form.token, &errors)
        }
        Err(other) => Err(other),
    }
}
