//! Documents that other programs read: the iCalendar schedule, RSS and JSON feeds, OPML.

pub mod documents;
pub mod ical;
pub mod media;
pub mod syndication;
