//! The authorisation sweep: every route the application registers is classified here (a test
//! reads the route table from the handlers' `configure` functions and fails on a route nobody
//! classified), then every organiser route is called without a session, every form post without
//! its CSRF token, every organiser API route with a revoked token — never a 2xx, never a change —
//! and every GET is checked to change nothing.

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{entry, new_client, spawn_app_with, TestApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone; a form post still needs its CSRF token.
    Public,
    /// Anyone holding a private token in the link (members, subscribers).
    PrivateLink,
    /// A logged-in organiser (pages) and a CSRF token (posts).
    Organiser,
    /// A bearer token.
    ApiOrganiser,
    /// Public API (JSON, no cookies).
    ApiPublic,
    /// A mail provider's notification, authenticated by that provider's own scheme.
    Provider,
}

/// (method, path pattern, access). Path patterns exactly as registered.
const ROUTES: &[(&str, &str, Access)] = &[
    ("GET", "/", Access::Public),
    ("GET", "/topics", Access::Public),
    ("GET", "/schedule.ics", Access::Public),
    ("GET", "/topics/{slug}", Access::Public),
    ("GET", "/search", Access::Public),
    ("GET", "/search/feed.xml", Access::Public),
    ("GET", "/search/feed.json", Access::Public),
    ("GET", "/opensearch.xml", Access::Public),
    ("GET", "/authors", Access::Public),
    ("GET", "/authors/{slug}", Access::Public),
    ("GET", "/authors/{slug}/feed.xml", Access::Public),
    ("GET", "/authors/{slug}/feed.json", Access::Public),
    ("GET", "/topics/{slug}/submit", Access::Public),
    ("POST", "/topics/{slug}/submit", Access::Public),
    ("GET", "/topics/{slug}/digest", Access::Public),
    ("GET", "/topics/{slug}/roundup", Access::Public),
    ("GET", "/media/thumbnails/{name}", Access::Public),
    ("GET", "/topics/{slug}/roundup.md", Access::Public),
    ("GET", "/topics/{slug}/roundup.txt", Access::Public),
    ("GET", "/submissions/{public_id}", Access::Public),
    ("GET", "/submissions/{public_id}/confirm", Access::PrivateLink),
    ("POST", "/submissions/{public_id}/confirm", Access::PrivateLink),
    ("GET", "/submissions/{public_id}/edit", Access::PrivateLink),
    ("POST", "/submissions/{public_id}/edit", Access::PrivateLink),
    ("POST", "/submissions/{public_id}/withdraw", Access::PrivateLink),
    ("GET", "/subscribe", Access::Public),
    ("POST", "/subscribe", Access::Public),
    ("GET", "/subscribe/confirm", Access::PrivateLink),
    ("POST", "/subscribe/confirm", Access::PrivateLink),
    ("GET", "/unsubscribe", Access::PrivateLink),
    ("POST", "/unsubscribe", Access::PrivateLink),
    ("GET", "/subscription", Access::PrivateLink),
    ("POST", "/subscription", Access::PrivateLink),
    ("GET", "/static/{name}", Access::Public),
    ("GET", "/healthz", Access::Public),
    ("GET", "/readyz", Access::Public),
    ("GET", "/metrics", Access::Public),
    ("GET", "/admin/login", Access::Public),
    ("POST", "/admin/login", Access::Public),
    ("POST", "/admin/logout", Access::Organiser),
    ("POST", "/admin/logout-everywhere", Access::Organiser),
    ("GET", "/admin/account", Access::Organiser),
    ("POST", "/admin/account/password", Access::Organiser),
    ("GET", "/admin", Access::Organiser),
    ("GET", "/admin/topics", Access::Organiser),
    ("GET", "/admin/topics/new", Access::Organiser),
    ("POST", "/admin/topics/new", Access::Organiser),
    ("GET", "/admin/topics/{slug}/edit", Access::Organiser),
    ("GET", "/admin/topics/{slug}/translations", Access::Organiser),
    ("POST", "/admin/topics/{slug}/translations", Access::Organiser),
    ("POST", "/admin/topics/{slug}/edit", Access::Organiser),
    ("POST", "/admin/topics/{slug}/announce", Access::Organiser),
    ("POST", "/admin/topics/{slug}/delete", Access::Organiser),
    ("GET", "/admin/submissions", Access::Organiser),
    ("GET", "/admin/topics/{slug}/entries", Access::Organiser),
    ("POST", "/admin/topics/{slug}/entries", Access::Organiser),
    ("POST", "/admin/topics/{slug}/entries/list", Access::Organiser),
    ("GET", "/admin/entries/{public_id}/edit", Access::Organiser),
    ("POST", "/admin/entries/{public_id}/edit", Access::Organiser),
    ("POST", "/admin/entries/{public_id}/link", Access::Organiser),
    ("GET", "/admin/topics/{slug}/roundup", Access::Organiser),
    ("POST", "/admin/topics/{slug}/roundup", Access::Organiser),
    ("POST", "/admin/submissions/decide", Access::Organiser),
    ("GET", "/admin/digests", Access::Organiser),
    ("GET", "/admin/destinations", Access::Organiser),
    ("POST", "/admin/destinations", Access::Organiser),
    ("GET", "/admin/destinations/{id}", Access::Organiser),
    ("POST", "/admin/destinations/{id}/test", Access::Organiser),
    ("POST", "/admin/destinations/{id}/pause", Access::Organiser),
    ("POST", "/admin/destinations/{id}/resume", Access::Organiser),
    ("POST", "/admin/destinations/{id}/rotate", Access::Organiser),
    ("POST", "/admin/destinations/{id}/remove", Access::Organiser),
    ("GET", "/admin/digests/{slug}", Access::Organiser),
    ("POST", "/admin/digests/{slug}/send", Access::Organiser),
    ("POST", "/admin/digests/{slug}/test", Access::Organiser),
    ("GET", "/admin/authors", Access::Organiser),
    ("GET", "/admin/authors/{slug}", Access::Organiser),
    ("POST", "/admin/authors/{slug}", Access::Organiser),
    ("POST", "/admin/authors/{slug}/merge", Access::Organiser),
    ("GET", "/admin/subscribers", Access::Organiser),
    ("GET", "/admin/subscribers.csv", Access::Organiser),
    ("POST", "/admin/subscribers/{id}/remove", Access::Organiser),
    ("GET", "/admin/suppressions", Access::Organiser),
    ("POST", "/admin/suppressions", Access::Organiser),
    ("POST", "/admin/suppressions/{id}/remove", Access::Organiser),
    ("GET", "/admin/organisers", Access::Organiser),
    ("POST", "/admin/organisers/invite", Access::Organiser),
    ("POST", "/admin/organisers/{id}/role", Access::Organiser),
    ("POST", "/admin/organisers/{id}/disable", Access::Organiser),
    ("POST", "/admin/organisers/{id}/enable", Access::Organiser),
    ("POST", "/admin/organisers/{id}/password-link", Access::Organiser),
    ("POST", "/admin/tokens/{id}/revoke", Access::Organiser),
    ("GET", "/admin/password", Access::PrivateLink),
    ("POST", "/admin/password", Access::PrivateLink),
    ("GET", "/api/v1/openapi.json", Access::ApiPublic),
    ("GET", "/api/v1/me", Access::ApiOrganiser),
    ("DELETE", "/api/v1/tokens/{id}", Access::ApiOrganiser),
    ("GET", "/api/v1/topics", Access::ApiPublic),
    ("POST", "/api/v1/topics", Access::ApiOrganiser),
    ("GET", "/api/v1/topics/{slug}", Access::ApiPublic),
    ("PATCH", "/api/v1/topics/{slug}", Access::ApiOrganiser),
    ("DELETE", "/api/v1/topics/{slug}", Access::ApiOrganiser),
    ("GET", "/api/v1/search", Access::ApiPublic),
    ("GET", "/api/v1/authors", Access::ApiOrganiser),
    ("PATCH", "/api/v1/authors/{slug}", Access::ApiOrganiser),
    ("POST", "/api/v1/authors/{slug}/merge", Access::ApiOrganiser),
    ("GET", "/api/v1/topics/{slug}/translations", Access::ApiOrganiser),
    ("PUT", "/api/v1/topics/{slug}/translations/{lang}", Access::ApiOrganiser),
    ("DELETE", "/api/v1/topics/{slug}/translations/{lang}", Access::ApiOrganiser),
    ("POST", "/api/v1/topics/{slug}/submissions", Access::ApiPublic),
    ("GET", "/api/v1/topics/{slug}/submissions/check", Access::ApiPublic),
    ("GET", "/api/v1/submissions", Access::ApiOrganiser),
    ("PATCH", "/api/v1/submissions/{id}", Access::ApiOrganiser),
    ("POST", "/api/v1/topics/{slug}/entries", Access::ApiOrganiser),
    ("GET", "/api/v1/links/preview", Access::ApiPublic),
    ("POST", "/api/v1/topics/{slug}/entries/bulk", Access::ApiOrganiser),
    ("GET", "/api/v1/topics/{slug}/roundup", Access::ApiOrganiser),
    ("PUT", "/api/v1/topics/{slug}/roundup", Access::ApiOrganiser),
    ("POST", "/api/v1/submissions/{id}/approve", Access::ApiOrganiser),
    ("POST", "/api/v1/submissions/{id}/reject", Access::ApiOrganiser),
    ("POST", "/api/v1/subscribers", Access::ApiPublic),
    ("GET", "/api/v1/subscribers", Access::ApiOrganiser),
    ("GET", "/api/v1/destinations", Access::ApiOrganiser),
    ("POST", "/api/v1/destinations", Access::ApiOrganiser),
    ("GET", "/api/v1/destinations/{id}", Access::ApiOrganiser),
    ("PATCH", "/api/v1/destinations/{id}", Access::ApiOrganiser),
    ("DELETE", "/api/v1/destinations/{id}", Access::ApiOrganiser),
    ("POST", "/api/v1/destinations/{id}/test", Access::ApiOrganiser),
    ("GET", "/api/v1/destinations/{id}/deliveries", Access::ApiOrganiser),
    ("GET", "/api/v1/topics/{slug}/digest", Access::ApiOrganiser),
    ("POST", "/api/v1/topics/{slug}/digest/send", Access::ApiOrganiser),
    ("POST", "/hooks/mail/ses", Access::Provider),
    ("POST", "/hooks/mail/mailgun", Access::Provider),
    ("POST", "/hooks/mail/postmark", Access::Provider),
    ("POST", "/hooks/mail/sendgrid", Access::Provider),
];

/// Feeds: public GET/HEAD routes outside the page middleware.
const FEED_ROUTES: &[&str] = &[
    "/feed.xml",
    "/feed.json",
    "/topics/feed.xml",
    "/topics/feed.json",
    "/feeds.opml",
    "/topics/{slug}/feed.xml",
    "/topics/{slug}/feed.json",
];

/// The route table as the application registers it (HEAD routes aside: every GET has one, and
/// they share their GET's handler).
fn registered_routes() -> BTreeSet<(String, String)> {
    let table = content_club::web::route_table();
    for route in table.iter().filter(|r| r.method == "GET") {
        assert!(
            table.iter().any(|h| h.method == "HEAD" && h.path == route.path),
            "GET {} has no HEAD route",
            route.path
        );
    }
    table.into_iter().filter(|r| r.method != "HEAD").map(|r| (r.method.to_owned(), r.path)).collect()
}

#[test]
fn every_registered_route_is_classified() {
    let registered = registered_routes();
    assert!(registered.len() > 40, "the route table was read: {registered:?}");
    let mut classified: BTreeSet<(String, String)> =
        ROUTES.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    classified.extend(FEED_ROUTES.iter().map(|p| ("GET".to_owned(), (*p).to_owned())));
    let unclassified: Vec<_> = registered.difference(&classified).collect();
    assert!(unclassified.is_empty(), "routes nobody classified for authorisation: {unclassified:?}");
    let stale: Vec<_> = classified.difference(&registered).collect();
    assert!(stale.is_empty(), "classified routes that no longer exist: {stale:?}");
}

/// A club with something in every table, and the values the routes need.
struct World {
    app: TestApp,
    submission: String,
    subscriber: i64,
    token_id: i64,
    organiser: i64,
    destination: i64,
}

async fn world() -> World {
    let app = spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 10_000;
        s.submissions.per_email_per_day = 10_000;
        s.rate_limit.login_per_ip_per_minute = 10_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-02", "title": "February", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-03", "title": "March", "announced": true})).await;
    let submission = app.confirmed_entry("march", entry("article", "Pending one", "https://example.org/p")).await;
    app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "reader@example.org"}))).await;
    let subscriber = {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::subscribers::Subscriber::by_email(&mut conn, "reader@example.org")
            .expect("q")
            .expect("row")
            .id
    };
    let (token_id, _) = app.api_token("api-admin@example.org");
    let organiser = {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::organisers::Organiser::by_email(&mut conn, "api-admin@example.org")
            .expect("q")
            .expect("row")
            .id
    };
    let destination = {
        let body =
            json!({"kind": "slack", "url": "https://hooks.slack.com/services/T/B/X", "events": ["topic.announced"]});
        let res = app.api(Method::POST, "/api/v1/destinations", Some(&token), Some(body)).await;
        res.json::<serde_json::Value>().await.expect("json")["id"].as_i64().expect("destination id")
    };
    World { app, submission, subscriber, token_id, organiser, destination }
}

/// Everything a request could change, as text.
fn snapshot(app: &TestApp) -> String {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        v: String,
    }
    let mut conn = app.state.app.db.get().expect("conn");
    let queries = [
        "SELECT email || ':' || role || ':' || CAST(disabled AS TEXT) || ':' || password_hash AS v FROM organisers ORDER BY id",
        "SELECT CAST(COUNT(*) AS TEXT) || '/' || CAST(COUNT(used_at) AS TEXT) AS v FROM organiser_links",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM audit_log",
        "SELECT CAST(COUNT(*) AS TEXT) || '/' || CAST(COUNT(revoked_at) AS TEXT) AS v FROM api_tokens",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM sessions",
        "SELECT slug || ':' || month || ':' || title || ':' || CAST(announced AS TEXT) || ':' || CAST(sequence AS TEXT) || ':' || CAST(content_version AS TEXT) AS v FROM topics ORDER BY id",
        "SELECT public_id || ':' || status || ':' || title AS v FROM submissions ORDER BY id",
        "SELECT email || ':' || status AS v FROM subscribers ORDER BY id",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM deliveries",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM digests",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM submission_events",
        "SELECT label || ':' || url || ':' || events || ':' || COALESCE(CAST(paused_at AS TEXT), '-') AS v FROM destinations ORDER BY id",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM notifications",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM suppressions",
        "SELECT CAST(COUNT(*) AS TEXT) AS v FROM mail_events",
    ];
    let mut out = String::new();
    for q in queries {
        for row in diesel::sql_query(q).load::<Row>(&mut *conn).expect("snapshot query") {
            out.push_str(&row.v);
            out.push('\n');
        }
        out.push_str("--\n");
    }
    out
}

fn concrete(path: &str, w: &World) -> String {
    path.replace("{slug}", "march")
        .replace("{public_id}", &w.submission)
        .replace("/submissions/{id}", &format!("/submissions/{}", w.submission))
        .replace("/subscribers/{id}", &format!("/subscribers/{}", w.subscriber))
        .replace("/organisers/{id}", &format!("/organisers/{}", w.organiser))
        .replace("/tokens/{id}", &format!("/tokens/{}", w.token_id))
        .replace("/destinations/{id}", &format!("/destinations/{}", w.destination))
        .replace("/suppressions/{id}", "/suppressions/1")
        .replace("{name}", "style.css")
}

fn method(name: &str) -> Method {
    Method::from_bytes(name.as_bytes()).expect("method")
}

#[tokio::test]
async fn organiser_routes_refuse_visitors_without_a_session_and_change_nothing() {
    let w = world().await;
    let before = snapshot(&w.app);
    let visitor = new_client();
    for (m, path, access) in ROUTES {
        if *access != Access::Organiser {
            continue;
        }
        let url = w.app.url(&concrete(path, &w));
        let res = visitor
            .request(method(m), &url)
            .form(&[("csrf_token", "x"), ("email", "a@b.org")])
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        assert!(!(200..300).contains(&status), "{m} {path} answered {status} without a session");
        if *m == "GET" {
            assert_eq!(status, 303, "{m} {path} sends browsers to the login form");
        }
    }
    assert_eq!(snapshot(&w.app), before);
}

#[tokio::test]
async fn form_posts_without_their_csrf_token_are_refused_and_change_nothing() {
    let w = world().await;
    w.app.logged_in_admin().await;
    let before = snapshot(&w.app);
    for (m, path, access) in ROUTES {
        // RFC 8058: the one-click unsubscribe POST must work without a session or token.
        // Mail providers authenticate by their own schemes (tested below and in bounces.rs).
        if *m != "POST" || path.starts_with("/api/") || path.starts_with("/hooks/") || *path == "/unsubscribe" {
            continue;
        }
        let _ = access;
        let url = w.app.url(&concrete(path, &w));
        let res = w
            .app
            .client
            .post(&url)
            .form(&[
                ("email", "x@example.org"),
                ("title", "t"),
                ("month", "2025-09"),
                ("ids", w.submission.as_str()),
                ("action", "approve"),
            ])
            .send()
            .await
            .expect("post");
        // The forms anonymous visitors post carry no per-visitor token (the public pages are the
        // same bytes for everyone): without the signed "form shown at" stamp they are refused.
        let tokenless = ["/subscribe", "/topics/{slug}/submit"].contains(path);
        let expected = if tokenless { 400 } else { 403 };
        assert_eq!(res.status().as_u16(), expected, "POST {path} without a CSRF token or a stamp");
    }
    assert_eq!(snapshot(&w.app), before);
}

#[tokio::test]
async fn organiser_api_routes_refuse_missing_and_revoked_tokens_and_change_nothing() {
    let w = world().await;
    let (id, token) = w.app.api_token("api-admin@example.org");
    let res = w.app.api(Method::DELETE, &format!("/api/v1/tokens/{id}"), Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
    let before = snapshot(&w.app);
    for (m, path, access) in ROUTES {
        if *access != Access::ApiOrganiser {
            continue;
        }
        let path = concrete(path, &w);
        for bearer in [None, Some(token.as_str())] {
            let res = w
                .app
                .api(method(m), &path, bearer, Some(json!({"month": "2025-09", "title": "x", "reason": "r"})))
                .await;
            assert_eq!(res.status().as_u16(), 401, "{m} {path} with {bearer:?}");
        }
    }
    assert_eq!(snapshot(&w.app), before);
}

#[tokio::test]
async fn mail_provider_hooks_refuse_unauthenticated_reports_and_change_nothing() {
    let w = world().await;
    w.app.logged_in_admin().await;
    let (_, token) = w.app.api_token("api-admin@example.org");
    let before = snapshot(&w.app);
    let report = json!({"RecordType": "SpamComplaint", "ID": 1, "Email": "reader@example.org",
                        "event-data": {"event": "complained", "id": "e", "recipient": "reader@example.org"}});
    for (m, path, access) in ROUTES {
        if *access != Access::Provider {
            continue;
        }
        // Neither the organiser's session nor their token stands in for the provider's proof.
        let res = w.app.api(method(m), path, Some(&token), Some(report.clone())).await;
        let status = res.status().as_u16();
        assert!([401, 403, 404].contains(&status), "{m} {path} answered {status}");
    }
    assert_eq!(snapshot(&w.app), before);
}

#[tokio::test]
async fn no_get_route_changes_anything() {
    let w = world().await;
    w.app.logged_in_admin().await;
    let (_, token) = w.app.api_token("api-admin@example.org");
    // Private links with their real tokens, so that the pages behind them are exercised.
    let links: Vec<String> = {
        let mut conn = w.app.state.app.db.get().expect("conn");
        content_club::db::deliveries::Delivery::all(&mut conn)
            .expect("rows")
            .into_iter()
            .flat_map(|d| {
                d.body_text.split_whitespace().filter(|t| t.contains("token=")).map(str::to_owned).collect::<Vec<_>>()
            })
            .collect()
    };
    let before = snapshot(&w.app);
    for (m, path, access) in ROUTES {
        if *m != "GET" {
            continue;
        }
        let path = concrete(path, &w);
        let bearer = matches!(access, Access::ApiOrganiser).then_some(token.as_str());
        let res = w.app.api(Method::GET, &path, bearer, None).await;
        assert!(res.status().as_u16() < 500, "GET {path}: {}", res.status());
    }
    for link in &links {
        let url = url::Url::parse(link).expect("link");
        let _ = w.app.get(&format!("{}?{}", url.path(), url.query().unwrap_or(""))).await;
    }
    for feed in FEED_ROUTES {
        let _ = w.app.get(&feed.replace("{slug}", "march")).await;
    }
    assert_eq!(snapshot(&w.app), before, "a GET changed the database");
}

#[tokio::test]
async fn a_moderator_moderates_but_cannot_reach_topic_digest_or_subscriber_administration() {
    let w = world().await;
    w.app.add_organiser_with_role("mod@example.org", "a long enough password", content_club::app::Role::Moderator);
    let res = w.app.login("mod@example.org", "a long enough password").await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, token) = w.app.api_token("mod@example.org");
    let before = snapshot(&w.app);
    for path in [
        "/admin/topics",
        "/admin/topics/new",
        "/admin/topics/march/edit",
        "/admin/digests",
        "/admin/digests/february",
        "/admin/subscribers",
        "/admin/subscribers.csv",
        "/admin/suppressions",
        "/admin/organisers",
    ] {
        assert_eq!(w.app.get(path).await.status().as_u16(), 403, "GET {path}");
    }
    let csrf = w.app.csrf("/admin/submissions").await;
    for path in [
        "/admin/topics/new",
        "/admin/topics/march/delete",
        "/admin/topics/march/announce",
        "/admin/digests/february/send",
        "/admin/suppressions",
        "/admin/suppressions/1/remove",
        "/admin/organisers/invite",
        &format!("/admin/organisers/{}/disable", w.organiser),
        &format!("/admin/organisers/{}/role", w.organiser),
        &format!("/admin/organisers/{}/password-link", w.organiser),
        &format!("/admin/tokens/{}/revoke", w.token_id),
    ] {
        let res = w
            .app
            .post_form(path, &[("csrf_token", &csrf), ("month", "2025-09"), ("title", "x"), ("role", "moderator")])
            .await;
        assert_eq!(res.status().as_u16(), 403, "POST {path}");
    }
    let (_, dashboard) = w.app.get_text("/admin").await;
    assert!(!dashboard.contains("href=\"/admin/topics\""), "the dashboard offers only what a moderator may do");
    for (m, path) in [
        (Method::POST, "/api/v1/topics"),
        (Method::PATCH, "/api/v1/topics/march"),
        (Method::DELETE, "/api/v1/topics/march"),
        (Method::GET, "/api/v1/subscribers"),
        (Method::GET, "/api/v1/topics/february/digest"),
        (Method::POST, "/api/v1/topics/february/digest/send"),
    ] {
        let res = w.app.api(m.clone(), path, Some(&token), Some(json!({"month": "2025-09", "title": "x"}))).await;
        assert_eq!(res.status().as_u16(), 403, "{m} {path}");
    }
    assert_eq!(snapshot(&w.app), before, "nothing changed");
    // Moderation itself works for a moderator.
    let res =
        w.app.api(Method::POST, &format!("/api/v1/submissions/{}/approve", w.submission), Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(w.app.get("/admin/submissions").await.status().as_u16(), 200);
}

/// Headers that must be the same on a HEAD as on the GET before it.
const SAME_ON_HEAD: &[&str] = &[
    "content-type",
    "cache-control",
    "etag",
    "last-modified",
    "location",
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "vary",
];

#[tokio::test]
async fn every_get_route_answers_head_with_the_same_headers_and_no_body() {
    let w = world().await;
    w.app.logged_in_admin().await;
    let (_, token) = w.app.api_token("api-admin@example.org");
    let paths = ROUTES
        .iter()
        .filter(|(m, ..)| *m == "GET")
        .map(|(_, path, access)| (concrete(path, &w), matches!(access, Access::ApiOrganiser)))
        .chain(FEED_ROUTES.iter().map(|feed| (feed.replace("{slug}", "march"), false)));
    let before = snapshot(&w.app);
    let mut checked = 0;
    for (path, api) in paths {
        let bearer = api.then_some(token.as_str());
        let get = w.app.api(Method::GET, &path, bearer, None).await;
        let head = w.app.api(Method::HEAD, &path, bearer, None).await;
        assert_eq!(head.status(), get.status(), "HEAD {path}");
        assert_ne!(head.status().as_u16(), 405, "HEAD {path}");
        for name in SAME_ON_HEAD {
            assert_eq!(head.headers().get(*name), get.headers().get(*name), "HEAD {path}: {name}");
        }
        // (The metrics count the requests themselves, so their length changes from one to the next.)
        if let (Some(h), Some(g), false) =
            (head.headers().get("content-length"), get.headers().get("content-length"), path == "/metrics")
        {
            assert_eq!(h, g, "HEAD {path}: content-length");
        }
        assert!(head.bytes().await.expect("body").is_empty(), "HEAD {path} has no body");
        checked += 1;
    }
    assert!(checked > 25, "the GET routes were all tried ({checked})");
    assert_eq!(snapshot(&w.app), before, "a HEAD changed the database");
}
