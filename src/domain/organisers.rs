//! Organiser accounts and their API tokens.

use chrono::{DateTime, Utc};

use crate::crypto;
use crate::db::api_tokens::{ApiToken, NewApiToken};
use crate::db::organisers::{NewOrganiser, Organiser};
use crate::db::{is_unique_violation, AnyConnection};
use crate::error::AppError;

use super::EmailAddress;

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
    let now = now.naive_utc();
    NewOrganiser {
        email: &email.key(),
        display_name: &display_name,
        password_hash: &hash,
        role: role.as_str(),
        disabled: false,
        created_at: now,
        updated_at: now,
    }
    .insert(conn)
    .map_err(|e| {
        if is_unique_violation(&e) {
            AppError::Conflict(format!("an organiser with the email {} exists already", email.key()))
        } else {
            e.into()
        }
    })
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
        Some(organiser) if crypto::verify_password(password, &organiser.password_hash) => {
            Ok((!organiser.disabled).then_some(organiser))
        }
        Some(_) => Ok(None),
        None => {
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
