//! Consistent copies of the database. SQLite writes a snapshot with `VACUUM INTO` while the
//! service keeps running (readers and writers carry on; the copy is one transaction's view).
//! PostgreSQL is backed up with its own tools (`pg_dump`), which do the same better.

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::SqliteConnection;

use super::{one_line, AnyConnection};

/// Writes a snapshot of a SQLite database to `to`, which must not exist yet.
pub fn sqlite_snapshot(conn: &mut AnyConnection, to: &Path) -> Result<(), String> {
    let AnyConnection::Sqlite(c) = conn else {
        return Err("this database is PostgreSQL: back it up with pg_dump, e.g. \
                    `pg_dump --format=custom --file=club.dump \"$CONTENT_CLUB__DATABASE__URL\"` \
                    (and restore with pg_restore)"
            .into());
    };
    if to.exists() {
        return Err(format!("{} exists already; choose a new file", to.display()));
    }
    let target = to.to_str().ok_or("the backup path must be valid UTF-8")?.replace('\'', "''");
    c.batch_execute(&format!("VACUUM INTO '{target}'")).map_err(|e| one_line(&e.to_string()))
}

/// Checks that `file` is a SQLite database written by this service (it has the migrations
/// table), so that a restore never puts a stranger's file in place.
pub fn check_sqlite_backup(file: &Path) -> Result<(), String> {
    let path = file.to_str().ok_or("the backup path must be valid UTF-8")?;
    let mut conn = SqliteConnection::establish(&format!("file:{path}?mode=ro"))
        .map_err(|e| format!("{} is not a readable SQLite database: {}", file.display(), one_line(&e.to_string())))?;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let found = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('__diesel_schema_migrations', 'topics')",
    )
    .get_result::<Count>(&mut conn)
    .map_err(|e| format!("{} is not a SQLite database: {}", file.display(), one_line(&e.to_string())))?;
    if found.n != 2 {
        return Err(format!("{} is not a Content Club backup", file.display()));
    }
    Ok(())
}

/// Whether the database holds anything a restore would overwrite.
pub fn is_empty(conn: &mut AnyConnection) -> QueryResult<bool> {
    use super::schema::{organisers, submissions, subscribers, topics};
    let rows: i64 = organisers::table.count().get_result::<i64>(conn)?
        + topics::table.count().get_result::<i64>(conn)?
        + submissions::table.count().get_result::<i64>(conn)?
        + subscribers::table.count().get_result::<i64>(conn)?;
    Ok(rows == 0)
}
