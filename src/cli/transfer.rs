//! `content-club export` and `content-club import`.

use std::io::Write;
use std::path::PathBuf;

use super::Failure;
use crate::db::transfer::{self, Export};
use crate::db::Db;

pub fn export(db: &Db, with_emails: bool, to: Option<PathBuf>) -> Result<(), Failure> {
    let mut conn = db.get().map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let data = transfer::export(&mut conn, with_emails)?;
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
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}")?;
        }
    }
    Ok(())
}

pub fn import(db: &Db, from: PathBuf) -> Result<(), Failure> {
    let text =
        std::fs::read_to_string(&from).map_err(|e| Failure { code: 1, message: format!("{}: {e}", from.display()) })?;
    let data: Export = serde_json::from_str(&text)
        .map_err(|e| Failure { code: 1, message: format!("{} is not a Content Club export: {e}", from.display()) })?;
    if data.format != transfer::FORMAT || data.version != 1 {
        return Err(Failure { code: 1, message: format!("{} is not a version 1 Content Club export", from.display()) });
    }
    let mut conn = db.get().map_err(|e| Failure { code: 1, message: e.to_string() })?;
    let done = transfer::import(&mut conn, &data)?;
    eprintln!(
        "imported {} topics, {} submissions, {} subscribers; {} already present or without an address were left alone",
        done.topics, done.submissions, done.subscribers, done.skipped
    );
    Ok(())
}
