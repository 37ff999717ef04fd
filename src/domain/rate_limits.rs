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

/// Failed attempts with growing delays: the first `free` failures cost nothing, then each one
/// makes the next attempt wait twice as long as the one before (from `first_wait`, up to
/// `longest_wait`). Stored as (failures, time of the last failure); a success forgets them.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    name: &'static str,
    free: u32,
    first_wait: chrono::Duration,
    longest_wait: chrono::Duration,
}

impl Backoff {
    pub const fn new(
        name: &'static str,
        free: u32,
        first_wait: chrono::Duration,
        longest_wait: chrono::Duration,
    ) -> Backoff {
        Backoff { name, free, first_wait, longest_wait }
    }

    /// The record's name for one key: the backoff's name and the key's hash.
    pub fn bucket(&self, key: &str) -> String {
        format!("{}:{}", self.name, crate::crypto::token_hash(key))
    }

    /// How long after the last failure the next attempt must wait, after `failures` of them.
    pub fn wait_after(&self, failures: u32) -> chrono::Duration {
        if failures < self.free {
            return chrono::Duration::zero();
        }
        let doublings = (failures - self.free).min(30);
        let wait = self.first_wait * 2_i32.saturating_pow(doublings);
        wait.min(self.longest_wait)
    }

    /// `Err(seconds)` when an attempt now must wait that long still.
    pub fn check(&self, stored: Option<(f64, NaiveDateTime)>, now: NaiveDateTime) -> Result<(), u64> {
        let Some((failures, last)) = stored else { return Ok(()) };
        let wait = self.wait_after(failures as u32);
        if wait.is_zero() {
            // Free failures cost nothing, even when another instance's clock runs ahead.
            return Ok(());
        }
        let until = last + wait;
        if now >= until {
            Ok(())
        } else {
            Err(((until - now).num_milliseconds().max(1) as u64).div_ceil(1000))
        }
    }

    /// The record after one more failure at `now`. Failures older than the longest wait are
    /// forgotten first, so that a mistyped password a month ago does not count.
    pub fn fail(&self, stored: Option<(f64, NaiveDateTime)>, now: NaiveDateTime) -> (f64, NaiveDateTime) {
        let failures = match stored {
            Some((n, last)) if now - last < self.longest_wait * 4 => n,
            _ => 0.0,
        };
        (failures + 1.0, now)
    }
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
    fn backoff_waits_grow_after_the_free_failures_and_stop_at_the_longest() {
        let b = Backoff::new("t", 3, chrono::Duration::seconds(2), chrono::Duration::seconds(60));
        let waits: Vec<i64> = (0..10).map(|n| b.wait_after(n).num_seconds()).collect();
        assert_eq!(waits, [0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
        let mut record = None;
        for _ in 0..3 {
            assert_eq!(b.check(record, at(0)), Ok(()));
            record = Some(b.fail(record, at(0)));
        }
        assert_eq!(b.check(record, at(1)), Err(1), "the fourth attempt waits");
        assert_eq!(b.check(record, at(2)), Ok(()));
        let record = Some(b.fail(record, at(2)));
        assert_eq!(b.check(record, at(3)), Err(3), "then twice as long");
        assert_eq!(b.fail(record, at(10_000)).0, 1.0, "old failures are forgotten");
        let ahead = Some(b.fail(Some(b.fail(None, at(5))), at(5)));
        assert_eq!(b.check(ahead, at(0)), Ok(()), "free failures recorded by a clock ahead cost nothing");
    }

    #[test]
    fn buckets_are_named_by_limit_and_hashed_key() {
        let limit = Limit::new("login-ip", 3, std::time::Duration::from_secs(60));
        let bucket = limit.bucket("192.0.2.7");
        assert!(bucket.starts_with("login-ip:") && !bucket.contains("192.0.2.7"));
        assert_ne!(bucket, Limit::new("submit-ip", 3, std::time::Duration::from_secs(60)).bucket("192.0.2.7"));
    }
}
