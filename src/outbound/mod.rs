//! The one HTTP client for everything the service fetches from the internet: the pages members
//! link to, their thumbnails, oEmbed answers, link checks. http(s) only, the web's ports, no
//! credentials, at most `max_redirects` redirects each checked like the first address, a time
//! budget and a body cap per fetch, the content types the caller wants, and a User-Agent that
//! names the club. Addresses are checked by [`guard`] before any connection.

pub mod guard;
pub mod metadata;
pub mod thumbnails;

use std::time::Duration;

use url::Url;

pub use self::guard::Guard;
use crate::config::OutboundSettings;

/// What a fetch is for, and so which content types it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// An HTML page.
    Page,
    /// An image (checked again by decoding it).
    Image,
    /// An oEmbed answer.
    Json,
    /// Only the status (a link check), asked with HEAD: nothing of the body is read.
    Status,
    /// Only the status, asked with GET (for sites that do not answer HEAD).
    Probe,
    /// A PEM certificate (a mail provider's signing certificate), checked again by parsing it.
    Certificate,
}

impl Want {
    fn accept(self) -> &'static str {
        match self {
            Want::Page => "text/html,application/xhtml+xml;q=0.9",
            Want::Image => "image/webp,image/png,image/jpeg,image/gif;q=0.9",
            Want::Json => "application/json",
            Want::Status | Want::Probe => "text/html,*/*;q=0.5",
            Want::Certificate => "application/x-pem-file,application/x-x509-ca-cert,*/*;q=0.5",
        }
    }

    fn takes(self, content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match self {
            Want::Page => matches!(essence.as_str(), "text/html" | "application/xhtml+xml"),
            Want::Image => essence.starts_with("image/"),
            Want::Json => essence == "application/json" || essence.ends_with("+json") || essence == "text/json",
            Want::Status | Want::Probe | Want::Certificate => true,
        }
    }
}

/// A fetched response: where it ended up after redirects, and its body up to the cap.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub url: Url,
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// The body was longer than the cap and was cut there.
    pub truncated: bool,
}

/// Why nothing usable came back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("fetching links is switched off")]
    Disabled,
    #[error("not fetched: {0}")]
    Refused(String),
    #[error("no answer within the time allowed")]
    Timeout,
    #[error("the site answered {0}")]
    Status(u16),
    #[error("the link is not {0} but {1}")]
    NotWanted(&'static str, String),
    #[error("the site could not be reached: {0}")]
    Network(String),
}

/// The client, built once and shared.
#[derive(Clone)]
pub struct Outbound {
    client: Option<reqwest::Client>,
    guard: Guard,
    max_body: usize,
    timeout: Duration,
}

impl Outbound {
    pub fn new(settings: &OutboundSettings, base_url: &str) -> Result<Outbound, String> {
        let guard = Guard { allow_private_networks: settings.allow_private_networks };
        let timeout = Duration::from_millis(settings.timeout_ms);
        let client = if settings.enabled {
            let max_redirects = settings.max_redirects;
            let redirects = reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() > max_redirects {
                    return attempt.error(format!("more than {max_redirects} redirects"));
                }
                match guard.check_url(attempt.url()) {
                    Ok(()) => attempt.follow(),
                    Err(reason) => attempt.error(reason),
                }
            });
            let client = reqwest::Client::builder()
                .user_agent(format!("ContentClub/{} (+{base_url})", env!("CARGO_PKG_VERSION")))
                .redirect(redirects)
                .dns_resolver(guard::resolver(guard))
                .no_proxy()
                .timeout(timeout)
                .connect_timeout(timeout)
                .pool_idle_timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| format!("outbound: cannot build the HTTP client: {e}"))?;
            Some(client)
        } else {
            None
        };
        Ok(Outbound { client, guard, max_body: settings.max_body_bytes, timeout })
    }

    pub fn enabled(&self) -> bool {
        self.client.is_some()
    }

    /// GETs `url` (or HEADs it, for a status) within the time budget, or the smaller `budget`
    /// given; reads the body up to the cap.
    pub async fn fetch(&self, url: &str, want: Want, budget: Option<Duration>) -> Result<Fetched, FetchError> {
        let client = self.client.as_ref().ok_or(FetchError::Disabled)?;
        let parsed = Url::parse(url).map_err(|_| FetchError::Refused("not a link".into()))?;
        self.guard.check_url(&parsed).map_err(FetchError::Refused)?;
        let budget = budget.unwrap_or(self.timeout).min(self.timeout);
        let method = if want == Want::Status { reqwest::Method::HEAD } else { reqwest::Method::GET };
        let request = client.request(method, parsed).header(reqwest::header::ACCEPT, want.accept()).timeout(budget);
        let started = std::time::Instant::now();
        let mut response = request.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let url = response.url().clone();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let mut fetched = Fetched { url, status, content_type, body: Vec::new(), truncated: false };
        if matches!(want, Want::Status | Want::Probe) {
            return Ok(fetched);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        if !want.takes(&fetched.content_type) {
            let wanted = match want {
                Want::Page => "a web page",
                Want::Image => "an image",
                _ => "JSON",
            };
            return Err(FetchError::NotWanted(wanted, fetched.content_type));
        }
        // The body arrives in chunks; reading stops at the cap, and the rest is never asked for.
        loop {
            let left = budget.saturating_sub(started.elapsed());
            let chunk = match tokio::time::timeout(left, response.chunk()).await {
                Err(_) => return Err(FetchError::Timeout),
                Ok(chunk) => chunk.map_err(classify)?,
            };
            let Some(chunk) = chunk else { break };
            let room = self.max_body - fetched.body.len();
            if chunk.len() > room {
                fetched.body.extend_from_slice(&chunk[..room]);
                fetched.truncated = true;
                break;
            }
            fetched.body.extend_from_slice(&chunk);
        }
        Ok(fetched)
    }
}

/// What a receiver answered a POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub status: u16,
    /// Its `Retry-After` header, as sent.
    pub retry_after: Option<String>,
    /// The first bytes of its answer, as text (for the delivery log; never shown as HTML).
    pub excerpt: String,
}

/// The most of an answer kept for the delivery log.
const EXCERPT_BYTES: usize = 512;

impl Outbound {
    /// POSTs `body` with `headers` under the same rules as every fetch (the address checked, the
    /// budget); reads at most the first bytes of the answer.
    pub async fn post(&self, url: &str, body: Vec<u8>, headers: &[(String, String)]) -> Result<Posted, FetchError> {
        let client = self.client.as_ref().ok_or(FetchError::Disabled)?;
        let parsed = Url::parse(url).map_err(|_| FetchError::Refused("not a link".into()))?;
        self.guard.check_url(&parsed).map_err(FetchError::Refused)?;
        let mut request = client.post(parsed).body(body);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let started = std::time::Instant::now();
        let mut response = request.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let retry_after =
            response.headers().get(reqwest::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let mut bytes = Vec::new();
        while bytes.len() < EXCERPT_BYTES {
            let left = self.timeout.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, response.chunk()).await {
                Ok(Ok(Some(chunk))) => bytes.extend_from_slice(&chunk),
                _ => break,
            }
        }
        bytes.truncate(EXCERPT_BYTES);
        let excerpt: String =
            String::from_utf8_lossy(&bytes).chars().filter(|c| !c.is_control() || *c == '\n').collect();
        Ok(Posted { status, retry_after, excerpt })
    }
}

/// A client error as the reason a person can read.
fn classify(err: reqwest::Error) -> FetchError {
    if err.is_timeout() {
        return FetchError::Timeout;
    }
    // The guard's refusals come back wrapped (from the resolver or the redirect policy).
    let mut source: Option<&dyn std::error::Error> = Some(&err);
    let mut innermost = err.to_string();
    while let Some(e) = source {
        innermost = e.to_string();
        source = e.source();
    }
    if err.is_redirect() || innermost.contains("not a public address") || innermost.contains("is this machine") {
        return FetchError::Refused(innermost);
    }
    FetchError::Network(innermost)
}
