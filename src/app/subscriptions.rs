//! Readers subscribe to the digest with double opt-in, confirm from the page the email links
//! to, and unsubscribe in one click. Answers never reveal whether an address was known.

use chrono::Duration;

use super::{limits, outbox, App, Client};
use crate::crypto;
use crate::db::states::SubscriberStatus;
use crate::db::subscribers::{NewSubscriber, Subscriber};
use crate::db::{is_unique_violation, AnyConnection};
use crate::domain::rate_limits::Use;
use crate::domain::subscriptions::{self as rules, SubscribeOutcome, UnsubscribeSubject};
use crate::domain::EmailAddress;
use crate::email::compose;
use crate::error::{AppError, Message};

/// Registers interest and queues a confirmation, within the per-address limit. The outcome is
/// for logs only: callers answer the same whatever it is.
/// `language` is the one their mail is written in: the page's, or what the API was told.
pub async fn subscribe(
    app: &App,
    email: String,
    language: String,
    client: &Client,
) -> Result<SubscribeOutcome, AppError> {
    let address = EmailAddress::parse(&email).map_err(|m| AppError::field("email", m))?;
    let language = mail_language(&language)?;
    limits::check(app, vec![(app.limits.submit_ip, client.ip.clone(), Use::Take)]).await?;
    let outcome = app.write(move |app, conn| request(app, conn, &address, language)).await?;
    if outcome != SubscribeOutcome::ConfirmationSent {
        tracing::debug!(?outcome, "subscription request needed no mail");
    }
    Ok(outcome)
}

/// A language readers can get mail in, as its tag; empty input is the club's language.
pub fn mail_language(tag: &str) -> Result<&'static str, AppError> {
    if tag.trim().is_empty() {
        return Ok("");
    }
    crate::i18n::chosen(tag).ok_or_else(|| {
        let tags: Vec<&str> = crate::i18n::LANGUAGES.iter().map(|l| l.tag).collect();
        AppError::field("language", Message::new("refused-mail-language-unknown").arg("languages", tags.join(", ")))
    })
}

fn request(
    app: &App,
    conn: &mut AnyConnection,
    address: &EmailAddress,
    language: &'static str,
) -> Result<SubscribeOutcome, AppError> {
    let now = app.now();
    let key = address.key();
    let resend = Duration::minutes(i64::from(app.settings.subscriptions.resend_minutes));
    let existing = Subscriber::by_email(conn, &key)?;
    let outcome = rules::on_request(existing.as_ref(), resend, now);
    if outcome != SubscribeOutcome::ConfirmationSent {
        return Ok(outcome);
    }
    let token = crypto::random_token();
    let hash = crypto::token_hash(&token);
    match existing {
        Some(s) => {
            Subscriber::renew_confirmation(conn, s.id, &hash, now.naive_utc())?;
            Subscriber::set_language(conn, s.id, language, now.naive_utc())?;
        }
        None => {
            let inserted = NewSubscriber {
                email: &key,
                status: SubscriberStatus::Pending,
                confirm_token_hash: Some(&hash),
                confirm_sent_at: Some(now.naive_utc()),
                created_at: now.naive_utc(),
                updated_at: now.naive_utc(),
                public_id: &rules::new_public_id(),
                language,
            }
            .insert(conn);
            match inserted {
                Ok(_) => {}
                // Two requests for one new address at once: the other one sends the mail.
                Err(e) if is_unique_violation(&e) => return Ok(SubscribeOutcome::RecentlySent),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let mail = compose::subscription_confirmation(&app.renderer, &app.settings, language, &key, &token)
        .map_err(AppError::Internal)?;
    outbox::enqueue(conn, &mail, &app.host(), now)?;
    Ok(SubscribeOutcome::ConfirmationSent)
}

fn invalid_link() -> AppError {
    AppError::Forbidden(Message::new("refused-subscription-link-invalid"))
}

fn pending_for_token(conn: &mut AnyConnection, token: &str) -> Result<Subscriber, AppError> {
    if !rules::plausible_token(token) {
        return Err(invalid_link());
    }
    Subscriber::by_confirm_hash(conn, &crypto::token_hash(token))?.ok_or_else(invalid_link)
}

/// The pending subscriber a confirmation link is for.
pub async fn pending(app: &App, token: String) -> Result<Subscriber, AppError> {
    app.read(move |_, conn| pending_for_token(conn, &token)).await
}

/// Confirms by token: pending becomes active.
pub async fn confirm(app: &App, token: String) -> Result<Subscriber, AppError> {
    app.write(move |app, conn| {
        let subscriber = pending_for_token(conn, &token)?;
        Subscriber::activate(conn, subscriber.id, app.now().naive_utc())?;
        Subscriber::by_id(conn, subscriber.id)?.ok_or_else(invalid_link)
    })
    .await
}

fn subscriber_for_unsubscribe(app: &App, conn: &mut AnyConnection, token: &str) -> Result<Subscriber, AppError> {
    let found = match rules::unsubscribe_subject(&app.key, token).ok_or_else(invalid_link)? {
        UnsubscribeSubject::Public(id) => Subscriber::by_public_id(conn, &id)?,
        UnsubscribeSubject::Legacy(id) => Subscriber::by_legacy_id(conn, id)?,
    };
    found.ok_or_else(invalid_link)
}

/// The subscriber an unsubscribe link names.
pub async fn unsubscribe_subject(app: &App, token: String) -> Result<Subscriber, AppError> {
    app.read(move |app, conn| subscriber_for_unsubscribe(app, conn, &token)).await
}

/// One-click unsubscribe; idempotent.
pub async fn unsubscribe(app: &App, token: String) -> Result<Subscriber, AppError> {
    app.write(move |app, conn| {
        let subscriber = subscriber_for_unsubscribe(app, conn, &token)?;
        Subscriber::unsubscribe(conn, subscriber.id, app.now().naive_utc())?;
        Subscriber::by_id(conn, subscriber.id)?.ok_or_else(invalid_link)
    })
    .await
}

/// The link in a digest that unsubscribes its recipient (named by public id).
pub fn unsubscribe_url(app: &App, public_id: &str) -> String {
    format!("{}/unsubscribe?token={}", app.settings.club.base(), rules::unsubscribe_token(&app.key, public_id))
}

/// The link in a digest to its recipient's own page, where they change the digest's language
/// (or unsubscribe): signed like the unsubscribe link.
pub fn manage_url(app: &App, public_id: &str) -> String {
    format!("{}/subscription?token={}", app.settings.club.base(), rules::unsubscribe_token(&app.key, public_id))
}

/// A subscriber changes the language their digest comes in, from their own page.
pub async fn change_language(app: &App, token: String, language: String) -> Result<Subscriber, AppError> {
    let language = mail_language(&language)?;
    app.write(move |app, conn| {
        let subscriber = subscriber_for_unsubscribe(app, conn, &token)?;
        Subscriber::set_language(conn, subscriber.id, language, app.now().naive_utc())?;
        Subscriber::by_id(conn, subscriber.id)?.ok_or_else(invalid_link)
    })
    .await
}

/// Forgets pending addresses nobody confirmed within the configured days.
pub fn expire_pending(app: &App, conn: &mut AnyConnection) -> Result<usize, AppError> {
    let days = i64::from(app.settings.subscriptions.pending_expiry_days);
    Ok(Subscriber::delete_stale_pending(conn, (app.now() - Duration::days(days)).naive_utc())?)
}
