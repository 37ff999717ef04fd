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

/// The token in an unsubscribe link: the subscriber's id and an HMAC of it with the server key.
pub fn unsubscribe_token(key: &SigningKey, subscriber_id: i64) -> String {
    format!("{subscriber_id}.{}", key.sign("unsubscribe", &subscriber_id.to_string()))
}

/// The subscriber id an unsubscribe token names, when its signature holds.
pub fn unsubscribe_subject(key: &SigningKey, token: &str) -> Option<i64> {
    let (id, signature) = token.split_once('.')?;
    if !key.verify("unsubscribe", id, signature) {
        return None;
    }
    id.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_cannot_be_forged() {
        let key = SigningKey::generate();
        let token = unsubscribe_token(&key, 42);
        assert_eq!(unsubscribe_subject(&key, &token), Some(42));
        let (_, sig) = token.split_once('.').expect("id.sig");
        assert_eq!(unsubscribe_subject(&key, &format!("43.{sig}")), None, "another id");
        assert_eq!(unsubscribe_subject(&SigningKey::generate(), &token), None, "another key");
    }
}
