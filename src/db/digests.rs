//! Queries on `digests`: one per topic, built once.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{deliveries, digests};
use super::states::{DeliveryStatus, DigestStatus};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = digests)]
pub struct Digest {
    pub id: i64,
    pub topic_id: i64,
    pub status: DigestStatus,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub recipients: i32,
    pub built_at: NaiveDateTime,
    pub queued_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = digests)]
pub struct NewDigest<'a> {
    pub topic_id: i64,
    pub status: DigestStatus,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub built_at: NaiveDateTime,
}

impl NewDigest<'_> {
    /// Inserts unless the topic has a digest already (another worker won); returns whether
    /// this call inserted it.
    pub fn insert_once(&self, conn: &mut AnyConnection) -> QueryResult<bool> {
        match diesel::insert_into(digests::table).values(self).execute(conn) {
            Ok(n) => Ok(n == 1),
            Err(e) if super::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Delivery counts of one digest by status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

impl Digest {
    pub fn for_topic(conn: &mut AnyConnection, topic_id: i64) -> QueryResult<Option<Digest>> {
        digests::table.filter(digests::topic_id.eq(topic_id)).select(Digest::as_select()).first(conn).optional()
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Digest>> {
        digests::table.find(id).select(Digest::as_select()).first(conn).optional()
    }

    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Digest>> {
        digests::table.order(digests::id.desc()).select(Digest::as_select()).load(conn)
    }

    /// Moves a digest to `queued`, from any state but `queued`/`sent`; false if it was not.
    pub fn mark_queued(conn: &mut AnyConnection, id: i64, recipients: i32, now: NaiveDateTime) -> QueryResult<bool> {
        let changed = diesel::update(
            digests::table.find(id).filter(digests::status.ne_all([DigestStatus::Queued, DigestStatus::Sent])),
        )
        .set((
            digests::status.eq(DigestStatus::Queued),
            digests::recipients.eq(recipients),
            digests::queued_at.eq(Some(now)),
        ))
        .execute(conn)?;
        Ok(changed == 1)
    }

    pub fn mark_sent(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(digests::table.find(id).filter(digests::status.eq(DigestStatus::Queued)))
            .set((digests::status.eq(DigestStatus::Sent), digests::completed_at.eq(Some(now))))
            .execute(conn)
    }

    pub fn progress(conn: &mut AnyConnection, id: i64) -> QueryResult<Progress> {
        Ok(Digest::progress_of(conn, &[id])?.remove(&id).unwrap_or_default())
    }

    /// The progress of several digests, in one query.
    pub fn progress_of(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<HashMap<i64, Progress>> {
        let rows: Vec<(Option<i64>, DeliveryStatus, i64)> = deliveries::table
            .filter(deliveries::digest_id.eq_any(ids))
            .group_by((deliveries::digest_id, deliveries::status))
            .select((deliveries::digest_id, deliveries::status, diesel::dsl::count_star()))
            .load(conn)?;
        let mut all: HashMap<i64, Progress> = HashMap::new();
        for (digest, status, n) in rows {
            let Some(digest) = digest else { continue };
            let p = all.entry(digest).or_default();
            match status {
                DeliveryStatus::Queued => p.queued = n,
                DeliveryStatus::Sending => p.sending = n,
                DeliveryStatus::Sent => p.sent = n,
                DeliveryStatus::Failed => p.failed = n,
            }
        }
        Ok(all)
    }

    /// Queued digests whose deliveries are all finished.
    pub fn queued(conn: &mut AnyConnection) -> QueryResult<Vec<Digest>> {
        Digest::with_status(conn, DigestStatus::Queued)
    }

    pub fn with_status(conn: &mut AnyConnection, status: DigestStatus) -> QueryResult<Vec<Digest>> {
        digests::table.filter(digests::status.eq(status)).select(Digest::as_select()).load(conn)
    }
}
