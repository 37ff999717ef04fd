use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use rss::validation::Validate;

use crate::helpers::{entry, spawn_app_with, TestApp};

/// A club on 15 March 2025 with an open March topic and a closed February topic.
async fn club() -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 10_000;
        s.submissions.per_email_per_day = 10_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-02", "title": "Team Topologies", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true, "summary": "Numbers & *stories*"})).await;
    (app, token)
}

async fn fetch(app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let res = app.client.get(app.url(path)).header("accept-encoding", "identity").send().await.expect("get");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().await.expect("body"))
}

async fn etag(app: &TestApp, path: &str) -> String {
    let (status, headers, _) = fetch(app, path).await;
    assert_eq!(status, 200, "{path}");
    headers["etag"].to_str().expect("ascii").to_owned()
}

/// Parses and validates with the rss crate. One rule is knowingly not met: an enclosure whose
/// size is unknown carries length="0", as the RSS Advisory Board's best-practice profile asks
/// ("when an enclosure's size cannot be determined, a publisher should use a length of 0"); the
/// crate wants a positive length. Every other rule must hold, checked with that length patched.
fn valid_rss(xml: &str) -> rss::Channel {
    let channel = rss::Channel::read_from(xml.as_bytes()).expect("RSS parses");
    let mut checked = channel.clone();
    for item in checked.items_mut() {
        if let Some(enclosure) = item.enclosure.as_mut() {
            assert_eq!(enclosure.length, "0", "unknown sizes are 0");
            enclosure.length = "1".into();
        }
    }
    checked.validate().expect("RSS passes the rss crate's validation");
    channel
}

/// The text an HTML description shows: only `<p>` and `<br>` may be elements in it (what plain
/// text becomes); anything else that looks like a tag fails the test. Character references are
/// decoded.
fn html_text(html: &str) -> String {
    let inner = html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).expect("one paragraph");
    let inner = inner.replace("<br>", "\n");
    assert!(!inner.contains('<'), "no element but <p> and <br> in {html}");
    let mut out = String::new();
    let mut rest = inner.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("references end with ;") + at;
        let name = &rest[at + 1..end];
        let decoded = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            n if n.starts_with("#x") => char::from_u32(u32::from_str_radix(&n[2..], 16).expect("hex")).expect("char"),
            n if n.starts_with('#') => char::from_u32(n[1..].parse().expect("decimal")).expect("char"),
            other => panic!("unexpected entity &{other};"),
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The JSON Feed 1.1 rules that a reader relies on.
fn valid_json_feed(text: &str) -> serde_json::Value {
    let feed: serde_json::Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].is_string(), "title is required");
    for key in ["home_page_url", "feed_url"] {
        assert!(feed[key].as_str().is_some_and(|u| u.starts_with("http")), "{key} is a URL");
    }
    for item in feed["items"].as_array().expect("items is an array") {
        assert!(item["id"].is_string(), "every item has an id");
        assert!(item["content_text"].is_string() || item["content_html"].is_string(), "content");
        if let Some(date) = item["date_published"].as_str() {
            chrono::DateTime::parse_from_rfc3339(date).expect("RFC 3339 date");
        }
        if let Some(authors) = item["authors"].as_array() {
            assert!(authors.iter().all(|a| a["name"].is_string()));
        }
    }
    feed
}

#[tokio::test]
async fn every_feed_is_valid_and_has_the_expected_items() {
    let (app, token) = club().await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "DORA done right", "https://example.org/dora"))
        .await;
    app.approved_entry(&token, "metrics-that-matter", entry("podcast", "Episode 42", "https://example.org/ep42.mp3"))
        .await;
    app.approved_entry(
        &token,
        "metrics-that-matter",
        entry("video", "A talk", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    )
    .await;
    app.confirmed_entry("metrics-that-matter", entry("post", "Still pending", "https://example.org/pending")).await;

    let (status, headers, xml) = fetch(&app, "/topics/metrics-that-matter/feed.xml").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/rss+xml; charset=utf-8");
    let channel = valid_rss(&xml);
    assert_eq!(channel.items().len(), 3, "only approved entries");
    assert!(xml.contains("<atom:link href=\"http://127.0.0.1:8080/topics/metrics-that-matter/feed.xml\" rel=\"self\""));
    assert!(xml.contains("<fh:complete"), "the topic feed is complete (RFC 5005)");
    assert!(channel.last_build_date().is_some());
    for item in channel.items() {
        let guid = item.guid().expect("guid");
        assert!(guid.is_permalink() && guid.value().starts_with("http://127.0.0.1:8080/submissions/"));
        chrono::DateTime::parse_from_rfc2822(item.pub_date().expect("pubDate")).expect("RFC 2822 date");
        assert_eq!(item.dublin_core_ext().expect("dc").creators(), ["Ada Author"]);
        assert!(item.categories().iter().any(|c| c.name() == "Metrics That Matter"));
    }
    let podcast = channel.items().iter().find(|i| i.title() == Some("Episode 42")).expect("podcast");
    assert_eq!(podcast.enclosure().expect("enclosure").mime_type(), "audio/mpeg");
    let video = channel.items().iter().find(|i| i.title() == Some("A talk")).expect("video");
    assert!(video.extensions().contains_key("media"), "Media RSS for the video");
    assert!(xml.contains("media:player") && xml.contains("i.ytimg.com/vi/dQw4w9WgXcQ"));

    let (_, _, club_xml) = fetch(&app, "/feed.xml").await;
    let club_channel = valid_rss(&club_xml);
    assert_eq!(club_channel.items().len(), 3);
    let (_, _, schedule_xml) = fetch(&app, "/topics/feed.xml").await;
    assert_eq!(valid_rss(&schedule_xml).items().len(), 2);

    for path in ["/topics/metrics-that-matter/feed.json", "/feed.json", "/topics/feed.json"] {
        let (status, headers, text) = fetch(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(headers["content-type"].to_str().expect("ascii").starts_with("application/feed+json"));
        valid_json_feed(&text);
    }
    let (_, _, opml) = fetch(&app, "/feeds.opml").await;
    assert!(opml.contains("xmlUrl=\"http://127.0.0.1:8080/topics/metrics-that-matter/feed.xml\""));
    assert!(opml.contains("xmlUrl=\"http://127.0.0.1:8080/feed.xml\""));

    // Pages point readers at the feeds.
    let (_, _, html) = fetch(&app, "/topics/metrics-that-matter").await;
    assert!(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Metrics That Matter (RSS)\" href=\"/topics/metrics-that-matter/feed.xml\">"));
    assert!(!html.contains("nofollow\" href=\"/topics/metrics-that-matter/feed.xml"));
    let (_, _, home) = fetch(&app, "/").await;
    assert!(home.contains("href=\"/feed.xml\""));
}

#[tokio::test]
async fn no_author_email_and_hostile_text_comes_out_well_formed() {
    let (app, token) = club().await;
    let tricky = "Tags <b> & ]]> \"quotes\" 🚀 ünïcode";
    app.approved_entry(
        &token,
        "metrics-that-matter",
        json!({"kind": "article", "title": tricky, "url": "https://example.org/tricky?a=1&b=2", "summary": format!("Summary {tricky} <script>x</script>"),
               "author_name": "Zoë <Ze> & co", "author_email": "secret.author@example.org"}),
    )
    .await;
    for path in [
        "/topics/metrics-that-matter/feed.xml",
        "/feed.xml",
        "/topics/metrics-that-matter/feed.json",
        "/feed.json",
        "/feeds.opml",
    ] {
        let (_, _, body) = fetch(&app, path).await;
        assert!(!body.contains("secret.author"), "{path} leaks an author email");
    }
    let (_, _, xml) = fetch(&app, "/topics/metrics-that-matter/feed.xml").await;
    let channel = valid_rss(&xml);
    let item = &channel.items()[0];
    assert_eq!(item.title(), Some(tricky));
    // The description is HTML (readers treat it so): the plain-text summary escaped into it, no
    // element of the member's in it.
    let description = item.description().expect("description");
    assert_eq!(html_text(description), format!("Summary {tricky} <script>x</script>"));
    assert_eq!(item.link(), Some("https://example.org/tricky?a=1&b=2"));
    assert_eq!(item.dublin_core_ext().expect("dc").creators(), ["Zoë <Ze> & co"]);
    let (_, _, json_text) = fetch(&app, "/topics/metrics-that-matter/feed.json").await;
    let feed = valid_json_feed(&json_text);
    assert_eq!(feed["items"][0]["title"], tricky);
}

#[tokio::test]
async fn the_etag_changes_with_every_change_to_published_content_only() {
    let (app, token) = club().await;
    let feed = "/topics/metrics-that-matter/feed.xml";
    let first =
        app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let mut last = etag(&app, feed).await;

    // Reading pages, polling feeds, and changing another topic leave it alone.
    for path in
        ["/", "/topics", "/topics/metrics-that-matter", feed, "/feed.xml", "/topics/metrics-that-matter/feed.json"]
    {
        let _ = fetch(&app, path).await;
    }
    // February's window is stretched so that it takes entries too.
    app.api(
        Method::PATCH,
        "/api/v1/topics/team-topologies",
        Some(&token),
        Some(json!({"title": "Team Topologies 2", "closes_at": "2025-03-31T00:00:00Z"})),
    )
    .await;
    app.approved_entry(&token, "team-topologies", entry("article", "Other topic", "https://example.org/other")).await;
    assert_eq!(etag(&app, feed).await, last, "unrelated activity");

    // Approving, rejecting, editing, withdrawing, and editing the topic each change it.
    let pending = app.confirmed_entry("metrics-that-matter", entry("article", "Two", "https://example.org/2")).await;
    assert_eq!(etag(&app, feed).await, last, "a pending entry is not published");
    app.api(Method::POST, &format!("/api/v1/submissions/{pending}/approve"), Some(&token), None).await;
    let now = etag(&app, feed).await;
    assert_ne!(now, last, "approve");
    last = now;

    // What happens to entries that are not published leaves every feed as it was.
    let club_feeds = ["/feed.xml", "/feed.json", "/topics/metrics-that-matter/feed.json", "/topics/feed.xml"];
    let mut before = Vec::new();
    for path in club_feeds {
        before.push(etag(&app, path).await);
    }
    let rejected = app.confirmed_entry("metrics-that-matter", entry("article", "Three", "https://example.org/3")).await;
    app.api(
        Method::POST,
        &format!("/api/v1/submissions/{rejected}/reject"),
        Some(&token),
        Some(json!({"reason": "Off topic"})),
    )
    .await;
    assert_eq!(etag(&app, feed).await, last, "reject");

    // Edit and withdraw by the author, through the private link.
    let edited = app.confirmed_entry("metrics-that-matter", entry("article", "Four", "https://example.org/4")).await;
    let token_of = |id: &str| {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::deliveries::Delivery::all(&mut conn)
            .expect("rows")
            .into_iter()
            .find_map(|d| {
                d.body_text
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix(&format!("http://127.0.0.1:8080/submissions/{id}/edit?token=")))
                    .map(str::to_owned)
            })
            .expect("edit link")
    };
    let edit_token = token_of(&edited);
    let (_, _, html) = fetch(&app, &format!("/submissions/{edited}/edit?token={edit_token}")).await;
    let csrf = crate::helpers::csrf_from(&html);
    let res = app
        .post_form(
            &format!("/submissions/{edited}/edit"),
            &[
                ("csrf_token", &csrf),
                ("token", &edit_token),
                ("kind", "article"),
                ("title", "Four, better"),
                ("url", "https://example.org/4"),
                ("summary", "s"),
                ("author_name", "Ada"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(etag(&app, feed).await, last, "a pending entry edited");
    let res = app
        .post_form(&format!("/submissions/{edited}/withdraw"), &[("csrf_token", &csrf), ("token", &edit_token)])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(etag(&app, feed).await, last, "a pending entry withdrawn");
    for (path, tag) in club_feeds.iter().zip(&before) {
        assert_eq!(&etag(&app, path).await, tag, "{path} after changes to unpublished entries");
    }

    app.api(Method::PATCH, "/api/v1/topics/metrics-that-matter", Some(&token), Some(json!({"summary": "New call"})))
        .await;
    let now = etag(&app, feed).await;
    assert_ne!(now, last, "topic edit");
    let (_, _, xml) = fetch(&app, feed).await;
    assert!(xml.contains("New call"));
    assert!(xml.contains(&first));
}

#[tokio::test]
async fn conditional_requests_get_304_and_head_gets_headers_only() {
    let (app, token) = club().await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let path = "/topics/metrics-that-matter/feed.xml";
    let (_, headers, body) = fetch(&app, path).await;
    let tag = headers["etag"].to_str().expect("ascii").to_owned();
    let modified = headers["last-modified"].to_str().expect("ascii").to_owned();
    assert!(tag.starts_with('"') && !tag.starts_with("W/"), "strong ETag");
    assert!(headers["cache-control"].to_str().expect("ascii").contains("max-age="));
    assert!(headers.get("set-cookie").is_none(), "feeds set no cookies");
    assert!(headers.get("content-encoding").is_none(), "the plain body names no coding (not even identity)");

    let res = app.client.get(app.url(path)).header("if-none-match", &tag).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 304);
    assert_eq!(res.headers()["etag"], tag.as_str());
    // RFC 9110 §15.4.5: the validator and what guides caches, not the representation's metadata.
    assert!(res.headers().contains_key("cache-control") && res.headers().contains_key("vary"));
    assert!(res.headers().get("content-type").is_none() && res.headers().get("last-modified").is_none());
    assert!(res.text().await.expect("body").is_empty());
    // If-None-Match compares weakly: a tag weakened by a proxy, or one of a list, still matches.
    for header in [format!("W/{tag}"), format!("\"other\", {tag}")] {
        let res = app.client.get(app.url(path)).header("if-none-match", &header).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 304, "If-None-Match: {header}");
    }
    let res = app
        .client
        .get(app.url(path))
        .header("if-modified-since", &modified)
        .header("accept-encoding", "identity")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 304);
    let res = app
        .client
        .get(app.url(path))
        .header("if-none-match", "\"something-else\"")
        .header("accept-encoding", "identity")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .client
        .get(app.url(path))
        .header("if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT")
        .header("accept-encoding", "identity")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 200);

    let res = app.client.head(app.url(path)).header("accept-encoding", "identity").send().await.expect("head");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["etag"], tag.as_str());
    assert_eq!(res.headers()["content-length"].to_str().expect("ascii"), body.len().to_string());
    assert!(res.bytes().await.expect("body").is_empty());

    // gzip is offered to clients that accept it, with its own validator.
    let raw = reqwest::Client::new();
    let res = raw.get(app.url(path)).header("accept-encoding", "gzip").send().await.expect("get");
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let gz_tag = res.headers()["etag"].to_str().expect("ascii").to_owned();
    assert_ne!(gz_tag, tag);
    let compressed = res.bytes().await.expect("bytes");
    let mut decoder = flate2::read::GzDecoder::new(&compressed[..]);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut decoder, &mut text).expect("gunzip");
    assert_eq!(text, body);
    let res = raw
        .get(app.url(path))
        .header("accept-encoding", "gzip")
        .header("if-none-match", &gz_tag)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 304);

    // Answers from memory are counted like any other request, under the route's pattern.
    let metrics = app.get("/metrics").await.text().await.expect("metrics");
    let count = |method: &str, status: u16| {
        let series = format!(
            "http_requests_total{{method=\"{method}\",route=\"/topics/{{slug}}/feed.xml\",status=\"{status}\"}} "
        );
        metrics.lines().find_map(|line| line.strip_prefix(series.as_str())).map(str::to_owned)
    };
    assert_eq!(count("GET", 304).as_deref(), Some("5"), "{metrics}");
    assert_eq!(count("HEAD", 200).as_deref(), Some("1"), "{metrics}");
}

#[tokio::test]
async fn drafts_and_unknown_topics_have_no_feed_and_renamed_ones_redirect() {
    let (app, token) = club().await;
    app.create_topic(&token, json!({"month": "2025-05", "title": "Draft Topic"})).await;
    assert_eq!(fetch(&app, "/topics/draft-topic/feed.xml").await.0, 404);
    assert_eq!(fetch(&app, "/topics/no-such-topic/feed.xml").await.0, 404);
    let (_, _, opml) = fetch(&app, "/feeds.opml").await;
    assert!(!opml.contains("Draft Topic"));
    app.api(Method::PATCH, "/api/v1/topics/metrics-that-matter", Some(&token), Some(json!({"slug": "metrics"}))).await;
    let res = app.get("/topics/metrics-that-matter/feed.xml").await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(res.headers()["location"], "/topics/metrics/feed.xml");
}

#[tokio::test]
async fn another_instance_on_the_same_database_notices_changes_within_seconds() {
    let app = spawn_app_with(|s| {
        s.feeds.refresh_seconds = 1;
        s.submissions.per_ip_per_hour = 10_000;
        s.submissions.per_email_per_day = 10_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
    let other = crate::helpers::spawn_app_on(app.settings.clone(), app.dir.clone()).await;
    let feed = "/topics/metrics-that-matter/feed.xml";
    let before = etag(&other, feed).await;
    assert_eq!(etag(&other, feed).await, before, "stable while nothing changes");
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut seen = before.clone();
    while seen == before && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        seen = etag(&other, feed).await;
    }
    assert_ne!(seen, before, "the other instance serves the new feed");
    let (_, _, xml) = fetch(&other, feed).await;
    assert!(xml.contains("<title>One</title>"));
}
