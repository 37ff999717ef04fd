//! `/api/v1/subscribers`: anyone asks to subscribe (always 202, never revealing whether the
//! address was known); admins list subscribers, a page at a time.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, SubscriberStatus};
use crate::error::AppError;
use crate::web::http::json::{next_link, rfc3339, Paging};
use crate::web::http::language;
use crate::web::http::routes::Routes;
use crate::web::http::session::{self, ApiOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/subscribers", |r| r.post(subscribe).get(list_subscribers));
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubscribeBody {
    #[serde(default)]
    email: String,
    /// The language their mail is written in; the request's language when absent.
    #[serde(default)]
    language: Option<String>,
}

#[derive(Serialize)]
struct AcceptedAnswer {
    status: &'static str,
    detail: &'static str,
}

/// Public: always 202 for a well-formed address, whether or not it was known.
async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<SubscribeBody>,
) -> Result<HttpResponse, AppError> {
    let client = session::client(&req, &state);
    let body = body.into_inner();
    let language = body.language.unwrap_or_else(|| language::of(&req).to_owned());
    app::subscriptions::subscribe(&state.app, body.email, language, &client).await?;
    Ok(HttpResponse::Accepted().json(AcceptedAnswer {
        status: "accepted",
        detail: "If the address can receive mail, a confirmation link is on its way.",
    }))
}

#[derive(Serialize)]
struct Counts {
    active: i64,
    pending: i64,
    unsubscribed: i64,
    bounced: i64,
}

#[derive(Serialize)]
struct SubscriberResource {
    email: String,
    status: SubscriberStatus,
    /// The language their mail is written in; empty for the club's.
    language: String,
    subscribed_at: String,
    bounces: i32,
}

#[derive(Serialize)]
struct SubscribersAnswer {
    counts: Counts,
    subscribers: Vec<SubscriberResource>,
    /// The cursor of the next page (also in the `Link` header), when there is one.
    next_cursor: Option<i64>,
}

async fn list_subscribers(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: ApiOrganiser,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let limit = paging.limit(app::subscribers::MAX_PAGE);
    let page = app::subscribers::page(&state.app, String::new(), paging.cursor, limit).await?;
    let c = page.counts;
    let answer = SubscribersAnswer {
        counts: Counts { active: c.active, pending: c.pending, unsubscribed: c.unsubscribed, bounced: c.bounced },
        subscribers: page
            .subscribers
            .iter()
            .map(|s| SubscriberResource {
                email: s.email.clone(),
                status: s.status,
                language: s.language.clone(),
                subscribed_at: rfc3339(s.created_at),
                bounces: s.bounce_count,
            })
            .collect(),
        next_cursor: page.next,
    };
    let mut response = HttpResponse::Ok();
    next_link(&mut response, &req, page.next);
    Ok(response.json(answer))
}
