//! Digest subscriptions: double opt-in (the confirm page's button POSTs), answers that never
//! reveal whether an address is known, at most one confirmation mail per address every few
//! minutes, one-click unsubscribe with unforgeable tokens, and hard bounces counted.

use chrono::{DateTime, Duration, Utc};

use super::outbox::{self, OutgoingMail};
use super::EmailAddress;
use crate::crypto::{self, SigningKey};
use crate::db::subscribers::{NewSubscriber, Subscriber};
use crate::db::{is_unique_violation, write_transaction, AnyConnection};
use crate::error::AppError;

/// What became of a request to subscribe; callers answer the same in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscribeOutcome {
    /// A confirmation mail was queued.
    ConfirmationSent,
    /// A confirmation went out moments ago; no second one yet.
    RecentlySent,
    /// Already confirmed: nothing to do.
    AlreadyActive,
}

/// Registers interest and queues a confirmation (which `compose` writes from the token).
pub fn subscribe(
    conn: &mut AnyConnection,
    email: &str,
    resend_after: Duration,
    host: &str,
    now: DateTime<Utc>,
    compose: impl FnOnce(&str, &str) -> Result<OutgoingMail, String>,
) -> Result<SubscribeOutcome, AppError> {
    let address = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let key = address.key();
    write_transaction(conn, |conn| {
        let token = crypto::random_token();
        let hash = crypto::token_hash(&token);
        match Subscriber::by_email(conn, &key)? {
            Some(s) if s.status == "active" => return Ok(SubscribeOutcome::AlreadyActive),
            Some(s)
                if s.status == "pending"
                    && s.confirm_sent_at.is_some_and(|at| at > (now - resend_after).naive_utc()) =>
            {
                return Ok(SubscribeOutcome::RecentlySent)
            }
            Some(s) => {
                Subscriber::renew_confirmation(conn, s.id, &hash, now.naive_utc())?;
            }
            None => {
                let inserted = NewSubscriber {
                    email: &key,
                    status: "pending",
                    confirm_token_hash: Some(&hash),
                    confirm_sent_at: Some(now.naive_utc()),
                    created_at: now.naive_utc(),
                    updated_at: now.naive_utc(),
                }
                .insert(conn);
                match inserted {
                    Ok(_) => {}
                    // Two requests for one new address at once: the other one sends the mail.
                    Err(e) if is_unique_violation(&e) => return Ok(SubscribeOutcome::RecentlySent),
                    Err(e) => return Err(e.into()),
                }
            }
        }
        let mail = compose(&key, &token).map_err(AppError::Internal)?;
        outbox::enqueue(conn, &mail, host, now)?;
        Ok(SubscribeOutcome::ConfirmationSent)
    })
}

/// The pending subscriber a confirmation token belongs to.
pub fn pending_for_token(conn: &mut AnyConnection, token: &str) -> Result<Subscriber, AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    Subscriber::by_confirm_hash(conn, &crypto::token_hash(token))?.ok_or(AppError::NotFound)
}

/// Confirms by token: pending becomes active.
pub fn confirm(conn: &mut AnyConnection, token: &str, now: DateTime<Utc>) -> Result<Subscriber, AppError> {
    write_transaction(conn, |conn| {
        let subscriber = pending_for_token(conn, token)?;
        Subscriber::activate(conn, subscriber.id, now.naive_utc())?;
        Subscriber::by_id(conn, subscriber.id)?.ok_or(AppError::NotFound)
    })
}

/// The token in an unsubscribe link: the subscriber's id and an HMAC of it with the server key.
pub fn unsubscribe_token(key: &SigningKey, subscriber_id: i64) -> String {
    format!("{subscriber_id}.{}", key.sign("unsubscribe", &subscriber_id.to_string()))
}

/// The subscriber an unsubscribe token names, when its signature holds.
pub fn subscriber_for_unsubscribe(
    conn: &mut AnyConnection,
    key: &SigningKey,
    token: &str,
) -> Result<Subscriber, AppError> {
    let (id, signature) = token.split_once('.').ok_or(AppError::NotFound)?;
    if !key.verify("unsubscribe", id, signature) {
        return Err(AppError::NotFound);
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    Subscriber::by_id(conn, id)?.ok_or(AppError::NotFound)
}

/// One-click unsubscribe; idempotent.
pub fn unsubscribe(
    conn: &mut AnyConnection,
    key: &SigningKey,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Subscriber, AppError> {
    write_transaction(conn, |conn| {
        let subscriber = subscriber_for_unsubscribe(conn, key, token)?;
        Subscriber::unsubscribe(conn, subscriber.id, now.naive_utc())?;
        Subscriber::by_id(conn, subscriber.id)?.ok_or(AppError::NotFound)
    })
}

/// Forgets pending addresses nobody confirmed within `days`.
pub fn expire_pending(conn: &mut AnyConnection, days: u32, now: DateTime<Utc>) -> Result<usize, AppError> {
    Ok(Subscriber::delete_stale_pending(conn, (now - Duration::days(i64::from(days))).naive_utc())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_cannot_be_forged() {
        let key = SigningKey::generate();
        let token = unsubscribe_token(&key, 42);
        let (id, sig) = token.split_once('.').expect("id.sig");
        assert_eq!(id, "42");
        assert!(key.verify("unsubscribe", id, sig));
        assert!(!key.verify("unsubscribe", "43", sig), "another id");
        assert!(!SigningKey::generate().verify("unsubscribe", id, sig), "another key");
    }
}
