//! Links that know what they point at: a link is fetched once (through the guarded outbound
//! client), its canonical form found (short links followed, platform rules applied, the page's
//! own canonical address trusted on the same site), its title, summary, author, kind and
//! thumbnail read, and all of it kept for a while; a failed fetch never blocks anybody, it only
//! leaves the fields to fill in. Archived links are re-checked on a slow schedule.

use std::time::{Duration, Instant};

use chrono::Duration as Span;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::organisers::audit;
use super::{feeds, limits, App, Client};
use crate::db::links::{LinkPreview, StoredThumbnail};
use crate::db::organisers::Organiser;
use crate::db::states::{LinkState, SubmissionStatus};
use crate::db::submissions::{StoredLink, Submission};
use crate::db::topics::Topic;
use crate::domain::links::{self as rules, check_outcome, CheckOutcome};
use crate::domain::rate_limits::Use;
use crate::error::AppError;
use crate::outbound::metadata::{self, PageMetadata};
use crate::outbound::thumbnails::{self, Thumbnail};
use crate::outbound::{FetchError, Want};
use crate::render::views::thumbnail_path;

/// Said of a link that was fetched and read.
pub const FETCHED: &str = "fetched";

/// What the service knows of a link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkInfo {
    /// The link as normalised.
    pub url: String,
    pub canonical_url: String,
    pub metadata: PageMetadata,
    /// The key of the stored thumbnail.
    pub thumbnail: Option<String>,
    /// [`FETCHED`], or why nothing could be read (for "fill it in yourself").
    pub outcome: String,
}

impl LinkInfo {
    pub fn fetched(&self) -> bool {
        self.outcome == FETCHED
    }

    /// The address the thumbnail is served at on the club's own origin.
    pub fn thumbnail_path(&self) -> Option<String> {
        self.thumbnail.as_deref().map(thumbnail_path)
    }
}

/// Why a fetch gave nothing, as the member reads it.
fn reason(err: &FetchError) -> String {
    match err {
        FetchError::Status(code @ (403 | 429 | 999)) => {
            format!("the site does not let the club read the page (HTTP {code}); fill in the fields yourself")
        }
        other => format!("{other}; fill in the fields yourself"),
    }
}

/// Fetches and reads a link within the outbound budget (the page; then, while time is left, its
/// oEmbed answer and its image). Nothing is stored here.
async fn fetch(app: &App, url: &str) -> (LinkInfo, Option<Thumbnail>) {
    let mut info = LinkInfo {
        url: url.to_owned(),
        canonical_url: rules::canonical(url),
        metadata: PageMetadata::default(),
        thumbnail: None,
        outcome: String::new(),
    };
    let started = Instant::now();
    let budget = Duration::from_millis(app.settings.outbound.timeout_ms);
    let page = match app.outbound.fetch(url, Want::Page, None).await {
        Ok(page) => page,
        Err(err) => {
            info.outcome = reason(&err);
            return (info, None);
        }
    };
    // Where the redirects ended is the link: a short link's target, or another address of the
    // same site (a redirect to somewhere else, like a login page, is not the piece itself).
    if let Ok(landed) = rules::normalise_url(page.url.as_str()) {
        if rules::is_short_link(url) || rules::same_site(url, &landed) {
            info.canonical_url = rules::canonical(&landed);
        }
    }
    if thumbnails::is_image(&page.body) {
        info.outcome = "the link answers with an image, not a page; fill in the fields yourself".into();
        return (info, None);
    }
    let mut found = metadata::from_html(&page.url, &String::from_utf8_lossy(&page.body));
    if let Some(declared) = found.canonical_url.as_deref().and_then(|c| rules::normalise_url(c).ok()) {
        if rules::same_site(&declared, page.url.as_str()) {
            info.canonical_url = rules::canonical(&declared);
        }
    }
    let left = || (budget * 2).checked_sub(started.elapsed()).filter(|d| *d > Duration::from_millis(50));
    if let (Some(oembed), Some(time)) = (found.oembed_url.clone(), left()) {
        if let Ok(answer) = app.outbound.fetch(&oembed, Want::Json, Some(time)).await {
            if let Ok(json) = serde_json::from_slice::<serde_json::Value>(&answer.body) {
                found = metadata::with_oembed(found, &json);
            }
        }
    }
    let mut thumbnail = None;
    if let (Some(image_url), Some(time)) = (found.image_url.clone(), left()) {
        if let Ok(image) = app.outbound.fetch(&image_url, Want::Image, Some(time)).await {
            if !image.truncated {
                thumbnail = thumbnails::make(&image.body).ok();
            }
        }
    }
    info.metadata = found;
    info.outcome = if info.metadata == PageMetadata::default() {
        "the page says nothing about itself; fill in the fields yourself".into()
    } else {
        FETCHED.into()
    };
    (info, thumbnail)
}

fn key_of(thumbnail: &Thumbnail) -> String {
    hex::encode(Sha256::digest(&thumbnail.bytes))
}

/// What the service knows of `url` (normalised already): from the cache while it is fresh,
/// otherwise fetched now and cached. With fetching switched off, only the platform rules apply.
pub async fn inspect(app: &App, url: &str) -> LinkInfo {
    if !app.outbound.enabled() {
        return LinkInfo {
            url: url.to_owned(),
            canonical_url: rules::canonical(url),
            metadata: PageMetadata::default(),
            thumbnail: None,
            outcome: "link previews are switched off".into(),
        };
    }
    let fresh_after = (app.now() - Span::hours(i64::from(app.settings.links.preview_cache_hours))).naive_utc();
    let key = url.to_owned();
    let cached = app.read(move |_, conn| Ok(LinkPreview::get(conn, &key)?)).await.ok().flatten();
    if let Some(hit) = cached.filter(|c| c.fetched_at >= fresh_after) {
        return LinkInfo {
            url: hit.url,
            canonical_url: hit.canonical_url,
            metadata: serde_json::from_str(&hit.metadata).unwrap_or_default(),
            thumbnail: hit.thumbnail,
            outcome: hit.outcome,
        };
    }
    let (mut info, thumbnail) = fetch(app, url).await;
    info.thumbnail = thumbnail.as_ref().map(key_of);
    let stored = info.clone();
    let now = app.now().naive_utc();
    // A cache that cannot be written (the database away) costs a fetch next time, nothing more.
    let _ = app
        .write_unseen(move |_, conn| {
            if let Some(t) = &thumbnail {
                StoredThumbnail {
                    key: key_of(t),
                    content_type: Thumbnail::CONTENT_TYPE.into(),
                    bytes: t.bytes.clone(),
                    width: t.width as i32,
                    height: t.height as i32,
                    created_at: now,
                }
                .put(conn)?;
            }
            LinkPreview {
                url: stored.url.clone(),
                canonical_url: stored.canonical_url.clone(),
                metadata: serde_json::to_string(&stored.metadata).unwrap_or_default(),
                thumbnail: stored.thumbnail.clone(),
                outcome: stored.outcome.clone(),
                fetched_at: now,
            }
            .put(conn)?;
            Ok(())
        })
        .await;
    info
}

/// Several links at once (a pasted list), eight fetches at a time, in the order given.
pub async fn inspect_all(app: &App, urls: Vec<String>) -> Vec<LinkInfo> {
    let mut out: Vec<Option<LinkInfo>> = vec![None; urls.len()];
    let mut running = tokio::task::JoinSet::new();
    let mut queue = urls.into_iter().enumerate();
    loop {
        while running.len() < 8 {
            let Some((i, url)) = queue.next() else { break };
            let app = app.clone();
            running.spawn(async move { (i, inspect(&app, &url).await) });
        }
        let Some(done) = running.join_next().await else { break };
        if let Ok((i, info)) = done {
            out[i] = Some(info);
        }
    }
    out.into_iter().flatten().collect()
}

/// What the submission form's preview answers.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub url: String,
    pub canonical_url: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub published_at: Option<String>,
    /// The image the page names (on its own host; the club shows `thumbnail_url` instead).
    pub image_url: Option<String>,
    /// The thumbnail on the club's own address.
    pub thumbnail_url: Option<String>,
    pub kind: Option<String>,
    /// The entry of the topic that has this link already.
    pub duplicate_of: Option<String>,
    /// That entry's public address, when it is published.
    pub duplicate_url: Option<String>,
    pub fetched: bool,
    /// Why nothing could be read, when nothing could.
    pub message: Option<String>,
}

/// A link as the submission form previews it (public, limited per client address): what the
/// page says, and whether the topic (when named) has it already.
pub async fn preview(app: &App, url: &str, topic: Option<String>, client: &Client) -> Result<Preview, AppError> {
    let url = rules::normalise_url(url).map_err(|m| AppError::field("url", m))?;
    limits::check(app, vec![(app.limits.link_preview_ip, client.ip.clone(), Use::Take)]).await?;
    let topic = match topic.filter(|t| !t.is_empty()) {
        Some(slug) => Some(app.read(move |_, conn| super::submissions::public_topic(conn, &slug)).await?),
        None => None,
    };
    let info = inspect(app, &url).await;
    let duplicate = match topic {
        Some(topic) => {
            let urls = vec![info.url.clone(), info.canonical_url.clone()];
            app.read(move |_, conn| Ok(Submission::by_topic_and_urls(conn, topic.id, &urls)?.into_iter().next()))
                .await?
        }
        None => None,
    };
    let base = app.settings.club.base();
    let m = &info.metadata;
    Ok(Preview {
        url: info.url.clone(),
        canonical_url: info.canonical_url.clone(),
        title: m.title.clone(),
        description: m.description.clone(),
        site_name: m.site_name.clone(),
        author: m.author.clone(),
        published_at: m.published_at.clone(),
        image_url: m.image_url.clone(),
        thumbnail_url: info.thumbnail_path().map(|p| format!("{base}{p}")),
        kind: m.kind.clone(),
        duplicate_of: duplicate.as_ref().map(|d| d.public_id.clone()),
        duplicate_url: duplicate
            .filter(|d| d.status == SubmissionStatus::Approved)
            .map(|d| format!("{base}/submissions/{}", d.public_id)),
        fetched: info.fetched(),
        message: (!info.fetched()).then(|| info.outcome.clone()),
    })
}

/// A stored thumbnail's bytes and type.
pub async fn thumbnail(app: &App, key: String) -> Result<(String, Vec<u8>), AppError> {
    let found = app.read(move |_, conn| Ok(StoredThumbnail::get(conn, &key)?)).await?;
    found.map(|t| (t.content_type, t.bytes)).ok_or(AppError::NotFound)
}

/// What a round of link checks found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub checked: usize,
    pub broken: usize,
}

/// The status a link answers now: HEAD, then GET for sites that refuse HEAD; none when it does
/// not answer at all.
async fn status_of(app: &App, url: &str) -> Option<u16> {
    let head = app.outbound.fetch(url, Want::Status, None).await.ok().map(|f| f.status);
    match head {
        Some(200..=399 | 404 | 410) => head,
        _ => app.outbound.fetch(url, Want::Probe, None).await.ok().map(|f| f.status).or(head),
    }
}

/// Checks the published links that are due (never checked, or not for `recheck_after_days`).
pub async fn check_due(app: &App) -> Result<Checked, AppError> {
    if !app.outbound.enabled() {
        return Ok(Checked::default());
    }
    let before = (app.now() - Span::days(i64::from(app.settings.links.recheck_after_days))).naive_utc();
    let limit = i64::from(app.settings.links.checks_per_round);
    let due = app.read(move |_, conn| Ok(Submission::links_due(conn, before, limit)?)).await?;
    let mut report = Checked::default();
    for entry in due {
        let outcome = check_outcome(status_of(app, &entry.url).await);
        let (state, failures) = rules::after_check(entry.link_state, entry.link_failures, outcome);
        let at = app.now().naive_utc();
        let newly_broken = state == LinkState::Broken && entry.link_state != LinkState::Broken;
        app.write_unseen(move |app, conn| {
            Submission::record_link_check(conn, entry.id, state, failures, at)?;
            if newly_broken {
                let checked = Submission::by_public_id(conn, &entry.public_id)?.ok_or(AppError::NotFound)?;
                if let Some(topic) = Topic::by_id(conn, checked.topic_id)? {
                    super::notify::emit(app, conn, &super::notify::link_broken(app, &checked, &topic))?;
                }
            }
            Ok(())
        })
        .await?;
        report.checked += 1;
        report.broken += usize::from(outcome == CheckOutcome::Gone && state == LinkState::Broken);
    }
    Ok(report)
}

/// Published entries whose links are broken, for the dashboard.
pub async fn broken(app: &App) -> Result<Vec<(Submission, Topic)>, AppError> {
    app.read(|_, conn| {
        let topics = Topic::all(conn, true)?;
        Ok(Submission::broken_links(conn, 50)?
            .into_iter()
            .filter_map(|s| topics.iter().find(|t| t.id == s.topic_id).cloned().map(|t| (s, t)))
            .collect())
    })
    .await
}

/// An organiser gives an entry a new link (its old one died); the new one is read like any other.
pub async fn replace(
    app: &App,
    actor: Option<&Organiser>,
    public_id: String,
    url: String,
) -> Result<Submission, AppError> {
    let url = rules::normalise_url(&url).map_err(|m| AppError::field("url", m))?;
    let info = inspect(app, &url).await;
    let actor = actor.cloned();
    app.write(move |app, conn| {
        let entry = Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)?;
        let urls = vec![info.url.clone(), info.canonical_url.clone()];
        if let Some(other) =
            Submission::by_topic_and_urls(conn, entry.topic_id, &urls)?.into_iter().find(|o| o.id != entry.id)
        {
            return Err(crate::domain::entries::duplicate_of(&other));
        }
        let now = app.now();
        let thumbnail = info.thumbnail.as_deref().or(entry.thumbnail.as_deref());
        Submission::replace_link(conn, entry.id, &info.url, &info.canonical_url, thumbnail, now.naive_utc())?;
        let detail = serde_json::json!({"url": {"before": entry.url, "after": info.url}}).to_string();
        audit(app, conn, actor.as_ref(), "entry edited", &public_id, &detail)?;
        feeds::content_changed(conn, Some(entry.topic_id), now)?;
        Submission::by_public_id(conn, &public_id)?.ok_or(AppError::NotFound)
    })
    .await
}

/// What re-canonicalising the stored links did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Canonicalised {
    /// (entry, old canonical form, new one).
    pub changed: Vec<(String, String, String)>,
    /// (entry, the entry of the same topic that has its canonical form already, the form): left
    /// as they were, for an organiser to decide.
    pub collisions: Vec<(String, String, String)>,
}

/// Applies the platform rules to every stored link (no fetching), in one transaction; entries
/// whose new form another entry of the same topic has already are reported, not merged.
pub async fn canonicalise_all(app: &App, dry_run: bool) -> Result<Canonicalised, AppError> {
    let work = move |_: &App, conn: &mut crate::db::AnyConnection| {
        let rows = Submission::all_links(conn)?;
        let mut taken: std::collections::HashMap<(i64, String), String> =
            rows.iter().map(|r| ((r.topic_id, r.canonical_url.clone()), r.public_id.clone())).collect();
        let mut report = Canonicalised::default();
        for StoredLink { id: row_id, topic_id: topic, public_id, url, canonical_url: old } in rows {
            let new = rules::canonical(&url);
            if new == old {
                continue;
            }
            match taken.get(&(topic, new.clone())) {
                Some(other) if *other != public_id => report.collisions.push((public_id, other.clone(), new)),
                _ => {
                    if !dry_run {
                        Submission::set_canonical(conn, row_id, &new)?;
                    }
                    taken.remove(&(topic, old.clone()));
                    taken.insert((topic, new.clone()), public_id.clone());
                    report.changed.push((public_id, old, new));
                }
            }
        }
        Ok(report)
    };
    if dry_run {
        app.read(work).await
    } else {
        app.write_unseen(work).await
    }
}

/// Forgets cached previews older than a week and thumbnails nothing uses (housekeeping).
pub fn forget_old(app: &App, conn: &mut crate::db::AnyConnection) -> Result<usize, AppError> {
    let cutoff = (app.now() - Span::days(7)).naive_utc();
    Ok(LinkPreview::forget_before(conn, cutoff)? + StoredThumbnail::forget_unused_before(conn, cutoff)?)
}
