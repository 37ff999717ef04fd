//! Queries on `rate_limits`: token buckets that every instance on this database shares.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::rate_limits;
use super::AnyConnection;

/// The tokens a bucket had when it was last used, and when that was. On PostgreSQL the row stays
/// locked until the transaction ends, so that instances take tokens from a bucket one at a time
/// (SQLite's write transactions are one at a time already).
pub fn load_for_update(conn: &mut AnyConnection, bucket: &str) -> QueryResult<Option<(f64, NaiveDateTime)>> {
    let query = rate_limits::table.find(bucket).select((rate_limits::tokens, rate_limits::updated_at));
    match conn {
        AnyConnection::Pg(pg) => query.for_update().first(pg).optional(),
        AnyConnection::Sqlite(sqlite) => query.first(sqlite).optional(),
    }
}

/// A bucket's tokens and last use, without locking it.
pub fn load(conn: &mut AnyConnection, bucket: &str) -> QueryResult<Option<(f64, NaiveDateTime)>> {
    rate_limits::table.find(bucket).select((rate_limits::tokens, rate_limits::updated_at)).first(conn).optional()
}

/// Writes a bucket's tokens; `existed` says whether `load_for_update` found its row.
pub fn store(
    conn: &mut AnyConnection,
    bucket: &str,
    existed: bool,
    tokens: f64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    if existed {
        diesel::update(rate_limits::table.find(bucket))
            .set((rate_limits::tokens.eq(tokens), rate_limits::updated_at.eq(at)))
            .execute(conn)
    } else {
        diesel::insert_into(rate_limits::table)
            .values((rate_limits::bucket.eq(bucket), rate_limits::tokens.eq(tokens), rate_limits::updated_at.eq(at)))
            .execute(conn)
    }
}

/// Creates a bucket unless another transaction created it meanwhile (no error then: it returns
/// false, and the caller loads the other one's row).
pub fn insert_new(conn: &mut AnyConnection, bucket: &str, tokens: f64, at: NaiveDateTime) -> QueryResult<bool> {
    let values = (rate_limits::bucket.eq(bucket), rate_limits::tokens.eq(tokens), rate_limits::updated_at.eq(at));
    let inserted = match conn {
        AnyConnection::Pg(pg) => {
            diesel::insert_into(rate_limits::table).values(values).on_conflict_do_nothing().execute(pg)?
        }
        AnyConnection::Sqlite(sqlite) => {
            diesel::insert_into(rate_limits::table).values(values).on_conflict_do_nothing().execute(sqlite)?
        }
    };
    Ok(inserted == 1)
}

/// Forgets one bucket (a backoff after a success).
pub fn delete(conn: &mut AnyConnection, bucket: &str) -> QueryResult<usize> {
    diesel::delete(rate_limits::table.find(bucket)).execute(conn)
}

/// Deletes buckets last used before `before` (they have refilled completely).
pub fn delete_idle(conn: &mut AnyConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_limits::table.filter(rate_limits::updated_at.lt(before))).execute(conn)
}
