//! The background worker: delivers the outbox, builds digests when topics close, and does
//! housekeeping (expiring unconfirmed submissions and pending subscribers). Runs inside
//! `serve`, or alone as `content-club worker`; several may share one PostgreSQL database, since
//! rows are claimed under a lease (`FOR UPDATE SKIP LOCKED`) before they are sent.
//!
//! Delivery guarantee: a row is marked sent only after the SMTP server accepted it. A worker
//! killed between the server's acceptance and that mark leaves the row claimed; when the lease
//! runs out another worker sends it again. That window — the SMTP conversations of the messages
//! in flight at the instant of the kill, up to `email.pool_size` of them — is the only way a
//! message goes out twice. Nobody is skipped: an unsent row stays queued or claimed until sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::crypto::{self, SigningKey};
use crate::db::deliveries::Delivery;
use crate::db::digests::Digest;
use crate::db::subscribers::Subscriber;
use crate::db::Db;
use crate::domain::digests::{self, DigestSource, UNSUBSCRIBE_PLACEHOLDER};
use crate::domain::{rate_limits, submissions, subscriptions};
use crate::email::{build_message, compose, MailParts, Mailer, SendError};
use crate::error::AppError;
use crate::render::Renderer;

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
    key: SigningKey,
    renderer: Arc<Renderer>,
    digests: Arc<Mutex<HashMap<i64, Arc<Digest>>>>,
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

/// The host of the base URL, for Message-IDs and List-Id.
pub fn host_of(settings: &Settings) -> String {
    url::Url::parse(&settings.club.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "localhost".into())
}

impl Worker {
    pub fn new(settings: Settings, db: Db, clock: SharedClock) -> Result<Worker, String> {
        let mailer = Mailer::from_settings(&settings.email)?;
        Self::with_mailer(settings, db, clock, mailer)
    }

    pub fn with_mailer(settings: Settings, db: Db, clock: SharedClock, mailer: Mailer) -> Result<Worker, String> {
        let key = SigningKey::load_or_create(&settings.security.session_key, &settings.server.data_dir)?;
        let override_dir =
            Some(settings.web.templates_dir.as_str()).filter(|d| !d.is_empty()).map(std::path::PathBuf::from);
        let renderer = Renderer::new(override_dir.as_deref())?;
        Ok(Worker {
            settings: Arc::new(settings),
            db,
            mailer,
            clock,
            key,
            renderer: Arc::new(renderer),
            digests: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// Expiry of unconfirmed submissions and pending subscribers, idle rate-limit buckets,
    /// digests of topics that closed, and digests whose deliveries have all finished.
    pub async fn housekeeping(&self) -> Result<(), AppError> {
        let now = self.clock.now();
        let expiry = self.settings.submissions.unconfirmed_expiry_hours;
        let pending_days = self.settings.subscriptions.pending_expiry_days;
        let (expired, forgotten) = self
            .db
            .run(move |conn| {
                rate_limits::forget_idle(conn, now)?;
                Ok((
                    submissions::expire_unconfirmed(conn, expiry, now)?,
                    subscriptions::expire_pending(conn, pending_days, now)?,
                ))
            })
            .await?;
        if expired + forgotten > 0 {
            tracing::info!(expired, forgotten, "removed unconfirmed submissions and pending subscribers");
        }
        let max_delay = Duration::hours(i64::from(self.settings.digest.max_delay_hours));
        let host = host_of(&self.settings);
        let renderer = self.renderer.clone();
        let settings = self.settings.clone();
        let built = self
            .db
            .run(move |conn| {
                let render = |source: &DigestSource<'_>| compose::digest(&renderer, &settings, source);
                let built = digests::build_due(conn, max_delay, &host, now, &render)?;
                digests::complete_finished(conn, now)?;
                Ok(built)
            })
            .await?;
        for digest in built {
            tracing::info!(digest = digest.id, status = %digest.status, recipients = digest.recipients, "digest built");
        }
        Ok(())
    }

    /// The digest behind a delivery, loaded once per worker.
    async fn digest(&self, id: i64) -> Result<Arc<Digest>, AppError> {
        if let Some(found) = self.digests.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
            return Ok(found.clone());
        }
        let digest = Arc::new(self.db.run(move |conn| Digest::by_id(conn, id)?.ok_or(AppError::NotFound)).await?);
        self.digests.lock().unwrap_or_else(|p| p.into_inner()).insert(id, digest.clone());
        Ok(digest)
    }

    /// One round: housekeeping, then claim a batch of due deliveries and send them, several
    /// at a time over the transport's connection pool.
    pub async fn run_once(&self) -> Result<Round, AppError> {
        self.housekeeping().await?;
        self.deliver_batch().await
    }

    /// Claims one batch of due deliveries and sends it.
    pub async fn deliver_batch(&self) -> Result<Round, AppError> {
        let now = self.clock.now();
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
        let rate = self.settings.email.rate_per_second;
        let mut pace = (rate > 0).then(|| tokio::time::interval(StdDuration::from_secs_f64(1.0 / f64::from(rate))));
        let mut round = Round::default();
        let mut in_flight = JoinSet::new();
        let mut queue = batch.into_iter();
        loop {
            while in_flight.len() < parallel {
                let Some(delivery) = queue.next() else { break };
                if let Some(pace) = pace.as_mut() {
                    pace.tick().await;
                }
                let worker = self.clone();
                let claim = claim.clone();
                in_flight.spawn(async move { worker.deliver(delivery, &claim).await });
            }
            let Some(done) = in_flight.join_next().await else { break };
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
        let mut text = delivery.body_text.clone();
        let mut html = delivery.body_html.clone();
        let mut extra: Vec<(&'static str, String)> = Vec::new();
        if let (Some(digest_id), Some(subscriber_id)) = (delivery.digest_id, delivery.subscriber_id) {
            let digest = self.digest(digest_id).await?;
            let base = self.settings.club.base();
            let unsubscribe =
                format!("{base}/unsubscribe?token={}", subscriptions::unsubscribe_token(&self.key, subscriber_id));
            text = digest.body_text.replace(UNSUBSCRIBE_PLACEHOLDER, &unsubscribe);
            html = Some(digest.body_html.replace(UNSUBSCRIBE_PLACEHOLDER, &unsubscribe));
            let mailto = self.settings.email.unsubscribe_address();
            extra.push(("List-Unsubscribe", format!("<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>")));
            extra.push(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()));
            let club = self.settings.club.name.replace(['"', '\\'], "");
            extra.push(("List-Id", format!("\"{club}\" <digest.{}>", host_of(&self.settings))));
            extra.push(("Precedence", "list".to_owned()));
        }
        let parts = MailParts {
            from: &self.settings.email.from,
            to: &delivery.recipient,
            subject: &delivery.subject,
            text: &text,
            html: html.as_deref(),
            message_id: &delivery.message_id,
            extra_headers: &extra,
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
                self.record(move |conn| Ok(Delivery::mark_sent(conn, id, &claim, now.naive_utc())?)).await?;
                Ok(Outcome::Sent)
            }
            Err(SendError::Temporary(error)) if (delivery.attempts as u32) < self.settings.worker.max_attempts => {
                let base = i64::from(self.settings.worker.retry_base_seconds);
                let exponent = (delivery.attempts.max(1) - 1).min(20) as u32;
                let delay = base.saturating_mul(2_i64.saturating_pow(exponent)).min(6 * 3600);
                let at = now + Duration::seconds(delay);
                tracing::warn!(delivery = id, attempts = delivery.attempts, error = %error, retry_in_seconds = delay, "delivery failed; will retry");
                self.record(move |conn| Ok(Delivery::retry_later(conn, id, &claim, at.naive_utc(), &error)?)).await?;
                Ok(Outcome::Retry)
            }
            Err(failure) => {
                let (error, hard_bounce) = match failure {
                    SendError::Permanent(e) => (e, true),
                    SendError::Temporary(e) => (e, false),
                };
                tracing::warn!(delivery = id, error = %error, "delivery failed for good");
                let subscriber = delivery.subscriber_id.filter(|_| hard_bounce);
                let limit = self.settings.email.bounce_limit as i32;
                self.record(move |conn| {
                    crate::db::write_transaction(conn, |conn| {
                        Delivery::mark_failed(conn, id, &claim, &error)?;
                        if let Some(subscriber) = subscriber {
                            Subscriber::record_bounce(conn, subscriber, limit, now.naive_utc())?;
                        }
                        Ok::<_, AppError>(())
                    })
                })
                .await?;
                Ok(Outcome::Failed)
            }
        }
    }

    /// Records what the relay answered. The message has gone (or been refused) already, so a
    /// database that is away for a moment (a restart, a failover) must not lose that: the write
    /// is retried, with back-off, for as long as the claim's lease lasts. Giving up earlier would
    /// leave the row to be sent again when the lease runs out.
    async fn record<T, F>(&self, write: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: Fn(&mut crate::db::AnyConnection) -> Result<T, AppError> + Clone + Send + 'static,
    {
        let give_up =
            tokio::time::Instant::now() + StdDuration::from_secs(u64::from(self.settings.worker.lease_seconds));
        let mut wait = StdDuration::from_millis(200);
        loop {
            match self.db.run(write.clone()).await {
                // A connection cut by a server shutdown can surface as either; these writes are
                // plain updates of claimed rows, so nothing else makes them fail.
                Err(e @ (AppError::Unavailable(_) | AppError::Database(_)))
                    if tokio::time::Instant::now() + wait < give_up =>
                {
                    tracing::warn!(error = %e, retry_in_ms = wait.as_millis() as u64, "recording a delivery waits for the database");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(StdDuration::from_secs(2));
                }
                other => return other,
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
