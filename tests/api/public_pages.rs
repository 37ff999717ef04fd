//! Public pages as anonymous visitors get them: the same bytes for everyone in one language,
//! kept in memory, validated and compressed like feeds, and current after every change; the
//! forms on them work without a per-visitor token; organisers see live pages.

use chrono::{Duration, TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{entry, new_client, spawn_app_on, spawn_app_with, stamp_from, TestApp};

const PAGES: [&str; 5] =
    ["/", "/topics", "/topics/metrics-that-matter", "/authors", "/topics/metrics-that-matter?kind=article"];

async fn club() -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 100_000;
        s.submissions.per_email_per_day = 100_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "DORA done right", "https://example.org/dora"))
        .await;
    (app, token)
}

/// A visitor's GET with these headers: status, the headers that matter here, the body.
async fn visit(client: &reqwest::Client, app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Visit {
    let mut req = client.get(app.url(path));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let res = req.send().await.expect("get");
    let header = |name: &str| res.headers().get(name).map(|v| v.to_str().expect("ascii").to_owned());
    let visit = Visit {
        status: res.status().as_u16(),
        etag: header("etag"),
        cache_control: header("cache-control"),
        content_language: header("content-language"),
        vary: res.headers().get_all("vary").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect(),
        cookies: res.headers().get_all("set-cookie").iter().count(),
        body: Vec::new(),
    };
    Visit { body: res.bytes().await.expect("body").to_vec(), ..visit }
}

#[derive(Debug)]
struct Visit {
    status: u16,
    etag: Option<String>,
    cache_control: Option<String>,
    content_language: Option<String>,
    vary: Vec<String>,
    cookies: usize,
    body: Vec<u8>,
}

impl Visit {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8")
    }
}

#[tokio::test]
async fn an_anonymous_page_is_byte_identical_for_two_visitors_and_an_organiser_sees_live_data() {
    let (app, token) = club().await;
    // Two strangers: one fresh, one who has been to the login page (and holds its CSRF seed).
    let (first, second) = (new_client(), new_client());
    second.get(app.url("/admin/login")).send().await.expect("login page");
    for path in PAGES {
        let a = visit(&first, &app, path, &[("accept-language", "en-GB,en;q=0.9")]).await;
        let b = visit(&second, &app, path, &[("accept-language", "en")]).await;
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(a.body, b.body, "{path}: the same bytes for both visitors");
        assert_eq!(a.etag, b.etag, "{path}");
        assert!(a.etag.as_deref().is_some_and(|t| t.starts_with('"')), "{path}: a strong entity tag: {a:?}");
        let cache_control = a.cache_control.clone().unwrap_or_default();
        assert!(cache_control.starts_with("public") && cache_control.contains("stale-while-revalidate"), "{path}");
        assert_eq!((a.cookies, b.cookies), (0, 0), "{path}: nobody gets a cookie");
        assert!(!a.text().contains("csrf_token"), "{path}: no per-visitor token");
        assert!(a.vary.iter().any(|v| v.contains("Accept-Language")), "{path}: {:?}", a.vary);
        // The same page again, now from memory: the same bytes; and its tag answers 304.
        let again = visit(&first, &app, path, &[("accept-language", "en")]).await;
        assert_eq!((again.body == a.body, &again.etag), (true, &a.etag), "{path}");
        let tag = a.etag.clone().expect("tag");
        let unchanged = visit(&second, &app, path, &[("if-none-match", &tag)]).await;
        assert_eq!((unchanged.status, unchanged.body.len()), (304, 0), "{path}");
    }

    // Another instance on the same database (or this one after a restart), some minutes later,
    // renders the very same bytes: the same entity tags everywhere.
    let other = spawn_app_on(app.settings.clone(), app.dir.clone()).await;
    other.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 7, 30).single().expect("valid"));
    for path in PAGES {
        let here = visit(&first, &app, path, &[]).await;
        let there = visit(&first, &other, path, &[]).await;
        assert!(here.body == there.body && here.etag == there.etag, "{path}: the same page on both instances");
    }

    // Each language is a page of its own, labelled as such.
    let japanese = visit(&first, &app, "/", &[("accept-language", "ja")]).await;
    let english = visit(&first, &app, "/", &[("accept-language", "en")]).await;
    assert_eq!(japanese.content_language.as_deref(), Some("ja"));
    assert!(japanese.text().contains(r#"<html lang="ja">"#));
    assert_ne!(japanese.etag, english.etag);

    // A change shows at once: the page kept before it is not answered again.
    let before = visit(&first, &app, "/topics/metrics-that-matter", &[]).await;
    app.approved_entry(&token, "metrics-that-matter", entry("video", "Flow, not velocity", "https://example.org/flow"))
        .await;
    let after = visit(&first, &app, "/topics/metrics-that-matter", &[("accept-language", "en")]).await;
    assert!(!before.text().contains("Flow, not velocity") && after.text().contains("Flow, not velocity"));
    assert_ne!(before.etag, after.etag);
    // Kept, not rendered again: a change made behind the service's back (no content version
    // raised) is not seen by visitors while the page is kept, where an organiser reads it live.
    {
        use diesel::RunQueryDsl;
        let mut conn = app.state.app.db.get().expect("connection");
        diesel::sql_query("UPDATE topics SET title = 'Renamed Behind The Back' WHERE slug = 'metrics-that-matter'")
            .execute(&mut *conn)
            .expect("update");
    }
    let kept = visit(&second, &app, "/topics/metrics-that-matter", &[("accept-language", "en")]).await;
    assert!(kept.body == after.body, "the kept page answers");
    let organiser = new_client();
    app.add_organiser("live@example.org", "a long enough password");
    let html = organiser.get(app.url("/admin/login")).send().await.expect("login page").text().await.expect("body");
    let form = [
        ("csrf_token", crate::helpers::csrf_from(&html)),
        ("email", "live@example.org".into()),
        ("password", "a long enough password".into()),
    ];
    organiser.post(app.url("/admin/login")).form(&form).send().await.expect("login");
    let live = visit(&organiser, &app, "/topics/metrics-that-matter", &[]).await;
    assert!(live.text().contains("Renamed Behind The Back"), "the organiser reads the database");
    assert_eq!(live.cache_control.as_deref(), Some("no-store"));
    let stale =
        visit(&second, &app, "/topics/metrics-that-matter", &[("if-none-match", &before.etag.expect("tag"))]).await;
    assert_eq!(stale.status, 200, "the old tag no longer matches");
    let before = visit(&first, &app, "/topics/metrics-that-matter", &[("accept-language", "ja")]).await;
    assert!(!before.text().contains("大事な指標"));
    let res = app
        .api(
            Method::PUT,
            "/api/v1/topics/metrics-that-matter/translations/ja",
            Some(&token),
            Some(json!({"title": "大事な指標", "summary": "測る"})),
        )
        .await;
    assert!(res.status().is_success(), "translation stored");
    let translated = visit(&first, &app, "/topics/metrics-that-matter", &[("accept-language", "ja")]).await;
    assert!(translated.text().contains("大事な指標"), "the translation shows at once");

    // An organiser sees live pages: a draft topic, the organiser's own menu, nothing kept.
    app.create_topic(&token, json!({"month": "2025-05", "title": "Draft Only Organisers See", "announced": false}))
        .await;
    assert_eq!(visit(&first, &app, "/topics/draft-only-organisers-see", &[]).await.status, 404);
    app.logged_in_admin().await;
    let live = visit(&app.client, &app, "/topics/draft-only-organisers-see", &[]).await;
    assert_eq!(live.status, 200, "the organiser reads the draft");
    let home = visit(&app.client, &app, "/", &[]).await;
    assert_eq!(home.cache_control.as_deref(), Some("no-store"));
    assert!(home.text().contains("/admin/logout") && home.etag.is_none(), "the organiser's own page");
    let anonymous = visit(&first, &app, "/", &[]).await;
    assert!(!anonymous.text().contains("/admin/logout"), "and visitors never get it");
}

#[tokio::test]
async fn forms_on_public_pages_work_without_a_token_and_bots_and_other_sites_are_refused() {
    let (app, _) = club().await;
    let visitor = new_client();
    let subscribers = || app.count("subscribers");
    let post = |fields: Vec<(&'static str, String)>, headers: Vec<(&'static str, String)>| {
        let mut req = visitor.post(app.url("/subscribe")).form(&fields);
        for (name, value) in headers {
            req = req.header(name, value);
        }
        async move { req.send().await.expect("post") }
    };
    let with_stamp = |started: &str, email: &str, website: &str| {
        vec![("email", email.to_owned()), ("started", started.to_owned()), ("website", website.to_owned())]
    };
    // On the subscribe page (rendered for each visitor), posted the moment the page was read:
    // faster than a person types.
    let own_page = stamp_from(&visit(&visitor, &app, "/subscribe", &[]).await.text());
    let res = post(with_stamp(&own_page, "quick@example.org", ""), vec![]).await;
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.expect("body").contains("faster than a person"));
    // The home page's form, kept for every visitor, carries the hour's stamp: kept open for
    // more than a day, it is refused too.
    let home = visit(&visitor, &app, "/", &[]).await.text();
    let started = stamp_from(&home);
    app.clock.advance(Duration::hours(25));
    let res = post(with_stamp(&started, "late@example.org", ""), vec![]).await;
    assert_eq!(res.status().as_u16(), 400);
    app.clock.advance(Duration::hours(-25) + Duration::seconds(15));
    let fields = |email: &str, website: &str| with_stamp(&started, email, website);
    // From another site, by the browser's word or the Origin: refused.
    for header in [("sec-fetch-site", "cross-site".to_owned()), ("origin", "https://evil.example".to_owned())] {
        let res = post(fields("ann@example.org", ""), vec![header.clone()]).await;
        assert_eq!(res.status().as_u16(), 403, "{header:?}");
    }
    // A bot filling in the hidden field: refused, with a message.
    let res = post(fields("bot@example.org", "https://spam.example"), vec![]).await;
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(subscribers(), 0, "nothing was written");
    // A person, from this site: subscribed (pending confirmation).
    let res = post(fields("ann@example.org", ""), vec![("sec-fetch-site", "same-origin".to_owned())]).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(subscribers(), 1);
    // The hour's stamp serves the subscribe form only: the submission form refuses it.
    let before = app.count("submissions");
    let form = [
        ("started", started.as_str()),
        ("kind", "article"),
        ("url", "https://example.org/stamped"),
        ("title", "Stamped by the hour"),
        ("summary", "A summary."),
        ("author_name", "Ann"),
        ("author_email", "ann@example.org"),
        ("agree", "on"),
    ];
    let res = visitor.post(app.url("/topics/metrics-that-matter/submit")).form(&form).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.expect("body").contains("The form is incomplete"));
    assert_eq!(app.count("submissions"), before);
}

#[tokio::test]
async fn a_visitor_the_fast_path_would_read_differently_gets_a_live_page_that_is_not_kept() {
    let (app, _) = club().await;
    let stranger = new_client();
    // A quoted language cookie: the application reads it as Japanese, the fast path could not.
    let japanese = visit(&stranger, &app, "/topics", &[("cookie", r#"lang="ja""#)]).await;
    assert!(japanese.text().contains(r#"<html lang="ja">"#));
    assert_eq!(japanese.cache_control.as_deref(), Some("no-store"), "rendered live");
    let plain = visit(&stranger, &app, "/topics", &[]).await;
    assert!(plain.text().contains(r#"<html lang="en">"#), "the next visitor gets the club's language");
    // Cookies beyond ASCII: live too.
    let cookie = reqwest::header::HeaderValue::from_bytes("theme=dunkel-grün".as_bytes()).expect("obs-text");
    let other = stranger.get(app.url("/topics")).header("cookie", cookie).send().await.expect("get");
    assert_eq!(other.status().as_u16(), 200);
    assert_eq!(other.headers().get("cache-control").map(|v| v.as_bytes()), Some(&b"no-store"[..]));
    // Made-up query parameters: rendered, never kept.
    for n in 0..3 {
        let junk = visit(&stranger, &app, &format!("/topics?utm_source=x{n}"), &[]).await;
        assert_eq!((junk.status, junk.cache_control.as_deref()), (200, Some("no-store")));
    }
    let filtered = visit(&stranger, &app, "/topics/metrics-that-matter?kind=article", &[]).await;
    assert!(filtered.cache_control.is_some_and(|c| c.starts_with("public")), "an archive's own filters are kept");
}

#[tokio::test]
async fn answers_are_compressed_when_asked_except_beside_an_organisers_secrets() {
    let (app, _) = club().await;
    let decode = |bytes: &[u8]| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut brotli::Decompressor::new(bytes, 4096), &mut text).expect("brotli");
        text
    };
    let visitor = new_client();
    for path in ["/", "/subscribe", "/search?q=dora", "/api/v1/topics"] {
        let plain = visit(&visitor, &app, path, &[("accept-encoding", "identity")]).await;
        let res = visitor.get(app.url(path)).header("accept-encoding", "br, gzip").send().await.expect("get");
        assert_eq!(res.headers().get("content-encoding").map(|v| v.to_str().expect("ascii")), Some("br"), "{path}");
        let body = res.bytes().await.expect("body");
        assert!(body.len() < plain.body.len(), "{path}: smaller");
        if path != "/subscribe" && path != "/search?q=dora" {
            // (Those two carry the time the form was shown, a second apart.)
            assert_eq!(decode(&body).into_bytes(), plain.body, "{path}: the same document");
        }
    }
    // A coding the kept pages lack is not made up on the way out under their tags.
    for path in ["/", "/subscribe"] {
        let res = visitor.get(app.url(path)).header("accept-encoding", "deflate").send().await.expect("get");
        assert!(res.headers().get("content-encoding").is_none(), "{path}: sent as it is");
    }
    // An organiser's pages carry a CSRF token: never compressed (BREACH).
    app.logged_in_admin().await;
    for path in ["/admin", "/admin/submissions", "/"] {
        let res = app.client.get(app.url(path)).header("accept-encoding", "br, gzip").send().await.expect("get");
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(res.headers().get("content-encoding").is_none(), "{path}: sent uncompressed");
    }
}
