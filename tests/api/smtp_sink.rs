//! A small SMTP server on loopback for tests: it speaks enough RFC 5321 for lettre, keeps what
//! it receives, and can refuse chosen recipients with 550.

use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
#[allow(dead_code)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Mutex<Vec<String>>>,
    delay_ms: Arc<std::sync::atomic::AtomicU64>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on(0).await
    }

    /// A sink on a chosen port (0: any free one).
    pub async fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind sink");
        let sink = SmtpSink { port: listener.local_addr().expect("addr").port(), ..SmtpSink::default() };
        let inner = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = inner.clone();
                tokio::spawn(async move { sink.session(stream).await });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
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

    async fn session(&self, stream: tokio::net::TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        let _ = write.write_all(b"220 sink.test ESMTP\r\n").await;
        let mut from = String::new();
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_owned();
            let upper = command.to_uppercase();
            let reply: String = if upper.starts_with("EHLO") {
                "250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n".into()
            } else if upper.starts_with("HELO") {
                "250 sink.test\r\n".into()
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
                let _ = write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
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
                self.received.lock().expect("lock").push(Received { from: from.clone(), to: to.clone(), data });
                "250 OK queued\r\n".into()
            } else if upper == "RSET" || upper == "NOOP" {
                "250 OK\r\n".into()
            } else if upper == "QUIT" {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            } else {
                "502 Command not implemented\r\n".into()
            };
            if write.write_all(reply.as_bytes()).await.is_err() {
                return;
            }
        }
    }
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
