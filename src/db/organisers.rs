//! Queries on `organisers`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::organisers;
use super::states::Role;
use super::AnyConnection;

/// An organiser account as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisers)]
pub struct Organiser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A new organiser account; the email is already normalised and the password hashed.
#[derive(Debug, Insertable)]
#[diesel(table_name = organisers)]
pub struct NewOrganiser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NewOrganiser<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<Organiser> {
        diesel::insert_into(organisers::table).values(self).execute(conn)?;
        Organiser::by_email(conn, self.email)?.ok_or(diesel::result::Error::NotFound)
    }
}

impl Organiser {
    pub fn by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<Organiser>> {
        organisers::table.filter(organisers::email.eq(email)).select(Organiser::as_select()).first(conn).optional()
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Organiser>> {
        organisers::table.find(id).select(Organiser::as_select()).first(conn).optional()
    }

    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Organiser>> {
        organisers::table.order(organisers::email.asc()).select(Organiser::as_select()).load(conn)
    }

    pub fn count(conn: &mut AnyConnection) -> QueryResult<i64> {
        organisers::table.count().get_result(conn)
    }

    pub fn set_password_hash(conn: &mut AnyConnection, id: i64, hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(organisers::table.find(id))
            .set((organisers::password_hash.eq(hash), organisers::updated_at.eq(now)))
            .execute(conn)
    }

    pub fn set_role(conn: &mut AnyConnection, id: i64, role: Role, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(organisers::table.find(id))
            .set((organisers::role.eq(role), organisers::updated_at.eq(now)))
            .execute(conn)
    }

    pub fn set_disabled(conn: &mut AnyConnection, id: i64, disabled: bool, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(organisers::table.find(id))
            .set((organisers::disabled.eq(disabled), organisers::updated_at.eq(now)))
            .execute(conn)
    }

    /// Admins who can log in: enabled, with a password set.
    pub fn count_active_admins(conn: &mut AnyConnection) -> QueryResult<i64> {
        organisers::table
            .filter(organisers::role.eq(Role::Admin))
            .filter(organisers::disabled.eq(false))
            .filter(organisers::password_hash.ne(""))
            .count()
            .get_result(conn)
    }
}
