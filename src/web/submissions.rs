//! Members submit without an account: the form on an open topic, then private pages behind the
//! link in their email to confirm (a POST: mail scanners follow links), edit or withdraw.
//! Approved entries have a public permalink.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::page::{redirect_with_flash, Page};
use super::session::{self, Csrf};
use super::views::{SubmissionView, TopicView};
use super::AppState;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::rate_limits::Use;
use crate::domain::submissions::{self, mask_email, SubmissionInput, ValidSubmission, KINDS};
use crate::email::compose;
use crate::error::{AppError, FieldErrors};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/topics/{slug}/submit").route(web::get().to(submit_form)).route(web::post().to(submit_entry)),
    )
    .service(
        web::resource("/submissions/{public_id}/confirm")
            .route(web::get().to(confirm_page))
            .route(web::post().to(confirm_entry)),
    )
    .service(
        web::resource("/submissions/{public_id}/edit")
            .route(web::get().to(edit_page))
            .route(web::post().to(edit_entry)),
    )
    .service(web::resource("/submissions/{public_id}/withdraw").route(web::post().to(withdraw_entry)))
    .service(web::resource("/submissions/{public_id}").route(web::get().to(permalink)));
}

/// The submission form as posted; all text so that what was typed can be shown again.
#[derive(Debug, Default, Deserialize)]
pub struct FormData {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    started: String,
    /// The honeypot: hidden from people, filled in by naive bots.
    #[serde(default)]
    website: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    author_name: String,
    #[serde(default)]
    author_email: String,
    #[serde(default)]
    author_link: String,
    #[serde(default)]
    agree: Option<String>,
}

impl FormData {
    /// The fields as the domain validates them.
    pub fn input(&self) -> SubmissionInput {
        SubmissionInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            url: self.url.clone(),
            summary: self.summary.clone(),
            author_name: self.author_name.clone(),
            author_email: self.author_email.clone(),
            author_link: Some(self.author_link.clone()),
        }
    }

    fn echo(&self) -> serde_json::Value {
        json!({
            "kind": self.kind, "title": self.title, "url": self.url, "summary": self.summary,
            "author_name": self.author_name, "author_email": self.author_email,
            "author_link": self.author_link, "agree": self.agree.is_some(),
        })
    }

    fn from_submission(s: &Submission) -> FormData {
        FormData {
            kind: s.kind.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            summary: s.summary.clone(),
            author_name: s.author_name.clone(),
            author_email: s.author_email.clone(),
            author_link: s.author_link.clone().unwrap_or_default(),
            agree: Some("on".into()),
            ..FormData::default()
        }
    }
}

/// A signed "form shown at" stamp: posts sooner than a person can type are refused.
fn form_stamp(state: &AppState) -> String {
    let at = state.clock.now().timestamp().to_string();
    format!("{at}.{}", state.key.sign("form-start", &at))
}

fn check_stamp(state: &AppState, stamp: &str) -> Result<(), String> {
    let (at, signature) = stamp.split_once('.').ok_or("The form is incomplete. Reload the page and try again.")?;
    if !state.key.verify("form-start", at, signature) {
        return Err("The form is incomplete. Reload the page and try again.".into());
    }
    let at: i64 = at.parse().map_err(|_| "The form is incomplete. Reload the page and try again.")?;
    let elapsed = state.clock.now().timestamp() - at;
    if elapsed < i64::from(state.settings.submissions.min_fill_seconds) {
        return Err("That was faster than a person can fill in the form. Check your entry and send it again.".into());
    }
    if elapsed > 24 * 3600 {
        return Err("The form was open for more than a day. Check your entry and send it again.".into());
    }
    Ok(())
}

fn kind_options(selected: &str) -> Vec<serde_json::Value> {
    KINDS.iter().map(|k| json!({"value": k, "label": capitalised(k), "selected": *k == selected})).collect()
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct FormPage<'a> {
    topic: &'a Topic,
    form: &'a FormData,
    errors: &'a FieldErrors,
    notice: Option<String>,
    duplicate_link: Option<String>,
    status: StatusCode,
}

fn render_submit(req: &HttpRequest, state: &AppState, page: FormPage<'_>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let closed = submissions::closed_reason(page.topic, now);
    Page::new("pages/submit.html", format!("Submit to “{}”", page.topic.title)).status(page.status).render(
        req,
        json!({
            "topic": TopicView::new(state, page.topic, now),
            "closed": closed,
            "form": page.form.echo(),
            "kinds": kind_options(&page.form.kind),
            "errors": page.errors,
            "has_errors": !page.errors.is_empty(),
            "notice": page.notice,
            "duplicate_link": page.duplicate_link,
            "started": form_stamp(state),
            "max_summary": submissions::MAX_SUMMARY_CHARS,
        }),
    )
}

async fn load_topic(state: &AppState, slug: String) -> Result<Topic, AppError> {
    state.db.run(move |conn| submissions::public_topic(conn, &slug)).await
}

async fn submit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let topic = load_topic(&state, slug.into_inner()).await?;
    let form = FormData::default();
    render_submit(
        &req,
        &state,
        FormPage {
            topic: &topic,
            form: &form,
            errors: &FieldErrors::new(),
            notice: None,
            duplicate_link: None,
            status: StatusCode::OK,
        },
    )
}

/// Per-address and per-author limits shared by the form and the API (and by every instance).
pub async fn check_submit_limits(req: &HttpRequest, state: &AppState, author_email: &str) -> Result<(), AppError> {
    let ip = session::client_ip(req, state.settings.rate_limit.trust_forwarded_for);
    let email = author_email.to_lowercase();
    state.limit(vec![(state.submit_ip_limiter, ip, Use::Take), (state.submit_email_limiter, email, Use::Take)]).await
}

/// Stores a valid entry for `slug` and queues its confirmation email.
pub async fn store_submission(
    state: &web::Data<AppState>,
    slug: String,
    entry: ValidSubmission,
) -> Result<Submission, AppError> {
    let now = state.clock.now();
    let host = state.host();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            submissions::submit(conn, &slug, entry, &host, now, |submission, topic, token| {
                compose::submission_confirmation(&st.renderer, &st.settings, submission, topic, token)
            })
        })
        .await
}

/// The public address of an earlier entry with the same link, when it is published.
async fn public_duplicate(state: &AppState, topic_id: i64, url: String) -> Option<String> {
    let found = state.db.run(move |conn| submissions::find_duplicate(conn, topic_id, &url)).await.ok()??;
    (found.status == "approved").then(|| format!("/submissions/{}", found.public_id))
}

async fn submit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<FormData>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let topic = load_topic(&state, slug.into_inner()).await?;
    let page = |form: &FormData,
                errors: FieldErrors,
                notice: Option<String>,
                duplicate: Option<String>,
                status: StatusCode| {
        render_submit(
            &req,
            &state,
            FormPage { topic: &topic, form, errors: &errors, notice, duplicate_link: duplicate, status },
        )
    };
    if !form.website.trim().is_empty() {
        tracing::info!("submission refused: honeypot filled");
        return page(
            &form,
            FieldErrors::new(),
            Some("Your submission could not be accepted.".into()),
            None,
            StatusCode::BAD_REQUEST,
        );
    }
    if let Some(reason) = submissions::closed_reason(&topic, state.clock.now()) {
        return page(&form, FieldErrors::new(), Some(reason), None, StatusCode::CONFLICT);
    }
    if let Err(message) = check_stamp(&state, &form.started) {
        return page(&form, FieldErrors::new(), Some(message), None, StatusCode::BAD_REQUEST);
    }
    let valid = form.input().validate();
    let mut errors = valid.as_ref().err().cloned().unwrap_or_default();
    if form.agree.is_none() {
        errors.insert("agree".into(), "Please confirm that your entry follows the submission rules.".into());
    }
    let entry = match valid {
        Ok(entry) if errors.is_empty() => entry,
        _ => return page(&form, errors, None, None, StatusCode::UNPROCESSABLE_ENTITY),
    };
    if let Err(AppError::RateLimited { retry_after_seconds }) =
        check_submit_limits(&req, &state, entry.author_email.as_str()).await
    {
        let minutes = retry_after_seconds.div_ceil(60);
        let mut response = page(
            &form,
            FieldErrors::new(),
            Some(format!("Too many submissions from here. Please try again in about {minutes} minute(s).")),
            None,
            StatusCode::TOO_MANY_REQUESTS,
        )?;
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(retry_after_seconds),
        );
        return Ok(response);
    }
    let email = entry.author_email.to_string();
    let url = entry.url.clone();
    match store_submission(&state, topic.slug.clone(), entry).await {
        Ok(_) => Ok(redirect_with_flash(
            &req,
            &format!("/topics/{}", topic.slug),
            &format!(
                "Thank you! We sent a confirmation link to {}. Your entry goes to the organisers once you confirm it.",
                mask_email(&email)
            ),
        )),
        Err(AppError::FieldConflict { field, message }) => {
            let duplicate = public_duplicate(&state, topic.id, url).await;
            page(&form, FieldErrors::from([(field.to_owned(), message)]), None, duplicate, StatusCode::CONFLICT)
        }
        Err(AppError::Conflict(message)) => page(&form, FieldErrors::new(), Some(message), None, StatusCode::CONFLICT),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
}

async fn with_token(state: &AppState, public_id: String, token: String) -> Result<(Submission, Topic), AppError> {
    state
        .db
        .run(move |conn| {
            let submission = submissions::with_token(conn, &public_id, &token)?;
            let topic = Topic::by_id(conn, submission.topic_id)?.ok_or(AppError::NotFound)?;
            Ok((submission, topic))
        })
        .await
}

async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let (submission, topic) = with_token(&state, public_id.into_inner(), token.clone()).await?;
    Page::new("pages/submission_confirm.html", "Confirm your submission").render(
        &req,
        json!({
            "submission": SubmissionView::new(&state, &submission),
            "topic": TopicView::new(&state, &topic, state.clock.now()),
            "token": token,
            "needs_confirmation": submission.status == "unconfirmed",
        }),
    )
}

async fn confirm_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let public_id = public_id.into_inner();
    let now = state.clock.now();
    let (id, token) = (public_id.clone(), form.token.clone());
    state.db.run(move |conn| submissions::confirm(conn, &id, &token, now)).await?;
    Ok(redirect_with_flash(
        &req,
        &format!("/submissions/{public_id}/edit?token={}", form.token),
        "Confirmed. Your entry is with the organisers; you will hear from us when they decide.",
    ))
}

fn render_edit(
    req: &HttpRequest,
    state: &AppState,
    submission: &Submission,
    token: &str,
    form: &FormData,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    Page::new("pages/submission_edit.html", "Your submission").status(status).render(
        req,
        json!({
            "submission": SubmissionView::new(state, submission),
            "editable": submissions::is_editable(submission),
            "token": token,
            "form": form.echo(),
            "kinds": kind_options(&form.kind),
            "errors": errors,
            "has_errors": !errors.is_empty(),
            "max_summary": submissions::MAX_SUMMARY_CHARS,
        }),
    )
}

async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let (submission, _) = with_token(&state, public_id.into_inner(), token.clone()).await?;
    let form = FormData::from_submission(&submission);
    render_edit(&req, &state, &submission, &token, &form, &FieldErrors::new(), StatusCode::OK)
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    token: String,
    #[serde(flatten)]
    form: FormData,
}

async fn edit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    public_id: web::Path<String>,
    body: web::Form<EditForm>,
) -> Result<HttpResponse, AppError> {
    let EditForm { token, form } = body.into_inner();
    csrf.check(&form.csrf_token)?;
    let public_id = public_id.into_inner();
    let (submission, _) = with_token(&state, public_id.clone(), token.clone()).await?;
    let mut input = form.input();
    // The address the confirmation went to stays the author's; it is not editable.
    input.author_email = submission.author_email.clone();
    let entry = match input.validate() {
        Ok(entry) => entry,
        Err(errors) => {
            return render_edit(&req, &state, &submission, &token, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    let now = state.clock.now();
    let (id, tok) = (public_id.clone(), token.clone());
    match state.db.run(move |conn| submissions::edit(conn, &id, &tok, entry, now)).await {
        Ok(_) => Ok(redirect_with_flash(
            &req,
            &format!("/submissions/{public_id}/edit?token={token}"),
            "Your changes are saved.",
        )),
        Err(AppError::FieldConflict { field, message }) => render_edit(
            &req,
            &state,
            &submission,
            &token,
            &form,
            &FieldErrors::from([(field.to_owned(), message)]),
            StatusCode::CONFLICT,
        ),
        Err(other) => Err(other),
    }
}

async fn withdraw_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let public_id = public_id.into_inner();
    let now = state.clock.now();
    let (id, token) = (public_id.clone(), form.token.clone());
    state.db.run(move |conn| submissions::withdraw(conn, &id, &token, now)).await?;
    Ok(redirect_with_flash(
        &req,
        &format!("/submissions/{public_id}/edit?token={}", form.token),
        "Your submission is withdrawn. It will not be published.",
    ))
}

async fn permalink(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let public_id = public_id.into_inner();
    let (submission, topic) = state
        .db
        .run(move |conn| {
            let submission = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
            let topic = Topic::by_id(conn, submission.topic_id)?.ok_or(AppError::NotFound)?;
            Ok((submission, topic))
        })
        .await?;
    if submission.status != "approved" || !topic.announced {
        return Err(AppError::NotFound);
    }
    Page::new("pages/submission.html", submission.title.clone()).render(
        &req,
        json!({
            "submission": SubmissionView::new(&state, &submission),
            "topic": TopicView::new(&state, &topic, state.clock.now()),
        }),
    )
}
