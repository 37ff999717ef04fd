//! Full-text search over published entries of announced topics, one query per engine over the
//! index the triggers of migration 000016 keep:
//!
//! - SQLite: FTS5 with the trigram tokenizer. Fragments of three characters or more go to
//!   `MATCH` (ranked by bm25, the title weighing most); shorter ones (a two-character Chinese
//!   word) are matched with `LIKE` over the same rows.
//! - PostgreSQL: a weighted `tsvector` (English stemming, ranked by `ts_rank`) or, for what it
//!   does not split into words, `ILIKE` served by the `pg_trgm` GIN index.
//!
//! Every term must match; ties go to the most recently published.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::Sqlite;

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
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, QueryableByName)]
struct Hit {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

#[derive(Debug, QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
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

/// The FTS5 columns as one text, for LIKE.
const SQLITE_ALL_COLUMNS: &str =
    "(search_index.title || ' ' || search_index.summary || ' ' || search_index.note || ' ' \
     || search_index.author || ' ' || search_index.topic || ' ' || search_index.metadata)";

/// The conditions every engine shares: published, announced, and the filters.
fn filters(sql: &mut Sql, f: &SearchFilter<'_>) {
    let announced = if sql.pg { "TRUE" } else { "1" };
    sql.push(" AND s.status = 'approved' AND t.announced = ").push(announced);
    if let Some(topic) = f.topic {
        sql.push(" AND t.slug = ").text_value(topic);
    }
    if let Some(kind) = f.kind {
        sql.push(" AND s.kind = ").text_value(kind.as_str());
    }
    if !f.languages.is_empty() {
        sql.push(" AND s.language IN (");
        for (i, language) in f.languages.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.text_value(language);
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

fn page(sql: &mut Sql, f: &SearchFilter<'_>) {
    sql.push(" LIMIT ").value(Value::Int(f.limit)).push(" OFFSET ").value(Value::Int(f.offset));
}

/// No words, only filters: the entries they leave, newest first.
fn browse(pg: bool, f: &SearchFilter<'_>) -> Sql {
    let mut sql = Sql::new(pg);
    sql.push(
        "SELECT s.id AS id, COUNT(*) OVER () AS total FROM submissions s \
         JOIN topics t ON t.id = s.topic_id WHERE 1 = 1",
    );
    filters(&mut sql, f);
    sql.push(" ORDER BY s.published_at DESC, s.id DESC");
    page(&mut sql, f);
    sql
}

fn sqlite_search(f: &SearchFilter<'_>) -> Sql {
    let mut sql = Sql::new(false);
    // bm25() may not be called beside a window function: it is computed in the inner query.
    let (long, short): (Vec<&Term>, Vec<&Term>) = f.terms.iter().partition(|t| t.fragment.chars().count() >= 3);
    let score = if long.is_empty() || f.newest_first {
        "0.0"
    } else {
        // Columns: title, summary, note, author, topic, metadata.
        "bm25(search_index, 10.0, 3.0, 3.0, 5.0, 2.0, 1.0)"
    };
    sql.push(&format!(
        "SELECT m.id AS id, COUNT(*) OVER () AS total FROM (SELECT s.id AS id, s.published_at AS at, \
         {score} AS score FROM search_index JOIN submissions s ON s.id = search_index.rowid \
         JOIN topics t ON t.id = s.topic_id WHERE 1 = 1"
    ));
    if !long.is_empty() {
        let expression: Vec<String> = long.iter().map(|t| fts_string(&t.fragment)).collect();
        sql.push(" AND search_index MATCH ").text_value(&expression.join(" "));
    }
    for term in short {
        sql.push(&format!(" AND {SQLITE_ALL_COLUMNS} LIKE "))
            .text_value(&containing(&term.fragment))
            .push(" ESCAPE '\\'");
    }
    filters(&mut sql, f);
    sql.push(") m ORDER BY m.score, m.at DESC, m.id DESC");
    page(&mut sql, f);
    sql
}

fn pg_search(f: &SearchFilter<'_>) -> Sql {
    let mut sql = Sql::new(true);
    sql.push(
        "SELECT s.id AS id, COUNT(*) OVER () AS total FROM search_index x \
         JOIN submissions s ON s.id = x.submission_id JOIN topics t ON t.id = s.topic_id WHERE TRUE",
    );
    for term in f.terms {
        let to_query = if term.phrase { "phraseto_tsquery" } else { "plainto_tsquery" };
        sql.push(&format!(" AND (x.words @@ {to_query}('english', "))
            .text_value(&term.text)
            .push(") OR x.document ILIKE ")
            .text_value(&containing(&term.fragment))
            .push(" ESCAPE '\\')");
    }
    filters(&mut sql, f);
    if f.newest_first {
        sql.push(" ORDER BY s.published_at DESC, s.id DESC");
        page(&mut sql, f);
        return sql;
    }
    sql.push(" ORDER BY ts_rank(x.words, ");
    for (i, term) in f.terms.iter().enumerate() {
        if i > 0 {
            sql.push(" || ");
        }
        sql.push("plainto_tsquery('english', ").text_value(&term.text).push(")");
    }
    // What `ts_rank` cannot see (words it does not split out, as in Chinese): a match in the
    // title counts.
    sql.push(") + 0.5 * (0");
    for term in f.terms {
        sql.push(" + (s.title ILIKE ").text_value(&containing(&term.fragment)).push(" ESCAPE '\\')::int");
    }
    sql.push(") DESC, s.published_at DESC, s.id DESC");
    page(&mut sql, f);
    sql
}

/// The ids of the entries found, best first (`limit` from `offset`), and how many there are.
pub fn search(conn: &mut AnyConnection, f: &SearchFilter<'_>) -> QueryResult<(Vec<i64>, i64)> {
    let sql = match conn {
        _ if f.terms.is_empty() => browse(matches!(conn, AnyConnection::Pg(_)), f),
        AnyConnection::Sqlite(_) => sqlite_search(f),
        AnyConnection::Pg(_) => pg_search(f),
    };
    let hits: Vec<Hit> = sql.load(conn)?;
    let total = hits.first().map_or(0, |h| h.total);
    Ok((hits.into_iter().map(|h| h.id).collect(), total))
}

/// Up to `limit` published entries whose text contains any of `fragments` (each of three
/// characters or more), for finding the word a misspelt term meant.
pub fn containing_any(conn: &mut AnyConnection, fragments: &[String], limit: i64) -> QueryResult<Vec<i64>> {
    if fragments.is_empty() {
        return Ok(Vec::new());
    }
    let pg = matches!(conn, AnyConnection::Pg(_));
    let mut sql = Sql::new(pg);
    if pg {
        sql.push(
            "SELECT s.id AS id FROM search_index x JOIN submissions s ON s.id = x.submission_id \
             JOIN topics t ON t.id = s.topic_id WHERE (FALSE",
        );
        for fragment in fragments {
            sql.push(" OR x.document ILIKE ").text_value(&containing(fragment)).push(" ESCAPE '\\'");
        }
        sql.push(")");
    } else {
        let expression: Vec<String> = fragments.iter().map(|f| fts_string(f)).collect();
        sql.push(
            "SELECT s.id AS id FROM search_index JOIN submissions s ON s.id = search_index.rowid \
             JOIN topics t ON t.id = s.topic_id WHERE search_index MATCH ",
        )
        .text_value(&expression.join(" OR "));
    }
    filters(&mut sql, &SearchFilter::default());
    sql.push(" ORDER BY s.published_at DESC LIMIT ").value(Value::Int(limit));
    let ids: Vec<Id> = sql.load(conn)?;
    Ok(ids.into_iter().map(|i| i.id).collect())
}
