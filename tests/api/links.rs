//! Links that know what they point at, against a fixture site on loopback (private networks
//! allowed for it): previews fill the fields or say "fill it in yourself", never a 5xx; the guard
//! refuses private addresses without connecting when the setting is off; one canonical form per
//! link for the duplicate check; thumbnails from the club's own address; dead links found.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use crate::fixture_site::FixtureSite;
use crate::helpers::{spawn_app_with, TestApp};

/// An app that may fetch the fixture site (1.5 s budget), with an open March topic.
async fn club(outbound: bool) -> (TestApp, String) {
    let app = spawn_app_with(move |s| {
        s.outbound.enabled = outbound;
        s.outbound.allow_private_networks = true;
        s.outbound.timeout_ms = 1500;
        s.links.preview_per_ip_per_minute = 1000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    (app, token)
}

async fn preview(app: &TestApp, url: &str) -> Value {
    let path = format!(
        "/api/v1/links/preview?topic=metrics&url={}",
        url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
    );
    let res = app.get(&path).await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{url}: {body}");
    body
}

#[tokio::test]
async fn every_kind_of_page_ends_in_filled_fields_or_a_clear_fill_it_in_yourself() {
    let site = FixtureSite::start();
    let (app, _) = club(true).await;

    let video = preview(&app, &site.url("/watch?v=abc")).await;
    assert_eq!(video["title"], "Platform talk - YouTube", "the page's own title wins over oEmbed's");
    assert_eq!(
        (video["author"].as_str(), video["kind"].as_str()),
        (Some("Ada Lovelace"), Some("video")),
        "oEmbed adds the rest"
    );
    assert_eq!(video["site_name"], "YouTube");
    let thumbnail = video["thumbnail_url"].as_str().expect("a thumbnail");
    assert!(thumbnail.starts_with("http://127.0.0.1:8080/media/thumbnails/"), "served by the club: {thumbnail}");
    let res = app.get(&crate::helpers::path_of(thumbnail)).await;
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(res.headers()["cache-control"].to_str().expect("ascii").contains("immutable"));
    let bytes = res.bytes().await.expect("bytes");
    let small = image::load_from_memory(&bytes).expect("an image");
    assert!(small.width() <= 480 && small.height() <= 270, "shrunk: {}x{}", small.width(), small.height());

    let post = preview(&app, &site.url("/p/platforms?utm_source=newsletter&utm_medium=email")).await;
    assert_eq!(post["title"], "Platforms as products");
    assert_eq!(post["description"], "What a year of running our platform as a product taught us.");
    assert_eq!(
        (post["site_name"].as_str(), post["author"].as_str()),
        (Some("The Platform Letter"), Some("Grace Hopper"))
    );
    assert_eq!(post["published_at"], "2025-03-04T08:00:00Z");
    assert_eq!(post["canonical_url"], site.url("/p/platforms"));
    assert!(post["thumbnail_url"].is_string());

    let blocked = preview(&app, &site.url("/linkedin/posts/ada")).await;
    assert_eq!(blocked["fetched"], false);
    assert!(blocked["title"].is_null());
    assert!(
        blocked["message"].as_str().expect("why").contains("999")
            && blocked["message"].as_str().expect("why").contains("yourself")
    );

    let plain = preview(&app, &site.url("/plain")).await;
    assert_eq!((plain["title"].as_str(), plain["fetched"].as_bool()), (Some("Only a title here"), Some(true)));
    assert!(plain["description"].is_null() && plain["thumbnail_url"].is_null());

    let short = preview(&app, &site.url("/short/abc")).await;
    assert_eq!(
        short["canonical_url"],
        site.url("/p/platforms"),
        "the redirect chain is followed and its tracking dropped"
    );
    assert_eq!(short["title"], "Platforms as products");
    let bare = preview(&app, &site.url("/short/xyz")).await;
    assert_eq!(
        bare["canonical_url"],
        site.url("/plain"),
        "where the redirects end is the link, even with no canonical tag"
    );

    let private = preview(&app, &site.url("/to-private")).await;
    assert_eq!(private["fetched"], false);
    assert!(private["message"].as_str().expect("why").contains("169.254.169.254"), "{private}");

    let started = Instant::now();
    let slow = preview(&app, &site.url("/slow")).await;
    assert!(started.elapsed() < Duration::from_millis(3500), "gave up at the budget: {:?}", started.elapsed());
    assert_eq!(slow["fetched"], false);
    assert!(slow["message"].as_str().expect("why").contains("no answer within the time allowed"));

    let huge = preview(&app, &site.url("/huge")).await;
    assert_eq!(huge["title"], "A very long page", "the start of the page is read");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = site.huge_bytes_sent.load(Ordering::SeqCst);
    // The client reads 1 MiB and hangs up; loopback socket buffers take a few MB more than that
    // before the server's writes fail, far from the 50 MB the page would send.
    assert!(sent < 20 * 1024 * 1024, "reading stopped at the cap ({sent} bytes sent of 50 MB)");

    let disguised = preview(&app, &site.url("/disguised")).await;
    assert_eq!(disguised["fetched"], false);
    assert!(disguised["message"].as_str().expect("why").contains("image, not a page"));

    // Previews are kept: asking again does not fetch again.
    let before = site.hits("/p/platforms");
    preview(&app, &site.url("/p/platforms?utm_source=newsletter&utm_medium=email")).await;
    assert_eq!(site.hits("/p/platforms"), before);
}

/// A listener that counts the connections it accepts.
fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stream.is_ok() {
                count.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    (port, accepted)
}

#[tokio::test]
async fn with_the_setting_off_no_private_address_is_ever_connected_to() {
    let (port, accepted) = counting_listener();
    let app = spawn_app_with(|s| {
        s.outbound.enabled = true;
        s.outbound.allow_private_networks = false;
        s.links.preview_per_ip_per_minute = 1000;
    })
    .await;
    for host in [
        "127.0.0.1".to_owned(),
        "127.1".to_owned(),
        "2130706433".to_owned(),
        "0177.0.0.1".to_owned(),
        "0x7f000001".to_owned(),
        "[::1]".to_owned(),
        "[::ffff:127.0.0.1]".to_owned(),
        "localhost".to_owned(),
        "10.0.0.1".to_owned(),
        "192.168.0.1".to_owned(),
        "169.254.169.254".to_owned(),
        "[fd00::1]".to_owned(),
    ] {
        let url = format!("http://{host}:{port}/");
        let body = preview_unscoped(&app, &url).await;
        assert_eq!(body["fetched"], false, "{url}");
        let message = body["message"].as_str().expect("why");
        assert!(message.contains("not a public address") || message.contains("this machine"), "{url}: {message}");
    }
    // A name that resolves to 127.0.0.1 is refused by the resolver, before any connection.
    let resolver =
        content_club::outbound::guard::resolver(content_club::outbound::Guard { allow_private_networks: false });
    let refused = reqwest::dns::Resolve::resolve(&*resolver, "localhost".parse().expect("name")).await;
    assert!(refused.is_err(), "localhost resolves to loopback only");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(accepted.load(Ordering::SeqCst), 0, "no connection was made");
}

async fn preview_unscoped(app: &TestApp, url: &str) -> Value {
    let path = format!(
        "/api/v1/links/preview?url={}",
        url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
    );
    let res = app.get(&path).await;
    assert_eq!(res.status().as_u16(), 200, "{url}");
    res.json().await.expect("json")
}

fn member(url: &str, n: usize) -> Value {
    json!({"kind": "article", "title": format!("Entry {n}"), "url": url, "summary": "s",
           "author_name": "Ada", "author_email": format!("ada{n}@example.org")})
}

async fn submit(app: &TestApp, body: Value) -> u16 {
    app.api(Method::POST, "/api/v1/topics/metrics/submissions", None, Some(body)).await.status().as_u16()
}

#[tokio::test]
async fn the_duplicate_check_knows_one_page_by_its_many_addresses() {
    let (app, _) = club(false).await;
    let same = [
        [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=Xy12abc",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
        ],
        [
            "https://www.linkedin.com/posts/ada_platforms-activity-7123?utm_source=share&utm_medium=member_desktop",
            "https://www.linkedin.com/posts/ada_platforms-activity-7123?trackingId=AbC%3D%3D&rcm=ACoAAB",
            "https://de.linkedin.com/posts/ada_platforms-activity-7123",
        ],
        [
            "https://letter.example.org/p/issue-7",
            "https://letter.example.org/p/issue-7?utm_source=newsletter&utm_campaign=march",
            "https://letter.example.org/p/issue-7?mc_cid=abc&mc_eid=def",
        ],
    ];
    for (n, forms) in same.iter().enumerate() {
        assert_eq!(submit(&app, member(forms[0], n * 10)).await, 202, "{}", forms[0]);
        for (m, other) in forms[1..].iter().enumerate() {
            assert_eq!(submit(&app, member(other, n * 10 + m + 1)).await, 409, "{other} is {}", forms[0]);
        }
    }
    assert_eq!(app.count("submissions"), 3);
}

#[tokio::test]
async fn a_short_link_and_its_target_are_one_entry_and_blank_fields_are_filled_from_the_page() {
    let site = FixtureSite::start();
    let (app, _) = club(true).await;
    // No title, no summary, no kind: the page fills them (the form without JavaScript does this).
    let body = json!({"kind": "", "title": "", "url": site.url("/p/platforms?utm_source=x"), "summary": "",
                      "author_name": "Grace", "author_email": "grace@example.org"});
    let res = app.api(Method::POST, "/api/v1/topics/metrics/submissions", None, Some(body)).await;
    assert_eq!(res.status().as_u16(), 202);
    let stored = {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::submissions::Submission::list(&mut conn, &Default::default()).expect("rows").remove(0)
    };
    assert_eq!(stored.title, "Platforms as products");
    assert_eq!(stored.summary, "What a year of running our platform as a product taught us.");
    assert_eq!(stored.kind.as_str(), "article");
    assert_eq!(stored.canonical_url, site.url("/p/platforms"));
    assert!(stored.thumbnail.is_some(), "its thumbnail is stored");
    assert_eq!(submit(&app, member(&site.url("/short/abc"), 2)).await, 409, "the short link leads to the same post");

    // A page that cannot be read leaves the fields to the member, with a clear answer.
    let res = app
        .api(Method::POST, "/api/v1/topics/metrics/submissions", None, Some(json!({"kind": "post", "title": "", "url": site.url("/linkedin/posts/ada"), "summary": "", "author_name": "Ada", "author_email": "ada@example.org"})))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let problem: Value = res.json().await.expect("json");
    assert!(problem["errors"]["title"].is_string() && problem["errors"]["summary"].is_string(), "{problem}");
}

#[tokio::test]
async fn the_dead_link_check_finds_a_404_and_leaves_a_429_alone() {
    let site = FixtureSite::start();
    let (app, token) = club(true).await;
    let dying = crate::helpers::entry("article", "Soon gone", &site.url("/status/dying"));
    let dying = app.approved_entry(&token, "metrics", dying).await;
    let limited = app
        .approved_entry(&token, "metrics", crate::helpers::entry("article", "Busy site", &site.url("/status/limited")))
        .await;
    let worker = app.worker();
    assert_eq!(worker.check_links().await.expect("round").checked, 2);

    site.set_status("/status/dying", 404);
    site.set_status("/status/limited", 429);
    for round in 1..=2 {
        app.clock.advance(chrono::Duration::days(15));
        let found = worker.check_links().await.expect("round");
        assert_eq!(found.checked, 2, "round {round}");
    }
    app.logged_in_admin().await;
    let (_, dashboard) = app.get_text("/admin").await;
    assert!(dashboard.contains("Links that died") && dashboard.contains("Soon gone"), "the broken link is listed");
    assert!(!dashboard.contains("Busy site"), "429 says nothing about the link");
    let state = |id: &str| {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::submissions::Submission::by_public_id(&mut conn, id)
            .expect("q")
            .expect("row")
            .link_state
            .to_string()
    };
    assert_eq!((state(&dying).as_str(), state(&limited).as_str()), ("broken", "ok"));

    // The organiser gives it a new link; it is no longer listed.
    let csrf = app.csrf("/admin").await;
    let res = app
        .post_form(
            &format!("/admin/entries/{dying}/link"),
            &[("csrf_token", &csrf), ("url", &site.url("/status/moved"))],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(state(&dying), "unchecked");
    assert!(!app.get_text("/admin").await.1.contains("Links that died"), "no broken link is listed");
}
