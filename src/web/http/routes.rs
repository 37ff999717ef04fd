//! Registering routes. Every handler module lists its routes through [`Routes`], which builds
//! the actix-web resources and, at the same time, writes the route table that
//! [`crate::web::route_table`] returns: the table is what is registered, not a copy of it.
//! Every GET route answers HEAD too, with the same headers and no body.

use actix_web::{web, FromRequest, Handler, Resource, Responder};

/// One registered route.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: String,
}

/// Where routes go: an actix-web service config (when serving) and the route table.
pub struct Routes<'a> {
    config: Option<&'a mut web::ServiceConfig>,
    table: &'a mut Vec<RouteInfo>,
}

impl<'a> Routes<'a> {
    pub fn new(config: Option<&'a mut web::ServiceConfig>, table: &'a mut Vec<RouteInfo>) -> Routes<'a> {
        Routes { config, table }
    }

    /// Registers the methods that `build` adds at `path`.
    pub fn at(&mut self, path: &str, build: impl FnOnce(Methods) -> Methods) {
        let methods = build(Methods { resource: web::resource(path), names: Vec::new() });
        for name in &methods.names {
            self.table.push(RouteInfo { method: name, path: path.to_owned() });
        }
        if let Some(config) = self.config.as_deref_mut() {
            config.service(methods.resource);
        }
    }

    /// Registers one route with extra data (available to its handler as `web::Data`).
    pub fn at_with_data<T: 'static>(&mut self, path: &str, data: T, build: impl FnOnce(Methods) -> Methods) {
        let methods =
            build(Methods { resource: web::resource(path).app_data(web::Data::new(data)), names: Vec::new() });
        for name in &methods.names {
            self.table.push(RouteInfo { method: name, path: path.to_owned() });
        }
        if let Some(config) = self.config.as_deref_mut() {
            config.service(methods.resource);
        }
    }
}

/// The methods of one address.
pub struct Methods {
    resource: Resource,
    names: Vec<&'static str>,
}

macro_rules! method {
    ($(#[$doc:meta])* $name:ident, $label:literal, $route:path) => {
        $(#[$doc])*
        pub fn $name<F, Args>(mut self, handler: F) -> Methods
        where
            F: Handler<Args>,
            Args: FromRequest + 'static,
            F::Output: Responder + 'static,
        {
            self.resource = self.resource.route($route().to(handler));
            self.names.push($label);
            self
        }
    };
}

impl Methods {
    /// GET, and HEAD with the same handler (actix-web sends HEAD answers without a body).
    pub fn get<F, Args>(mut self, handler: F) -> Methods
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.resource = self.resource.route(web::get().to(handler.clone())).route(web::head().to(handler));
        self.names.extend(["GET", "HEAD"]);
        self
    }

    method!(post, "POST", web::post);
    method!(put, "PUT", web::put);
    method!(patch, "PATCH", web::patch);
    method!(delete, "DELETE", web::delete);
}
