//! A small web site on loopback for the link tests, shaped like the pages the club really
//! receives: a video page with oEmbed, a newsletter post with OpenGraph and JSON-LD, a social
//! network that answers 999, a page with only a title, a short link's redirect chain, a redirect
//! to the cloud metadata address, a slow page, a 50 MB page, a PNG that calls itself HTML, pages
//! whose answers the test changes (for the dead-link check), and a mail provider's signing
//! certificate. Written on raw TCP so that each misbehaviour is exactly what it says; it runs on
//! a thread and runtime of its own.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Clone)]
pub struct FixtureSite {
    pub base: String,
    /// Bytes of the 50 MB page actually written before the client hung up.
    pub huge_bytes_sent: Arc<AtomicU64>,
    /// Requests seen, by path.
    pub hits: Arc<Mutex<HashMap<String, usize>>>,
    /// Status codes the test sets for paths under /status/.
    pub statuses: Arc<Mutex<HashMap<String, u16>>>,
}

/// A small PNG.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 160]));
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

impl FixtureSite {
    pub fn start() -> FixtureSite {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let site = FixtureSite {
            base: format!("http://127.0.0.1:{port}"),
            huge_bytes_sent: Arc::default(),
            hits: Arc::default(),
            statuses: Arc::default(),
        };
        crate::helpers::serve_in_background(listener, site.clone(), |site: FixtureSite, stream| async move {
            site.serve(stream).await
        });
        site
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn set_status(&self, path: &str, status: u16) {
        self.statuses.lock().expect("lock").insert(path.to_owned(), status);
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().expect("lock").get(path).copied().unwrap_or(0)
    }

    async fn serve(&self, mut stream: TcpStream) {
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&request).into_owned();
        let mut first = text.lines().next().unwrap_or("").split_whitespace();
        let (method, target) = (first.next().unwrap_or("GET").to_owned(), first.next().unwrap_or("/").to_owned());
        let path = target.split('?').next().unwrap_or("/").to_owned();
        *self.hits.lock().expect("lock").entry(path.clone()).or_default() += 1;
        let base = self.base.clone();
        let html = |body: String| (200, "text/html; charset=utf-8".to_owned(), body.into_bytes());
        let (status, content_type, body) = match path.as_str() {
            "/watch" => html(format!(
                r#"<!doctype html><html><head><title>Platform talk - YouTube</title>
                <link rel="alternate" type="application/json+oembed" href="{base}/oembed?url=watch">
                </head><body>video</body></html>"#
            )),
            "/oembed" => (
                200,
                "application/json".into(),
                format!(
                    r#"{{"type":"video","version":"1.0","title":"Platform engineering in 10 minutes","author_name":"Ada Lovelace","provider_name":"YouTube","thumbnail_url":"{base}/img/video.png"}}"#
                )
                .into_bytes(),
            ),
            "/p/platforms" => html(format!(
                r#"<!doctype html><html><head><title>ignored</title>
                <meta property="og:title" content="Platforms as products">
                <meta property="og:description" content="What a year of running our platform as a product taught us.">
                <meta property="og:site_name" content="The Platform Letter">
                <meta property="og:image" content="/img/cover.png">
                <link rel="canonical" href="{base}/p/platforms">
                <script type="application/ld+json">{{"@context":"https://schema.org","@type":"Article","headline":"Platforms as products","author":{{"@type":"Person","name":"Grace Hopper"}},"datePublished":"2025-03-04T08:00:00Z"}}</script>
                </head><body>post</body></html>"#
            )),
            "/linkedin/posts/ada" => (999, "text/html".into(), b"request denied".to_vec()),
            "/plain" => html("<!doctype html><title>Only a title here</title><p>text".into()),
            "/short/abc" => redirect(&format!("{base}/r/1")),
            "/r/1" => redirect(&format!("{base}/p/platforms?utm_source=short&utm_medium=chat")),
            "/short/xyz" => redirect(&format!("{base}/plain?utm_source=short")),
            "/to-private" => redirect("http://169.254.169.254/latest/meta-data/"),
            "/slow" => {
                tokio::time::sleep(Duration::from_secs(10)).await;
                html("<title>Too late</title>".into())
            }
            "/huge" => return self.huge(stream).await,
            "/disguised" => (200, "text/html".into(), png(40, 40)),
            "/img/cover.png" | "/img/video.png" => (200, "image/png".into(), png(1200, 630)),
            // The certificate a mail provider's notifications are signed with (Amazon SNS).
            "/sns/SimpleNotificationService-test.pem" => (
                200,
                "application/x-x509-ca-cert".into(),
                include_bytes!("../fixtures/bounces/sns-test-cert.pem").to_vec(),
            ),
            p if p.starts_with("/status/") => {
                let status = self.statuses.lock().expect("lock").get(p).copied().unwrap_or(200);
                (status, "text/html".into(), format!("<title>{p}</title>").into_bytes())
            }
            _ => (404, "text/html".into(), b"<title>Not found</title>".to_vec()),
        };
        let reason = if status == 200 { "OK" } else { "Other" };
        let location =
            if (300..400).contains(&status) { String::from_utf8_lossy(&body).into_owned() } else { String::new() };
        let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nConnection: close\r\n");
        if !location.is_empty() {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        let body = if method == "HEAD" || !location.is_empty() { Vec::new() } else { body };
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(&body).await;
        let _ = stream.shutdown().await;
    }

    /// A page that claims and tries to send 50 MB, counting what it gets out.
    async fn huge(&self, mut stream: TcpStream) {
        const TOTAL: u64 = 50 * 1024 * 1024;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {TOTAL}\r\nConnection: close\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let start = b"<!doctype html><title>A very long page</title><p>";
        let mut sent = 0u64;
        if stream.write_all(start).await.is_ok() {
            sent += start.len() as u64;
        }
        let chunk = vec![b'x'; 64 * 1024];
        while sent < TOTAL {
            let n = chunk.len().min((TOTAL - sent) as usize);
            if stream.write_all(&chunk[..n]).await.is_err() {
                break;
            }
            sent += n as u64;
            self.huge_bytes_sent.store(sent, Ordering::SeqCst);
        }
        self.huge_bytes_sent.store(sent, Ordering::SeqCst);
    }
}

fn redirect(to: &str) -> (u16, String, Vec<u8>) {
    (302, "text/html".into(), to.as_bytes().to_vec())
}
