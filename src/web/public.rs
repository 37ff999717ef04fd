//! Public pages for members and readers: home, schedule, topic pages, the calendar.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::page::{self, Page};
use super::session;
use super::views::{SubmissionView, TopicView};
use super::AppState;
use crate::db::submissions::Submission;
use crate::domain::submissions::KINDS;
use crate::domain::topics::{self, Lookup};
use crate::error::AppError;
use crate::feeds::ical;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").route(web::get().to(home)))
        .service(web::resource("/topics").route(web::get().to(schedule)))
        .service(web::resource("/schedule.ics").route(web::get().to(calendar)))
        .service(web::resource("/topics/{slug}").route(web::get().to(topic_page)));
}

async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let schedule = state.db.run(move |conn| topics::schedule(conn, false, now)).await?;
    let open = schedule.open.as_ref().map(|t| TopicView::new(&state, t, now));
    let upcoming = TopicView::list(&state, &schedule.upcoming.iter().take(3).cloned().collect::<Vec<_>>(), now);
    let recent = TopicView::list(&state, &schedule.past.iter().take(6).cloned().collect::<Vec<_>>(), now);
    Page::new("pages/home.html", "Home").render(&req, json!({"open": open, "upcoming": upcoming, "recent": recent}))
}

async fn schedule(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let all = state.db.run(|conn| Ok(crate::db::topics::Topic::all(conn, false)?)).await?;
    let mut years: BTreeMap<String, Vec<TopicView>> = BTreeMap::new();
    for topic in &all {
        years.entry(topic.month[..4].to_owned()).or_default().push(TopicView::new(&state, topic, now));
    }
    let years: Vec<_> = years.into_iter().rev().map(|(year, topics)| json!({"year": year, "topics": topics})).collect();
    let webcal = format!(
        "webcal://{}/schedule.ics",
        state.settings.club.base().split_once("://").map(|(_, rest)| rest).unwrap_or("")
    );
    Page::new("pages/schedule.html", "Schedule")
        .render(&req, json!({"years": years, "webcal": webcal, "timezone": state.settings.club.timezone}))
}

#[derive(serde::Deserialize)]
struct ArchiveQuery {
    kind: Option<String>,
}

/// A topic page and its archive of approved submissions, filterable by kind.
async fn topic_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<ArchiveQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let kind = query.into_inner().kind.filter(|k| KINDS.contains(&k.as_str()));
    let filter = kind.clone();
    let found = state
        .db
        .run(move |conn| match topics::find_topic(conn, &slug)? {
            Lookup::Found(topic) => {
                let entries = Submission::published_for_topic(conn, topic.id, filter.as_deref())?;
                let total = Submission::count_for_topic(conn, topic.id, Some("approved"))?;
                Ok(Ok((topic, entries, total)))
            }
            Lookup::Moved(current) => Ok(Err(current)),
        })
        .await?;
    let (topic, entries, total) = match found {
        Ok(found) => found,
        Err(current) => {
            let query = req.query_string();
            let suffix = if query.is_empty() { String::new() } else { format!("?{query}") };
            return Ok(moved_permanently(&format!("/topics/{current}{suffix}")));
        }
    };
    let is_organiser = session::logged_in(&req).is_some();
    if !topic.announced && !is_organiser {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let view = TopicView::new(&state, &topic, now);
    let filters: Vec<_> = std::iter::once(json!({"label": "All", "href": view.url.clone(), "current": kind.is_none()}))
        .chain(KINDS.iter().map(|k| {
            json!({"label": format!("{}s", capitalise(k)), "href": format!("{}?kind={k}", view.url), "current": kind.as_deref() == Some(*k)})
        }))
        .collect();
    let entries: Vec<SubmissionView> = entries.iter().map(|s| SubmissionView::new(&state, s)).collect();
    Page::new("pages/topic.html", topic.title.clone())
        .feeds(page::topic_feeds(&state, &topic.slug, &topic.title))
        .render(
            &req,
            json!({
                "topic": view,
                "timezone": state.settings.club.timezone,
                "is_draft": !topic.announced,
                "entries": entries,
                "total": total,
                "filters": filters,
                "kind": kind,
            }),
        )
}

async fn calendar(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let all = state.db.run(|conn| Ok(crate::db::topics::Topic::all(conn, false)?)).await?;
    let base = state.settings.club.base().to_owned();
    let host =
        url::Url::parse(&base).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_else(|| "localhost".into());
    let events: Vec<ical::CalendarEvent> =
        all.iter().map(|topic| ical::CalendarEvent { topic, url: format!("{base}/topics/{}", topic.slug) }).collect();
    let body = ical::schedule_calendar(&state.settings.club.name, &host, state.settings.club.tz(), &events);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"schedule.ics\""))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(body))
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

pub fn moved_permanently(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently().insert_header((header::LOCATION, location.to_owned())).finish()
}
