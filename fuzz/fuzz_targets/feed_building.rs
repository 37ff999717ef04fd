//! Feeds built from arbitrary titles, summaries, names and links are well-formed: the RSS
//! document parses back with the same item count, and the JSON Feed is valid JSON.
#![no_main]
use chrono::{TimeZone, Utc};
use content_club::feeds::syndication::{json_document, rss_document, FeedChannel, FeedItem};
use content_club::render::markdown::to_safe_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let mut fields = input.split('\u{1f}').map(str::to_owned);
    let mut next = || fields.next().unwrap_or_default();
    let channel = FeedChannel {
        title: next(),
        link: "https://club.example.org/topics/t".into(),
        self_url: "https://club.example.org/topics/t/feed.xml".into(),
        json_url: "https://club.example.org/topics/t/feed.json".into(),
        description: next(),
        language: "en".into(),
        last_build: Utc.timestamp_opt(1_700_000_000, 0).single(),
        ttl_minutes: 60,
        complete: true,
    };
    let mut items = Vec::new();
    for n in 0..3 {
        let (title, summary, author, link) = (next(), next(), next(), next());
        items.push(FeedItem {
            title,
            link: if link.is_empty() { format!("https://example.org/{n}") } else { link },
            guid: format!("https://club.example.org/submissions/{n}"),
            published: Utc.timestamp_opt(1_700_000_000 + n, 0).single().unwrap_or_default(),
            summary_html: to_safe_html(&summary),
            summary_text: summary,
            author: Some(author),
            categories: vec!["video".into(), next()],
            media: true,
            thumbnail: Some(format!("https://club.example.org/media/thumbnails/{n}.jpg")),
            language: Some(next()).filter(|l| !l.is_empty()),
        });
    }
    let rss = rss_document(&channel, &items);
    let parsed = rss::Channel::read_from(rss.as_bytes()).unwrap_or_else(|e| panic!("RSS does not parse ({e}): {rss}"));
    assert_eq!(parsed.items().len(), items.len());
    let json = json_document(&channel, &items);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON Feed parses");
    assert_eq!(value["items"].as_array().map(Vec::len), Some(items.len()));
});
