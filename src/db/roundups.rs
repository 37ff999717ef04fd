//! Queries on `roundups`: each topic's organiser-written round-up.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{roundups, topics};
use super::topics::Topic;
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = roundups)]
pub struct Roundup {
    pub id: i64,
    pub topic_id: i64,
    /// The introduction, in Markdown.
    pub intro: String,
    /// When it was published; none while it is a draft.
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub updated_by: Option<i64>,
}

impl Roundup {
    pub fn for_topic(conn: &mut AnyConnection, topic_id: i64) -> QueryResult<Option<Roundup>> {
        roundups::table.filter(roundups::topic_id.eq(topic_id)).select(Roundup::as_select()).first(conn).optional()
    }

    /// Writes a topic's round-up, creating it the first time.
    pub fn save(
        conn: &mut AnyConnection,
        topic_id: i64,
        intro: &str,
        published_at: Option<NaiveDateTime>,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> QueryResult<Roundup> {
        let updated = diesel::update(roundups::table.filter(roundups::topic_id.eq(topic_id)))
            .set((
                roundups::intro.eq(intro),
                roundups::published_at.eq(published_at),
                roundups::updated_at.eq(now),
                roundups::updated_by.eq(by),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(roundups::table)
                .values((
                    roundups::topic_id.eq(topic_id),
                    roundups::intro.eq(intro),
                    roundups::published_at.eq(published_at),
                    roundups::created_at.eq(now),
                    roundups::updated_at.eq(now),
                    roundups::updated_by.eq(by),
                ))
                .execute(conn)?;
        }
        Roundup::for_topic(conn, topic_id)?.ok_or(diesel::result::Error::NotFound)
    }

    /// The newest published round-ups of announced topics, with their topic.
    pub fn newest_published(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<(Roundup, Topic)>> {
        roundups::table
            .inner_join(topics::table)
            .filter(roundups::published_at.is_not_null())
            .filter(topics::announced.eq(true))
            .order(roundups::published_at.desc())
            .limit(limit)
            .select((Roundup::as_select(), Topic::as_select()))
            .load(conn)
    }

    /// Every round-up (for export).
    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Roundup>> {
        roundups::table.order(roundups::id.asc()).select(Roundup::as_select()).load(conn)
    }
}
