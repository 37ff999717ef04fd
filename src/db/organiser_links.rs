//! Queries on `organiser_links`: invitations and password resets sent by email. Only the
//! SHA-256 of a link's token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::organiser_links;
use super::states::LinkPurpose;
use super::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organiser_links)]
pub struct OrganiserLink {
    pub id: i64,
    pub organiser_id: i64,
    pub purpose: LinkPurpose,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = organiser_links)]
pub struct NewOrganiserLink<'a> {
    pub organiser_id: i64,
    pub purpose: LinkPurpose,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl NewOrganiserLink<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::insert_into(organiser_links::table).values(self).execute(conn)
    }
}

impl OrganiserLink {
    /// The unused, unexpired link with this token hash.
    pub fn live_by_hash(
        conn: &mut AnyConnection,
        hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<Option<OrganiserLink>> {
        organiser_links::table
            .filter(organiser_links::token_hash.eq(hash))
            .filter(organiser_links::used_at.is_null())
            .filter(organiser_links::expires_at.gt(now))
            .select(OrganiserLink::as_select())
            .first(conn)
            .optional()
    }

    /// The newest link of each organiser that is still unused and unexpired.
    pub fn live(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<Vec<OrganiserLink>> {
        organiser_links::table
            .filter(organiser_links::used_at.is_null())
            .filter(organiser_links::expires_at.gt(now))
            .order(organiser_links::id.asc())
            .select(OrganiserLink::as_select())
            .load(conn)
    }

    /// Marks every open link of the organiser used (a new link, or a password set, ends them).
    pub fn close_all(conn: &mut AnyConnection, organiser_id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(organiser_links::table)
            .filter(organiser_links::organiser_id.eq(organiser_id))
            .filter(organiser_links::used_at.is_null())
            .set(organiser_links::used_at.eq(now))
            .execute(conn)
    }
}
