//! `/topics/{slug}/digest`: the web view of a digest that went out.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::digests;
use crate::email::compose::{digest_data, DigestData, DigestSource};
use crate::error::AppError;
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/topics/{slug}/digest", |r| r.get(digest_page));
}

#[derive(Serialize)]
struct DigestPage<'a> {
    subject: &'a str,
    #[serde(flatten)]
    digest: DigestData<'a>,
}

async fn digest_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = digests::web_view(&state.app, slug.into_inner()).await?;
    let source = DigestSource {
        topic: &view.topic,
        entries: &view.entries,
        next: view.next.as_ref(),
        intro: view.intro.as_deref(),
    };
    let data = DigestPage { subject: &view.subject, digest: digest_data(&state.app.settings, &source) };
    Page::new("pages/digest.html", view.subject.clone()).tokenless().render(&req, &data)
}
