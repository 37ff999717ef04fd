//! Endpoints that services other than people call: the mail providers' bounce and complaint
//! webhooks. Each request is authenticated by its provider's own scheme (a signature or basic
//! auth), never by a session or CSRF token.

mod mail;

use super::http::routes::Routes;

pub fn configure(routes: &mut Routes<'_>) {
    mail::configure(routes);
}
