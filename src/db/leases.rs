//! Claiming due rows of a work queue (the mail outbox, chat and webhook notifications) for one
//! sender until a lease runs out, on both engines. Each queue says which of its rows are due.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::AnyConnection;

/// Marks up to `limit` rows of `table` that satisfy `due` (SQL with `{now}` where the time
/// goes) as `sending` (the state's stored text), claimed by `claim` until `lease_until`, oldest
/// due first; the caller then loads its rows by `claim`.
pub fn claim_due(
    conn: &mut AnyConnection,
    (table, due, sending): (&str, &str, &str),
    claim: &str,
    now: NaiveDateTime,
    (lease_until, limit): (NaiveDateTime, i64),
) -> QueryResult<usize> {
    match conn {
        AnyConnection::Pg(c) => {
            // The outer condition repeats the inner one: under READ COMMITTED a row another
            // worker claimed meanwhile is re-checked and skipped. SKIP LOCKED keeps workers from
            // queueing behind each other.
            let cond = due.replace("{now}", "$1");
            let sql = format!(
                "UPDATE {table} SET status = '{sending}', claim = $2, lease_until = $3, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM {table} WHERE {cond} ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
                 AND ({cond})"
            );
            diesel::sql_query(sql)
                .bind::<Timestamp, _>(now)
                .bind::<Text, _>(claim)
                .bind::<Timestamp, _>(lease_until)
                .bind::<BigInt, _>(limit)
                .execute(c)
        }
        AnyConnection::Sqlite(c) => {
            // SQLite has one writer at a time; the statement is atomic on its own.
            let cond = due.replace("{now}", "?");
            let sql = format!(
                "UPDATE {table} SET status = '{sending}', claim = ?, lease_until = ?, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM {table} WHERE {cond} ORDER BY next_attempt_at, id LIMIT ?)"
            );
            diesel::sql_query(sql)
                .bind::<Text, _>(claim)
                .bind::<Timestamp, _>(lease_until)
                .bind::<Timestamp, _>(now)
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .execute(c)
        }
    }
}
