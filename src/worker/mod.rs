//! The background worker: delivers the outbox (mail, and notifications to chat channels and
//! webhooks), does the housekeeping (expiry, digests of topics that closed, time-based events)
//! and checks archived links. Runs inside `serve`, or alone as `content-club worker`; several may share
//! one PostgreSQL database, since deliveries are claimed under a lease (`FOR UPDATE SKIP LOCKED`)
//! before they are sent. The guarantees are described in `app::delivery`.

use std::time::Duration;

use tokio::sync::watch;

use crate::app::delivery::{Round, Sender};
use crate::app::{housekeeping, links, notify, App};
use crate::email::Mailer;
use crate::error::AppError;

#[derive(Clone)]
pub struct Worker {
    app: App,
    sender: Sender,
}

impl Worker {
    /// A worker sending through the configured transport.
    pub fn new(app: App) -> Result<Worker, String> {
        let mailer = Mailer::from_settings(&app.settings.email)?;
        Ok(Worker::with_mailer(app, mailer))
    }

    pub fn with_mailer(app: App, mailer: Mailer) -> Worker {
        Worker { sender: Sender::new(app.clone(), mailer), app }
    }

    pub fn mailer(&self) -> &Mailer {
        self.sender.mailer()
    }

    /// One round: housekeeping, then one batch of due deliveries.
    pub async fn run_once(&self) -> Result<Round, AppError> {
        housekeeping::run(&self.app).await?;
        let mut round = self.sender.deliver_batch().await?;
        let told = self.deliver_notifications().await?;
        round.sent += told.delivered;
        round.retried += told.retried;
        round.failed += told.failed;
        Ok(round)
    }

    /// One batch of due notifications to chat channels and webhooks (none while fetching and
    /// posting are switched off: they wait in the outbox).
    pub async fn deliver_notifications(&self) -> Result<notify::Sent, AppError> {
        if !self.app.outbound.enabled() {
            return Ok(notify::Sent::default());
        }
        notify::deliver_batch(&self.app).await
    }

    /// The chores between deliveries (expiry, digests of topics that closed).
    pub async fn housekeeping(&self) -> Result<(), AppError> {
        housekeeping::run(&self.app).await
    }

    /// One batch of due deliveries, without housekeeping.
    pub async fn deliver_batch(&self) -> Result<Round, AppError> {
        self.sender.deliver_batch().await
    }

    /// One round of link checks (the links that are due).
    pub async fn check_links(&self) -> Result<links::Checked, AppError> {
        links::check_due(&self.app).await
    }

    /// Checks archived links every `links.check_every_minutes`, beside the deliveries (a slow
    /// site never holds up mail).
    async fn check_links_until(self, mut stop: watch::Receiver<bool>) {
        let every = Duration::from_secs(60 * u64::from(self.app.settings.links.check_every_minutes));
        loop {
            match self.check_links().await {
                Ok(found) if found.checked > 0 => {
                    tracing::info!(checked = found.checked, broken = found.broken, "links checked")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "link checks failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                break;
            }
        }
    }

    /// Runs rounds until `stop` turns true; a round in progress is finished first.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let idle = Duration::from_millis(self.app.settings.worker.poll_interval_ms);
        tracing::info!("worker started");
        if self.app.settings.links.check_every_minutes > 0 && self.app.outbound.enabled() {
            tokio::spawn(self.clone().check_links_until(stop.clone()));
        }
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
