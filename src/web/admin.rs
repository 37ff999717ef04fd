//! Organiser pages: login, logout, dashboard.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use serde::Deserialize;
use serde_json::json;

use super::page::{self, Page};
use super::session::{self, Csrf, CsrfForm, CurrentOrganiser, SESSION_COOKIE};
use super::AppState;
use crate::domain::rate_limits::Use;
use crate::domain::{auth, organisers, EmailAddress};
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/login").route(web::get().to(login_form)).route(web::post().to(login)))
        .service(web::resource("/admin/logout").route(web::post().to(logout)))
        .service(web::resource("/admin").route(web::get().to(dashboard)));
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
struct LoginFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only same-site paths are followed after login.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control) {
        next.to_owned()
    } else {
        "/admin".to_owned()
    }
}

async fn login_form(req: HttpRequest, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref().unwrap_or("/admin"));
    if session::logged_in(&req).is_some() {
        return Ok(page::redirect(&next));
    }
    render_login(&req, StatusCode::OK, "", &next, None)
}

fn render_login(
    req: &HttpRequest,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    Page::new("pages/admin/login.html", "Organiser login")
        .status(status)
        .render(req, json!({"email": email, "next": next, "form_error": error}))
}

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<LoginFormData>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let next = safe_next(&form.next);
    let ip = session::client_ip(&req, state.settings.rate_limit.trust_forwarded_for);
    let account =
        EmailAddress::parse(&form.email).map(|e| e.key()).unwrap_or_else(|_| form.email.trim().to_lowercase());
    let limited = state
        .limit(vec![
            (state.login_ip_limiter, ip.clone(), Use::Take),
            (state.login_account_limiter, account.clone(), Use::Peek),
        ])
        .await;
    if let Err(AppError::RateLimited { retry_after_seconds: wait }) = limited {
        let message = format!("Too many login attempts. Wait {wait} seconds and try again.");
        let mut response = render_login(&req, StatusCode::TOO_MANY_REQUESTS, &form.email, &next, Some(&message))?;
        response
            .headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, actix_web::http::header::HeaderValue::from(wait));
        return Ok(response);
    }
    limited?;
    let ttl = Duration::hours(i64::from(state.settings.security.session_ttl_hours));
    let now = state.clock.now();
    let (email, password) = (form.email.clone(), form.password);
    let started = state
        .db
        .run(move |conn| match organisers::authenticate(conn, &email, &password)? {
            Some(organiser) => auth::start_session(conn, &organiser, ttl, now).map(Some),
            None => Ok(None),
        })
        .await?;
    match started {
        Some(token) => {
            tracing::info!(account = %account, "organiser logged in");
            let mut response = page::redirect(&next);
            response.add_cookie(&session::session_cookie(&state, &token)).map_err(AppError::internal)?;
            Ok(response)
        }
        None => {
            // A refusal here is the next attempt's business; a failure of the database is this one's.
            match state.limit(vec![(state.login_account_limiter, account.clone(), Use::Take)]).await {
                Ok(()) | Err(AppError::RateLimited { .. }) => {}
                Err(e) => return Err(e),
            }
            tracing::warn!(account = %account, ip = %ip, "failed organiser login");
            render_login(
                &req,
                StatusCode::UNAUTHORIZED,
                &form.email,
                &next,
                Some("That email and password do not match an organiser account."),
            )
        }
    }
}

async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    if let Some(token) = req.cookie(SESSION_COOKIE).and_then(|c| session::verify_session_cookie(&state.key, c.value()))
    {
        state.db.run(move |conn| auth::end_session(conn, &token)).await?;
    }
    let mut response = page::redirect_with_flash(&req, "/", "You are logged out.");
    response
        .add_cookie(&session::removal_cookie(SESSION_COOKIE, state.settings.club.is_https()))
        .map_err(AppError::internal)?;
    Ok(response)
}

async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    use crate::db::digests::{Digest, Progress};
    use crate::db::submissions::Submission;
    use crate::db::subscribers::Subscriber;
    use crate::db::topics::Topic;
    use crate::domain::month::Month;
    use crate::render::charts::{bar_chart, BarChartData};

    let now = state.clock.now();
    let day_ago = (now - Duration::days(1)).naive_utc();
    let (counts, stale, digests, topics, by_kind, timeline) = state
        .db
        .run(move |conn| {
            let digests: Vec<(Digest, Progress)> = Digest::all(conn)?
                .into_iter()
                .map(|d| Digest::progress(conn, d.id).map(|p| (d, p)))
                .collect::<Result<_, _>>()?;
            Ok((
                Submission::count_by_status(conn)?,
                Submission::unconfirmed_before(conn, day_ago)?.len(),
                digests,
                Topic::all(conn, true)?,
                Submission::counts_by_topic_and_kind(conn)?,
                Subscriber::timeline(conn)?,
            ))
        })
        .await?;
    let count = |status: &str| counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
    let title_of = |id: i64| topics.iter().find(|t| t.id == id).map(|t| t.title.clone()).unwrap_or_default();
    let digests_with = |status: &str| -> Vec<String> {
        digests.iter().filter(|(d, _)| d.status == status).map(|(d, _)| title_of(d.topic_id)).collect()
    };
    let failing: Vec<String> = digests
        .iter()
        .filter(|(_, p)| p.failed > 0)
        .map(|(d, p)| format!("{} ({} failed)", title_of(d.topic_id), p.failed))
        .collect();
    let tz = state.settings.club.tz();
    let mut month = Month::containing(now, tz);
    let mut gaps = Vec::new();
    for _ in 0..4 {
        if !topics.iter().any(|t| t.month == month.to_string()) {
            gaps.push(json!({"month": month.to_string(), "name": month.long_name()}));
        }
        month = month.next();
    }

    let kinds = crate::domain::submissions::KINDS;
    let recent: Vec<&Topic> =
        topics.iter().filter(|t| t.announced).rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    let per_topic = bar_chart(BarChartData {
        id: "chart-submissions".into(),
        title: "Submissions per topic, by kind".into(),
        series: kinds.iter().map(|k| (*k).to_owned()).collect(),
        groups: recent
            .iter()
            .map(|t| {
                let values = kinds
                    .iter()
                    .map(|k| by_kind.iter().find(|(id, kind, _)| *id == t.id && kind == k).map_or(0, |(_, _, n)| *n))
                    .collect();
                (t.month.clone(), values)
            })
            .collect(),
    });
    let mut months = Vec::new();
    let mut m = Month::containing(now, tz);
    for _ in 0..6 {
        months.push(m);
        m = m.prev();
    }
    months.reverse();
    let in_month = |at: Option<chrono::NaiveDateTime>, month: Month| {
        at.is_some_and(|t| Month::containing(super::views::utc(t), tz) == month)
    };
    let subscribers = bar_chart(BarChartData {
        id: "chart-subscribers".into(),
        title: "Subscribers over time: joins, leaves, bounces".into(),
        series: vec!["joined".into(), "left".into(), "bounced".into()],
        groups: months
            .iter()
            .map(|m| {
                let joins = timeline.iter().filter(|(_, confirmed, _, _)| in_month(*confirmed, *m)).count() as i64;
                let leaves = timeline.iter().filter(|(_, _, left, _)| in_month(*left, *m)).count() as i64;
                let bounces =
                    timeline.iter().filter(|(s, _, _, at)| s == "bounced" && in_month(Some(*at), *m)).count() as i64;
                (m.to_string(), vec![joins, leaves, bounces])
            })
            .collect(),
    });
    let outcomes = bar_chart(BarChartData {
        id: "chart-digests".into(),
        title: "Digest delivery per topic".into(),
        series: vec!["sent".into(), "failed or bounced".into(), "still queued".into()],
        groups: digests
            .iter()
            .rev()
            .take(8)
            .rev()
            .map(|(d, p)| {
                let month = topics.iter().find(|t| t.id == d.topic_id).map(|t| t.month.clone()).unwrap_or_default();
                (month, vec![p.sent, p.failed, p.queued + p.sending])
            })
            .collect(),
    });
    Page::new("pages/admin/dashboard.html", "Dashboard").render(
        &req,
        json!({
            "pending": count("pending"),
            "unconfirmed": count("unconfirmed"),
            "stale_unconfirmed": stale,
            "approved": count("approved"),
            "digests_waiting": digests_with("waiting"),
            "digests_empty": digests_with("empty"),
            "digests_failing": failing,
            "gaps": gaps,
            "is_admin": who.require_admin().is_ok(),
            "charts": [per_topic, subscribers, outcomes],
        }),
    )
}
