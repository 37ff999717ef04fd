//! `/topics`: every month's topic by year; `/schedule.ics`: the same as a calendar.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::schedule;
use crate::error::AppError;
use crate::render::views::TopicView;
use crate::web::http::language::{self, t};
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/topics", |r| r.get(schedule_page));
    routes.at("/schedule.ics", |r| r.get(calendar));
}

#[derive(Serialize)]
struct Year {
    year: String,
    topics: Vec<TopicView>,
}

#[derive(Serialize)]
struct SchedulePage<'a> {
    years: Vec<Year>,
    webcal: String,
    timezone: &'a str,
}

async fn schedule_page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let all = schedule::announced_in(&state.app, language::of(&req)).await?;
    let (tz, now) = (state.app.tz(), state.app.now());
    let mut years: BTreeMap<String, Vec<TopicView>> = BTreeMap::new();
    for topic in &all {
        years.entry(topic.month[..4].to_owned()).or_default().push(TopicView::new(topic, tz, now));
    }
    let club = &state.app.settings.club;
    let data = SchedulePage {
        years: years.into_iter().rev().map(|(year, topics)| Year { year, topics }).collect(),
        webcal: format!("webcal://{}/schedule.ics", club.base().split_once("://").map_or("", |(_, rest)| rest)),
        timezone: &club.timezone,
    };
    Page::new("pages/schedule.html", t(&req, "title-schedule", &[])).public().render(&req, &data)
}

async fn calendar(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let body = schedule::calendar(&state.app).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"schedule.ics\""))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(body))
}
