//! Full-text search over published entries of announced topics, one query per engine over the
//! index the triggers of migration 000016 keep:
//!
//! - SQLite: FTS5 with the trigram tokenizer. Fragments of three characters or more go to
//!   `MATCH`; shorter ones (a two-character Chinese word) are matched with `LIKE`. The index
//!   keeps each entry under its id negated (`rowid = -id`), so that its own order, which FTS5
//!   reads fastest, is newest first.
//! - PostgreSQL: English words through a `tsvector` with English stemming; anything else
//!   (Chinese, Japanese, words with digits or symbols) with `ILIKE`, served by the `pg_trgm` GIN
//!   index.
//!
//! Every term must match. The newest matches (as many as the ranked window holds) are ranked by
//! where the terms occur (title first), the same way on both engines; ties go to the most
//! recently published.

use chrono::NaiveDateTime;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::Sqlite;

use super::schema::{authors, submissions, topics};
use super::states::SubmissionKind;
use super::AnyConnection;

/// One thing the results must contain (see `domain::search::parse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As typed, in lowercase (a phrase with its spaces).
    pub text: String,
    /// What the index looks for: `text`, English plurals cut back to the stem.
    pub fragment: String,
    pub phrase: bool,
}

/// What to look for and where.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter<'a> {
    pub terms: &'a [Term],
    /// A topic's slug.
    pub topic: Option<&'a str>,
    pub kind: Option<SubmissionKind>,
    /// Entries in any of these languages (tags; "" is the club's); none: any.
    pub languages: &'a [String],
    /// Entries of topics of this year.
    pub year: Option<i32>,
    /// An author's slug.
    pub author: Option<&'a str>,
    /// Newest first instead of best first (for a feed of a search).
    pub newest_first: bool,
    /// The ranked window: how many matches, the newest first, are ranked at most
    /// (`search.ranked_window`). Ranking every match of a word that is in most of the archive
    /// costs a pass over all of them (on SQLite, bm25's statistics alone do); ranking the newest
    /// this many keeps the cost of a search bounded whatever the size of the archive. A search
    /// with more matches says so, and its pages reach as far as the window does.
    pub window: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

#[derive(Debug, QueryableByName)]
struct Range {
    #[diesel(sql_type = Nullable<BigInt>)]
    lo: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    hi: Option<i64>,
}

impl Range {
    /// (lo, hi); an empty range (lo > hi) when there was nothing to bound.
    fn ends(self) -> (i64, i64) {
        (self.lo.unwrap_or(1), self.hi.unwrap_or(0))
    }
}

enum Value {
    Text(String),
    Int(i64),
}

/// SQL with its values, written for one engine's placeholders.
struct Sql {
    text: String,
    values: Vec<Value>,
    pg: bool,
}

impl Sql {
    fn new(pg: bool) -> Sql {
        Sql { text: String::new(), values: Vec::new(), pg }
    }

    fn push(&mut self, sql: &str) -> &mut Sql {
        self.text.push_str(sql);
        self
    }

    fn value(&mut self, value: Value) -> &mut Sql {
        self.values.push(value);
        if self.pg {
            let n = self.values.len();
            self.text.push_str(&format!("${n}"));
        } else {
            self.text.push('?');
        }
        self
    }

    fn text_value(&mut self, value: &str) -> &mut Sql {
        self.value(Value::Text(value.to_owned()))
    }

    fn load<T>(self, conn: &mut AnyConnection) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        match conn {
            AnyConnection::Sqlite(c) => {
                let mut query = diesel::sql_query(self.text).into_boxed::<Sqlite>();
                for value in self.values {
                    query = match value {
                        Value::Text(t) => query.bind::<Text, _>(t),
                        Value::Int(i) => query.bind::<BigInt, _>(i),
                    };
                }
                query.load(c)
            }
            AnyConnection::Pg(c) => {
                let mut query = diesel::sql_query(self.text).into_boxed::<Pg>();
                for value in self.values {
                    query = match value {
                        Value::Text(t) => query.bind::<Text, _>(t),
                        Value::Int(i) => query.bind::<BigInt, _>(i),
                    };
                }
                query.load(c)
            }
        }
    }
}

/// `%fragment%` for LIKE, its wildcards escaped (with `\`).
fn containing(fragment: &str) -> String {
    let escaped = fragment.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A string for FTS5's query syntax: in double quotes, its own doubled.
fn fts_string(fragment: &str) -> String {
    format!("\"{}\"", fragment.replace('"', "\"\""))
}

/// The conditions every engine shares: published, announced, and the filters.
fn filters(sql: &mut Sql, f: &SearchFilter<'_>) {
    // SQLite: the `+` keeps the planner from reading entries through the index of their
    // states, a lookup more per entry, where most are published: a two-character word (the
    // entries read newest first, in the table's own order) took 2.6 ms instead of 3.3-4.6.
    let (published, announced) = if sql.pg { ("s.status", "TRUE") } else { ("+s.status", "1") };
    sql.push(&format!(" AND {published} = 'approved' AND t.announced = ")).push(announced);
    if let Some(topic) = f.topic {
        sql.push(" AND t.slug = ").text_value(topic);
    }
    if let Some(kind) = f.kind {
        sql.push(" AND s.kind = ").text_value(kind.as_str());
    }
    if !f.languages.is_empty() {
        // By the language's primary subtag: `zh-CN` finds entries tagged `zh` or `zh-TW` too,
        // as the archive's language filter does; "" is the entries nobody tagged.
        sql.push(" AND (FALSE");
        for language in f.languages {
            let primary = language.split('-').next().unwrap_or_default().to_ascii_lowercase();
            if primary.is_empty() {
                sql.push(" OR s.language = ''");
            } else {
                let like = like(sql);
                sql.push(&format!(" OR s.language {like} ")).text_value(&primary);
                sql.push(&format!(" OR s.language {like} ")).text_value(&format!("{primary}-%"));
            }
        }
        sql.push(")");
    }
    if let Some(year) = f.year {
        sql.push(" AND t.month LIKE ").text_value(&format!("{year:04}-%"));
    }
    if let Some(author) = f.author {
        sql.push(" AND s.author_id = (SELECT id FROM authors WHERE slug = ").text_value(author).push(")");
    }
}

/// `LIKE` without case on both engines (SQLite's is, for ASCII).
fn like(sql: &Sql) -> &'static str {
    if sql.pg {
        "ILIKE"
    } else {
        "LIKE"
    }
}

/// How well an entry matches, the same on both engines: for each term, where it occurs, the
/// title weighing most, then the author, the summary and the note, then the topic's title.
fn score(sql: &mut Sql, terms: &[Term]) {
    let like = like(sql);
    sql.push("(0");
    for term in terms {
        let pattern = containing(&term.fragment);
        for (column, weight) in [("s.title", 8), ("s.author_name", 4), ("s.summary", 2), ("s.note", 2), ("t.title", 1)]
        {
            sql.push(&format!(" + CASE WHEN {column} {like} "))
                .text_value(&pattern)
                .push(&format!(" ESCAPE '\\' THEN {weight} ELSE 0 END"));
        }
    }
    sql.push(")");
}

/// A term of fewer than three characters (a two-character Chinese word), which no trigram can
/// find: matched with `LIKE` over the entry's own fields and its topic's title.
fn short_term(sql: &mut Sql, term: &Term) {
    let like = like(sql);
    let pattern = containing(&term.fragment);
    sql.push(" AND (FALSE");
    for column in ["s.title", "s.summary", "s.note", "s.author_name", "t.title"] {
        sql.push(&format!(" OR {column} {like} ")).text_value(&pattern).push(" ESCAPE '\\'");
    }
    sql.push(")");
}

/// A phrase of English words on PostgreSQL: looked up by its pairs of neighbouring words
/// (migration 000022), then checked word by word. `ts_match_vq` is the function behind `@@`:
/// written as a call, the check is not also looked up in the index of words, which would read
/// every entry holding all the words (23,460 for "error budget" over 100,000 entries: 9 of the
/// 20 ms of that search). A phrase left with one word (`"the platform"`) has no pairs and is
/// looked up by its word. The planner sees the phrase's values, so only one branch remains.
fn phrase(sql: &mut Sql, text: &str) {
    sql.push("(cardinality(search_pairs(to_tsvector('english', ").text_value(text);
    sql.push("))) = 0 AND x.words @@ phraseto_tsquery('english', ").text_value(text);
    sql.push(") OR cardinality(search_pairs(to_tsvector('english', ").text_value(text);
    sql.push("))) > 0 AND x.pairs @> search_pairs(to_tsvector('english', ").text_value(text);
    sql.push(")) AND ts_match_vq(x.words, phraseto_tsquery('english', ").text_value(text).push(")))");
}

/// Where the words are looked for: the index, and what no index serves. Whether the rows come
/// from SQLite's FTS5 table (to be read in its own order).
fn matching(sql: &mut Sql, terms: &[Term]) -> bool {
    let (long, short): (Vec<&Term>, Vec<&Term>) = terms.iter().partition(|t| t.fragment.chars().count() >= 3);
    let indexed = !sql.pg && !long.is_empty();
    if sql.pg {
        sql.push(" FROM search_index x JOIN submissions s ON s.id = x.submission_id JOIN topics t ON t.id = s.topic_id WHERE TRUE");
        for term in long {
            // English words (and phrases of them) through the stemmed `tsvector`; anything else
            // (Chinese, Japanese, digits, symbols) as a part of the text, through the trigrams.
            // One index per term, so that the planner can use it.
            if term.text.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
                // A stop word ("the", "about") makes an empty query, which matches nothing: it
                // is then no condition at all, as it is to a reader.
                let to_query = if term.phrase { "phraseto_tsquery" } else { "plainto_tsquery" };
                sql.push(&format!(" AND (numnode({to_query}('english', ")).text_value(&term.text).push(")) = 0 OR ");
                if term.phrase {
                    phrase(sql, &term.text);
                } else {
                    sql.push("x.words @@ plainto_tsquery('english', ").text_value(&term.text).push(")");
                }
                sql.push(")");
            } else {
                sql.push(" AND x.document ILIKE ").text_value(&containing(&term.fragment)).push(" ESCAPE '\\'");
            }
        }
    } else if long.is_empty() {
        // The entries are read newest first, and their topics looked up: SQLite's `CROSS JOIN`
        // keeps that order whatever statistics the planner has. Left to choose, with statistics
        // of some indexes and not others, it read every entry topic by topic (0.2 s over
        // 100,000 entries instead of 4 ms).
        sql.push(" FROM submissions s CROSS JOIN topics t WHERE t.id = s.topic_id");
    } else {
        let expression: Vec<String> = long.iter().map(|t| fts_string(&t.fragment)).collect();
        sql.push(
            " FROM search_index JOIN submissions s ON s.id = -search_index.rowid \
             JOIN topics t ON t.id = s.topic_id WHERE search_index MATCH ",
        )
        .text_value(&expression.join(" "));
    }
    for term in short {
        short_term(sql, term);
    }
    indexed
}

/// The ids between which the entries of the topic, the year or the author a search is filtered
/// by lie (`None`: not filtered by any of them; an empty range when they have no entries). The
/// index is read newest first: without the range, a search of an old year reads past every
/// match of the years after it before it finds one, with it the reading starts at the year's
/// newest entry. Each topic's first and last entry come from its index, not from its rows.
fn id_range(conn: &mut AnyConnection, f: &SearchFilter<'_>) -> QueryResult<Option<(i64, i64)>> {
    let pg = matches!(conn, AnyConnection::Pg(_));
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    if f.topic.is_some() || f.year.is_some() {
        let mut sql = Sql::new(pg);
        sql.push(
            "SELECT min(r.lo) AS lo, max(r.hi) AS hi FROM (SELECT \
             (SELECT min(s.id) FROM submissions s WHERE s.topic_id = t.id AND s.status = 'approved') AS lo, \
             (SELECT max(s.id) FROM submissions s WHERE s.topic_id = t.id AND s.status = 'approved') AS hi \
             FROM topics t WHERE t.announced = ",
        )
        .push(if pg { "TRUE" } else { "1" });
        if let Some(topic) = f.topic {
            sql.push(" AND t.slug = ").text_value(topic);
        }
        if let Some(year) = f.year {
            sql.push(" AND t.month LIKE ").text_value(&format!("{year:04}-%"));
        }
        sql.push(") r");
        ranges.extend(sql.load::<Range>(conn)?.into_iter().map(Range::ends));
    }
    if let Some(author) = f.author {
        let mut sql = Sql::new(pg);
        sql.push(
            "SELECT min(s.id) AS lo, max(s.id) AS hi FROM submissions s WHERE s.status = 'approved' \
             AND s.author_id = (SELECT id FROM authors WHERE slug = ",
        )
        .text_value(author)
        .push(")");
        ranges.extend(sql.load::<Range>(conn)?.into_iter().map(Range::ends));
    }
    Ok(ranges.into_iter().reduce(|(lo, hi), (l, h)| (lo.max(l), hi.min(h))))
}

/// The search: the newest `window` + 1 matches (the index read newest first, so that a word
/// in most of the archive costs no more than a rare one), scored as they are read, then all of
/// them ranked (or newest first). The page is cut from them by the caller, which counts them
/// too: a count in SQL (`COUNT(*) OVER ()`) costs SQLite an ephemeral table filled and emptied
/// row by row, as much as the search itself.
fn query(pg: bool, f: &SearchFilter<'_>, range: Option<(i64, i64)>) -> Sql {
    let mut sql = Sql::new(pg);
    sql.push("SELECT w.id AS id FROM (SELECT s.id AS id, s.published_at AS published_at, ");
    let ranked = !f.newest_first && !f.terms.is_empty();
    if ranked {
        score(&mut sql, f.terms);
    } else {
        sql.push("0");
    }
    sql.push(" AS score");
    let indexed = matching(&mut sql, f.terms);
    filters(&mut sql, f);
    // SQLite's index keeps the entries under their ids negated, newest first (migration 000023).
    let (id, newest_first) = if indexed { ("search_index.rowid", "ASC") } else { ("s.id", "DESC") };
    if let Some((lo, hi)) = range {
        let (lo, hi) = if indexed { (-hi, -lo) } else { (lo, hi) };
        sql.push(&format!(" AND {id} >= ")).value(Value::Int(lo));
        sql.push(&format!(" AND {id} <= ")).value(Value::Int(hi));
    }
    sql.push(&format!(" ORDER BY {id} {newest_first} LIMIT ")).value(Value::Int(f.window + 1));
    sql.push(") w ORDER BY w.score DESC, w.published_at DESC, w.id DESC");
    sql
}

/// The ids of the entries found, best first (`limit` from `offset`), how many there are (at
/// most the window), and whether there are more than that.
pub fn search(conn: &mut AnyConnection, f: &SearchFilter<'_>) -> QueryResult<(Vec<i64>, i64, bool)> {
    let range = id_range(conn, f)?;
    if range.is_some_and(|(lo, hi)| lo > hi) {
        return Ok((Vec::new(), 0, false));
    }
    let sql = query(matches!(conn, AnyConnection::Pg(_)), f, range);
    let mut found: Vec<i64> = sql.load::<Id>(conn)?.into_iter().map(|h| h.id).collect();
    // The match beyond the window (the oldest read) only tells that there are more: it is
    // neither ranked nor on any page.
    let more = found.len() as i64 > f.window;
    if let Some(oldest) = found.iter().copied().min().filter(|_| more) {
        found.retain(|id| *id != oldest);
    }
    let total = found.len() as i64;
    let page = found
        .into_iter()
        .skip(usize::try_from(f.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(f.limit).unwrap_or(0))
        .collect();
    Ok((page, total, more))
}

/// An entry as a result of a search shows it, and nothing more: not its whole row (its
/// moderation, its link checks, its member's address), nor its topic's. Reading whole entries
/// and topics for a page of twenty results cost about a third of a search's processor time, most
/// of it in decoding their timestamps (measured in docs/search.md#speed).
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct Hit {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub note: String,
    pub author_name: String,
    pub kind: SubmissionKind,
    pub language: String,
    pub published_at: Option<NaiveDateTime>,
    pub topic_slug: String,
    pub topic_title: String,
    /// The address of the author's page.
    pub author_slug: Option<String>,
}

/// The entries `ids` as results, in the order of `ids`.
pub fn hits(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<Hit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<Hit> = submissions::table
        .inner_join(topics::table)
        .left_join(authors::table)
        .filter(submissions::id.eq_any(ids))
        .select((
            submissions::id,
            submissions::public_id,
            submissions::title,
            submissions::url,
            submissions::summary,
            submissions::note,
            submissions::author_name,
            submissions::kind,
            submissions::language,
            submissions::published_at,
            topics::slug,
            topics::title,
            authors::slug.nullable(),
        ))
        .load(conn)?;
    found.sort_by_key(|h| ids.iter().position(|id| *id == h.id));
    Ok(found)
}

/// The texts of an entry a misspelt word is looked for in.
#[derive(Debug, QueryableByName)]
pub struct EntryTexts {
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub summary: String,
    #[diesel(sql_type = Text)]
    pub note: String,
    #[diesel(sql_type = Text)]
    pub author_name: String,
    #[diesel(sql_type = Text)]
    pub topic_title: String,
}

impl EntryTexts {
    pub fn all(&self) -> [&str; 5] {
        [&self.title, &self.summary, &self.note, &self.author_name, &self.topic_title]
    }
}

/// The texts of up to `limit` published entries, the newest first, that contain any of
/// `fragments` (each of three characters or more), for finding the word a misspelt term meant.
pub fn containing_any(conn: &mut AnyConnection, fragments: &[String], limit: i64) -> QueryResult<Vec<EntryTexts>> {
    if fragments.is_empty() {
        return Ok(Vec::new());
    }
    let pg = matches!(conn, AnyConnection::Pg(_));
    let mut sql = Sql::new(pg);
    if pg {
        sql.push(
            "SELECT s.title AS title, s.summary AS summary, s.note AS note, s.author_name AS author_name, \
             t.title AS topic_title FROM search_index x \
             JOIN submissions s ON s.id = x.submission_id JOIN topics t ON t.id = s.topic_id WHERE (FALSE",
        );
        for fragment in fragments {
            sql.push(" OR x.document ILIKE ").text_value(&containing(fragment)).push(" ESCAPE '\\'");
        }
        sql.push(")");
    } else {
        let expression: Vec<String> = fragments.iter().map(|f| fts_string(f)).collect();
        sql.push(
            "SELECT s.title AS title, s.summary AS summary, s.note AS note, s.author_name AS author_name, \
             t.title AS topic_title FROM search_index \
             JOIN submissions s ON s.id = -search_index.rowid JOIN topics t ON t.id = s.topic_id \
             WHERE search_index MATCH ",
        )
        .text_value(&expression.join(" OR "));
    }
    filters(&mut sql, &SearchFilter::default());
    sql.push(if pg { " ORDER BY s.id DESC LIMIT " } else { " ORDER BY search_index.rowid ASC LIMIT " })
        .value(Value::Int(limit));
    sql.load(conn)
}

#[derive(Debug, QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn total_changes(c: &mut diesel::SqliteConnection) -> QueryResult<i64> {
    Ok(diesel::sql_query("SELECT total_changes() AS n").get_result::<Count>(c)?.n)
}

/// One step of merging the parts of SQLite's search index, writing at most `pages` pages of it
/// (4 KiB each). FTS5 keeps the words of every write as a part of their own and a search reads
/// every part: merged into few, the index answers faster (see migration 000021, which has any
/// two parts of a size merged). Whether the step merged anything (FTS5 tells by the rows it
/// changed). PostgreSQL's GIN indexes are kept by autovacuum: nothing to do there.
pub fn merge_index_step(conn: &mut AnyConnection, pages: i64) -> QueryResult<bool> {
    let AnyConnection::Sqlite(c) = conn else { return Ok(false) };
    let before = total_changes(c)?;
    diesel::sql_query("INSERT INTO search_index (search_index, rank) VALUES ('merge', ?)")
        .bind::<BigInt, _>(pages)
        .execute(c)?;
    Ok(total_changes(c)? - before >= 2)
}

/// How many parts SQLite's search index is in (`None` on PostgreSQL).
pub fn index_parts(conn: &mut AnyConnection) -> QueryResult<Option<i64>> {
    let AnyConnection::Sqlite(c) = conn else { return Ok(None) };
    let parts = diesel::sql_query("SELECT count(DISTINCT segid) AS n FROM search_index_idx").get_result::<Count>(c)?;
    Ok(Some(parts.n))
}
