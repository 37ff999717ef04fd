//! Organisers plan the schedule: `/admin/topics` (months with gaps visible), create, edit, move,
//! announce, delete. Post-redirect-get with a flash message; errors beside the fields.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use super::page::{form_errors, form_status, redirect_with_flash, Page};
use super::session::{Csrf, CsrfForm, CurrentOrganiser};
use super::views::TopicView;
use super::AppState;
use crate::db::topics::Topic;
use crate::domain::month::{local_to_utc, Month};
use crate::domain::topics::{self, TopicInput, TopicPatch};
use crate::error::{AppError, FieldErrors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/topics").route(web::get().to(list_topics)))
        .service(
            web::resource("/admin/topics/new").route(web::get().to(new_topic_form)).route(web::post().to(create_topic)),
        )
        .service(
            web::resource("/admin/topics/{slug}/edit")
                .route(web::get().to(edit_topic_form))
                .route(web::post().to(update_topic)),
        )
        .service(web::resource("/admin/topics/{slug}/announce").route(web::post().to(announce_topic)))
        .service(web::resource("/admin/topics/{slug}/delete").route(web::post().to(delete_topic)));
}

async fn list_topics(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let now = state.clock.now();
    let all = state.db.run(|conn| Ok(Topic::all(conn, true)?)).await?;
    let tz = state.settings.club.tz();
    let current = Month::containing(now, tz);
    let first =
        all.iter().filter_map(|t| Month::parse(&t.month).ok()).min().map_or(current.prev(), |m| m.min(current.prev()));
    let last = all.iter().filter_map(|t| Month::parse(&t.month).ok()).max().map_or(current, |m| m.max(current));
    // Three planned months ahead are always shown, so gaps in the plan stand out.
    let last = last.max(current.next().next().next());
    let mut rows = Vec::new();
    let mut month = first;
    while month <= last && rows.len() < 240 {
        let topic = all.iter().find(|t| t.month == month.to_string());
        rows.push(json!({
            "month": month.to_string(),
            "month_name": month.long_name(),
            "is_current": month == current,
            "is_past": month < current,
            "topic": topic.map(|t| TopicView::new(&state, t, now)),
        }));
        month = month.next();
    }
    rows.reverse();
    Page::new("pages/admin/topics.html", "Topics").render(&req, json!({"rows": rows}))
}

#[derive(Deserialize)]
struct NewTopicQuery {
    month: Option<String>,
}

async fn new_topic_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    query: web::Query<NewTopicQuery>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let month = query
        .month
        .as_deref()
        .and_then(|m| Month::parse(m).ok())
        .unwrap_or_else(|| Month::containing(state.clock.now(), state.settings.club.tz()).next());
    let form = TopicFormData { month: month.to_string(), ..TopicFormData::default() };
    render_form(&req, &state, None, &form, &FieldErrors::new(), StatusCode::OK)
}

/// The topic form as posted; every field is text so that what was typed can be shown again.
#[derive(Debug, Default, Deserialize)]
struct TopicFormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
    #[serde(default)]
    announced: Option<String>,
}

impl TopicFormData {
    /// Window fields as UTC, in the club's zone; empty means the month's default.
    fn window(&self, tz: chrono_tz::Tz, errors: &mut FieldErrors) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let mut parse = |field: &str, text: &str| {
            if text.trim().is_empty() {
                None
            } else {
                local_to_utc(text, tz).map_err(|m| errors.insert(field.to_owned(), m)).ok()
            }
        };
        let opens = parse("opens_at", &self.opens_at);
        let closes = parse("closes_at", &self.closes_at);
        (opens, closes)
    }
}

fn render_form(
    req: &HttpRequest,
    state: &AppState,
    editing: Option<&Topic>,
    form: &TopicFormData,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (title, action) = match editing {
        Some(t) => (format!("Edit “{}”", t.title), format!("/admin/topics/{}/edit", t.slug)),
        None => ("New topic".to_owned(), "/admin/topics/new".to_owned()),
    };
    Page::new("pages/admin/topic_form.html", title.clone()).status(status).render(
        req,
        json!({
            "heading": title,
            "action": action,
            "editing": editing.is_some(),
            "form": {
                "month": form.month, "title": form.title, "slug": form.slug, "summary": form.summary,
                "opens_at": form.opens_at, "closes_at": form.closes_at, "announced": form.announced.is_some(),
            },
            "errors": errors,
            "has_errors": !errors.is_empty(),
            "timezone": state.settings.club.timezone,
        }),
    )
}

async fn create_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    form: web::Form<TopicFormData>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let tz = state.settings.club.tz();
    let mut errors = FieldErrors::new();
    let (opens_at, closes_at) = form.window(tz, &mut errors);
    if !errors.is_empty() {
        return render_form(&req, &state, None, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let input = TopicInput {
        month: form.month.clone(),
        title: form.title.clone(),
        slug: Some(form.slug.clone()),
        summary: Some(form.summary.clone()),
        opens_at,
        closes_at,
        announced: form.announced.is_some(),
    };
    let now = state.clock.now();
    match state.db.run(move |conn| topics::create_topic(conn, input, tz, now)).await {
        Ok(topic) => Ok(redirect_with_flash(
            &req,
            "/admin/topics",
            &format!("“{}” is scheduled for {}.", topic.title, topics::month_of(&topic).long_name()),
        )),
        Err(err) => {
            let status = form_status(&err);
            let errors = form_errors(err)?;
            render_form(&req, &state, None, &form, &errors, status)
        }
    }
}

async fn load(state: &AppState, slug: String) -> Result<Topic, AppError> {
    state.db.run(move |conn| Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)).await
}

async fn edit_topic_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let topic = load(&state, slug.into_inner()).await?;
    let view = TopicView::new(&state, &topic, state.clock.now());
    let form = TopicFormData {
        csrf_token: String::new(),
        month: topic.month.clone(),
        title: topic.title.clone(),
        slug: topic.slug.clone(),
        summary: topic.summary.clone(),
        opens_at: view.opens_input,
        closes_at: view.closes_input,
        announced: topic.announced.then(|| "on".to_owned()),
    };
    render_form(&req, &state, Some(&topic), &form, &FieldErrors::new(), StatusCode::OK)
}

async fn update_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<TopicFormData>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let topic = load(&state, slug.into_inner()).await?;
    let form = form.into_inner();
    let tz = state.settings.club.tz();
    let mut errors = FieldErrors::new();
    let (opens_at, closes_at) = form.window(tz, &mut errors);
    if !errors.is_empty() {
        return render_form(&req, &state, Some(&topic), &form, &errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // A window left as it was shown keeps its meaning: unchanged, or moved with the month.
    let shown = TopicView::new(&state, &topic, state.clock.now());
    let window_edit = |typed: &str, shown: &str, parsed: Option<DateTime<Utc>>| {
        if typed.trim() == shown {
            None
        } else {
            Some(parsed)
        }
    };
    let patch = TopicPatch {
        month: Some(form.month.clone()),
        title: Some(form.title.clone()),
        slug: Some(form.slug.clone()),
        summary: Some(form.summary.clone()),
        opens_at: window_edit(&form.opens_at, &shown.opens_input, opens_at),
        closes_at: window_edit(&form.closes_at, &shown.closes_input, closes_at),
        announced: Some(form.announced.is_some()),
    };
    let now = state.clock.now();
    let slug = topic.slug.clone();
    match state.db.run(move |conn| topics::update_topic(conn, &slug, patch, tz, now)).await {
        Ok(updated) => Ok(redirect_with_flash(&req, "/admin/topics", &format!("“{}” is saved.", updated.title))),
        Err(err) => {
            let status = form_status(&err);
            let errors = form_errors(err)?;
            render_form(&req, &state, Some(&topic), &form, &errors, status)
        }
    }
}

async fn announce_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let slug = slug.into_inner();
    let tz = state.settings.club.tz();
    let now = state.clock.now();
    let patch = TopicPatch { announced: Some(true), ..TopicPatch::default() };
    let topic = state.db.run(move |conn| topics::update_topic(conn, &slug, patch, tz, now)).await?;
    Ok(redirect_with_flash(&req, "/admin/topics", &format!("“{}” is announced.", topic.title)))
}

async fn delete_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let slug = slug.into_inner();
    match state.db.run(move |conn| topics::delete_topic(conn, &slug)).await {
        Ok(topic) => Ok(redirect_with_flash(&req, "/admin/topics", &format!("“{}” is deleted.", topic.title))),
        Err(AppError::Conflict(message)) => Ok(redirect_with_flash(&req, "/admin/topics", &message)),
        Err(other) => Err(other),
    }
}
