//! Topics' titles and summaries in further languages, and digests' further editions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{digest_editions, topic_translations};
use super::AnyConnection;

/// A topic's title and summary in one language.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = topic_translations)]
pub struct TopicTranslation {
    pub id: i64,
    pub topic_id: i64,
    pub language: String,
    pub title: String,
    pub summary: String,
    pub updated_at: NaiveDateTime,
}

impl TopicTranslation {
    /// Every translation of the topics in `topic_ids` into `language`.
    pub fn for_topics(
        conn: &mut AnyConnection,
        topic_ids: &[i64],
        language: &str,
    ) -> QueryResult<Vec<TopicTranslation>> {
        topic_translations::table
            .filter(topic_translations::topic_id.eq_any(topic_ids))
            .filter(topic_translations::language.eq(language))
            .select(TopicTranslation::as_select())
            .load(conn)
    }

    /// Every translation of one topic, by language.
    pub fn of_topic(conn: &mut AnyConnection, topic_id: i64) -> QueryResult<Vec<TopicTranslation>> {
        topic_translations::table
            .filter(topic_translations::topic_id.eq(topic_id))
            .order(topic_translations::language.asc())
            .select(TopicTranslation::as_select())
            .load(conn)
    }

    /// Writes a topic's title and summary in `language`, replacing what was there.
    pub fn put(
        conn: &mut AnyConnection,
        topic_id: i64,
        language: &str,
        title: &str,
        summary: &str,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        let updated = diesel::update(
            topic_translations::table
                .filter(topic_translations::topic_id.eq(topic_id))
                .filter(topic_translations::language.eq(language)),
        )
        .set((
            topic_translations::title.eq(title),
            topic_translations::summary.eq(summary),
            topic_translations::updated_at.eq(now),
        ))
        .execute(conn)?;
        if updated > 0 {
            return Ok(updated);
        }
        diesel::insert_into(topic_translations::table)
            .values((
                topic_translations::topic_id.eq(topic_id),
                topic_translations::language.eq(language),
                topic_translations::title.eq(title),
                topic_translations::summary.eq(summary),
                topic_translations::updated_at.eq(now),
            ))
            .execute(conn)
    }

    /// Removes a topic's translation into `language`.
    pub fn delete(conn: &mut AnyConnection, topic_id: i64, language: &str) -> QueryResult<usize> {
        diesel::delete(
            topic_translations::table
                .filter(topic_translations::topic_id.eq(topic_id))
                .filter(topic_translations::language.eq(language)),
        )
        .execute(conn)
    }
}

/// A digest written in one further language.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = digest_editions)]
pub struct DigestEdition {
    pub id: i64,
    pub digest_id: i64,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub built_at: NaiveDateTime,
}

impl DigestEdition {
    pub fn find(conn: &mut AnyConnection, digest_id: i64, language: &str) -> QueryResult<Option<DigestEdition>> {
        digest_editions::table
            .filter(digest_editions::digest_id.eq(digest_id))
            .filter(digest_editions::language.eq(language))
            .select(DigestEdition::as_select())
            .first(conn)
            .optional()
    }

    /// Stores an edition once; a second build of the same language keeps the first.
    pub fn insert_once(
        conn: &mut AnyConnection,
        digest_id: i64,
        language: &str,
        subject: &str,
        body_text: &str,
        body_html: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        if Self::find(conn, digest_id, language)?.is_some() {
            return Ok(());
        }
        diesel::insert_into(digest_editions::table)
            .values((
                digest_editions::digest_id.eq(digest_id),
                digest_editions::language.eq(language),
                digest_editions::subject.eq(subject),
                digest_editions::body_text.eq(body_text),
                digest_editions::body_html.eq(body_html),
                digest_editions::built_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}
