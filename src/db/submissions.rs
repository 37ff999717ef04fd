//! Queries on `submissions` and `submission_events`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{organisers, submission_events, submissions, topics};
use super::states::{LinkState, SubmissionAction, SubmissionKind, SubmissionStatus};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct Submission {
    pub id: i64,
    pub public_id: String,
    pub topic_id: i64,
    pub kind: SubmissionKind,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub author_name: String,
    pub author_email: String,
    pub author_link: Option<String>,
    pub status: SubmissionStatus,
    pub decision_reason: Option<String>,
    pub reviewer_id: Option<i64>,
    pub edit_token_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    /// The organiser's note beside the member's summary.
    pub note: String,
    /// The language of the piece (a BCP 47 tag), empty for the club's own.
    pub language: String,
    pub highlighted: bool,
    /// Place in the organiser's order of the topic's entries (lower first); none: by date.
    pub position: Option<i32>,
    /// The organiser who added it for a member; none when the member submitted it.
    pub added_by: Option<i64>,
    /// The link's canonical form, which the duplicate check compares.
    pub canonical_url: String,
    /// The key of its stored thumbnail.
    pub thumbnail: Option<String>,
    pub link_state: LinkState,
    /// 404/410 answers in a row.
    pub link_failures: i32,
    pub link_checked_at: Option<NaiveDateTime>,
    /// The language the member read the site in: their mail is written in it ('' for the club's).
    pub mail_language: String,
    /// The person behind it, whatever spelling they gave (see `authors`).
    pub author_id: Option<i64>,
}

/// A submission as a list beside another names it (the moderation queue's "the author's other
/// submissions"): reading whole rows there cost a third of the queue's CPU.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct Brief {
    pub id: i64,
    pub author_email: String,
    pub title: String,
    pub topic_id: i64,
    pub status: SubmissionStatus,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = submissions)]
pub struct NewSubmission<'a> {
    pub public_id: &'a str,
    pub topic_id: i64,
    pub kind: SubmissionKind,
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub author_name: &'a str,
    pub author_email: &'a str,
    pub author_link: Option<&'a str>,
    pub status: SubmissionStatus,
    pub edit_token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub note: &'a str,
    pub language: &'a str,
    pub added_by: Option<i64>,
    pub canonical_url: &'a str,
    pub thumbnail: Option<&'a str>,
    pub mail_language: &'a str,
}

/// The member-editable fields.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = submissions)]
pub struct ContentChanges<'a> {
    pub kind: SubmissionKind,
    pub title: &'a str,
    pub url: &'a str,
    pub canonical_url: &'a str,
    pub summary: &'a str,
    pub language: &'a str,
    pub author_name: &'a str,
    pub author_link: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

/// Every field an organiser may change, written together.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = submissions, treat_none_as_null = true)]
pub struct OrganiserChanges<'a> {
    pub topic_id: i64,
    pub kind: SubmissionKind,
    pub title: &'a str,
    pub url: &'a str,
    pub canonical_url: &'a str,
    pub summary: &'a str,
    pub author_name: &'a str,
    pub author_email: &'a str,
    pub author_link: Option<&'a str>,
    pub note: &'a str,
    pub language: &'a str,
    pub status: SubmissionStatus,
    pub published_at: Option<NaiveDateTime>,
    pub highlighted: bool,
    pub position: Option<i32>,
    pub updated_at: NaiveDateTime,
}

/// An entry's link as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct StoredLink {
    pub id: i64,
    pub topic_id: i64,
    pub public_id: String,
    pub url: String,
    pub canonical_url: String,
}

/// A recorded step in a submission's life, with the organiser's name when one took it.
#[derive(Debug, Clone, Queryable)]
pub struct SubmissionEvent {
    pub submission_id: i64,
    pub action: SubmissionAction,
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

/// Filters for lists of submissions. Lists are newest first and always bounded: `limit` rows
/// at most, after the row `before` (a submission id) when given.
#[derive(Debug, Clone)]
pub struct SubmissionFilter {
    pub topic_id: Option<i64>,
    pub status: Option<SubmissionStatus>,
    pub before: Option<i64>,
    pub limit: i64,
}

impl Default for SubmissionFilter {
    fn default() -> Self {
        SubmissionFilter { topic_id: None, status: None, before: None, limit: 100 }
    }
}

impl Submission {
    pub fn by_public_id(conn: &mut AnyConnection, public_id: &str) -> QueryResult<Option<Submission>> {
        submissions::table
            .filter(submissions::public_id.eq(public_id))
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    /// Several submissions by public id, in one query.
    pub fn by_public_ids(conn: &mut AnyConnection, public_ids: &[String]) -> QueryResult<Vec<Submission>> {
        submissions::table.filter(submissions::public_id.eq_any(public_ids)).select(Submission::as_select()).load(conn)
    }

    /// The entry of a topic with this link, as given or in its canonical form.
    pub fn by_topic_and_url(conn: &mut AnyConnection, topic_id: i64, url: &str) -> QueryResult<Option<Submission>> {
        submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::url.eq(url).or(submissions::canonical_url.eq(url)))
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    /// Submissions matching the filter, newest first (by id: ids grow with time).
    pub fn list(conn: &mut AnyConnection, filter: &SubmissionFilter) -> QueryResult<Vec<Submission>> {
        let mut query = submissions::table.select(Submission::as_select()).into_boxed();
        if let Some(topic) = filter.topic_id {
            query = query.filter(submissions::topic_id.eq(topic));
        }
        if let Some(status) = filter.status {
            query = query.filter(submissions::status.eq(status));
        }
        if let Some(before) = filter.before {
            query = query.filter(submissions::id.lt(before));
        }
        query.order(submissions::id.desc()).limit(filter.limit).load(conn)
    }

    /// Up to `per_author` newest submissions of each of these author addresses, in one query,
    /// as a list beside another names them.
    pub fn by_authors(conn: &mut AnyConnection, emails: &[String], per_author: usize) -> QueryResult<Vec<Brief>> {
        let rows: Vec<Brief> = submissions::table
            .filter(submissions::author_email.eq_any(emails))
            .order(submissions::id.desc())
            .select(Brief::as_select())
            .load(conn)?;
        let mut seen = std::collections::HashMap::<&str, usize>::new();
        let keep: Vec<bool> = rows
            .iter()
            .map(|s| {
                let n = seen.entry(s.author_email.as_str()).or_default();
                *n += 1;
                *n <= per_author
            })
            .collect();
        Ok(rows.into_iter().zip(keep).filter_map(|(s, k)| k.then_some(s)).collect())
    }

    /// The newest approved submissions of announced topics, with their topic's slug and title.
    pub fn newest_published(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<(Submission, String, String)>> {
        submissions::table
            .inner_join(topics::table)
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .filter(topics::announced.eq(true))
            .order((submissions::published_at.desc(), submissions::id.desc()))
            .limit(limit)
            .select((Submission::as_select(), topics::slug, topics::title))
            .load(conn)
    }

    /// A topic's approved submissions in the organiser's order: highlighted ones first, then by
    /// hand-set position, then newest publication first.
    pub fn published_for_topic(
        conn: &mut AnyConnection,
        topic_id: i64,
        kind: Option<SubmissionKind>,
    ) -> QueryResult<Vec<Submission>> {
        let mut query = submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .select(Submission::as_select())
            .into_boxed();
        if let Some(kind) = kind {
            query = query.filter(submissions::kind.eq(kind));
        }
        query
            .order((
                submissions::highlighted.desc(),
                submissions::position.is_null(),
                submissions::position.asc(),
                submissions::published_at.desc(),
                submissions::id.desc(),
            ))
            .load(conn)
    }

    /// Every entry of a topic an organiser works with (all but unconfirmed ones), in the same
    /// order as the archive, the others after the approved ones.
    pub fn curated_for_topic(conn: &mut AnyConnection, topic_id: i64, limit: i64) -> QueryResult<Vec<Submission>> {
        submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::status.ne(SubmissionStatus::Unconfirmed))
            .order((
                submissions::status.ne(SubmissionStatus::Approved),
                submissions::highlighted.desc(),
                submissions::position.is_null(),
                submissions::position.asc(),
                submissions::published_at.desc(),
                submissions::id.desc(),
            ))
            .limit(limit)
            .select(Submission::as_select())
            .load(conn)
    }

    /// The submissions of a topic with these links (as given or canonical), in one query.
    pub fn by_topic_and_urls(conn: &mut AnyConnection, topic_id: i64, urls: &[String]) -> QueryResult<Vec<Submission>> {
        // Two lookups, each along its own index: with `OR` between the columns SQLite walks
        // every entry of the topic, and the duplicate check runs on every submission.
        let mut found: Vec<Submission> = submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::url.eq_any(urls))
            .select(Submission::as_select())
            .load(conn)?;
        let by_canonical: Vec<Submission> = submissions::table
            .filter(submissions::topic_id.eq(topic_id))
            .filter(submissions::canonical_url.eq_any(urls))
            .select(Submission::as_select())
            .load(conn)?;
        for row in by_canonical {
            if !found.iter().any(|f| f.id == row.id) {
                found.push(row);
            }
        }
        Ok(found)
    }

    /// Writes an organiser's edit.
    pub fn update_by_organiser(conn: &mut AnyConnection, id: i64, changes: &OrganiserChanges) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id)).set(changes).execute(conn)
    }

    /// Sets the highlight and hand-made position of a topic's entries; entries of the topic
    /// not named lose theirs.
    pub fn set_order(
        conn: &mut AnyConnection,
        topic_id: i64,
        order: &[(i64, Option<i32>, bool)],
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(submissions::table.filter(submissions::topic_id.eq(topic_id)))
            .set((submissions::position.eq(None::<i32>), submissions::highlighted.eq(false)))
            .execute(conn)?;
        let mut changed = 0;
        for (id, position, highlighted) in order {
            changed += diesel::update(submissions::table.find(id).filter(submissions::topic_id.eq(topic_id)))
                .set((
                    submissions::position.eq(position),
                    submissions::highlighted.eq(highlighted),
                    submissions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(changed)
    }

    pub fn count_for_topic(
        conn: &mut AnyConnection,
        topic_id: i64,
        status: Option<SubmissionStatus>,
    ) -> QueryResult<i64> {
        let mut query = submissions::table.filter(submissions::topic_id.eq(topic_id)).into_boxed();
        if let Some(status) = status {
            query = query.filter(submissions::status.eq(status));
        }
        query.count().get_result(conn)
    }

    /// Approved submissions per topic id.
    pub fn published_counts(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, i64)>> {
        submissions::table
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .group_by(submissions::topic_id)
            .select((submissions::topic_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Moves a submission from one status to another; returns false when it was not in `from`.
    pub fn transition(
        conn: &mut AnyConnection,
        id: i64,
        from: &[SubmissionStatus],
        to: SubmissionStatus,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
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
        status: SubmissionStatus,
        reason: Option<&str>,
        reviewer: i64,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let published = (status == SubmissionStatus::Approved).then_some(now);
        let changed =
            diesel::update(submissions::table.find(id).filter(submissions::status.eq(SubmissionStatus::Pending)))
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
            .filter(submissions::status.eq(SubmissionStatus::Unconfirmed))
            .filter(submissions::created_at.lt(cutoff))
            .select(submissions::id)
            .load(conn)
    }

    /// How many unconfirmed submissions were created before `cutoff`.
    pub fn count_unconfirmed_before(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> QueryResult<i64> {
        submissions::table
            .filter(submissions::status.eq(SubmissionStatus::Unconfirmed))
            .filter(submissions::created_at.lt(cutoff))
            .count()
            .get_result(conn)
    }

    pub fn delete(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<usize> {
        diesel::delete(submissions::table.filter(submissions::id.eq_any(ids))).execute(conn)
    }

    /// Confirmed submissions (pending, approved, rejected) of these topics, per topic and kind:
    /// (topic id, kind, count).
    pub fn counts_by_topic_and_kind(
        conn: &mut AnyConnection,
        topic_ids: &[i64],
    ) -> QueryResult<Vec<(i64, SubmissionKind, i64)>> {
        submissions::table
            .filter(submissions::topic_id.eq_any(topic_ids))
            .filter(submissions::status.eq_any([
                SubmissionStatus::Pending,
                SubmissionStatus::Approved,
                SubmissionStatus::Rejected,
            ]))
            .group_by((submissions::topic_id, submissions::kind))
            .select((submissions::topic_id, submissions::kind, diesel::dsl::count_star()))
            .load(conn)
    }

    pub fn count_by_status(conn: &mut AnyConnection) -> QueryResult<Vec<(SubmissionStatus, i64)>> {
        submissions::table
            .group_by(submissions::status)
            .select((submissions::status, diesel::dsl::count_star()))
            .load(conn)
    }
}

impl Submission {
    /// Published entries whose links are due for a check (never checked, or last checked before
    /// `before`), the longest unchecked first.
    pub fn links_due(conn: &mut AnyConnection, before: NaiveDateTime, limit: i64) -> QueryResult<Vec<Submission>> {
        submissions::table
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .filter(submissions::link_checked_at.is_null().or(submissions::link_checked_at.lt(before)))
            .order((
                submissions::link_checked_at.is_not_null(),
                submissions::link_checked_at.asc(),
                submissions::id.asc(),
            ))
            .limit(limit)
            .select(Submission::as_select())
            .load(conn)
    }

    /// Records a link check's outcome.
    pub fn record_link_check(
        conn: &mut AnyConnection,
        id: i64,
        state: LinkState,
        failures: i32,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::link_state.eq(state),
                submissions::link_failures.eq(failures),
                submissions::link_checked_at.eq(Some(at)),
            ))
            .execute(conn)
    }

    /// Published entries whose links are broken, newest first.
    pub fn broken_links(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<Submission>> {
        submissions::table
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .filter(submissions::link_state.eq(LinkState::Broken))
            .order(submissions::id.desc())
            .limit(limit)
            .select(Submission::as_select())
            .load(conn)
    }

    /// Every entry's link and canonical form (for re-canonicalising).
    pub fn all_links(conn: &mut AnyConnection) -> QueryResult<Vec<StoredLink>> {
        submissions::table.order(submissions::id.asc()).select(StoredLink::as_select()).load(conn)
    }

    pub fn set_canonical(conn: &mut AnyConnection, id: i64, canonical: &str) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id)).set(submissions::canonical_url.eq(canonical)).execute(conn)
    }

    /// A new link (a replacement for a dead one): its canonical form and thumbnail with it, and
    /// the checks start over.
    pub fn replace_link(
        conn: &mut AnyConnection,
        id: i64,
        url: &str,
        canonical: &str,
        thumbnail: Option<&str>,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::url.eq(url),
                submissions::canonical_url.eq(canonical),
                submissions::thumbnail.eq(thumbnail),
                submissions::link_state.eq(LinkState::Unchecked),
                submissions::link_failures.eq(0),
                submissions::link_checked_at.eq(None::<NaiveDateTime>),
                submissions::updated_at.eq(now),
            ))
            .execute(conn)
    }

    pub fn set_thumbnail(conn: &mut AnyConnection, id: i64, thumbnail: Option<&str>) -> QueryResult<usize> {
        diesel::update(submissions::table.find(id)).set(submissions::thumbnail.eq(thumbnail)).execute(conn)
    }
}

pub fn record_event(
    conn: &mut AnyConnection,
    submission_id: i64,
    action: SubmissionAction,
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

/// The histories of several submissions, oldest step first, in one query.
pub fn events_for(conn: &mut AnyConnection, submission_ids: &[i64]) -> QueryResult<Vec<SubmissionEvent>> {
    submission_events::table
        .left_join(organisers::table)
        .filter(submission_events::submission_id.eq_any(submission_ids))
        .order(submission_events::id.asc())
        .select((
            submission_events::submission_id,
            submission_events::action,
            submission_events::reason,
            submission_events::created_at,
            organisers::display_name.nullable(),
        ))
        .load(conn)
}

/// The entries `ids` with their topics, in the order of `ids`.
pub fn with_topics(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<(Submission, super::topics::Topic)>> {
    let mut found: Vec<(Submission, super::topics::Topic)> = submissions::table
        .inner_join(topics::table)
        .filter(submissions::id.eq_any(ids))
        .select((Submission::as_select(), super::topics::Topic::as_select()))
        .load(conn)?;
    found.sort_by_key(|(s, _)| ids.iter().position(|id| *id == s.id));
    Ok(found)
}
