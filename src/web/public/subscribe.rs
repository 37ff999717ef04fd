//! Readers subscribe to the digest (double opt-in), confirm by POST from the page the email
//! links to, and unsubscribe in one click (RFC 8058: a POST to the link, no session, no CSRF
//! token — the signed token in the link is the proof).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, mask_email, SubscriberStatus};
use crate::error::{AppError, FieldErrors};
use crate::web::http::forms::{TokenForm, TokenQuery};
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, Csrf};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/subscribe", |r| r.get(subscribe_page).post(subscribe));
    routes.at("/subscribe/confirm", |r| r.get(confirm_page).post(confirm_subscription));
    routes.at("/unsubscribe", |r| r.get(unsubscribe_page).post(unsubscribe));
}

#[derive(Debug, Default, Deserialize)]
struct SubscribeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

#[derive(Serialize)]
struct SubscribePage<'a> {
    email: &'a str,
    errors: &'a FieldErrors,
    sent: bool,
}

fn render_subscribe(req: &HttpRequest, data: SubscribePage<'_>, status: StatusCode) -> Result<HttpResponse, AppError> {
    Page::new("pages/subscribe.html", "Subscribe to the digest").status(status).render(req, &data)
}

async fn subscribe_page(req: HttpRequest) -> Result<HttpResponse, AppError> {
    render_subscribe(&req, SubscribePage { email: "", errors: &FieldErrors::new(), sent: false }, StatusCode::OK)
}

async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<SubscribeForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let email = form.into_inner().email;
    let client = session::client(&req, &state);
    let (errors, status) = match app::subscriptions::subscribe(&state.app, email.clone(), &client).await {
        // The same answer whether the address was new, pending or already subscribed.
        Ok(_) => {
            let data = SubscribePage { email: "", errors: &FieldErrors::new(), sent: true };
            return render_subscribe(&req, data, StatusCode::OK);
        }
        Err(AppError::Validation(errors)) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(AppError::RateLimited { .. }) => {
            let message = "Too many requests from here; please try again later.";
            (FieldErrors::from([("email".to_owned(), message.to_owned())]), StatusCode::TOO_MANY_REQUESTS)
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
    Page::new("pages/subscribe_confirm.html", "Confirm your subscription").render(&req, &data)
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
    Page::new("pages/subscribe_confirm.html", "Subscribed").render(&req, &data)
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
    Page::new("pages/unsubscribe.html", "Unsubscribe").render(&req, &data)
}

async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let subscriber = app::subscriptions::unsubscribe(&state.app, query.into_inner().token).await?;
    let data = TokenPage { token: "", email: mask_email(&subscriber.email), done: true };
    Page::new("pages/unsubscribe.html", "Unsubscribed").render(&req, &data)
}
