//! Which language a request is answered in. An explicit choice wins: `?lang=` (which is also
//! remembered in a cookie) or the cookie the language switcher left; then the browser's
//! `Accept-Language`; then the club's language. URLs are the same in every language, so
//! answers name what they vary on (`Vary: Accept-Language, Cookie`) and what they are in
//! (`Content-Language`).

use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};

use crate::i18n::{self, Arg};
use crate::web::AppState;

/// What every page's answer varies on besides its coding.
pub const VARY: &str = "Accept-Language, Cookie";

/// The cookie that remembers an explicit choice.
pub const COOKIE: &str = "lang";

/// The language chosen for this request.
#[derive(Debug, Clone, Copy)]
pub struct Chosen(pub &'static str);

/// The language `req` is answered in.
pub fn of(req: &HttpRequest) -> &'static str {
    if let Some(chosen) = req.extensions().get::<Chosen>() {
        return chosen.0;
    }
    let Some(state) = req.app_data::<web::Data<AppState>>() else { return i18n::SOURCE };
    negotiate(state, query_choice(req.query_string()).as_deref(), req.cookie(COOKIE).as_ref(), req.headers())
}

/// One message in the request's language.
pub fn t(req: &HttpRequest, id: &str, args: &[(&str, Arg)]) -> String {
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => state.app.renderer.message(of(req), id, args),
        None => id.to_owned(),
    }
}

/// A message from the application (a refusal, a field's problem) in the request's language.
pub fn write(req: &HttpRequest, message: &crate::error::Message) -> String {
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => message.in_language(state.app.renderer.catalog(), of(req)),
        None => message.to_string(),
    }
}

fn negotiate(
    state: &AppState,
    query: Option<&str>,
    cookie: Option<&Cookie<'_>>,
    headers: &header::HeaderMap,
) -> &'static str {
    let explicit = query.and_then(i18n::chosen).or_else(|| cookie.and_then(|c| i18n::chosen(c.value())));
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    state.app.renderer.catalog().negotiate(explicit, accept)
}

/// The `lang` query parameter, if any.
fn query_choice(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned())
}

/// Chooses the language before the handler runs; afterwards remembers an explicit `?lang=`
/// and labels the answer.
pub async fn choose(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // Under /api, `lang` is the API's own parameter (the search's language filter); the API
    // answers in the language of `Accept-Language`.
    let query = if req.path().starts_with("/api/") { None } else { query_choice(req.query_string()) };
    let remembered = query.as_deref().and_then(i18n::chosen);
    let lang = match req.app_data::<web::Data<AppState>>() {
        Some(state) => negotiate(state, query.as_deref(), req.cookie(COOKIE).as_ref(), req.headers()),
        None => i18n::SOURCE,
    };
    req.extensions_mut().insert(Chosen(lang));
    let https = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.https);
    let mut res = next.call(req).await?;
    if let Some(tag) = remembered {
        let cookie = Cookie::build(COOKIE, tag)
            .path("/")
            .max_age(Duration::days(365))
            .same_site(SameSite::Lax)
            .secure(https)
            .http_only(true)
            .finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    let headers = res.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static(VARY));
    if !headers.contains_key(header::CONTENT_LANGUAGE) {
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang));
    }
    Ok(res)
}
