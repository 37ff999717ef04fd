//! Building and sending mail with lettre. The mailer is an enum of transports: SMTP for
//! production, `.eml` files for the embedded default, memory for tests.

pub mod compose;
pub mod direct;
pub mod reports;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::message::{header, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::EmailSettings;

/// A rendered message for one recipient, waiting to be queued in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingMail {
    pub to_name: Option<String>,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// The language it is written in (a tag), for `Content-Language`.
    pub language: String,
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

/// Why a message was not sent, as the outbox needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Try again later: connection trouble, a 4xx answer, a timeout.
    Temporary(String),
    /// Do not try again: the server refused for good (5xx), or the message cannot be built.
    Permanent(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Temporary(m) => write!(f, "temporary: {m}"),
            SendError::Permanent(m) => write!(f, "permanent: {m}"),
        }
    }
}

/// A message as the outbox stores it.
pub struct MailParts<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    pub message_id: &'a str,
    /// Further headers, e.g. List-Unsubscribe; names are ASCII, values header-safe.
    pub extra_headers: &'a [(&'static str, String)],
    /// The envelope sender, where bounces go; empty means the `from` address.
    pub bounce_address: &'a str,
}

/// Builds a MIME message: plain text, or multipart/alternative with an HTML twin.
pub fn build_message(parts: &MailParts<'_>) -> Result<Message, SendError> {
    let from: Mailbox = parts.from.parse().map_err(|e| SendError::Permanent(format!("bad sender: {e}")))?;
    let to: Mailbox = parts.to.parse().map_err(|e| SendError::Permanent(format!("bad recipient: {e}")))?;
    let mut builder = Message::builder();
    if !parts.bounce_address.is_empty() {
        let bounces: lettre::Address =
            parts.bounce_address.parse().map_err(|e| SendError::Permanent(format!("bad bounce address: {e}")))?;
        let envelope = lettre::address::Envelope::new(Some(bounces), vec![to.email.clone()])
            .map_err(|e| SendError::Permanent(format!("bad envelope: {e}")))?;
        builder = builder.envelope(envelope);
    }
    let builder =
        builder.from(from).to(to).subject(parts.subject).message_id(Some(parts.message_id.to_owned())).date_now();
    let message = match parts.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(parts.text.to_owned(), html.to_owned())),
        None => builder
            .singlepart(SinglePart::builder().header(header::ContentType::TEXT_PLAIN).body(parts.text.to_owned())),
    };
    let mut message = message.map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
    for (name, value) in parts.extra_headers {
        let name = header::HeaderName::new_from_ascii((*name).to_owned())
            .map_err(|e| SendError::Permanent(format!("bad header name {name}: {e}")))?;
        let value = header_safe(value);
        message.headers_mut().insert_raw(header::HeaderValue::new(name, value));
    }
    Ok(message)
}

/// The configured transport.
#[derive(Clone)]
pub enum Mailer {
    /// SMTP to the relay (plain, STARTTLS or TLS, with or without a login), over our own
    /// no-delay connections.
    Direct(Arc<direct::DirectSmtp>),
    File(AsyncFileTransport<Tokio1Executor>),
    Memory(Arc<Mutex<Vec<Message>>>),
}

impl Mailer {
    pub fn from_settings(settings: &EmailSettings) -> Result<Mailer, String> {
        match settings.transport.as_str() {
            "smtp" => {
                let mut relay =
                    direct::Relay::parse(&settings.smtp_url, &settings.smtp_username, &settings.smtp_password)
                        .map_err(|e| format!("email.smtp_url: {e}"))?;
                if !settings.smtp_ca_file.is_empty() {
                    let pem = std::fs::read(&settings.smtp_ca_file)
                        .map_err(|e| format!("email.smtp_ca_file: cannot read {}: {e}", settings.smtp_ca_file))?;
                    relay.ca_pem = Some(pem);
                }
                let sender = direct::DirectSmtp::new(
                    relay,
                    settings.pool_size,
                    Duration::from_secs(settings.smtp_timeout_seconds),
                )
                .map_err(|e| format!("email.smtp_ca_file: {e}"))?;
                Ok(Mailer::Direct(Arc::new(sender)))
            }
            _ => {
                std::fs::create_dir_all(&settings.file_dir)
                    .map_err(|e| format!("email.file_dir: cannot create {}: {e}", settings.file_dir.display()))?;
                Ok(Mailer::File(AsyncFileTransport::new(&settings.file_dir)))
            }
        }
    }

    pub fn memory() -> Mailer {
        Mailer::Memory(Arc::new(Mutex::new(Vec::new())))
    }

    /// Messages a memory mailer holds.
    pub fn sent(&self) -> Vec<Message> {
        match self {
            Mailer::Memory(store) => store.lock().unwrap_or_else(|p| p.into_inner()).clone(),
            _ => Vec::new(),
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Mailer::Direct(direct) => direct.send(&message).await,
            Mailer::File(transport) => {
                transport.send(message).await.map(|_| ()).map_err(|e| SendError::Temporary(e.to_string()))
            }
            Mailer::Memory(store) => {
                store.lock().unwrap_or_else(|p| p.into_inner()).push(message);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(subject: &'a str, html: Option<&'a str>) -> MailParts<'a> {
        MailParts {
            from: "Club <club@example.org>",
            to: "\"Ada\" <ada@example.org>",
            subject,
            text: "Hello <b>text</b>",
            html,
            message_id: "<abc@example.org>",
            extra_headers: &[],
            bounce_address: "",
        }
    }

    #[tokio::test]
    async fn the_memory_mailer_keeps_multipart_messages() {
        let mailer = Mailer::memory();
        let message = build_message(&parts("Hi", Some("<p>Hello</p>"))).expect("builds");
        mailer.send(message).await.expect("sent");
        let sent = mailer.sent();
        assert_eq!(sent.len(), 1);
        let raw = String::from_utf8(sent[0].formatted()).expect("utf8");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("Message-ID: <abc@example.org>"), "{raw}");
    }

    #[test]
    fn relay_settings_that_cannot_work_are_refused_naming_their_key() {
        let mut settings = crate::config::Settings::load(None).expect("defaults").email;
        settings.transport = "smtp".into();
        settings.smtp_url = "smtp://x?tls=required".into();
        settings.smtp_ca_file = "/no/such/ca.pem".into();
        let refused = Mailer::from_settings(&settings).err().expect("refused");
        assert!(refused.starts_with("email.smtp_ca_file: cannot read /no/such/ca.pem"), "{refused}");
        settings.smtp_ca_file = "Cargo.toml".into();
        let refused = Mailer::from_settings(&settings).err().expect("refused");
        assert!(refused.starts_with("email.smtp_ca_file: "), "{refused}");
        settings.smtp_url = "smtp://x?tls=sometimes".into();
        let refused = Mailer::from_settings(&settings).err().expect("refused");
        assert!(refused.starts_with("email.smtp_url: unknown parameter"), "{refused}");
    }

    #[test]
    fn header_text_cannot_break_lines() {
        assert_eq!(header_safe("Hi\r\nBcc: victim@example.org"), "Hi Bcc: victim@example.org");
        let mail = OutgoingMail {
            to_name: Some("Eve\r\nBcc: x@y.org \"quoted\"".into()),
            to_address: "eve@example.org".into(),
            subject: String::new(),
            text: String::new(),
            html: None,
            language: "en".into(),
        };
        assert_eq!(mail.recipient(), "\"Eve Bcc: x@y.org quoted\" <eve@example.org>");
    }

    #[test]
    fn a_subject_cannot_add_headers() {
        let message = build_message(&parts("Hi\r\nBcc: victim@example.org", None)).expect("builds");
        let raw = String::from_utf8(message.formatted()).expect("utf8");
        assert!(!raw.lines().any(|l| l.starts_with("Bcc:")), "{raw}");
    }
}
