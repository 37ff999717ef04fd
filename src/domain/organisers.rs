//! Organiser accounts and their API tokens.

use chrono::{DateTime, Duration, Utc};

use crate::crypto;
use crate::db::api_tokens::{ApiToken, NewApiToken};
use crate::db::audit_log::NewAuditEntry;
use crate::db::organiser_links::{NewOrganiserLink, OrganiserLink};
use crate::db::organisers::{NewOrganiser, Organiser};
use crate::db::{is_unique_violation, sessions, write_transaction, AnyConnection};
use crate::error::AppError;

use super::outbox::{self, OutgoingMail};
use super::EmailAddress;

/// How long an invitation or a password reset link works.
pub const LINK_VALID_HOURS: i64 = 72;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// The two roles: admins do everything, moderators only moderate submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Moderator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        match text {
            "admin" => Ok(Role::Admin),
            "moderator" => Ok(Role::Moderator),
            other => Err(format!("unknown role '{other}': use admin or moderator")),
        }
    }
}

pub fn check_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!("The password needs at least {MIN_PASSWORD_CHARS} characters."));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!("The password may have at most {MAX_PASSWORD_CHARS} characters."));
    }
    Ok(())
}

fn check_display_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a display name.".into());
    }
    if name.chars().count() > 100 {
        return Err("The display name may have at most 100 characters.".into());
    }
    if name.chars().any(char::is_control) {
        return Err("The display name cannot contain control characters.".into());
    }
    Ok(name.to_owned())
}

/// Creates an organiser account. The email must not be taken.
pub fn add_organiser(
    conn: &mut AnyConnection,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Organiser, AppError> {
    let email = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let display_name = check_display_name(display_name).map_err(|m| AppError::field("name", m))?;
    check_password(password).map_err(|m| AppError::field("password", m))?;
    let hash = crypto::hash_password(password).map_err(AppError::internal)?;
    let at = now.naive_utc();
    NewOrganiser {
        email: &email.key(),
        display_name: &display_name,
        password_hash: &hash,
        role: role.as_str(),
        disabled: false,
        created_at: at,
        updated_at: at,
    }
    .insert(conn)
    .map_err(|e| if is_unique_violation(&e) { email_taken(&email) } else { e.into() })
    .and_then(|organiser| {
        audit(conn, None, "organiser added", &organiser.email, role.as_str(), now)?;
        Ok(organiser)
    })
}

fn email_taken(email: &EmailAddress) -> AppError {
    AppError::FieldConflict {
        field: "email",
        message: format!("An organiser with the email {} exists already.", email.key()),
    }
}

/// Records one change in the audit log. `actor` is `None` for the command line.
pub fn audit(
    conn: &mut AnyConnection,
    actor: Option<&Organiser>,
    action: &str,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    NewAuditEntry { actor_id: actor.map(|a| a.id), action, subject, detail, created_at: now.naive_utc() }
        .insert(conn)?;
    Ok(())
}

/// The enabled organiser with this email and password, or `None`. Takes the same time for an
/// unknown email as for a wrong password.
pub fn authenticate(conn: &mut AnyConnection, email: &str, password: &str) -> Result<Option<Organiser>, AppError> {
    let key = EmailAddress::parse(email).map(|e| e.key()).ok();
    let found = match key {
        Some(key) => Organiser::by_email(conn, &key)?,
        None => None,
    };
    match found {
        Some(organiser) if !organiser.password_hash.is_empty() => {
            let matches = crypto::verify_password(password, &organiser.password_hash);
            Ok((matches && !organiser.disabled).then_some(organiser))
        }
        // An invited organiser has no password yet; spend the same time as for a wrong one.
        Some(_) | None => {
            crypto::verify_password(password, crypto::dummy_password_hash());
            Ok(None)
        }
    }
}

/// Creates an API token for the organiser and returns it in clear, the only time it is seen.
pub fn create_api_token(
    conn: &mut AnyConnection,
    email: &str,
    label: &str,
    now: DateTime<Utc>,
) -> Result<(ApiToken, String), AppError> {
    let key = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?.key();
    let organiser = Organiser::by_email(conn, &key)?
        .ok_or_else(|| AppError::BadRequest(format!("no organiser with the email {key}")))?;
    let label = label.trim();
    if label.chars().count() > 100 || label.chars().any(char::is_control) {
        return Err(AppError::field("label", "The label may have at most 100 printable characters."));
    }
    let token = format!("cc_{}", crypto::random_token());
    let row = NewApiToken {
        organiser_id: organiser.id,
        label,
        token_hash: &crypto::token_hash(&token),
        created_at: now.naive_utc(),
    }
    .insert(conn)?;
    audit(conn, None, "token created", &organiser.email, label, now)?;
    Ok((row, token))
}

/// The organiser a bearer token belongs to, when the token is live.
pub fn organiser_for_token(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(ApiToken, Organiser)>, AppError> {
    let hash = crypto::token_hash(token);
    let found = ApiToken::live_by_hash(conn, &hash)?;
    if let Some((row, _)) = &found {
        if !crypto::constant_time_eq(row.token_hash.as_bytes(), hash.as_bytes()) {
            return Ok(None);
        }
        // Recording use is best effort; a failure here must not refuse a valid request.
        let _ = ApiToken::touch(conn, row.id, now.naive_utc());
    }
    Ok(found)
}

/// What an organiser account is now, for people: invited (no password yet), active, disabled.
pub fn account_state(organiser: &Organiser) -> &'static str {
    if organiser.disabled {
        "disabled"
    } else if organiser.password_hash.is_empty() {
        "invited"
    } else {
        "active"
    }
}

/// What an invitation or reset link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Invite,
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }
}

/// Writes the email for a link: given the organiser, the purpose, the token and its expiry.
pub type ComposeLink<'a> = &'a dyn Fn(&Organiser, LinkPurpose, &str, DateTime<Utc>) -> Result<OutgoingMail, String>;

/// A new private link for the organiser (earlier open links stop working) and its email.
fn send_link(
    conn: &mut AnyConnection,
    organiser: &Organiser,
    purpose: LinkPurpose,
    host: &str,
    now: DateTime<Utc>,
    compose: ComposeLink<'_>,
) -> Result<(), AppError> {
    OrganiserLink::close_all(conn, organiser.id, now.naive_utc())?;
    let token = crypto::random_token();
    let expires = now + Duration::hours(LINK_VALID_HOURS);
    NewOrganiserLink {
        organiser_id: organiser.id,
        purpose: purpose.as_str(),
        token_hash: &crypto::token_hash(&token),
        created_at: now.naive_utc(),
        expires_at: expires.naive_utc(),
    }
    .insert(conn)?;
    let mail = compose(organiser, purpose, &token, expires).map_err(AppError::Internal)?;
    outbox::enqueue(conn, &mail, host, now)
}

/// An admin invites someone by email: an account without a password, and a link to set one.
#[allow(clippy::too_many_arguments)]
pub fn invite(
    conn: &mut AnyConnection,
    actor: &Organiser,
    email: &str,
    display_name: &str,
    role: &str,
    host: &str,
    now: DateTime<Utc>,
    compose: ComposeLink<'_>,
) -> Result<Organiser, AppError> {
    let mut errors = crate::error::FieldErrors::new();
    let email = EmailAddress::parse(email).map_err(|m| errors.insert("email".into(), m)).ok();
    let name = check_display_name(display_name).map_err(|m| errors.insert("name".into(), m)).ok();
    let role = Role::parse(role).map_err(|m| errors.insert("role".into(), m)).ok();
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::Validation(errors));
    };
    write_transaction(conn, |conn| {
        let organiser = NewOrganiser {
            email: &email.key(),
            display_name: &name,
            password_hash: "",
            role: role.as_str(),
            disabled: false,
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
        }
        .insert(conn)
        .map_err(|e| if is_unique_violation(&e) { email_taken(&email) } else { AppError::from(e) })?;
        send_link(conn, &organiser, LinkPurpose::Invite, host, now, compose)?;
        audit(conn, Some(actor), "invited", &organiser.email, role.as_str(), now)?;
        Ok(organiser)
    })
}

/// Sends the organiser a new link: a reset for an active account, the invitation again for one
/// that never set a password.
pub fn send_password_link(
    conn: &mut AnyConnection,
    actor: &Organiser,
    id: i64,
    host: &str,
    now: DateTime<Utc>,
    compose: ComposeLink<'_>,
) -> Result<Organiser, AppError> {
    write_transaction(conn, |conn| {
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.disabled {
            return Err(AppError::Conflict(format!("{} is disabled; enable the account first.", organiser.email)));
        }
        let purpose = if organiser.password_hash.is_empty() { LinkPurpose::Invite } else { LinkPurpose::Reset };
        send_link(conn, &organiser, purpose, host, now, compose)?;
        let action = if purpose == LinkPurpose::Invite { "invitation sent again" } else { "password reset sent" };
        audit(conn, Some(actor), action, &organiser.email, "", now)?;
        Ok(organiser)
    })
}

/// At least one admin who can log in must remain, or nobody could manage the club.
fn keep_an_admin(conn: &mut AnyConnection, target: &Organiser, what: &str) -> Result<(), AppError> {
    let counts = target.role == "admin" && !target.disabled && !target.password_hash.is_empty();
    if counts && Organiser::count_active_admins(conn)? <= 1 {
        return Err(AppError::Conflict(format!(
            "{} is the last active admin; {what} would leave nobody to manage the club.",
            target.email
        )));
    }
    Ok(())
}

/// Changes an organiser's role.
pub fn change_role(
    conn: &mut AnyConnection,
    actor: &Organiser,
    id: i64,
    role: &str,
    now: DateTime<Utc>,
) -> Result<Organiser, AppError> {
    let role = Role::parse(role).map_err(|m| AppError::field("role", m))?;
    write_transaction(conn, |conn| {
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.role == role.as_str() {
            return Ok(organiser);
        }
        if role != Role::Admin {
            keep_an_admin(conn, &organiser, "making them a moderator")?;
        }
        Organiser::set_role(conn, id, role.as_str(), now.naive_utc())?;
        audit(
            conn,
            Some(actor),
            "role changed",
            &organiser.email,
            &format!("{} → {}", organiser.role, role.as_str()),
            now,
        )?;
        Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
}

/// Disables (ends sessions; tokens and links stop working) or enables an organiser.
pub fn set_disabled(
    conn: &mut AnyConnection,
    actor: &Organiser,
    id: i64,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<Organiser, AppError> {
    write_transaction(conn, |conn| {
        let organiser = Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        if organiser.disabled == disabled {
            return Ok(organiser);
        }
        if disabled {
            if organiser.id == actor.id {
                return Err(AppError::Conflict("You cannot disable your own account.".into()));
            }
            keep_an_admin(conn, &organiser, "disabling them")?;
            sessions::delete_for_organiser(conn, id)?;
            OrganiserLink::close_all(conn, id, now.naive_utc())?;
        }
        Organiser::set_disabled(conn, id, disabled, now.naive_utc())?;
        audit(conn, Some(actor), if disabled { "disabled" } else { "enabled" }, &organiser.email, "", now)?;
        Organiser::by_id(conn, id)?.ok_or(AppError::NotFound)
    })
}

/// Revokes a live API token (only among `owner`'s when given); `actor` is `None` for the
/// command line.
pub fn revoke_token(
    conn: &mut AnyConnection,
    actor: Option<&Organiser>,
    owner: Option<i64>,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let token = ApiToken::by_id(conn, token_id)?.ok_or(AppError::NotFound)?;
        if !ApiToken::revoke(conn, token_id, owner, now.naive_utc())? {
            return Err(AppError::NotFound);
        }
        let email = Organiser::by_id(conn, token.organiser_id)?.map(|o| o.email).unwrap_or_default();
        audit(conn, actor, "token revoked", &email, &token.label, now)
    })
}

/// The organiser a live invitation or reset link belongs to.
pub fn link_organiser(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(OrganiserLink, Organiser), AppError> {
    let expired = || {
        AppError::Forbidden(
            "This link has expired or was used already. Ask an admin of the club to send you a new one.".into(),
        )
    };
    if token.is_empty() || token.len() > 100 {
        return Err(expired());
    }
    let link = OrganiserLink::live_by_hash(conn, &crypto::token_hash(token), now.naive_utc())?.ok_or_else(expired)?;
    let organiser = Organiser::by_id(conn, link.organiser_id)?.filter(|o| !o.disabled).ok_or_else(expired)?;
    Ok((link, organiser))
}

/// Sets the password through a link (invitation or reset): the link is used up, and every
/// session of the account ends.
pub fn set_password_with_link(
    conn: &mut AnyConnection,
    token: &str,
    password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<Organiser, AppError> {
    link_organiser(conn, token, now)?;
    check_password(password).map_err(|m| AppError::field("password", m))?;
    if password != repeated {
        return Err(AppError::field("repeat", "The two passwords differ."));
    }
    // Hashing is slow on purpose; do it before taking the write lock.
    let hash = crypto::hash_password(password).map_err(AppError::internal)?;
    write_transaction(conn, |conn| {
        let (link, organiser) = link_organiser(conn, token, now)?;
        Organiser::set_password_hash(conn, organiser.id, &hash, now.naive_utc())?;
        OrganiserLink::close_all(conn, organiser.id, now.naive_utc())?;
        sessions::delete_for_organiser(conn, organiser.id)?;
        let action = if link.purpose == "invite" { "invitation accepted" } else { "password reset" };
        audit(conn, Some(&organiser), action, &organiser.email, "", now)?;
        Ok(organiser)
    })
}
