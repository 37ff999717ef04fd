//! RSS 2.0 and JSON Feed 1.1 documents from plain values. Pure functions: the same input always
//! gives the same bytes, so caches and ETags stay stable between polls.
//!
//! In RSS, the markup characters of text are written as hexadecimal character references
//! (`&#x26;`, `&#x3C;`, …) rather than named entities: readers disagree about whether a title is
//! HTML, and the RSS Best Practices Profile (and the W3C feed validator) ask for these in plain
//! text, where every reader decodes them to the character itself.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::{Extension, ExtensionMap};
use rss::{Category, Channel, Enclosure, Guid, Item};
use serde_json::json;

use super::media::{self, Media};

/// The feed as a whole.
#[derive(Debug, Clone)]
pub struct FeedChannel {
    pub title: String,
    /// The HTML page the feed belongs to.
    pub link: String,
    /// The feed's own address (atom:link rel="self").
    pub self_url: String,
    /// The JSON Feed twin's address.
    pub json_url: String,
    pub description: String,
    pub language: String,
    /// The newest change to the published content; never "now".
    pub last_build: Option<DateTime<Utc>>,
    pub ttl_minutes: u32,
    /// RFC 5005: the feed holds every item there is.
    pub complete: bool,
}

/// One entry.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub title: String,
    pub link: String,
    /// A stable permalink on our site.
    pub guid: String,
    pub published: DateTime<Utc>,
    /// The summary as plain text (JSON Feed `content_text`).
    pub summary_text: String,
    /// The same as HTML that is safe to show (RSS `description`, JSON Feed `content_html`).
    pub summary_html: String,
    pub author: Option<String>,
    pub categories: Vec<String>,
    /// Whether `link` may be a media file or video page (submissions; not topics).
    pub media: bool,
    /// A thumbnail on the club's own address (absolute).
    pub thumbnail: Option<String>,
    /// The language the item is written in, when it is not the feed's (`dc:language`, JSON
    /// Feed `language`).
    pub language: Option<String>,
}

const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

fn element(name: &str, attrs: &[(&str, &str)], children: Vec<(&str, Extension)>) -> Extension {
    let mut grouped: BTreeMap<String, Vec<Extension>> = BTreeMap::new();
    for (local, child) in children {
        grouped.entry(local.to_owned()).or_default().push(child);
    }
    Extension {
        name: name.to_owned(),
        value: None,
        attrs: attrs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        children: grouped,
    }
}

/// Media RSS for an item: a media file's enclosure, a video's player, and a thumbnail (the
/// club's own copy when it has one, else the platform's).
fn media_extensions(link: &str, own_thumbnail: Option<&str>) -> (Option<Enclosure>, ExtensionMap) {
    let mut map = ExtensionMap::new();
    let mut media_elements: BTreeMap<String, Vec<Extension>> = BTreeMap::new();
    let mut thumbnail_used = false;
    let enclosure = match media::classify(link) {
        Media::None => None,
        Media::File { url, mime, medium } => {
            media_elements.entry("content".into()).or_default().push(element(
                "media:content",
                &[("url", &url), ("type", mime), ("medium", medium)],
                vec![],
            ));
            // The length is unknown without fetching the file; RSS readers accept 0.
            Some(Enclosure { url, length: "0".into(), mime_type: mime.into() })
        }
        Media::Player { page, player, thumbnail } => {
            let mut children = vec![("player", element("media:player", &[("url", &player)], vec![]))];
            if let Some(thumb) = own_thumbnail.map(str::to_owned).or(thumbnail) {
                children.push(("thumbnail", element("media:thumbnail", &[("url", &thumb)], vec![])));
                thumbnail_used = true;
            }
            media_elements.entry("content".into()).or_default().push(element(
                "media:content",
                &[("url", &page), ("medium", "video")],
                children,
            ));
            None
        }
    };
    if let Some(thumb) = own_thumbnail.filter(|_| !thumbnail_used) {
        media_elements.entry("thumbnail".into()).or_default().push(element(
            "media:thumbnail",
            &[("url", thumb)],
            vec![],
        ));
    }
    if !media_elements.is_empty() {
        map.insert("media".into(), media_elements);
    }
    (enclosure, map)
}

/// The RSS 2.0 document.
pub fn rss_document(channel: &FeedChannel, items: &[FeedItem]) -> String {
    let mut namespaces = BTreeMap::new();
    let mut extensions = ExtensionMap::new();
    namespaces.insert("media".to_owned(), MEDIA_NS.to_owned());
    if channel.complete {
        namespaces.insert("fh".to_owned(), HISTORY_NS.to_owned());
        let mut fh = BTreeMap::new();
        fh.insert("complete".to_owned(), vec![element("fh:complete", &[], vec![])]);
        extensions.insert("fh".to_owned(), fh);
    }
    let rss_items = items
        .iter()
        .map(|item| {
            let (enclosure, extensions) = if item.media {
                media_extensions(&item.link, item.thumbnail.as_deref())
            } else {
                (None, ExtensionMap::new())
            };
            Item {
                title: Some(item.title.clone()),
                link: Some(item.link.clone()),
                description: Some(item.summary_html.clone()),
                guid: Some(Guid { value: item.guid.clone(), permalink: true }),
                pub_date: Some(item.published.to_rfc2822()),
                categories: item.categories.iter().map(|c| Category { name: c.clone(), domain: None }).collect(),
                dublin_core_ext: (item.author.is_some() || item.language.is_some()).then(|| DublinCoreExtension {
                    creators: item.author.iter().cloned().collect(),
                    languages: item.language.iter().cloned().collect(),
                    ..DublinCoreExtension::default()
                }),
                enclosure,
                extensions,
                ..Item::default()
            }
        })
        .collect();
    let doc = Channel {
        title: channel.title.clone(),
        link: channel.link.clone(),
        description: channel.description.clone(),
        language: Some(channel.language.clone()),
        last_build_date: channel.last_build.map(|t| t.to_rfc2822()),
        generator: Some("Content Club".into()),
        docs: Some("https://www.rssboard.org/rss-specification".into()),
        ttl: Some(channel.ttl_minutes.to_string()),
        atom_ext: Some(rss::extension::atom::AtomExtension {
            links: vec![rss::extension::atom::Link {
                href: channel.self_url.clone(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            }],
        }),
        items: rss_items,
        extensions,
        namespaces,
        ..Channel::default()
    };
    hex_character_references(&doc.to_string())
}

/// Rewrites the named entities the XML writer produces as hexadecimal character references.
/// Both decode to the same character, in XML text and attributes and in the HTML of a CDATA
/// description alike, so the document means exactly what it meant before.
pub fn hex_character_references(xml: &str) -> String {
    xml.replace("&amp;", "&#x26;")
        .replace("&lt;", "&#x3C;")
        .replace("&gt;", "&#x3E;")
        .replace("&quot;", "&#x22;")
        .replace("&apos;", "&#x27;")
}

/// The JSON Feed 1.1 document.
pub fn json_document(channel: &FeedChannel, items: &[FeedItem]) -> String {
    let items: Vec<_> = items
        .iter()
        .map(|item| {
            let mut entry = json!({
                "id": item.guid,
                "url": item.guid,
                "external_url": item.link,
                "title": item.title,
                "content_text": item.summary_text,
                "content_html": item.summary_html,
                "date_published": item.published.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "tags": item.categories,
            });
            if let Some(author) = &item.author {
                entry["authors"] = json!([{"name": author}]);
            }
            if let Some(language) = &item.language {
                entry["language"] = json!(language);
            }
            if item.media {
                match media::classify(&item.link) {
                    Media::File { url, mime, .. } => entry["attachments"] = json!([{"url": url, "mime_type": mime}]),
                    Media::Player { thumbnail: Some(thumb), .. } => entry["image"] = json!(thumb),
                    _ => {}
                }
            }
            if let Some(thumb) = &item.thumbnail {
                entry["image"] = json!(thumb);
            }
            entry
        })
        .collect();
    let doc = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.link,
        "feed_url": channel.json_url,
        "description": channel.description,
        "language": channel.language,
        "items": items,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// An OPML 2.0 list of feeds: (title, feed URL, page URL).
pub fn opml_document(title: &str, feeds: &[(String, String, String)]) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str(&format!("    <title>{}</title>\n  </head>\n  <body>\n", escape(title)));
    for (name, xml, html) in feeds {
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\" htmlUrl=\"{2}\"/>\n",
            escape(name),
            escape(xml),
            escape(html)
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}
