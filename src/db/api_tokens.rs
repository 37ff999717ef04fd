//! Queries on `api_tokens`. Only the SHA-256 of a token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisers::Organiser;
use super::schema::{api_tokens, organisers};
use super::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub organiser_id: i64,
    pub label: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub organiser_id: i64,
    pub label: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}

impl NewApiToken<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<ApiToken> {
        diesel::insert_into(api_tokens::table).values(self).execute(conn)?;
        api_tokens::table.filter(api_tokens::token_hash.eq(self.token_hash)).select(ApiToken::as_select()).first(conn)
    }
}

impl ApiToken {
    /// The live (not revoked) token with this hash, and its enabled organiser.
    pub fn live_by_hash(conn: &mut AnyConnection, hash: &str) -> QueryResult<Option<(ApiToken, Organiser)>> {
        api_tokens::table
            .inner_join(organisers::table)
            .filter(api_tokens::token_hash.eq(hash))
            .filter(api_tokens::revoked_at.is_null())
            .filter(organisers::disabled.eq(false))
            .select((ApiToken::as_select(), Organiser::as_select()))
            .first(conn)
            .optional()
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<ApiToken>> {
        api_tokens::table.find(id).select(ApiToken::as_select()).first(conn).optional()
    }

    /// Tokens not revoked, oldest first.
    pub fn all_live(conn: &mut AnyConnection) -> QueryResult<Vec<ApiToken>> {
        api_tokens::table
            .filter(api_tokens::revoked_at.is_null())
            .order(api_tokens::id.asc())
            .select(ApiToken::as_select())
            .load(conn)
    }

    pub fn for_organiser(conn: &mut AnyConnection, organiser_id: i64) -> QueryResult<Vec<ApiToken>> {
        api_tokens::table
            .filter(api_tokens::organiser_id.eq(organiser_id))
            .order(api_tokens::id.asc())
            .select(ApiToken::as_select())
            .load(conn)
    }

    pub fn touch(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(api_tokens::table.find(id)).set(api_tokens::last_used_at.eq(now)).execute(conn)
    }

    /// Revokes one token of one organiser; returns whether a live token was revoked.
    pub fn revoke(
        conn: &mut AnyConnection,
        id: i64,
        organiser_id: Option<i64>,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let mut query = diesel::update(api_tokens::table)
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::revoked_at.is_null())
            .into_boxed();
        if let Some(owner) = organiser_id {
            query = query.filter(api_tokens::organiser_id.eq(owner));
        }
        Ok(query.set(api_tokens::revoked_at.eq(now)).execute(conn)? == 1)
    }
}
