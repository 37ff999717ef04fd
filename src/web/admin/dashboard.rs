//! `/admin`: what needs attention, and how the club is doing.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app;
use crate::error::AppError;
use crate::render::charts::{bar_chart, BarChart, BarChartData};
use crate::render::views::EntryView;
use crate::web::http::language::t;
use crate::web::http::page::Page;
use crate::web::http::routes::Routes;
use crate::web::http::session::CurrentOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin", |r| r.get(dashboard));
}

#[derive(Serialize)]
struct Failing {
    title: String,
    failed: i64,
}

/// A chart with its title and series named in the reader's language.
fn named(req: &HttpRequest, chart: BarChartData) -> BarChartData {
    BarChartData {
        title: t(req, &chart.title, &[]),
        series: chart.series.iter().map(|id| t(req, id, &[])).collect(),
        ..chart
    }
}

#[derive(Serialize)]
struct Gap {
    month: String,
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
    digests_failing: Vec<Failing>,
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
        digests_failing: d.digests_failing.into_iter().map(|(title, failed)| Failing { title, failed }).collect(),
        gaps: d.gaps.iter().map(|m| Gap { month: m.to_string() }).collect(),
        broken_links: d
            .broken_links
            .iter()
            .map(|(s, t)| BrokenLink { entry: EntryView::new(s), topic_title: t.clone() })
            .collect(),
        destinations_troubled: d
            .destinations_troubled
            .into_iter()
            .map(|(label, paused)| Troubled { label, paused })
            .collect(),
        is_admin: who.require_admin().is_ok(),
        charts: d.charts.into_iter().map(|c| bar_chart(named(&req, c))).collect(),
    };
    Page::new("pages/admin/dashboard.html", t(&req, "title-dashboard", &[])).render(&req, &data)
}
