//! A syntactically plausible email address, normalised for comparison.

use std::fmt;

use crate::error::Message;

/// RFC 5321's limit on a whole address.
pub const MAX_EMAIL_CHARS: usize = 254;

/// An address that passed [`EmailAddress::parse`]: trimmed, domain lower-cased, no control
/// characters or spaces, one `@`, a dotted domain, within RFC 5321's length limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, Message> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Message::new("invalid-email-empty"));
        }
        if trimmed.len() > MAX_EMAIL_CHARS {
            return Err(Message::new("invalid-email-too-long").arg("max", MAX_EMAIL_CHARS));
        }
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) || super::text::has_hidden(trimmed) {
            return Err(Message::new("invalid-email-hidden-characters"));
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(Message::new("invalid-email-shape"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.contains(['<', '>', '(', ')', ',', ';', ':', '\\', '"', '[', ']']);
        if !domain_ok || !local_ok {
            return Err(Message::new("invalid-email-shape"));
        }
        Ok(EmailAddress(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased whole address: the key for uniqueness and lookups.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_plain_addresses() {
        let e = EmailAddress::parse("  Ada.Lovelace@Example.ORG ").expect("valid");
        assert_eq!(e.as_str(), "Ada.Lovelace@example.org");
        assert_eq!(e.key(), "ada.lovelace@example.org");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "plain",
            "@example.org",
            "a@b",
            "a@.org",
            "a@b..org",
            "a b@c.org",
            "a@b.org\r\nBcc: x@y.org",
            "<a@b.org>",
            "a@b.org.",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} must be refused");
        }
        assert!(EmailAddress::parse(&format!("{}@example.org", "a".repeat(65))).is_err());
    }
}
