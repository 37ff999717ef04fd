//! Rate limits: token buckets kept in the database, so that every instance on it counts against
//! the same budget. Each limit allows `capacity` uses per `period`, refilled continuously. Keys
//! (client addresses, emails) are stored hashed. Limits come from configuration.

use chrono::NaiveDateTime;

/// One limit: a name for its buckets, and how many uses per how long.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    name: &'static str,
    capacity: f64,
    refill_per_second: f64,
}

/// What a check does with a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Uses one token (refused when none is left).
    Take,
    /// Only looks: refused when no token is left, nothing used.
    Peek,
}

/// The longest period of any limit: a bucket idle this long is full again and can go.
pub const LONGEST_PERIOD: chrono::Duration = chrono::Duration::hours(24);

impl Limit {
    pub fn new(name: &'static str, capacity: u32, period: std::time::Duration) -> Limit {
        let capacity = f64::from(capacity.max(1));
        Limit { name, capacity, refill_per_second: capacity / period.as_secs_f64().max(0.001) }
    }

    /// The bucket's name for one key: the limit's name and the key's hash.
    pub fn bucket(&self, key: &str) -> String {
        format!("{}:{}", self.name, crate::crypto::token_hash(key))
    }

    /// The tokens in a bucket at `now`, from what was stored (a new bucket is full).
    fn tokens(&self, stored: Option<(f64, NaiveDateTime)>, now: NaiveDateTime) -> f64 {
        match stored {
            None => self.capacity,
            Some((tokens, at)) => {
                // Another instance's clock may be a little behind: never refill backwards.
                let elapsed = (now - at).to_std().map(|d| d.as_secs_f64()).unwrap_or(0.0);
                (tokens + elapsed * self.refill_per_second).min(self.capacity)
            }
        }
    }

    /// Seconds until a bucket holding `tokens` (fewer than one) has one again.
    fn wait(&self, tokens: f64) -> u64 {
        ((1.0 - tokens) / self.refill_per_second).ceil().max(1.0) as u64
    }
}

/// What a bucket holds after a use at `now`, from what was stored: `Err(seconds to wait)` when
/// no token is left.
pub fn take(
    limit: &Limit,
    stored: Option<(f64, NaiveDateTime)>,
    usage: Use,
    now: NaiveDateTime,
) -> Result<Option<(f64, NaiveDateTime)>, u64> {
    let tokens = limit.tokens(stored, now);
    if tokens < 1.0 {
        return Err(limit.wait(tokens));
    }
    Ok((usage == Use::Take).then(|| (tokens - 1.0, stored.map_or(now, |(_, at)| at.max(now)))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(seconds: i64) -> NaiveDateTime {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).single().expect("valid").naive_utc()
    }

    #[test]
    fn buckets_refill_continuously_up_to_the_capacity() {
        let limit = Limit::new("t", 3, std::time::Duration::from_secs(60));
        assert_eq!(limit.tokens(None, at(0)), 3.0, "a new bucket is full");
        assert_eq!(limit.tokens(Some((0.0, at(0))), at(20)), 1.0, "one token per 20 s");
        assert_eq!(limit.tokens(Some((0.0, at(0))), at(600)), 3.0, "never above the capacity");
        assert_eq!(limit.tokens(Some((0.5, at(10))), at(0)), 0.5, "an earlier clock refills nothing");
        assert_eq!(limit.wait(0.0), 20);
        assert_eq!(limit.wait(0.99), 1, "at least one second");
    }

    #[test]
    fn buckets_are_named_by_limit_and_hashed_key() {
        let limit = Limit::new("login-ip", 3, std::time::Duration::from_secs(60));
        let bucket = limit.bucket("192.0.2.7");
        assert!(bucket.starts_with("login-ip:") && !bucket.contains("192.0.2.7"));
        assert_ne!(bucket, Limit::new("submit-ip", 3, std::time::Duration::from_secs(60)).bucket("192.0.2.7"));
    }
}
