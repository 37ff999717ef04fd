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
    stamp_at(state, Stamp::Exact, state.app.now().timestamp())
}

/// The stamp of a form on a page kept for every visitor: the start of the hour, so that the page
/// is the same bytes whenever and wherever it is rendered within the hour (its entity tag holds
/// across instances and restarts). It is signed apart from exact stamps and only the subscribe
/// form takes it; against it only "kept open for more than a day" can be checked.
pub fn hourly_form_stamp(state: &AppState) -> String {
    let now = state.app.now().timestamp();
    stamp_at(state, Stamp::Hourly, now - now.rem_euclid(3600))
}

/// The two kinds of stamp, each signed in a context of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    Exact,
    Hourly,
}

impl Stamp {
    fn context(self) -> &'static str {
        match self {
            Stamp::Exact => "form-start",
            Stamp::Hourly => "form-start-hourly",
        }
    }
}

fn stamp_at(state: &AppState, kind: Stamp, at: i64) -> String {
    let at = at.to_string();
    format!("{at}.{}", state.app.key.sign(kind.context(), &at))
}

/// Refuses a form posted faster than a person can fill it in, or kept open for more than a day.
/// `hourly_too`: the form may also come from a kept page (an hourly stamp, checked for age
/// only). The error is the id of the message that says why.
pub fn check_stamp(state: &AppState, stamp: &str, hourly_too: bool) -> Result<(), &'static str> {
    let incomplete = "form-stamp-incomplete";
    let (at, signature) = stamp.split_once('.').ok_or(incomplete)?;
    let kind = if state.app.key.verify(Stamp::Exact.context(), at, signature) {
        Stamp::Exact
    } else if hourly_too && state.app.key.verify(Stamp::Hourly.context(), at, signature) {
        Stamp::Hourly
    } else {
        return Err(incomplete);
    };
    let at: i64 = at.parse().map_err(|_| incomplete)?;
    let elapsed = state.app.now().timestamp() - at;
    if kind == Stamp::Exact && elapsed < i64::from(state.app.settings.submissions.min_fill_seconds) {
        return Err("form-stamp-too-fast");
    }
    if elapsed > 24 * 3600 {
        return Err("form-stamp-too-old");
    }
    Ok(())
}
