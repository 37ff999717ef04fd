//! `/topics/{slug}`: a topic's page and its archive of published entries, filterable by kind.
//! A renamed topic's old address answers with a permanent redirect.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::schedule::{self, ArchiveAnswer};
use crate::app::SubmissionKind;
use crate::error::AppError;
use crate::render::markdown;
use crate::render::views::{capitalise, EntryView, TopicView};
use crate::web::http::page::{moved_permanently, topic_feeds, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/topics/{slug}", |r| r.get(topic_page));
}

#[derive(Deserialize)]
struct ArchiveQuery {
    kind: Option<String>,
}

#[derive(Serialize)]
struct Filter {
    label: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct TopicPage<'a> {
    topic: TopicView,
    timezone: &'a str,
    is_draft: bool,
    entries: Vec<EntryView>,
    total: i64,
    filters: Vec<Filter>,
    kind: Option<SubmissionKind>,
    /// The published round-up's introduction, at the head of a closed topic's page.
    roundup_html: Option<String>,
}

fn filters(url: &str, kind: Option<SubmissionKind>) -> Vec<Filter> {
    let all = Filter { label: "All".into(), href: url.to_owned(), current: kind.is_none() };
    std::iter::once(all)
        .chain(SubmissionKind::ALL.iter().map(|k| Filter {
            label: format!("{}s", capitalise(k.as_str())),
            href: format!("{url}?kind={k}"),
            current: kind == Some(*k),
        }))
        .collect()
}

async fn topic_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<ArchiveQuery>,
) -> Result<HttpResponse, AppError> {
    let kind = query.into_inner().kind.and_then(|k| SubmissionKind::parse(&k).ok());
    let organiser = session::logged_in(&req).is_some();
    let archive = match schedule::archive(&state.app, slug.into_inner(), kind, organiser).await? {
        ArchiveAnswer::Found(archive) => archive,
        ArchiveAnswer::Moved(current) => {
            let query = Some(req.query_string()).filter(|q| !q.is_empty()).map(|q| format!("?{q}"));
            return Ok(moved_permanently(&format!("/topics/{current}{}", query.unwrap_or_default())));
        }
    };
    let (tz, topic) = (state.app.tz(), &archive.topic);
    let view = TopicView::new(topic, tz, state.app.now());
    let roundup_html = archive.roundup.as_ref().filter(|_| view.is_closed).map(|r| markdown::to_safe_html(&r.intro));
    let data = TopicPage {
        filters: filters(&view.url, kind),
        topic: view,
        timezone: &state.app.settings.club.timezone,
        is_draft: !topic.announced,
        entries: EntryView::list(&archive.entries, tz),
        total: archive.total,
        kind,
        roundup_html,
    };
    Page::new("pages/topic.html", topic.title.clone())
        .feeds(topic_feeds(&state, &topic.slug, &topic.title))
        .render(&req, &data)
}
