//! Cross-cutting request handling: metrics and request logs, security headers, the CSRF cookie,
//! and loading the logged-in organiser.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{web, HttpMessage};

use super::session::{self, cookie_names, CsrfSeed};
use crate::web::AppState;

/// The header that carries a request's id, in and out.
pub const REQUEST_ID: &str = "x-request-id";

/// The id of a request: the one a trusted proxy set (`rate_limit.trust_forwarded_for`), when it
/// is a sensible one, or a new one.
pub fn request_id_for(headers: &actix_web::http::header::HeaderMap, state: &AppState) -> String {
    let trusted = state.app.settings.rate_limit.trust_forwarded_for;
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| trusted && crate::context::acceptable(id))
        .map(str::to_owned)
        .unwrap_or_else(crate::context::new_request_id)
}

/// Gives every request an id (in the response header, in a log span around everything the
/// request does, and in the rows it writes), counts and times it by its route pattern, and logs
/// one line for it.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use tracing::Instrument;
    let started = Instant::now();
    let method = super::metrics::method_label(req.method());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let id = match &state {
        Some(state) => request_id_for(req.headers(), state),
        None => crate::context::new_request_id(),
    };
    let span = tracing::info_span!("request", request_id = %id);
    let mut res = crate::context::scope(id.clone(), next.call(req).instrument(span.clone())).await?;
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&id) {
        res.headers_mut().insert(actix_web::http::header::HeaderName::from_static(REQUEST_ID), value);
    }
    if let Some(state) = state {
        // Once routed, the request knows the pattern of the resource that answered it.
        let _entered = span.enter();
        let request = res.request();
        let route = state.metrics.pattern(request.path(), || request.match_pattern());
        record(&state, (method, &id), &route, request.path(), res.status().as_u16(), started);
    }
    Ok(res)
}

/// Counts and logs one answered request (also for those answered before the application).
pub fn record(
    state: &AppState,
    (method, id): (&'static str, &str),
    route: &str,
    path: &str,
    status: u16,
    started: Instant,
) {
    let elapsed = started.elapsed();
    state.metrics.observe(method, route, status, elapsed);
    tracing::info!(
        target: "content_club::http",
        request_id = %id,
        method = %method,
        route = %route,
        path = %path,
        status,
        ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
}

/// The policy pages carry: no inline script or style.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Headers every response carries (a handler that sets one of them, like a feed's own policy,
/// keeps its own).
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("Content-Security-Policy", PAGE_CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
];

/// HSTS, sent when the site is served over https.
pub const HSTS: (&str, &str) = ("Strict-Transport-Security", "max-age=31536000");

/// The security headers as middleware.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let mut headers = DefaultHeaders::new();
    for header in SECURITY_HEADERS {
        headers = headers.add(header);
    }
    if https {
        headers = headers.add(HSTS);
    }
    headers
}

/// What the compression of answers may use. Answers to a browser that holds an organiser
/// session or a CSRF seed are sent uncompressed: they may carry a token beside text the visitor
/// typed or an address reflected, and compression's lengths would leak the token to someone who
/// can make the browser send many requests (BREACH). Public pages carry no token; they are
/// compressed for everyone. Only brotli and gzip are offered: the documents kept in memory have
/// those (and their own entity tags), and nothing else may re-encode them under a tag that names
/// other bytes.
pub async fn compression_allowed(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::header::{HeaderValue, ACCEPT_ENCODING};
    let names = cookie_names(https_of(&req));
    if req.cookie(names.session).is_some() || req.cookie(names.csrf).is_some() {
        req.headers_mut().remove(ACCEPT_ENCODING);
    } else if let Some(accept) = req.headers().get(ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) {
        let offered: Vec<&str> = accept
            .split(',')
            .filter(|item| {
                let coding = item.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                matches!(coding.as_str(), "br" | "gzip" | "x-gzip" | "identity" | "*")
            })
            .collect();
        let offered = HeaderValue::from_str(&offered.join(",")).ok().filter(|v| !v.is_empty());
        match offered {
            Some(value) => drop(req.headers_mut().insert(ACCEPT_ENCODING, value)),
            None => drop(req.headers_mut().remove(ACCEPT_ENCODING)),
        }
    }
    next.call(req).await
}

/// Makes sure every visitor has a CSRF seed cookie, so any page can render a form whose token
/// the POST handler can check (signed double submit: the token is an HMAC of the seed).
pub async fn seed_csrf(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let https = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.https);
    let name = cookie_names(https).csrf;
    let existing = req
        .cookie(name)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 43 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let seed = match existing {
        Some(value) => CsrfSeed::existing(value),
        None => CsrfSeed::lazy(),
    };
    req.extensions_mut().insert(seed);
    let mut res = next.call(req).await?;
    // Only a page that put a token in a form needs the cookie set.
    let new_seed = res.request().extensions().get::<CsrfSeed>().and_then(|s| s.needs_cookie().map(str::to_owned));
    if let Some(seed) = new_seed {
        let cookie =
            Cookie::build(name, seed).path("/").http_only(true).same_site(SameSite::Lax).secure(https).finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    Ok(res)
}

fn https_of(req: &ServiceRequest) -> bool {
    req.app_data::<web::Data<AppState>>().is_some_and(|s| s.https)
}

/// Refuses a state-changing request that a browser says came from another site: by
/// `Sec-Fetch-Site` (only `same-origin`, or `none` for what the person did themselves), else by
/// `Origin` (this site's base URL, or the host the request was sent to). A second line behind
/// CSRF tokens. The one-click unsubscribe (RFC 8058: mail providers post it), the JSON API
/// (bearer tokens, no cookies) and the mail providers' hooks (signed) are not forms of this site.
pub async fn same_origin(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::Method;
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let exempt = req.path() == "/unsubscribe" || req.path().starts_with("/api/") || req.path().starts_with("/hooks/");
    if writes && !exempt && !from_this_site(&req) {
        tracing::warn!(path = %req.path(), "cross-site form post refused");
        let refusal = crate::error::AppError::Forbidden(crate::error::Message::new("refused-cross-site-form"));
        // Answered here, inside the request's scope, so that the answer carries its id.
        return Ok(req.error_response(refusal).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

fn from_this_site(req: &ServiceRequest) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = header("origin") else { return true };
    let info = req.connection_info();
    let this_host = format!("{}://{}", info.scheme(), info.host());
    let base = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| url::Url::parse(&s.app.settings.club.base_url).ok())
        .map(|u| u.origin().ascii_serialization());
    origin == this_host || Some(origin) == base.as_deref()
}

/// Puts the organiser behind a valid session cookie into the request extensions.
pub async fn load_session(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let (Some(state), Some(cookie)) =
        (req.app_data::<web::Data<AppState>>().cloned(), req.cookie(cookie_names(https_of(&req)).session))
    {
        if let Some(token) = session::verify_session_cookie(&state.app.key, cookie.value()) {
            match crate::app::sessions::organiser_for_session(&state.app, token.clone()).await {
                Ok(Some(organiser)) => {
                    req.extensions_mut().insert(session::LoggedIn { organiser, session: token });
                }
                Ok(None) => {}
                // Answered here, inside the request's scope, so that the answer carries its id.
                Err(e) => return Ok(req.error_response(e).map_into_right_body()),
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
