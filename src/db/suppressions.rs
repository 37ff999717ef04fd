//! Queries on `suppressions` (addresses never sent to again) and `mail_events` (bounce and
//! complaint reports taken, for counting each once).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{mail_events, suppressions};
use super::states::{MailEventKind, SuppressionReason};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = suppressions)]
pub struct Suppression {
    pub id: i64,
    pub email_hash: String,
    pub masked: String,
    pub reason: SuppressionReason,
    pub source: String,
    pub detail: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = suppressions)]
pub struct NewSuppression<'a> {
    pub email_hash: &'a str,
    pub masked: &'a str,
    pub reason: SuppressionReason,
    pub source: &'a str,
    pub detail: &'a str,
    pub created_at: NaiveDateTime,
}

impl NewSuppression<'_> {
    /// Adds the address unless it is on the list already; whether it was added.
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<bool> {
        let inserted = match conn {
            AnyConnection::Pg(pg) => {
                diesel::insert_into(suppressions::table).values(self).on_conflict_do_nothing().execute(pg)?
            }
            AnyConnection::Sqlite(sqlite) => {
                diesel::insert_into(suppressions::table).values(self).on_conflict_do_nothing().execute(sqlite)?
            }
        };
        Ok(inserted == 1)
    }
}

impl Suppression {
    /// The whole list, newest first (one row per address; a club has hundreds, not millions).
    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Suppression>> {
        suppressions::table.order(suppressions::id.desc()).select(Suppression::as_select()).load(conn)
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Suppression>> {
        suppressions::table.find(id).select(Suppression::as_select()).first(conn).optional()
    }

    pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(suppressions::table.find(id)).execute(conn)
    }

    /// Which of these address hashes are suppressed, in one query.
    pub fn which(conn: &mut AnyConnection, hashes: &[String]) -> QueryResult<Vec<String>> {
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        suppressions::table.filter(suppressions::email_hash.eq_any(hashes)).select(suppressions::email_hash).load(conn)
    }
}

/// Records a report by its provider's id; false when it was taken before.
pub fn take_event(
    conn: &mut AnyConnection,
    source: &str,
    event_id: &str,
    kind: MailEventKind,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let values = (
        mail_events::source.eq(source),
        mail_events::event_id.eq(event_id),
        mail_events::kind.eq(kind),
        mail_events::created_at.eq(now),
    );
    let inserted = match conn {
        AnyConnection::Pg(pg) => {
            diesel::insert_into(mail_events::table).values(values).on_conflict_do_nothing().execute(pg)?
        }
        AnyConnection::Sqlite(sqlite) => {
            diesel::insert_into(mail_events::table).values(values).on_conflict_do_nothing().execute(sqlite)?
        }
    };
    Ok(inserted == 1)
}

/// Whether the report `event_id` from `source` was taken.
pub fn event_taken(conn: &mut AnyConnection, source: &str, event_id: &str) -> QueryResult<bool> {
    let found: i64 = mail_events::table
        .filter(mail_events::source.eq(source))
        .filter(mail_events::event_id.eq(event_id))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Forgets reports taken before `before`.
pub fn delete_events_before(conn: &mut AnyConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(mail_events::table.filter(mail_events::created_at.lt(before))).execute(conn)
}
