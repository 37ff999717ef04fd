//! The background worker: delivers the outbox and does housekeeping (expiring unconfirmed
//! submissions). Runs inside `serve`, or alone as `content-club worker`; several may share one
//! PostgreSQL database, since rows are claimed under a lease before they are sent.
//!
//! Delivery guarantee: a row is marked sent only after the SMTP server accepted it. A worker
//! killed between the server's acceptance and that mark leaves the row claimed; when the lease
//! runs out another worker sends it again. That window — the SMTP conversation of the messages
//! in flight at the instant of the kill — is the only way a message goes out twice.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::crypto;
use crate::db::deliveries::Delivery;
use crate::db::Db;
use crate::domain::submissions;
use crate::email::{build_message, MailParts, Mailer, SendError};
use crate::error::AppError;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Round {
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

#[derive(Clone)]
pub struct Worker {
    settings: Arc<Settings>,
    db: Db,
    mailer: Mailer,
    clock: SharedClock,
}

impl Worker {
    pub fn new(settings: Settings, db: Db, clock: SharedClock) -> Result<Worker, String> {
        let mailer = Mailer::from_settings(&settings.email)?;
        Ok(Self::with_mailer(settings, db, clock, mailer))
    }

    pub fn with_mailer(settings: Settings, db: Db, clock: SharedClock, mailer: Mailer) -> Worker {
        Worker { settings: Arc::new(settings), db, mailer, clock }
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// One round: housekeeping, then claim a batch of due deliveries and send them, several
    /// at a time over the transport's connection pool.
    pub async fn run_once(&self) -> Result<Round, AppError> {
        let now = self.clock.now();
        let expiry = self.settings.submissions.unconfirmed_expiry_hours;
        let expired = self.db.run(move |conn| submissions::expire_unconfirmed(conn, expiry, now)).await?;
        if expired > 0 {
            tracing::info!(expired, "removed unconfirmed submissions");
        }

        let claim = crypto::random_token();
        let lease_until = now + Duration::seconds(i64::from(self.settings.worker.lease_seconds));
        let limit = i64::from(self.settings.worker.batch_size);
        let claim_for_query = claim.clone();
        let batch = self
            .db
            .run(move |conn| {
                Ok(Delivery::claim_due(conn, &claim_for_query, now.naive_utc(), lease_until.naive_utc(), limit)?)
            })
            .await?;
        if batch.is_empty() {
            return Ok(Round::default());
        }

        let parallel = self.settings.email.pool_size.max(1) as usize;
        let mut round = Round::default();
        let mut in_flight = JoinSet::new();
        let mut queue = batch.into_iter();
        loop {
            while in_flight.len() < parallel {
                let Some(delivery) = queue.next() else { break };
                let worker = self.clone();
                let claim = claim.clone();
                in_flight.spawn(async move { worker.deliver(delivery, &claim).await });
            }
            let Some(done) = in_flight.join_next().await else {
                break;
            };
            match done {
                Ok(Ok(Outcome::Sent)) => round.sent += 1,
                Ok(Ok(Outcome::Retry)) => round.retried += 1,
                Ok(Ok(Outcome::Failed)) => round.failed += 1,
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "recording a delivery failed");
                    round.retried += 1;
                }
                Err(e) => {
                    tracing::error!(error = %e, "a delivery task stopped");
                    round.retried += 1;
                }
            }
        }
        Ok(round)
    }

    async fn deliver(&self, delivery: Delivery, claim: &str) -> Result<Outcome, AppError> {
        let parts = MailParts {
            from: &self.settings.email.from,
            to: &delivery.recipient,
            subject: &delivery.subject,
            text: &delivery.body_text,
            html: delivery.body_html.as_deref(),
            message_id: &delivery.message_id,
        };
        let result = match build_message(&parts) {
            Ok(message) => self.mailer.send(message).await,
            Err(e) => Err(e),
        };
        let now = self.clock.now();
        let id = delivery.id;
        let claim = claim.to_owned();
        match result {
            Ok(()) => {
                self.db.run(move |conn| Ok(Delivery::mark_sent(conn, id, &claim, now.naive_utc())?)).await?;
                tracing::debug!(delivery = id, "sent");
                Ok(Outcome::Sent)
            }
            Err(SendError::Temporary(error)) if (delivery.attempts as u32) < self.settings.worker.max_attempts => {
                let base = i64::from(self.settings.worker.retry_base_seconds);
                let exponent = (delivery.attempts.max(1) - 1).min(20) as u32;
                let delay = base.saturating_mul(2_i64.saturating_pow(exponent)).min(6 * 3600);
                let at = now + Duration::seconds(delay);
                tracing::warn!(delivery = id, attempts = delivery.attempts, error = %error, retry_in_seconds = delay, "delivery failed; will retry");
                self.db.run(move |conn| Ok(Delivery::retry_later(conn, id, &claim, at.naive_utc(), &error)?)).await?;
                Ok(Outcome::Retry)
            }
            Err(SendError::Temporary(error) | SendError::Permanent(error)) => {
                tracing::warn!(delivery = id, error = %error, "delivery failed for good");
                self.db.run(move |conn| Ok(Delivery::mark_failed(conn, id, &claim, &error)?)).await?;
                Ok(Outcome::Failed)
            }
        }
    }

    /// Runs rounds until `stop` turns true; a round in progress is finished first.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let idle = StdDuration::from_millis(self.settings.worker.poll_interval_ms);
        tracing::info!("worker started");
        loop {
            if *stop.borrow() {
                break;
            }
            let busy = match self.run_once().await {
                Ok(round) => round.handled() > 0,
                Err(e) => {
                    tracing::error!(error = %e, "worker round failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    _ = tokio::time::sleep(idle) => {}
                    _ = stop.changed() => {}
                }
            }
        }
        tracing::info!("worker stopped");
    }
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}
