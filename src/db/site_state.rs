//! Queries on `site_state`: one row for the whole site, whose version every change to public
//! content raises in the same transaction. Feed caches on every instance compare it. On
//! PostgreSQL the change is also announced (`NOTIFY`) when it commits, for the instances that
//! listen ([`ChangeListener`]).

use chrono::NaiveDateTime;
use diesel::pg::PgConnection;
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

/// The PostgreSQL channel on which changes to public content are announced.
const CHANGES: &str = "content_club_changes";

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
        if let AnyConnection::Pg(_) = conn {
            // Delivered when (and only if) the transaction commits; several in one are one.
            diesel::sql_query(format!("NOTIFY {CHANGES}")).execute(conn)?;
        }
        ContentState::current(conn)
    }
}

/// A PostgreSQL connection of its own, listening for the changes any instance commits.
pub struct ChangeListener(PgConnection);

impl ChangeListener {
    pub fn open(url: &str) -> Result<ChangeListener, String> {
        let mut conn = PgConnection::establish(url).map_err(|e| e.to_string())?;
        diesel::sql_query(format!("LISTEN {CHANGES}")).execute(&mut conn).map_err(|e| e.to_string())?;
        Ok(ChangeListener(conn))
    }

    /// Whether a change was announced since the last call. Never waits: it reads what the
    /// server has sent. An error means the connection is gone.
    pub fn changed(&mut self) -> QueryResult<bool> {
        let mut any = false;
        for notification in self.0.notifications_iter() {
            notification?;
            any = true;
        }
        Ok(any)
    }

    /// Whether the server still answers: a connection whose peer vanished without closing it
    /// reports neither notifications nor errors until something is sent on it.
    pub fn check(&mut self) -> QueryResult<()> {
        diesel::sql_query("SELECT 1").execute(&mut self.0).map(|_| ())
    }
}
