//! Integration tests: the real app over HTTP, and the real binary for the CLI.

mod admin_login;
mod api_auth;
mod authorisation;
mod backup;
mod bounded_queries;
mod cli;
mod curation;
mod digests;
mod feed_cache;
mod feeds;
mod fixture_site;
mod helpers;
mod links;
mod migrations;
mod notifications;
mod operations;
mod organisers;
mod outage;
mod receiver;
mod security;
mod smtp_sink;
mod submissions;
mod topics;
mod transfer;
mod web_shell;
mod xss;
