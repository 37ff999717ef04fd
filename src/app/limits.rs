//! Rate limits, shared by every instance on the database: one token bucket per limit and key,
//! taken in a short write transaction of its own.

use std::time::Duration;

use super::App;
use crate::config::Settings;
use crate::db::{is_unique_violation, rate_limits, write_transaction, AnyConnection};
use crate::domain::rate_limits::{self as rules, Limit, Use};
use crate::error::AppError;

/// The limits this service applies, from configuration.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub login_ip: Limit,
    pub login_account: Limit,
    pub submit_ip: Limit,
    pub submit_email: Limit,
}

impl Limits {
    pub fn from_settings(settings: &Settings) -> Limits {
        let rl = &settings.rate_limit;
        let s = &settings.submissions;
        Limits {
            login_ip: Limit::new("login-ip", rl.login_per_ip_per_minute, Duration::from_secs(60)),
            login_account: Limit::new("login-account", rl.login_failures_per_account, Duration::from_secs(15 * 60)),
            submit_ip: Limit::new("submit-ip", s.per_ip_per_hour, Duration::from_secs(3600)),
            submit_email: Limit::new("submit-email", s.per_email_per_day, Duration::from_secs(24 * 3600)),
        }
    }
}

/// Applies the checks in order, in one write transaction. The first limit with no token left
/// refuses with `AppError::RateLimited` and the seconds to wait; tokens taken before it stay
/// taken.
pub async fn check(app: &App, checks: Vec<(Limit, String, Use)>) -> Result<(), AppError> {
    let now = app.now().naive_utc();
    app.db.run(move |conn| apply(conn, now, &checks)).await
}

fn apply(
    conn: &mut AnyConnection,
    now: chrono::NaiveDateTime,
    checks: &[(Limit, String, Use)],
) -> Result<(), AppError> {
    let attempt = |conn: &mut AnyConnection| {
        write_transaction(conn, |conn| -> Result<Option<u64>, diesel::result::Error> {
            for (limit, key, usage) in checks {
                let bucket = limit.bucket(key);
                let stored = rate_limits::load_for_update(conn, &bucket)?;
                match rules::take(limit, stored, *usage, now) {
                    Err(wait) => return Ok(Some(wait)),
                    Ok(Some((tokens, at))) => {
                        rate_limits::store(conn, &bucket, stored.is_some(), tokens, at)?;
                    }
                    Ok(None) => {}
                }
            }
            Ok(None)
        })
    };
    // Two instances may create the same new bucket at once; the loser tries again and then finds
    // (and waits for) the winner's row.
    let refusal = match attempt(conn) {
        Err(e) if is_unique_violation(&e) => attempt(conn)?,
        other => other?,
    };
    match refusal {
        Some(wait) => Err(AppError::RateLimited { retry_after_seconds: wait }),
        None => Ok(()),
    }
}

/// Deletes buckets that have been idle for the longest period (they are full again).
pub fn forget_idle(conn: &mut AnyConnection, now: chrono::DateTime<chrono::Utc>) -> Result<usize, AppError> {
    Ok(rate_limits::delete_idle(conn, (now - rules::LONGEST_PERIOD).naive_utc())?)
}
