//! Feeds for readers: per topic, for the whole club, for the schedule (RSS 2.0 and JSON Feed
//! 1.1), and an OPML list of them all. Current documents are answered from memory before the
//! application (see `http::memory`); these handlers answer the rest: documents not yet
//! rendered, renamed topics' old addresses, drafts and unknown topics.

use actix_web::dev::Response;
use actix_web::guard::GuardContext;
use actix_web::{web, HttpRequest, HttpResponse};

use super::http::conditional;
use super::http::memory::feed_representation;
use super::http::page::moved_permanently;
use super::http::routes::Routes;
use super::AppState;
use crate::app::feeds::{self, FeedAnswer, FeedKind};
use crate::error::AppError;

pub fn configure(routes: &mut Routes<'_>) {
    for kind in FeedKind::ALL {
        routes.at(kind.route(), |r| r.get(feed));
    }
}

/// Whether a request is for a feed address (the feeds' own scope takes it).
pub fn is_feed_request(ctx: &GuardContext<'_>) -> bool {
    FeedKind::at(ctx.head().uri.path()).is_some()
}

async fn feed(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    match feeds::document(&state.app, req.path()).await? {
        FeedAnswer::Document(doc) => {
            let answer: Response<bytes::Bytes> =
                conditional::respond(req.headers(), &feed_representation(&doc), state.https);
            Ok(HttpResponse::from(answer).map_into_boxed_body())
        }
        FeedAnswer::Moved(slug) => {
            let extension = if req.path().ends_with(".json") { "json" } else { "xml" };
            Ok(moved_permanently(&format!("/topics/{slug}/feed.{extension}")))
        }
    }
}
