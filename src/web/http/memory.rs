//! Answers from memory, in front of the application. A document that is in memory and current
//! (a feed, see `app::feeds`, or an anonymous visitor's public page, see `pages`) is answered here, before actix-web builds its request object, routes or
//! runs middleware: feed readers poll often, and most polls are 304s. Everything else (and any
//! document not ready in memory) goes to the application unchanged. Answers given here are
//! counted and logged like the application's.

use std::borrow::Cow;
use std::future::{ready, Future, Ready};
use std::pin::Pin;
use std::time::Instant;

use actix_http::Request;
use actix_service::IntoServiceFactory;
use actix_utils::future::Either;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{AppConfig, Response, Service, ServiceFactory, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::Method;
use actix_web::{web, HttpMessage as _};
use bytes::Bytes;

use super::conditional::{self, PreparedHeaders, Representation};
use super::{language, pages};
use crate::app::feeds::FeedDocument;
use crate::web::AppState;

/// A feed is data, never a page: nothing in it may run or be framed.
pub const FEED_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// How long readers and caches may keep a feed before asking again.
pub const FEED_CACHE_CONTROL: &str = "public, max-age=60";

/// A feed document as an HTTP representation; its header values are made the first time.
pub fn feed_representation(doc: &FeedDocument) -> Representation<'_> {
    let make = || {
        let content_type = HeaderValue::from_static(doc.kind.content_type());
        PreparedHeaders::new(&doc.bytes, Some(doc.last_modified), content_type)
    };
    let prepared = doc.prepared.get_or_init(|| Box::new(make()));
    // Only this function fills the slot, so the downcast holds; were it ever to fail, the values
    // are made again for this answer.
    let headers = match prepared.downcast_ref::<PreparedHeaders>() {
        Some(headers) => Cow::Borrowed(headers),
        None => Cow::Owned(make()),
    };
    Representation {
        bytes: &doc.bytes,
        headers,
        last_modified: Some(doc.last_modified),
        cache_control: FEED_CACHE_CONTROL,
        csp: FEED_CSP,
    }
}

/// The service in front of the application.
pub struct MemoryFirst<A> {
    app: A,
    state: web::Data<AppState>,
}

impl<A: ServiceFactory<Request>> MemoryFirst<A> {
    pub fn new<F: IntoServiceFactory<A, Request>>(state: web::Data<AppState>, app: F) -> Self {
        MemoryFirst { app: app.into_factory(), state }
    }
}

type Answer<B> = Response<EitherBody<B, Bytes>>;

impl<A, B> ServiceFactory<Request> for MemoryFirst<A>
where
    A: ServiceFactory<Request, Config = AppConfig, Response = ServiceResponse<B>, Error = actix_web::Error>,
    A::Future: 'static,
    A::Service: 'static,
    B: MessageBody + 'static,
{
    type Response = Answer<B>;
    type Error = actix_web::Error;
    type Config = AppConfig;
    type Service = MemoryFirstService<A::Service>;
    type InitError = A::InitError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Service, A::InitError>>>>;

    fn new_service(&self, config: AppConfig) -> Self::Future {
        let app = self.app.new_service(config);
        let state = self.state.clone();
        Box::pin(async move { Ok(MemoryFirstService { app: app.await?, state }) })
    }
}

pub struct MemoryFirstService<S> {
    app: S,
    state: web::Data<AppState>,
}

impl<S> MemoryFirstService<S> {
    /// The answer from memory: a current feed, or the current public page for an anonymous
    /// visitor (labelled with its language, as the application labels pages).
    fn answer_from_memory(&self, req: &Request) -> Option<Response<Bytes>> {
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let started = Instant::now();
        let state = &self.state;
        if let Some(doc) = state.app.feeds.current(req.path()) {
            let response = conditional::respond(req.headers(), &feed_representation(&doc), state.https);
            return Some(self.answered(req, response, doc.kind.route(), started));
        }
        let address = pages::address(req.uri());
        let language = pages::key_of(state, req.method(), address, req.headers())?;
        let page = state.pages.current(language, address, state.app.feeds.site_version())?;
        let mut response = conditional::respond(req.headers(), &page.representation(), state.https);
        let headers = response.headers_mut();
        headers.append(header::VARY, HeaderValue::from_static(language::VARY));
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(page.language));
        Some(self.answered(req, response, &page.route, started))
    }

    /// An answer from memory, with its request id, counted and logged.
    fn answered(&self, req: &Request, mut response: Response<Bytes>, route: &str, started: Instant) -> Response<Bytes> {
        let method = super::metrics::method_label(req.method());
        let status = response.status().as_u16();
        let id = super::middleware::request_id_for(req.headers(), &self.state);
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(HeaderName::from_static(super::middleware::REQUEST_ID), value);
        }
        super::middleware::record(&self.state, (method, &id), route, req.path(), status, started);
        response
    }
}

type AppFuture<B> = Pin<Box<dyn Future<Output = Result<Answer<B>, actix_web::Error>>>>;

impl<S, B> Service<Request> for MemoryFirstService<S>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = Answer<B>;
    type Error = actix_web::Error;
    type Future = Either<Ready<Result<Answer<B>, actix_web::Error>>, AppFuture<B>>;

    actix_web::dev::forward_ready!(app);

    fn call(&self, req: Request) -> Self::Future {
        if let Some(response) = self.answer_from_memory(&req) {
            return Either::left(ready(Ok(response.map_body(|_, body| EitherBody::right(body)))));
        }
        let answer = self.app.call(req);
        Either::right(Box::pin(async move {
            let response: Response<B> = answer.await?.into();
            Ok(response.map_body(|_, body| EitherBody::left(body)))
        }))
    }
}
