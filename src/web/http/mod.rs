//! The HTTP plumbing every handler module shares: route registration, sessions and CSRF,
//! pages and redirects, error pages and problem bodies, middleware, metrics, conditional
//! answers, public pages kept in memory, and answers from memory in front of the application.

pub mod conditional;
pub mod errors;
pub mod forms;
pub mod json;
pub mod language;
pub mod memory;
pub mod metrics;
pub mod middleware;
pub mod page;
pub mod pages;
pub mod routes;
pub mod session;
