//! Searching the archive: the query and its filters checked, the entries found (best first,
//! a page at a time), and, when nothing is, the same search with misspelt words corrected.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::App;
use crate::config::DatabaseKind;
use crate::db::authors::Author;
use crate::db::search::{self, Hit, SearchFilter};
use crate::db::states::SubmissionKind;
use crate::db::submissions::with_topics;
use crate::db::AnyConnection;
use crate::domain::search::{closest_word, fuzzy_fragments, parse, stem, Term, MAX_PAGE, PAGE_SIZE};
use crate::error::{AppError, FieldErrors, Message};
use crate::feeds::documents::{list_feed, FeedFormat, ListChannel, SiteInfo};

/// Entries read to find the word a misspelt term meant.
const CORRECTION_SAMPLE: i64 = 200;

/// A search as asked (from `/search` or the API): every field as text, checked here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    pub q: String,
    pub topic: Option<String>,
    pub kind: Option<String>,
    pub lang: Option<String>,
    pub year: Option<String>,
    pub author: Option<String>,
    pub page: Option<String>,
}

impl SearchRequest {
    /// Whether anything was asked: words, or a filter.
    pub fn is_asked(&self) -> bool {
        !self.q.trim().is_empty() || self.is_filtered()
    }

    /// Whether any filter was given.
    fn is_filtered(&self) -> bool {
        [&self.topic, &self.kind, &self.lang, &self.year, &self.author].iter().any(|f| given(f).is_some())
    }
}

/// A checked search.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub terms: Vec<Term>,
    pub topic: Option<String>,
    pub kind: Option<SubmissionKind>,
    pub lang: Option<String>,
    pub year: Option<i32>,
    pub author: Option<String>,
    pub page: i64,
    /// Newest first rather than best first.
    pub newest_first: bool,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A slug-like filter value: bounded and plain, or the field is refused.
fn slug_filter(field: &str, value: &Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let value = given(value)?;
    if value.len() > 100 || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        errors.insert(field.into(), Message::new("invalid-search-filter").arg("value", value.to_owned()));
        return None;
    }
    Some(value.to_owned())
}

impl SearchRequest {
    /// The search, or every field that is wrong.
    pub fn check(&self) -> Result<Search, AppError> {
        let mut errors = FieldErrors::new();
        let filtered = self.is_filtered();
        // Filters alone browse the archive; otherwise there must be something to look for.
        let terms = match parse(&self.q) {
            Ok(terms) => terms,
            Err(_) if filtered && self.q.trim().is_empty() => Vec::new(),
            Err(message) => {
                errors.insert("q".into(), message);
                Vec::new()
            }
        };
        let kind = given(&self.kind).and_then(|k| {
            SubmissionKind::parse(k)
                .map_err(|_| {
                    errors.insert("kind".into(), Message::new("invalid-search-filter").arg("value", k.to_owned()))
                })
                .ok()
        });
        let year = given(&self.year).and_then(|y| match y.parse::<i32>() {
            Ok(year) if (1970..=2200).contains(&year) => Some(year),
            _ => {
                errors.insert("year".into(), Message::new("invalid-search-year").arg("value", y.to_owned()));
                None
            }
        });
        let page = match given(&self.page) {
            None => 1,
            Some(p) => match p.parse::<i64>() {
                Ok(page) if (1..=MAX_PAGE).contains(&page) => page,
                // A whole number past the last page, however many digits it has.
                _ if p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0') => {
                    errors.insert("page".into(), Message::new("invalid-search-page").arg("max", MAX_PAGE));
                    1
                }
                _ => {
                    errors.insert("page".into(), Message::new("invalid-page").arg("value", p.to_owned()));
                    1
                }
            },
        };
        let topic = slug_filter("topic", &self.topic, &mut errors);
        let lang = slug_filter("lang", &self.lang, &mut errors);
        let author = slug_filter("author", &self.author, &mut errors);
        if errors.is_empty() {
            Ok(Search { terms, topic, kind, lang, year, author, page, newest_first: false })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

#[derive(Clone)]
pub struct Results {
    pub search: Search,
    /// How many were found, up to the window of newest matches a search ranks.
    pub total: i64,
    /// More than `total` match: the search ranked the newest of them.
    pub more: bool,
    pub found: Vec<Hit>,
    /// When nothing matched as typed: the query as corrected, which these results are for.
    pub corrected: Option<String>,
    /// The author the search is filtered to, by name.
    pub author_name: Option<String>,
}

impl Results {
    pub fn pages(&self) -> i64 {
        ((self.total + PAGE_SIZE - 1) / PAGE_SIZE).clamp(1, MAX_PAGE)
    }
}

fn run(
    conn: &mut AnyConnection,
    s: &Search,
    club_language: &str,
    limit: i64,
    window: i64,
) -> Result<(Vec<i64>, i64, bool), AppError> {
    let languages: Vec<String> = match &s.lang {
        None => Vec::new(),
        // Entries nobody tagged are in the club's language.
        Some(lang) if lang.eq_ignore_ascii_case(club_language) => vec![lang.clone(), String::new()],
        Some(lang) => vec![lang.clone()],
    };
    let filter = SearchFilter {
        terms: &s.terms,
        topic: s.topic.as_deref(),
        kind: s.kind,
        languages: &languages,
        year: s.year,
        author: s.author.as_deref(),
        newest_first: s.newest_first,
        window,
        limit,
        offset: (s.page - 1) * PAGE_SIZE,
    };
    Ok(search::search(conn, &filter)?)
}

/// The words of the archive misspelt terms meant: `terms` with each term that finds nothing on
/// its own replaced by the closest word of the entries containing part of it; none when no
/// term could be corrected.
fn corrected(conn: &mut AnyConnection, s: &Search, club_language: &str) -> Result<Option<Vec<Term>>, AppError> {
    let mut terms = s.terms.clone();
    let mut any = false;
    for term in terms.iter_mut() {
        let Some(fragments) = fuzzy_fragments(term) else { continue };
        // Whether the term finds anything on its own: one match is enough, nothing to rank. A
        // search of this one term found nothing already.
        if s.terms.len() > 1 {
            let alone = Search { terms: vec![term.clone()], page: 1, ..s.clone() };
            if run(conn, &alone, club_language, 1, 1)?.1 > 0 {
                continue;
            }
        }
        let entries = search::containing_any(conn, &fragments, CORRECTION_SAMPLE)?;
        if let Some(word) = closest_word(&term.text, entries.iter().flat_map(|e| e.all())) {
            *term = Term { fragment: stem(&word), text: word, phrase: false };
            any = true;
        }
    }
    Ok(any.then_some(terms))
}

/// Searches the published archive; the same search again is answered from memory until a
/// write (see [`SearchCache`]).
pub async fn search(app: &App, request: SearchRequest) -> Result<Results, AppError> {
    let search = request.check()?;
    if !app.searches.enabled() {
        return search_now(app, search).await;
    }
    let key = format!("{search:?}");
    if let Some(hit) = app.searches.get(&key) {
        return Ok(hit);
    }
    // Concurrent misses of one search ask the database once; the others wait for its answer.
    let flight = app.searches.flight(&key);
    let _turn = flight.lock().await;
    // The flight ends however this one does, even when the request is dropped while it waits.
    let _landing = Landing { cache: &app.searches, key: &key };
    if let Some(hit) = app.searches.get(&key) {
        return Ok(hit);
    }
    let generation = app.searches.generation();
    let results = search_now(app, search).await;
    if let Ok(found) = &results {
        app.searches.put(key.clone(), generation, found.clone());
    }
    results
}

/// Ends a search's flight when dropped.
struct Landing<'a> {
    cache: &'a SearchCache,
    key: &'a str,
}

impl Drop for Landing<'_> {
    fn drop(&mut self) {
        self.cache.land(self.key);
    }
}

/// The author a search is filtered by. An address merged away (an old link, a feed followed
/// before the merge) filters by the author it now belongs to.
fn follow_merged_author(conn: &mut AnyConnection, search: &mut Search) -> Result<Option<Author>, AppError> {
    let Some(slug) = &search.author else { return Ok(None) };
    if let Some(author) = Author::by_slug(conn, slug)? {
        return Ok(Some(author));
    }
    let Some(current) = Author::slug_for_old(conn, slug)? else { return Ok(None) };
    let author = Author::by_slug(conn, &current)?;
    search.author = Some(current);
    Ok(author)
}

async fn search_now(app: &App, mut search: Search) -> Result<Results, AppError> {
    app.search_read(move |app, conn| {
        let filtered_by = follow_merged_author(conn, &mut search)?;
        let club_language = app.settings.club.language.clone();
        let window = i64::from(app.settings.search.ranked_window);
        let (mut ids, mut total, mut more) = run(conn, &search, &club_language, PAGE_SIZE, window)?;
        let mut corrected_query = None;
        if total == 0 && search.page == 1 {
            if let Some(terms) = corrected(conn, &search, &club_language)? {
                let retry = Search { terms, ..search.clone() };
                (ids, total, more) = run(conn, &retry, &club_language, PAGE_SIZE, window)?;
                if total > 0 {
                    corrected_query = Some(
                        retry
                            .terms
                            .iter()
                            .map(|t| if t.phrase { format!("\"{}\"", t.text) } else { t.text.clone() })
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    search = retry;
                }
            }
        }
        let found = search::hits(conn, &ids)?;
        // Named only when they have a public page: someone whose entries were all declined is
        // not to be found by their address.
        let author_name = match filtered_by {
            Some(a) if Author::is_public(conn, a.id)? => Some(a.name),
            _ => None,
        };
        Ok(Results { search, total, more, found, corrected: corrected_query, author_name })
    })
    .await
}

/// The newest entries a search finds, as a feed (`json`: JSON Feed, else RSS), so that a
/// reader can follow it.
pub async fn feed(app: &App, request: SearchRequest, json: bool) -> Result<String, AppError> {
    let mut search = Search { page: 1, newest_first: true, ..request.check()? };
    let query = request.q.clone();
    let address = query_string(&request);
    app.search_read(move |app, conn| {
        follow_merged_author(conn, &mut search)?;
        // Newest published first, from the window: an entry approved after newer ones were
        // submitted has a lower id than they, so the window is not cut to one page.
        let window = i64::from(app.settings.search.ranked_window);
        let (ids, _, _) = run(conn, &search, &app.settings.club.language, PAGE_SIZE, window)?;
        let entries = with_topics(conn, &ids)?;
        let site = SiteInfo::of(&app.settings, app.renderer.catalog());
        let base = site.base;
        let named = || vec![("club", site.name.into()), ("query", query.as_str().into())];
        let list = ListChannel {
            title: site.say("feed-search-title", &named()),
            link: format!("{base}/search?{address}"),
            self_url: format!("{base}/search/feed.xml?{address}"),
            json_url: format!("{base}/search/feed.json?{address}"),
            description: site.say("feed-search-description", &named()),
        };
        Ok(list_feed(&site, list, &entries, if json { FeedFormat::Json } else { FeedFormat::Rss }))
    })
    .await
}

/// The query string of a search as pages and feeds spell it (its filters included, the page
/// left out, `language` for the language filter).
pub fn query_string(request: &SearchRequest) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("q", &Some(request.q.clone())),
        ("topic", &request.topic),
        ("kind", &request.kind),
        ("language", &request.lang),
        ("year", &request.year),
        ("author", &request.author),
    ] {
        if let Some(value) = given(value) {
            out.append_pair(name, value);
        }
    }
    out.finish()
}

/// The site's OpenSearch description.
pub fn opensearch(app: &App) -> String {
    crate::feeds::documents::opensearch(&SiteInfo::of(&app.settings, app.renderer.catalog()))
}

/// Pages of the search index (4 KiB each) one step of merging writes at most: about 15 ms
/// of SQLite's write lock on this 2-core machine, so that writes waiting behind a step hardly
/// notice it. A 100,000-entry index, written one entry at a time, is merged in some 170 steps.
const MERGE_PAGES: i64 = 200;

/// One step of merging the search index's parts (the worker takes one each round): whether
/// there was anything to merge. Not a change anyone sees: cached searches stay. PostgreSQL's
/// indexes are kept by its autovacuum: no turn of writing is taken there.
pub async fn merge_index_step(app: &App) -> Result<bool, AppError> {
    if app.db.kind() == DatabaseKind::Postgres {
        return Ok(false);
    }
    app.write_unseen(|_, conn| Ok(search::merge_index_step(conn, MERGE_PAGES)?)).await
}

/// Merges the search index's parts until there is nothing left to merge (after a large import,
/// or before measuring): how many parts it was in, and is in now (`None` on PostgreSQL, whose
/// index autovacuum keeps).
pub async fn compact_index(app: &App) -> Result<Option<(i64, i64)>, AppError> {
    let Some(before) = app.read(|_, conn| Ok(search::index_parts(conn)?)).await? else { return Ok(None) };
    while merge_index_step(app).await? {}
    let after = app.read(|_, conn| Ok(search::index_parts(conn)?)).await?.unwrap_or(before);
    Ok(Some((before, after)))
}

/// Searches answered lately, in memory. People repeat searches (and feed readers poll the feed
/// of one), and a search of a large archive costs milliseconds of database time. This instance's
/// own writes empty it at once (the write generation); other instances' writes are seen within
/// `feeds.refresh_seconds`, as they are by the feeds. A map cleared when full rather than an LRU
/// crate: the entries are few and short-lived, and what matters is that stale ones are never
/// served (measured in docs/benchmarks.md, "Search").
pub struct SearchCache {
    entries: Mutex<HashMap<String, (u64, Instant, Results)>>,
    /// One lock per search being asked of the database.
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    writes: AtomicU64,
    ttl: Duration,
    capacity: usize,
}

impl SearchCache {
    pub fn new(ttl: Duration, capacity: usize) -> SearchCache {
        SearchCache {
            entries: Mutex::new(HashMap::new()),
            flights: Mutex::new(HashMap::new()),
            writes: AtomicU64::new(0),
            ttl,
            capacity,
        }
    }

    /// Whether searches are kept at all (`search.cache_entries` > 0).
    fn enabled(&self) -> bool {
        self.capacity > 0
    }

    /// The lock of the search `key` being asked.
    fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        match self.flights.lock() {
            Ok(mut flights) => flights.entry(key.to_owned()).or_default().clone(),
            Err(_) => Arc::default(),
        }
    }

    /// The search `key` has been answered.
    fn land(&self, key: &str) {
        if let Ok(mut flights) = self.flights.lock() {
            flights.remove(key);
        }
    }

    /// After a write this instance committed.
    pub fn mark_stale(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    fn generation(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    fn get(&self, key: &str) -> Option<Results> {
        let entries = self.entries.lock().ok()?;
        let (generation, at, results) = entries.get(key)?;
        (*generation == self.generation() && at.elapsed() < self.ttl).then(|| results.clone())
    }

    /// Keeps `results`, read after write `generation`; nothing when a write came in between.
    fn put(&self, key: String, generation: u64, results: Results) {
        if self.capacity == 0 || generation != self.generation() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(key, (generation, Instant::now(), results));
        }
    }
}
