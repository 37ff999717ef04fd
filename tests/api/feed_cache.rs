//! The feed cache under concurrency and across instances: a write is never followed by the old
//! document on the instance that made it, identical documents carry identical tags everywhere,
//! content codings are negotiated, and every answer carries the security headers.

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{entry, spawn_app_on, spawn_app_with, TestApp};

const FEEDS: [&str; 7] = [
    "/topics/metrics-that-matter/feed.xml",
    "/topics/metrics-that-matter/feed.json",
    "/feed.xml",
    "/feed.json",
    "/topics/feed.xml",
    "/topics/feed.json",
    "/feeds.opml",
];

async fn club(refresh_seconds: u64) -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        s.feeds.refresh_seconds = refresh_seconds;
        s.submissions.per_ip_per_hour = 100_000;
        s.submissions.per_email_per_day = 100_000;
        s.database.pool_size = 8;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
    (app, token)
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(app.url(path));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().await.expect("get")
}

async fn plain(app: &TestApp, path: &str) -> (u16, String, String) {
    let res = get(app, path, &[("accept-encoding", "identity")]).await;
    let status = res.status().as_u16();
    let tag = res.headers().get("etag").map(|v| v.to_str().expect("ascii").to_owned()).unwrap_or_default();
    (status, tag, res.text().await.expect("body"))
}

/// Writes, then reads at once on the same instance, while other clients poll every feed (each
/// poll of a stale cache starts a refresh) and the background check runs every second: the read
/// must show the write every time.
#[tokio::test]
async fn a_write_is_never_followed_by_the_old_feed_on_the_same_instance() {
    let (app, token) = club(1).await;
    let feed = "/topics/metrics-that-matter/feed.xml";
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut pollers = Vec::new();
    for n in 0..6 {
        let (base, stop) = (app.address.clone(), stop.clone());
        pollers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut polls = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let path = FEEDS[(n + polls) % FEEDS.len()];
                let _ = client.get(format!("{base}{path}")).send().await.and_then(|r| r.error_for_status());
                polls += 1;
            }
            polls
        }));
    }
    let mut last_tag = String::new();
    for round in 0..40 {
        let title = format!("Round {round} entry");
        let url = format!("https://example.org/round/{round}");
        let id = app.confirmed_entry("metrics-that-matter", entry("article", &title, &url)).await;
        let res = app.api(Method::POST, &format!("/api/v1/submissions/{id}/approve"), Some(&token), None).await;
        assert_eq!(res.status().as_u16(), 200);
        let (status, tag, xml) = plain(&app, feed).await;
        assert_eq!(status, 200);
        assert!(
            xml.contains(&format!("<title>{title}</title>")),
            "round {round}: the feed read after the write lacks it"
        );
        assert_ne!(tag, last_tag, "round {round}: a new document has a new tag");
        last_tag = tag;
        let (_, _, club) = plain(&app, "/feed.xml").await;
        assert!(club.contains(&format!("<title>{title}</title>")), "round {round}: the club feed lacks it");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut polls = 0;
    for poller in pollers {
        polls += poller.await.expect("poller");
    }
    assert!(polls > 100, "the pollers kept the cache busy ({polls} polls)");
}

/// A change committed on one instance is served by another at once: on PostgreSQL through its
/// announcement (the other instance polls only hourly here, so polling cannot be what shows it),
/// on SQLite, which announces nothing, by polling every second.
#[tokio::test]
async fn a_change_on_one_instance_is_served_by_another_within_a_second_on_postgresql() {
    let postgres = crate::helpers::using_postgres();
    let (first, token) = club(if postgres { 3600 } else { 1 }).await;
    let second = spawn_app_on(first.settings.clone(), first.dir.clone()).await;
    let feed = "/topics/metrics-that-matter/feed.xml";
    let search = "/api/v1/search?q=announced";
    let page = "/topics/metrics-that-matter";
    let found = |app: &TestApp| {
        let (feed_url, search_url, page_url) = (app.url(feed), app.url(search), app.url(page));
        async move {
            let client = reqwest::Client::new();
            let body = client.get(feed_url).send().await.expect("feed").text().await.expect("body");
            let results: serde_json::Value =
                client.get(search_url).send().await.expect("search").json().await.expect("JSON");
            let archive = client.get(page_url).send().await.expect("page").text().await.expect("body");
            let seen = (body.contains("Announced at once"), results["total"].as_i64().unwrap_or_default() > 0);
            (seen.0, seen.1, archive.contains("Announced at once"))
        }
    };
    // The second instance has the feed, the search and the anonymous archive page in memory.
    assert_eq!(found(&second).await, (false, false, false));
    first
        .approved_entry(&token, "metrics-that-matter", entry("article", "Announced at once", "https://example.org/now"))
        .await;
    let committed = std::time::Instant::now();
    let limit = std::time::Duration::from_secs(if postgres { 1 } else { 3 });
    loop {
        let seen = found(&second).await;
        if seen == (true, true, true) {
            break;
        }
        assert!(
            committed.elapsed() < limit,
            "after {:?} the second instance still answers {seen:?}",
            committed.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    println!("the second instance served the change after {:?}", committed.elapsed());
    if !postgres {
        return;
    }
    // The listening connections are cut (a restarted server, a proxy timing out): each instance
    // connects again, and the next change is heard as before.
    {
        use diesel::RunQueryDsl;
        let mut conn = first.state.app.db.get().expect("connection");
        let cut = diesel::sql_query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
        )
        .execute(&mut *conn)
        .expect("terminate the listeners");
        assert_eq!(cut, 2, "one listener per instance");
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // (Reconnected, the instance re-reads the versions once; this read takes that up.)
    assert!(!second.get_text(feed).await.1.contains("Heard again"));
    first
        .approved_entry(&token, "metrics-that-matter", entry("article", "Heard again", "https://example.org/again"))
        .await;
    let committed = std::time::Instant::now();
    loop {
        let body = second.get_text(feed).await.1;
        if body.contains("Heard again") {
            break;
        }
        assert!(committed.elapsed() < limit, "after {:?} the second instance has not heard again", committed.elapsed());
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Two instances on one database render byte-identical documents, so they send the same entity
/// tag, and each answers the other's tag with 304.
#[tokio::test]
async fn two_instances_give_the_same_tags_and_honour_each_others() {
    let (first, token) = club(1).await;
    first.approved_entry(&token, "metrics-that-matter", entry("article", "A & B <c>", "https://example.org/1")).await;
    first
        .approved_entry(&token, "metrics-that-matter", entry("video", "Two", "https://www.youtube.com/watch?v=abc"))
        .await;
    let second = spawn_app_on(first.settings.clone(), first.dir.clone()).await;
    for path in FEEDS {
        let (a_status, a_tag, a_body) = plain(&first, path).await;
        let (b_status, b_tag, b_body) = plain(&second, path).await;
        assert_eq!((a_status, b_status), (200, 200), "{path}");
        assert_eq!(a_body, b_body, "{path}: the same bytes on both instances");
        assert_eq!(a_tag, b_tag, "{path}: the same tag on both instances");
        for (asked, tag) in [(&second, &a_tag), (&first, &b_tag)] {
            let res = get(asked, path, &[("if-none-match", tag), ("accept-encoding", "identity")]).await;
            assert_eq!(res.status().as_u16(), 304, "{path} answers the other instance's tag");
        }
        let gz = |app: &TestApp| {
            let app_url = app.url(path);
            async move {
                let res =
                    reqwest::Client::new().get(app_url).header("accept-encoding", "gzip").send().await.expect("get");
                res.headers()["etag"].to_str().expect("ascii").to_owned()
            }
        };
        let (a_gz, b_gz) = (gz(&first).await, gz(&second).await);
        assert_eq!(a_gz, b_gz, "{path}: the gzip tags agree too");
        let res = get(&first, path, &[("if-none-match", &b_gz), ("accept-encoding", "gzip")]).await;
        assert_eq!(res.status().as_u16(), 304, "{path} answers the other instance's gzip tag");
    }
}

#[tokio::test]
async fn codings_refused_with_q_zero_are_not_used() {
    let (app, token) = club(60).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let path = "/topics/metrics-that-matter/feed.xml";
    let (_, _, body) = plain(&app, path).await;
    for refused in ["gzip;q=0", "gzip; q=0.0, identity", "*;q=0, identity", "deflate", "br;q=0, gzip;q=0"] {
        let res = get(&app, path, &[("accept-encoding", refused)]).await;
        assert!(res.headers().get("content-encoding").is_none(), "{refused}: no coding");
        assert_eq!(res.text().await.expect("body"), body, "{refused}: the plain body");
    }
    for accepted in ["gzip", "gzip;q=0.5, identity", "br;q=0, *;q=0.1", "x-gzip", "gzip, br;q=0.5"] {
        let res = get(&app, path, &[("accept-encoding", accepted)]).await;
        assert_eq!(res.headers()["content-encoding"], "gzip", "{accepted}");
    }
    for accepted in ["br", "gzip, deflate, br", "br, *;q=0.1"] {
        let res = get(&app, path, &[("accept-encoding", accepted)]).await;
        assert_eq!(res.headers()["content-encoding"], "br", "{accepted}");
        let bytes = res.bytes().await.expect("body");
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut brotli::Decompressor::new(&bytes[..], 4096), &mut decoded).expect("brotli");
        assert_eq!(decoded, body, "{accepted}: brotli of the same bytes");
    }
}

fn assert_security_headers(res: &reqwest::Response, what: &str, https: bool) {
    let h = res.headers();
    for name in ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"] {
        assert!(h.contains_key(name), "{what}: {name} missing in {h:?}");
    }
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h.contains_key("strict-transport-security"), https, "{what}: HSTS exactly when served over https");
}

/// 200, 304 (from memory and from the handlers), 404 and 503 answers of feeds carry the security
/// headers; HSTS under https.
#[tokio::test]
async fn every_feed_answer_carries_the_security_headers() {
    for https in [false, true] {
        let app = spawn_app_with(|s| {
            s.database.pool_size = 2;
            s.database.connect_timeout_seconds = 1;
            s.feeds.refresh_seconds = 3600;
            if https {
                s.club.base_url = "https://club.example.org".into();
            }
        })
        .await;
        let token = app.admin_token();
        app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
        let path = "/topics/metrics-that-matter/feed.xml";
        let first = get(&app, path, &[]).await;
        assert_eq!(first.status().as_u16(), 200);
        assert_security_headers(&first, "200", https);
        let tag = first.headers()["etag"].to_str().expect("ascii").to_owned();
        let memory = get(&app, path, &[("if-none-match", &tag), ("accept-encoding", "gzip")]).await;
        assert_eq!(memory.status().as_u16(), 304);
        assert_security_headers(&memory, "304 from memory", https);
        let missing = get(&app, "/topics/no-such-topic/feed.xml", &[]).await;
        assert_eq!(missing.status().as_u16(), 404);
        assert_security_headers(&missing, "404", https);
        // Every pooled connection held: a feed that needs the database waits, then gets 503.
        app.create_topic(&token, json!({"month": "2025-04", "title": "Second", "announced": true})).await;
        let held: Vec<_> = (0..2).map(|_| app.state.app.db.get().expect("connection")).collect();
        let busy = get(&app, "/topics/second/feed.xml", &[]).await;
        assert_eq!(busy.status().as_u16(), 503);
        assert!(busy.headers().contains_key("retry-after"));
        assert_security_headers(&busy, "503", https);
        drop(held);
        let routed = get(&app, "/topics/second/feed.xml", &[("if-none-match", "*")]).await;
        assert_eq!(routed.status().as_u16(), 304);
        assert_security_headers(&routed, "304 from the handler", https);
    }
}

/// The W3C feed validator's rule for plain text: `&`, `<` and `>` in titles and other text are
/// written as hexadecimal character references, never as named entities.
#[tokio::test]
async fn rss_text_uses_hexadecimal_character_references() {
    let (app, token) = club(60).await;
    app.api(
        Method::PATCH,
        "/api/v1/topics/metrics-that-matter",
        Some(&token),
        Some(json!({"title": "Metrics & <Numbers>"})),
    )
    .await;
    app.approved_entry(
        &token,
        "metrics-that-matter",
        json!({"kind": "article", "title": "Q&A: <b>bold</b> > 1", "url": "https://example.org/q?a=1&b=2",
               "summary": "Tom & Jerry's \"cat\" <3", "author_name": "A & B", "author_email": "ab@example.org"}),
    )
    .await;
    for path in ["/topics/metrics-that-matter/feed.xml", "/feed.xml", "/topics/feed.xml"] {
        let (_, _, xml) = plain(&app, path).await;
        for named in ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"] {
            assert!(!xml.contains(named), "{path} writes {named}");
        }
        let channel = rss::Channel::read_from(xml.as_bytes()).expect("parses");
        let titles: Vec<&str> = channel.items().iter().filter_map(|i| i.title()).collect();
        assert!(
            titles.iter().any(|t| t.contains("Q&A: <b>bold</b> > 1") || t.contains("Metrics & <Numbers>")),
            "{path}: {titles:?}"
        );
    }
    let (_, _, xml) = plain(&app, "/topics/metrics-that-matter/feed.xml").await;
    assert!(xml.contains("<title>Q&#x26;A: &#x3C;b&#x3E;bold&#x3C;/b&#x3E; &#x3E; 1</title>"), "{xml}");
}
