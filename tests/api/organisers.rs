//! Admins managing organisers: invitations by email, roles, disable and enable, password reset
//! links, API tokens per organiser, and the audit log that records every change.

use chrono::{Duration, TimeZone, Utc};
use reqwest::Method;

use crate::helpers::{csrf_from, new_client, path_of, spawn_app_with, TestApp};
use crate::smtp_sink::{header, link_containing, part, SmtpSink};

const PASSWORD: &str = "a long enough password";

/// A club with one logged-in admin (admin@example.org), mail going to `sink`.
async fn club(sink: &SmtpSink) -> TestApp {
    let smtp = sink.url();
    let app = spawn_app_with(move |s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = smtp;
        s.email.smtp_timeout_seconds = 5;
        s.rate_limit.login_per_ip_per_minute = 10_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    app.logged_in_admin().await;
    app
}

fn organiser_id(app: &TestApp, email: &str) -> i64 {
    let mut conn = app.state.app.db.get().expect("conn");
    content_club::db::organisers::Organiser::by_email(&mut conn, email).expect("query").expect("organiser").id
}

fn role_of(app: &TestApp, email: &str) -> (String, bool) {
    let mut conn = app.state.app.db.get().expect("conn");
    let o = content_club::db::organisers::Organiser::by_email(&mut conn, email).expect("query").expect("organiser");
    (o.role.to_string(), o.disabled)
}

/// The audit log as (action, subject) pairs, oldest first.
fn audit(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.state.app.db.get().expect("conn");
    let mut rows: Vec<(String, String)> = content_club::db::audit_log::AuditEntry::newest(&mut conn, 1000)
        .expect("audit")
        .into_iter()
        .map(|(e, _)| (e.action, e.subject))
        .collect();
    rows.reverse();
    rows
}

async fn invite(app: &TestApp, email: &str, name: &str, role: &str) -> reqwest::Response {
    let csrf = app.csrf("/admin/organisers").await;
    app.post_form(
        "/admin/organisers/invite",
        &[("csrf_token", &csrf), ("email", email), ("name", name), ("role", role)],
    )
    .await
}

/// Logs in with a new client; returns it and the status of the login POST.
async fn login_as(app: &TestApp, email: &str, password: &str) -> (reqwest::Client, u16) {
    let client = new_client();
    let html = client.get(app.url("/admin/login")).send().await.expect("GET").text().await.expect("body");
    let res = client
        .post(app.url("/admin/login"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("email", email),
            ("password", password),
            ("next", "/admin"),
        ])
        .send()
        .await
        .expect("POST");
    (client, res.status().as_u16())
}

/// Opens a password link with `client` and posts the two passwords; returns the POST's status.
async fn set_password(
    app: &TestApp,
    client: &reqwest::Client,
    link: &str,
    password: &str,
    repeat: &str,
) -> (u16, String) {
    let html = client.get(app.url(link)).send().await.expect("GET").text().await.expect("body");
    let token = link.split("token=").nth(1).expect("token");
    let res = client
        .post(app.url("/admin/password"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("token", token),
            ("password", password),
            ("repeat", repeat),
        ])
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn an_invited_organiser_chooses_a_password_from_the_mail_and_logs_in() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;

    let res = invite(&app, "Mia@Example.org", "Mia Moderator", "moderator").await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = app.get_text("/admin/organisers").await;
    assert!(page.contains("mia@example.org is invited"), "flash");
    assert!(page.contains("Mia Moderator") && page.contains("invited"), "listed as invited");
    assert_eq!(login_as(&app, "mia@example.org", "").await.1, 401, "no password yet, no login");

    app.deliver_all().await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["mia@example.org".to_owned()]);
    assert!(header(&mails[0].data, "Subject").expect("subject").contains("invited to organise"));
    assert!(part(&mails[0].data, "text/html").expect("html").contains("Accept and choose a password"));
    let link = path_of(&link_containing(&mails[0].data, "/admin/password?token=").expect("link in the mail"));

    // Opening the link changes nothing; bad passwords are refused beside the field.
    let mia = new_client();
    let (status, html) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(html.contains("Accept the invitation") && html.contains("mia@example.org"));
    let before = (app.count("audit_log"), role_of(&app, "mia@example.org"));
    let (status, html) = set_password(&app, &mia, &link, "short", "short").await;
    assert_eq!(status, 422);
    assert!(html.contains("The password needs at least 10 characters."), "{html}");
    let (status, html) = set_password(&app, &mia, &link, PASSWORD, "another long password").await;
    assert_eq!(status, 422);
    assert!(html.contains("The two passwords differ."));
    assert_eq!((app.count("audit_log"), role_of(&app, "mia@example.org")), before);

    let (status, _) = set_password(&app, &mia, &link, PASSWORD, PASSWORD).await;
    assert_eq!(status, 303);
    let (client, status) = login_as(&app, "mia@example.org", PASSWORD).await;
    assert_eq!(status, 303, "the new password logs in");
    assert_eq!(client.get(app.url("/admin/submissions")).send().await.expect("GET").status().as_u16(), 200);
    assert_eq!(client.get(app.url("/admin/organisers")).send().await.expect("GET").status().as_u16(), 403);

    // The link works once.
    let (status, html) = app.get_text(&link).await;
    assert_eq!(status, 403);
    assert!(html.contains("expired or was used already"));
    let log = audit(&app);
    assert!(log.contains(&("invited".into(), "mia@example.org".into())), "{log:?}");
    assert!(log.contains(&("invitation accepted".into(), "mia@example.org".into())), "{log:?}");
}

#[tokio::test]
async fn bad_invitations_are_refused_beside_the_field_and_change_nothing() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;
    let cases: &[(&str, &str, &str, &str, u16, &str)] = &[
        ("no address", "not-an-address", "Someone", "moderator", 422, "email"),
        ("empty name", "new@example.org", "  ", "moderator", 422, "Enter a display name."),
        ("control characters in the name", "new@example.org", "Eve\u{7}", "moderator", 422, "control characters"),
        ("unknown role", "new@example.org", "Someone", "owner", 422, "unknown role"),
        ("taken address", "ADMIN@example.org", "Someone", "admin", 409, "exists already"),
    ];
    let tables = ["organisers", "organiser_links", "deliveries", "audit_log"];
    let before: Vec<i64> = tables.iter().map(|t| app.count(t)).collect();
    for (name, email, display, role, status, message) in cases {
        let res = invite(&app, email, display, role).await;
        assert_eq!(res.status().as_u16(), *status, "{name}");
        let html = res.text().await.expect("body");
        assert!(html.contains(message), "{name}: message shown");
        assert!(html.contains("aria-invalid=\"true\""), "{name}: the field is marked");
        assert!(html.contains(&format!("value=\"{}\"", email)), "{name}: what was typed is kept");
    }
    let after: Vec<i64> = tables.iter().map(|t| app.count(t)).collect();
    assert_eq!(before, after, "nothing written");
}

#[tokio::test]
async fn disabling_ends_sessions_and_tokens_and_enabling_brings_tokens_back() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;
    app.add_organiser_with_role("mod@example.org", PASSWORD, content_club::app::Role::Moderator);
    let (_, token) = app.api_token("mod@example.org");
    let (moderator, status) = login_as(&app, "mod@example.org", PASSWORD).await;
    assert_eq!(status, 303);
    let id = organiser_id(&app, "mod@example.org");

    let csrf = app.csrf("/admin/organisers").await;
    let res = app.post_form(&format!("/admin/organisers/{id}/disable"), &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(role_of(&app, "mod@example.org"), ("moderator".into(), true));
    let res = moderator.get(app.url("/admin/submissions")).send().await.expect("GET");
    assert_eq!(res.status().as_u16(), 303, "the session ended: back to the login form");
    assert_eq!(app.api(Method::GET, "/api/v1/me", Some(&token), None).await.status().as_u16(), 401);
    assert_eq!(login_as(&app, "mod@example.org", PASSWORD).await.1, 401, "a disabled account cannot log in");

    let res = app.post_form(&format!("/admin/organisers/{id}/enable"), &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.api(Method::GET, "/api/v1/me", Some(&token), None).await.status().as_u16(), 200);
    let res = moderator.get(app.url("/admin/submissions")).send().await.expect("GET");
    assert_eq!(res.status().as_u16(), 303, "the old session stays ended after enabling");
    assert_eq!(login_as(&app, "mod@example.org", PASSWORD).await.1, 303);

    let res = app.post_form(&format!("/admin/organisers/{id}/role"), &[("csrf_token", &csrf), ("role", "admin")]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(role_of(&app, "mod@example.org"), ("admin".into(), false));
    let log = audit(&app);
    for action in ["disabled", "enabled", "role changed"] {
        assert!(log.contains(&(action.into(), "mod@example.org".into())), "{action} recorded: {log:?}");
    }
}

#[tokio::test]
async fn the_last_admin_can_be_neither_demoted_nor_disabled_and_nobody_disables_themselves() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;
    let me = organiser_id(&app, "admin@example.org");
    let csrf = app.csrf("/admin/organisers").await;
    let audit_rows = app.count("audit_log");

    let res =
        app.post_form(&format!("/admin/organisers/{me}/role"), &[("csrf_token", &csrf), ("role", "moderator")]).await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.expect("body").contains("the last active admin"));
    let res = app.post_form(&format!("/admin/organisers/{me}/disable"), &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.expect("body").contains("cannot disable your own account"));
    let res = app.post_form(&format!("/admin/organisers/{me}/role"), &[("csrf_token", &csrf), ("role", "owner")]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(role_of(&app, "admin@example.org"), ("admin".into(), false));
    assert_eq!(app.count("audit_log"), audit_rows, "refusals change nothing");

    // With a second admin, stepping down is fine.
    app.add_organiser("second@example.org", PASSWORD);
    let res =
        app.post_form(&format!("/admin/organisers/{me}/role"), &[("csrf_token", &csrf), ("role", "moderator")]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.get("/admin/organisers").await.status().as_u16(), 403, "now a moderator");
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_ends_old_sessions_and_expires() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;
    app.add_organiser_with_role("mod@example.org", PASSWORD, content_club::app::Role::Moderator);
    let id = organiser_id(&app, "mod@example.org");
    let (old_session, _) = login_as(&app, "mod@example.org", PASSWORD).await;

    let csrf = app.csrf("/admin/organisers").await;
    let res = app.post_form(&format!("/admin/organisers/{id}/password-link"), &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    app.deliver_all().await;
    let mail = sink.messages().pop().expect("reset mail");
    assert!(header(&mail.data, "Subject").expect("subject").contains("Set a new password"));
    let link = path_of(&link_containing(&mail.data, "/admin/password?token=").expect("link"));
    assert_eq!(
        login_as(&app, "mod@example.org", PASSWORD).await.1,
        303,
        "the old password works until the link is used"
    );

    let (status, _) =
        set_password(&app, &new_client(), &link, "a brand new passphrase", "a brand new passphrase").await;
    assert_eq!(status, 303);
    let res = old_session.get(app.url("/admin/submissions")).send().await.expect("GET");
    assert_eq!(res.status().as_u16(), 303, "old sessions ended");
    assert_eq!(login_as(&app, "mod@example.org", PASSWORD).await.1, 401);
    assert_eq!(login_as(&app, "mod@example.org", "a brand new passphrase").await.1, 303);

    // A second link expires after 72 hours.
    let res = app.post_form(&format!("/admin/organisers/{id}/password-link"), &[("csrf_token", &csrf)]).await;
    assert_eq!(res.status().as_u16(), 303);
    app.deliver_all().await;
    let mail = sink.messages().pop().expect("second mail");
    let link = path_of(&link_containing(&mail.data, "/admin/password?token=").expect("link"));
    app.clock.advance(Duration::hours(73));
    assert_eq!(app.get(&link).await.status().as_u16(), 403);
    let log = audit(&app);
    assert!(log.contains(&("password reset sent".into(), "mod@example.org".into())));
    assert!(log.contains(&("password reset".into(), "mod@example.org".into())));
}

#[tokio::test]
async fn admins_see_and_revoke_each_organisers_api_tokens() {
    let sink = SmtpSink::start().await;
    let app = club(&sink).await;
    app.add_organiser_with_role("mod@example.org", PASSWORD, content_club::app::Role::Moderator);
    let (token_id, token) = app.api_token("mod@example.org");
    let (_, page) = app.get_text("/admin/organisers").await;
    assert!(page.contains(&format!("/admin/tokens/{token_id}/revoke")), "listed with its revoke button");
    assert!(!page.contains(&token), "the token itself is never shown");

    let res = app.post_form(&format!("/admin/tokens/{token_id}/revoke"), &[("csrf_token", &csrf_from(&page))]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.api(Method::GET, "/api/v1/me", Some(&token), None).await.status().as_u16(), 401);
    let res = app.post_form(&format!("/admin/tokens/{token_id}/revoke"), &[("csrf_token", &csrf_from(&page))]).await;
    assert_eq!(res.status().as_u16(), 404, "a revoked token cannot be revoked again");
    let (_, page) = app.get_text("/admin/organisers").await;
    assert!(!page.contains(&format!("/admin/tokens/{token_id}/revoke")));
    assert!(page.contains("token revoked"), "shown in the audit log on the page");
    assert!(audit(&app).contains(&("token revoked".into(), "mod@example.org".into())));
}
