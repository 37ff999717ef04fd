//! Documents that other programs read: the iCalendar schedule (and, later, RSS and JSON feeds).

pub mod ical;
