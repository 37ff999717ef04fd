//! Organisers plan the schedule: `/admin/topics` (months with gaps visible), create, edit, move,
//! announce, delete. Post-redirect-get with a flash message; errors beside the fields.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::{self, local_to_utc, Month, Topic, TopicInput, TopicPatch};
use crate::error::{AppError, FieldErrors};
use crate::render::dates;
use crate::render::views::TopicView;
use crate::web::http::language::{self, t};
use crate::web::http::page::{form_refusal, redirect_with_flash, refusal_message, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/topics", |r| r.get(list_topics));
    routes.at("/admin/topics/new", |r| r.get(new_topic_form).post(create_topic));
    routes.at("/admin/topics/{slug}/edit", |r| r.get(edit_topic_form).post(update_topic));
    routes.at("/admin/topics/{slug}/announce", |r| r.post(announce_topic));
    routes.at("/admin/topics/{slug}/delete", |r| r.post(delete_topic));
}

#[derive(Serialize)]
struct MonthRow {
    month: String,
    is_current: bool,
    is_past: bool,
    topic: Option<TopicView>,
}

#[derive(Serialize)]
struct TopicsPage {
    rows: Vec<MonthRow>,
}

/// Every month from the first topic (or last month) to three months ahead, newest first.
fn month_rows(all: &[Topic], current: Month, view: impl Fn(&Topic) -> TopicView) -> Vec<MonthRow> {
    let months = || all.iter().filter_map(|t| Month::parse(&t.month).ok());
    let first = months().min().map_or(current.prev(), |m| m.min(current.prev()));
    let last = months().max().map_or(current, |m| m.max(current)).max(current.next().next().next());
    let mut rows: Vec<MonthRow> = std::iter::successors(Some(first), |m| Some(m.next()))
        .take_while(|m| *m <= last)
        .take(240)
        .map(|month| MonthRow {
            month: month.to_string(),
            is_current: month == current,
            is_past: month < current,
            topic: all.iter().find(|t| t.month == month.to_string()).map(&view),
        })
        .collect();
    rows.reverse();
    rows
}

async fn list_topics(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let all: Vec<Topic> = app::topics::list(&state.app, true).await?.into_iter().map(|(t, _)| t).collect();
    let (tz, now) = (state.app.tz(), state.app.now());
    let rows = month_rows(&all, Month::containing(now, tz), |t| TopicView::new(t, tz, now));
    Page::new("pages/admin/topics.html", t(&req, "title-topics", &[])).render(&req, &TopicsPage { rows })
}

#[derive(Deserialize)]
struct NewTopicQuery {
    month: Option<String>,
}

/// The topic form as posted; every field is text so that what was typed can be shown again.
#[derive(Debug, Default, Deserialize, Serialize)]
struct TopicFormData {
    #[serde(default, skip_serializing)]
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
    #[serde(default, serialize_with = "checked")]
    announced: Option<String>,
}

fn checked<S: serde::Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(value.is_some())
}

/// When submissions open and close, as typed (`None`: the month's default).
type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl TopicFormData {
    /// Window fields as UTC, in the club's zone; empty means the month's default.
    fn window(&self, tz: chrono_tz::Tz) -> Result<Window, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut parse = |field: &str, text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| local_to_utc(text, tz).map_err(|m| errors.insert(field.to_owned(), m)).ok())?
        };
        let window = (parse("opens_at", &self.opens_at), parse("closes_at", &self.closes_at));
        if errors.is_empty() {
            Ok(window)
        } else {
            Err(errors)
        }
    }

    fn of(topic: &Topic, view: &TopicView) -> TopicFormData {
        TopicFormData {
            csrf_token: String::new(),
            month: topic.month.clone(),
            title: topic.title.clone(),
            slug: topic.slug.clone(),
            summary: topic.summary.clone(),
            opens_at: view.opens_input.clone(),
            closes_at: view.closes_input.clone(),
            announced: topic.announced.then(|| "on".to_owned()),
        }
    }
}

#[derive(Serialize)]
struct TopicFormPage<'a> {
    heading: &'a str,
    action: String,
    editing: bool,
    /// The topic's page of translations, when it exists already.
    translations: Option<String>,
    form: &'a TopicFormData,
    errors: &'a FieldErrors,
    has_errors: bool,
    timezone: &'a str,
}

fn render_form(
    req: &HttpRequest,
    state: &AppState,
    editing: Option<&Topic>,
    form: &TopicFormData,
    (errors, status): (&FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let (title, action) = match editing {
        Some(topic) => (
            t(req, "title-topic-edit", &[("title", topic.title.as_str().into())]),
            format!("/admin/topics/{}/edit", topic.slug),
        ),
        None => (t(req, "title-topic-new", &[]), "/admin/topics/new".to_owned()),
    };
    let data = TopicFormPage {
        heading: &title,
        action,
        editing: editing.is_some(),
        translations: editing.map(|topic| format!("/admin/topics/{}/translations", topic.slug)),
        form,
        errors,
        has_errors: !errors.is_empty(),
        timezone: &state.app.settings.club.timezone,
    };
    Page::new("pages/admin/topic_form.html", title.clone()).status(status).render(req, &data)
}

async fn new_topic_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    query: web::Query<NewTopicQuery>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let next_month = Month::containing(state.app.now(), state.app.tz()).next();
    let month = query.month.as_deref().and_then(|m| Month::parse(m).ok()).unwrap_or(next_month);
    let form = TopicFormData { month: month.to_string(), ..TopicFormData::default() };
    render_form(&req, &state, None, &form, (&FieldErrors::new(), StatusCode::OK))
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
    let (opens_at, closes_at) = match form.window(state.app.tz()) {
        Ok(window) => window,
        Err(errors) => return render_form(&req, &state, None, &form, (&errors, StatusCode::UNPROCESSABLE_ENTITY)),
    };
    let input = TopicInput {
        month: form.month.clone(),
        title: form.title.clone(),
        slug: Some(form.slug.clone()),
        summary: Some(form.summary.clone()),
        opens_at,
        closes_at,
        announced: form.announced.is_some(),
    };
    match app::topics::create(&state.app, input).await {
        Ok(topic) => {
            let month = month_name(&req, &topic.month);
            let message = t(&req, "flash-topic-scheduled", &[("title", topic.title.into()), ("month", month.into())]);
            Ok(redirect_with_flash(&req, "/admin/topics", &message))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render_form(&req, &state, None, &form, (&errors, status))
        }
    }
}

/// "March 2025" for "2025-03", as the request's language writes a month.
fn month_name(req: &HttpRequest, month: &str) -> String {
    let pattern = t(req, "format-month", &[]);
    Month::parse(month).map(|m| dates::month(m.first_day(), &pattern, language::of(req))).unwrap_or_default()
}

async fn edit_topic_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let topic = app::topics::get(&state.app, slug.into_inner()).await?;
    let view = TopicView::new(&topic, state.app.tz(), state.app.now());
    let form = TopicFormData::of(&topic, &view);
    render_form(&req, &state, Some(&topic), &form, (&FieldErrors::new(), StatusCode::OK))
}

/// The change a posted form asks for: a window left as it was shown keeps its meaning
/// (unchanged, or moved with the month).
fn patch_of(
    form: &TopicFormData,
    shown: &TopicView,
    window: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
) -> TopicPatch {
    let edit = |typed: &str, shown: &str, parsed| if typed.trim() == shown { None } else { Some(parsed) };
    TopicPatch {
        month: Some(form.month.clone()),
        title: Some(form.title.clone()),
        slug: Some(form.slug.clone()),
        summary: Some(form.summary.clone()),
        opens_at: edit(&form.opens_at, &shown.opens_input, window.0),
        closes_at: edit(&form.closes_at, &shown.closes_input, window.1),
        announced: Some(form.announced.is_some()),
    }
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
    let topic = app::topics::get(&state.app, slug.into_inner()).await?;
    let form = form.into_inner();
    let window = match form.window(state.app.tz()) {
        Ok(window) => window,
        Err(errors) => {
            return render_form(&req, &state, Some(&topic), &form, (&errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
    };
    let patch = patch_of(&form, &TopicView::new(&topic, state.app.tz(), state.app.now()), window);
    match app::topics::update(&state.app, topic.slug.clone(), patch).await {
        Ok(updated) => {
            let message = t(&req, "flash-topic-saved", &[("title", updated.title.into())]);
            Ok(redirect_with_flash(&req, "/admin/topics", &message))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render_form(&req, &state, Some(&topic), &form, (&errors, status))
        }
    }
}

async fn announce_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let topic = app::topics::announce(&state.app, slug.into_inner()).await?;
    let message = t(&req, "flash-topic-announced", &[("title", topic.title.into())]);
    Ok(redirect_with_flash(&req, "/admin/topics", &message))
}

async fn delete_topic(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let message = match app::topics::delete(&state.app, slug.into_inner()).await {
        Ok(topic) => t(&req, "flash-topic-deleted", &[("title", topic.title.into())]),
        Err(refused @ AppError::Conflict(_)) => refusal_message(&req, refused)?,
        Err(other) => return Err(other),
    };
    Ok(redirect_with_flash(&req, "/admin/topics", &message))
}
