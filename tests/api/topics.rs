use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{csrf_from, fresh_database_url, spawn_app, spawn_app_with, TestApp};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

#[tokio::test]
async fn the_api_creates_a_topic_with_201_and_location() {
    let app = spawn_app().await;
    let token = app.admin_token();
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics",
            Some(&token),
            Some(json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    assert_eq!(res.headers()["location"], "/api/v1/topics/metrics-that-matter");
    let topic: serde_json::Value = res.json().await.expect("json");
    assert_eq!(topic["slug"], "metrics-that-matter");
    assert_eq!(topic["month"], "2025-03");
    assert_eq!(topic["opens_at"], "2025-03-01T00:00:00Z");
    assert_eq!(topic["closes_at"], "2025-04-01T00:00:00Z");
    assert_eq!(topic["submission_count"], 0);
    assert!(topic["links"]["feed"].as_str().expect("feed").ends_with("/topics/metrics-that-matter/feed.xml"));
    let res = app.api(Method::GET, "/api/v1/topics/metrics-that-matter", None, None).await;
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn a_second_topic_for_a_taken_month_is_409_from_the_api_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter"})).await;
    let before = app.topics_snapshot();
    let res = app
        .api(Method::POST, "/api/v1/topics", Some(&token), Some(json!({"month": "2025-03", "title": "Something Else"})))
        .await;
    assert_eq!(res.status().as_u16(), 409);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = res.json().await.expect("json");
    assert!(problem["errors"]["month"].as_str().expect("month error").contains("Metrics That Matter"), "{problem}");
    assert_eq!(app.topics_snapshot(), before);

    // A taken slug is a conflict too.
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics",
            Some(&token),
            Some(json!({"month": "2025-04", "title": "X", "slug": "metrics-that-matter"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 409);
    assert_eq!(app.topics_snapshot(), before);
}

#[tokio::test]
async fn invalid_topics_are_422_with_per_field_errors() {
    let app = spawn_app().await;
    let token = app.admin_token();
    let cases = [
        (json!({"title": "No month"}), "month"),
        (json!({"month": "2025-13", "title": "Bad month"}), "month"),
        (json!({"month": "2025-03", "title": ""}), "title"),
        (json!({"month": "2025-03", "title": "x".repeat(201)}), "title"),
        (json!({"month": "2025-03", "title": "Line\nbreak"}), "title"),
        (json!({"month": "2025-03", "title": "Slug", "slug": "Not A Slug"}), "slug"),
        (
            json!({"month": "2025-03", "title": "Window", "opens_at": "2025-03-10T00:00:00Z", "closes_at": "2025-03-01T00:00:00Z"}),
            "closes_at",
        ),
        (json!({"month": "2025-03", "title": "Time", "opens_at": "yesterday"}), "opens_at"),
    ];
    for (body, field) in cases {
        let res = app.api(Method::POST, "/api/v1/topics", Some(&token), Some(body.clone())).await;
        assert_eq!(res.status().as_u16(), 422, "{body}");
        let problem: serde_json::Value = res.json().await.expect("json");
        assert!(problem["errors"][field].is_string(), "{body} → {problem}");
    }
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics",
            Some(&token),
            Some(json!({"month": "2025-03", "title": "x", "colour": "red"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 400, "unknown fields are refused");
    assert!(app.topics_snapshot().is_empty());
}

#[tokio::test]
async fn topic_writes_need_a_token() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter"})).await;
    let before = app.topics_snapshot();
    for (method, path) in [
        (Method::POST, "/api/v1/topics"),
        (Method::PATCH, "/api/v1/topics/metrics-that-matter"),
        (Method::DELETE, "/api/v1/topics/metrics-that-matter"),
    ] {
        let res = app.api(method.clone(), path, None, Some(json!({"month": "2025-05", "title": "Changed"}))).await;
        assert_eq!(res.status().as_u16(), 401, "{method} {path}");
    }
    assert_eq!(app.topics_snapshot(), before);
}

#[tokio::test]
async fn drafts_appear_nowhere_public() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Public Topic", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-04", "title": "Secret Draft"})).await;

    let anonymous = crate::helpers::new_client();
    for path in ["/", "/topics", "/schedule.ics", "/api/v1/topics"] {
        let body = anonymous.get(app.url(path)).send().await.expect("get").text().await.expect("body");
        assert!(body.contains("Public Topic"), "{path} shows the announced topic");
        assert!(!body.contains("Secret Draft"), "{path} hides the draft");
    }
    assert_eq!(anonymous.get(app.url("/topics/secret-draft")).send().await.expect("get").status().as_u16(), 404);
    assert_eq!(app.api(Method::GET, "/api/v1/topics/secret-draft", None, None).await.status().as_u16(), 404);

    // Organisers see drafts: with a token, and on the page when logged in.
    let listed: serde_json::Value =
        app.api(Method::GET, "/api/v1/topics", Some(&token), None).await.json().await.expect("json");
    assert_eq!(listed.as_array().expect("array").len(), 2);
    app.logged_in_admin().await;
    let (status, html) = app.get_text("/topics/secret-draft").await;
    assert_eq!(status, 200);
    assert!(html.contains("Draft: only organisers"));
}

#[tokio::test]
async fn renaming_a_slug_keeps_the_old_address_working_with_301() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
    let res = app
        .api(Method::PATCH, "/api/v1/topics/metrics-that-matter", Some(&token), Some(json!({"slug": "metrics"})))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app.get("/topics/metrics-that-matter").await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(res.headers()["location"], "/topics/metrics");
    assert_eq!(app.get("/topics/metrics").await.status().as_u16(), 200);
    let res = app.api(Method::GET, "/api/v1/topics/metrics-that-matter", None, None).await;
    assert_eq!(res.status().as_u16(), 301);
    // Renamed again: both older addresses lead to the newest.
    app.api(Method::PATCH, "/api/v1/topics/metrics", Some(&token), Some(json!({"slug": "numbers"}))).await;
    for old in ["/topics/metrics-that-matter", "/topics/metrics"] {
        let res = app.get(old).await;
        assert_eq!(res.status().as_u16(), 301, "{old}");
        assert_eq!(res.headers()["location"], "/topics/numbers");
    }
}

#[tokio::test]
async fn moving_a_topic_onto_a_taken_month_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter"})).await;
    app.create_topic(&token, json!({"month": "2025-04", "title": "AI for Platforms"})).await;
    let before = app.topics_snapshot();
    let res = app
        .api(Method::PATCH, "/api/v1/topics/ai-for-platforms", Some(&token), Some(json!({"month": "2025-03"})))
        .await;
    assert_eq!(res.status().as_u16(), 409);
    assert_eq!(app.topics_snapshot(), before);
    // Moving to a free month moves the default window with it.
    let res = app
        .api(Method::PATCH, "/api/v1/topics/ai-for-platforms", Some(&token), Some(json!({"month": "2025-06"})))
        .await;
    let moved: serde_json::Value = res.json().await.expect("json");
    assert_eq!(moved["opens_at"], "2025-06-01T00:00:00Z");
    assert_eq!(moved["closes_at"], "2025-07-01T00:00:00Z");
    let res = app.api(Method::DELETE, "/api/v1/topics/ai-for-platforms", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
    assert_eq!(app.topics_snapshot().len(), 1);
}

async fn admin_form(app: &TestApp, path: &str) -> String {
    let (status, html) = app.get_text(path).await;
    assert_eq!(status, 200, "{path}");
    csrf_from(&html)
}

#[tokio::test]
async fn organisers_plan_topics_in_the_admin_ui() {
    let app = spawn_app().await;
    app.logged_in_admin().await;
    let csrf = admin_form(&app, "/admin/topics/new").await;
    let res = app
        .post_form(
            "/admin/topics/new",
            &[
                ("csrf_token", &csrf),
                ("month", "2025-03"),
                ("title", "Metrics That Matter"),
                ("slug", ""),
                ("summary", "Numbers."),
                ("opens_at", ""),
                ("closes_at", ""),
                ("announced", "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/admin/topics");
    let (_, html) = app.get_text("/admin/topics").await;
    assert!(html.contains("is scheduled for March 2025"), "flash shown");
    assert!(html.contains("Metrics That Matter"));
    assert!(html.contains("No topic planned yet"), "gaps are visible");

    // A second topic for March: the form comes back with the error beside the month.
    let before = app.topics_snapshot();
    let res = app
        .post_form(
            "/admin/topics/new",
            &[("csrf_token", &csrf), ("month", "2025-03"), ("title", "Another March Topic"), ("summary", "")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 409);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"month-error\""), "{html}");
    assert!(html.contains("March 2025 already has a topic: “Metrics That Matter”"), "{html}");
    assert!(html.contains("value=\"Another March Topic\""), "what was typed is kept");
    assert_eq!(app.topics_snapshot(), before);

    // Edit: rename and move to April.
    let csrf = admin_form(&app, "/admin/topics/metrics-that-matter/edit").await;
    let res = app
        .post_form(
            "/admin/topics/metrics-that-matter/edit",
            &[
                ("csrf_token", &csrf),
                ("month", "2025-04"),
                ("title", "Metrics That Matter"),
                ("slug", "metrics"),
                ("summary", "Numbers."),
                ("opens_at", "2025-03-01T00:00"),
                ("closes_at", "2025-04-01T00:00"),
                ("announced", "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let after = app.topics_snapshot();
    assert_eq!(after[0].0, "2025-04");
    assert_eq!(after[0].1, "metrics");
    // The window shown unchanged moved with the month.
    let topic: serde_json::Value =
        app.api(Method::GET, "/api/v1/topics/metrics", None, None).await.json().await.expect("json");
    assert_eq!(topic["opens_at"], "2025-04-01T00:00:00Z");

    // A form without CSRF changes nothing.
    let res = app.post_form("/admin/topics/metrics/delete", &[]).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.topics_snapshot().len(), 1);
    let res = app.post_form("/admin/topics/metrics/delete", &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(app.topics_snapshot().is_empty());
}

#[tokio::test]
async fn admin_topic_pages_need_a_login() {
    let app = spawn_app().await;
    assert_eq!(app.get("/admin/topics").await.status().as_u16(), 303);
    assert_eq!(app.get("/admin/topics/new").await.status().as_u16(), 303);
    let csrf = app.csrf("/admin/login").await;
    let res =
        app.post_form("/admin/topics/new", &[("csrf_token", &csrf), ("month", "2025-03"), ("title", "Sneaky")]).await;
    assert_eq!(res.status().as_u16(), 401);
    assert!(app.topics_snapshot().is_empty());
}

#[test]
fn a_second_topic_for_a_taken_month_fails_in_the_cli_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let run = |args: &[&str]| {
        std::process::Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .env("CONTENT_CLUB__DATABASE__URL", &url)
            .env("CONTENT_CLUB__SERVER__DATA_DIR", dir.path().join("data"))
            .env("CONTENT_CLUB__LOG__LEVEL", "warn")
            .output()
            .expect("runs")
    };
    let out = run(&["topic", "add", "--month", "2025-03", "--title", "Metrics That Matter", "--announce"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listing = |out: std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();
    let before = listing(run(&["topic", "list", "--json"]));
    let out = run(&["topic", "add", "--month", "2025-03", "--title", "Another"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already has a topic") && stderr.contains("Metrics That Matter"), "{stderr}");
    assert_eq!(listing(run(&["topic", "list", "--json"])), before);

    let out = run(&["topic", "add", "--month", "March", "--title", "Bad"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--month:"));
    let out = run(&["topic", "edit", "metrics-that-matter", "--slug", "metrics", "--title", "Metrics"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&run(&["topic", "list", "--json"]).stdout).expect("json");
    assert_eq!(json[0]["slug"], "metrics");
    assert_eq!(json[0]["title"], "Metrics");
    let out = run(&["topic", "remove", "nothing-here"]);
    assert!(!out.status.success());
    let out = run(&["topic", "remove", "metrics"]);
    assert!(out.status.success());
    assert_eq!(listing(run(&["topic", "list", "--json"])).trim(), "[]");
}

async fn status_at(app: &TestApp, slug: &str) -> String {
    let topic: serde_json::Value =
        app.api(Method::GET, &format!("/api/v1/topics/{slug}"), None, None).await.json().await.expect("json");
    topic["status"].as_str().expect("status").to_owned()
}

#[tokio::test]
async fn status_changes_exactly_at_the_window_boundaries_in_the_club_zone_across_dst() {
    let app = spawn_app_with(|s| s.club.timezone = "Europe/Berlin".into()).await;
    let token = app.admin_token();
    // March 2025 in Berlin: starts in CET (UTC+1), ends in CEST (UTC+2) after 30 March.
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true})).await;
    let at = |y, mo, d, h, mi, s| Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("valid");
    let checks = [
        (at(2025, 2, 28, 22, 59, 59), "upcoming"),
        (at(2025, 2, 28, 23, 0, 0), "open"),
        (at(2025, 3, 30, 1, 30, 0), "open"),
        (at(2025, 3, 31, 21, 59, 59), "open"),
        (at(2025, 3, 31, 22, 0, 0), "closed"),
    ];
    for (now, expected) in checks {
        app.clock.set(now);
        assert_eq!(status_at(&app, "metrics-that-matter").await, expected, "at {now}");
    }
    // Pages show the window in the club's zone, with the zone named.
    let (_, html) = app.get_text("/topics/metrics-that-matter").await;
    assert!(html.contains("Sat 1 Mar 2025, 00:00 CET (Europe/Berlin)"), "{html}");
    assert!(html.contains("Tue 1 Apr 2025, 00:00 CEST (Europe/Berlin)"), "{html}");
}

#[tokio::test]
async fn the_home_page_shows_the_open_topic_the_next_ones_and_recent_archives() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    for (month, title) in [("2025-02", "February Topic"), ("2025-03", "March Topic"), ("2025-04", "April Topic")] {
        app.create_topic(&token, json!({"month": month, "title": title, "announced": true})).await;
    }
    let (_, html) = app.get_text("/").await;
    assert!(html.contains("This month: March Topic"), "{html}");
    assert!(html.contains("href=\"/topics/march-topic/submit\""));
    let coming = html.find("Coming up").expect("upcoming section");
    let recent = html.find("Recent archives").expect("recent section");
    assert!(html[coming..recent].contains("April Topic"));
    assert!(html[recent..].contains("February Topic"));
    let (_, schedule) = app.get_text("/topics").await;
    assert!(schedule.contains("<h2 id=\"year-2025\">2025</h2>"));
    assert!(schedule.contains("webcal://127.0.0.1:8080/schedule.ics"));
}

#[tokio::test]
async fn markdown_with_script_and_handlers_renders_inert_on_every_page() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let hostile = "Hello <script>alert('x')</script> <img src=x onerror=\"alert(1)\"> [click](javascript:alert(2)) <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">y</a>";
    for (month, title) in [("2025-02", "Past Topic"), ("2025-03", "Open Topic"), ("2025-04", "Next Topic")] {
        app.create_topic(&token, json!({"month": month, "title": title, "announced": true, "summary": hostile})).await;
    }
    app.logged_in_admin().await;
    for path in ["/", "/topics", "/topics/past-topic", "/topics/open-topic", "/admin/topics", "/schedule.ics"] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        let lower = body.to_lowercase();
        for forbidden in ["<script>alert", "onerror=", "onclick=", "href=\"javascript:"] {
            assert!(!lower.contains(forbidden), "{path} contains {forbidden}");
        }
    }
    // The editor shows the Markdown source escaped, as text.
    let (_, html) = app.get_text("/admin/topics/open-topic/edit").await;
    assert!(html.contains("&lt;script&gt;"), "escaped in the textarea");
}

#[tokio::test]
async fn the_calendar_has_a_vtimezone_and_a_window_and_a_deadline_per_announced_topic() {
    let app = spawn_app_with(|s| s.club.timezone = "Europe/Berlin".into()).await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics, That; Matter", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-04", "title": "AI", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-05", "title": "Draft Topic"})).await;
    let res = app.get("/schedule.ics").await;
    assert_eq!(res.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = res.text().await.expect("body");
    assert!(ics.contains("\r\n"), "CRLF line endings");
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4, "the window and the last day of each");
    assert!(!ics.contains("Draft Topic"));
    // The last day to submit is an all-day event of its own: 31 March, the day before it closes.
    let unfolded = ics.replace("\r\n ", "");
    let deadline = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:topic-") && e.contains("-deadline@") && e.contains("Metrics"))
        .expect("a deadline");
    assert!(deadline.contains("DTSTART;VALUE=DATE:20250331\r\n"), "{deadline}");
    assert!(deadline.contains("DTEND;VALUE=DATE:20250401\r\n"), "{deadline}");
    assert!(deadline.contains("SUMMARY:Last day to submit: Content Club: Metrics\\, That\\; Matter"), "{deadline}");
    assert!(ics.contains("SUMMARY:Content Club: Metrics\\, That\\; Matter"));
    assert!(ics.contains("DTSTART;TZID=Europe/Berlin:20250301T000000"));
    assert!(ics.contains("DTEND;TZID=Europe/Berlin:20250401T000000"));
    assert!(ics.contains("URL:http://127.0.0.1:8080/topics/metrics-that-matter"));
    let uid = ics.lines().find(|l| l.starts_with("UID:") && !l.contains("deadline")).expect("uid").to_owned();
    assert!(ics.contains("SEQUENCE:0"));

    // A change raises SEQUENCE and keeps the UID.
    app.api(Method::PATCH, "/api/v1/topics/metrics-that-matter", Some(&token), Some(json!({"title": "Metrics"}))).await;
    let ics = app.get("/schedule.ics").await.text().await.expect("body");
    assert!(ics.contains(&uid));
    assert!(ics.contains("SEQUENCE:1"));
    // A PATCH that changes nothing does not.
    app.api(Method::PATCH, "/api/v1/topics/metrics-that-matter", Some(&token), Some(json!({"title": "Metrics"}))).await;
    let ics = app.get("/schedule.ics").await.text().await.expect("body");
    assert!(ics.contains("SEQUENCE:1") && !ics.contains("SEQUENCE:2"));
}
