use crate::helpers::{spawn_app, spawn_app_with};

const PAGE_TYPES: [&str; 4] = ["/", "/admin/login", "/no-such-page", "/static/style.css"];

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in PAGE_TYPES.iter().chain(["/healthz", "/api/v1/me"].iter()) {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h.get("content-security-policy").unwrap_or_else(|| panic!("{path}: CSP")).to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
}

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
