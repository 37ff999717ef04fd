//! What forms share: reading a JSON body after authentication, and the signed "form shown at"
//! stamp that refuses posts sooner than a person can type.

use crate::error::{AppError, Message};
use crate::web::AppState;

/// The `?token=` of a private link.
#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

/// A button on a private link's page: its CSRF token and the link's token.
#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub token: String,
}

/// A JSON body read after the caller is authenticated (an extractor would read it first, and
/// answer a stranger's malformed body with 400 instead of 401).
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body)
        .map_err(|e| AppError::BadRequest(Message::new("refused-json-unreadable").arg("detail", e.to_string())))
}

/// A signed "form shown at" stamp for a hidden field.
pub fn form_stamp(state: &AppState) -> String {
    stamp_at(state, state.app.now().timestamp())
}

/// The stamp of a form on a page kept for every visitor: the start of the hour, so that the page
/// is the same bytes whenever and wherever it is rendered within the hour (its entity tag holds
/// across instances and restarts). Against such a stamp only "kept open for more than a day"
/// can be checked.
pub fn hourly_form_stamp(state: &AppState) -> String {
    let now = state.app.now().timestamp();
    stamp_at(state, now - now.rem_euclid(3600))
}

fn stamp_at(state: &AppState, at: i64) -> String {
    let at = at.to_string();
    format!("{at}.{}", state.app.key.sign("form-start", &at))
}

/// Refuses a form posted faster than a person can fill it in, or kept open for more than a day.
/// The error is the id of the message that says why.
pub fn check_stamp(state: &AppState, stamp: &str) -> Result<(), &'static str> {
    let incomplete = "form-stamp-incomplete";
    let (at, signature) = stamp.split_once('.').ok_or(incomplete)?;
    if !state.app.key.verify("form-start", at, signature) {
        return Err(incomplete);
    }
    let at: i64 = at.parse().map_err(|_| incomplete)?;
    let elapsed = state.app.now().timestamp() - at;
    if elapsed < i64::from(state.app.settings.submissions.min_fill_seconds) {
        return Err("form-stamp-too-fast");
    }
    if elapsed > 24 * 3600 {
        return Err("form-stamp-too-old");
    }
    Ok(())
}
