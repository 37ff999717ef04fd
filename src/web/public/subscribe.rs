//! Readers subscribe to the digest (double opt-in), confirm by POST from the page the email
//! links to, and unsubscribe in one click (RFC 8058: a POST to the link, no session, no CSRF
//! token — the signed token in the link is the proof).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, mask_email, SubscriberStatus};
use crate::error::{AppError, FieldErrors, Message};
use crate::render::views::Choice;
use crate::web::http::forms::{check_stamp, TokenForm, TokenQuery};
use crate::web::http::language::{self, t};
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, Csrf};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/subscribe", |r| r.get(subscribe_page).post(subscribe));
    routes.at("/subscribe/confirm", |r| r.get(confirm_page).post(confirm_subscription));
    routes.at("/unsubscribe", |r| r.get(unsubscribe_page).post(unsubscribe));
    routes.at("/subscription", |r| r.get(subscription_page).post(change_language));
}

/// The subscribe form, on its own page and on the public pages: no per-visitor token (the
/// pages are the same bytes for everyone); a honeypot and the "form shown at" stamp instead.
#[derive(Debug, Default, Deserialize)]
struct SubscribeForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    started: String,
    /// The honeypot: hidden from people, filled in by naive bots.
    #[serde(default)]
    website: String,
}

#[derive(Serialize)]
struct SubscribePage<'a> {
    email: &'a str,
    errors: &'a FieldErrors,
    sent: bool,
}

fn render_subscribe(req: &HttpRequest, data: SubscribePage<'_>, status: StatusCode) -> Result<HttpResponse, AppError> {
    Page::new("pages/subscribe.html", t(req, "title-subscribe", &[])).tokenless().status(status).render(req, &data)
}

async fn subscribe_page(req: HttpRequest) -> Result<HttpResponse, AppError> {
    render_subscribe(&req, SubscribePage { email: "", errors: &FieldErrors::new(), sent: false }, StatusCode::OK)
}

/// A bot's post (honeypot filled) or one sooner than a person can type: the message that says so.
fn screen(req: &HttpRequest, state: &AppState, form: &SubscribeForm) -> Option<String> {
    if !form.website.trim().is_empty() {
        tracing::info!("subscription refused: honeypot filled");
        return Some(t(req, "flash-submission-not-accepted", &[]));
    }
    check_stamp(state, &form.started, true).err().map(|message| t(req, message, &[]))
}

async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SubscribeForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if let Some(refusal) = screen(&req, &state, &form) {
        let errors = FieldErrors::from([("email".to_owned(), Message::text(refusal))]);
        let data = SubscribePage { email: &form.email, errors: &errors, sent: false };
        return render_subscribe(&req, data, StatusCode::BAD_REQUEST);
    }
    let email = form.email;
    let client = session::client(&req, &state);
    let language = language::of(&req).to_owned();
    let (errors, status) = match app::subscriptions::subscribe(&state.app, email.clone(), language, &client).await {
        // The same answer whether the address was new, pending or already subscribed.
        Ok(_) => {
            let data = SubscribePage { email: "", errors: &FieldErrors::new(), sent: true };
            return render_subscribe(&req, data, StatusCode::OK);
        }
        Err(AppError::Validation(errors)) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(AppError::RateLimited { .. }) => {
            let message = t(&req, "flash-subscribe-rate-limited", &[]);
            (FieldErrors::from([("email".to_owned(), Message::text(message))]), StatusCode::TOO_MANY_REQUESTS)
        }
        Err(other) => return Err(other),
    };
    render_subscribe(&req, SubscribePage { email: &email, errors: &errors, sent: false }, status)
}

#[derive(Serialize)]
struct TokenPage<'a> {
    token: &'a str,
    email: String,
    done: bool,
}

async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let subscriber = app::subscriptions::pending(&state.app, token.clone()).await?;
    let data = TokenPage { token: &token, email: mask_email(&subscriber.email), done: false };
    Page::new("pages/subscribe_confirm.html", t(&req, "title-subscribe-confirm", &[])).render(&req, &data)
}

async fn confirm_subscription(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let subscriber = app::subscriptions::confirm(&state.app, form.into_inner().token).await?;
    let data = TokenPage { token: "", email: mask_email(&subscriber.email), done: true };
    Page::new("pages/subscribe_confirm.html", t(&req, "title-subscribed", &[])).render(&req, &data)
}

async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let subscriber = app::subscriptions::unsubscribe_subject(&state.app, token.clone()).await?;
    let done = subscriber.status == SubscriberStatus::Unsubscribed;
    let data = TokenPage { token: &token, email: mask_email(&subscriber.email), done };
    Page::new("pages/unsubscribe.html", t(&req, "title-unsubscribe", &[])).tokenless().render(&req, &data)
}

async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let subscriber = app::subscriptions::unsubscribe(&state.app, query.into_inner().token).await?;
    let data = TokenPage { token: "", email: mask_email(&subscriber.email), done: true };
    Page::new("pages/unsubscribe.html", t(&req, "title-unsubscribed", &[])).tokenless().render(&req, &data)
}

#[derive(Serialize)]
struct SubscriptionPage<'a> {
    token: &'a str,
    email: String,
    languages: Vec<Choice>,
    saved: bool,
    errors: &'a FieldErrors,
}

fn render_subscription(
    req: &HttpRequest,
    subscriber: &app::Subscriber,
    token: &str,
    saved: bool,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let current = if subscriber.language.is_empty() { language::of(req) } else { subscriber.language.as_str() };
    let languages = crate::i18n::LANGUAGES
        .iter()
        .map(|l| Choice { value: l.tag.into(), label: l.name.into(), selected: l.tag == current })
        .collect();
    let data = SubscriptionPage { token, email: mask_email(&subscriber.email), languages, saved, errors };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Page::new("pages/subscription.html", t(req, "subscription-title", &[])).status(status).render(req, &data)
}

/// A subscriber's own page, linked from every digest: the language of their digest, and a way out.
async fn subscription_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let subscriber = app::subscriptions::unsubscribe_subject(&state.app, token.clone()).await?;
    render_subscription(&req, &subscriber, &token, false, &FieldErrors::new())
}

#[derive(Debug, Deserialize)]
struct LanguageForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    language: String,
}

async fn change_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    query: web::Query<TokenQuery>,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let token = query.into_inner().token;
    match app::subscriptions::change_language(&state.app, token.clone(), form.into_inner().language).await {
        Ok(subscriber) => render_subscription(&req, &subscriber, &token, true, &FieldErrors::new()),
        Err(AppError::Validation(errors)) => {
            let subscriber = app::subscriptions::unsubscribe_subject(&state.app, token.clone()).await?;
            render_subscription(&req, &subscriber, &token, false, &errors)
        }
        Err(other) => Err(other),
    }
}
