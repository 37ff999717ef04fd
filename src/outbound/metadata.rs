//! What a page says about itself: OpenGraph and Twitter cards, JSON-LD (`Article`, `VideoObject`,
//! `PodcastEpisode`, …), `<title>`, `<meta name=description|author>`, `rel=canonical`, `og:url`,
//! and the oEmbed discovery link; and what an oEmbed answer adds. The most specific declaration
//! wins; addresses are made absolute against the page's own.

use scraper::{Html, Selector};
use serde_json::Value;
use url::Url;

/// What a page (and its oEmbed answer) declares; `None` when it does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    /// As the page gives it (ISO 8601 in practice).
    pub published_at: Option<String>,
    pub image_url: Option<String>,
    /// "video", "podcast" or "article", when the page says.
    pub kind: Option<String>,
    pub canonical_url: Option<String>,
    pub oembed_url: Option<String>,
}

/// Whitespace collapsed and control characters (a NUL among them, which PostgreSQL's text and
/// JSON types refuse) taken as spaces; `None` when nothing is left. Long values are cut at `max`
/// characters.
fn clean(text: &str, max: usize) -> Option<String> {
    let visible: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let joined = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = joined.chars().take(max).collect();
    Some(cut).filter(|t| !t.is_empty())
}

fn absolute(base: &Url, href: &str) -> Option<String> {
    let joined = base.join(href.trim()).ok()?;
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}

/// The kind a declared type names.
fn kind_of(declared: &str) -> Option<String> {
    let t = declared.to_ascii_lowercase();
    let kind = if t.contains("video") {
        "video"
    } else if t.contains("podcast") || t.contains("audio") || t.starts_with("music") {
        "podcast"
    } else if ["article", "blogposting", "newsarticle", "report"].iter().any(|k| t.contains(k)) {
        "article"
    } else {
        return None;
    };
    Some(kind.to_owned())
}

/// A JSON-LD value that may be a string, an object with `name`/`url`, or a list of them.
fn ld_text(value: &Value, key: &str) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get(key).and_then(|v| ld_text(v, key)),
        Value::Array(a) => a.iter().find_map(|v| ld_text(v, key)),
        _ => None,
    }
}

/// The JSON-LD objects on the page, `@graph`s flattened.
fn ld_objects(doc: &Html) -> Vec<serde_json::Map<String, Value>> {
    let selector = Selector::parse(r#"script[type="application/ld+json"]"#).expect("selector");
    let mut out = Vec::new();
    for script in doc.select(&selector) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    out.push(o);
                }
                _ => {}
            }
        }
    }
    out
}

/// The first content-bearing JSON-LD object: a creative work rather than a site or a person.
fn ld_work(objects: &[serde_json::Map<String, Value>]) -> Option<&serde_json::Map<String, Value>> {
    objects.iter().find(|o| {
        let t = o.get("@type").and_then(|t| ld_text(t, "")).unwrap_or_default().to_ascii_lowercase();
        ["article", "posting", "video", "podcast", "episode", "creativework", "webpage"].iter().any(|k| t.contains(k))
    })
}

/// Reads a page's own description of itself.
pub fn from_html(page_url: &Url, html: &str) -> PageMetadata {
    let doc = Html::parse_document(html);
    let meta = |attr: &str, names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let selector = Selector::parse(&format!(r#"meta[{attr}="{name}"]"#)).ok()?;
            doc.select(&selector).find_map(|m| m.value().attr("content").and_then(|c| clean(c, 2000)))
        })
    };
    let link = |rel: &str, kind: Option<&str>| -> Option<String> {
        let selector = match kind {
            Some(t) => Selector::parse(&format!(r#"link[rel~="{rel}"][type="{t}"]"#)),
            None => Selector::parse(&format!(r#"link[rel~="{rel}"]"#)),
        }
        .ok()?;
        doc.select(&selector).find_map(|l| l.value().attr("href").and_then(|h| absolute(page_url, h)))
    };
    let objects = ld_objects(&doc);
    let work = ld_work(&objects);
    let ld = |key: &str, inner: &str| work.and_then(|w| w.get(key)).and_then(|v| ld_text(v, inner));
    let title_tag =
        Selector::parse("title").ok().and_then(|s| doc.select(&s).next().map(|t| t.text().collect::<String>()));

    let title = meta("property", &["og:title"])
        .or_else(|| meta("name", &["twitter:title"]))
        .or_else(|| ld("headline", "name"))
        .or_else(|| ld("name", "name"))
        .or(title_tag)
        .and_then(|t| clean(&t, 300));
    let description = meta("property", &["og:description"])
        .or_else(|| meta("name", &["twitter:description", "description"]))
        .or_else(|| ld("description", "description"))
        .and_then(|d| clean(&d, 1000));
    let site_name =
        meta("property", &["og:site_name"]).or_else(|| ld("publisher", "name")).and_then(|s| clean(&s, 200));
    let author = meta("name", &["author", "article:author"])
        .or_else(|| meta("property", &["article:author"]).filter(|a| !a.starts_with("http")))
        .or_else(|| ld("author", "name"))
        .and_then(|a| clean(&a, 100));
    let published_at = meta("property", &["article:published_time", "og:published_time"])
        .or_else(|| ld("datePublished", "datePublished"))
        .or_else(|| ld("uploadDate", "uploadDate"))
        .and_then(|d| clean(&d, 40));
    let image_url = meta("property", &["og:image:secure_url", "og:image", "og:image:url"])
        .or_else(|| meta("name", &["twitter:image", "twitter:image:src"]))
        .or_else(|| ld("image", "url"))
        .or_else(|| ld("thumbnailUrl", "url"))
        .and_then(|i| absolute(page_url, &i));
    let kind = work
        .and_then(|w| w.get("@type"))
        .and_then(|t| ld_text(t, ""))
        .and_then(|t| kind_of(&t))
        .or_else(|| meta("property", &["og:type"]).and_then(|t| kind_of(&t)));
    let canonical_url =
        link("canonical", None).or_else(|| meta("property", &["og:url"]).and_then(|u| absolute(page_url, &u)));
    let oembed_url = link("alternate", Some("application/json+oembed"));
    PageMetadata { title, description, site_name, author, published_at, image_url, kind, canonical_url, oembed_url }
}

/// Adds what an oEmbed answer says to what the page said (the page wins where both say).
pub fn with_oembed(mut found: PageMetadata, answer: &Value) -> PageMetadata {
    let text = |key: &str| answer.get(key).and_then(Value::as_str).and_then(|s| clean(s, 300));
    found.title = found.title.or_else(|| text("title"));
    found.author = found.author.or_else(|| text("author_name"));
    found.site_name = found.site_name.or_else(|| text("provider_name"));
    found.image_url = found.image_url.or_else(|| text("thumbnail_url").filter(|u| u.starts_with("http")));
    found.kind = found.kind.or_else(|| text("type").and_then(|t| kind_of(&t)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> PageMetadata {
        from_html(&Url::parse("https://news.example.org/p/post").expect("url"), html)
    }

    #[test]
    fn control_characters_never_reach_what_is_stored() {
        // JSON (JSON-LD on the page, an oEmbed answer) can carry any character, a NUL too.
        let found = page(
            r#"<script type="application/ld+json">{"@type":"Article","name":"Null\u0000byte\u0007\u001b[31m here",
               "description":"a\u0000b"}</script>"#,
        );
        assert_eq!(found.title.as_deref(), Some("Null byte [31m here"));
        assert_eq!(found.description.as_deref(), Some("a b"));
        let answer = serde_json::json!({"title": "\u{0}\u{0}"});
        assert_eq!(with_oembed(page(""), &answer).title, None);
    }

    #[test]
    fn opengraph_wins_and_addresses_become_absolute() {
        let found = page(
            r#"<html><head><title>Tag title</title>
            <meta property="og:title" content="  The   OG title ">
            <meta name="description" content="Plain description">
            <meta property="og:description" content="OG description">
            <meta property="og:site_name" content="The Newsletter">
            <meta property="og:image" content="/img/cover.png">
            <meta property="og:type" content="article">
            <meta name="author" content="Ada Lovelace">
            <meta property="article:published_time" content="2025-03-04T10:00:00Z">
            <link rel="canonical" href="https://news.example.org/p/post">
            </head><body></body></html>"#,
        );
        assert_eq!(found.title.as_deref(), Some("The OG title"));
        assert_eq!(found.description.as_deref(), Some("OG description"));
        assert_eq!(found.site_name.as_deref(), Some("The Newsletter"));
        assert_eq!(found.image_url.as_deref(), Some("https://news.example.org/img/cover.png"));
        assert_eq!(found.kind.as_deref(), Some("article"));
        assert_eq!(found.author.as_deref(), Some("Ada Lovelace"));
        assert_eq!(found.published_at.as_deref(), Some("2025-03-04T10:00:00Z"));
        assert_eq!(found.canonical_url.as_deref(), Some("https://news.example.org/p/post"));
    }

    #[test]
    fn json_ld_fills_what_the_tags_do_not_say() {
        let found = page(
            r#"<title>Only a title</title><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
             {"@type":"VideoObject","name":"A talk","description":"On platforms","uploadDate":"2025-01-02",
              "thumbnailUrl":["https://cdn.example.org/t.jpg"],"author":{"@type":"Person","name":"Ben"}}]}
            </script>"#,
        );
        assert_eq!(found.title.as_deref(), Some("A talk"));
        assert_eq!(found.description.as_deref(), Some("On platforms"));
        assert_eq!(found.kind.as_deref(), Some("video"));
        assert_eq!(found.author.as_deref(), Some("Ben"));
        assert_eq!(found.image_url.as_deref(), Some("https://cdn.example.org/t.jpg"));
        assert_eq!(found.published_at.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn a_bare_page_gives_its_title_and_the_oembed_link() {
        let found = page(
            r#"<title> Just &amp; this </title><link rel="alternate" type="application/json+oembed" href="/oembed?url=x">"#,
        );
        assert_eq!(found.title.as_deref(), Some("Just & this"));
        assert_eq!(found.oembed_url.as_deref(), Some("https://news.example.org/oembed?url=x"));
        let answer = serde_json::json!({"type": "video", "title": "From oEmbed", "author_name": "Cy", "thumbnail_url": "https://i.example/t.jpg"});
        let both = with_oembed(found, &answer);
        assert_eq!(both.title.as_deref(), Some("Just & this"), "the page wins");
        assert_eq!((both.author.as_deref(), both.kind.as_deref()), (Some("Cy"), Some("video")));
        assert_eq!(page("not html at all \u{89}PNG").title, None);
    }
}
