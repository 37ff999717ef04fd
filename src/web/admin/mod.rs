//! Organisers' pages: login, the dashboard, topics and their translations, moderation, curated entries and round-ups,
//! digests, subscribers and suppressed addresses, organisers and their tokens, and the password
//! page an emailed link leads to.

mod account;
mod authors;
mod dashboard;
mod destinations;
mod digests;
mod entries;
mod login;
mod moderation;
mod organisers;
mod password;
mod roundups;
mod subscribers;
mod suppressions;
mod topics;
mod translations;

use super::http::routes::Routes;

pub fn configure(routes: &mut Routes<'_>) {
    login::configure(routes);
    account::configure(routes);
    authors::configure(routes);
    dashboard::configure(routes);
    topics::configure(routes);
    translations::configure(routes);
    moderation::configure(routes);
    entries::configure(routes);
    roundups::configure(routes);
    digests::configure(routes);
    destinations::configure(routes);
    subscribers::configure(routes);
    suppressions::configure(routes);
    organisers::configure(routes);
    password::configure(routes);
}
