//! A syntactically plausible email address, normalised for comparison.

use std::fmt;

/// An address that passed [`EmailAddress::parse`]: trimmed, domain lower-cased, no control
/// characters or spaces, one `@`, a dotted domain, within RFC 5321's length limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, String> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err("Enter an email address.".into());
        }
        if trimmed.len() > 254 {
            return Err("That email address is too long (254 characters at most).".into());
        }
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) || super::text::has_hidden(trimmed) {
            return Err("An email address cannot contain spaces, invisible or control characters.".into());
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err("Enter an email address like name@example.org.".into());
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
            return Err("Enter an email address like name@example.org.".into());
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
