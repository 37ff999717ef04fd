//! Queries on `authors`, the spellings that point at them and the addresses they left behind.
//! An author's public page and directory row count only published entries of announced topics:
//! someone whose only entry was declined has no page.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{author_redirects, author_spellings, authors, submissions, topics};
use super::states::SubmissionStatus;
use super::submissions::Submission;
use super::topics::{Topic, TopicName};
use super::AnyConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = authors)]
pub struct Author {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    pub profile: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What organisers change of an author; `None` leaves a field alone.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = authors)]
pub struct AuthorChanges<'a> {
    pub name: Option<&'a str>,
    pub bio: Option<&'a str>,
    pub website: Option<Option<&'a str>>,
    pub profile: Option<Option<&'a str>>,
    pub updated_at: Option<NaiveDateTime>,
}

/// A row of the directory: an author, how many entries they have published, on which topics
/// (slug, title), most recent first.
#[derive(Debug, Clone)]
pub struct Contributor {
    pub author: Author,
    pub entries: i64,
    pub topics: Vec<(String, String)>,
}

/// Whether an author has, or had, the address `slug`.
fn slug_in_use(conn: &mut AnyConnection, slug: &str) -> QueryResult<bool> {
    let author = authors::table.filter(authors::slug.eq(slug)).count().get_result::<i64>(conn)?;
    let old = author_redirects::table.find(slug).count().get_result::<i64>(conn)?;
    Ok(author + old > 0)
}

/// `base`, or `base-2`, `base-3`, … whichever no author uses or used.
pub fn free_slug(conn: &mut AnyConnection, base: &str) -> QueryResult<String> {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while slug_in_use(conn, &candidate)? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

impl Author {
    pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Author>> {
        authors::table.find(id).select(Author::as_select()).first(conn).optional()
    }

    pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> QueryResult<Option<Author>> {
        authors::table.filter(authors::slug.eq(slug)).select(Author::as_select()).first(conn).optional()
    }

    /// The current slug of an author once at `old_slug` (renamed, or merged into another).
    pub fn slug_for_old(conn: &mut AnyConnection, old_slug: &str) -> QueryResult<Option<String>> {
        author_redirects::table
            .inner_join(authors::table)
            .filter(author_redirects::old_slug.eq(old_slug))
            .select(authors::slug)
            .first(conn)
            .optional()
    }

    /// The author a spelling (see `domain::authors::spelling_key`) belongs to.
    pub fn by_spelling(conn: &mut AnyConnection, spelling: &str) -> QueryResult<Option<i64>> {
        author_spellings::table.find(spelling).select(author_spellings::author_id).first(conn).optional()
    }

    /// A new author named `name` at `slug` (free, see [`free_slug`]), known by `spelling`.
    pub fn create(
        conn: &mut AnyConnection,
        name: &str,
        slug: &str,
        spelling: &str,
        now: NaiveDateTime,
    ) -> QueryResult<i64> {
        diesel::insert_into(authors::table)
            .values((
                authors::slug.eq(slug),
                authors::name.eq(name),
                authors::bio.eq(""),
                authors::created_at.eq(now),
                authors::updated_at.eq(now),
            ))
            .execute(conn)?;
        let id = authors::table.filter(authors::slug.eq(slug)).select(authors::id).first(conn)?;
        diesel::insert_into(author_spellings::table)
            .values((author_spellings::spelling.eq(spelling), author_spellings::author_id.eq(id)))
            .execute(conn)?;
        Ok(id)
    }

    /// Points one entry at its author.
    pub fn attach(conn: &mut AnyConnection, submission_id: i64, author_id: i64) -> QueryResult<usize> {
        diesel::update(
            submissions::table
                .find(submission_id)
                .filter(submissions::author_id.ne(author_id).or(submissions::author_id.is_null())),
        )
        .set(submissions::author_id.eq(author_id))
        .execute(conn)
    }

    /// Entries no author has yet (id, name and link given) after the entry `after`, oldest
    /// first, at most `limit`.
    pub fn unattached(
        conn: &mut AnyConnection,
        after: i64,
        limit: i64,
    ) -> QueryResult<Vec<(i64, String, Option<String>)>> {
        submissions::table
            .filter(submissions::author_id.is_null())
            .filter(submissions::id.gt(after))
            .order(submissions::id.asc())
            .limit(limit)
            .select((submissions::id, submissions::author_name, submissions::author_link))
            .load(conn)
    }

    /// The entry has no author (its name was removed).
    pub fn detach(conn: &mut AnyConnection, submission_id: i64) -> QueryResult<usize> {
        diesel::update(submissions::table.find(submission_id).filter(submissions::author_id.is_not_null()))
            .set(submissions::author_id.eq(None::<i64>))
            .execute(conn)
    }

    /// Another spelling for an author, unless someone has it already.
    pub fn add_spelling(conn: &mut AnyConnection, id: i64, spelling: &str) -> QueryResult<bool> {
        if spelling.is_empty() || Author::by_spelling(conn, spelling)?.is_some() {
            return Ok(false);
        }
        diesel::insert_into(author_spellings::table)
            .values((author_spellings::spelling.eq(spelling), author_spellings::author_id.eq(id)))
            .execute(conn)?;
        Ok(true)
    }

    /// Whether an author has a published entry of an announced topic (a public page).
    pub fn is_public(conn: &mut AnyConnection, id: i64) -> QueryResult<bool> {
        Ok(!Author::published_entries(conn, id, 1)?.is_empty())
    }

    /// Sets an author's website to `link` when they have none.
    pub fn offer_website(conn: &mut AnyConnection, id: i64, link: &str) -> QueryResult<usize> {
        diesel::update(authors::table.find(id).filter(authors::website.is_null()))
            .set(authors::website.eq(link))
            .execute(conn)
    }

    pub fn update(conn: &mut AnyConnection, id: i64, changes: &AuthorChanges) -> QueryResult<usize> {
        diesel::update(authors::table.find(id)).set(changes).execute(conn)
    }

    /// Gives an author a new slug; the old one keeps answering with a redirect.
    pub fn change_slug(
        conn: &mut AnyConnection,
        author: &Author,
        new_slug: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::delete(author_redirects::table.find(new_slug)).execute(conn)?;
        diesel::update(authors::table.find(author.id))
            .set((authors::slug.eq(new_slug), authors::updated_at.eq(now)))
            .execute(conn)?;
        diesel::insert_into(author_redirects::table)
            .values((author_redirects::old_slug.eq(&author.slug), author_redirects::author_id.eq(author.id)))
            .execute(conn)?;
        Ok(())
    }

    /// An author's published entries of announced topics with their topics, newest first, at
    /// most `limit`.
    pub fn published_entries(conn: &mut AnyConnection, id: i64, limit: i64) -> QueryResult<Vec<(Submission, Topic)>> {
        submissions::table
            .inner_join(topics::table)
            .filter(submissions::author_id.eq(id))
            .filter(submissions::status.eq(SubmissionStatus::Approved))
            .filter(topics::announced.eq(true))
            .order((submissions::published_at.desc(), submissions::id.desc()))
            .limit(limit)
            .select((Submission::as_select(), Topic::as_select()))
            .load(conn)
    }

    /// Moves every entry, spelling and old address of `from` to `into`, then removes `from`,
    /// keeping its slug as an address of `into`. Returns how many entries moved.
    pub fn merge(conn: &mut AnyConnection, from: &Author, into: i64) -> QueryResult<usize> {
        let moved = diesel::update(submissions::table.filter(submissions::author_id.eq(from.id)))
            .set(submissions::author_id.eq(into))
            .execute(conn)?;
        diesel::update(author_spellings::table.filter(author_spellings::author_id.eq(from.id)))
            .set(author_spellings::author_id.eq(into))
            .execute(conn)?;
        diesel::update(author_redirects::table.filter(author_redirects::author_id.eq(from.id)))
            .set(author_redirects::author_id.eq(into))
            .execute(conn)?;
        diesel::delete(authors::table.find(from.id)).execute(conn)?;
        diesel::insert_into(author_redirects::table)
            .values((author_redirects::old_slug.eq(&from.slug), author_redirects::author_id.eq(into)))
            .execute(conn)?;
        Ok(moved)
    }

    /// The spellings an author is known by.
    pub fn spellings(conn: &mut AnyConnection, id: i64) -> QueryResult<Vec<String>> {
        author_spellings::table
            .filter(author_spellings::author_id.eq(id))
            .order(author_spellings::spelling.asc())
            .select(author_spellings::spelling)
            .load(conn)
    }

    /// A page of everyone with at least one published entry of an announced topic, the most
    /// prolific first (then by name): `limit` of them after the first `offset`, and how many
    /// there are in all. Everyone's count is one small row; topics and whole rows are read only
    /// for the page's authors.
    pub fn directory(conn: &mut AnyConnection, offset: usize, limit: usize) -> QueryResult<(Vec<Contributor>, usize)> {
        let published = || {
            submissions::table
                .inner_join(topics::table)
                .filter(submissions::status.eq(SubmissionStatus::Approved))
                .filter(topics::announced.eq(true))
                .filter(submissions::author_id.is_not_null())
        };
        let counts: HashMap<i64, i64> = published()
            .group_by(submissions::author_id)
            .select((submissions::author_id.assume_not_null(), diesel::dsl::count_star()))
            .load::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        // Every author's name, kept for those with published entries: one cached statement
        // rather than one naming thousands of ids.
        let mut ranked: Vec<(std::cmp::Reverse<i64>, String, i64)> = authors::table
            .select((authors::id, authors::name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .filter_map(|(id, name)| counts.get(&id).map(|n| (std::cmp::Reverse(*n), name, id)))
            .collect();
        ranked.sort_unstable();
        let total = ranked.len();
        let page: Vec<i64> = ranked.into_iter().skip(offset).take(limit).map(|(_, _, id)| id).collect();
        let rows: Vec<(i64, i64)> = published()
            .filter(submissions::author_id.eq_any(&page))
            .group_by((submissions::author_id, submissions::topic_id))
            .select((submissions::author_id.assume_not_null(), submissions::topic_id))
            .load(conn)?;
        let topic_ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let named: HashMap<i64, TopicName> = topics::table
            .filter(topics::id.eq_any(&topic_ids))
            .select(TopicName::as_select())
            .load::<TopicName>(conn)?
            .into_iter()
            .map(|topic| (topic.id, topic))
            .collect();
        let mut topics_of: HashMap<i64, Vec<TopicName>> = HashMap::new();
        for (author_id, topic_id) in rows {
            if let Some(topic) = named.get(&topic_id) {
                topics_of.entry(author_id).or_default().push(topic.clone());
            }
        }
        let mut found: HashMap<i64, Author> = authors::table
            .filter(authors::id.eq_any(&page))
            .select(Author::as_select())
            .load(conn)?
            .into_iter()
            .map(|a: Author| (a.id, a))
            .collect();
        let list = page
            .iter()
            .filter_map(|id| {
                let author = found.remove(id)?;
                let mut topics = topics_of.remove(id).unwrap_or_default();
                topics.sort_by(|a, b| b.month.cmp(&a.month));
                let topics = topics.into_iter().map(|t| (t.slug, t.title)).collect();
                Some(Contributor { author, entries: counts[id], topics })
            })
            .collect();
        Ok((list, total))
    }

    /// The slugs of the authors of `submissions`, by author id.
    pub fn slugs_of(conn: &mut AnyConnection, author_ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
        let rows: Vec<(i64, String)> =
            authors::table.filter(authors::id.eq_any(author_ids)).select((authors::id, authors::slug)).load(conn)?;
        Ok(rows.into_iter().collect())
    }

    /// Every author, by name (for organisers), at most `limit`.
    pub fn all(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<Author>> {
        authors::table.order(authors::name.asc()).limit(limit).select(Author::as_select()).load(conn)
    }
}
