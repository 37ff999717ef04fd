//! The monthly round-up: an organiser's introduction to the month and the order of its entries.
//! Written and previewed at any time, published when the organiser chooses; then it opens the
//! digest, heads the closed topic's page, is an item of the club's feed and a page of its own,
//! and can be exported as Markdown or as plain text for a post or a chat message.

use super::organisers::audit;
use super::{feeds, App};
use crate::db::organisers::Organiser;
use crate::db::roundups::Roundup;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::roundups as rules;
pub use crate::domain::roundups::RoundupInput;
use crate::error::AppError;
use crate::render::roundup::{self as export, ExportFormat};

/// A topic's round-up as it stands, with the topic's published entries in their order.
#[derive(Debug, Clone)]
pub struct RoundupView {
    pub topic: Topic,
    pub roundup: Option<Roundup>,
    pub entries: Vec<Submission>,
}

impl RoundupView {
    pub fn is_published(&self) -> bool {
        rules::is_published(self.roundup.as_ref())
    }

    pub fn intro(&self) -> &str {
        self.roundup.as_ref().map_or("", |r| r.intro.as_str())
    }
}

fn view(conn: &mut crate::db::AnyConnection, topic: Topic) -> Result<RoundupView, AppError> {
    let roundup = Roundup::for_topic(conn, topic.id)?;
    let entries = Submission::published_for_topic(conn, topic.id, None)?;
    Ok(RoundupView { topic, roundup, entries })
}

/// The round-up of a topic. The public sees it only once it is published (on an announced
/// topic); organisers see drafts too.
pub async fn get(app: &App, slug: String, organiser: bool) -> Result<RoundupView, AppError> {
    let found = app
        .read(move |_, conn| {
            let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            view(conn, topic)
        })
        .await?;
    if !(organiser || found.topic.announced && found.is_published()) {
        return Err(AppError::NotFound);
    }
    Ok(found)
}

/// An organiser writes the introduction, orders and highlights the entries, and publishes (or
/// takes back) the round-up.
pub async fn save(
    app: &App,
    actor: Option<&Organiser>,
    slug: String,
    input: RoundupInput,
) -> Result<RoundupView, AppError> {
    let actor = actor.cloned();
    app.write(move |app, conn| {
        let now = app.now();
        let topic = Topic::by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        let entries = Submission::published_for_topic(conn, topic.id, None)?;
        let valid = input.validate(&entries).map_err(AppError::Validation)?;
        let before = Roundup::for_topic(conn, topic.id)?;
        let published_at = match (valid.published, before.as_ref().and_then(|r| r.published_at)) {
            (true, Some(at)) => Some(at),
            (true, None) => Some(now.naive_utc()),
            (false, _) => None,
        };
        Roundup::save(conn, topic.id, &valid.intro, published_at, actor.as_ref().map(|a| a.id), now.naive_utc())?;
        if let (Some(at), false) = (published_at, rules::is_published(before.as_ref())) {
            super::notify::emit(app, conn, &super::notify::roundup_published(app, &topic, &valid.intro, at))?;
        }
        Submission::set_order(conn, topic.id, &valid.placement, now.naive_utc())?;
        let action = match (rules::is_published(before.as_ref()), valid.published) {
            (false, true) => "round-up published",
            (true, false) => "round-up withdrawn",
            _ => "round-up saved",
        };
        audit(app, conn, actor.as_ref(), action, &topic.slug, &valid.intro.chars().count().to_string())?;
        feeds::content_changed(conn, Some(topic.id), now)?;
        view(conn, topic)
    })
    .await
}

/// The round-up as text to paste elsewhere: Markdown for a static site, or plain text that fits
/// a LinkedIn post or a chat message (saying how many entries were left out when they do not
/// all fit).
pub async fn export(app: &App, slug: String, format: ExportFormat, organiser: bool) -> Result<String, AppError> {
    let found = get(app, slug, organiser).await?;
    export::render(&app.renderer, &app.settings, &found.topic, found.intro(), &found.entries, format)
        .map_err(AppError::Internal)
}
