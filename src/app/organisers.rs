//! Organiser accounts: created from the command line or invited by an admin, roles, disable and
//! enable, password links by email, API tokens, and an audit log of every change.

use chrono::Duration;

use super::{outbox, App};
use crate::crypto;
use crate::db::api_tokens::{ApiToken, NewApiToken};
use crate::db::audit_log::{AuditEntry, NewAuditEntry};
use crate::db::organiser_links::{NewOrganiserLink, OrganiserLink};
use crate::db::organisers::{NewOrganiser, Organiser};
use crate::db::states::{LinkPurpose, Role};
use crate::db::{is_unique_violation, sessions, AnyConnection};
use crate::domain::organisers::{self as rules, LINK_VALID_HOURS};
use crate::domain::EmailAddress;
use crate::email::compose;
use crate::error::{AppError, FieldErrors, Message};

fn email_taken(email: &EmailAddress) -> AppError {
    AppError::FieldConflict {
        field: "email",
        message: Message::new("refused-organiser-email-taken").arg("email", email.key()),
    }
}

/// A new account; the address must be free.
fn insert(
    app: &App,
    conn: &mut AnyConnection,
    email: &EmailAddress,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<Organiser, AppError> {
    let at = app.now().naive_utc();
    let new = NewOrganiser {
        email: &email.key(),
        display_name: name,
        password_hash,
        role,
        disabled: false,
        created_at: at,
        updated_at: at,
    };
    new.insert(conn).map_err(|e| if is_unique_violation(&e) { email_taken(email) } else { e.into() })
}

/// Records one change in the audit log. `actor` is `None` for the command line.
pub(crate) fn audit(
    app: &App,
    conn: &mut AnyConnection,
    actor: Option<&Organiser>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), AppError> {
    let created_at = app.now().naive_utc();
    NewAuditEntry { actor_id: actor.map(|a| a.id), action, subject, detail, created_at }.insert(conn)?;
    Ok(())
}

/// Creates an organiser account with a password (the command line). The email must be free.
pub async fn add(app: &App, email: String, name: String, password: String, role: Role) -> Result<Organiser, AppError> {
    let email = EmailAddress::parse(&email).map_err(|m| AppError::field("email", m))?;
    let name = rules::check_display_name(&name).map_err(|m| AppError::field("name", m))?;
    rules::check_password(&password).map_err(|m| AppError::field("password", m))?;
    // Hashing is slow on purpose; it happens before the write transaction.
    let hash = tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    app.write(move |app, conn| {
        let organiser = insert(app, conn, &email, &name, &hash, role)?;
        audit(app, conn, None, "organiser added", &organiser.email, role.as_str())?;
        Ok(organiser)
    })
    .await
}

/// Every organiser account, by email.
pub async fn list(app: &App) -> Result<Vec<Organiser>, AppError> {
    app.read(|_, conn| Ok(Organiser::all(conn)?)).await
}

/// The organiser with this email.
fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Organiser, AppError> {
    let key = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?.key();
    Organiser::by_email(conn, &key)?
        .ok_or_else(|| AppError::BadRequest(Message::new("refused-organiser-unknown-email").arg("email", key)))
}

/// Creates an API token for the organiser and returns it in clear, the only time it is seen.
pub async fn create_token(app: &App, email: String, label: String) -> Result<(ApiToken, String), AppError> {
    let label = rules::check_token_label(&label)?;
    app.write(move |app, conn| {
        let organiser = by_email(conn, &email)?;
        let token = format!("cc_{}", crypto::random_token());
        let new = NewApiToken {
            organiser_id: organiser.id,
            label: &label,
            token_hash: &crypto::token_hash(&token),
            created_at: app.now().naive_utc(),
        };
        let row = new.insert(conn)?;
        audit(app, conn, None, "token created", &organiser.email, &label)?;
        Ok((row, token))
    })
    .await
}

/// An organiser's API tokens, revoked ones too (never the tokens themselves).
pub async fn tokens_of(app: &App, email: String) -> Result<Vec<ApiToken>, AppError> {
    app.read(move |_, conn| {
        let organiser = by_email(conn, &email)?;
        Ok(ApiToken::for_organiser(conn, organiser.id)?)
    })
    .await
}

/// What the organisers page shows: the accounts, live tokens and links, the newest audit entries
/// (each with its actor's email when the actor still exists).
pub struct Overview {
    pub organisers: Vec<Organiser>,
    pub tokens: Vec<ApiToken>,
    pub links: Vec<OrganiserLink>,
    pub log: Vec<(AuditEntry, Option<String>)>,
}

pub async fn overview(app: &App) -> Result<Overview, AppError> {
    app.read(|app, conn| {
        Ok(Overview {
            organisers: Organiser::all(conn)?,
            tokens: ApiToken::all_live(conn)?,
            links: OrganiserLink::live(conn, app.now().naive_utc())?,
            log: AuditEntry::newest(conn, 100)?,
        })
    })
    .await
}

/// A new private link for the organiser (earlier open links stop working) and its email.
fn send_link(
    app: &App,
    conn: &mut AnyConnection,
    organiser: &Organiser,
    sender: &str,
    purpose: LinkPurpose,
) -> Result<(), AppError> {
    let now = app.now();
    OrganiserLink::close_all(conn, organiser.id, now.naive_utc())?;
    let token = crypto::random_token();
    let expires = now + Duration::hours(LINK_VALID_HOURS);
    NewOrganiserLink {
        organiser_id: organiser.id,
        purpose,
        token_hash: &crypto::token_hash(&token),
        created_at: now.naive_utc(),
        expires_at: expires.naive_utc(),
    }
    .insert(conn)?;
    let mail = compose::organiser_link(&app.renderer, &app.settings, organiser, sender, purpose, &token, expires)
        .map_err(AppError::Internal)?;
    outbox::enqueue(conn, &mail, &app.host(), now)
}

/// An admin invites someone by email: an account without a password, and a link to set one.
pub async fn invite(
    app: &App,
    actor: &Organiser,
    email: String,
    name: String,
    role: String,
) -> Result<Organiser, AppError> {
    let mut errors = FieldErrors::new();
    let email = EmailAddress::parse(&email).map_err(|m| errors.insert("email".into(), m)).ok();
    let name = rules::check_display_name(&name).map_err(|m| errors.insert("name".into(), m)).ok();
    let role = rules::parse_role(&role).map_err(|m| errors.insert("role".into(), m)).ok();
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::Validation(errors));
    };
    let actor = actor.clone();
    app.write(move |app, conn| {
        // No password until the invited organiser chooses one from the link.
        let organiser = insert(app, conn, &email, &name, "", role)?;
        send_link(app, conn, &organiser, &actor.display_name, LinkPurpose::Invite)?;
        audit(app, conn, Some(&actor), "invited", &organiser.email, role.as_str())?;
        Ok(organiser)
    })
    .await
}

/// Sends the organiser a new link: a reset for an active account, the invitation again for one
/// that never set a password.
pub async fn send_password_link(app: &App, actor: &Organiser, id: i64) -> Result<Organiser, AppError> {
    let actor = actor.clone();
    app.write(move |app, conn| {
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.disabled {
            let refusal = Message::new("refused-organiser-disabled").arg("email", organiser.email.as_str());
            return Err(AppError::Conflict(refusal));
        }
        let invited = organiser.password_hash.is_empty();
        let purpose = if invited { LinkPurpose::Invite } else { LinkPurpose::Reset };
        send_link(app, conn, &organiser, &actor.display_name, purpose)?;
        let action = if invited { "invitation sent again" } else { "password reset sent" };
        audit(app, conn, Some(&actor), action, &organiser.email, "")?;
        Ok(organiser)
    })
    .await
}

/// Changes an organiser's role; the last admin who can log in stays an admin.
pub async fn change_role(app: &App, actor: &Organiser, id: i64, role: String) -> Result<Organiser, AppError> {
    let role = rules::parse_role(&role).map_err(|m| AppError::field("role", m))?;
    let actor = actor.clone();
    app.write(move |app, conn| {
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.role == role {
            return Ok(organiser);
        }
        if role != Role::Admin {
            rules::keep_an_admin(&organiser, Organiser::count_active_admins(conn)?, rules::AdminChange::Demote)?;
        }
        Organiser::set_role(conn, id, role, app.now().naive_utc())?;
        let detail = format!("{} → {}", organiser.role, role);
        audit(app, conn, Some(&actor), "role changed", &organiser.email, &detail)?;
        Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// Disables (ends sessions; tokens and links stop working) or enables an organiser.
pub async fn set_disabled(app: &App, actor: &Organiser, id: i64, disabled: bool) -> Result<Organiser, AppError> {
    let actor = actor.clone();
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.disabled == disabled {
            return Ok(organiser);
        }
        if disabled {
            if organiser.id == actor.id {
                return Err(AppError::Conflict(Message::new("refused-organiser-disable-self")));
            }
            rules::keep_an_admin(&organiser, Organiser::count_active_admins(conn)?, rules::AdminChange::Disable)?;
            sessions::delete_for_organiser(conn, id)?;
            OrganiserLink::close_all(conn, id, now)?;
        }
        Organiser::set_disabled(conn, id, disabled, now)?;
        audit(app, conn, Some(&actor), if disabled { "disabled" } else { "enabled" }, &organiser.email, "")?;
        Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// Revokes a live API token (only among `owner`'s when given); `actor` is `None` for the
/// command line.
pub async fn revoke_token(
    app: &App,
    actor: Option<&Organiser>,
    owner: Option<i64>,
    token_id: i64,
) -> Result<(), AppError> {
    let actor = actor.cloned();
    app.write(move |app, conn| {
        let token = ApiToken::by_id(conn, token_id)?.ok_or(AppError::NotFound)?;
        if !ApiToken::revoke(conn, token_id, owner, app.now().naive_utc())? {
            return Err(AppError::NotFound);
        }
        let email = Organiser::by_id(conn, token.organiser_id)?.map(|o| o.email).unwrap_or_default();
        audit(app, conn, actor.as_ref(), "token revoked", &email, &token.label)
    })
    .await
}

/// A logged-in organiser changes their password: the current one is checked, every session of
/// the account ends, and this browser gets a new one (returned, for the cookie).
pub async fn change_password(
    app: &App,
    organiser: &Organiser,
    current: String,
    password: String,
    repeated: String,
) -> Result<String, AppError> {
    rules::check_password(&password).map_err(|m| AppError::field("password", m))?;
    if password != repeated {
        return Err(AppError::field("repeat", Message::new("refused-passwords-differ")));
    }
    let stored = organiser.password_hash.clone();
    // Hashing is slow on purpose; it happens before the write transaction.
    let hash = tokio::task::spawn_blocking(move || {
        if !crypto::verify_password(&current, &stored) {
            return Err(AppError::field("current", Message::new("refused-password-not-current")));
        }
        crypto::hash_password(&password).map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)??;
    let organiser = organiser.clone();
    app.write(move |app, conn| {
        Organiser::set_password_hash(conn, organiser.id, &hash, app.now().naive_utc())?;
        sessions::delete_for_organiser(conn, organiser.id)?;
        audit(app, conn, Some(&organiser), "password changed", &organiser.email, "")?;
        super::sessions::start(conn, &organiser, app)
    })
    .await
}

fn expired_link() -> AppError {
    AppError::Forbidden(Message::new("refused-organiser-link-expired"))
}

/// The organiser a live invitation or reset link belongs to.
fn link_organiser(app: &App, conn: &mut AnyConnection, token: &str) -> Result<(OrganiserLink, Organiser), AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(expired_link());
    }
    let hash = crypto::token_hash(token);
    let link = OrganiserLink::live_by_hash(conn, &hash, app.now().naive_utc())?.ok_or_else(expired_link)?;
    let organiser = Organiser::by_id(conn, link.organiser_id)?.filter(|o| !o.disabled).ok_or_else(expired_link)?;
    Ok((link, organiser))
}

/// Who an emailed link is for, and what for.
pub async fn link(app: &App, token: String) -> Result<(LinkPurpose, Organiser), AppError> {
    app.read(move |app, conn| link_organiser(app, conn, &token).map(|(l, o)| (l.purpose, o))).await
}

/// Sets the password through a link (invitation or reset): the link is used up, and every
/// session of the account ends.
pub async fn set_password(app: &App, token: String, password: String, repeated: String) -> Result<Organiser, AppError> {
    link(app, token.clone()).await?;
    rules::check_password(&password).map_err(|m| AppError::field("password", m))?;
    if password != repeated {
        return Err(AppError::field("repeat", Message::new("refused-passwords-differ")));
    }
    // Hashing is slow on purpose; it happens before the write transaction.
    let hash = tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    app.write(move |app, conn| {
        let now = app.now().naive_utc();
        let (link, organiser) = link_organiser(app, conn, &token)?;
        Organiser::set_password_hash(conn, organiser.id, &hash, now)?;
        OrganiserLink::close_all(conn, organiser.id, now)?;
        sessions::delete_for_organiser(conn, organiser.id)?;
        let action = if link.purpose == LinkPurpose::Invite { "invitation accepted" } else { "password reset" };
        audit(app, conn, Some(&organiser), action, &organiser.email, "")?;
        Ok(organiser)
    })
    .await
}
