//! `/admin/destinations`: where the club's events go — chat channels (Slack, Discord, Mattermost,
//! Rocket.Chat, Teams) and signed generic webhooks. Add one (a webhook's signing secret is shown
//! once), send a test message, read its delivery log, pause or resume it, rotate its secret,
//! remove it. Admins only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::{notify, Destination, DestinationInput, DestinationKind, EventKind};
use crate::error::{AppError, FieldErrors, Message};
use crate::render::views::Choice;
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, refusal_message, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{AdminButton, Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/destinations", |r| r.get(list_page).post(add));
    routes.at("/admin/destinations/{id}", |r| r.get(log_page));
    routes.at("/admin/destinations/{id}/test", |r| r.post(test));
    routes.at("/admin/destinations/{id}/pause", |r| r.post(pause));
    routes.at("/admin/destinations/{id}/resume", |r| r.post(resume));
    routes.at("/admin/destinations/{id}/rotate", |r| r.post(rotate));
    routes.at("/admin/destinations/{id}/remove", |r| r.post(remove));
}

#[derive(Serialize)]
struct Row {
    id: i64,
    label: String,
    kind: DestinationKind,
    url: String,
    events: String,
    language: String,
    state: &'static str,
    signed: bool,
}

fn row(d: &Destination) -> Row {
    let state = match (d.paused_at.is_some(), d.failing_since.is_some()) {
        (true, _) => "paused",
        (false, true) => "failing",
        _ => "working",
    };
    let events: Vec<&str> = d.event_kinds().iter().map(|e| e.as_str()).collect();
    Row {
        id: d.id,
        label: d.label.clone(),
        kind: d.kind,
        url: d.url.clone(),
        events: events.join(", "),
        language: d.language.clone(),
        state,
        signed: d.secret.is_some(),
    }
}

/// The add form as posted (`events` repeats, so the body is read by hand).
#[derive(Debug, Default, Serialize)]
struct AddForm {
    #[serde(skip)]
    csrf_token: String,
    kind: String,
    url: String,
    label: String,
    events: Vec<String>,
    language: String,
    reminder_days: String,
}

impl AddForm {
    fn parse(body: &[u8]) -> AddForm {
        let mut form = AddForm::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "csrf_token" => form.csrf_token = value,
                "kind" => form.kind = value,
                "url" => form.url = value,
                "label" => form.label = value,
                "events" => form.events.push(value),
                "language" => form.language = value,
                "reminder_days" => form.reminder_days = value,
                _ => {}
            }
        }
        form
    }

    fn input(&self) -> Result<DestinationInput, FieldErrors> {
        let reminder_days = match self.reminder_days.trim() {
            "" => None,
            text => Some(text.parse::<i32>().map_err(|_| {
                FieldErrors::from([("reminder_days".to_owned(), Message::new("refused-reminder-days-not-number"))])
            })?),
        };
        Ok(DestinationInput {
            kind: self.kind.clone(),
            url: self.url.clone(),
            label: self.label.clone(),
            events: self.events.clone(),
            language: self.language.clone(),
            reminder_days,
        })
    }
}

#[derive(Serialize)]
struct ListPage<'a> {
    rows: Vec<Row>,
    kinds: Vec<Choice>,
    events: Vec<Choice>,
    form: &'a AddForm,
    errors: &'a FieldErrors,
    has_errors: bool,
    sending_off: bool,
    /// The new webhook's secret, shown this once.
    secret: Option<String>,
}

async fn render_list(
    req: &HttpRequest,
    state: &AppState,
    form: &AddForm,
    (errors, status): (&FieldErrors, StatusCode),
    secret: Option<String>,
) -> Result<HttpResponse, AppError> {
    let all = notify::list(&state.app).await?;
    let choice =
        |value: &str, chosen: bool| Choice { value: value.to_owned(), label: value.to_owned(), selected: chosen };
    let data = ListPage {
        rows: all.iter().map(row).collect(),
        kinds: DestinationKind::ALL.iter().map(|k| choice(k.as_str(), form.kind == k.as_str())).collect(),
        events: crate::app::notify::CHOOSABLE
            .iter()
            .map(|e: &EventKind| choice(e.as_str(), form.events.iter().any(|c| c == e.as_str())))
            .collect(),
        form,
        errors,
        has_errors: !errors.is_empty(),
        sending_off: !state.app.outbound.enabled(),
        secret,
    };
    Page::new("pages/admin/destinations.html", t(req, "title-destinations", &[])).status(status).render(req, &data)
}

async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let form = AddForm { kind: "slack".into(), ..AddForm::default() };
    render_list(&req, &state, &form, (&FieldErrors::new(), StatusCode::OK), None).await
}

async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let form = AddForm::parse(&body);
    csrf.check(&form.csrf_token)?;
    let added = match form.input() {
        Ok(input) => notify::add(&state.app, Some(&who.0), input).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match added {
        // A webhook's secret is shown on this page, once; chat webhooks go back to the list.
        Ok(created) if created.secret.is_some() => {
            let blank = AddForm { kind: "slack".into(), ..AddForm::default() };
            render_list(&req, &state, &blank, (&FieldErrors::new(), StatusCode::OK), created.secret).await
        }
        Ok(created) => {
            let message = t(&req, "flash-destination-added", &[("label", created.destination.label.as_str().into())]);
            Ok(redirect_with_flash(&req, "/admin/destinations", &message))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render_list(&req, &state, &form, (&errors, status), None).await
        }
    }
}

#[derive(Serialize)]
struct LogPage {
    destination: Row,
    lines: Vec<notify::LogLine>,
}

async fn log_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (destination, lines) = notify::log(&state.app, id.into_inner()).await?;
    let title = t(&req, "title-destination-log", &[("label", destination.label.as_str().into())]);
    Page::new("pages/admin/destination_log.html", title)
        .render(&req, &LogPage { destination: row(&destination), lines })
}

async fn test(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let line = notify::send_test(&state.app, id).await?;
    let message = test_message(&req, &line);
    Ok(redirect_with_flash(&req, &format!("/admin/destinations/{id}"), &message))
}

/// What the flash says of a test message: arrived, refused (with the answer), or not sent.
fn test_message(req: &HttpRequest, line: &notify::LogLine) -> String {
    let response = || ("response", crate::i18n::Arg::from(line.response.as_str()));
    match line.status_code {
        Some(code) if line.outcome == crate::app::AttemptOutcome::Delivered => {
            t(req, "flash-destination-test-arrived", &[("code", code.to_string().into())])
        }
        Some(code) => t(req, "flash-destination-test-refused", &[("code", code.to_string().into()), response()]),
        None => t(req, "flash-destination-test-failed", &[response()]),
    }
}

async fn pause(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let d = notify::set_paused(&state.app, id.into_inner(), true).await?;
    let message = t(&req, "flash-destination-paused", &[("label", d.label.into())]);
    Ok(redirect_with_flash(&req, "/admin/destinations", &message))
}

async fn resume(
    req: HttpRequest,
    state: web::Data<AppState>,
    _admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let d = notify::set_paused(&state.app, id.into_inner(), false).await?;
    let message = t(&req, "flash-destination-resumed", &[("label", d.label.into())]);
    Ok(redirect_with_flash(&req, "/admin/destinations", &message))
}

async fn rotate(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let secret = match notify::rotate_secret(&state.app, Some(&admin.0), id.into_inner()).await {
        Ok(secret) => Some(secret),
        Err(refused) => return Ok(redirect_with_flash(&req, "/admin/destinations", &refusal_message(&req, refused)?)),
    };
    let blank = AddForm { kind: "slack".into(), ..AddForm::default() };
    render_list(&req, &state, &blank, (&FieldErrors::new(), StatusCode::OK), secret).await
}

async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AdminButton,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let d = notify::remove(&state.app, Some(&admin.0), id.into_inner()).await?;
    let message = t(&req, "flash-destination-removed", &[("label", d.label.into())]);
    Ok(redirect_with_flash(&req, "/admin/destinations", &message))
}
