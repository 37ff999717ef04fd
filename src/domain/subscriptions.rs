//! The rules of digest subscriptions: double opt-in, answers that never reveal whether an
//! address is known, at most one confirmation mail per address every few minutes, unsubscribe
//! links nobody can forge.

use chrono::{DateTime, Duration, Utc};

use crate::crypto::SigningKey;
use crate::db::states::SubscriberStatus;
use crate::db::subscribers::Subscriber;

/// What a request to subscribe does; callers answer the same in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscribeOutcome {
    /// A new address: stored as pending, and a confirmation mail is queued.
    ConfirmationSent,
    /// A confirmation went out moments ago; no second one yet.
    RecentlySent,
    /// Already confirmed: nothing to do.
    AlreadyActive,
}

/// What to do for an address that asks to subscribe, given what is known of it.
pub fn on_request(existing: Option<&Subscriber>, resend_after: Duration, now: DateTime<Utc>) -> SubscribeOutcome {
    match existing {
        Some(s) if s.status == SubscriberStatus::Active => SubscribeOutcome::AlreadyActive,
        Some(s)
            if s.status == SubscriberStatus::Pending
                && s.confirm_sent_at.is_some_and(|at| at > (now - resend_after).naive_utc()) =>
        {
            SubscribeOutcome::RecentlySent
        }
        _ => SubscribeOutcome::ConfirmationSent,
    }
}

/// Whether a confirmation token has a shape worth looking up.
pub fn plausible_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= 100
}

/// A new public id for a subscriber: "s" and 23 characters of lowercase base32.
pub fn new_public_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let rest: String = (0..23).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char).collect();
    format!("s{rest}")
}

/// The token in an unsubscribe link: the subscriber's public id and an HMAC of it with the
/// server key. The public id travels with an export, so the link keeps naming the same person
/// in another database.
pub fn unsubscribe_token(key: &SigningKey, public_id: &str) -> String {
    format!("{public_id}.{}", key.sign("unsubscribe", public_id))
}

/// Whom an unsubscribe link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsubscribeSubject {
    /// A public id.
    Public(String),
    /// A row id, in links sent before public ids: valid only for rows that were here then.
    Legacy(i64),
}

/// Whom an unsubscribe token names, when its signature holds.
pub fn unsubscribe_subject(key: &SigningKey, token: &str) -> Option<UnsubscribeSubject> {
    let (name, signature) = token.split_once('.')?;
    if name.is_empty() || name.len() > 64 || !key.verify("unsubscribe", name, signature) {
        return None;
    }
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return name.parse().ok().map(UnsubscribeSubject::Legacy);
    }
    Some(UnsubscribeSubject::Public(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_cannot_be_forged() {
        let key = SigningKey::generate();
        let id = new_public_id();
        assert!(id.starts_with('s') && id.len() == 24);
        let token = unsubscribe_token(&key, &id);
        assert_eq!(unsubscribe_subject(&key, &token), Some(UnsubscribeSubject::Public(id.clone())));
        let (_, sig) = token.split_once('.').expect("id.sig");
        let last = if id.ends_with('x') { 'y' } else { 'x' };
        assert_eq!(unsubscribe_subject(&key, &format!("{}{last}.{sig}", &id[..23])), None, "another id");
        assert_eq!(unsubscribe_subject(&SigningKey::generate(), &token), None, "another key");
        let legacy = format!("42.{}", key.sign("unsubscribe", "42"));
        assert_eq!(unsubscribe_subject(&key, &legacy), Some(UnsubscribeSubject::Legacy(42)));
    }
}
