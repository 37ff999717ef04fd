//! The rules of the club, independent of HTTP and of storage: validated values, what each state
//! allows, and the decisions a use case asks for. Nothing here opens a transaction; the use
//! cases in `app` do, and call these.

pub mod authors;
pub mod digests;
pub mod email_address;
pub mod entries;
pub mod entry_list;
pub mod links;
pub mod month;
pub mod notifications;
pub mod organisers;
pub mod rate_limits;
pub mod roundups;
pub mod search;
pub mod submissions;
pub mod subscriptions;
pub mod suppressions;
pub mod text;
pub mod topics;

pub use email_address::EmailAddress;
