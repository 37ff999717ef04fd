//! Queries on `site_state`: one row for the whole site, whose version every change to public
//! content raises in the same transaction. Feed caches on every instance compare it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::site_state;
use super::AnyConnection;

/// The site's content version and when public content last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
pub struct ContentState {
    pub version: i64,
    pub changed_at: NaiveDateTime,
}

const ROW: i64 = 1;

impl ContentState {
    pub fn current(conn: &mut AnyConnection) -> QueryResult<ContentState> {
        site_state::table.find(ROW).select((site_state::content_version, site_state::content_changed_at)).first(conn)
    }

    /// Raises the version; the time moves to `now` unless it is already later (in the statement
    /// itself, so that two writers at once cannot move it back).
    pub fn bump(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<ContentState> {
        let sql = match conn {
            AnyConnection::Pg(_) => {
                "UPDATE site_state SET content_version = content_version + 1, \
                 content_changed_at = GREATEST(content_changed_at, $1) WHERE id = 1"
            }
            AnyConnection::Sqlite(_) => {
                "UPDATE site_state SET content_version = content_version + 1, \
                 content_changed_at = MAX(content_changed_at, ?) WHERE id = 1"
            }
        };
        diesel::sql_query(sql).bind::<diesel::sql_types::Timestamp, _>(now).execute(conn)?;
        ContentState::current(conn)
    }
}
