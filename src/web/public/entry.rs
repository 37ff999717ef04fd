//! An entry's pages: the public permalink of a published entry, and the private pages behind
//! the link in its author's email — confirm (a POST: mail scanners follow links), edit, withdraw.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, Submission, SubmissionInput, SubmissionStatus, MAX_SUMMARY_CHARS};
use crate::error::{AppError, FieldErrors};
use crate::render::views::{kind_choices, Choice, EntryView, TopicView};
use crate::web::http::forms::{TokenForm, TokenQuery};
use crate::web::http::language::t;
use crate::web::http::page::{form_errors, form_status, redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::Csrf;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/submissions/{public_id}", |r| r.get(permalink));
    routes.at("/submissions/{public_id}/confirm", |r| r.get(confirm_page).post(confirm_entry));
    routes.at("/submissions/{public_id}/edit", |r| r.get(edit_page).post(edit_entry));
    routes.at("/submissions/{public_id}/withdraw", |r| r.post(withdraw_entry));
}

/// Back to the author's private page of the entry, with a message.
fn back_to_entry(req: &HttpRequest, public_id: &str, token: &str, message: &str) -> HttpResponse {
    redirect_with_flash(req, &format!("/submissions/{public_id}/edit?token={token}"), message)
}

#[derive(Serialize)]
struct EntryPage {
    submission: EntryView,
    topic: TopicView,
}

async fn permalink(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (submission, topic) = app::submissions::permalink(&state.app, public_id.into_inner()).await?;
    let tz = state.app.tz();
    let data =
        EntryPage { submission: EntryView::new(&submission), topic: TopicView::new(&topic, tz, state.app.now()) };
    Page::new("pages/submission.html", submission.title.clone()).public().render(&req, &data)
}

#[derive(Serialize)]
struct ConfirmPage<'a> {
    #[serde(flatten)]
    entry: EntryPage,
    token: &'a str,
    needs_confirmation: bool,
}

async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let (submission, topic) = app::submissions::private(&state.app, public_id.into_inner(), token.clone()).await?;
    let tz = state.app.tz();
    let data = ConfirmPage {
        needs_confirmation: submission.status == SubmissionStatus::Unconfirmed,
        entry: EntryPage {
            submission: EntryView::new(&submission),
            topic: TopicView::new(&topic, tz, state.app.now()),
        },
        token: &token,
    };
    Page::new("pages/submission_confirm.html", t(&req, "title-submission-confirm", &[])).render(&req, &data)
}

async fn confirm_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let (public_id, token) = (public_id.into_inner(), form.into_inner().token);
    app::submissions::confirm(&state.app, public_id.clone(), token.clone()).await?;
    let message = t(&req, "flash-submission-confirmed", &[]);
    Ok(back_to_entry(&req, &public_id, &token, &message))
}

#[derive(Serialize)]
struct EditPage<'a> {
    submission: EntryView,
    editable: bool,
    token: &'a str,
    form: &'a SubmissionInput,
    kinds: Vec<Choice>,
    errors: &'a FieldErrors,
    has_errors: bool,
    max_summary: usize,
}

fn render_edit(
    req: &HttpRequest,
    submission: &Submission,
    token: &str,
    (form, errors, status): (&SubmissionInput, &FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let data = EditPage {
        submission: EntryView::new(submission),
        editable: app::submissions::is_editable(submission.status),
        token,
        form,
        kinds: kind_choices(&form.kind, |k| t(req, &format!("kind-{}", k.as_str()), &[])),
        errors,
        has_errors: !errors.is_empty(),
        max_summary: MAX_SUMMARY_CHARS,
    };
    Page::new("pages/submission_edit.html", t(req, "title-submission-edit", &[])).status(status).render(req, &data)
}

fn as_input(s: &Submission) -> SubmissionInput {
    SubmissionInput::from_entry(s)
}

async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    public_id: web::Path<String>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let (submission, _) = app::submissions::private(&state.app, public_id.into_inner(), token.clone()).await?;
    let form = as_input(&submission);
    render_edit(&req, &submission, &token, (&form, &FieldErrors::new(), StatusCode::OK))
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
    #[serde(flatten)]
    entry: SubmissionInput,
}

async fn edit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let EditForm { token, entry, .. } = form.into_inner();
    let public_id = public_id.into_inner();
    match app::submissions::edit(&state.app, public_id.clone(), token.clone(), entry.clone()).await {
        Ok(_) => Ok(back_to_entry(&req, &public_id, &token, &t(&req, "flash-submission-saved", &[]))),
        Err(refused) => {
            let status = form_status(&refused);
            let errors = form_errors(refused)?;
            let (submission, _) = app::submissions::private(&state.app, public_id, token.clone()).await?;
            render_edit(&req, &submission, &token, (&entry, &errors, status))
        }
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
    let (public_id, token) = (public_id.into_inner(), form.into_inner().token);
    app::submissions::withdraw(&state.app, public_id.clone(), token.clone()).await?;
    Ok(back_to_entry(&req, &public_id, &token, &t(&req, "flash-submission-withdrawn", &[])))
}
