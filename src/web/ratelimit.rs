//! A keyed token-bucket rate limiter kept in memory (per instance). Limits come from
//! configuration; nothing here is hard-coded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `capacity` requests per `period` for each key, refilled continuously.
pub struct KeyedLimiter {
    capacity: f64,
    refill_per_second: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Past this many keys, full buckets are forgotten (they carry no information).
const PRUNE_ABOVE: usize = 10_000;

impl KeyedLimiter {
    pub fn new(capacity: u32, period: Duration) -> KeyedLimiter {
        KeyedLimiter {
            capacity: f64::from(capacity.max(1)),
            refill_per_second: f64::from(capacity.max(1)) / period.as_secs_f64().max(0.001),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn refreshed(&self, bucket: Option<Bucket>, now: Instant) -> Bucket {
        match bucket {
            Some(b) => Bucket {
                tokens: (b.tokens + now.duration_since(b.updated).as_secs_f64() * self.refill_per_second)
                    .min(self.capacity),
                updated: now,
            },
            None => Bucket { tokens: self.capacity, updated: now },
        }
    }

    /// Takes one token for `key`. `Err(seconds)` says how long until one is free.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            let capacity = self.capacity;
            let rate = self.refill_per_second;
            buckets.retain(|_, b| b.tokens + now.duration_since(b.updated).as_secs_f64() * rate < capacity);
        }
        let mut bucket = self.refreshed(buckets.get(key).copied(), now);
        let result = if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.refill_per_second).ceil().max(1.0) as u64)
        };
        buckets.insert(key.to_owned(), bucket);
        result
    }

    /// Whether `key` has a token left, without taking it.
    pub fn peek(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = self.refreshed(buckets.get(key).copied(), now);
        if bucket.tokens >= 1.0 {
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.refill_per_second).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_burst_then_refuses_with_a_wait() {
        let limiter = KeyedLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.check("a").is_ok());
        }
        let wait = limiter.check("a").expect_err("fourth is refused");
        assert!((1..=20).contains(&wait), "wait {wait}");
        assert!(limiter.check("b").is_ok(), "keys are independent");
        assert!(limiter.peek("a").is_err());
    }
}
