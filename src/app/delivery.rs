//! Sending the outbox: claim a batch of due deliveries under a lease, send them several at a
//! time over the transport's connections, and record what the relay answered.
//!
//! Delivery guarantee: a row is marked sent only after the SMTP server accepted it. A sender
//! killed between the server's acceptance and that mark leaves the row claimed; when the lease
//! runs out another sender sends it again. That window — the SMTP conversations of the messages
//! in flight at the instant of the kill, up to `email.pool_size` of them — is the only way a
//! message goes out twice. Nobody is skipped: an unsent row stays queued or claimed until sent.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio::task::JoinSet;

use super::{bounces, subscriptions, App};
use crate::crypto;
use crate::db::deliveries::Delivery;
use crate::db::digests::Digest;
use crate::db::subscribers::Subscriber;
use crate::db::translations::DigestEdition;
use crate::db::{write_transaction, AnyConnection};
use crate::email::{build_message, compose, MailParts, Mailer, SendError};
use crate::error::AppError;

/// What one batch did.
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

/// A message's text and HTML bodies and its extra headers, for one recipient.
type Personal = (String, Option<String>, Vec<(&'static str, String)>);

/// What a batch's senders need to know about its recipients, read in one go.
struct Known {
    /// Subscribers' public ids (for their unsubscribe links).
    public_ids: HashMap<i64, String>,
    /// Recipients (lower-cased) on the suppression list: never sent to.
    suppressed: HashSet<String>,
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

/// A digest's bodies in one language, with the subscriber's links still placeholders.
struct Edition {
    text: String,
    html: String,
}

/// Digest editions by (digest, language), shared by a sender's tasks.
type Editions = Arc<Mutex<HashMap<(i64, String), Arc<Edition>>>>;

/// Sends the outbox through one mailer; each digest edition is loaded once per sender.
#[derive(Clone)]
pub struct Sender {
    app: App,
    mailer: Mailer,
    digests: Editions,
}

impl Sender {
    pub fn new(app: App, mailer: Mailer) -> Sender {
        Sender { app, mailer, digests: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// The digest behind a delivery in the delivery's language (the digest's own when it has
    /// no edition in it), loaded once.
    async fn digest(&self, id: i64, language: &str) -> Result<Arc<Edition>, AppError> {
        let key = (id, language.to_owned());
        if let Some(found) = self.digests.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(found.clone());
        }
        let lang = language.to_owned();
        let edition = self
            .app
            .read(move |_, conn| {
                if let Some(e) = DigestEdition::find(conn, id, &lang)? {
                    return Ok(Edition { text: e.body_text, html: e.body_html });
                }
                let digest = Digest::by_id(conn, id)?.ok_or(AppError::NotFound)?;
                Ok(Edition { text: digest.body_text, html: digest.body_html })
            })
            .await?;
        let edition = Arc::new(edition);
        self.digests.lock().unwrap_or_else(|p| p.into_inner()).insert(key, edition.clone());
        Ok(edition)
    }

    /// Claims one batch of due deliveries and sends it, several at a time.
    pub async fn deliver_batch(&self) -> Result<Round, AppError> {
        let settings = &self.app.settings;
        let now = self.app.now();
        let claim = crypto::random_token();
        let lease_until = now + Duration::seconds(i64::from(settings.worker.lease_seconds));
        let limit = i64::from(settings.worker.batch_size);
        let owner = claim.clone();
        let batch = self
            .app
            .read(move |_, conn| {
                Ok(Delivery::claim_due(conn, &owner, now.naive_utc(), lease_until.naive_utc(), limit)?)
            })
            .await?;
        if batch.is_empty() {
            return Ok(Round::default());
        }
        let ids: Vec<i64> = batch.iter().filter_map(|d| d.subscriber_id).collect();
        let recipients: Vec<String> = batch.iter().map(|d| d.recipient.clone()).collect();
        let known = Arc::new(
            self.app
                .read(move |_, conn| {
                    let public_ids = match ids.is_empty() {
                        true => HashMap::new(),
                        false => Subscriber::public_ids(conn, &ids)?.into_iter().collect(),
                    };
                    let addresses: Vec<&str> = recipients.iter().map(String::as_str).collect();
                    let suppressed = bounces::suppressed_among(conn, &addresses)?.into_iter().collect();
                    Ok(Known { public_ids, suppressed })
                })
                .await?,
        );
        let parallel = settings.email.pool_size.max(1) as usize;
        let rate = settings.email.rate_per_second;
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
                let (sender, claim, known) = (self.clone(), claim.clone(), known.clone());
                in_flight.spawn(async move { sender.deliver(delivery, &claim, &known).await });
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

    /// A delivery's bodies and extra headers; for a digest, with its subscriber's own unsubscribe
    /// link and list headers (`None` when the subscriber was removed after it was queued).
    async fn personalise(
        &self,
        delivery: &Delivery,
        public_ids: &HashMap<i64, String>,
    ) -> Result<Option<Personal>, AppError> {
        let (Some(digest_id), Some(subscriber_id)) = (delivery.digest_id, delivery.subscriber_id) else {
            return Ok(Some((delivery.body_text.clone(), delivery.body_html.clone(), Vec::new())));
        };
        // Removed after the digest was queued: there is nobody to send it to.
        let Some(public_id) = public_ids.get(&subscriber_id) else { return Ok(None) };
        let settings = &self.app.settings;
        let edition = self.digest(digest_id, &delivery.language).await?;
        let unsubscribe = subscriptions::unsubscribe_url(&self.app, public_id);
        let manage = subscriptions::manage_url(&self.app, public_id);
        let (text, html) = compose::digest_for(&edition.text, &edition.html, &unsubscribe, &manage);
        let mailto = settings.email.unsubscribe_address();
        let club = settings.club.name.replace(['"', '\\'], "");
        let headers = vec![
            ("List-Unsubscribe", format!("<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>")),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()),
            ("List-Id", format!("\"{club}\" <digest.{}>", self.app.host())),
            ("Precedence", "list".to_owned()),
        ];
        Ok(Some((text, Some(html), headers)))
    }

    async fn deliver(&self, delivery: Delivery, claim: &str, known: &Known) -> Result<Outcome, AppError> {
        let settings = &self.app.settings;
        if known.suppressed.contains(&crate::domain::suppressions::bare_address(&delivery.recipient)) {
            let (id, claim) = (delivery.id, claim.to_owned());
            let why = "not sent: the address is on the suppression list";
            self.record(move |conn| Ok(Delivery::mark_failed(conn, id, &claim, why)?)).await?;
            return Ok(Outcome::Failed);
        }
        let Some((text, html, mut extra)) = self.personalise(&delivery, &known.public_ids).await? else {
            let (id, claim) = (delivery.id, claim.to_owned());
            let gone = "the subscriber was removed before the digest went out";
            self.record(move |conn| Ok(Delivery::mark_failed(conn, id, &claim, gone)?)).await?;
            return Ok(Outcome::Failed);
        };
        extra.push(("Feedback-ID", feedback_id(&delivery, &self.app.host())));
        let language = compose::mail_language(&self.app.renderer, &delivery.language);
        extra.push(("Content-Language", language.to_owned()));
        let parts = MailParts {
            from: &settings.email.from,
            to: &delivery.recipient,
            subject: &delivery.subject,
            text: &text,
            html: html.as_deref(),
            message_id: &delivery.message_id,
            extra_headers: &extra,
            bounce_address: &settings.email.bounce_address,
        };
        let result = match build_message(&parts) {
            Ok(message) => self.mailer.send(message).await,
            Err(e) => Err(e),
        };
        let now = self.app.now();
        let id = delivery.id;
        let claim = claim.to_owned();
        match result {
            Ok(()) => {
                self.record(move |conn| Ok(Delivery::mark_sent(conn, id, &claim, now.naive_utc())?)).await?;
                Ok(Outcome::Sent)
            }
            Err(SendError::Temporary(error)) if (delivery.attempts as u32) < settings.worker.max_attempts => {
                let base = i64::from(settings.worker.retry_base_seconds);
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
                let limit = settings.email.bounce_limit as i32;
                self.record(move |conn| {
                    write_transaction(conn, |conn| {
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
        F: Fn(&mut AnyConnection) -> Result<T, AppError> + Clone + Send + 'static,
    {
        let lease = u64::from(self.app.settings.worker.lease_seconds);
        let give_up = tokio::time::Instant::now() + StdDuration::from_secs(lease);
        let mut wait = StdDuration::from_millis(200);
        loop {
            match self.app.db.run(write.clone()).await {
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
}

/// The `Feedback-ID` header (`campaign:kind:sender:host`) by which providers' complaint loops
/// report which mailing a complaint was about.
fn feedback_id(delivery: &Delivery, host: &str) -> String {
    let campaign = delivery.digest_id.map_or_else(|| "mail".to_owned(), |id| format!("digest{id}"));
    format!("{campaign}:{}:content-club:{host}", delivery.kind)
}

/// Deliveries not yet finished (queued or being sent).
pub async fn outstanding(app: &App) -> Result<i64, AppError> {
    app.read(|_, conn| Ok(Delivery::outstanding(conn)?)).await
}
