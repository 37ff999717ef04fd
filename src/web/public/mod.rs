//! Readers' pages and members' forms: home, schedule, topic archives, the calendar, the
//! submission form and the private pages behind an author's link, subscriptions, the web view of
//! a digest, and the stylesheet.

mod assets;
mod authors;
mod digest;
mod entry;
mod home;
mod media;
mod roundup;
mod schedule;
mod search;
mod submit;
mod subscribe;
mod topic;

use super::http::routes::Routes;

pub fn configure(routes: &mut Routes<'_>) {
    assets::configure(routes);
    home::configure(routes);
    schedule::configure(routes);
    search::configure(routes);
    authors::configure(routes);
    topic::configure(routes);
    submit::configure(routes);
    entry::configure(routes);
    subscribe::configure(routes);
    digest::configure(routes);
    roundup::configure(routes);
    media::configure(routes);
}
