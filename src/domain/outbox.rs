//! The outbox: every email is first a row in `deliveries`, written in the same transaction as
//! the change that caused it, so that nothing is lost when sending fails or the process dies.
//! The worker sends the rows.

use chrono::{DateTime, Utc};

use crate::crypto;
use crate::db::deliveries::NewDelivery;
use crate::db::AnyConnection;
use crate::error::AppError;

/// A rendered message waiting to be queued.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingMail {
    pub to_name: Option<String>,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl OutgoingMail {
    /// The recipient as one header-safe mailbox string: `Name <address>` or the address.
    pub fn recipient(&self) -> String {
        match &self.to_name {
            Some(name) if !name.trim().is_empty() => {
                format!("\"{}\" <{}>", header_safe(name).replace(['"', '\\'], ""), self.to_address)
            }
            _ => self.to_address.clone(),
        }
    }
}

/// Text fit for a header: control characters (CR and LF among them) become spaces, so that
/// what a member typed can never start a new header line.
pub fn header_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Queues a transactional message (confirmations, decisions) for the worker.
pub fn enqueue(conn: &mut AnyConnection, mail: &OutgoingMail, host: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let message_id = format!("<{}@{}>", crypto::random_token().replace(['-', '_'], "x"), host);
    NewDelivery {
        kind: "transactional",
        digest_id: None,
        subscriber_id: None,
        recipient: &mail.recipient(),
        subject: &header_safe(&mail.subject),
        body_text: &mail.text,
        body_html: mail.html.as_deref(),
        message_id: &message_id,
        status: "queued",
        attempts: 0,
        next_attempt_at: now.naive_utc(),
        created_at: now.naive_utc(),
    }
    .insert(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_cannot_break_lines() {
        assert_eq!(header_safe("Hi\r\nBcc: victim@example.org"), "Hi Bcc: victim@example.org");
        let mail = OutgoingMail {
            to_name: Some("Eve\r\nBcc: x@y.org \"quoted\"".into()),
            to_address: "eve@example.org".into(),
            subject: String::new(),
            text: String::new(),
            html: None,
        };
        assert_eq!(mail.recipient(), "\"Eve Bcc: x@y.org quoted\" <eve@example.org>");
    }
}
