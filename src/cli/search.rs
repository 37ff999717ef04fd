//! `content-club search …`: the search index.

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{search, App};

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Merge the parts of the search index now, all of them (the worker merges them a step at
    /// a time): after a large import, or before measuring searches. SQLite only; PostgreSQL's
    /// index is kept by autovacuum.
    Compact,
}

pub fn run(command: SearchCommand, app: &App) -> Result<(), Failure> {
    match command {
        SearchCommand::Compact => match block_on(search::compact_index(app))?.map_err(explain)? {
            Some((before, after)) => eprintln!("search index: {before} part(s) before, {after} now"),
            None => eprintln!("search index: kept by PostgreSQL's autovacuum; nothing to do"),
        },
    }
    Ok(())
}
