//! The suppression list's rules: how an address is keyed (so that it can be matched without being
//! kept in clear), how it is shown, and what each kind of report does to it.

use crate::db::states::{MailEventKind, SuppressionReason};

/// The key of an address on the list: SHA-256 (hex) of the trimmed, lower-cased address. The same
/// on every instance, so that a list exported from one club matches addresses on another.
pub fn address_hash(email: &str) -> String {
    crate::crypto::digest_hex(email.trim().to_lowercase().as_bytes())
}

/// The bare address of a recipient as the outbox stores it (`"Name" <address>` or `address`),
/// trimmed and lower-cased.
pub fn bare_address(recipient: &str) -> String {
    let inner = match (recipient.rfind('<'), recipient.rfind('>')) {
        (Some(open), Some(close)) if open < close => &recipient[open + 1..close],
        _ => recipient,
    };
    inner.trim().to_lowercase()
}

/// What the list shows of an address: its first character and its domain.
pub fn masked(email: &str) -> String {
    super::submissions::mask_email(email.trim())
}

/// What a report does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The address goes on the list; its subscriber is marked bounced (a hard bounce) or
    /// unsubscribed at once (a complaint).
    Suppress(SuppressionReason),
    /// Recorded only: the provider gave up for now, as our own worker does on a 4xx, and the
    /// next message may well arrive (the bounce limit counts hard failures).
    Record,
}

pub fn effect(kind: MailEventKind) -> Effect {
    match kind {
        MailEventKind::HardBounce => Effect::Suppress(SuppressionReason::HardBounce),
        MailEventKind::Complaint => Effect::Suppress(SuppressionReason::Complaint),
        MailEventKind::SoftBounce => Effect::Record,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_keyed_without_case_or_spaces_and_masked() {
        assert_eq!(address_hash(" Ada@Example.org "), address_hash("ada@example.org"));
        assert_ne!(address_hash("ada@example.org"), address_hash("bob@example.org"));
        assert_eq!(address_hash("ada@example.org").len(), 64);
        assert_eq!(masked("ada@example.org"), "a•••@example.org");
        assert_eq!(effect(MailEventKind::Complaint), Effect::Suppress(SuppressionReason::Complaint));
        assert_eq!(effect(MailEventKind::SoftBounce), Effect::Record);
        assert_eq!(bare_address("\"Ada L.\" <Ada@Example.org>"), "ada@example.org");
        assert_eq!(bare_address(" Bob@example.org "), "bob@example.org");
    }
}
