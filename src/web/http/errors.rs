//! One place that shapes every error response: RFC 9457 problem bodies under `/api`, HTML error
//! pages elsewhere, and a redirect to the login form for browsers that need to log in.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::language::{self, t};
use super::page::{self, Page};
use crate::error::{AppError, Problem};
use crate::web::AppState;

pub fn handlers<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(reshape)
}

/// The default service: nothing matched the path.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Routes read by programs rather than people (the API and the metrics scraper): their errors are
/// problem documents, never a login form.
fn is_api(req: &HttpRequest) -> bool {
    req.path() == "/api" || req.path().starts_with("/api/") || req.path() == "/metrics"
}

fn reshape<B: MessageBody + 'static>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let content_type = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let req = res.request().clone();
    // Pages that chose their own HTML (a form shown again with errors) stay; problem bodies are
    // written again in the request's language.
    let api = is_api(&req);
    if api && content_type.starts_with("application/problem+json") {
        return Ok(in_request_language(res));
    }
    if content_type.starts_with("text/html") {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    if api {
        let new = problem_body(&res, status);
        return Ok(replace(res, new));
    }
    // A browser that needs to log in is sent to the form, and brought back afterwards.
    if status == StatusCode::UNAUTHORIZED && req.method() == actix_web::http::Method::GET {
        let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
        let location =
            format!("/admin/login?next={}", url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>());
        return Ok(replace(res, page::redirect(&location)));
    }
    let new = error_page(&req, &res, status);
    Ok(replace(res, new))
}

/// A problem body for an error the framework answered (an unknown route, a bad method, …).
fn problem_body<B>(res: &ServiceResponse<B>, status: StatusCode) -> HttpResponse {
    let problem = Problem {
        kind: "about:blank".into(),
        title: status.canonical_reason().unwrap_or("Error").into(),
        status: status.as_u16(),
        detail: framework_detail(res, status),
        errors: None,
        request_id: crate::context::request_id(),
    };
    let body = serde_json::to_string(&problem).unwrap_or_default();
    HttpResponse::build(status).content_type("application/problem+json").body(body)
}

/// The HTML error page; plain text if even that cannot be rendered.
fn error_page<B>(req: &HttpRequest, res: &ServiceResponse<B>, status: StatusCode) -> HttpResponse {
    let (title, message) = page_text(req, res, status);
    let request_id = crate::context::request_id();
    let data =
        ErrorPage { status: status.as_u16(), title: &title, message: &message, request_id: request_id.as_deref() };
    match Page::new("pages/error.html", title.clone()).status(status).render(req, &data) {
        Ok(page) => page,
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            let text = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""));
            HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(text)
        }
    }
}

#[derive(Serialize)]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
    request_id: Option<&'a str>,
}

/// Swaps the body and content of a response, keeping cookies set further in (CSRF seed).
fn replace<B: MessageBody + 'static>(res: ServiceResponse<B>, new: HttpResponse) -> ErrorHandlerResponse<B> {
    let cookies: Vec<_> = res.response().cookies().map(|c| c.into_owned()).collect();
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();
    let mut new: HttpResponse<BoxBody> = new;
    for cookie in cookies {
        let _ = new.add_cookie(&cookie);
    }
    if let Some(value) = retry_after {
        new.headers_mut().insert(header::RETRY_AFTER, value);
    }
    let res: ServiceResponse<EitherBody<B>> = ServiceResponse::new(req, new).map_into_right_body();
    ErrorHandlerResponse::Response(res)
}

/// An application's problem body (written in English when it was raised) in the language the
/// request asked for; its status and headers stay.
fn in_request_language<B: MessageBody + 'static>(res: ServiceResponse<B>) -> ErrorHandlerResponse<B> {
    let req = res.request().clone();
    let lang = language::of(&req);
    let rewritten =
        match (res.response().error().and_then(|e| e.as_error::<AppError>()), req.app_data::<web::Data<AppState>>()) {
            (Some(err), Some(state)) if lang != crate::i18n::SOURCE => {
                serde_json::to_string(&err.problem(state.app.renderer.catalog(), lang)).ok()
            }
            _ => None,
        };
    let Some(body) = rewritten else { return ErrorHandlerResponse::Response(res.map_into_left_body()) };
    let mut new = HttpResponse::build(res.status()).body(body);
    for (name, value) in res.headers().iter().filter(|(name, _)| *name != header::CONTENT_LENGTH) {
        new.headers_mut().insert(name.clone(), value.clone());
    }
    ErrorHandlerResponse::Response(ServiceResponse::new(req, new).map_into_right_body())
}

fn framework_detail<B>(res: &ServiceResponse<B>, status: StatusCode) -> String {
    match res.response().error() {
        Some(err) => match err.as_error::<AppError>() {
            Some(app) => app.public_detail(),
            None if status.is_server_error() => "Something went wrong on our side.".into(),
            None => err.to_string(),
        },
        None => match status {
            StatusCode::NOT_FOUND => "No such resource.".into(),
            StatusCode::METHOD_NOT_ALLOWED => "That method is not allowed here.".into(),
            _ => status.canonical_reason().unwrap_or("Error").into(),
        },
    }
}

/// The title and message of an HTML error page, in the request's language. Refusals that carry
/// their own message (a bad request, a conflict, …) show it.
fn page_text<B>(req: &HttpRequest, res: &ServiceResponse<B>, status: StatusCode) -> (String, String) {
    let app_error = res.response().error().and_then(|e| e.as_error::<AppError>());
    let id = match (status, app_error) {
        (_, Some(AppError::NotFound)) | (StatusCode::NOT_FOUND, None) => "error-page-404-message",
        (_, Some(AppError::Unauthorized)) => "error-page-401-message",
        (_, Some(AppError::RateLimited { retry_after_seconds })) => {
            let seconds = i64::try_from(*retry_after_seconds).unwrap_or(i64::MAX);
            return (page_title(req, status), t(req, "error-page-429-message", &[("seconds", seconds.into())]));
        }
        (_, Some(AppError::Unavailable(_))) => "error-page-503-message",
        (_, Some(AppError::Database(_) | AppError::Internal(_))) => "error-page-500-message",
        (_, Some(err)) => return (page_title(req, status), language::write(req, &err.public_message())),
        (StatusCode::METHOD_NOT_ALLOWED, None) => "error-page-405-message",
        (StatusCode::PAYLOAD_TOO_LARGE, None) => "error-page-413-message",
        (StatusCode::BAD_REQUEST, None) => "error-page-400-message",
        (s, None) if s.is_server_error() => "error-page-500-message",
        (_, None) => "error-page-other-message",
    };
    (page_title(req, status), t(req, id, &[]))
}

/// The heading of an HTML error page for `status`.
fn page_title(req: &HttpRequest, status: StatusCode) -> String {
    let id = match status {
        StatusCode::BAD_REQUEST => "error-page-400-title",
        StatusCode::UNAUTHORIZED => "error-page-401-title",
        StatusCode::FORBIDDEN => "error-page-403-title",
        StatusCode::NOT_FOUND => "error-page-404-title",
        StatusCode::METHOD_NOT_ALLOWED => "error-page-405-title",
        StatusCode::CONFLICT => "error-page-409-title",
        StatusCode::PAYLOAD_TOO_LARGE => "error-page-413-title",
        StatusCode::UNPROCESSABLE_ENTITY => "error-page-422-title",
        StatusCode::TOO_MANY_REQUESTS => "error-page-429-title",
        StatusCode::SERVICE_UNAVAILABLE => "error-page-503-title",
        s if s.is_server_error() => "error-page-500-title",
        _ => "error-page-other-title",
    };
    t(req, id, &[])
}
