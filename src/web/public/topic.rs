//! `/topics/{slug}`: a topic's page and its archive of published entries, filterable by kind
//! and by the language they are written in; the topic in the reader's language when it has it.
//! A renamed topic's old address answers with a permanent redirect.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::schedule::{self, ArchiveAnswer, ArchiveQuery as Wanted};
use crate::app::SubmissionKind;
use crate::error::AppError;
use crate::render::markdown;
use crate::render::views::{EntryView, TopicView};
use crate::web::http::language::{self, t};
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
    language: Option<String>,
}

#[derive(Serialize)]
struct Filter {
    label: String,
    href: String,
    current: bool,
    /// The language a language filter is for.
    tag: Option<String>,
}

#[derive(Serialize)]
struct TopicPage<'a> {
    topic: TopicView,
    timezone: &'a str,
    is_draft: bool,
    entries: Vec<EntryView>,
    total: i64,
    filters: Vec<Filter>,
    /// One link per language the entries are written in, when there is more than one.
    language_filters: Vec<Filter>,
    kind: Option<SubmissionKind>,
    language: Option<String>,
    /// The published round-up's introduction, at the head of a closed topic's page.
    roundup_html: Option<String>,
    /// The archive without filters, when some are in force.
    clear_href: Option<String>,
}

/// The archive's address with these filters; the two combine.
fn filtered(url: &str, kind: Option<SubmissionKind>, language: Option<&str>) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(kind) = kind {
        query.append_pair("kind", kind.as_str());
    }
    if let Some(language) = language {
        query.append_pair("language", language);
    }
    match query.finish() {
        q if q.is_empty() => url.to_owned(),
        q => format!("{url}?{q}"),
    }
}

/// "All", then one link per kind (named in the plural, as the digest groups them), each
/// keeping the language chosen.
fn filters(req: &HttpRequest, url: &str, kind: Option<SubmissionKind>, language: Option<&str>) -> Vec<Filter> {
    let all = Filter {
        label: t(req, "label-filter-all", &[]),
        href: filtered(url, None, language),
        current: kind.is_none(),
        tag: None,
    };
    std::iter::once(all)
        .chain(SubmissionKind::ALL.iter().map(|k| Filter {
            label: t(req, &format!("digest-group-{}", k.as_str()), &[]),
            href: filtered(url, Some(*k), language),
            current: kind == Some(*k),
            tag: None,
        }))
        .collect()
}

/// One link per language the published entries are written in, each named in itself and
/// keeping the kind chosen.
fn language_filters(
    url: &str,
    languages: &[String],
    kind: Option<SubmissionKind>,
    current: Option<&str>,
) -> Vec<Filter> {
    if languages.len() < 2 && current.is_none() {
        return Vec::new();
    }
    languages
        .iter()
        .map(|tag| Filter {
            label: crate::i18n::name_of(tag),
            href: filtered(url, kind, Some(tag)),
            current: current == Some(tag.as_str()),
            tag: Some(tag.clone()),
        })
        .collect()
}

async fn topic_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<ArchiveQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let kind = query.kind.and_then(|k| SubmissionKind::parse(&k).ok());
    let language = query.language.filter(|l| !l.trim().is_empty());
    let organiser = session::logged_in(&req).is_some();
    let wanted = Wanted { kind, language: language.clone(), reader: language::of(&req).to_owned() };
    let archive = match schedule::archive(&state.app, slug.into_inner(), wanted, organiser).await? {
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
        filters: filters(&req, &view.url, kind, language.as_deref()),
        language_filters: language_filters(&view.url, &archive.languages, kind, language.as_deref()),
        clear_href: (kind.is_some() || language.is_some()).then(|| view.url.clone()),
        topic: view,
        timezone: &state.app.settings.club.timezone,
        is_draft: !topic.announced,
        entries: EntryView::list_with_authors(&archive.entries, &archive.authors),
        total: archive.total,
        kind,
        language,
        roundup_html,
    };
    Page::new("pages/topic.html", topic.title.clone())
        .public()
        .feeds(topic_feeds(&req, &state, &topic.slug, &topic.title))
        .render(&req, &data)
}
