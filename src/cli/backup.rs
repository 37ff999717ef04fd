//! `content-club backup --to FILE` and `content-club restore --from FILE`.

use std::path::Path;

use super::Failure;
use crate::config::{DatabaseKind, Settings};
use crate::db::{backup, Db};

fn failure(message: String) -> Failure {
    Failure { code: 1, message }
}

/// A consistent copy while the service runs (SQLite); PostgreSQL is pointed at pg_dump.
pub fn backup(db: &Db, to: &Path) -> Result<(), Failure> {
    let mut conn = db.get().map_err(|e| failure(e.to_string()))?;
    backup::sqlite_snapshot(&mut conn, to).map_err(|m| Failure { code: 2, message: m })?;
    eprintln!("backup written to {}", to.display());
    Ok(())
}

/// Puts a backup in place of an empty SQLite database. Stop the service first.
pub fn restore(settings: &Settings, from: &Path) -> Result<(), Failure> {
    if settings.database.kind() == DatabaseKind::Postgres {
        return Err(Failure {
            code: 2,
            message: "this database is PostgreSQL: restore a pg_dump backup with pg_restore".into(),
        });
    }
    backup::check_sqlite_backup(from).map_err(failure)?;
    let target = settings.database.sqlite_path().ok_or_else(|| failure("database.url has no path".into()))?;
    if target.exists() {
        let db = Db::connect(&settings.database).map_err(failure)?;
        db.migrate().map_err(failure)?;
        let mut conn = db.get().map_err(|e| failure(e.to_string()))?;
        if !backup::is_empty(&mut conn)? {
            return Err(failure(format!(
                "{} already holds data; restore only into an empty database (move it aside first)",
                target.display()
            )));
        }
        drop(conn);
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", target.display());
            if Path::new(&file).exists() {
                std::fs::remove_file(&file).map_err(|e| failure(format!("cannot remove {file}: {e}")))?;
            }
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| failure(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::copy(from, &target).map_err(|e| failure(format!("cannot copy to {}: {e}", target.display())))?;
    // Bring the restored copy up to this version's schema.
    let db = Db::connect(&settings.database).map_err(failure)?;
    db.migrate().map_err(failure)?;
    eprintln!("restored {} into {}", from.display(), target.display());
    Ok(())
}
