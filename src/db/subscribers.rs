//! Queries on `subscribers`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::subscribers;
use super::states::SubscriberStatus;
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = subscribers)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub status: SubscriberStatus,
    pub confirm_token_hash: Option<String>,
    pub confirm_sent_at: Option<NaiveDateTime>,
    pub confirmed_at: Option<NaiveDateTime>,
    pub unsubscribed_at: Option<NaiveDateTime>,
    pub bounce_count: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Random, unique; what unsubscribe links name.
    pub public_id: String,
    /// The row id unsubscribe links named before public ids, for rows that were here then.
    pub legacy_id: Option<i64>,
    /// The language their mail is written in ('' for the club's).
    pub language: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = subscribers)]
pub struct NewSubscriber<'a> {
    pub email: &'a str,
    pub status: SubscriberStatus,
    pub confirm_token_hash: Option<&'a str>,
    pub confirm_sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub public_id: &'a str,
    pub language: &'a str,
}

impl NewSubscriber<'_> {
    /// Inserts without reading the row back (loading many at once).
    pub fn add(&self, conn: &mut AnyConnection) -> QueryResult<()> {
        diesel::insert_into(subscribers::table).values(self).execute(conn).map(drop)
    }

    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<Subscriber> {
        diesel::insert_into(subscribers::table).values(self).execute(conn)?;
        Subscriber::by_email(conn, self.email)?.ok_or(diesel::result::Error::NotFound)
    }
}

impl Subscriber {
    pub fn by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<Subscriber>> {
        subscribers::table.filter(subscribers::email.eq(email)).select(Subscriber::as_select()).first(conn).optional()
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Subscriber>> {
        subscribers::table.find(id).select(Subscriber::as_select()).first(conn).optional()
    }

    pub fn by_public_id(conn: &mut AnyConnection, public_id: &str) -> QueryResult<Option<Subscriber>> {
        subscribers::table
            .filter(subscribers::public_id.eq(public_id))
            .select(Subscriber::as_select())
            .first(conn)
            .optional()
    }

    /// The subscriber that a link sent before public ids named by its row id here.
    pub fn by_legacy_id(conn: &mut AnyConnection, legacy_id: i64) -> QueryResult<Option<Subscriber>> {
        subscribers::table
            .filter(subscribers::legacy_id.eq(legacy_id))
            .select(Subscriber::as_select())
            .first(conn)
            .optional()
    }

    /// The public ids of several subscribers, in one query.
    pub fn public_ids(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
        subscribers::table
            .filter(subscribers::id.eq_any(ids))
            .select((subscribers::id, subscribers::public_id))
            .load(conn)
    }

    /// A new confirmation for a pending (or lapsed) address.
    pub fn renew_confirmation(
        conn: &mut AnyConnection,
        id: i64,
        token_hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id))
            .set((
                subscribers::status.eq(SubscriberStatus::Pending),
                subscribers::confirm_token_hash.eq(Some(token_hash)),
                subscribers::confirm_sent_at.eq(Some(now)),
                subscribers::updated_at.eq(now),
            ))
            .execute(conn)
    }

    pub fn by_confirm_hash(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<Subscriber>> {
        subscribers::table
            .filter(subscribers::confirm_token_hash.eq(token_hash))
            .select(Subscriber::as_select())
            .first(conn)
            .optional()
    }

    pub fn activate(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id).filter(subscribers::status.eq(SubscriberStatus::Pending)))
            .set((
                subscribers::status.eq(SubscriberStatus::Active),
                subscribers::confirm_token_hash.eq(None::<String>),
                subscribers::confirmed_at.eq(Some(now)),
                subscribers::bounce_count.eq(0),
                subscribers::updated_at.eq(now),
            ))
            .execute(conn)
    }

    pub fn unsubscribe(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id).filter(subscribers::status.ne(SubscriberStatus::Unsubscribed)))
            .set((
                subscribers::status.eq(SubscriberStatus::Unsubscribed),
                subscribers::confirm_token_hash.eq(None::<String>),
                subscribers::unsubscribed_at.eq(Some(now)),
                subscribers::updated_at.eq(now),
            ))
            .execute(conn)
    }

    /// Counts a hard bounce; at `limit` the address is marked bounced and gets no more mail.
    pub fn record_bounce(conn: &mut AnyConnection, id: i64, limit: i32, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id))
            .set((subscribers::bounce_count.eq(subscribers::bounce_count + 1), subscribers::updated_at.eq(now)))
            .execute(conn)?;
        diesel::update(
            subscribers::table
                .find(id)
                .filter(subscribers::status.eq(SubscriberStatus::Active))
                .filter(subscribers::bounce_count.ge(limit)),
        )
        .set(subscribers::status.eq(SubscriberStatus::Bounced))
        .execute(conn)
    }

    /// A hard bounce reported after delivery: counted, and the subscriber (unless gone already)
    /// marked bounced at once.
    pub fn mark_bounced(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id).filter(subscribers::status.ne(SubscriberStatus::Unsubscribed)))
            .set((
                subscribers::status.eq(SubscriberStatus::Bounced),
                subscribers::bounce_count.eq(subscribers::bounce_count + 1),
                subscribers::confirm_token_hash.eq(None::<String>),
                subscribers::updated_at.eq(now),
            ))
            .execute(conn)
    }

    /// Pending addresses whose confirmation was sent before `cutoff`.
    pub fn delete_stale_pending(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(
            subscribers::table
                .filter(subscribers::status.eq(SubscriberStatus::Pending))
                .filter(subscribers::confirm_sent_at.lt(cutoff)),
        )
        .execute(conn)
    }

    /// Every active subscriber's id, address and mail language, oldest first.
    pub fn active_with_language(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, String, String)>> {
        subscribers::table
            .filter(subscribers::status.eq(SubscriberStatus::Active))
            .order(subscribers::id.asc())
            .select((subscribers::id, subscribers::email, subscribers::language))
            .load(conn)
    }

    /// Sets the language a subscriber's mail is written in.
    pub fn set_language(conn: &mut AnyConnection, id: i64, language: &str, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(subscribers::table.find(id))
            .set((subscribers::language.eq(language), subscribers::updated_at.eq(now)))
            .execute(conn)
    }

    pub fn active_ids(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, String)>> {
        subscribers::table
            .filter(subscribers::status.eq(SubscriberStatus::Active))
            .order(subscribers::id.asc())
            .select((subscribers::id, subscribers::email))
            .load(conn)
    }

    /// For each time range: how many subscribers confirmed, unsubscribed and were marked bounced
    /// in it. Three reads of an index over the whole span (`subscribers_confirmed_at`,
    /// `subscribers_unsubscribed_at`, `subscribers_status`), counted per range here: the cost
    /// follows the changes in the span, not the number of subscribers.
    pub fn activity(
        conn: &mut AnyConnection,
        ranges: &[(NaiveDateTime, NaiveDateTime)],
    ) -> QueryResult<Vec<(i64, i64, i64)>> {
        let (Some(from), Some(to)) = (ranges.iter().map(|r| r.0).min(), ranges.iter().map(|r| r.1).max()) else {
            return Ok(Vec::new());
        };
        let joined: Vec<Option<NaiveDateTime>> = subscribers::table
            .filter(subscribers::confirmed_at.ge(from).and(subscribers::confirmed_at.lt(to)))
            .select(subscribers::confirmed_at)
            .load(conn)?;
        let gone: Vec<Option<NaiveDateTime>> = subscribers::table
            .filter(subscribers::unsubscribed_at.ge(from).and(subscribers::unsubscribed_at.lt(to)))
            .select(subscribers::unsubscribed_at)
            .load(conn)?;
        let bounced: Vec<Option<NaiveDateTime>> = subscribers::table
            .filter(subscribers::status.eq(SubscriberStatus::Bounced))
            .filter(subscribers::updated_at.ge(from).and(subscribers::updated_at.lt(to)))
            .select(subscribers::updated_at.nullable())
            .load(conn)?;
        let within = |times: &[Option<NaiveDateTime>], (a, b): (NaiveDateTime, NaiveDateTime)| {
            times.iter().flatten().filter(|t| **t >= a && **t < b).count() as i64
        };
        Ok(ranges.iter().map(|&r| (within(&joined, r), within(&gone, r), within(&bounced, r))).collect())
    }

    /// Active subscribers without a confirmation time get their creation time (loaded, not
    /// confirmed through the service: the demo profile).
    pub fn confirmed_when_created(conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::update(
            subscribers::table
                .filter(subscribers::status.eq(SubscriberStatus::Active))
                .filter(subscribers::confirmed_at.is_null()),
        )
        .set(subscribers::confirmed_at.eq(subscribers::created_at.nullable()))
        .execute(conn)
    }

    pub fn count_by_status(conn: &mut AnyConnection) -> QueryResult<Vec<(SubscriberStatus, i64)>> {
        subscribers::table
            .group_by(subscribers::status)
            .select((subscribers::status, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Subscribers whose address contains `search` (all when empty), newest first: at most
    /// `limit`, after the subscriber `before` (an id) when given.
    pub fn search(
        conn: &mut AnyConnection,
        search: &str,
        before: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<Subscriber>> {
        let mut query = subscribers::table.select(Subscriber::as_select()).into_boxed();
        if !search.is_empty() {
            query = query.filter(subscribers::email.like(format!("%{}%", search.replace(['%', '_'], ""))));
        }
        if let Some(before) = before {
            query = query.filter(subscribers::id.lt(before));
        }
        query.order(subscribers::id.desc()).limit(limit).load(conn)
    }

    pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(subscribers::table.find(id)).execute(conn)
    }
}
