//! Queries on `topics` and `topic_slug_redirects`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{topic_slug_redirects, topics};
use super::AnyConnection;

/// A topic as stored. `month` is `YYYY-MM`; times are UTC.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = topics)]
pub struct Topic {
    pub id: i64,
    pub slug: String,
    pub month: String,
    pub title: String,
    pub summary: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub announced: bool,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub content_version: i64,
    pub content_changed_at: NaiveDateTime,
}

/// A topic as lists and filters name it (the moderation queue's): without its summary and dates.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = topics)]
pub struct TopicName {
    pub id: i64,
    pub slug: String,
    pub month: String,
    pub title: String,
}

impl TopicName {
    /// Every topic, drafts too, by month, oldest first.
    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<TopicName>> {
        topics::table.order(topics::month.asc()).select(TopicName::as_select()).load(conn)
    }
}

/// What feed caches compare for one topic.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct TopicVersion {
    pub id: i64,
    pub slug: String,
    pub announced: bool,
    pub version: i64,
    pub changed_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = topics)]
pub struct NewTopic<'a> {
    pub slug: &'a str,
    pub month: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub announced: bool,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub content_changed_at: NaiveDateTime,
}

/// Every editable column, written together.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = topics)]
pub struct TopicChanges<'a> {
    pub slug: &'a str,
    pub month: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub announced: bool,
    pub sequence: i32,
    pub updated_at: NaiveDateTime,
}

impl NewTopic<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<Topic> {
        diesel::insert_into(topics::table).values(self).execute(conn)?;
        Topic::by_slug(conn, self.slug)?.ok_or(diesel::result::Error::NotFound)
    }
}

impl Topic {
    pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> QueryResult<Option<Topic>> {
        topics::table.filter(topics::slug.eq(slug)).select(Topic::as_select()).first(conn).optional()
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Topic>> {
        topics::table.find(id).select(Topic::as_select()).first(conn).optional()
    }

    pub fn by_month(conn: &mut AnyConnection, month: &str) -> QueryResult<Option<Topic>> {
        topics::table.filter(topics::month.eq(month)).select(Topic::as_select()).first(conn).optional()
    }

    /// The current slug of a topic that was once at `old_slug`; of announced topics only, unless
    /// drafts are asked for (an old address must not reveal a draft's new one).
    pub fn slug_for_old(conn: &mut AnyConnection, old_slug: &str, include_drafts: bool) -> QueryResult<Option<String>> {
        let mut query = topic_slug_redirects::table
            .inner_join(topics::table)
            .filter(topic_slug_redirects::old_slug.eq(old_slug))
            .select(topics::slug)
            .into_boxed();
        if !include_drafts {
            query = query.filter(topics::announced.eq(true));
        }
        query.first(conn).optional()
    }

    /// All topics by month, oldest first; drafts only when asked for.
    pub fn all(conn: &mut AnyConnection, include_drafts: bool) -> QueryResult<Vec<Topic>> {
        let mut query = topics::table.order(topics::month.asc()).select(Topic::as_select()).into_boxed();
        if !include_drafts {
            query = query.filter(topics::announced.eq(true));
        }
        query.load(conn)
    }

    pub fn update(conn: &mut AnyConnection, id: i64, changes: &TopicChanges) -> QueryResult<usize> {
        diesel::update(topics::table.find(id)).set(changes).execute(conn)
    }

    /// Marks the topic's published content as changed at `now` (its feeds are rebuilt): the
    /// version goes up; the time moves forward, never back, even with two writers at once.
    pub fn content_changed(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        let sql = match conn {
            AnyConnection::Pg(_) => {
                "UPDATE topics SET content_version = content_version + 1, \
                 content_changed_at = GREATEST(content_changed_at, $1) WHERE id = $2"
            }
            AnyConnection::Sqlite(_) => {
                "UPDATE topics SET content_version = content_version + 1, \
                 content_changed_at = MAX(content_changed_at, ?) WHERE id = ?"
            }
        };
        diesel::sql_query(sql)
            .bind::<diesel::sql_types::Timestamp, _>(now)
            .bind::<diesel::sql_types::BigInt, _>(id)
            .execute(conn)
    }

    /// Every topic's version, by id: what feed caches compare.
    pub fn versions(conn: &mut AnyConnection) -> QueryResult<Vec<TopicVersion>> {
        topics::table
            .order(topics::id.asc())
            .select((topics::id, topics::slug, topics::announced, topics::content_version, topics::content_changed_at))
            .load(conn)
    }

    /// Remembers `old_slug` as an address of the topic, and forgets `new_slug` as a redirect
    /// (it is a live address now).
    pub fn record_rename(conn: &mut AnyConnection, id: i64, old_slug: &str, new_slug: &str) -> QueryResult<()> {
        diesel::delete(topic_slug_redirects::table.filter(topic_slug_redirects::old_slug.eq(new_slug)))
            .execute(conn)?;
        diesel::delete(topic_slug_redirects::table.filter(topic_slug_redirects::old_slug.eq(old_slug)))
            .execute(conn)?;
        diesel::insert_into(topic_slug_redirects::table)
            .values((topic_slug_redirects::old_slug.eq(old_slug), topic_slug_redirects::topic_id.eq(id)))
            .execute(conn)?;
        Ok(())
    }

    /// A live slug supersedes any redirect that used the same words.
    pub fn forget_redirect(conn: &mut AnyConnection, slug: &str) -> QueryResult<usize> {
        diesel::delete(topic_slug_redirects::table.filter(topic_slug_redirects::old_slug.eq(slug))).execute(conn)
    }

    pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(topics::table.find(id)).execute(conn)
    }
}
