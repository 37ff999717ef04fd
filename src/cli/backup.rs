//! `content-club backup --to FILE` and `content-club restore --from FILE`.

use std::path::Path;

use super::{block_on, Failure};
use crate::app::{self, App};
use crate::config::Settings;

/// A consistent copy while the service runs (SQLite); PostgreSQL is pointed at pg_dump.
pub fn backup(app: &App, to: &Path) -> Result<(), Failure> {
    block_on(app::transfer::backup(app, to.to_path_buf()))?
        .map_err(|e| Failure { code: 2, message: crate::error::AppError::public_detail(&e) })?;
    eprintln!("backup written to {}", to.display());
    Ok(())
}

/// Puts a backup in place of an empty SQLite database. Stop the service first.
pub fn restore(settings: &Settings, from: &Path) -> Result<(), Failure> {
    let target = settings.database.url.clone();
    app::transfer::restore(settings, from).map_err(|message| Failure { code: 2, message })?;
    eprintln!("restored {} into {target}", from.display());
    Ok(())
}
