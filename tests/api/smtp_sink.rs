//! A small SMTP server on loopback for tests: it speaks enough RFC 5321 for lettre, keeps what
//! it receives, and can refuse chosen recipients with 550. As a provider's relay it requires TLS
//! (STARTTLS, or from the first byte) with the certificate in tests/fixtures/smtp, and a login.

use std::sync::{Arc, Mutex};

use base64::Engine;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

#[derive(Debug, Clone)]
#[allow(dead_code)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    /// Whether the message came over TLS.
    pub tls: bool,
    /// Who logged in to send it.
    pub user: Option<String>,
}

/// What a relay that providers run asks for.
#[derive(Clone)]
struct Guarded {
    acceptor: TlsAcceptor,
    implicit: bool,
    user: String,
    password: String,
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Mutex<Vec<String>>>,
    delay_ms: Arc<std::sync::atomic::AtomicU64>,
    guarded: Option<Guarded>,
    /// Sessions opened (connections accepted).
    sessions: Arc<std::sync::atomic::AtomicUsize>,
    /// Close each connection after the message it carried (a relay that drops idle sessions).
    hang_up: Arc<std::sync::atomic::AtomicBool>,
}

/// The test relay's CA, for `email.smtp_ca_file`.
#[allow(dead_code)]
pub const CA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/smtp/ca.pem");

/// Where a session stands.
#[derive(Default)]
struct Conversation {
    tls: bool,
    user: Option<String>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on(0).await
    }

    /// A sink on a chosen port (0: any free one).
    pub async fn start_on(port: u16) -> SmtpSink {
        Self::listen(port, None).await
    }

    /// A relay as providers run them: TLS first (STARTTLS, or from the first byte when
    /// `implicit`), then a login as `user`, before it takes any mail.
    #[allow(dead_code)]
    pub async fn start_guarded(implicit: bool, user: &str, password: &str) -> SmtpSink {
        let fixture = |name: &str| {
            std::fs::read(format!("{}/tests/fixtures/smtp/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
        };
        let certs =
            CertificateDer::pem_slice_iter(&fixture("relay.pem")).collect::<Result<Vec<_>, _>>().expect("certs");
        let key = PrivateKeyDer::from_pem_slice(&fixture("relay.key")).expect("key");
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .expect("certificate");
        let guarded = Guarded {
            acceptor: TlsAcceptor::from(Arc::new(config)),
            implicit,
            user: user.to_owned(),
            password: password.to_owned(),
        };
        Self::listen(0, Some(guarded)).await
    }

    async fn listen(port: u16, guarded: Option<Guarded>) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind sink");
        let sink = SmtpSink { port: listener.local_addr().expect("addr").port(), guarded, ..SmtpSink::default() };
        let inner = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = inner.clone();
                sink.sessions.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                tokio::spawn(async move { sink.serve(stream).await });
            }
        });
        sink
    }

    /// The address to give `email.smtp_url`: plain, or TLS as the relay asks for it.
    pub fn url(&self) -> String {
        match &self.guarded {
            None => format!("smtp://127.0.0.1:{}", self.port),
            Some(g) if g.implicit => format!("smtps://localhost:{}", self.port),
            Some(_) => format!("smtp://localhost:{}?tls=required", self.port),
        }
    }

    /// From now on, close each connection once its message is taken, without a word.
    #[allow(dead_code)]
    pub fn hang_up_after_each_message(&self) {
        self.hang_up.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many connections the relay has accepted.
    #[allow(dead_code)]
    pub fn sessions(&self) -> usize {
        self.sessions.load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn serve(&self, stream: tokio::net::TcpStream) {
        let Some(guarded) = &self.guarded else {
            self.session(stream, &mut Conversation::default(), true).await;
            return;
        };
        let mut conversation = Conversation::default();
        if guarded.implicit {
            let Ok(tls) = guarded.acceptor.accept(stream).await else { return };
            conversation.tls = true;
            self.session(tls, &mut conversation, true).await;
        } else if let Some(plain) = self.session(stream, &mut conversation, true).await {
            let Ok(tls) = guarded.acceptor.accept(plain).await else { return };
            conversation.tls = true;
            self.session(tls, &mut conversation, false).await;
        }
    }

    /// Answer 550 to RCPT TO for this address.
    #[allow(dead_code)]
    pub fn refuse(&self, address: &str) {
        self.refuse.lock().expect("lock").push(address.to_lowercase());
    }

    /// Wait this long before accepting each message (a slow relay).
    #[allow(dead_code)]
    pub fn slow_down(&self, ms: u64) {
        self.delay_ms.store(ms, std::sync::atomic::Ordering::Relaxed);
    }

    #[allow(dead_code)]
    pub fn count(&self) -> usize {
        self.received.lock().expect("lock").len()
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// One conversation on `stream`; the stream back when the client asked for STARTTLS.
    async fn session<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        stream: S,
        conversation: &mut Conversation,
        greet: bool,
    ) -> Option<S> {
        let mut lines = BufReader::new(stream);
        if greet {
            let _ = say(&mut lines, b"220 sink.test ESMTP\r\n").await;
        }
        let guarded = self.guarded.as_ref();
        let mut from = String::new();
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                return None;
            }
            let command = line.trim_end().to_owned();
            let upper = command.to_uppercase();
            let needs_tls = guarded.is_some() && !conversation.tls;
            let reply: String = if upper.starts_with("EHLO") {
                let offer = match guarded {
                    Some(_) if needs_tls => "250-STARTTLS\r\n",
                    Some(_) => "250-AUTH PLAIN\r\n",
                    None => "",
                };
                format!("250-sink.test\r\n{offer}250-8BITMIME\r\n250 SMTPUTF8\r\n")
            } else if upper.starts_with("HELO") {
                "250 sink.test\r\n".into()
            } else if upper == "STARTTLS" && needs_tls {
                let _ = say(&mut lines, b"220 2.0.0 Ready to start TLS\r\n").await;
                return Some(lines.into_inner());
            } else if upper.starts_with("AUTH PLAIN ") && guarded.is_some() {
                let guarded = guarded.expect("guarded");
                let given = base64::engine::general_purpose::STANDARD.decode(command[11..].trim()).unwrap_or_default();
                let expected = format!("\0{}\0{}", guarded.user, guarded.password);
                if needs_tls {
                    "538 5.7.11 Encryption required\r\n".into()
                } else if given == expected.as_bytes() {
                    conversation.user = Some(guarded.user.clone());
                    "235 2.7.0 Authentication successful\r\n".into()
                } else {
                    "535 5.7.8 Authentication credentials invalid\r\n".into()
                }
            } else if upper.starts_with("MAIL FROM:") && needs_tls {
                "530 5.7.0 Must issue a STARTTLS command first\r\n".into()
            } else if upper.starts_with("MAIL FROM:") && guarded.is_some() && conversation.user.is_none() {
                "530 5.7.0 Authentication required\r\n".into()
            } else if upper.starts_with("MAIL FROM:") {
                from = command[10..].trim().to_owned();
                to.clear();
                "250 OK\r\n".into()
            } else if upper.starts_with("RCPT TO:") {
                let address = command[8..].trim().trim_matches(['<', '>']).to_lowercase();
                if self.refuse.lock().expect("lock").contains(&address) {
                    "550 5.1.1 No such user\r\n".into()
                } else {
                    to.push(address);
                    "250 OK\r\n".into()
                }
            } else if upper == "DATA" {
                let _ = say(&mut lines, b"354 End data with <CR><LF>.<CR><LF>\r\n").await;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return None;
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.push_str(unstuffed);
                }
                let delay = self.delay_ms.load(std::sync::atomic::Ordering::Relaxed);
                if delay > 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
                }
                self.received.lock().expect("lock").push(Received {
                    from: from.clone(),
                    to: to.clone(),
                    data,
                    tls: conversation.tls,
                    user: conversation.user.clone(),
                });
                "250 OK queued\r\n".into()
            } else if upper == "RSET" || upper == "NOOP" {
                "250 OK\r\n".into()
            } else if upper == "QUIT" {
                let _ = say(&mut lines, b"221 Bye\r\n").await;
                return None;
            } else {
                "502 Command not implemented\r\n".into()
            };
            if say(&mut lines, reply.as_bytes()).await.is_err() {
                return None;
            }
            if upper == "DATA" && self.hang_up.load(std::sync::atomic::Ordering::Relaxed) {
                return None;
            }
        }
    }
}

/// Writes a reply and sends it at once (a TLS stream holds what is written until flushed).
async fn say<S: AsyncWrite + Unpin>(stream: &mut S, reply: &[u8]) -> std::io::Result<()> {
    stream.write_all(reply).await?;
    stream.flush().await
}

/// The headers of a raw message (unfolded), in order.
pub fn headers(raw: &str) -> Vec<(String, String)> {
    let head = raw.split("\r\n\r\n").next().unwrap_or("");
    let mut out: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            out.push((name.to_owned(), value.trim().to_owned()));
        }
    }
    out
}

pub fn header(raw: &str, name: &str) -> Option<String> {
    headers(raw).into_iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

fn decode_body(part_headers: &str, body: &str) -> String {
    let encoding = part_headers
        .lines()
        .find(|l| l.to_lowercase().starts_with("content-transfer-encoding:"))
        .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_lowercase())
        .unwrap_or_default();
    match encoding.as_str() {
        "base64" => {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default())
                .into_owned()
        }
        "quoted-printable" => {
            let joined = body.replace("=\r\n", "");
            let bytes = joined.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'=' && i + 2 < bytes.len() {
                    if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                }
                out.push(bytes[i]);
                i += 1;
            }
            String::from_utf8_lossy(&out).into_owned()
        }
        _ => body.to_owned(),
    }
}

/// The decoded text of the part with this content type (`text/plain` or `text/html`).
pub fn part(raw: &str, content_type: &str) -> Option<String> {
    for chunk in raw.split("\r\n--") {
        let Some((part_headers, body)) = chunk.split_once("\r\n\r\n") else {
            continue;
        };
        if part_headers.to_lowercase().contains(&format!("content-type: {content_type}")) {
            let body = body.split("\r\n--").next().unwrap_or(body);
            return Some(decode_body(part_headers, body));
        }
    }
    None
}

/// The first link in the text part that contains `needle`.
pub fn link_containing(raw: &str, needle: &str) -> Option<String> {
    let text = part(raw, "text/plain")?;
    text.split_whitespace().find(|w| w.contains(needle) && w.starts_with("http")).map(str::to_owned)
}
