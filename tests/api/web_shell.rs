use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn unknown_pages_get_an_html_404_page() {
    let app = spawn_app().await;
    let res = app.get("/no-such-page").await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(res.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    let html = res.text().await.expect("body");
    assert!(html.contains("<title>Page not found"), "{html}");
}

#[tokio::test]
async fn a_wrong_method_gets_an_html_405_page() {
    let app = spawn_app().await;
    let res = app.client.delete(app.url("/admin/login")).send().await.expect("delete");
    assert_eq!(res.status().as_u16(), 405);
    assert!(res.text().await.expect("body").contains("Method not allowed"));
}

#[tokio::test]
async fn an_oversized_body_gets_413() {
    let app = spawn_app_with(|s| s.server.body_limit_bytes = 4096).await;
    let csrf = app.csrf("/admin/login").await;
    let big = "x".repeat(10_000);
    let res = app.post_form("/admin/login", &[("csrf_token", &csrf), ("email", &big), ("password", "p")]).await;
    assert_eq!(res.status().as_u16(), 413);
    assert!(res.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    assert_eq!(app.count("sessions"), 0);
}

#[tokio::test]
async fn the_stylesheet_is_served_and_linked_from_pages() {
    let app = spawn_app().await;
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("/static/style.css?v="));
    let res = app.get("/static/style.css").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().expect("ascii").starts_with("text/css"));
    let css = res.text().await.expect("css");
    assert!(css.contains("prefers-color-scheme: dark") && css.contains(":focus-visible"));
    assert_eq!(app.get("/static/..%2FCargo.toml").await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_admin_dashboard_needs_a_login() {
    let app = spawn_app().await;
    let res = app.get("/admin").await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()["location"].to_str().expect("ascii").starts_with("/admin/login"));
}

#[tokio::test]
async fn a_templates_override_folder_replaces_pages_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
    std::fs::write(dir.path().join("pages/home.html.hbs"), "{{#> layout}}<h1>Our own home page</h1>{{/layout}}")
        .expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let app = spawn_app_with(move |s| s.web.templates_dir = path).await;
    let (_, html) = app.get_text("/").await;
    assert!(html.contains("Our own home page"), "{html}");
}

/// Every kind of response, as a logged-in organiser sees them: headers that stop framing,
/// sniffing and inline script, and cookies that scripts cannot read.
#[tokio::test]
async fn security_headers_and_cookies_hold_on_every_page_type() {
    let app = spawn_app().await;
    let token = app.admin_token();
    app.create_topic(&token, serde_json::json!({"month": "2025-03", "title": "March", "announced": true})).await;
    app.logged_in_admin().await;
    let csrf = app.csrf("/admin").await;
    let mut responses = Vec::new();
    for path in [
        "/",
        "/topics",
        "/topics/march",
        "/topics/march/submit",
        "/topics/march/digest",
        "/subscribe",
        "/unsubscribe?token=nonsense",
        "/admin",
        "/admin/submissions",
        "/admin/topics",
        "/admin/topics/march/edit",
        "/admin/digests",
        "/admin/subscribers",
        "/admin/organisers",
        "/admin/password?token=nonsense",
        "/no-such-page",
        "/static/style.css",
        "/static/submit.js",
        "/schedule.ics",
        "/topics/march/feed.xml",
        "/topics/march/feed.json",
        "/feed.xml",
        "/feeds.opml",
        "/healthz",
        "/readyz",
        "/metrics",
        "/api/v1/topics",
        "/api/v1/openapi.json",
        "/api/v1/me",
    ] {
        responses.push((format!("GET {path}"), app.get(path).await));
    }
    let stranger = crate::helpers::new_client();
    responses.push((
        "GET /admin/login, first visit".into(),
        stranger.get(app.url("/admin/login")).send().await.expect("req"),
    ));
    responses.push((
        "DELETE /admin/login (405)".into(),
        app.client.delete(app.url("/admin/login")).send().await.expect("req"),
    ));
    responses.push(("POST without CSRF (403)".into(), app.post_form("/admin/topics/new", &[("title", "x")]).await));
    responses.push(("POST logout (303)".into(), app.post_form("/admin/logout", &[("csrf_token", &csrf)]).await));
    responses.push(("GET /admin logged out (303)".into(), app.get("/admin").await));
    let mut cookies = Vec::new();
    for (what, res) in &responses {
        let h = res.headers();
        let csp = h.get("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP")).to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp}");
        assert!(csp.contains("default-src 'self'") || csp.contains("default-src 'none'"), "{what}: {csp}");
        assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{what}");
        assert!(h.get("strict-transport-security").is_none(), "{what}: no HSTS over plain http");
        let html = h.get("content-type").is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
        if html {
            assert_eq!(h.get("x-frame-options").map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{what}");
            assert!(h.contains_key("referrer-policy"), "{what}");
        }
        if what.contains("/admin") && res.status().as_u16() == 200 {
            assert_eq!(
                h.get("cache-control").map(|v| v.as_bytes()),
                Some(&b"no-store"[..]),
                "{what}: organiser pages are not cached"
            );
        }
        cookies.extend(h.get_all("set-cookie").iter().map(|c| (what.clone(), c.to_str().expect("ascii").to_owned())));
    }
    assert!(cookies.iter().any(|(_, c)| c.starts_with("cc_csrf=")), "the walk saw the CSRF cookie being set");
    for (what, cookie) in &cookies {
        assert!(cookie.contains("HttpOnly"), "{what}: {cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{what}: {cookie}");
        assert!(cookie.contains("Path=/"), "{what}: {cookie}");
    }

    // Behind https: HSTS, and every cookie Secure.
    let https = spawn_app_with(|s| s.club.base_url = "https://club.example.org".into()).await;
    https.add_organiser("ada@example.org", "correct horse battery");
    let res = https.login("ada@example.org", "correct horse battery").await;
    assert!(res.headers().contains_key("strict-transport-security"));
    let set: Vec<String> =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
    assert!(!set.is_empty());
    for cookie in set {
        assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
    }
    let res = https.get("/admin/login").await;
    assert!(res.headers().contains_key("strict-transport-security"));
}
