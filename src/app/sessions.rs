//! Organisers log in (a random token in a signed cookie, its hash stored), log out, and use API
//! tokens. Failed logins are limited per client address and per account.

use chrono::Duration;

use super::{limits, App, Client};
use crate::crypto;
use crate::db::api_tokens::ApiToken;
use crate::db::organisers::Organiser;
use crate::db::sessions::{self, NewSession};
use crate::db::AnyConnection;
use crate::domain::rate_limits::Use;
use crate::domain::EmailAddress;
use crate::email::compose;
use crate::error::AppError;

/// The enabled organiser with this email and password, or `None`. Takes the same time for an
/// unknown email as for a wrong password.
fn authenticate(conn: &mut AnyConnection, email: &str, password: &str) -> Result<Option<Organiser>, AppError> {
    let found = match EmailAddress::parse(email) {
        Ok(address) => Organiser::by_email(conn, &address.key())?,
        Err(_) => None,
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

/// The key failed logins are counted under: the normalised address, or what was typed.
fn account_key(email: &str) -> String {
    EmailAddress::parse(email).map(|e| e.key()).unwrap_or_else(|_| email.trim().to_lowercase())
}

/// A new session for the organiser; returns the token for the cookie.
pub(crate) fn start(conn: &mut AnyConnection, organiser: &Organiser, app: &App) -> Result<String, AppError> {
    let now = app.now();
    let ttl = Duration::hours(i64::from(app.settings.security.session_ttl_hours));
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

/// Logs in: the session token for the cookie, `Ok(None)` for a wrong email or password, or
/// `RateLimited` when this address tries too often, or has failed too often for this account.
/// Failures slow down only the address they come from, so that the organiser logging in from
/// their own address still gets in; many failures for one account are told to its organiser.
pub async fn log_in(app: &App, email: String, password: String, client: &Client) -> Result<Option<String>, AppError> {
    let account = account_key(&email);
    let pair = format!("{account}|{}", client.ip);
    limits::check(app, vec![(app.limits.login_ip, client.ip.clone(), Use::Take)]).await?;
    limits::backoff_allows(app, app.limits.login_failures, &pair).await?;
    let found = app.read(move |_, conn| authenticate(conn, &email, &password)).await?;
    let Some(organiser) = found else {
        let ip = client.ip.clone();
        app.write_unseen(move |app, conn| failed(app, conn, &account, &pair, &ip)).await?;
        return Ok(None);
    };
    let token = app
        .write(move |app, conn| {
            limits::backoff_cleared(conn, app.limits.login_failures, &pair)?;
            start(conn, &organiser, app)
        })
        .await?;
    tracing::info!(account = %account, "organiser logged in");
    Ok(Some(token))
}

/// Records a failed login; the account's organiser hears of it when there have been many.
fn failed(app: &App, conn: &mut AnyConnection, account: &str, pair: &str, ip: &str) -> Result<(), AppError> {
    let now = app.now();
    tracing::warn!(account = %account, ip = %ip, "failed organiser login");
    limits::backoff_failed(conn, app.limits.login_failures, pair, now.naive_utc())?;
    let many = !limits::take_in(conn, app.limits.login_alert, account, now.naive_utc())?;
    if !many {
        return Ok(());
    }
    let Some(organiser) = Organiser::by_email(conn, account)? else { return Ok(()) };
    if !limits::take_in(conn, app.limits.login_alerted, account, now.naive_utc())? {
        return Ok(());
    }
    let threshold = app.settings.rate_limit.login_alert_after_failures;
    let mail = compose::login_alert(&app.renderer, &app.settings, &organiser, threshold).map_err(AppError::Internal)?;
    super::outbox::enqueue(conn, &mail, &app.host(), now)
}

/// Ends every session of the organiser (log out everywhere).
pub async fn log_out_everywhere(app: &App, organiser: &Organiser) -> Result<usize, AppError> {
    let organiser = organiser.clone();
    app.write(move |app, conn| {
        let ended = sessions::delete_for_organiser(conn, organiser.id)?;
        let at = app.now().naive_utc();
        let detail = ended.to_string();
        let entry = crate::db::audit_log::NewAuditEntry {
            actor_id: Some(organiser.id),
            action: "logged out everywhere",
            subject: &organiser.email,
            detail: &detail,
            created_at: at,
        };
        entry.insert(conn)?;
        Ok(ended)
    })
    .await
}

/// Ends the session behind this token.
pub async fn log_out(app: &App, token: String) -> Result<(), AppError> {
    app.write(move |_, conn| {
        sessions::delete(conn, &crypto::token_hash(&token))?;
        Ok(())
    })
    .await
}

/// The enabled organiser behind an unexpired session token.
pub async fn organiser_for_session(app: &App, token: String) -> Result<Option<Organiser>, AppError> {
    app.read(move |app, conn| Ok(sessions::organiser_for(conn, &crypto::token_hash(&token), app.now().naive_utc())?))
        .await
}

/// The organiser an API bearer token belongs to, when the token is live; its use is recorded.
pub async fn organiser_for_token(app: &App, token: String) -> Result<Option<(ApiToken, Organiser)>, AppError> {
    app.read(move |app, conn| {
        let hash = crypto::token_hash(&token);
        let found = ApiToken::live_by_hash(conn, &hash)?;
        if let Some((row, _)) = &found {
            if !crypto::constant_time_eq(row.token_hash.as_bytes(), hash.as_bytes()) {
                return Ok(None);
            }
            // Recording use is best effort; a failure here must not refuse a valid request.
            let _ = ApiToken::touch(conn, row.id, app.now().naive_utc());
        }
        Ok(found)
    })
    .await
}
