//! Queries on `sessions`: organiser logins. Only the SHA-256 of the cookie's token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisers::Organiser;
use super::schema::{organisers, sessions};
use super::AnyConnection;

#[derive(Debug, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub organiser_id: i64,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl NewSession<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::insert_into(sessions::table).values(self).execute(conn)
    }
}

/// The enabled organiser behind an unexpired session.
pub fn organiser_for(conn: &mut AnyConnection, token_hash: &str, now: NaiveDateTime) -> QueryResult<Option<Organiser>> {
    sessions::table
        .inner_join(organisers::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .filter(organisers::disabled.eq(false))
        .select(Organiser::as_select())
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash))).execute(conn)
}

pub fn delete_expired(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}

/// Ends every session of one organiser (disabled, or a new password).
pub fn delete_for_organiser(conn: &mut AnyConnection, organiser_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::organiser_id.eq(organiser_id))).execute(conn)
}
