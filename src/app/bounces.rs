//! Bounces and complaints that arrive after the SMTP conversation: the mail providers' webhooks
//! (Amazon SES through SNS, Mailgun, Postmark, SendGrid), each checked by its own scheme, and
//! reports from a bounce mailbox piped to `content-club bounces read`. Each report is taken once
//! (by its provider's id); a hard bounce or a complaint puts the address on the suppression list
//! and ends its subscription, a soft bounce counts towards the bounce limit. Organisers see and
//! edit the list.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

use super::organisers::audit;
use super::App;
use crate::config::list;
use crate::crypto;
use crate::db::deliveries::Delivery;
use crate::db::organisers::Organiser;
use crate::db::states::{MailEventKind, SuppressionReason};
use crate::db::subscribers::Subscriber;
use crate::db::suppressions::{self, NewSuppression, Suppression};
use crate::db::AnyConnection;
use crate::domain::suppressions::{address_hash, bare_address, effect, masked, Effect};
use crate::domain::EmailAddress;
use crate::email::reports::{self, Happened, MailEvent, Source};
use crate::error::{AppError, Message};
use crate::outbound::Want;

/// What a batch of reports did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// Reports taken for the first time.
    pub new: usize,
    /// Reports taken before (the provider delivered them again).
    pub repeated: usize,
    /// Addresses put on the suppression list.
    pub suppressed: usize,
    /// Mailbox reports about messages the club did not send (not acted on).
    pub ignored: usize,
}

/// The most signing certificates kept (Amazon uses a handful at a time).
const CERTIFICATES_KEPT: usize = 16;

/// Signing certificates fetched from Amazon, by URL (they change a few times a year).
#[derive(Default)]
pub struct Certificates(Mutex<HashMap<String, String>>);

fn kind_of(happened: Happened) -> MailEventKind {
    match happened {
        Happened::HardBounce => MailEventKind::HardBounce,
        Happened::SoftBounce => MailEventKind::SoftBounce,
        Happened::Complaint => MailEventKind::Complaint,
    }
}

/// Takes reports in one transaction.
pub async fn record(app: &App, events: Vec<MailEvent>) -> Result<Taken, AppError> {
    record_signed(app, events, None).await
}

/// Takes reports in one transaction; `nonce` is the (source, value) of a signature that may be
/// used once: a second use is refused unless it repeats exactly the reports taken with it.
async fn record_signed(
    app: &App,
    events: Vec<MailEvent>,
    nonce: Option<(&'static str, String)>,
) -> Result<Taken, AppError> {
    app.write_unseen(move |app, conn| {
        if let (Some((source, value)), Some(first)) = (&nonce, events.first()) {
            let now = app.now().naive_utc();
            let fresh = suppressions::take_event(conn, source, value, kind_of(first.happened), now)?;
            if !fresh && !all_taken(conn, &events)? {
                return Err(AppError::Forbidden(Message::new("refused-hook-signature-reused")));
            }
        }
        let mut taken = Taken::default();
        for event in &events {
            take_one(app, conn, event, &mut taken)?;
        }
        Ok(taken)
    })
    .await
}

fn all_taken(conn: &mut AnyConnection, events: &[MailEvent]) -> Result<bool, AppError> {
    for event in events {
        if !suppressions::event_taken(conn, event.source.as_str(), &event.event_id)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn take_one(app: &App, conn: &mut AnyConnection, event: &MailEvent, taken: &mut Taken) -> Result<(), AppError> {
    let now = app.now().naive_utc();
    let kind = kind_of(event.happened);
    let Some((recipient, subscriber)) = whom(conn, event)? else {
        tracing::info!(source = event.source.as_str(), "mail report about a message the club did not send; ignored");
        taken.ignored += 1;
        return Ok(());
    };
    if !suppressions::take_event(conn, event.source.as_str(), &event.event_id, kind, now)? {
        taken.repeated += 1;
        return Ok(());
    }
    taken.new += 1;
    tracing::info!(source = event.source.as_str(), kind = kind.as_str(), recipient = %masked(&recipient), "mail report taken");
    match effect(kind) {
        Effect::Suppress(reason) => {
            let hash = address_hash(&recipient);
            let shown = masked(&recipient);
            let source = event.source.as_str();
            let detail: String = event.detail.chars().take(200).collect();
            let row =
                NewSuppression { email_hash: &hash, masked: &shown, reason, source, detail: &detail, created_at: now };
            if row.insert(conn)? {
                taken.suppressed += 1;
            }
            if let Some(subscriber) = subscriber {
                match reason {
                    SuppressionReason::Complaint => Subscriber::unsubscribe(conn, subscriber.id, now)?,
                    _ => Subscriber::mark_bounced(conn, subscriber.id, now)?,
                };
            }
        }
        Effect::Record => {}
    }
    Ok(())
}

/// Whom a report is about. Each of the club's messages has one recipient, so a report naming the
/// message's own id is about that recipient, whatever address it names (a relay may have rewritten
/// it). Without a known id, a provider's signed report is about the address it names; a mailbox
/// report, which anyone could send to the bounce address, is about nobody.
fn whom(conn: &mut AnyConnection, event: &MailEvent) -> Result<Option<(String, Option<Subscriber>)>, AppError> {
    let sent = match &event.message_id {
        Some(id) => Delivery::recipient_of(conn, &format!("<{id}>"))?,
        None => None,
    };
    match sent {
        Some((to, subscriber_id)) => {
            let address = bare_address(&to);
            let subscriber = match subscriber_id {
                Some(id) => Subscriber::by_id(conn, id)?,
                None => Subscriber::by_email(conn, &address)?,
            };
            Ok(Some((address, subscriber)))
        }
        None if event.source == Source::Mailbox => Ok(None),
        None => {
            let reported = bare_address(&event.recipient);
            let subscriber = Subscriber::by_email(conn, &reported)?;
            Ok(Some((reported, subscriber)))
        }
    }
}

/// A webhook body that is not JSON; the parser's words say where.
fn not_json(err: serde_json::Error) -> AppError {
    AppError::BadRequest(Message::new("refused-hook-not-json").arg("detail", err.to_string()))
}

/// A provider's report the club cannot read; the reader's words are technical and stay as they
/// are.
fn unreadable(detail: String) -> AppError {
    AppError::BadRequest(Message::text(detail))
}

/// An Amazon SNS message to `/hooks/mail/ses`: from a configured topic, signed by a certificate
/// from Amazon's SNS host. A subscription confirmation is confirmed; a notification's SES bounce
/// or complaint is taken.
pub async fn from_sns(app: &App, body: &[u8]) -> Result<Taken, AppError> {
    let settings = &app.settings.bounces;
    let topics = list(&settings.ses_topic_arns);
    if topics.is_empty() {
        return Err(AppError::NotFound);
    }
    let envelope: Value = serde_json::from_slice(body)
        .map_err(|e| AppError::BadRequest(Message::new("refused-hook-not-sns").arg("detail", e.to_string())))?;
    let field = |name: &str| envelope.get(name).and_then(Value::as_str).unwrap_or("").to_owned();
    let (signature, certificate_url) = (field("Signature"), field("SigningCertURL"));
    if signature.is_empty() || certificate_url.is_empty() {
        return Err(AppError::Unauthorized);
    }
    let topic = field("TopicArn");
    if !topics.contains(&topic.as_str()) {
        return Err(AppError::Forbidden(Message::new("refused-hook-sns-topic")));
    }
    let origins = list(&settings.sns_certificate_origins);
    if !reports::sns_link_allowed(&certificate_url, &topic, &origins, true) {
        return Err(AppError::Forbidden(Message::new("refused-hook-sns-certificate")));
    }
    let signed = reports::sns_string_to_sign(&envelope)
        .ok_or_else(|| AppError::BadRequest(Message::new("refused-hook-sns-unsigned-fields")))?;
    let certificate = certificate(app, &certificate_url).await?;
    if !crypto::sns_signature_valid(&certificate, &field("SignatureVersion"), &signed, &signature) {
        return Err(AppError::Forbidden(Message::new("refused-hook-sns-signature")));
    }
    match field("Type").as_str() {
        "SubscriptionConfirmation" => {
            let confirm = field("SubscribeURL");
            if !reports::sns_link_allowed(&confirm, &topic, &origins, false) {
                return Err(AppError::Forbidden(Message::new("refused-hook-sns-subscription-link")));
            }
            app.outbound
                .fetch(&confirm, Want::Probe, None)
                .await
                .map_err(|e| AppError::Unavailable(format!("confirming the SNS subscription failed: {e}")))?;
            tracing::info!(topic = %field("TopicArn"), "SNS subscription confirmed");
            Ok(Taken::default())
        }
        "Notification" => {
            let events = reports::from_ses(&field("Message"), &field("MessageId")).map_err(unreadable)?;
            record(app, events).await
        }
        _ => Ok(Taken::default()),
    }
}

/// The PEM at `url`, fetched once through the outbound client.
async fn certificate(app: &App, url: &str) -> Result<String, AppError> {
    if let Some(found) = app.certificates.0.lock().unwrap_or_else(|p| p.into_inner()).get(url) {
        return Ok(found.clone());
    }
    let fetched = app
        .outbound
        .fetch(url, Want::Certificate, None)
        .await
        .map_err(|e| AppError::Unavailable(format!("the SNS signing certificate could not be fetched: {e}")))?;
    let pem = String::from_utf8(fetched.body)
        .ok()
        .filter(|pem| pem.contains("-----BEGIN CERTIFICATE-----"))
        .ok_or_else(|| AppError::Unavailable("the SNS signing certificate is not a PEM certificate".into()))?;
    let mut kept = app.certificates.0.lock().unwrap_or_else(|p| p.into_inner());
    if kept.len() >= CERTIFICATES_KEPT {
        kept.clear();
    }
    kept.insert(url.to_owned(), pem.clone());
    Ok(pem)
}

/// A Mailgun webhook, signed with the account's webhook signing key.
pub async fn from_mailgun(app: &App, body: &[u8]) -> Result<Taken, AppError> {
    let key = &app.settings.bounces.mailgun_signing_key;
    if key.is_empty() {
        return Err(AppError::NotFound);
    }
    let payload: Value = serde_json::from_slice(body).map_err(not_json)?;
    let (timestamp, token, signature) = reports::mailgun_signature(&payload).ok_or(AppError::Unauthorized)?;
    if !crypto::mailgun_signature_valid(key, &timestamp, &token, &signature) {
        return Err(AppError::Forbidden(Message::new("refused-hook-mailgun-signature")));
    }
    // The signature covers the timestamp and token only, not the report: it must be recent, and
    // its token is used once.
    let signed_at = timestamp.trim().parse::<i64>().unwrap_or(0);
    if (app.now().timestamp() - signed_at).abs() > MAILGUN_SIGNATURE_SECONDS {
        return Err(AppError::Forbidden(Message::new("refused-hook-mailgun-signature-old")));
    }
    let events = reports::from_mailgun(&payload).map_err(unreadable)?;
    record_signed(app, events, Some(("mailgun-token", token))).await
}

/// How old a Mailgun signature may be, in seconds.
const MAILGUN_SIGNATURE_SECONDS: i64 = 15 * 60;

/// A Postmark webhook, sent with the user and password set in its URL.
pub async fn from_postmark(app: &App, credentials: Option<(String, String)>, body: &[u8]) -> Result<Taken, AppError> {
    let settings = &app.settings.bounces;
    if settings.postmark_username.is_empty() {
        return Err(AppError::NotFound);
    }
    let (user, password) = credentials.ok_or(AppError::Unauthorized)?;
    // Digests first, so that the comparison takes as long whatever the lengths.
    let fits = |given: &str, wanted: &str| {
        crypto::constant_time_eq(
            crypto::digest_hex(given.as_bytes()).as_bytes(),
            crypto::digest_hex(wanted.as_bytes()).as_bytes(),
        )
    };
    let user_fits = fits(&user, &settings.postmark_username);
    let password_fits = fits(&password, &settings.postmark_password);
    if !(user_fits && password_fits) {
        return Err(AppError::Forbidden(Message::new("refused-hook-postmark-credentials")));
    }
    let payload: Value = serde_json::from_slice(body).map_err(not_json)?;
    record(app, reports::from_postmark(&payload).map_err(unreadable)?).await
}

/// A SendGrid Event Webhook batch, signed with the account's verification key.
pub async fn from_sendgrid(
    app: &App,
    (signature, timestamp): (Option<String>, Option<String>),
    body: &[u8],
) -> Result<Taken, AppError> {
    let key = &app.settings.bounces.sendgrid_public_key;
    if key.is_empty() {
        return Err(AppError::NotFound);
    }
    let (Some(signature), Some(timestamp)) = (signature, timestamp) else { return Err(AppError::Unauthorized) };
    if !crypto::sendgrid_signature_valid(key, &signature, &timestamp, body) {
        return Err(AppError::Forbidden(Message::new("refused-hook-sendgrid-signature")));
    }
    let payload: Value = serde_json::from_slice(body).map_err(not_json)?;
    record(app, reports::from_sendgrid(&payload).map_err(unreadable)?).await
}

/// A message from the bounce mailbox: a delivery status notification or an abuse report.
pub async fn read_report(app: &App, raw: &[u8]) -> Result<Taken, AppError> {
    let events = reports::from_report(raw);
    if events.is_empty() {
        return Err(AppError::BadRequest(Message::new("refused-report-not-a-report")));
    }
    record(app, events).await
}

/// The suppression list, newest first.
pub async fn list_suppressed(app: &App) -> Result<Vec<Suppression>, AppError> {
    app.read(|_, conn| Ok(Suppression::all(conn)?)).await
}

/// An organiser puts an address on the list by hand.
pub async fn suppress(app: &App, actor: &Organiser, email: &str) -> Result<(), AppError> {
    let address = EmailAddress::parse(email).map_err(|m| AppError::field("email", m))?;
    let actor = actor.clone();
    app.write(move |app, conn| {
        let (hash, shown) = (address_hash(address.as_str()), masked(address.as_str()));
        let now = app.now().naive_utc();
        let row = NewSuppression {
            email_hash: &hash,
            masked: &shown,
            reason: SuppressionReason::Manual,
            source: "organiser",
            detail: &format!("added by {}", actor.email),
            created_at: now,
        };
        if !row.insert(conn)? {
            return Err(AppError::field("email", Message::new("refused-address-suppressed-already")));
        }
        audit(app, conn, Some(&actor), "address suppressed", &shown, "")
    })
    .await
}

/// An organiser takes an address off the list (it may be sent to again).
pub async fn unsuppress(app: &App, actor: &Organiser, id: i64) -> Result<String, AppError> {
    let actor = actor.clone();
    app.write(move |app, conn| {
        let found = Suppression::by_id(conn, id)?.ok_or(AppError::NotFound)?;
        Suppression::delete(conn, id)?;
        audit(app, conn, Some(&actor), "suppression removed", &found.masked, found.reason.as_str())?;
        Ok(found.masked)
    })
    .await
}

/// Which of these addresses are suppressed (lower-cased), in one query.
pub(crate) fn suppressed_among(conn: &mut AnyConnection, addresses: &[&str]) -> Result<Vec<String>, AppError> {
    let hashes: HashMap<String, String> =
        addresses.iter().map(|a| (address_hash(&bare_address(a)), bare_address(a))).collect();
    let keys: Vec<String> = hashes.keys().cloned().collect();
    Ok(suppressions::Suppression::which(conn, &keys)?.into_iter().filter_map(|h| hashes.get(&h).cloned()).collect())
}

/// Forgets reports older than `bounces.keep_events_days` (the list itself stays).
pub(crate) fn forget_old(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let days = i64::from(app.settings.bounces.keep_events_days);
    Ok(suppressions::delete_events_before(conn, (app.now() - chrono::Duration::days(days)).naive_utc())?)
}
