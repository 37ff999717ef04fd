//! The rules of organiser accounts: roles, passwords, display names, the states an account
//! shows, and that one admin who can log in must always remain.

use crate::db::organisers::Organiser;
use crate::db::states::Role;
use crate::error::AppError;

/// How long an invitation or a password reset link works.
pub const LINK_VALID_HOURS: i64 = 72;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1024;

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

pub fn check_display_name(name: &str) -> Result<String, String> {
    let name = super::text::visible(name);
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

pub fn check_token_label(label: &str) -> Result<String, AppError> {
    let label = super::text::visible(label);
    let label = label.trim();
    if label.chars().count() > 100 || label.chars().any(char::is_control) {
        return Err(AppError::field("label", "The label may have at most 100 printable characters."));
    }
    Ok(label.to_owned())
}

/// Parses a role as a person typed it.
pub fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).map_err(|_| format!("unknown role '{text}': use admin or moderator"))
}

/// What an organiser account is now, for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountState {
    /// Invited, no password chosen yet.
    Invited,
    Active,
    Disabled,
}

impl AccountState {
    pub fn of(organiser: &Organiser) -> AccountState {
        if organiser.disabled {
            AccountState::Disabled
        } else if organiser.password_hash.is_empty() {
            AccountState::Invited
        } else {
            AccountState::Active
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccountState::Invited => "invited",
            AccountState::Active => "active",
            AccountState::Disabled => "disabled",
        }
    }
}

/// Whether the account is an admin who can log in now.
pub fn is_active_admin(organiser: &Organiser) -> bool {
    organiser.role == Role::Admin && AccountState::of(organiser) == AccountState::Active
}

/// Refuses a change that would leave no admin who can log in (`active_admins` counts the target).
pub fn keep_an_admin(target: &Organiser, active_admins: i64, what: &str) -> Result<(), AppError> {
    if is_active_admin(target) && active_admins <= 1 {
        return Err(AppError::Conflict(format!(
            "{} is the last active admin; {what} would leave nobody to manage the club.",
            target.email
        )));
    }
    Ok(())
}

/// Refuses admin-only work to moderators.
pub fn require_admin(organiser: &Organiser, message: &str) -> Result<(), AppError> {
    if organiser.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden(message.to_owned()))
    }
}
