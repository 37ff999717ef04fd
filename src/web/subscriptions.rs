//! Readers subscribe to the digest (double opt-in), confirm by POST from the page the email
//! links to, and unsubscribe in one click (RFC 8058: a POST to the link, no session, no CSRF
//! token). The public web view of a sent digest lives here too.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use serde::Deserialize;
use serde_json::json;

use super::page::Page;
use super::session::{self, Csrf};
use super::AppState;
use crate::db::digests::Digest;
use crate::domain::digests::{self, DigestSource};
use crate::domain::rate_limits::Use;
use crate::domain::submissions::{mask_email, public_topic};
use crate::domain::subscriptions::{self, SubscribeOutcome};
use crate::email::compose;
use crate::error::{AppError, FieldErrors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/subscribe").route(web::get().to(subscribe_page)).route(web::post().to(subscribe)))
        .service(
            web::resource("/subscribe/confirm")
                .route(web::get().to(confirm_page))
                .route(web::post().to(confirm_subscription)),
        )
        .service(
            web::resource("/unsubscribe").route(web::get().to(unsubscribe_page)).route(web::post().to(unsubscribe)),
        )
        .service(web::resource("/topics/{slug}/digest").route(web::get().to(digest_page)));
}

#[derive(Debug, Default, Deserialize)]
struct SubscribeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

fn render_subscribe(
    req: &HttpRequest,
    email: &str,
    errors: &FieldErrors,
    sent: bool,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    Page::new("pages/subscribe.html", "Subscribe to the digest")
        .status(status)
        .render(req, json!({"email": email, "errors": errors, "sent": sent}))
}

async fn subscribe_page(req: HttpRequest) -> Result<HttpResponse, AppError> {
    render_subscribe(&req, "", &FieldErrors::new(), false, StatusCode::OK)
}

/// Asks for a subscription; shared with the API. The outcome is never shown to the client.
pub async fn request_subscription(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    email: String,
) -> Result<(), AppError> {
    let ip = session::client_ip(req, state.settings.rate_limit.trust_forwarded_for);
    state.limit(vec![(state.submit_ip_limiter, ip, Use::Take)]).await?;
    let resend = Duration::minutes(i64::from(state.settings.subscriptions.resend_minutes));
    let now = state.clock.now();
    let host = state.host();
    let st = state.clone();
    let outcome = state
        .db
        .run(move |conn| {
            subscriptions::subscribe(conn, &email, resend, &host, now, |address, token| {
                compose::subscription_confirmation(&st.renderer, &st.settings, address, token)
            })
        })
        .await?;
    if outcome != SubscribeOutcome::ConfirmationSent {
        tracing::debug!(?outcome, "subscription request needed no mail");
    }
    Ok(())
}

async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<SubscribeForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let email = form.into_inner().email;
    match request_subscription(&req, &state, email.clone()).await {
        // The same answer whether the address was new, pending or already subscribed.
        Ok(()) => render_subscribe(&req, "", &FieldErrors::new(), true, StatusCode::OK),
        Err(AppError::Validation(errors)) => {
            render_subscribe(&req, &email, &errors, false, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AppError::RateLimited { .. }) => {
            let errors = FieldErrors::from([(
                "email".to_owned(),
                "Too many requests from here; please try again later.".to_owned(),
            )]);
            render_subscribe(&req, &email, &errors, false, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Default, Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
}

fn invalid_link() -> AppError {
    AppError::Forbidden("This link is not valid, or has expired. Subscribe again to get a new one.".into())
}

async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let lookup = token.clone();
    let subscriber =
        state.db.run(move |conn| subscriptions::pending_for_token(conn, &lookup)).await.map_err(|_| invalid_link())?;
    Page::new("pages/subscribe_confirm.html", "Confirm your subscription")
        .render(&req, json!({"token": token, "email": mask_email(&subscriber.email), "done": false}))
}

async fn confirm_subscription(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let token = form.into_inner().token;
    let now = state.clock.now();
    let subscriber =
        state.db.run(move |conn| subscriptions::confirm(conn, &token, now)).await.map_err(|_| invalid_link())?;
    Page::new("pages/subscribe_confirm.html", "Subscribed")
        .render(&req, json!({"token": "", "email": mask_email(&subscriber.email), "done": true}))
}

async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let lookup = token.clone();
    let st = state.clone();
    let subscriber = state
        .db
        .run(move |conn| subscriptions::subscriber_for_unsubscribe(conn, &st.key, &lookup))
        .await
        .map_err(|_| invalid_link())?;
    Page::new("pages/unsubscribe.html", "Unsubscribe").render(
        &req,
        json!({
            "token": token,
            "email": mask_email(&subscriber.email),
            "done": subscriber.status == "unsubscribed",
        }),
    )
}

/// RFC 8058 one-click: a POST to the link itself unsubscribes at once; no session or CSRF
/// token is involved (the signed token in the link is the proof).
async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let now = state.clock.now();
    let st = state.clone();
    let subscriber = state
        .db
        .run(move |conn| subscriptions::unsubscribe(conn, &st.key, &token, now))
        .await
        .map_err(|_| invalid_link())?;
    Page::new("pages/unsubscribe.html", "Unsubscribed")
        .render(&req, json!({"token": "", "email": mask_email(&subscriber.email), "done": true}))
}

async fn digest_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let st = state.clone();
    let data = state
        .db
        .run(move |conn| {
            let topic = public_topic(conn, &slug)?;
            let digest = Digest::for_topic(conn, topic.id)?.ok_or(AppError::NotFound)?;
            if !digests::is_public(&digest) {
                return Err(AppError::NotFound);
            }
            let entries = crate::db::submissions::Submission::published_for_topic(conn, topic.id, None)?;
            let next = digests::next_topic(conn, &topic)?;
            let data = compose::digest_data(
                &st.settings,
                &DigestSource { topic: &topic, entries: &entries, next: next.as_ref() },
            );
            Ok((data, digest.subject))
        })
        .await?;
    let (mut data, subject) = data;
    data["subject"] = json!(subject);
    Page::new("pages/digest.html", subject).render(&req, data)
}
