//! The rules of the club, independent of HTTP: validated values and the operations that keep
//! the data consistent. Handlers and the CLI call these; these call the db layer.

pub mod auth;
pub mod digests;
pub mod email_address;
pub mod links;
pub mod month;
pub mod organisers;
pub mod outbox;
pub mod rate_limits;
pub mod submissions;
pub mod subscriptions;
pub mod topics;

pub use email_address::EmailAddress;
