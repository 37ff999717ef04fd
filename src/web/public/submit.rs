//! `/topics/{slug}/submit`: the submission form of an open topic. A refused entry is shown again
//! with the message beside each field and everything typed kept. The form carries no
//! per-visitor token: the origin check, the honeypot, the "form shown at" stamp and the rate
//! limits guard it.

use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, mask_email, SubmissionInput, Topic, MAX_SUMMARY_CHARS};
use crate::error::{AppError, FieldErrors, Message};
use crate::render::views::{kind_choices, Choice, TopicView};
use crate::web::http::forms::{check_stamp, form_stamp};
use crate::web::http::language::{self, t};
use crate::web::http::page::{redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/topics/{slug}/submit", |r| r.get(submit_form).post(submit_entry));
}

/// The form as posted; the entry's fields are the same as the API's.
#[derive(Debug, Default, Deserialize)]
struct SubmitForm {
    #[serde(default)]
    started: String,
    /// The honeypot: hidden from people, filled in by naive bots.
    #[serde(default)]
    website: String,
    #[serde(default)]
    agree: Option<String>,
    #[serde(flatten)]
    entry: SubmissionInput,
}

#[derive(Serialize)]
struct FormEcho<'a> {
    #[serde(flatten)]
    entry: &'a SubmissionInput,
    agree: bool,
}

#[derive(Serialize)]
struct SubmitPage<'a> {
    topic: TopicView,
    closed: Option<String>,
    form: FormEcho<'a>,
    kinds: Vec<Choice>,
    errors: &'a FieldErrors,
    has_errors: bool,
    notice: Option<String>,
    duplicate_link: Option<String>,
    started: String,
    max_summary: usize,
}

/// The form page as it should look, with what was typed and what was wrong with it.
struct Outcome<'a> {
    form: &'a SubmitForm,
    errors: FieldErrors,
    notice: Option<String>,
    duplicate: Option<String>,
    status: StatusCode,
}

impl<'a> Outcome<'a> {
    fn new(form: &'a SubmitForm, status: StatusCode) -> Outcome<'a> {
        Outcome { form, errors: FieldErrors::new(), notice: None, duplicate: None, status }
    }

    fn notice(form: &'a SubmitForm, status: StatusCode, notice: impl Into<String>) -> Outcome<'a> {
        Outcome { notice: Some(notice.into()), ..Outcome::new(form, status) }
    }
}

fn render(req: &HttpRequest, state: &AppState, topic: &Topic, outcome: Outcome<'_>) -> Result<HttpResponse, AppError> {
    let now = state.app.now();
    let data = SubmitPage {
        topic: TopicView::new(topic, state.app.tz(), now),
        closed: closed_text(req, topic, now),
        form: FormEcho { entry: &outcome.form.entry, agree: outcome.form.agree.is_some() },
        kinds: kind_choices(&outcome.form.entry.kind, |k| t(req, &format!("kind-{}", k.as_str()), &[])),
        errors: &outcome.errors,
        has_errors: !outcome.errors.is_empty(),
        notice: outcome.notice,
        duplicate_link: outcome.duplicate,
        started: form_stamp(state),
        max_summary: MAX_SUMMARY_CHARS,
    };
    let title = t(req, "title-submit", &[("title", topic.title.as_str().into())]);
    Page::new("pages/submit.html", title).tokenless().status(outcome.status).render(req, &data)
}

async fn submit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let topic = app::submissions::topic_for_form(&state.app, slug.into_inner()).await?;
    render(&req, &state, &topic, Outcome::new(&SubmitForm::default(), StatusCode::OK))
}

/// Why the topic takes no submissions now, in the reader's language; `None` while it is open.
fn closed_text(req: &HttpRequest, topic: &Topic, now: chrono::DateTime<chrono::Utc>) -> Option<String> {
    let title = [("title", topic.title.as_str().into())];
    match app::topics::status(topic, now) {
        app::TopicStatus::Open => None,
        app::TopicStatus::Upcoming => Some(t(req, "submit-closed-upcoming", &title)),
        app::TopicStatus::Closed => Some(t(req, "submit-closed-closed", &title)),
    }
}

/// Refusals before the entry is looked at: a bot, a closed topic, a form posted too fast.
fn screen<'a>(req: &HttpRequest, state: &AppState, topic: &Topic, form: &'a SubmitForm) -> Option<Outcome<'a>> {
    if !form.website.trim().is_empty() {
        tracing::info!("submission refused: honeypot filled");
        return Some(Outcome::notice(form, StatusCode::BAD_REQUEST, t(req, "flash-submission-not-accepted", &[])));
    }
    if let Some(reason) = closed_text(req, topic, state.app.now()) {
        return Some(Outcome::notice(form, StatusCode::CONFLICT, reason));
    }
    if let Err(message) = check_stamp(state, &form.started, false) {
        return Some(Outcome::notice(form, StatusCode::BAD_REQUEST, t(req, message, &[])));
    }
    let mut errors = app::submissions::field_errors(&form.entry);
    if form.agree.is_none() {
        errors.insert("agree".into(), Message::text(t(req, "flash-submission-agree-required", &[])));
    }
    (!errors.is_empty()).then(|| Outcome { errors, ..Outcome::new(form, StatusCode::UNPROCESSABLE_ENTITY) })
}

async fn submit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<SubmitForm>,
) -> Result<HttpResponse, AppError> {
    let topic = app::submissions::topic_for_form(&state.app, slug.into_inner()).await?;
    if let Some(refusal) = screen(&req, &state, &topic, &form) {
        return render(&req, &state, &topic, refusal);
    }
    let client = session::client(&req, &state);
    let email = form.entry.author_email.clone();
    let channel = app::submissions::Channel::Form;
    match app::submissions::submit(
        &state.app,
        topic.slug.clone(),
        form.entry.clone(),
        &client,
        channel,
        language::of(&req),
    )
    .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &req,
            &format!("/topics/{}", topic.slug),
            &t(&req, "flash-submission-sent", &[("email", mask_email(email.trim()).into())]),
        )),
        Err(refused) => refused_page(&req, &state, &topic, &form, refused).await,
    }
}

/// The form again after the use case refused the entry.
async fn refused_page(
    req: &HttpRequest,
    state: &AppState,
    topic: &Topic,
    form: &SubmitForm,
    refused: AppError,
) -> Result<HttpResponse, AppError> {
    let outcome = match refused {
        AppError::RateLimited { retry_after_seconds: wait } => {
            let minutes = wait.div_ceil(60);
            let minutes = i64::try_from(minutes).unwrap_or(i64::MAX);
            let message = t(req, "flash-submission-rate-limited", &[("minutes", minutes.into())]);
            let mut response =
                render(req, state, topic, Outcome::notice(form, StatusCode::TOO_MANY_REQUESTS, message))?;
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(wait));
            return Ok(response);
        }
        AppError::FieldConflict { field, message } => {
            let duplicate = app::submissions::published_duplicate(&state.app, topic.id, &form.entry.url).await?;
            let errors = FieldErrors::from([(field.to_owned(), message)]);
            Outcome { errors, duplicate, ..Outcome::new(form, StatusCode::CONFLICT) }
        }
        AppError::Validation(errors) => Outcome { errors, ..Outcome::new(form, StatusCode::UNPROCESSABLE_ENTITY) },
        AppError::Conflict(message) => Outcome::notice(form, StatusCode::CONFLICT, language::write(req, &message)),
        other => return Err(other),
    };
    render(req, state, topic, outcome)
}
