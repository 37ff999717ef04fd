//! Authors: who is behind each entry, their public page and feeds, the directory of who
//! contributed what, and the organisers' renames and merges (audit-logged).

use chrono::NaiveDateTime;
use diesel::Connection;

use super::feeds::content_changed;
use super::organisers::audit;
use super::App;
use crate::db::authors::{free_slug, Author, AuthorChanges, Contributor};
use crate::db::organisers::Organiser;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::db::AnyConnection;
pub use crate::domain::authors::directory_page;
use crate::domain::authors::{slug_for, spelling_key, AuthorInput};
use crate::error::{AppError, Message};
use crate::feeds::documents::{list_feed, FeedFormat, ListChannel, SiteInfo};

/// Entries an author page lists at most.
pub const PAGE_ENTRIES: i64 = 500;
/// Authors the organisers' list shows at most.
pub const DIRECTORY_SIZE: i64 = 2000;
/// Authors a page of the public directory lists: with 2,000 authors on one page it weighed a
/// megabyte and took an organiser's request 80 ms of CPU to render.
pub const DIRECTORY_PAGE: usize = 100;

/// The author known by `name` (as any of their spellings), made now when nobody is.
fn author_for(conn: &mut AnyConnection, name: &str, now: NaiveDateTime) -> Result<Option<i64>, AppError> {
    let key = spelling_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    // On PostgreSQL another transaction may make the same author (or take the same slug) at
    // the same moment: the insert then fails on a unique index, inside a savepoint so that this
    // transaction goes on, and the author it made is found, or another slug tried.
    for _ in 0..5 {
        if let Some(id) = Author::by_spelling(conn, &key)? {
            return Ok(Some(id));
        }
        let slug = free_slug(conn, &slug_for(name))?;
        match conn.transaction(|c| Author::create(c, name.trim(), &slug, &key, now)) {
            Ok(id) => return Ok(Some(id)),
            Err(e) if crate::db::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Conflict(Message::new("refused-author-busy")))
}

/// Points one entry at the author its name (as now written) belongs to: called in the same
/// transaction as every write that adds an entry or changes its author's name.
pub fn attach(
    conn: &mut AnyConnection,
    entry_id: i64,
    (name, link): (&str, Option<&str>),
    now: NaiveDateTime,
) -> Result<Option<i64>, AppError> {
    let Some(author) = author_for(conn, name, now)? else {
        // No name, no author: the entry leaves the page of whoever it was by.
        Author::detach(conn, entry_id)?;
        return Ok(None);
    };
    Author::attach(conn, entry_id, author)?;
    if let Some(link) = link {
        // The link given with the name is their website until an organiser says otherwise.
        Author::offer_website(conn, author, link)?;
    }
    Ok(Some(author))
}

/// The slugs of the authors `author_ids`, by id.
pub async fn slugs(app: &App, author_ids: Vec<i64>) -> Result<std::collections::HashMap<i64, String>, AppError> {
    app.read(move |_, conn| Ok(Author::slugs_of(conn, &author_ids)?)).await
}

/// Attaches every entry that has no author yet (entries from before authors existed, or
/// brought in by an import); returns how many.
pub fn attach_pending(conn: &mut AnyConnection, now: NaiveDateTime) -> Result<usize, AppError> {
    let (mut done, mut after) = (0, 0);
    loop {
        let batch = Author::unattached(conn, after, 500)?;
        for (id, name, link) in &batch {
            if attach(conn, *id, (name, link.as_deref()), now)?.is_some() {
                done += 1;
            }
        }
        match batch.last() {
            Some((last, _, _)) if batch.len() == 500 => after = *last,
            _ => return Ok(done),
        }
    }
}

/// An author's page: who they are and what they published.
pub struct AuthorPage {
    pub author: Author,
    pub entries: Vec<(Submission, Topic)>,
}

pub enum AuthorAnswer {
    Found(Box<AuthorPage>),
    /// Renamed or merged: the current slug.
    Moved(String),
}

/// The author at `slug`, with at least one published entry (nobody else has a page).
pub async fn page(app: &App, slug: String) -> Result<AuthorAnswer, AppError> {
    app.read(move |_, conn| {
        if let Some(author) = Author::by_slug(conn, &slug)? {
            let entries = Author::published_entries(conn, author.id, PAGE_ENTRIES)?;
            if entries.is_empty() {
                return Err(AppError::NotFound);
            }
            return Ok(AuthorAnswer::Found(Box::new(AuthorPage { author, entries })));
        }
        match Author::slug_for_old(conn, &slug)? {
            Some(current) => Ok(AuthorAnswer::Moved(current)),
            None => Err(AppError::NotFound),
        }
    })
    .await
}

/// A page of the directory, and how many there are.
pub struct Directory {
    pub contributors: Vec<Contributor>,
    pub page: usize,
    pub pages: usize,
}

/// Page `page` (from 1) of everyone who published, the most prolific first. The first page
/// always answers, empty or not; a page past the last is not found.
pub async fn directory(app: &App, page: usize) -> Result<Directory, AppError> {
    app.read(move |_, conn| {
        let offset = page.saturating_sub(1).saturating_mul(DIRECTORY_PAGE);
        let (contributors, total) = Author::directory(conn, offset, DIRECTORY_PAGE)?;
        let pages = total.div_ceil(DIRECTORY_PAGE).max(1);
        if page > pages {
            return Err(AppError::NotFound);
        }
        Ok(Directory { contributors, page, pages })
    })
    .await
}

/// Every author with the spellings they are known by (for organisers).
pub async fn all(app: &App) -> Result<Vec<(Author, Vec<String>)>, AppError> {
    app.read(|_, conn| {
        let authors = Author::all(conn, DIRECTORY_SIZE)?;
        authors
            .into_iter()
            .map(|a| {
                let spellings = Author::spellings(conn, a.id)?;
                Ok((a, spellings))
            })
            .collect()
    })
    .await
}

fn find(conn: &mut AnyConnection, slug: &str) -> Result<Author, AppError> {
    Author::by_slug(conn, slug)?.ok_or(AppError::NotFound)
}

/// One author with their spellings (for organisers), public page or not.
pub async fn one(app: &App, slug: String) -> Result<(Author, Vec<String>), AppError> {
    app.read(move |_, conn| {
        let author = find(conn, &slug)?;
        let spellings = Author::spellings(conn, author.id)?;
        Ok((author, spellings))
    })
    .await
}

/// Changes an author's name, slug, bio or links. A new slug must be free; the old one keeps
/// answering with a redirect.
pub async fn edit(app: &App, actor: Organiser, slug: String, input: AuthorInput) -> Result<Author, AppError> {
    let edit = input.validate()?;
    app.write(move |app, conn| {
        let author = find(conn, &slug)?;
        let now = app.now().naive_utc();
        let mut changed = Vec::new();
        if let Some(new_slug) = edit.slug.as_deref().filter(|s| *s != author.slug) {
            let taken = Author::by_slug(conn, new_slug)?.is_some()
                || Author::slug_for_old(conn, new_slug)?.is_some_and(|s| s != author.slug);
            if taken {
                return Err(AppError::FieldConflict {
                    field: "slug",
                    message: Message::new("refused-author-slug-taken").arg("slug", new_slug.to_owned()),
                });
            }
            Author::change_slug(conn, &author, new_slug, now)?;
            changed.push(format!("slug {} → {new_slug}", author.slug));
        }
        let changes = AuthorChanges {
            name: edit.name.as_deref(),
            bio: edit.bio.as_deref(),
            // Removed by an organiser: kept as "" so that a later entry's link does not put it back.
            website: edit.website.as_ref().map(|w| Some(w.as_deref().unwrap_or(""))),
            profile: edit.profile.as_ref().map(Option::as_deref),
            updated_at: Some(now),
        };
        Author::update(conn, author.id, &changes)?;
        if let Some(name) = &edit.name {
            // Entries sent under the new name are theirs too.
            Author::add_spelling(conn, author.id, &spelling_key(name))?;
        }
        for (field, present) in [
            ("name", edit.name.is_some()),
            ("bio", edit.bio.is_some()),
            ("website", edit.website.is_some()),
            ("profile", edit.profile.is_some()),
        ] {
            if present {
                changed.push(field.to_owned());
            }
        }
        let current = Author::by_id(conn, author.id)?.ok_or(AppError::NotFound)?;
        audit(app, conn, Some(&actor), "author edited", &current.slug, &changed.join(", "))?;
        // Author pages and the entries' bylines on every page change.
        content_changed(conn, None, app.now())?;
        Ok(current)
    })
    .await
}

/// Merges the author at `from` into the one at `into`: every entry and spelling moves, and
/// `from`'s address answers with a redirect to `into`'s. Returns the author kept and how many
/// entries moved.
pub async fn merge(app: &App, actor: Organiser, from: String, into: String) -> Result<(Author, usize), AppError> {
    if from == into {
        return Err(AppError::field("into", Message::new("invalid-merge-same-author")));
    }
    app.write(move |app, conn| {
        let source = find(conn, &from)?;
        let target = Author::by_slug(conn, &into)?.ok_or_else(|| {
            AppError::field("into", Message::new("invalid-merge-unknown-author").arg("slug", into.clone()))
        })?;
        let moved = Author::merge(conn, &source, target.id)?;
        audit(app, conn, Some(&actor), "authors merged", &target.slug, &format!("{} ({moved})", source.slug))?;
        content_changed(conn, None, app.now())?;
        Ok((target, moved))
    })
    .await
}

/// An author's feed (`json`: JSON Feed, else RSS): their newest entries.
pub async fn feed(app: &App, slug: String, json: bool) -> Result<AuthorFeed, AppError> {
    let page = match page(app, slug).await? {
        AuthorAnswer::Found(page) => page,
        AuthorAnswer::Moved(current) => return Ok(AuthorFeed::Moved(current)),
    };
    let site = SiteInfo::of(&app.settings, app.renderer.catalog());
    let (base, slug) = (site.base, &page.author.slug);
    let named = || vec![("club", site.name.into()), ("name", page.author.name.as_str().into())];
    let list = ListChannel {
        title: site.say("feed-author-title", &named()),
        link: format!("{base}/authors/{slug}"),
        self_url: format!("{base}/authors/{slug}/feed.xml"),
        json_url: format!("{base}/authors/{slug}/feed.json"),
        description: site.say("feed-author-description", &named()),
    };
    let newest: Vec<(Submission, Topic)> = page.entries.iter().take(FEED_ENTRIES).cloned().collect();
    Ok(AuthorFeed::Document(list_feed(&site, list, &newest, if json { FeedFormat::Json } else { FeedFormat::Rss })))
}

/// Items in an author's feed.
const FEED_ENTRIES: usize = 50;

pub enum AuthorFeed {
    Document(String),
    /// Renamed or merged: the current slug.
    Moved(String),
}
