//! Moving the club's data: export and import as JSON (between databases, e.g. SQLite to
//! PostgreSQL), and SQLite backups taken while serving, restored into an empty database.

use std::path::{Path, PathBuf};

use super::{feeds, App};
use crate::config::{DatabaseKind, Settings};
use crate::db::transfer::{self, Export, Imported};
use crate::db::{backup, Db};
use crate::error::{AppError, Message};

pub use crate::db::transfer::FORMAT;

/// Topics, submissions and subscribers, in a stable order; email addresses only when asked.
pub async fn export(app: &App, with_emails: bool) -> Result<Export, AppError> {
    app.read(move |_, conn| Ok(transfer::export(conn, with_emails)?)).await
}

/// Reads an export file, refusing anything that is not a version 1 export.
pub fn read_export(from: &Path) -> Result<Export, String> {
    let text = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let data: Export =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a Content Club export: {e}", from.display()))?;
    if data.format != FORMAT || data.version != 1 {
        return Err(format!("{} is not a version 1 Content Club export", from.display()));
    }
    Ok(data)
}

/// Loads an export in one transaction; what is there already is left as it is.
pub async fn import(app: &App, data: Export) -> Result<Imported, AppError> {
    app.write(move |app, conn| {
        let done = transfer::import(conn, &data, crate::domain::subscriptions::new_public_id)?;
        super::authors::attach_pending(conn, app.now().naive_utc())?;
        if done.topics + done.submissions + done.roundups > 0 {
            feeds::content_changed(conn, None, app.now())?;
        }
        Ok(done)
    })
    .await
}

/// A consistent copy of the SQLite database while the service runs.
pub async fn backup(app: &App, to: PathBuf) -> Result<(), AppError> {
    app.read(move |_, conn| backup::sqlite_snapshot(conn, &to).map_err(|e| AppError::BadRequest(Message::text(e))))
        .await
}

/// Puts a backup in place of an empty SQLite database (the service must be stopped), then
/// brings it up to this version's schema.
pub fn restore(settings: &Settings, from: &Path) -> Result<(), String> {
    if settings.database.kind() == DatabaseKind::Postgres {
        return Err("this database is PostgreSQL: restore a pg_dump backup with pg_restore".into());
    }
    backup::check_sqlite_backup(from)?;
    let target = settings.database.sqlite_path().ok_or("database.url has no path")?;
    if target.exists() {
        let db = Db::connect(&settings.database)?;
        db.migrate()?;
        let mut conn = db.get().map_err(|e| e.to_string())?;
        if !backup::is_empty(&mut conn).map_err(|e| e.to_string())? {
            return Err(format!(
                "{} already holds data; restore only into an empty database (move it aside first)",
                target.display()
            ));
        }
        drop(conn);
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", target.display());
            if Path::new(&file).exists() {
                std::fs::remove_file(&file).map_err(|e| format!("cannot remove {file}: {e}"))?;
            }
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::copy(from, &target).map_err(|e| format!("cannot copy to {}: {e}", target.display()))?;
    let db = Db::connect(&settings.database)?;
    db.migrate()?;
    Ok(())
}
