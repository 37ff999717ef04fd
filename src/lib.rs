//! Content Club: a monthly content club — topics, member submissions, moderation, RSS feeds and
//! email digests — as one library used by the `content-club` binary and the tests.
//!
//! Layers, each importing only the ones before it in this list:
//! `config`, `clock`, `crypto`, `error` → `db` → `domain` → `render`, `email`, `feeds` → `app`
//! (the use cases) → `web`, `cli`, `worker`.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod context;
pub mod crypto;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod feeds;
pub mod i18n;
pub mod outbound;
pub mod render;
pub mod web;
pub mod worker;
