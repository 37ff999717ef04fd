//! The club's feeds from stored rows: a topic's archive, everything published, the schedule, and
//! an OPML list of them. Pure functions: the same rows always give the same bytes.
//!
//! Readers treat an item's description as HTML, so what members typed as plain text is escaped
//! into HTML here, and Markdown is rendered and sanitised; JSON Feed gets both `content_text` and
//! `content_html`.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::syndication::{json_document, opml_document, rss_document, FeedChannel, FeedItem};
use crate::config::Settings;
use crate::db::roundups::Roundup;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::topics::month_of;
use crate::i18n::{Arg, Catalog};
use crate::render::views::{thumbnail_path, utc};
use crate::render::{dates, escape_html, markdown};

/// Which document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Rss,
    Json,
    Opml,
}

/// What every feed says about the club, and the words it says it with: feeds speak the club's
/// language (their items keep each entry's own).
pub struct SiteInfo<'a> {
    pub name: &'a str,
    pub base: &'a str,
    pub language: &'a str,
    pub tz: Tz,
    pub catalog: &'a Catalog,
}

impl<'a> SiteInfo<'a> {
    pub fn of(settings: &'a Settings, catalog: &'a Catalog) -> SiteInfo<'a> {
        SiteInfo {
            name: &settings.club.name,
            base: settings.club.base(),
            language: catalog.default_language(),
            tz: settings.club.tz(),
            catalog,
        }
    }

    /// One message in the club's language.
    pub fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.catalog.message(self.language, id, args)
    }

    /// A time as the club's language writes it, in its zone.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        dates::local_datetime(at, self.tz, &self.say("format-datetime", &[]), self.language)
    }

    /// A month as the club's language names it.
    pub fn month(&self, topic: &Topic) -> String {
        let first = month_of(topic).first_day();
        dates::month(first, &self.say("format-month", &[]), self.language)
    }
}

/// Plain text as HTML: escaped, with line breaks kept.
pub fn text_as_html(text: &str) -> String {
    format!("<p>{}</p>", escape_html(text).replace('\n', "<br>"))
}

/// An entry's item: the member's summary and the organiser's note (each when there is one). Its
/// guid is the entry's permalink, so edits and moves keep the item's identity.
fn entry_item(site: &SiteInfo<'_>, s: &Submission, topic_title: &str) -> FeedItem {
    let mut text = s.summary.clone();
    let mut html = if s.summary.is_empty() { String::new() } else { text_as_html(&s.summary) };
    if !s.note.is_empty() {
        // The organiser's note, marked as theirs.
        let label = site.say("feed-note-label", &[]);
        text = format!("{text}\n\n{label} {}", s.note).trim().to_owned();
        html.push_str(&format!(
            "<p><strong>{}</strong> {}</p>",
            escape_html(&label),
            escape_html(&s.note).replace('\n', "<br>")
        ));
    }
    FeedItem {
        title: s.title.clone(),
        link: s.url.clone(),
        guid: format!("{}/submissions/{}", site.base, s.public_id),
        published: utc(s.published_at.unwrap_or(s.updated_at)),
        summary_text: text,
        summary_html: html,
        author: Some(s.author_name.clone()).filter(|a| !a.is_empty()),
        categories: vec![s.kind.as_str().to_owned(), topic_title.to_owned()],
        media: true,
        thumbnail: s.thumbnail.as_deref().map(|k| format!("{}{}", site.base, thumbnail_path(k))),
        language: Some(s.language.clone()).filter(|l| !l.is_empty()),
    }
}

/// A published round-up's item: its own page, the introduction as the content.
fn roundup_item(site: &SiteInfo<'_>, roundup: &Roundup, topic: &Topic) -> FeedItem {
    let page = format!("{}/topics/{}/roundup", site.base, topic.slug);
    FeedItem {
        title: site
            .say("feed-roundup-title", &[("title", topic.title.as_str().into()), ("month", site.month(topic).into())]),
        link: page.clone(),
        guid: page,
        published: utc(roundup.published_at.unwrap_or(roundup.updated_at)),
        summary_text: markdown::to_plain_text(&roundup.intro),
        summary_html: markdown::to_safe_html(&roundup.intro),
        author: None,
        categories: vec!["round-up".into(), topic.title.clone()],
        media: false,
        thumbnail: None,
        language: None,
    }
}

fn write(format: FeedFormat, channel: &FeedChannel, items: &[FeedItem]) -> String {
    match format {
        FeedFormat::Json => json_document(channel, items),
        FeedFormat::Rss | FeedFormat::Opml => rss_document(channel, items),
    }
}

fn at(time: NaiveDateTime) -> Option<DateTime<Utc>> {
    Some(utc(time))
}

/// A topic's archive: every approved entry, newest first.
pub fn topic_feed(site: &SiteInfo<'_>, topic: &Topic, entries: &[Submission], format: FeedFormat) -> String {
    let base = site.base;
    let items: Vec<FeedItem> = entries.iter().map(|s| entry_item(site, s, &topic.title)).collect();
    let summary = markdown::to_plain_text(&topic.summary);
    let channel = FeedChannel {
        title: format!("{}: {}", site.name, topic.title),
        link: format!("{base}/topics/{}", topic.slug),
        self_url: format!("{base}/topics/{}/feed.xml", topic.slug),
        json_url: format!("{base}/topics/{}/feed.json", topic.slug),
        description: if summary.is_empty() {
            site.say("feed-topic-description", &[("title", topic.title.as_str().into())])
        } else {
            summary
        },
        language: site.language.to_owned(),
        last_build: at(topic.content_changed_at),
        ttl_minutes: 60,
        complete: true,
    };
    write(format, &channel, &items)
}

/// Everything published at the club, newest first: entries (entry, topic slug, topic title) and
/// the round-ups of the months.
pub fn club_feed(
    site: &SiteInfo<'_>,
    newest: &[(Submission, String, String)],
    roundups: &[(Roundup, Topic)],
    format: FeedFormat,
) -> String {
    let base = site.base;
    let mut items: Vec<FeedItem> = newest.iter().map(|(s, _, title)| entry_item(site, s, title)).collect();
    items.extend(roundups.iter().map(|(r, t)| roundup_item(site, r, t)));
    items.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.guid.cmp(&b.guid)));
    let channel = FeedChannel {
        title: site.name.to_owned(),
        link: base.to_owned(),
        self_url: format!("{base}/feed.xml"),
        json_url: format!("{base}/feed.json"),
        description: site.say("feed-club-description", &[("club", site.name.into())]),
        language: site.language.to_owned(),
        last_build: items.iter().map(|i| i.published).max(),
        ttl_minutes: 60,
        complete: false,
    };
    write(format, &channel, &items)
}

/// The schedule: one item per announced topic (`topics` oldest month first), newest first.
pub fn schedule_feed(site: &SiteInfo<'_>, topics: &[Topic], format: FeedFormat) -> String {
    let base = site.base;
    let items: Vec<FeedItem> = topics
        .iter()
        .rev()
        .map(|t| {
            let window = site.say(
                "feed-schedule-window",
                &[("opens", site.datetime(utc(t.opens_at)).into()), ("closes", site.datetime(utc(t.closes_at)).into())],
            );
            let summary = markdown::to_plain_text(&t.summary);
            FeedItem {
                title: site.say(
                    "feed-schedule-item-title",
                    &[("month", site.month(t).into()), ("title", t.title.as_str().into())],
                ),
                link: format!("{base}/topics/{}", t.slug),
                guid: format!("{base}/topics/{}", t.slug),
                published: utc(t.created_at),
                summary_text: format!("{summary}\n\n{window}").trim().to_owned(),
                summary_html: format!("{}{}", markdown::to_safe_html(&t.summary), text_as_html(&window)),
                author: None,
                categories: vec!["topic".into()],
                media: false,
                thumbnail: None,
                language: None,
            }
        })
        .collect();
    let channel = FeedChannel {
        title: site.say("feed-schedule-title", &[("club", site.name.into())]),
        link: format!("{base}/topics"),
        self_url: format!("{base}/topics/feed.xml"),
        json_url: format!("{base}/topics/feed.json"),
        description: site.say("feed-schedule-description", &[("club", site.name.into())]),
        language: site.language.to_owned(),
        last_build: topics.iter().map(|t| utc(t.updated_at)).max(),
        ttl_minutes: 360,
        complete: true,
    };
    write(format, &channel, &items)
}

/// An OPML list of every feed: the club's, the schedule's, each announced topic's.
pub fn opml(site: &SiteInfo<'_>, topics: &[Topic]) -> String {
    let (base, club) = (site.base, site.name);
    let mut feeds = vec![
        (club.to_owned(), format!("{base}/feed.xml"), base.to_owned()),
        (
            site.say("feed-schedule-title", &[("club", club.into())]),
            format!("{base}/topics/feed.xml"),
            format!("{base}/topics"),
        ),
    ];
    for t in topics.iter().rev() {
        feeds.push((
            format!("{club}: {}", t.title),
            format!("{base}/topics/{}/feed.xml", t.slug),
            format!("{base}/topics/{}", t.slug),
        ));
    }
    opml_document(&site.say("feed-opml-title", &[("club", club.into())]), &feeds)
}

/// What a feed of a list of entries (an author's, a search's) says about itself.
pub struct ListChannel {
    pub title: String,
    /// The page the list is on.
    pub link: String,
    /// Where the feed itself is, as RSS and as JSON Feed.
    pub self_url: String,
    pub json_url: String,
    pub description: String,
}

/// A list of entries (each with its topic), in the order given.
pub fn list_feed(
    site: &SiteInfo<'_>,
    list: ListChannel,
    entries: &[(Submission, Topic)],
    format: FeedFormat,
) -> String {
    let items: Vec<FeedItem> = entries.iter().map(|(s, t)| entry_item(site, s, &t.title)).collect();
    let channel = FeedChannel {
        title: list.title,
        link: list.link,
        self_url: list.self_url,
        json_url: list.json_url,
        description: list.description,
        language: site.language.to_owned(),
        last_build: items.iter().map(|i| i.published).max(),
        ttl_minutes: 60,
        complete: false,
    };
    write(format, &channel, &items)
}

/// The OpenSearch 1.1 description of the site's search: results as pages and as a feed.
pub fn opensearch(site: &SiteInfo<'_>) -> String {
    let base = site.base;
    // ShortName: at most 16 characters.
    let short: String = site.name.chars().take(16).collect();
    let description = site.say("opensearch-description", &[("club", site.name.into())]);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n\
         <ShortName>{short}</ShortName>\n\
         <Description>{description}</Description>\n\
         <InputEncoding>UTF-8</InputEncoding>\n\
         <Language>{language}</Language>\n\
         <Url type=\"text/html\" method=\"get\" template=\"{base}/search?q={{searchTerms}}\"/>\n\
         <Url type=\"application/rss+xml\" method=\"get\" template=\"{base}/search/feed.xml?q={{searchTerms}}\"/>\n\
         <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"{base}/opensearch.xml\"/>\n\
         </OpenSearchDescription>\n",
        short = escape_html(&short),
        description = escape_html(&description),
        language = escape_html(site.language),
        base = escape_html(base),
    )
}
