//! `POST /hooks/mail/{ses,mailgun,postmark,sendgrid}`: bounce and complaint notifications. An
//! endpoint whose provider is not set up answers 404; an unsigned request 401, a forged one 403,
//! both changing nothing. A report is answered 200 once taken (also when it was taken before),
//! so that the provider stops sending it.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::bounces::{self, Taken};
use crate::error::AppError;
use crate::web::http::routes::Routes;
use crate::web::http::session::basic_credentials;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/hooks/mail/ses", |r| r.post(ses));
    routes.at("/hooks/mail/mailgun", |r| r.post(mailgun));
    routes.at("/hooks/mail/postmark", |r| r.post(postmark));
    routes.at("/hooks/mail/sendgrid", |r| r.post(sendgrid));
}

#[derive(Serialize)]
struct Answer {
    taken: usize,
    repeated: usize,
    suppressed: usize,
    ignored: usize,
}

fn answer(taken: Taken) -> HttpResponse {
    HttpResponse::Ok().json(Answer {
        taken: taken.new,
        repeated: taken.repeated,
        suppressed: taken.suppressed,
        ignored: taken.ignored,
    })
}

async fn ses(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    Ok(answer(bounces::from_sns(&state.app, &body).await?))
}

async fn mailgun(state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    Ok(answer(bounces::from_mailgun(&state.app, &body).await?))
}

async fn postmark(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    Ok(answer(bounces::from_postmark(&state.app, basic_credentials(&req), &body).await?))
}

async fn sendgrid(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let signed = (header("X-Twilio-Email-Event-Webhook-Signature"), header("X-Twilio-Email-Event-Webhook-Timestamp"));
    Ok(answer(bounces::from_sendgrid(&state.app, signed, &body).await?))
}
