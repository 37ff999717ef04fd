//! The rules of organiser accounts: roles, passwords, display names, the states an account
//! shows, and that one admin who can log in must always remain.

use crate::db::organisers::Organiser;
use crate::db::states::Role;
use crate::error::{AppError, Message};

/// How long an invitation or a password reset link works.
pub const LINK_VALID_HOURS: i64 = 72;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1024;
pub const MAX_DISPLAY_NAME_CHARS: usize = 100;
pub const MAX_TOKEN_LABEL_CHARS: usize = 100;

pub fn check_password(password: &str) -> Result<(), Message> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Message::new("invalid-password-too-short").arg("min", MIN_PASSWORD_CHARS));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Message::new("invalid-password-too-long").arg("max", MAX_PASSWORD_CHARS));
    }
    Ok(())
}

pub fn check_display_name(name: &str) -> Result<String, Message> {
    let name = super::text::visible(name);
    let name = name.trim();
    if name.is_empty() {
        return Err(Message::new("invalid-display-name-empty"));
    }
    if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(Message::new("invalid-display-name-too-long").arg("max", MAX_DISPLAY_NAME_CHARS));
    }
    if name.chars().any(char::is_control) {
        return Err(Message::new("invalid-display-name-control"));
    }
    Ok(name.to_owned())
}

pub fn check_token_label(label: &str) -> Result<String, AppError> {
    let label = super::text::visible(label);
    let label = label.trim();
    if label.chars().count() > MAX_TOKEN_LABEL_CHARS || label.chars().any(char::is_control) {
        return Err(AppError::field("label", Message::new("invalid-token-label").arg("max", MAX_TOKEN_LABEL_CHARS)));
    }
    Ok(label.to_owned())
}

/// Parses a role as a person typed it.
pub fn parse_role(text: &str) -> Result<Role, Message> {
    Role::parse(text).map_err(|_| Message::new("invalid-role").arg("role", text))
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

/// What would take an admin away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminChange {
    Disable,
    Demote,
}

/// Refuses a change that would leave no admin who can log in (`active_admins` counts the target).
/// `what` is the change: "disabling them", or anything else ("making them a moderator") for a
/// change of role.
pub fn keep_an_admin(target: &Organiser, active_admins: i64, change: AdminChange) -> Result<(), AppError> {
    if is_active_admin(target) && active_admins <= 1 {
        let id = match change {
            AdminChange::Disable => "refused-domain-last-admin-disable",
            AdminChange::Demote => "refused-domain-last-admin-demote",
        };
        return Err(AppError::Conflict(Message::new(id).arg("email", target.email.as_str())));
    }
    Ok(())
}

/// Refuses admin-only work to moderators.
pub fn require_admin(organiser: &Organiser, message: impl Into<Message>) -> Result<(), AppError> {
    if organiser.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden(message.into()))
    }
}
