//! Queries on `audit_log`: who changed which organiser account or token, and when.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{audit_log, organisers};
use super::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditEntry<'a> {
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
    pub created_at: NaiveDateTime,
}

impl NewAuditEntry<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::insert_into(audit_log::table).values(self).execute(conn)
    }
}

impl AuditEntry {
    /// The newest entries first, each with the actor's email when the actor still exists.
    pub fn newest(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<(AuditEntry, Option<String>)>> {
        audit_log::table
            .left_join(organisers::table)
            .order(audit_log::id.desc())
            .limit(limit)
            .select((AuditEntry::as_select(), organisers::email.nullable()))
            .load(conn)
    }
}
