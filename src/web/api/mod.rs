//! The JSON API under `/api/v1`. Writes and organiser reads need `Authorization: Bearer`.
//! Errors are RFC 9457 problem bodies, with per-field details on 422 and 409. Lists come in
//! pages (`limit`, `cursor`; the next page in a `Link` header).

mod authors;
mod destinations;
mod digests;
mod links;
mod me;
mod roundups;
mod search;
mod submissions;
mod subscribers;
mod topics;

use super::http::routes::Routes;

pub fn configure(routes: &mut Routes<'_>) {
    me::configure(routes);
    topics::configure(routes);
    submissions::configure(routes);
    roundups::configure(routes);
    subscribers::configure(routes);
    digests::configure(routes);
    destinations::configure(routes);
    links::configure(routes);
    search::configure(routes);
    authors::configure(routes);
}
