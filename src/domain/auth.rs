//! Organiser login sessions: a random token in a signed cookie, its hash in `sessions`.

use chrono::{DateTime, Duration, Utc};

use crate::crypto;
use crate::db::organisers::Organiser;
use crate::db::sessions::{self, NewSession};
use crate::db::AnyConnection;
use crate::error::AppError;

/// Starts a session for the organiser; returns the token for the cookie.
pub fn start_session(
    conn: &mut AnyConnection,
    organiser: &Organiser,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = crypto::random_token();
    NewSession {
        organiser_id: organiser.id,
        token_hash: &crypto::token_hash(&token),
        created_at: now.naive_utc(),
        expires_at: (now + ttl).naive_utc(),
    }
    .insert(conn)?;
    // Housekeeping on login keeps the table small without a separate job.
    sessions::delete_expired(conn, now.naive_utc())?;
    Ok(token)
}

pub fn session_organiser(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Organiser>, AppError> {
    Ok(sessions::organiser_for(conn, &crypto::token_hash(token), now.naive_utc())?)
}

pub fn end_session(conn: &mut AnyConnection, token: &str) -> Result<(), AppError> {
    sessions::delete(conn, &crypto::token_hash(token))?;
    Ok(())
}
