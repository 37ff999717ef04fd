//! Who is asking: the CSRF token of a visitor, the organiser behind a session cookie or an API
//! bearer token, and the client address used for rate limits.

use std::future::{ready, Future, Ready};
use std::pin::Pin;

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::app::{self, Client, Organiser, Role};
use crate::crypto::{self, SigningKey};
use crate::error::{AppError, Message};
use crate::web::AppState;

/// The names of the cookies this site sets.
pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
    pub flash: &'static str,
}

const PLAIN_NAMES: CookieNames = CookieNames { session: "cc_session", csrf: "cc_csrf", flash: "cc_flash" };

/// Over https the names carry the `__Host-` prefix: browsers then accept such a cookie only from
/// this very host, Secure, for the whole site, so a sibling domain cannot plant one.
const HOST_NAMES: CookieNames =
    CookieNames { session: "__Host-cc_session", csrf: "__Host-cc_csrf", flash: "__Host-cc_flash" };

pub fn cookie_names(https: bool) -> &'static CookieNames {
    if https {
        &HOST_NAMES
    } else {
        &PLAIN_NAMES
    }
}

/// The visitor's CSRF seed: from the cookie, or made on first use in this request (most
/// requests render no form and need none).
pub struct CsrfSeed {
    value: std::cell::OnceCell<String>,
    pub fresh: bool,
}

impl CsrfSeed {
    pub fn existing(value: String) -> CsrfSeed {
        CsrfSeed { value: std::cell::OnceCell::from(value), fresh: false }
    }

    pub fn lazy() -> CsrfSeed {
        CsrfSeed { value: std::cell::OnceCell::new(), fresh: true }
    }

    pub fn get(&self) -> &str {
        self.value.get_or_init(crypto::random_token)
    }

    /// A new seed that a page used: the response must set the cookie.
    pub fn needs_cookie(&self) -> Option<&str> {
        self.value.get().filter(|_| self.fresh).map(String::as_str)
    }
}

/// The organiser behind this request's session cookie, and the session's token, set by the
/// session middleware.
#[derive(Clone)]
pub struct LoggedIn {
    pub organiser: Organiser,
    pub session: String,
}

/// The CSRF token of this visitor; forms carry it in a hidden `csrf_token` field.
pub struct Csrf {
    token: String,
}

impl Csrf {
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Refuses (403) a form whose token is missing or does not match this visitor's seed.
    pub fn check(&self, submitted: &str) -> Result<(), AppError> {
        if !submitted.is_empty() && crypto::constant_time_eq(submitted.as_bytes(), self.token.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Forbidden(Message::new("refused-form-expired")))
        }
    }
}

/// The body of a form that carries nothing but its CSRF token (a button).
#[derive(Debug, Default, serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf_token: String,
}

/// The token a page should put in its forms for this request. For an organiser it is bound to
/// the session (a token made for another cookie, even one planted in this browser, does not
/// fit); for a visitor, to the seed in the CSRF cookie.
pub fn csrf_token(req: &HttpRequest) -> String {
    let Some(state) = req.app_data::<web::Data<AppState>>() else { return String::new() };
    if let Some(logged_in) = req.extensions().get::<LoggedIn>() {
        return state.app.key.sign("csrf-session", &logged_in.session);
    }
    match req.extensions().get::<CsrfSeed>().map(|s| s.get().to_owned()) {
        Some(seed) => state.app.key.sign("csrf", &seed),
        None => String::new(),
    }
}

impl FromRequest for Csrf {
    type Error = AppError;
    type Future = Ready<Result<Csrf, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = csrf_token(req);
        ready(if token.is_empty() {
            Err(AppError::internal("CSRF middleware is not installed"))
        } else {
            Ok(Csrf { token })
        })
    }
}

/// The logged-in organiser, if any.
pub fn logged_in(req: &HttpRequest) -> Option<Organiser> {
    req.extensions().get::<LoggedIn>().map(|l| l.organiser.clone())
}

/// Extractor for pages behind the organiser login: refuses with 401 (the error handler sends
/// browsers to the login form).
pub struct CurrentOrganiser(pub Organiser);

impl CurrentOrganiser {
    /// Refuses (403) organisers who are not admins.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.0.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(Message::new("refused-admins-only")))
        }
    }
}

impl FromRequest for CurrentOrganiser {
    type Error = AppError;
    type Future = Ready<Result<CurrentOrganiser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(logged_in(req).map(CurrentOrganiser).ok_or(AppError::Unauthorized))
    }
}

/// A button an organiser pressed: a POST whose form carries nothing but its CSRF token, from a
/// logged-in organiser (admins only, with [`AdminButton`]).
pub struct OrganiserButton(pub Organiser);

/// The same, for buttons only admins have.
pub struct AdminButton(pub Organiser);

type ButtonFuture<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

fn pressed(req: &HttpRequest, payload: &mut Payload, admin: bool) -> ButtonFuture<Organiser> {
    let who = logged_in(req).map(CurrentOrganiser).ok_or(AppError::Unauthorized);
    let csrf = Csrf::from_request(req, payload).into_inner();
    let form = web::Form::<CsrfForm>::from_request(req, payload);
    Box::pin(async move {
        let who = who?;
        if admin {
            who.require_admin()?;
        }
        let form = form.await?;
        csrf?.check(&form.csrf_token)?;
        Ok(who.0)
    })
}

impl FromRequest for OrganiserButton {
    type Error = actix_web::Error;
    type Future = ButtonFuture<OrganiserButton>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let pressed = pressed(req, payload, false);
        Box::pin(async move { pressed.await.map(OrganiserButton) })
    }
}

impl FromRequest for AdminButton {
    type Error = actix_web::Error;
    type Future = ButtonFuture<AdminButton>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let pressed = pressed(req, payload, true);
        Box::pin(async move { pressed.await.map(AdminButton) })
    }
}

/// Extractor for `/api/v1` routes that need `Authorization: Bearer <token>`.
pub struct ApiOrganiser {
    pub organiser: Organiser,
    pub token_id: i64,
}

impl FromRequest for ApiOrganiser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<ApiOrganiser, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::internal("no state"))?;
            let token = token.ok_or(AppError::Unauthorized)?;
            let found = app::sessions::organiser_for_token(&state.app, token).await?;
            let (row, organiser) = found.ok_or(AppError::Unauthorized)?;
            Ok(ApiOrganiser { organiser, token_id: row.id })
        })
    }
}

impl ApiOrganiser {
    /// Refuses (403) tokens of organisers who are not admins (moderators only moderate).
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.organiser.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(Message::new("refused-admin-token-only")))
        }
    }
}

/// For routes open to everyone that show more to organisers: `None` without an
/// `Authorization` header; a header with a bad token is refused (401), never silently ignored.
pub struct MaybeApiOrganiser(pub Option<ApiOrganiser>);

impl FromRequest for MaybeApiOrganiser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<MaybeApiOrganiser, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            let inner = ApiOrganiser::from_request(req, payload);
            Box::pin(async move { inner.await.map(|o| MaybeApiOrganiser(Some(o))) })
        } else {
            Box::pin(async { Ok(MaybeApiOrganiser(None)) })
        }
    }
}

/// The token from `Authorization: Bearer …`, when present and well-formed.
pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= 200).then(|| token.to_owned())
}

/// The user and password of HTTP basic authentication, when sent.
pub fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    use base64::Engine;
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") || encoded.len() > 1000 {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let (user, password) =
        String::from_utf8(decoded).ok()?.split_once(':').map(|(u, p)| (u.to_owned(), p.to_owned()))?;
    Some((user, password))
}

/// The cookie value for a session token: the token and its signature.
pub fn session_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    let value = format!("{token}.{}", state.app.key.sign("session", token));
    Cookie::build(cookie_names(state.https).session, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.app.settings.club.is_https())
        .max_age(time::Duration::hours(i64::from(state.app.settings.security.session_ttl_hours)))
        .finish()
}

/// A cookie that removes the session cookie.
pub fn removal_cookie(name: &'static str, https: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, "").path("/").http_only(true).same_site(SameSite::Lax).secure(https).finish();
    cookie.make_removal();
    cookie
}

/// The session token in a cookie value, when its signature holds.
pub fn verify_session_cookie(key: &SigningKey, value: &str) -> Option<String> {
    let (token, signature) = value.split_once('.')?;
    key.verify("session", token, signature).then(|| token.to_owned())
}

/// Who is asking, for rate limits: the peer's address, or the proxy's X-Forwarded-For when
/// configured to trust it.
pub fn client(req: &HttpRequest, state: &AppState) -> Client {
    if state.app.settings.rate_limit.trust_forwarded_for {
        if let Some(ip) = req.connection_info().realip_remote_addr() {
            return Client { ip: ip.to_owned() };
        }
    }
    Client { ip: req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".to_owned()) }
}

/// The session token of this request's valid session cookie.
pub fn session_token(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(cookie_names(state.https).session).and_then(|c| verify_session_cookie(&state.app.key, c.value()))
}
