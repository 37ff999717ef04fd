//! `content-club export` and `content-club import`.

use std::io::Write;
use std::path::PathBuf;

use super::{block_on, explain, Failure};
use crate::app::{self, App};

pub fn export(app: &App, with_emails: bool, to: Option<PathBuf>) -> Result<(), Failure> {
    let data = block_on(app::transfer::export(app, with_emails))?.map_err(explain)?;
    let json = serde_json::to_string_pretty(&data)?;
    match to {
        Some(path) => {
            std::fs::write(&path, json)
                .map_err(|e| Failure { code: 1, message: format!("{}: {e}", path.display()) })?;
            eprintln!(
                "exported {} topics, {} submissions, {} subscribers to {}{}",
                data.topics.len(),
                data.submissions.len(),
                data.subscribers.len(),
                path.display(),
                if with_emails { "" } else { " (without email addresses)" }
            );
        }
        None => writeln!(std::io::stdout().lock(), "{json}")?,
    }
    Ok(())
}

pub fn import(app: &App, from: PathBuf) -> Result<(), Failure> {
    let data = app::transfer::read_export(&from).map_err(|message| Failure { code: 1, message })?;
    let done = block_on(app::transfer::import(app, data))?.map_err(explain)?;
    eprintln!(
        "imported {} topics, {} submissions, {} subscribers, {} round-ups, {} suppressed addresses; {} already present or without an address were left alone",
        done.topics, done.submissions, done.subscribers, done.roundups, done.suppressions, done.skipped
    );
    Ok(())
}
