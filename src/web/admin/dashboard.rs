//! `/admin`: what needs attention, and how the club is doing.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app;
use crate::error::AppError;
use crate::render::charts::{bar_chart, BarChart};
use crate::render::views::EntryView;
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::http::session::CurrentOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin", |r| r.get(dashboard));
}

#[derive(Serialize)]
struct Gap {
    month: String,
    name: String,
}

#[derive(Serialize)]
struct BrokenLink {
    entry: EntryView,
    topic_title: String,
}

#[derive(Serialize)]
struct Troubled {
    label: String,
    paused: bool,
}

#[derive(Serialize)]
struct DashboardPage {
    pending: i64,
    unconfirmed: i64,
    stale_unconfirmed: i64,
    approved: i64,
    digests_waiting: Vec<String>,
    digests_empty: Vec<String>,
    digests_failing: Vec<String>,
    gaps: Vec<Gap>,
    broken_links: Vec<BrokenLink>,
    destinations_troubled: Vec<Troubled>,
    is_admin: bool,
    charts: Vec<BarChart>,
}

async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    let d = app::dashboard::dashboard(&state.app).await?;
    let data = DashboardPage {
        pending: d.pending,
        unconfirmed: d.unconfirmed,
        stale_unconfirmed: d.stale_unconfirmed,
        approved: d.approved,
        digests_waiting: d.digests_waiting,
        digests_empty: d.digests_empty,
        digests_failing: d.digests_failing,
        gaps: d.gaps.iter().map(|m| Gap { month: m.to_string(), name: m.long_name() }).collect(),
        broken_links: d
            .broken_links
            .iter()
            .map(|(s, t)| BrokenLink { entry: EntryView::new(s, state.app.tz()), topic_title: t.clone() })
            .collect(),
        destinations_troubled: d
            .destinations_troubled
            .into_iter()
            .map(|(label, paused)| Troubled { label, paused })
            .collect(),
        is_admin: who.require_admin().is_ok(),
        charts: d.charts.into_iter().map(bar_chart).collect(),
    };
    Page::new("pages/admin/dashboard.html", "Dashboard").render(&req, &data)
}
