//! The outbox: every email is first a row in `deliveries`, written in the same transaction as
//! the change that caused it, so that nothing is lost when sending fails or the process dies.
//! The worker sends the rows (see [`super::delivery`]).

use chrono::{DateTime, Utc};

use crate::crypto;
use crate::db::deliveries::NewDelivery;
use crate::db::states::{DeliveryKind, DeliveryStatus};
use crate::db::AnyConnection;
use crate::email::{header_safe, OutgoingMail};
use crate::error::AppError;

/// Queues a transactional message (confirmations, decisions, links) for the worker.
pub fn enqueue(conn: &mut AnyConnection, mail: &OutgoingMail, host: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let message_id = format!("<{}@{}>", crypto::random_token().replace(['-', '_'], "x"), host);
    NewDelivery {
        kind: DeliveryKind::Transactional,
        digest_id: None,
        subscriber_id: None,
        recipient: &mail.recipient(),
        subject: &header_safe(&mail.subject),
        body_text: &mail.text,
        body_html: mail.html.as_deref(),
        message_id: &message_id,
        status: DeliveryStatus::Queued,
        attempts: 0,
        next_attempt_at: now.naive_utc(),
        created_at: now.naive_utc(),
        request_id: crate::context::request_id(),
        language: &mail.language,
    }
    .insert(conn)?;
    tracing::info!(message_id = %message_id, "mail queued");
    Ok(())
}
