//! One error type for the application.
//!
//! Policy: the db layer returns `diesel::QueryResult`; the domain and the handlers return
//! [`AppError`]; the CLI and start-up use `anyhow`. `diesel::NotFound` becomes 404 here, in one
//! `From` impl. Under `/api` an error is an RFC 9457 problem body; elsewhere the web layer's
//! error handlers turn it into an HTML page.

use std::collections::BTreeMap;
use std::fmt;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::i18n::{Arg, Catalog};

/// Messages from libpq, SQLite or SMTP span lines; an operator's error line must not.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words for a person: a message id and the values it names, written in the reader's
/// language where it is shown (pages, problem bodies); `Display` writes English (logs, the
/// command line). `Text` is words already written, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Id { id: &'static str, args: Vec<(&'static str, Arg)> },
    Text(String),
}

impl Message {
    /// The message `id` (in `locales/*/errors.ftl`).
    pub fn new(id: &'static str) -> Message {
        Message::Id { id, args: Vec::new() }
    }

    /// Words already written for the reader.
    pub fn text(words: impl Into<String>) -> Message {
        Message::Text(words.into())
    }

    /// Names a value the message shows: `Message::new("error-title-too-long").arg("max", 200)`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        if let Message::Id { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The words in `lang`.
    pub fn in_language(&self, catalog: &Catalog, lang: &str) -> String {
        match self {
            Message::Id { id, args } => catalog.message(lang, id, args),
            Message::Text(words) => words.clone(),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(crate::i18n::english(), crate::i18n::SOURCE))
    }
}

impl From<String> for Message {
    fn from(words: String) -> Message {
        Message::Text(words)
    }
}

impl From<&str> for Message {
    fn from(words: &str) -> Message {
        Message::Text(words.to_owned())
    }
}

/// Templates see a message as `{"id": …, "args": {…}}` (or `{"text": …}`); `{{msg x}}` writes it.
impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        match self {
            Message::Id { id, args } => {
                map.serialize_entry("id", id)?;
                let values: BTreeMap<&str, serde_json::Value> = args
                    .iter()
                    .map(|(name, value)| {
                        let json = match value {
                            Arg::Text(text) => serde_json::Value::from(text.as_str()),
                            Arg::Number(n) => serde_json::Value::from(*n),
                        };
                        (*name, json)
                    })
                    .collect();
                map.serialize_entry("args", &values)?;
            }
            Message::Text(words) => map.serialize_entry("text", words)?,
        }
        map.end()
    }
}

/// Per-field messages for a 422: field name → message a person can act on.
pub type FieldErrors = BTreeMap<String, Message>;

/// Field messages written in one language, as problem bodies carry them.
pub fn written(errors: &FieldErrors, catalog: &Catalog, lang: &str) -> BTreeMap<String, String> {
    errors.iter().map(|(field, message)| (field.clone(), message.in_language(catalog, lang))).collect()
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(Message),
    #[error("the request has invalid fields")]
    Validation(FieldErrors),
    #[error("{0}")]
    Conflict(Message),
    /// A conflict caused by one field's value (a month or slug that is taken).
    #[error("{message}")]
    FieldConflict { field: &'static str, message: Message },
    #[error("authentication required")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(Message),
    #[error("too many requests; try again in {retry_after_seconds} seconds")]
    RateLimited { retry_after_seconds: u64 },
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(diesel::result::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn field(name: &str, message: impl Into<Message>) -> AppError {
        let mut errors = FieldErrors::new();
        errors.insert(name.to_owned(), message.into());
        AppError::Validation(errors)
    }

    pub fn internal(err: impl std::fmt::Display) -> AppError {
        AppError::Internal(err.to_string())
    }

    /// The problem's title, as a message id.
    fn title(&self) -> &'static str {
        match self {
            AppError::NotFound => "problem-title-not-found",
            AppError::BadRequest(_) => "problem-title-bad-request",
            AppError::Validation(_) => "problem-title-invalid",
            AppError::Conflict(_) | AppError::FieldConflict { .. } => "problem-title-conflict",
            AppError::Unauthorized => "problem-title-unauthorized",
            AppError::Forbidden(_) => "problem-title-forbidden",
            AppError::RateLimited { .. } => "problem-title-rate-limited",
            AppError::Unavailable(_) => "problem-title-unavailable",
            AppError::Database(_) | AppError::Internal(_) => "problem-title-internal",
        }
    }

    /// What may be shown to the client; internal details stay in the log.
    pub fn public_message(&self) -> Message {
        match self {
            AppError::Database(_) | AppError::Internal(_) => Message::new("problem-detail-internal"),
            AppError::Unavailable(_) => Message::new("problem-detail-unavailable"),
            AppError::NotFound => Message::new("problem-detail-not-found"),
            AppError::Unauthorized => Message::new("problem-detail-unauthorized"),
            AppError::Validation(_) => Message::new("problem-detail-invalid"),
            AppError::RateLimited { retry_after_seconds } => {
                Message::new("problem-detail-rate-limited").arg("seconds", *retry_after_seconds as i64)
            }
            AppError::BadRequest(m) | AppError::Conflict(m) | AppError::Forbidden(m) => m.clone(),
            AppError::FieldConflict { message, .. } => message.clone(),
        }
    }

    /// The same in English.
    pub fn public_detail(&self) -> String {
        self.public_message().to_string()
    }

    /// The RFC 9457 problem document, written in `lang`.
    pub fn problem(&self, catalog: &Catalog, lang: &str) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: catalog.message(lang, self.title(), &[]),
            status: self.status_code().as_u16(),
            detail: self.public_message().in_language(catalog, lang),
            errors: match self {
                AppError::Validation(errors) => Some(written(errors, catalog, lang)),
                AppError::FieldConflict { field, message } => {
                    Some(BTreeMap::from([((*field).to_owned(), message.in_language(catalog, lang))]))
                }
                _ => None,
            },
            request_id: crate::context::request_id(),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => AppError::NotFound,
            // The server went away mid-request (a restart, a failover): nothing was stored, and
            // the client may try again shortly.
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => AppError::Unavailable(info.message().to_owned()),
            // SQLite kept busy by another writer beyond the busy timeout: nothing was stored,
            // and the same request will work in a moment.
            Error::DatabaseError(_, info) if is_busy(info.message()) => {
                AppError::Unavailable(info.message().to_owned())
            }
            other => AppError::Database(other),
        }
    }
}

fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database table is locked")
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(err.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(err.to_string())
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, String>>,
    /// The request's id, to quote when asking the club's operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::FieldConflict { .. } => StatusCode::CONFLICT,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        // English here; the web layer writes it again in the request's language.
        let problem = self.problem(crate::i18n::english(), crate::i18n::SOURCE);
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            AppError::Unauthorized => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"content-club\""));
            }
            AppError::RateLimited { retry_after_seconds } => {
                response.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            AppError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        response.json(problem)
    }
}
