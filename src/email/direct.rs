//! The SMTP sender: a pool of our own connections to the relay, each with TCP_NODELAY set.
//!
//! Why: lettre writes a message's body and the closing `.` in two writes on a socket with
//! Nagle's algorithm on; the second write waits for the server's delayed ACK, about 40 ms on
//! Linux. One connection then sends about 23 messages a second however fast the relay is, and
//! TLS changes nothing about it. lettre does not set TCP_NODELAY, but it accepts a stream we
//! connect ourselves; this sender connects with the delay removed and lets lettre speak SMTP,
//! STARTTLS and AUTH on it. For `smtps://` the stream is wrapped in TLS (rustls, the same
//! library and roots lettre uses for STARTTLS) before the relay's greeting.
//!
//! An idle connection is not trusted blindly: relays close sessions that stay idle (Postfix
//! after 300 s, many providers sooner), and a closed one would fail the next message. One idle
//! for longer than [`CHECK_AFTER`] is asked `NOOP` first; one idle for longer than
//! [`IDLE_MAX`] is closed and replaced.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, Certificate, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

use super::SendError;

/// Idle longer than this, a connection is asked `NOOP` before it carries a message.
pub const CHECK_AFTER: Duration = Duration::from_secs(2);
/// Idle longer than this, a connection is closed rather than used again.
pub const IDLE_MAX: Duration = Duration::from_secs(60);

/// How the conversation with the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://HOST:PORT`: no TLS (a relay on this machine or a private network).
    Plain,
    /// `smtp://HOST:PORT?tls=required` (or `opportunistic`: only when the relay offers it).
    StartTls { required: bool },
    /// `smtps://HOST:PORT`: TLS from the first byte.
    Implicit,
}

/// Where mail goes and how: `email.smtp_url`, the credentials and the relay's CA.
pub struct Relay {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<Credentials>,
    /// Roots (PEM) for a relay certified by a private CA, beside the system's.
    pub ca_pem: Option<Vec<u8>>,
}

impl Relay {
    /// Reads `url` (`smtp://`, `smtps://`, `?tls=required|opportunistic`, an optional
    /// `user:password@`); `username`, when given, wins over the address's.
    pub fn parse(url: &str, username: &str, password: &str) -> Result<Relay, String> {
        let url = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or("names no host")?;
        let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
        let mut tls = None;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") => tls = Some(Security::StartTls { required: true }),
                ("tls", "opportunistic") => tls = Some(Security::StartTls { required: false }),
                ("tls", "none") => tls = Some(Security::Plain),
                _ => return Err(format!("unknown parameter {key}={value} (tls=required, opportunistic or none)")),
            }
        }
        let (security, default_port) = match (url.scheme(), tls) {
            ("smtp", tls) => (tls.unwrap_or(Security::Plain), 25),
            ("smtps", None) => (Security::Implicit, 465),
            ("smtps", Some(_)) => return Err("smtps:// is TLS already; tls= belongs to smtp://".into()),
            (other, _) => return Err(format!("{other}:// is not smtp:// or smtps://")),
        };
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        let credentials = if !username.is_empty() {
            Some(Credentials::new(username.to_owned(), password.to_owned()))
        } else if !url.username().is_empty() {
            Some(Credentials::new(decode(url.username()), decode(url.password().unwrap_or_default())))
        } else {
            None
        };
        Ok(Relay { host, port: url.port().unwrap_or(default_port), security, credentials, ca_pem: None })
    }

    /// TLS from the first byte (`smtps://`): the system's roots and the configured CA.
    fn implicit_tls(&self) -> Result<(TlsConnector, ServerName<'static>), String> {
        let mut roots = RootCertStore::empty();
        for cert in rustls_native_certs::load_native_certs().certs {
            // A system certificate rustls cannot use is one root fewer, not a failure.
            let _ = roots.add(cert);
        }
        for cert in self.ca_certificates()? {
            roots.add(cert).map_err(|e| format!("the CA file: {e}"))?;
        }
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let name = ServerName::try_from(self.host.clone()).map_err(|e| format!("TLS: {e}"))?;
        Ok((TlsConnector::from(Arc::new(config)), name))
    }

    /// STARTTLS, through lettre.
    fn tls(&self) -> Result<TlsParameters, String> {
        let mut builder = TlsParameters::builder(self.host.clone());
        for cert in self.ca_certificates()? {
            let ca = Certificate::from_der(cert.to_vec()).map_err(|e| format!("the CA file: {e}"))?;
            builder = builder.add_root_certificate(ca);
        }
        builder.build_rustls().map_err(|e| format!("TLS: {e}"))
    }

    /// The certificates of the configured CA file; none when there is no file, an error when
    /// the file holds none.
    fn ca_certificates(&self) -> Result<Vec<CertificateDer<'static>>, String> {
        let Some(pem) = &self.ca_pem else { return Ok(Vec::new()) };
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("not a PEM certificate: {e}"))?;
        if certs.is_empty() {
            return Err("holds no PEM certificate".into());
        }
        Ok(certs)
    }
}

/// A TLS stream, as the stream lettre's SMTP client speaks on.
#[derive(Debug)]
struct Encrypted(TlsStream<TcpStream>);

impl AsyncRead for Encrypted {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Encrypted {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for Encrypted {
    fn peer_addr(&self) -> std::io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

struct Idle {
    connection: AsyncSmtpConnection,
    since: Instant,
}

/// The TLS a relay is spoken to with, set up once.
enum Encryption {
    None,
    Upgrade(TlsParameters),
    FromStart(TlsConnector, ServerName<'static>),
}

pub struct DirectSmtp {
    relay: Relay,
    tls: Encryption,
    address: String,
    hello: ClientId,
    timeout: Duration,
    idle: Mutex<Vec<Idle>>,
    slots: Semaphore,
}

impl DirectSmtp {
    /// Fails when the relay's TLS cannot be set up (a CA file that is not a certificate).
    pub fn new(relay: Relay, connections: u32, timeout: Duration) -> Result<DirectSmtp, String> {
        let tls = match relay.security {
            Security::Plain => Encryption::None,
            Security::StartTls { .. } => Encryption::Upgrade(relay.tls()?),
            Security::Implicit => {
                let (connector, name) = relay.implicit_tls()?;
                Encryption::FromStart(connector, name)
            }
        };
        let address = if relay.host.contains(':') {
            format!("[{}]:{}", relay.host, relay.port)
        } else {
            format!("{}:{}", relay.host, relay.port)
        };
        Ok(DirectSmtp {
            relay,
            tls,
            address,
            hello: ClientId::default(),
            timeout,
            idle: Mutex::new(Vec::new()),
            slots: Semaphore::new(connections.max(1) as usize),
        })
    }

    fn temporary(&self, what: &str) -> SendError {
        SendError::Temporary(format!("{} {what}", self.address))
    }

    async fn in_time<T, E: std::fmt::Display>(
        &self,
        what: &str,
        step: impl std::future::Future<Output = Result<T, E>>,
    ) -> Result<T, SendError> {
        tokio::time::timeout(self.timeout, step)
            .await
            .map_err(|_| self.temporary(&format!("did not answer in time ({what})")))?
            .map_err(|e| {
                SendError::Temporary(format!("{}: {what}: {}", self.address, crate::error::one_line(&e.to_string())))
            })
    }

    /// A relay that refuses the session itself (its greeting, the login) refuses no recipient:
    /// the message waits and is tried again, whatever the reply's code. A wrong password must
    /// not read as every subscriber's address bouncing.
    fn refused_session(&self, error: &lettre::transport::smtp::Error) -> SendError {
        SendError::Temporary(format!("{}: {}", self.address, crate::error::one_line(&error.to_string())))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let stream = self.in_time("connecting", TcpStream::connect(&self.address)).await?;
        stream.set_nodelay(true).map_err(|e| SendError::Temporary(e.to_string()))?;
        let transport: Box<dyn AsyncTokioStream> = match &self.tls {
            Encryption::FromStart(connector, name) => {
                Box::new(Encrypted(self.in_time("TLS", connector.connect(name.clone(), stream)).await?))
            }
            _ => Box::new(stream),
        };
        let mut connection =
            tokio::time::timeout(self.timeout, AsyncSmtpConnection::connect_with_transport(transport, &self.hello))
                .await
                .map_err(|_| self.temporary("did not greet in time"))?
                .map_err(|e| self.refused_session(&e))?;
        if let (Security::StartTls { required }, Encryption::Upgrade(parameters)) = (self.relay.security, &self.tls) {
            if connection.can_starttls() {
                self.in_time("STARTTLS", connection.starttls(parameters.clone(), &self.hello)).await?;
            } else if required {
                return Err(self.temporary("does not offer STARTTLS, which email.smtp_url requires"));
            }
        }
        if let Some(credentials) = &self.relay.credentials {
            let login = connection.auth(&[Mechanism::Plain, Mechanism::Login], credentials);
            tokio::time::timeout(self.timeout, login)
                .await
                .map_err(|_| self.temporary("did not answer the login in time"))?
                .map_err(|e| self.refused_session(&e))?;
        }
        Ok(connection)
    }

    /// A connection fit to carry a message: an idle one that is fresh or answers `NOOP`, else a
    /// new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SendError> {
        loop {
            let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let Some(Idle { mut connection, since }) = pooled else {
                return self.connect().await;
            };
            let idle = since.elapsed();
            if connection.has_broken() {
                continue;
            }
            if idle > IDLE_MAX {
                tokio::spawn(async move { connection.abort().await });
                continue;
            }
            if idle <= CHECK_AFTER
                || tokio::time::timeout(self.timeout, connection.test_connected()).await.unwrap_or(false)
            {
                return Ok(connection);
            }
        }
    }

    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        let _slot = self.slots.acquire().await.map_err(|e| SendError::Temporary(e.to_string()))?;
        let mut connection = self.connection().await?;
        let sent = tokio::time::timeout(self.timeout, connection.send(message.envelope(), &message.formatted())).await;
        match sent {
            Ok(Ok(_)) => {
                self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(Idle { connection, since: Instant::now() });
                Ok(())
            }
            // After a refusal the session may be mid-transaction: it is dropped, not reused.
            Ok(Err(e)) => Err(classify(&e)),
            Err(_) => Err(self.temporary("did not answer in time")),
        }
    }
}

fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    let text = crate::error::one_line(&error.to_string());
    if error.is_permanent() {
        SendError::Permanent(text)
    } else {
        SendError::Temporary(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_addresses_are_read_as_lettre_reads_them_and_odd_ones_refused() {
        let plain = Relay::parse("smtp://127.0.0.1:2525", "", "").expect("plain");
        assert_eq!((plain.host.as_str(), plain.port, plain.security), ("127.0.0.1", 2525, Security::Plain));
        assert!(plain.credentials.is_none());
        let starttls = Relay::parse("smtp://mail.example.org?tls=required", "", "").expect("STARTTLS");
        assert_eq!((starttls.port, starttls.security), (25, Security::StartTls { required: true }));
        let maybe = Relay::parse("smtp://mail.example.org:587?tls=opportunistic", "", "").expect("opportunistic");
        assert_eq!(maybe.security, Security::StartTls { required: false });
        let implicit = Relay::parse("smtps://club%40example.org:p%40ss@mail.example.org", "", "").expect("smtps");
        assert_eq!((implicit.port, implicit.security), (465, Security::Implicit));
        let login = implicit.credentials.expect("credentials from the address");
        assert_eq!(login, Credentials::new("club@example.org".into(), "p@ss".into()));
        let settings = Relay::parse("smtps://a:b@mail.example.org", "club", "secret").expect("settings win");
        assert_eq!(settings.credentials, Some(Credentials::new("club".into(), "secret".into())));
        for bad in [
            "smtp://mail.example.org?tls=sometimes",
            "smtp://mail.example.org?pool=3",
            "smtps://mail.example.org?tls=required",
            "http://mail.example.org",
            "smtp://",
        ] {
            assert!(Relay::parse(bad, "", "").is_err(), "{bad}");
        }
        let mut not_a_certificate = Relay::parse("smtps://x", "", "").expect("parsed");
        not_a_certificate.ca_pem = Some(b"[package]\nname = \"not a certificate\"\n".to_vec());
        assert!(DirectSmtp::new(not_a_certificate, 1, Duration::from_secs(1)).is_err());
    }
}
