//! Queries on `submissions` and `submission_events`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{organisers, submission_events, submissions, topics};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct Submission {
    pub id: i64,
    pub public_id: String,
    pub topic_id: i64,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
    pub status: String,
    pub decision_reason: Option<String>,
    pub reviewer_id: Option<i64>,
    pub edit_token_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = submissions)]
pub struct NewSubmission<'a> {
    pub public_id: &'a str,
    pub topic_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub author_name: &'a str,
    pub author_email: &'a str,
    pub author_link: Option<&'a str>,
    pub status: &'a str,
    pub edit_token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The member-editable fields.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = submissions)]
pub struct ContentChanges<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub author_name: &'a str,
    pub author_link: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

/// A recorded step in a submission's life.
#[derive(Debug, Clone, Queryable)]
pub struct SubmissionEvent {
    pub action: String,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub organiser_name: Option<String>,
}

impl NewSubmission<'_> {
    pub fn insert(&self, conn: &mut AnyConnection) -> QueryResult<Submission> {
        diesel::insert_into(submissions::table).values(self).execute(conn)?;
        Submission::by_public_id(conn, self.public_id)?.ok_or(diesel::result::Error::NotFound)
    }
}

/// Filters for lists of submissions.
#[derive(Debug, Default, Clone)]
pub struct SubmissionFilter {
    pub topic_id: Option<i64>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub author_email: Option<String>,
    pub limit: Option<i64>,
}

impl Submission {
    pub fn by_public_id(conn: &mut AnyConnection, public_id: &str) -> QueryResult<Option<Submission>> {
        submissions::table
            .filter(submissions::public_id.eq(public_id))
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_topic_and_url(conn: &mut AnyConnection, topic_id: i64, url: &str) -> QueryResult<Option<Submission>> {
        submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::url.eq(url))
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    /// Submissions matching the filter, newest first.
    pub fn list(conn: &mut AnyConnection, filter: &SubmissionFilter) -> QueryResult<Vec<Submission>> {
        let mut query = submissions::table.select(Submission::as_select()).into_boxed();
        if let Some(topic) = filter.topic_id {
            query = query.filter(submissions::topic_id.eq(topic));
        }
        if let Some(status) = &filter.status {
            query = query.filter(submissions::status.eq(status.clone()));
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(submissions::kind.eq(kind.clone()));
        }
        if let Some(email) = &filter.author_email {
            query = query.filter(submissions::author_email.eq(email.clone()));
        }
        query = query.order((submissions::created_at.desc(), submissions::id.desc()));
        if let Some(limit) = filter.limit {
            query = query.limit(limit);
        }
        query.load(conn)
    }

    /// The newest approved submissions of announced topics, with their topic's slug and title.
    pub fn newest_published(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<(Submission, String, String)>> {
        submissions::table
            .inner_join(topics::table)
            .filter(submissions::status.eq("approved"))
            .filter(topics::announced.eq(true))
            .order((submissions::published_at.desc(), submissions::id.desc()))
            .limit(limit)
            .select((Submission::as_select(), topics::slug, topics::title))
            .load(conn)
    }

    /// A topic's approved submissions, newest publication first.
    pub fn published_for_topic(
        conn: &mut AnyConnection,
        topic_id: i64,
        kind: Option<&str>,
    ) -> QueryResult<Vec<Submission>> {
        let mut query = submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::status.eq("approved"))
            .select(Submission::as_select())
            .into_boxed();
        if let Some(kind) = kind {
            query = query.filter(submissions::kind.eq(kind.to_owned()));
        }
        query.order((submissions::published_at.desc(), submissions::id.desc())).load(conn)
    }

    pub fn count_for_topic(conn: &mut AnyConnection, topic_id: i64, status: Option<&str>) -> QueryResult<i64> {
        let mut query = submissions::table.filter(submissions::topic_id.eq(topic_id)).into_boxed();
        if let Some(status) = status {
            query = query.filter(submissions::status.eq(status.to_owned()));
        }
        query.count().get_result(conn)
    }

    /// Approved submissions per topic id.
    pub fn published_counts(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, i64)>> {
        submissions::table
            .filter(submissions::status.eq("approved"))
            .group_by(submissions::topic_id)
            .select((submissions::topic_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Moves a submission from one status to another; returns false when it was not in `from`.
    pub fn transition(
        conn: &mut AnyConnection,
        id: i64,
        from: &[&str],
        to: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let from: Vec<String> = from.iter().map(|s| (*s).to_owned()).collect();
        let changed = diesel::update(submissions::table.find(id).filter(submissions::status.eq_any(from)))
            .set((submissions::status.eq(to), submissions::updated_at.eq(now)))
            .execute(conn)?;
        Ok(changed == 1)
    }

    /// Sets a submission's confirmation, decision and publication times at once (demo data).
    pub fn mark_published(conn: &mut AnyConnection, id: i64, at: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::confirmed_at.eq(Some(at)),
                submissions::decided_at.eq(Some(at)),
                submissions::published_at.eq(Some(at)),
            ))
            .execute(conn)
    }

    pub fn mark_confirmed(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id)).set(submissions::confirmed_at.eq(now)).execute(conn)
    }

    /// Records a moderation decision on a pending submission; false when it was not pending.
    pub fn decide(
        conn: &mut AnyConnection,
        id: i64,
        status: &str,
        reason: Option<&str>,
        reviewer: i64,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let published = (status == "approved").then_some(now);
        let changed = diesel::update(submissions::table.find(id).filter(submissions::status.eq("pending")))
            .set((
                submissions::status.eq(status),
                submissions::decision_reason.eq(reason),
                submissions::reviewer_id.eq(reviewer),
                submissions::decided_at.eq(now),
                submissions::published_at.eq(published),
                submissions::updated_at.eq(now),
            ))
            .execute(conn)?;
        Ok(changed == 1)
    }

    pub fn update_content(conn: &mut AnyConnection, id: i64, changes: &ContentChanges) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id)).set(changes).execute(conn)
    }

    /// Unconfirmed submissions created before `cutoff`.
    pub fn unconfirmed_before(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<Vec<i64>> {
        submissions::table
            .filter(submissions::status.eq("unconfirmed"))
            .filter(submissions::created_at.lt(cutoff))
            .select(submissions::id)
            .load(conn)
    }

    pub fn delete(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<usize> {
        diesel::delete(submissions::table.filter(submissions::id.eq_any(ids))).execute(conn)
    }

    /// Confirmed submissions (pending, approved, rejected) per topic and kind.
    pub fn counts_by_topic_and_kind(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, String, i64)>> {
        submissions::table
            .filter(submissions::status.eq_any(["pending", "approved", "rejected"]))
            .group_by((submissions::topic_id, submissions::kind))
            .select((submissions::topic_id, submissions::kind, diesel::dsl::count_star()))
            .load(conn)
    }

    pub fn count_by_status(conn: &mut AnyConnection) -> QueryResult<Vec<(String, i64)>> {
        submissions::table
            .group_by(submissions::status)
            .select((submissions::status, diesel::dsl::count_star()))
            .load(conn)
    }

    /// (topic slug, topic title) of a submission's topic.
    pub fn topic_of(conn: &mut AnyConnection, topic_id: i64) -> QueryResult<(String, String)> {
        topics::table.find(topic_id).select((topics::slug, topics::title)).first(conn)
    }
}

pub fn record_event(
    conn: &mut AnyConnection,
    submission_id: i64,
    action: &str,
    organiser_id: Option<i64>,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(submission_events::table)
        .values((
            submission_events::submission_id.eq(submission_id),
            submission_events::action.eq(action),
            submission_events::organiser_id.eq(organiser_id),
            submission_events::reason.eq(reason),
            submission_events::created_at.eq(now),
        ))
        .execute(conn)
}

pub fn events_for(conn: &mut AnyConnection, submission_id: i64) -> QueryResult<Vec<SubmissionEvent>> {
    submission_events::table
        .left_join(organisers::table)
        .filter(submission_events::submission_id.eq(submission_id))
        .order(submission_events::id.asc())
        .select((
            submission_events::action,
            submission_events::reason,
            submission_events::created_at,
            organisers::display_name.nullable(),
        ))
        .load(conn)
}
