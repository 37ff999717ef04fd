//! Queries on `destinations` (where notifications go), `notifications` (their outbox) and
//! `notification_attempts` (the delivery log).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{destinations, notification_attempts, notifications};
use super::states::{AttemptOutcome, DestinationKind, EventKind, NotificationStatus};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = destinations)]
pub struct Destination {
    pub id: i64,
    pub kind: DestinationKind,
    pub label: String,
    pub url: String,
    /// Event names, comma-separated.
    pub events: String,
    /// The language of its messages.
    pub language: String,
    /// Days before a topic closes for the `topic.closing_soon` reminder.
    pub reminder_days: Option<i32>,
    /// The signing secret (`whsec_…`) of a generic webhook.
    pub secret: Option<String>,
    /// The secret before the last rotation, still signed with until `previous_secret_until`.
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<NaiveDateTime>,
    /// When deliveries started failing without a success since.
    pub failing_since: Option<NaiveDateTime>,
    pub paused_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = destinations)]
pub struct NewDestination<'a> {
    pub kind: DestinationKind,
    pub label: &'a str,
    pub url: &'a str,
    pub events: &'a str,
    pub language: &'a str,
    pub reminder_days: Option<i32>,
    pub secret: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The fields an organiser changes.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = destinations, treat_none_as_null = true)]
pub struct DestinationChanges<'a> {
    pub label: &'a str,
    pub url: &'a str,
    pub events: &'a str,
    pub language: &'a str,
    pub reminder_days: Option<i32>,
    pub updated_at: NaiveDateTime,
}

impl NewDestination<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<Destination> {
        diesel::insert_into(destinations::table).values(self).execute(conn)?;
        destinations::table.order(destinations::id.desc()).select(Destination::as_select()).first(conn)
    }
}

impl Destination {
    /// The events it receives.
    pub fn event_kinds(&self) -> Vec<EventKind> {
        self.events.split(',').filter_map(|e| EventKind::parse(e.trim()).ok()).collect()
    }

    pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Destination>> {
        destinations::table.order(destinations::id.asc()).select(Destination::as_select()).load(conn)
    }

    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Destination>> {
        destinations::table.find(id).select(Destination::as_select()).first(conn).optional()
    }

    pub fn update(conn: &mut AnyConnection, id: i64, changes: &DestinationChanges) -> QueryResult<usize> {
        diesel::update(destinations::table.find(id)).set(changes).execute(conn)
    }

    pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(notification_attempts::table.filter(notification_attempts::destination_id.eq(id)))
            .execute(conn)?;
        diesel::delete(notifications::table.filter(notifications::destination_id.eq(id))).execute(conn)?;
        diesel::delete(destinations::table.find(id)).execute(conn)
    }

    /// A new secret; the old one stays valid (and is signed with too) until `until`.
    pub fn rotate_secret(conn: &mut AnyConnection, id: i64, secret: &str, until: NaiveDateTime) -> QueryResult<usize> {
        let current: Option<String> = destinations::table.find(id).select(destinations::secret).first(conn)?;
        diesel::update(destinations::table.find(id))
            .set((
                destinations::previous_secret.eq(current),
                destinations::previous_secret_until.eq(Some(until)),
                destinations::secret.eq(Some(secret)),
                destinations::updated_at.eq(until),
            ))
            .execute(conn)
    }

    /// Pauses (or resumes, with `None`) deliveries to it.
    pub fn set_paused(conn: &mut AnyConnection, id: i64, at: Option<NaiveDateTime>) -> QueryResult<usize> {
        let failing = if at.is_none() { Some(None::<NaiveDateTime>) } else { None };
        let mut changed =
            diesel::update(destinations::table.find(id)).set(destinations::paused_at.eq(at)).execute(conn)?;
        if let Some(reset) = failing {
            changed += diesel::update(destinations::table.find(id))
                .set(destinations::failing_since.eq(reset))
                .execute(conn)?;
        }
        Ok(changed)
    }

    /// Records that a delivery failed at `at` (the first failure of a run is kept).
    pub fn record_failure(conn: &mut AnyConnection, id: i64, at: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(destinations::table.find(id).filter(destinations::failing_since.is_null()))
            .set(destinations::failing_since.eq(Some(at)))
            .execute(conn)
    }

    /// Records that a delivery succeeded: the failing run is over.
    pub fn record_success(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
        diesel::update(destinations::table.find(id).filter(destinations::failing_since.is_not_null()))
            .set(destinations::failing_since.eq(None::<NaiveDateTime>))
            .execute(conn)
    }

    /// Pauses the destinations that have been failing since before `cutoff`; returns them.
    pub fn pause_failing_since(
        conn: &mut AnyConnection,
        cutoff: NaiveDateTime,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<i64>> {
        let ids: Vec<i64> = destinations::table
            .filter(destinations::failing_since.lt(cutoff))
            .filter(destinations::paused_at.is_null())
            .select(destinations::id)
            .load(conn)?;
        if !ids.is_empty() {
            diesel::update(destinations::table.filter(destinations::id.eq_any(&ids)))
                .set(destinations::paused_at.eq(Some(now)))
                .execute(conn)?;
        }
        Ok(ids)
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: i64,
    pub destination_id: i64,
    pub event: EventKind,
    /// What makes an event the same event (e.g. the reminder of one topic): unique per destination.
    pub event_key: String,
    /// The webhook id (`webhook-id`): the same on every attempt.
    pub message_id: String,
    /// The event as JSON (the generic webhook's body).
    pub payload: String,
    pub status: NotificationStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claim: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// The HTTP request that caused it.
    pub request_id: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification<'a> {
    pub destination_id: i64,
    pub event: EventKind,
    pub event_key: &'a str,
    pub message_id: &'a str,
    pub payload: &'a str,
    pub status: NotificationStatus,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub request_id: Option<String>,
}

impl NewNotification<'_> {
    /// Queues it unless the destination has this event already; returns whether it was queued.
    pub fn insert_once(&self, conn: &mut AnyConnection) -> QueryResult<bool> {
        let exists = notifications::table
            .filter(notifications::destination_id.eq(self.destination_id))
            .filter(notifications::event_key.eq(self.event_key))
            .count()
            .get_result::<i64>(conn)?;
        if exists > 0 {
            return Ok(false);
        }
        diesel::insert_into(notifications::table).values(self).execute(conn).map(|n| n == 1)
    }
}

impl Notification {
    /// Claims up to `limit` due rows of destinations that are not paused, for `claim` until
    /// `lease_until`: queued rows whose time has come, and rows whose sender's lease ran out.
    pub fn claim_due(
        conn: &mut AnyConnection,
        claim: &str,
        now: NaiveDateTime,
        lease_until: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<Notification>> {
        let due = format!(
            "((status = '{queued}' AND next_attempt_at <= {{now}}) OR (status = '{sending}' AND lease_until < {{now}})) \
             AND destination_id IN (SELECT id FROM destinations WHERE paused_at IS NULL)",
            queued = NotificationStatus::Queued.as_str(),
            sending = NotificationStatus::Sending.as_str()
        );
        let queue = ("notifications", due.as_str(), NotificationStatus::Sending.as_str());
        super::leases::claim_due(conn, queue, claim, now, (lease_until, limit))?;
        notifications::table
            .filter(notifications::claim.eq(claim))
            .filter(notifications::status.eq(NotificationStatus::Sending))
            .order(notifications::id.asc())
            .select(Notification::as_select())
            .load(conn)
    }

    /// Finishes a claimed row (sent, or failed for good); only the holder of the claim may.
    pub fn finish(
        conn: &mut AnyConnection,
        id: i64,
        claim: &str,
        status: NotificationStatus,
        error: Option<&str>,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        let sent_at = (status == NotificationStatus::Sent).then_some(now);
        diesel::update(notifications::table.find(id).filter(notifications::claim.eq(claim)))
            .set((
                notifications::status.eq(status),
                notifications::sent_at.eq(sent_at),
                notifications::lease_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(error),
            ))
            .execute(conn)
    }

    /// Puts a claimed row back in the queue until `at`.
    pub fn retry_at(
        conn: &mut AnyConnection,
        id: i64,
        claim: &str,
        at: NaiveDateTime,
        error: &str,
    ) -> QueryResult<usize> {
        diesel::update(notifications::table.find(id).filter(notifications::claim.eq(claim)))
            .set((
                notifications::status.eq(NotificationStatus::Queued),
                notifications::next_attempt_at.eq(at),
                notifications::lease_until.eq(None::<NaiveDateTime>),
                notifications::last_error.eq(Some(error)),
            ))
            .execute(conn)
    }

    pub fn set_status(conn: &mut AnyConnection, id: i64, status: NotificationStatus) -> QueryResult<usize> {
        diesel::update(notifications::table.find(id)).set(notifications::status.eq(status)).execute(conn)
    }

    /// Every notification of a destination, newest first (tests and the delivery log).
    pub fn of_destination(conn: &mut AnyConnection, destination_id: i64, limit: i64) -> QueryResult<Vec<Notification>> {
        notifications::table
            .filter(notifications::destination_id.eq(destination_id))
            .order(notifications::id.desc())
            .limit(limit)
            .select(Notification::as_select())
            .load(conn)
    }

    /// How many are still to be delivered.
    pub fn outstanding(conn: &mut AnyConnection) -> QueryResult<i64> {
        notifications::table
            .filter(notifications::status.eq_any([NotificationStatus::Queued, NotificationStatus::Sending]))
            .count()
            .get_result(conn)
    }

    /// Forgets finished notifications (and their attempts) older than `cutoff`.
    pub fn forget_before(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
        let attempts =
            diesel::delete(notification_attempts::table.filter(notification_attempts::at.lt(cutoff))).execute(conn)?;
        let rows = diesel::delete(
            notifications::table
                .filter(notifications::created_at.lt(cutoff))
                .filter(notifications::status.eq_any([NotificationStatus::Sent, NotificationStatus::Failed])),
        )
        .execute(conn)?;
        Ok(attempts + rows)
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = notification_attempts)]
pub struct Attempt {
    #[diesel(skip_insertion)]
    pub id: i64,
    pub notification_id: i64,
    pub destination_id: i64,
    pub event: EventKind,
    pub at: NaiveDateTime,
    /// The receiver's status, when it answered.
    pub status_code: Option<i32>,
    pub outcome: AttemptOutcome,
    /// The first bytes of the answer (or the error), as text.
    pub response: String,
    pub duration_ms: i32,
}

impl Attempt {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<usize> {
        diesel::insert_into(notification_attempts::table).values(self).execute(conn)
    }

    /// A destination's log, newest first.
    pub fn of_destination(conn: &mut AnyConnection, destination_id: i64, limit: i64) -> QueryResult<Vec<Attempt>> {
        notification_attempts::table
            .filter(notification_attempts::destination_id.eq(destination_id))
            .order(notification_attempts::id.desc())
            .limit(limit)
            .select(Attempt::as_select())
            .load(conn)
    }
}
