use crate::helpers::{new_client, spawn_app, spawn_app_on, spawn_app_with};

#[tokio::test]
async fn the_login_form_leads_to_the_dashboard() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let res = app.login("Ada@Example.org", "correct horse battery").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/admin");
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Dashboard</h1>"), "{html}");
    assert_eq!(app.count("sessions"), 1);
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_with_an_error_and_no_session() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let res = app.login("ada@example.org", "wrong password!").await;
    assert_eq!(res.status().as_u16(), 401);
    assert!(res.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap_or("").contains("cc_session")));
    let html = res.text().await.expect("body");
    assert!(html.contains("do not match an organiser account"), "{html}");
    assert!(html.contains("value=\"ada@example.org\""), "email kept: {html}");
    assert_eq!(app.count("sessions"), 0);
    let res = app.get("/admin").await;
    assert_eq!(res.status().as_u16(), 303, "still not logged in");
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    let res = app.login("nobody@example.org", "whatever password").await;
    assert_eq!(res.status().as_u16(), 401);
    assert!(res.text().await.expect("body").contains("do not match an organiser account"));
}

/// Plenty of attempts per address, three failures per account.
async fn app_allowing_three_failed_logins() -> crate::helpers::TestApp {
    spawn_app_with(|s| {
        s.rate_limit.login_per_ip_per_minute = 100;
        s.rate_limit.login_failures_per_account = 3;
    })
    .await
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_is_answered_429() {
    let app = app_allowing_three_failed_logins().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(app.login("ada@example.org", "wrong password!").await.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 429, 429]);
    // Even the right password waits now: the account is protected, not just the guesses.
    let res = app.login("ada@example.org", "correct horse battery").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(app.count("sessions"), 0);
}

#[tokio::test]
async fn logins_from_one_address_are_limited_per_minute() {
    let app = spawn_app_with(|s| s.rate_limit.login_per_ip_per_minute = 4).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        statuses.push(app.login(&format!("user{i}@example.org"), "wrong password!").await.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 401, 429, 429]);
}

#[tokio::test]
async fn instances_on_one_database_share_the_limits_and_forget_idle_ones() {
    let app = app_allowing_three_failed_logins().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let other = crate::helpers::spawn_app_on(app.settings.clone(), app.dir.clone()).await;
    let mut statuses = Vec::new();
    for instance in [&app, &other, &app, &other] {
        statuses.push(instance.login("ada@example.org", "wrong password!").await.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 429], "three failures in all, on either instance");
    assert_eq!(app.login("ada@example.org", "correct horse battery").await.status().as_u16(), 429);

    // The buckets name neither the account nor the address.
    let buckets: Vec<String> = {
        use content_club::db::schema::rate_limits;
        use diesel::prelude::*;
        let mut conn = app.state.app.db.get().expect("connection");
        rate_limits::table.select(rate_limits::bucket).load(&mut *conn).expect("buckets")
    };
    assert_eq!(buckets.len(), 3, "per address, per account and address, per account: {buckets:?}");
    assert!(buckets.iter().all(|b| !b.contains("ada@") && !b.contains("127.0.0.1")), "{buckets:?}");

    // A day later they are full again, and the worker's housekeeping deletes them.
    app.clock.set(chrono::Utc::now() + chrono::Duration::hours(25));
    app.worker().housekeeping().await.expect("housekeeping");
    assert_eq!(app.count("rate_limits"), 0);
}

#[tokio::test]
async fn a_form_post_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    // Visit first so the CSRF cookie exists, then post without the field.
    let _ = app.get("/admin/login").await;
    let res =
        app.post_form("/admin/login", &[("email", "ada@example.org"), ("password", "correct horse battery")]).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("sessions"), 0);
    // A token from another visitor does not fit this visitor's cookie either.
    let stranger = new_client();
    let html = stranger.get(app.url("/admin/login")).send().await.expect("get").text().await.expect("body");
    let foreign = crate::helpers::csrf_from(&html);
    let res = app
        .post_form(
            "/admin/login",
            &[("csrf_token", &foreign), ("email", "ada@example.org"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("sessions"), 0);
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let app = spawn_app().await;
    app.logged_in_admin().await;
    let res = app.post_form("/admin/logout", &[]).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.get("/admin").await.status().as_u16(), 200, "still logged in");
    let csrf = app.csrf("/admin").await;
    let res = app.post_form("/admin/logout", &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.count("sessions"), 0);
    let res = app.get("/admin").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/admin/login?next=%2Fadmin");
}

#[tokio::test]
async fn the_session_cookie_is_signed_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let res = app.login("ada@example.org", "correct horse battery").await;
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .find(|c| c.starts_with("cc_session="))
        .expect("session cookie set");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http base URL: {cookie}");
    // A tampered cookie is not a session.
    let value = cookie.split(';').next().expect("pair").trim_start_matches("cc_session=");
    let (token, _) = value.split_once('.').expect("token.signature");
    let forged = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let res =
        forged.get(app.url("/admin")).header("cookie", format!("cc_session={token}.AAAA")).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 303);
}

#[tokio::test]
async fn cookies_are_secure_when_the_base_url_is_https() {
    let app = spawn_app_with(|s| s.club.base_url = "https://club.example.org".into()).await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let res = app.login("ada@example.org", "correct horse battery").await;
    let cookies: Vec<String> =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
    let session = cookies.iter().find(|c| c.starts_with("__Host-cc_session=")).expect("session cookie");
    assert!(session.contains("Secure"), "{session}");
}

#[tokio::test]
async fn sessions_survive_a_restart_with_the_generated_key() {
    let app = spawn_app().await;
    app.logged_in_admin().await;
    assert!(app.settings.server.data_dir.join("session.key").is_file());
    let again = spawn_app_on(app.settings.clone(), app.dir.clone()).await;
    // Same browser (cookie jar), new server process state on the same data folder.
    let res = app.client.get(again.url("/admin")).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn login_only_follows_same_site_next_addresses() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let csrf = app.csrf("/admin/login").await;
    let res = app
        .post_form(
            "/admin/login",
            &[
                ("csrf_token", &csrf),
                ("email", "ada@example.org"),
                ("password", "correct horse battery"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/admin");
}
