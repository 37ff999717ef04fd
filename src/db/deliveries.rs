//! Queries on `deliveries`, the outbox. A row is claimed under a lease before it is sent, so a
//! crashed sender's rows go out again once the lease runs out, and several workers never take
//! the same row at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::deliveries;
use super::states::{DeliveryKind, DeliveryStatus};
use super::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = deliveries)]
pub struct Delivery {
    pub id: i64,
    pub kind: DeliveryKind,
    pub digest_id: Option<i64>,
    pub subscriber_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub message_id: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub claim: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// The HTTP request that caused it.
    pub request_id: Option<String>,
    /// The language it is written in ('' for the club's); a digest's edition.
    pub language: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = deliveries)]
pub struct NewDelivery<'a> {
    pub kind: DeliveryKind,
    pub digest_id: Option<i64>,
    pub subscriber_id: Option<i64>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: Option<&'a str>,
    pub message_id: &'a str,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub request_id: Option<String>,
    pub language: &'a str,
}

impl NewDelivery<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::insert_into(deliveries::table).values(self).execute(conn)
    }

    /// Inserts many rows: a few hundred per statement on PostgreSQL, one by one on SQLite.
    pub fn insert_all(conn: &mut AnyConnection, rows: &[NewDelivery<'_>]) -> QueryResult<usize> {
        let mut inserted = 0;
        match conn {
            AnyConnection::Pg(c) => {
                for chunk in rows.chunks(500) {
                    inserted += diesel::insert_into(deliveries::table).values(chunk).execute(c)?;
                }
            }
            // SQLite has no multi-row insert with defaults in diesel; row by row inside the
            // caller's transaction is fast there (no round trips).
            AnyConnection::Sqlite(c) => {
                for row in rows {
                    inserted += diesel::insert_into(deliveries::table).values(row).execute(c)?;
                }
            }
        }
        Ok(inserted)
    }
}

impl Delivery {
    /// Claims up to `limit` due rows for `claim` until `lease_until`: queued rows whose time has
    /// come, and rows in `sending` whose lease ran out (their sender died). Returns them.
    pub fn claim_due(
        conn: &mut AnyConnection,
        claim: &str,
        now: NaiveDateTime,
        lease_until: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<Delivery>> {
        let due = format!(
            "(status = '{queued}' AND next_attempt_at <= {{now}}) OR (status = '{sending}' AND lease_until < {{now}})",
            queued = DeliveryStatus::Queued.as_str(),
            sending = DeliveryStatus::Sending.as_str()
        );
        let queue = ("deliveries", due.as_str(), DeliveryStatus::Sending.as_str());
        super::leases::claim_due(conn, queue, claim, now, (lease_until, limit))?;
        deliveries::table
            .filter(deliveries::claim.eq(claim))
            .filter(deliveries::status.eq(DeliveryStatus::Sending))
            .order(deliveries::id.asc())
            .select(Delivery::as_select())
            .load(conn)
    }

    /// Marks a claimed row sent; only the holder of the claim may.
    pub fn mark_sent(conn: &mut AnyConnection, id: i64, claim: &str, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(deliveries::table.find(id).filter(deliveries::claim.eq(claim)))
            .set((
                deliveries::status.eq(DeliveryStatus::Sent),
                deliveries::sent_at.eq(now),
                deliveries::lease_until.eq(None::<NaiveDateTime>),
                deliveries::last_error.eq(None::<String>),
            ))
            .execute(conn)
    }

    /// Puts a claimed row back in the queue for a later attempt.
    pub fn retry_later(
        conn: &mut AnyConnection,
        id: i64,
        claim: &str,
        at: NaiveDateTime,
        error: &str,
    ) -> QueryResult<usize> {
        diesel::update(deliveries::table.find(id).filter(deliveries::claim.eq(claim)))
            .set((
                deliveries::status.eq(DeliveryStatus::Queued),
                deliveries::next_attempt_at.eq(at),
                deliveries::lease_until.eq(None::<NaiveDateTime>),
                deliveries::last_error.eq(Some(error)),
            ))
            .execute(conn)
    }

    /// Gives up on a claimed row.
    pub fn mark_failed(conn: &mut AnyConnection, id: i64, claim: &str, error: &str) -> QueryResult<usize> {
        diesel::update(deliveries::table.find(id).filter(deliveries::claim.eq(claim)))
            .set((
                deliveries::status.eq(DeliveryStatus::Failed),
                deliveries::lease_until.eq(None::<NaiveDateTime>),
                deliveries::last_error.eq(Some(error)),
            ))
            .execute(conn)
    }

    /// Rows of one digest not yet finished.
    pub fn outstanding_for_digest(conn: &mut AnyConnection, digest_id: i64) -> QueryResult<i64> {
        deliveries::table
            .filter(deliveries::digest_id.eq(digest_id))
            .filter(deliveries::status.eq_any([DeliveryStatus::Queued, DeliveryStatus::Sending]))
            .count()
            .get_result(conn)
    }

    /// The recipient and subscriber of the message sent under `message_id` (with its `<>`).
    pub fn recipient_of(conn: &mut AnyConnection, message_id: &str) -> QueryResult<Option<(String, Option<i64>)>> {
        deliveries::table
            .filter(deliveries::message_id.eq(message_id))
            .select((deliveries::recipient, deliveries::subscriber_id))
            .first(conn)
            .optional()
    }

    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Delivery>> {
        deliveries::table.order(deliveries::id.asc()).select(Delivery::as_select()).load(conn)
    }

    /// Rows not yet finished (queued or being sent).
    pub fn outstanding(conn: &mut AnyConnection) -> QueryResult<i64> {
        deliveries::table
            .filter(deliveries::status.eq_any([DeliveryStatus::Queued, DeliveryStatus::Sending]))
            .count()
            .get_result(conn)
    }

    pub fn count_by_status(conn: &mut AnyConnection) -> QueryResult<Vec<(DeliveryStatus, i64)>> {
        deliveries::table
            .group_by(deliveries::status)
            .select((deliveries::status, diesel::dsl::count_star()))
            .load(conn)
    }
}
