//! `/`: this month's topic and its call for content, what comes next, recent archives.

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
    routes.at("/", |r| r.get(home));
}

#[derive(Serialize)]
struct HomePage {
    open: Option<TopicView>,
    upcoming: Vec<TopicView>,
    recent: Vec<TopicView>,
}

async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (schedule, now) = schedule::overview(&state.app, language::of(&req)).await?;
    let tz = state.app.tz();
    let data = HomePage {
        open: schedule.open.as_ref().map(|t| TopicView::new(t, tz, now)),
        upcoming: TopicView::list(schedule.upcoming.iter().take(3), tz, now),
        recent: TopicView::list(schedule.past.iter().take(6), tz, now),
    };
    Page::new("pages/home.html", t(&req, "title-home", &[])).public().render(&req, &data)
}
