//! Typed settings: `config/default.toml` (compiled in), an optional file given with `--config`,
//! then `CONTENT_CLUB__SECTION__KEY` environment variables. Everything is validated before the
//! program does anything else; a bad value becomes one [`ConfigError`] that names the key.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use std::str::FromStr;

use chrono_tz::Tz;
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../config/default.toml");
const ENV_PREFIX: &str = "CONTENT_CLUB";

/// A configuration problem: the key and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl ConfigError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        ConfigError { key: key.to_owned(), message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "configuration: {}", self.message)
        } else {
            write!(f, "configuration key {}: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// All settings of one running service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub club: ClubSettings,
    pub security: SecuritySettings,
    pub rate_limit: RateLimitSettings,
    pub submissions: SubmissionSettings,
    pub worker: WorkerSettings,
    pub subscriptions: SubscriptionSettings,
    pub digest: DigestSettings,
    pub feeds: FeedSettings,
    pub search: SearchSettings,
    pub email: EmailSettings,
    pub metrics: MetricsSettings,
    pub outbound: OutboundSettings,
    pub links: LinkSettings,
    pub notifications: NotificationSettings,
    pub bounces: BounceSettings,
    pub web: WebSettings,
    pub log: LogSettings,
}

/// What the service may fetch from the internet (link metadata, thumbnails, link checks).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboundSettings {
    /// Fetch anything at all; off, links are taken as typed.
    pub enabled: bool,
    /// Loopback, private and unique-local addresses on any port (tests' fixture servers only).
    pub allow_private_networks: bool,
    pub timeout_ms: u64,
    pub max_body_bytes: usize,
    pub max_redirects: usize,
}

/// Where mail providers report bounces and complaints. Each provider's endpoint answers only
/// when its secret (or, for Amazon SES, its SNS topic) is set.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BounceSettings {
    /// The SNS topic ARNs whose notifications are taken, comma-separated.
    pub ses_topic_arns: String,
    /// Origins (`scheme://host:port`) that SNS signing certificates may come from besides
    /// `https://sns.<region>.amazonaws.com`, comma-separated (for tests).
    pub sns_certificate_origins: String,
    /// Mailgun's HTTP webhook signing key.
    pub mailgun_signing_key: String,
    /// The basic-auth user and password set in Postmark's webhook URL.
    pub postmark_username: String,
    pub postmark_password: String,
    /// SendGrid's signed Event Webhook verification key (base64, as the console shows it).
    pub sendgrid_public_key: String,
    /// Reports kept (for counting each once) this many days.
    pub keep_events_days: u32,
}

/// The comma-separated entries of a setting, trimmed, empty ones left out.
pub fn list(value: &str) -> Vec<&str> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty()).collect()
}

impl fmt::Debug for BounceSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |v: &str| if v.is_empty() { "" } else { "[redacted]" };
        f.debug_struct("BounceSettings")
            .field("ses_topic_arns", &self.ses_topic_arns)
            .field("sns_certificate_origins", &self.sns_certificate_origins)
            .field("mailgun_signing_key", &secret(&self.mailgun_signing_key))
            .field("postmark_username", &self.postmark_username)
            .field("postmark_password", &secret(&self.postmark_password))
            .field("sendgrid_public_key", &self.sendgrid_public_key)
            .field("keep_events_days", &self.keep_events_days)
            .finish()
    }
}

/// Delivering events to chat channels and webhooks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    /// The first wait before a retry; it doubles per attempt, up to six hours.
    pub retry_base_seconds: u32,
    /// Attempts before a notification is given up.
    pub max_attempts: u32,
    /// A destination failing without a success for this long is paused.
    pub pause_after_hours: u32,
    /// Notifications claimed (and sent at once) per round.
    pub batch_size: u32,
    /// How long a claim lasts; a sender that died is replaced after it.
    pub lease_seconds: u32,
    /// After a secret rotation, how long the old secret is still signed with.
    pub secret_overlap_hours: u32,
}

/// Link previews and the dead-link check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSettings {
    /// Previews one client address may ask for per minute.
    pub preview_per_ip_per_minute: u32,
    /// How long a fetched link's metadata is reused.
    pub preview_cache_hours: u32,
    /// How often the worker checks archived links (minutes between rounds); 0: never.
    pub check_every_minutes: u32,
    /// How long after its last check a link is checked again.
    pub recheck_after_days: u32,
    /// Links checked per round at most.
    pub checks_per_round: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: String,
    pub workers: usize,
    pub body_limit_bytes: usize,
    pub shutdown_timeout_seconds: u64,
    pub data_dir: PathBuf,
    pub run_worker: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub connect_timeout_seconds: u64,
    pub busy_timeout_ms: u32,
    /// SQLite only: how much of the database file is read through a memory map (MiB; 0: none).
    pub sqlite_mmap_mib: u32,
    /// Writes waiting for their turn at most; beyond, a request is answered 503 at once.
    pub write_queue: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClubSettings {
    pub name: String,
    pub base_url: String,
    pub timezone: String,
    pub language: String,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    pub session_key: String,
    pub session_ttl_hours: u32,
}

// Hand-written so that the key never reaches a log line or a panic message.
impl fmt::Debug for SecuritySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecuritySettings")
            .field("session_key", &"[redacted]")
            .field("session_ttl_hours", &self.session_ttl_hours)
            .finish()
    }
}

/// Who may read /metrics: a bearer token, a separate address, or (neither) loopback only.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    pub token: String,
    pub bind: String,
}

// Hand-written so that the token never reaches a log line.
impl fmt::Debug for MetricsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = if self.token.is_empty() { "" } else { "[redacted]" };
        f.debug_struct("MetricsSettings").field("token", &token).field("bind", &self.bind).finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    pub login_per_ip_per_minute: u32,
    pub login_failures_per_account: u32,
    pub login_alert_after_failures: u32,
    pub trust_forwarded_for: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionSettings {
    pub min_fill_seconds: u32,
    pub per_ip_per_hour: u32,
    pub per_email_per_day: u32,
    pub api_per_ip_per_hour: u32,
    pub api_per_email_per_day: u32,
    pub unconfirmed_expiry_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    pub poll_interval_ms: u64,
    pub batch_size: u32,
    pub lease_seconds: u32,
    pub max_attempts: u32,
    pub retry_base_seconds: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionSettings {
    pub resend_minutes: u32,
    pub pending_expiry_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestSettings {
    pub max_delay_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSettings {
    pub refresh_seconds: u64,
}

/// The largest ranked window: as many matches as the pages of a search show
/// (`domain::search::MAX_PAGE` pages of `PAGE_SIZE`).
pub const MAX_RANKED_WINDOW: u32 = 1000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Searches kept in memory (0: none); kept until a write, or `feeds.refresh_seconds`.
    pub cache_entries: usize,
    /// How many matches, the newest first, a search ranks at most (see `db::search`); at most
    /// [`MAX_RANKED_WINDOW`].
    pub ranked_window: u32,
    /// Threads searches run on, one search at a time each, in the order they were asked (0: one
    /// per processor; see `db::lane`); at most [`MAX_SEARCH_THREADS`].
    pub threads: u32,
    /// Searches waiting for a thread at most; beyond, a search is answered 503 at once.
    pub queue: u32,
}

/// The most threads `search.threads` may ask for.
pub const MAX_SEARCH_THREADS: u32 = 256;

impl SearchSettings {
    /// How many threads searches run on.
    pub fn threads(&self) -> usize {
        or_one_per_processor(self.threads as usize)
    }
}

impl ServerSettings {
    /// How many workers answer HTTP requests.
    pub fn workers(&self) -> usize {
        or_one_per_processor(self.workers)
    }
}

/// `n`, or one per processor when it is 0.
fn or_one_per_processor(n: usize) -> usize {
    match n {
        0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
        n => n,
    }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    pub transport: String,
    pub from: String,
    pub smtp_url: String,
    pub smtp_username: String,
    pub smtp_password: String,
    /// A PEM file of the CA that certifies the relay, when it is not one the system trusts.
    pub smtp_ca_file: String,
    pub pool_size: u32,
    pub smtp_timeout_seconds: u64,
    pub rate_per_second: u32,
    pub bounce_limit: u32,
    pub unsubscribe_mailto: String,
    /// The envelope sender (Return-Path), where relays send bounces; empty means `from`'s address.
    pub bounce_address: String,
    pub file_dir: PathBuf,
}

impl EmailSettings {
    /// The address in List-Unsubscribe's mailto: the configured one, or the sender's.
    pub fn unsubscribe_address(&self) -> String {
        if !self.unsubscribe_mailto.is_empty() {
            return self.unsubscribe_mailto.clone();
        }
        match (self.from.find('<'), self.from.rfind('>')) {
            (Some(start), Some(end)) if start < end => self.from[start + 1..end].trim().to_owned(),
            _ => self.from.trim().to_owned(),
        }
    }
}

impl fmt::Debug for EmailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailSettings")
            .field("transport", &self.transport)
            .field("from", &self.from)
            .field("smtp_url", &self.smtp_url)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &"[redacted]")
            .field("pool_size", &self.pool_size)
            .field("smtp_timeout_seconds", &self.smtp_timeout_seconds)
            .field("rate_per_second", &self.rate_per_second)
            .field("bounce_limit", &self.bounce_limit)
            .field("unsubscribe_mailto", &self.unsubscribe_mailto)
            .field("bounce_address", &self.bounce_address)
            .field("file_dir", &self.file_dir)
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebSettings {
    pub templates_dir: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: String,
    pub level: String,
}

/// Which database engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl DatabaseSettings {
    /// The engine named by the URL scheme (validated at load time).
    pub fn kind(&self) -> DatabaseKind {
        if self.url.starts_with("postgres://") || self.url.starts_with("postgresql://") {
            DatabaseKind::Postgres
        } else {
            DatabaseKind::Sqlite
        }
    }

    /// For SQLite, the file path behind `sqlite://PATH` (`:memory:` stays as it is).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.url.strip_prefix("sqlite://").map(|path| PathBuf::from(path.split('?').next().unwrap_or(path)))
    }
}

impl ClubSettings {
    /// The club's time zone; validated at load time, so this never fails afterwards.
    pub fn tz(&self) -> Tz {
        self.timezone.parse().unwrap_or(Tz::UTC)
    }

    /// `base_url` without a trailing slash, for building absolute links.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

impl Settings {
    /// Defaults, then `file` (if any), then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load_with_env(file, std::env::vars())
    }

    /// Like [`Settings::load`], with the environment given explicitly (for tests).
    pub fn load_with_env(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let mut builder =
            config::Config::builder().add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Some(path) = file {
            if !path.is_file() {
                return Err(ConfigError::new("", format!("--config {}: no such file", path.display())));
            }
            builder = builder.add_source(config::File::from(path.to_path_buf()).format(config::FileFormat::Toml));
        }
        let mut overrides = Vec::new();
        for (name, value) in env {
            let Some(rest) = name.strip_prefix(ENV_PREFIX).and_then(|r| r.strip_prefix("__")) else {
                continue;
            };
            let parts: Vec<String> = rest.split("__").map(|p| p.to_ascii_lowercase()).collect();
            if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
                return Err(ConfigError::new(&name, "expected CONTENT_CLUB__<SECTION>__<KEY>"));
            }
            overrides.push((parts.join("."), name, value));
        }
        for (key, name, value) in &overrides {
            builder = builder
                .set_override(key.as_str(), typed_env_value(value))
                .map_err(|e| ConfigError::new(name, e.to_string()))?;
        }
        let raw = builder.build().map_err(|e| ConfigError::new("", one_line(&e.to_string())))?;
        let settings: Settings = raw.try_deserialize().map_err(|e| {
            let message = one_line(&e.to_string());
            // The config crate says "... for key `section.key`"; lift the key to the front.
            match message.split_once(" for key `") {
                Some((what, rest)) => {
                    let key = rest.split('`').next().unwrap_or_default();
                    ConfigError::new(key, what.to_owned())
                }
                None => ConfigError::new("", message),
            }
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks that go beyond types: schemes, addresses, zones, sizes.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.server.bind.parse::<SocketAddr>().map_err(|_| {
            ConfigError::new("server.bind", format!("'{}' is not HOST:PORT (e.g. 127.0.0.1:8080)", self.server.bind))
        })?;
        if self.server.body_limit_bytes < 1024 {
            return Err(ConfigError::new("server.body_limit_bytes", "must be at least 1024"));
        }
        if self.server.data_dir.as_os_str().is_empty() {
            return Err(ConfigError::new("server.data_dir", "must not be empty"));
        }
        let bounces = &self.bounces;
        if bounces.postmark_username.is_empty() != bounces.postmark_password.is_empty() {
            return Err(ConfigError::new(
                "bounces.postmark_password",
                "set both the Postmark user and password, or neither",
            ));
        }
        for origin in list(&bounces.sns_certificate_origins) {
            url::Url::parse(origin).map_err(|e| {
                ConfigError::new("bounces.sns_certificate_origins", format!("'{origin}' is not an origin: {e}"))
            })?;
        }
        let url = &self.database.url;
        if url.starts_with("sqlite://") {
            if self.database.sqlite_path().is_none_or(|p| p.as_os_str().is_empty()) {
                return Err(ConfigError::new(
                    "database.url",
                    "sqlite:// needs a file path, e.g. sqlite://data/content-club.db",
                ));
            }
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            url::Url::parse(url)
                .map_err(|e| ConfigError::new("database.url", format!("not a valid PostgreSQL URL: {e}")))?;
        } else {
            let scheme = url.split("://").next().unwrap_or(url);
            return Err(ConfigError::new(
                "database.url",
                format!("unsupported scheme '{scheme}': use sqlite://PATH or postgres://USER@HOST/DB"),
            ));
        }
        if !(20..=MAX_RANKED_WINDOW).contains(&self.search.ranked_window) {
            return Err(ConfigError::new(
                "search.ranked_window",
                format!("must be between 20 (one page) and {MAX_RANKED_WINDOW} (the 50 pages a search shows)"),
            ));
        }
        if self.search.threads > MAX_SEARCH_THREADS {
            return Err(ConfigError::new(
                "search.threads",
                format!("must be at most {MAX_SEARCH_THREADS} (0: one per processor)"),
            ));
        }
        if self.search.queue == 0 {
            return Err(ConfigError::new("search.queue", "must be at least 1"));
        }
        if self.database.pool_size == 0 {
            return Err(ConfigError::new("database.pool_size", "must be at least 1"));
        }
        if self.database.connect_timeout_seconds == 0 {
            return Err(ConfigError::new("database.connect_timeout_seconds", "must be at least 1"));
        }
        let base = url::Url::parse(&self.club.base_url).map_err(|e| {
            ConfigError::new("club.base_url", format!("'{}' is not an absolute URL: {e}", self.club.base_url))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(ConfigError::new("club.base_url", "must be an http:// or https:// address"));
        }
        if self.club.timezone.parse::<Tz>().is_err() {
            return Err(ConfigError::new(
                "club.timezone",
                format!("'{}' is not an IANA time zone name (e.g. Europe/Berlin)", self.club.timezone),
            ));
        }
        if self.club.name.trim().is_empty() {
            return Err(ConfigError::new("club.name", "must not be empty"));
        }
        let key = &self.security.session_key;
        if !key.is_empty() && (key.len() < 64 || hex::decode(key).is_err()) {
            return Err(ConfigError::new(
                "security.session_key",
                "must be at least 64 hex characters (e.g. from `openssl rand -hex 32`), or empty to generate one",
            ));
        }
        if self.security.session_ttl_hours == 0 {
            return Err(ConfigError::new("security.session_ttl_hours", "must be at least 1"));
        }
        if self.rate_limit.login_per_ip_per_minute == 0 {
            return Err(ConfigError::new("rate_limit.login_per_ip_per_minute", "must be at least 1"));
        }
        let n = &self.notifications;
        if n.batch_size == 0 || n.max_attempts == 0 || n.lease_seconds == 0 || n.retry_base_seconds == 0 {
            return Err(ConfigError::new("notifications.batch_size", "the notification settings must be at least 1"));
        }
        if self.outbound.timeout_ms == 0 || self.outbound.max_body_bytes == 0 {
            return Err(ConfigError::new("outbound.timeout_ms", "the timeout and the body limit must be above 0"));
        }
        if self.outbound.max_redirects > 20 {
            return Err(ConfigError::new("outbound.max_redirects", "at most 20"));
        }
        if self.links.preview_per_ip_per_minute == 0
            || self.links.checks_per_round == 0
            || self.links.recheck_after_days == 0
        {
            return Err(ConfigError::new("links.preview_per_ip_per_minute", "the link limits must be at least 1"));
        }
        if !self.metrics.bind.is_empty() && self.metrics.bind.parse::<SocketAddr>().is_err() {
            return Err(ConfigError::new("metrics.bind", format!("'{}' is not HOST:PORT", self.metrics.bind)));
        }
        if !self.metrics.token.is_empty() && self.metrics.token.len() < 16 {
            return Err(ConfigError::new("metrics.token", "must be at least 16 characters, or empty"));
        }
        if self.rate_limit.login_alert_after_failures == 0 {
            return Err(ConfigError::new("rate_limit.login_alert_after_failures", "must be at least 1"));
        }
        if self.submissions.api_per_ip_per_hour == 0 || self.submissions.api_per_email_per_day == 0 {
            return Err(ConfigError::new("submissions.api_per_ip_per_hour", "the API limits must be at least 1"));
        }
        if self.rate_limit.login_failures_per_account == 0 {
            return Err(ConfigError::new("rate_limit.login_failures_per_account", "must be at least 1"));
        }
        match self.email.transport.as_str() {
            "file" => {}
            "smtp" => {
                let smtp = url::Url::parse(&self.email.smtp_url)
                    .map_err(|e| ConfigError::new("email.smtp_url", format!("not a URL: {e}")))?;
                if !matches!(smtp.scheme(), "smtp" | "smtps") || smtp.host_str().is_none() {
                    return Err(ConfigError::new("email.smtp_url", "must be smtp://HOST:PORT or smtps://HOST:PORT"));
                }
            }
            other => return Err(ConfigError::new("email.transport", format!("'{other}' is not one of: file, smtp"))),
        }
        for (key, value) in [
            ("submissions.per_ip_per_hour", self.submissions.per_ip_per_hour),
            ("submissions.per_email_per_day", self.submissions.per_email_per_day),
            ("submissions.unconfirmed_expiry_hours", self.submissions.unconfirmed_expiry_hours),
            ("worker.batch_size", self.worker.batch_size),
            ("worker.lease_seconds", self.worker.lease_seconds),
            ("worker.max_attempts", self.worker.max_attempts),
            ("worker.retry_base_seconds", self.worker.retry_base_seconds),
            ("email.pool_size", self.email.pool_size),
            ("email.bounce_limit", self.email.bounce_limit),
            ("subscriptions.pending_expiry_days", self.subscriptions.pending_expiry_days),
        ] {
            if value == 0 {
                return Err(ConfigError::new(key, "must be at least 1"));
            }
        }
        if self.worker.poll_interval_ms == 0 {
            return Err(ConfigError::new("worker.poll_interval_ms", "must be at least 1"));
        }
        if lettre::message::Mailbox::from_str(&self.email.from).is_err() {
            return Err(ConfigError::new("email.from", "must be an address such as 'Club <club@example.org>'"));
        }
        if !self.email.bounce_address.is_empty() && self.email.bounce_address.parse::<lettre::Address>().is_err() {
            return Err(ConfigError::new("email.bounce_address", "must be a bare address such as bounces@example.org"));
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(ConfigError::new("log.format", format!("'{}' is not one of: text, json", self.log.format)));
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.level).is_err() {
            return Err(ConfigError::new("log.level", format!("'{}' is not a valid log filter", self.log.level)));
        }
        Ok(())
    }
}

/// Environment values are strings; numbers and booleans are given their type so that they
/// deserialise into numeric and boolean keys, and the string stays usable for text keys.
fn typed_env_value(value: &str) -> config::Value {
    if let Ok(n) = value.parse::<i64>() {
        return config::Value::from(n);
    }
    match value {
        "true" => config::Value::from(true),
        "false" => config::Value::from(false),
        _ => config::Value::from(value.to_owned()),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_load_and_validate() {
        let s = Settings::load_with_env(None, env(&[])).expect("defaults are valid");
        assert_eq!(s.server.bind, "127.0.0.1:8080");
        assert_eq!(s.database.url, "sqlite://data/content-club.db");
        assert_eq!(s.database.kind(), DatabaseKind::Sqlite);
        assert_eq!(s.email.transport, "file");
    }

    #[test]
    fn environment_overrides_the_defaults() {
        let s = Settings::load_with_env(
            None,
            env(&[
                ("CONTENT_CLUB__SERVER__BIND", "0.0.0.0:9000"),
                ("CONTENT_CLUB__DATABASE__POOL_SIZE", "3"),
                ("CONTENT_CLUB__CLUB__TIMEZONE", "Europe/Berlin"),
                ("CONTENT_CLUB__DATABASE__URL", "postgres://u@localhost/db"),
            ]),
        )
        .expect("valid overrides");
        assert_eq!(s.server.bind, "0.0.0.0:9000");
        assert_eq!(s.database.pool_size, 3);
        assert_eq!(s.club.tz(), chrono_tz::Europe::Berlin);
        assert_eq!(s.database.kind(), DatabaseKind::Postgres);
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            ("CONTENT_CLUB__DATABASE__URL", "mysql://x/y", "database.url"),
            ("CONTENT_CLUB__CLUB__TIMEZONE", "Mars/Olympus", "club.timezone"),
            ("CONTENT_CLUB__SERVER__BIND", "nowhere", "server.bind"),
            ("CONTENT_CLUB__DATABASE__POOL_SIZE", "many", "database.pool_size"),
            ("CONTENT_CLUB__EMAIL__TRANSPORT", "pigeon", "email.transport"),
            ("CONTENT_CLUB__CLUB__BASE_URL", "example.org", "club.base_url"),
            ("CONTENT_CLUB__SECURITY__SESSION_KEY", "short", "security.session_key"),
            ("CONTENT_CLUB__LOG__FORMAT", "xml", "log.format"),
            ("CONTENT_CLUB__SEARCH__RANKED_WINDOW", "5", "search.ranked_window"),
            ("CONTENT_CLUB__SEARCH__RANKED_WINDOW", "1001", "search.ranked_window"),
            ("CONTENT_CLUB__SEARCH__THREADS", "257", "search.threads"),
            ("CONTENT_CLUB__SEARCH__QUEUE", "0", "search.queue"),
        ];
        for (name, value, key) in cases {
            let err = Settings::load_with_env(None, env(&[(name, value)]))
                .expect_err(&format!("{name}={value} must be refused"));
            assert_eq!(err.key, key, "{name}={value}: {err}");
            assert!(!err.to_string().contains('\n'), "one line: {err}");
        }
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = Settings::load_with_env(None, env(&[("CONTENT_CLUB__SERVER__BINDD", "x")]))
            .expect_err("typo must be refused");
        assert!(err.to_string().contains("bindd"), "{err}");
    }

    #[test]
    fn a_config_file_is_layered_between_defaults_and_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("site.toml");
        std::fs::write(&path, "[club]\nname = \"Platform Club\"\ntimezone = \"Europe/London\"\n").expect("write");
        let s = Settings::load_with_env(Some(&path), env(&[("CONTENT_CLUB__CLUB__TIMEZONE", "Europe/Berlin")]))
            .expect("valid");
        assert_eq!(s.club.name, "Platform Club");
        assert_eq!(s.club.timezone, "Europe/Berlin");
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let mut s = Settings::load_with_env(None, env(&[])).expect("defaults");
        s.security.session_key = "ab".repeat(32);
        s.email.smtp_password = "hunter2".into();
        let shown = format!("{s:?}");
        assert!(!shown.contains("hunter2") && !shown.contains(&"ab".repeat(32)));
    }
}
