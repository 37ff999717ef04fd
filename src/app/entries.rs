//! Organisers curate: they add the links members posted elsewhere (one at a time or a pasted
//! list), back-fill months that closed long ago, and edit any entry. No confirmation mail; the
//! author hears of it only when the organiser asks. Every change goes to the audit log with what
//! it was before.

use std::collections::HashMap;

use serde::Serialize;

use super::links::{self, LinkInfo};
use super::organisers::audit;
use super::submissions::shorten;
use super::{feeds, outbox, App};
use crate::crypto;
use crate::db::organisers::Organiser;
use crate::db::states::{SubmissionAction, SubmissionStatus};
use crate::db::submissions::{self as rows, NewSubmission, OrganiserChanges, Submission};
use crate::db::topics::Topic;
use crate::db::{is_unique_violation, AnyConnection};
use crate::domain::entries::{self as rules, EntryInput, EntryPatch, ValidEntry};
use crate::domain::entry_list::{self, ListLine};
use crate::domain::links::{canonical, normalise_url};
use crate::domain::submissions::new_public_id;
use crate::domain::submissions::{MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS};
use crate::email::compose;
use crate::error::{AppError, FieldErrors, Message};

/// The most entries an organiser's list of a topic shows.
pub const MAX_LISTED: i64 = 1000;
/// The most lines (or entries) one list may have.
pub const MAX_LIST_LINES: usize = crate::domain::entry_list::MAX_LINES;

/// Any topic, draft or past, by its slug.
fn topic(conn: &mut AnyConnection, slug: &str) -> Result<Topic, AppError> {
    Topic::by_slug(conn, slug)?.ok_or(AppError::NotFound)
}

/// Stores one checked entry on `topic`; the caller has made sure the link is new there.
fn insert(
    app: &App,
    conn: &mut AnyConnection,
    actor: Option<&Organiser>,
    topic: &Topic,
    (entry, link): (&ValidEntry, Option<&LinkInfo>),
) -> Result<Submission, AppError> {
    let canonical = link.map_or_else(|| canonical(&entry.url), |l| l.canonical_url.clone());
    let now = app.now().naive_utc();
    let author_email = entry.author_email.as_ref().map(|e| e.key()).unwrap_or_default();
    let added = NewSubmission {
        public_id: &new_public_id(),
        topic_id: topic.id,
        kind: entry.kind,
        title: &entry.title,
        url: &entry.url,
        summary: &entry.summary,
        author_name: &entry.author_name,
        author_email: &author_email,
        author_link: entry.author_link.as_deref(),
        status: entry.status,
        // Nobody holds a private link to an organiser's entry.
        edit_token_hash: &crypto::token_hash(&crypto::random_token()),
        created_at: now,
        updated_at: now,
        note: &entry.note,
        language: &entry.language,
        added_by: actor.map(|a| a.id),
        canonical_url: &canonical,
        thumbnail: link.and_then(|l| l.thumbnail.as_deref()),
        mail_language: "",
    }
    .insert(conn)
    .map_err(|e| match (is_unique_violation(&e), Submission::by_topic_and_url(conn, topic.id, &entry.url)) {
        (true, Ok(Some(existing))) => rules::duplicate_of(&existing),
        _ => AppError::from(e),
    })?;
    super::authors::attach(conn, added.id, (&added.author_name, added.author_link.as_deref()), now)?;
    Submission::mark_confirmed(conn, added.id, now)?;
    if entry.status == SubmissionStatus::Approved {
        Submission::mark_published(conn, added.id, now)?;
        feeds::content_changed(conn, Some(topic.id), app.now())?;
    }
    rows::record_event(conn, added.id, SubmissionAction::Added, actor.map(|a| a.id), None, now)?;
    let stored = Submission::by_public_id(conn, &added.public_id)?.ok_or(AppError::NotFound)?;
    let event = match stored.status {
        SubmissionStatus::Approved => Some(super::notify::entry_published(app, &stored, topic)),
        SubmissionStatus::Pending => Some(super::notify::entry_pending(app, &stored, topic)),
        _ => None,
    };
    if let Some(event) = event {
        super::notify::emit(app, conn, &event)?;
    }
    if entry.notify_author && !stored.author_email.is_empty() {
        let mail = compose::entry_added(&app.renderer, &app.settings, &stored, topic).map_err(AppError::Internal)?;
        outbox::enqueue(conn, &mail, &app.host(), app.now())?;
    }
    Ok(stored)
}

/// The fields an organiser left empty, from what the linked page says.
fn filled(mut input: EntryInput, link: &LinkInfo) -> EntryInput {
    let found = &link.metadata;
    let pick = |typed: &mut String, found: Option<&String>, max: usize| {
        if typed.trim().is_empty() {
            *typed = found.map(|f| shorten(f, max)).unwrap_or_default();
        }
    };
    pick(&mut input.title, found.title.as_ref(), MAX_TITLE_CHARS);
    pick(&mut input.summary, found.description.as_ref(), MAX_SUMMARY_CHARS);
    pick(&mut input.author_name, found.author.as_ref(), MAX_NAME_CHARS);
    if input.kind.trim().is_empty() {
        input.kind = rules::kind_for(&link.canonical_url, found.kind.as_deref()).to_string();
    }
    input
}

/// The links of the inputs that have a valid one, read (eight at a time), by normalised link.
async fn read_links<'a>(app: &App, inputs: impl Iterator<Item = &'a EntryInput>) -> HashMap<String, LinkInfo> {
    let mut urls: Vec<String> = inputs.filter_map(|i| normalise_url(&i.url).ok()).collect();
    urls.sort();
    urls.dedup();
    links::inspect_all(app, urls).await.into_iter().map(|info| (info.url.clone(), info)).collect()
}

/// An organiser adds one entry for a member, on any topic; what the linked page says fills the
/// fields left empty.
pub async fn add(
    app: &App,
    actor: Option<&Organiser>,
    slug: String,
    input: EntryInput,
) -> Result<Submission, AppError> {
    input.validate().map_err(AppError::Validation)?;
    let link = read_links(app, std::iter::once(&input)).await.into_values().next();
    let input = match &link {
        Some(link) => filled(input, link),
        None => input,
    };
    let entry = input.validate().map_err(AppError::Validation)?;
    let actor = actor.cloned();
    app.write(move |app, conn| {
        let topic = topic(conn, &slug)?;
        let canonical = link.as_ref().map_or_else(|| canonical(&entry.url), |l| l.canonical_url.clone());
        if let Some(existing) = Submission::by_topic_and_urls(conn, topic.id, &[entry.url.clone(), canonical])?.first()
        {
            return Err(rules::duplicate_of(existing));
        }
        let added = insert(app, conn, actor.as_ref(), &topic, (&entry, link.as_ref()))?;
        audit(app, conn, actor.as_ref(), "entry added", &added.public_id, &format!("{} · {}", topic.slug, added.url))?;
        Ok(added)
    })
    .await
}

/// What happened to one line of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineStatus {
    /// Added (or, in a dry run, would be).
    Created,
    /// The topic has the link already, or an earlier line has it.
    Duplicate,
    Invalid,
    /// Not among the lines the organiser chose.
    Skipped,
}

/// One line's outcome, with what was read from it.
#[derive(Debug, Clone, Serialize)]
pub struct LineResult {
    pub line: usize,
    pub text: String,
    pub status: LineStatus,
    /// The entry added, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The entry that has the link already.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// What is wrong with the line; written in the reader's language by [`LineResult::written`].
    #[serde(skip)]
    pub error: Option<LineError>,
    /// The fields as they would be stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<ParsedEntry>,
}

/// What is wrong with a line: one message, or its fields' messages.
#[derive(Debug, Clone, PartialEq)]
pub enum LineError {
    Line(Message),
    Fields(FieldErrors),
}

/// A line's outcome with its problem in words, as pages and API bodies show it.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenLine {
    #[serde(flatten)]
    pub result: LineResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl LineResult {
    /// The line's problem in words, `write` giving each message in the reader's language (English
    /// through `Message::to_string`): a field's problem is named by the field, as in
    /// "title: Enter a title.; url: …".
    pub fn problem(&self, write: impl Fn(&Message) -> String) -> Option<String> {
        match self.error.as_ref()? {
            LineError::Line(message) => Some(write(message)),
            LineError::Fields(errors) => {
                let each = errors.iter().map(|(field, message)| {
                    write(
                        &Message::new("refused-list-line-field")
                            .arg("field", field.as_str())
                            .arg("problem", write(message)),
                    )
                });
                Some(each.collect::<Vec<_>>().join(&write(&Message::new("refused-list-line-separator"))))
            }
        }
    }

    /// The outcome with its problem written by `write`.
    pub fn written(self, write: impl Fn(&Message) -> String) -> WrittenLine {
        let error = self.problem(write);
        WrittenLine { result: self, error }
    }
}

/// The fields of a line as they would be stored.
#[derive(Debug, Clone, Serialize)]
pub struct ParsedEntry {
    pub url: String,
    pub title: String,
    pub author_name: String,
    pub note: String,
    pub kind: String,
}

/// A list to add: the lines (a pasted text, or entries sent as JSON), whether to store
/// anything, and which lines the organiser kept (none named: all).
pub struct ListRequest {
    pub lines: Vec<(usize, String, Result<EntryInput, Message>)>,
    pub dry_run: bool,
    pub only: Option<Vec<usize>>,
}

/// A list whose links have been read: each input filled from its page, and what was read.
struct ReadList {
    request: ListRequest,
    links: HashMap<String, LinkInfo>,
}

impl ListRequest {
    /// A pasted text in the club's list shapes; every entry gets `status` (published or pending).
    pub fn from_text(text: &str, status: &str, dry_run: bool) -> ListRequest {
        let lines = entry_list::parse(text)
            .into_iter()
            .map(|ListLine { number, text, parsed }| (number, text, parsed.map(|e| e.input(status))))
            .collect();
        ListRequest { lines, dry_run, only: None }
    }

    /// Entries sent one by one (the API's JSON form); lines count from 1.
    pub fn from_entries(entries: Vec<EntryInput>, dry_run: bool) -> ListRequest {
        let lines = entries.into_iter().enumerate().map(|(i, e)| (i + 1, e.url.clone(), Ok(e))).collect();
        ListRequest { lines, dry_run, only: None }
    }

    /// Reads every line's link and fills the fields the line left empty.
    async fn read(mut self, app: &App) -> ReadList {
        let links = read_links(app, self.lines.iter().filter_map(|(_, _, i)| i.as_ref().ok())).await;
        for (_, _, input) in &mut self.lines {
            if let Ok(input) = input {
                if let Some(link) = normalise_url(&input.url).ok().and_then(|u| links.get(&u)) {
                    *input = filled(std::mem::take(input), link);
                }
            }
        }
        ReadList { request: self, links }
    }
}

fn result(line: usize, text: String, status: LineStatus) -> LineResult {
    LineResult { line, text, status, id: None, duplicate_of: None, error: None, entry: None }
}

/// Reads a list against the topic: each line valid or not, new or a duplicate (of an entry, or
/// of an earlier line), and in a real run adds the new ones. The same list sent again adds
/// nothing.
fn add_lines(
    app: &App,
    conn: &mut AnyConnection,
    actor: Option<&Organiser>,
    topic: &Topic,
    list: ReadList,
) -> Result<Vec<LineResult>, AppError> {
    let ReadList { request, links } = list;
    let canonical_of = |url: &str| links.get(url).map_or_else(|| canonical(url), |l| l.canonical_url.clone());
    let checked: Vec<_> = request
        .lines
        .into_iter()
        .map(|(line, text, input)| {
            let valid = input.map_err(LineError::Line).and_then(|i| i.validate().map_err(LineError::Fields));
            (line, text, valid)
        })
        .collect();
    let urls: Vec<String> = checked
        .iter()
        .filter_map(|(_, _, e)| e.as_ref().ok())
        .flat_map(|e| [e.url.clone(), canonical_of(&e.url)])
        .collect();
    // Entries the topic has, by their link as given and by its canonical form.
    let mut known: HashMap<String, String> = HashMap::new();
    for s in Submission::by_topic_and_urls(conn, topic.id, &urls)? {
        known.insert(s.url, s.public_id.clone());
        known.insert(s.canonical_url, s.public_id);
    }
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut results = Vec::new();
    for (line, text, entry) in checked {
        let entry = match entry {
            Err(error) => {
                results.push(LineResult { error: Some(error), ..result(line, text, LineStatus::Invalid) });
                continue;
            }
            Ok(entry) => entry,
        };
        let parsed = ParsedEntry {
            url: entry.url.clone(),
            title: entry.title.clone(),
            author_name: entry.author_name.clone(),
            note: entry.note.clone(),
            kind: entry.kind.to_string(),
        };
        let base = LineResult { entry: Some(parsed), ..result(line, text, LineStatus::Created) };
        let canonical = canonical_of(&entry.url);
        if let Some(earlier) = first_line.get(&canonical) {
            let duplicate_of = known.get(&canonical).cloned();
            results.push(LineResult {
                status: LineStatus::Duplicate,
                duplicate_of,
                error: Some(LineError::Line(Message::new("refused-list-line-repeated").arg("line", *earlier))),
                ..base
            });
            continue;
        }
        first_line.insert(canonical.clone(), line);
        if let Some(existing) = known.get(&entry.url).or_else(|| known.get(&canonical)) {
            results.push(LineResult { status: LineStatus::Duplicate, duplicate_of: Some(existing.clone()), ..base });
            continue;
        }
        if request.only.as_ref().is_some_and(|only| !only.contains(&line)) {
            results.push(LineResult { status: LineStatus::Skipped, ..base });
            continue;
        }
        if request.dry_run {
            results.push(base);
            continue;
        }
        let added = insert(app, conn, actor, topic, (&entry, links.get(&entry.url)))?;
        known.insert(added.canonical_url.clone(), added.public_id.clone());
        results.push(LineResult { id: Some(added.public_id), ..base });
    }
    let created = results.iter().filter(|r| r.status == LineStatus::Created && r.id.is_some()).count();
    if created > 0 {
        audit(app, conn, actor, "entries imported", &topic.slug, &created.to_string())?;
    }
    Ok(results)
}

/// An organiser adds a list of entries to a topic (or, in a dry run, sees what would happen).
pub async fn add_list(
    app: &App,
    actor: Option<&Organiser>,
    slug: String,
    request: ListRequest,
) -> Result<(Topic, Vec<LineResult>), AppError> {
    let actor = actor.cloned();
    let dry_run = request.dry_run;
    let request = request.read(app).await;
    if dry_run {
        return app
            .read(move |app, conn| {
                let topic = topic(conn, &slug)?;
                let results = add_lines(app, conn, None, &topic, request)?;
                Ok((topic, results))
            })
            .await;
    }
    app.write(move |app, conn| {
        let topic = topic(conn, &slug)?;
        let results = add_lines(app, conn, actor.as_ref(), &topic, request)?;
        Ok((topic, results))
    })
    .await
}

/// A topic and the entries an organiser works with on it.
pub async fn of_topic(app: &App, slug: String) -> Result<(Topic, Vec<Submission>), AppError> {
    app.read(move |_, conn| {
        let topic = topic(conn, &slug)?;
        let entries = Submission::curated_for_topic(conn, topic.id, MAX_LISTED)?;
        Ok((topic, entries))
    })
    .await
}

/// An entry, its topic and every topic (it may move), for the edit form.
pub async fn for_edit(app: &App, public_id: String) -> Result<(Submission, Topic, Vec<Topic>), AppError> {
    app.read(move |_, conn| {
        let entry = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
        let topics = Topic::all(conn, true)?;
        let topic = topics.iter().find(|t| t.id == entry.topic_id).cloned().ok_or(AppError::NotFound)?;
        Ok((entry, topic, topics))
    })
    .await
}

/// An organiser changes any field of any entry (or moves it to another month). The feed item
/// keeps its identity; the audit log keeps what each field was before.
pub async fn edit(
    app: &App,
    actor: Option<&Organiser>,
    public_id: String,
    patch: EntryPatch,
) -> Result<(Submission, Topic), AppError> {
    if patch.is_empty() {
        return Err(AppError::BadRequest(Message::new("refused-entry-patch-empty")));
    }
    let actor = actor.cloned();
    // A new link is read (before the transaction) like any other.
    let id = public_id.clone();
    let current = app.read(move |_, conn| Ok(Submission::by_public_id(conn, &id)?)).await?.ok_or(AppError::NotFound)?;
    let new_link = patch.url.as_deref().and_then(|u| normalise_url(u).ok()).filter(|u| *u != current.url);
    let link = match new_link {
        Some(url) => Some(links::inspect(app, &url).await),
        None => None,
    };
    app.write(move |app, conn| {
        let now = app.now();
        let before = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
        let from = Topic::by_id(conn, before.topic_id)?.ok_or(AppError::NotFound)?;
        let to = match &patch.topic {
            Some(slug) if *slug != from.slug => Topic::by_slug(conn, slug)?.ok_or_else(|| {
                AppError::field("topic", Message::new("refused-entry-topic-unknown").arg("slug", slug.as_str()))
            })?,
            _ => from.clone(),
        };
        let entry = patch.apply_to(&before).validate().map_err(AppError::Validation)?;
        let canonical_url = match &link {
            Some(link) if link.url == entry.url => link.canonical_url.clone(),
            _ if entry.url == before.url => before.canonical_url.clone(),
            _ => canonical(&entry.url),
        };
        let urls = [entry.url.clone(), canonical_url.clone()];
        if let Some(other) = Submission::by_topic_and_urls(conn, to.id, &urls)?.into_iter().find(|o| o.id != before.id)
        {
            return Err(rules::duplicate_of(&other));
        }
        let published_at = match entry.status {
            SubmissionStatus::Approved => before.published_at.or(Some(now.naive_utc())),
            _ => before.published_at,
        };
        let author_email = entry.author_email.as_ref().map(|e| e.key()).unwrap_or_default();
        let changes = OrganiserChanges {
            topic_id: to.id,
            kind: entry.kind,
            title: &entry.title,
            url: &entry.url,
            canonical_url: &canonical_url,
            summary: &entry.summary,
            author_name: &entry.author_name,
            author_email: &author_email,
            author_link: entry.author_link.as_deref(),
            note: &entry.note,
            language: &entry.language,
            status: entry.status,
            published_at,
            highlighted: patch.highlighted.unwrap_or(before.highlighted) && to.id == from.id,
            position: if to.id == from.id { before.position } else { None },
            updated_at: now.naive_utc(),
        };
        Submission::update_by_organiser(conn, before.id, &changes).map_err(|e| {
            if is_unique_violation(&e) {
                AppError::field("url", Message::new("refused-entry-link-taken"))
            } else {
                AppError::from(e)
            }
        })?;
        super::authors::attach(conn, before.id, (&entry.author_name, entry.author_link.as_deref()), now.naive_utc())?;
        if let Some(link) = link.as_ref().filter(|l| l.url == entry.url) {
            Submission::set_thumbnail(conn, before.id, link.thumbnail.as_deref())?;
        }
        let after = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
        if after.status == SubmissionStatus::Approved && before.status != SubmissionStatus::Approved {
            super::notify::emit(app, conn, &super::notify::entry_published(app, &after, &to))?;
        }
        let changed = rules::changes(&before, &after, &from.slug, &to.slug);
        if changed.is_empty() {
            return Ok((after, to));
        }
        let detail: serde_json::Map<String, serde_json::Value> = changed
            .iter()
            .map(|(field, was, now)| ((*field).to_owned(), serde_json::json!({"before": was, "after": now})))
            .collect();
        audit(app, conn, actor.as_ref(), "entry edited", &public_id, &serde_json::Value::Object(detail).to_string())?;
        rows::record_event(
            conn,
            before.id,
            SubmissionAction::Edited,
            actor.as_ref().map(|a| a.id),
            None,
            now.naive_utc(),
        )?;
        feeds::content_changed(conn, Some(from.id), now)?;
        if to.id != from.id {
            feeds::content_changed(conn, Some(to.id), now)?;
        }
        Ok((after, to))
    })
    .await
}
