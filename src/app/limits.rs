//! Rate limits, shared by every instance on the database: one token bucket per limit and key,
//! taken in a short write transaction of its own.

use std::time::Duration;

use super::App;
use crate::config::Settings;
use crate::db::{rate_limits, write_transaction, AnyConnection};
use crate::domain::rate_limits::{self as rules, Backoff, Limit, Use};
use crate::error::AppError;

/// The limits this service applies, from configuration.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Every login attempt from one address.
    pub login_ip: Limit,
    /// Failed logins for one account from one address: growing delays.
    pub login_failures: Backoff,
    /// Failed logins for one account from anywhere, before its organiser is told.
    pub login_alert: Limit,
    /// At most one such mail a day.
    pub login_alerted: Limit,
    pub submit_ip: Limit,
    pub submit_email: Limit,
    pub api_submit_ip: Limit,
    pub api_submit_email: Limit,
    /// Link previews per client address.
    pub link_preview_ip: Limit,
}

impl Limits {
    pub fn from_settings(settings: &Settings) -> Limits {
        let rl = &settings.rate_limit;
        let s = &settings.submissions;
        let day = Duration::from_secs(24 * 3600);
        Limits {
            login_ip: Limit::new("login-ip", rl.login_per_ip_per_minute, Duration::from_secs(60)),
            login_failures: Backoff::new(
                "login-failures",
                rl.login_failures_per_account,
                chrono::Duration::seconds(1),
                chrono::Duration::minutes(15),
            ),
            login_alert: Limit::new("login-alert", rl.login_alert_after_failures, Duration::from_secs(3600)),
            login_alerted: Limit::new("login-alerted", 1, day),
            submit_ip: Limit::new("submit-ip", s.per_ip_per_hour, Duration::from_secs(3600)),
            submit_email: Limit::new("submit-email", s.per_email_per_day, day),
            api_submit_ip: Limit::new("api-submit-ip", s.api_per_ip_per_hour, Duration::from_secs(3600)),
            api_submit_email: Limit::new("api-submit-email", s.api_per_email_per_day, day),
            link_preview_ip: Limit::new(
                "link-preview-ip",
                settings.links.preview_per_ip_per_minute,
                Duration::from_secs(60),
            ),
        }
    }
}

/// Applies the checks in order, in one write transaction. The first limit with no token left
/// refuses with `AppError::RateLimited` and the seconds to wait; tokens taken before it stay
/// taken.
pub async fn check(app: &App, checks: Vec<(Limit, String, Use)>) -> Result<(), AppError> {
    let now = app.now().naive_utc();
    app.db.write(move |conn| write_transaction(conn, |conn| apply_in(conn, now, &checks))).await
}

/// Only looks, without writing: refused when one of the limits has no token left. A cheap
/// first check before work that costs (fetching a link); the tokens are taken later, in the
/// transaction that stores what was asked for ([`apply_in`]).
pub async fn peek(app: &App, checks: Vec<(Limit, String)>) -> Result<(), AppError> {
    let now = app.now().naive_utc();
    let wait = app
        .read(move |_, conn| {
            for (limit, key) in &checks {
                let stored = rate_limits::load(conn, &limit.bucket(key))?;
                if let Err(wait) = rules::take(limit, stored, Use::Peek, now) {
                    return Ok(Some(wait));
                }
            }
            Ok(None)
        })
        .await?;
    match wait {
        Some(wait) => Err(AppError::RateLimited { retry_after_seconds: wait }),
        None => Ok(()),
    }
}

/// Applies the checks in order inside the caller's write transaction: the first limit with no
/// token left refuses with `RateLimited`; otherwise each takes (or only looks at) its token. A
/// bucket another instance created at the same moment is loaded and used instead.
pub fn apply_in(
    conn: &mut AnyConnection,
    now: chrono::NaiveDateTime,
    checks: &[(Limit, String, Use)],
) -> Result<(), AppError> {
    for (limit, key, usage) in checks {
        let bucket = limit.bucket(key);
        let mut stored = rate_limits::load_for_update(conn, &bucket)?;
        loop {
            match rules::take(limit, stored, *usage, now) {
                Err(wait) => return Err(AppError::RateLimited { retry_after_seconds: wait }),
                Ok(None) => break,
                Ok(Some((tokens, at))) if stored.is_some() => {
                    rate_limits::store(conn, &bucket, true, tokens, at)?;
                    break;
                }
                Ok(Some((tokens, at))) => {
                    if rate_limits::insert_new(conn, &bucket, tokens, at)? {
                        break;
                    }
                    stored = rate_limits::load_for_update(conn, &bucket)?;
                }
            }
        }
    }
    Ok(())
}

/// Whether `key` may try again now under `backoff`: `RateLimited` with the seconds to wait.
pub async fn backoff_allows(app: &App, backoff: Backoff, key: &str) -> Result<(), AppError> {
    let (bucket, now) = (backoff.bucket(key), app.now().naive_utc());
    let stored = app.db.run(move |conn| Ok(rate_limits::load(conn, &bucket)?)).await?;
    backoff.check(stored, now).map_err(|wait| AppError::RateLimited { retry_after_seconds: wait })
}

/// Records a failure of `key` under `backoff` (in the caller's transaction).
pub fn backoff_failed(
    conn: &mut AnyConnection,
    backoff: Backoff,
    key: &str,
    now: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    let bucket = backoff.bucket(key);
    let stored = rate_limits::load_for_update(conn, &bucket)?;
    let (failures, at) = backoff.fail(stored, now);
    rate_limits::store(conn, &bucket, stored.is_some(), failures, at)?;
    Ok(())
}

/// Forgets the failures of `key` under `backoff` (after a success).
pub fn backoff_cleared(conn: &mut AnyConnection, backoff: Backoff, key: &str) -> Result<(), AppError> {
    rate_limits::delete(conn, &backoff.bucket(key))?;
    Ok(())
}

/// Takes one token from `limit` for `key` inside the caller's transaction; false when none is
/// left (nothing is taken then).
pub fn take_in(
    conn: &mut AnyConnection,
    limit: Limit,
    key: &str,
    now: chrono::NaiveDateTime,
) -> Result<bool, AppError> {
    let bucket = limit.bucket(key);
    let stored = rate_limits::load_for_update(conn, &bucket)?;
    match rules::take(&limit, stored, Use::Take, now) {
        Ok(Some((tokens, at))) => {
            rate_limits::store(conn, &bucket, stored.is_some(), tokens, at)?;
            Ok(true)
        }
        Ok(None) => Ok(true),
        Err(_) => Ok(false),
    }
}

/// Deletes buckets that have been idle for the longest period (they are full again).
pub fn forget_idle(conn: &mut AnyConnection, now: chrono::DateTime<chrono::Utc>) -> Result<usize, AppError> {
    Ok(rate_limits::delete_idle(conn, (now - rules::LONGEST_PERIOD).naive_utc())?)
}
