use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{csrf_from, path_of, spawn_app_with, stamp_from, TestApp};
use crate::smtp_sink::{header, link_containing, part, SmtpSink};

/// A club on 15 March 2025: February closed, March open, April upcoming. Mail goes to `sink`.
async fn club(sink: &SmtpSink, adjust: impl FnOnce(&mut content_club::config::Settings)) -> (TestApp, String) {
    let smtp = sink.url();
    let app = spawn_app_with(move |s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = smtp;
        s.email.smtp_timeout_seconds = 5;
        s.submissions.per_ip_per_hour = 10_000;
        s.submissions.per_email_per_day = 10_000;
        adjust(s);
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    for (month, title) in
        [("2025-02", "Team Topologies"), ("2025-03", "Metrics That Matter"), ("2025-04", "AI for Platforms")]
    {
        app.create_topic(&token, json!({"month": month, "title": title, "announced": true})).await;
    }
    (app, token)
}

fn good_fields() -> Vec<(&'static str, String)> {
    vec![
        ("kind", "article".into()),
        ("title", "DORA metrics without the theatre".into()),
        ("url", "https://example.org/blog/dora".into()),
        ("summary", "What happened when we stopped reporting deployment frequency upwards.".into()),
        ("author_name", "Amelia Chen".into()),
        ("author_email", "amelia@example.org".into()),
        ("author_link", "".into()),
        ("agree", "on".into()),
    ]
}

/// Fills in the form like a person: loads it, takes some seconds, posts it.
async fn submit_form(app: &TestApp, slug: &str, overrides: &[(&str, &str)]) -> reqwest::Response {
    // Closed topics show no form; the stamp of an open one serves to post anyway.
    let (status, html) = app.get_text("/topics/metrics-that-matter/submit").await;
    assert_eq!(status, 200);
    assert!(!html.contains("csrf_token"), "the public form carries no per-visitor token");
    let started = stamp_from(&html);
    app.clock.advance(Duration::seconds(20));
    let mut fields: Vec<(String, String)> = good_fields().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    fields.push(("started".into(), started));
    for (key, value) in overrides {
        fields.retain(|(k, _)| k != key);
        if *value != "<absent>" {
            fields.push(((*key).to_owned(), (*value).to_owned()));
        }
    }
    app.client.post(app.url(&format!("/topics/{slug}/submit"))).form(&fields).send().await.expect("post")
}

fn status_of(app: &TestApp, public_id: &str) -> String {
    let mut conn = app.state.app.db.get().expect("conn");
    content_club::db::submissions::Submission::by_public_id(&mut conn, public_id)
        .expect("query")
        .expect("exists")
        .status
        .to_string()
}

#[tokio::test]
async fn the_whole_path_from_form_to_archive_with_mail_through_smtp() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;

    let res = submit_form(&app, "metrics-that-matter", &[]).await;
    assert_eq!(res.status().as_u16(), 303, "{}", res.text().await.unwrap_or_default());
    let (_, page) = app.get_text("/topics/metrics-that-matter").await;
    assert!(page.contains("We sent a confirmation link to a•••@example.org"), "flash");
    assert!(!page.contains("DORA metrics without the theatre"), "not public before moderation");

    app.deliver_all().await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["amelia@example.org".to_owned()]);
    let confirm = link_containing(&mails[0].data, "/confirm?token=").expect("confirm link in the mail");
    assert!(part(&mails[0].data, "text/html").expect("html part").contains("Confirm my submission"));
    let path = path_of(&confirm);
    let public_id = path.split('/').nth(2).expect("id").to_owned();

    // Opening the link (as a mail scanner would) changes nothing.
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&app, &public_id), "unconfirmed");
    let token = path.split("token=").nth(1).expect("token").to_owned();
    let res = app
        .post_form(
            &format!("/submissions/{public_id}/confirm"),
            &[("csrf_token", &csrf_from(&html)), ("token", &token)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(status_of(&app, &public_id), "pending");

    // An organiser sees it in the queue and approves it.
    app.logged_in_admin().await;
    let (_, queue) = app.get_text("/admin/submissions").await;
    assert!(queue.contains("DORA metrics without the theatre") && queue.contains("amelia@example.org"));
    let res = app
        .post_form(
            "/admin/submissions/decide",
            &[
                ("csrf_token", &csrf_from(&queue)),
                ("ids", &public_id),
                ("action", "approve"),
                ("return_to", "/admin/submissions"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(status_of(&app, &public_id), "approved");
    app.deliver_all().await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    assert!(header(&mails[1].data, "Subject").expect("subject").contains("Published"));

    let (_, page) = app.get_text("/topics/metrics-that-matter").await;
    assert!(page.contains("DORA metrics without the theatre"));
    assert!(page.contains("rel=\"ugc nofollow\""));
    assert!(!page.contains("amelia@example.org"), "author emails never public");
    assert_eq!(app.get(&format!("/submissions/{public_id}")).await.status().as_u16(), 200);
    let (_, history) = app.get_text("/admin/submissions?status=approved").await;
    assert!(history.contains("approved by Test Organiser"), "decision recorded: {history}");
}

#[tokio::test]
async fn a_rejection_mails_the_reason_and_never_becomes_public() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(&sink, |_| {}).await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics-that-matter/submissions",
            None,
            Some(json!({"kind": "video", "title": "Secret sauce", "url": "https://example.org/v", "summary": "s", "author_name": "Bo", "author_email": "bo@example.org"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 202);
    let body: serde_json::Value = res.json().await.expect("json");
    let id = body["id"].as_str().expect("id").to_owned();
    assert_eq!(body["status"], "unconfirmed");
    app.deliver_all().await;
    let confirm = link_containing(&sink.messages()[0].data, "/confirm?token=").expect("link");
    let token_value = confirm.split("token=").nth(1).expect("token").to_owned();
    let (_, html) = app.get_text(&format!("/submissions/{id}/confirm?token={token_value}")).await;
    app.post_form(&format!("/submissions/{id}/confirm"), &[("csrf_token", &csrf_from(&html)), ("token", &token_value)])
        .await;

    let res = app
        .api(
            Method::POST,
            &format!("/api/v1/submissions/{id}/reject"),
            Some(&token),
            Some(json!({"reason": "Behind a paywall."})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    app.deliver_all().await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    assert!(part(&mails[1].data, "text/plain").expect("text").contains("Reason: Behind a paywall."));
    let (_, page) = app.get_text("/topics/metrics-that-matter").await;
    assert!(!page.contains("Secret sauce") && !page.contains("Behind a paywall"));
    assert_eq!(app.get(&format!("/submissions/{id}")).await.status().as_u16(), 404);
    // Deciding twice is refused.
    let res = app.api(Method::POST, &format!("/api/v1/submissions/{id}/approve"), Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 409);
}

/// name, topic slug, fields to change, expected status, expected message.
type BadCase<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, u16, &'a str);

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_writes_nothing() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;
    // One accepted entry, so that duplicates have something to collide with.
    assert_eq!(submit_form(&app, "metrics-that-matter", &[]).await.status().as_u16(), 303);
    let rows = (app.count("submissions"), app.count("deliveries"));

    let long_title = "x".repeat(10_000);
    let cases: Vec<BadCase> = vec![
        ("missing title", "metrics-that-matter", vec![("title", "<absent>")], 422, "Enter a title."),
        ("missing email", "metrics-that-matter", vec![("author_email", "")], 422, "Enter an email address."),
        ("no agreement", "metrics-that-matter", vec![("agree", "<absent>")], 422, "follows the submission rules"),
        (
            "javascript url",
            "metrics-that-matter",
            vec![("url", "javascript:alert(1)")],
            422,
            "Only http:// and https:// links",
        ),
        (
            "ftp url",
            "metrics-that-matter",
            vec![("url", "ftp://example.org/file")],
            422,
            "Only http:// and https:// links",
        ),
        ("10 KB title", "metrics-that-matter", vec![("title", long_title.as_str())], 422, "at most 200 characters"),
        (
            "control characters",
            "metrics-that-matter",
            vec![("author_name", "Eve\u{7}\u{1b}")],
            422,
            "control characters",
        ),
        (
            "same url, other case",
            "metrics-that-matter",
            vec![("url", "HTTPS://EXAMPLE.ORG/blog/dora")],
            409,
            "already been submitted",
        ),
        (
            "same url, fragment",
            "metrics-that-matter",
            vec![("url", "https://example.org/blog/dora#top")],
            409,
            "already been submitted",
        ),
        (
            "same url, utm",
            "metrics-that-matter",
            vec![("url", "https://example.org/blog/dora/?utm_source=news&utm_medium=mail")],
            409,
            "already been submitted",
        ),
        ("closed topic", "team-topologies", vec![("url", "https://example.org/new")], 409, "is closed"),
        (
            "upcoming topic",
            "ai-for-platforms",
            vec![("url", "https://example.org/new")],
            409,
            "does not take submissions yet",
        ),
        (
            "honeypot",
            "metrics-that-matter",
            vec![("website", "http://spam.example"), ("url", "https://example.org/new")],
            400,
            "could not be accepted",
        ),
    ];
    for (name, slug, overrides, status, message) in cases {
        let res = submit_form(&app, slug, &overrides).await;
        assert_eq!(res.status().as_u16(), status, "{name}");
        let html = res.text().await.expect("body");
        assert!(html.contains(message), "{name}: expected {message:?}");
        assert_eq!((app.count("submissions"), app.count("deliveries")), rows, "{name} wrote nothing");
    }

    // Too fast: posted the moment the form was shown.
    let (_, html) = app.get_text("/topics/metrics-that-matter/submit").await;
    let started = stamp_from(&html);
    let mut fields: Vec<(&str, String)> = good_fields();
    fields.retain(|(k, _)| *k != "url");
    fields.push(("url", "https://example.org/fast".into()));
    fields.push(("started", started));
    let res = app.client.post(app.url("/topics/metrics-that-matter/submit")).form(&fields).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.expect("body").contains("faster than a person"));
    assert_eq!((app.count("submissions"), app.count("deliveries")), rows, "too fast wrote nothing");

    // A forged stamp is refused the same way.
    let res =
        submit_form(&app, "metrics-that-matter", &[("started", "1.forged"), ("url", "https://example.org/forged")])
            .await;
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!((app.count("submissions"), app.count("deliveries")), rows);
}

#[tokio::test]
async fn rate_limits_refuse_with_429_and_write_nothing() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |s| {
        s.submissions.per_ip_per_hour = 100;
        s.submissions.per_email_per_day = 2;
    })
    .await;
    for i in 0..2 {
        let url = format!("https://example.org/post-{i}");
        assert_eq!(submit_form(&app, "metrics-that-matter", &[("url", &url)]).await.status().as_u16(), 303);
    }
    let rows = app.count("submissions");
    let res = submit_form(&app, "metrics-that-matter", &[("url", "https://example.org/post-3")]).await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    assert!(res.text().await.expect("body").contains("Too many submissions"));
    assert_eq!(app.count("submissions"), rows);
    // The API shares the limits.
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics-that-matter/submissions",
            None,
            Some(json!({"kind": "post", "title": "t", "url": "https://example.org/api", "summary": "s", "author_name": "A", "author_email": "amelia@example.org"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429);
    assert_eq!(app.count("submissions"), rows);
}

#[tokio::test]
async fn markup_in_every_field_is_escaped_on_pages_and_in_mail_and_crlf_makes_no_header() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(&sink, |_| {}).await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics-that-matter/submissions",
            None,
            Some(json!({
                "kind": "article",
                "title": format!("Title {evil}"),
                "url": "https://example.org/evil?q=<b>",
                "summary": format!("Summary {evil}\nBcc: victim@example.org"),
                "author_name": format!("Name {evil}"),
                "author_email": "eve@example.org",
            })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 202);
    let id = res.json::<serde_json::Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
    // CR/LF in a title or name is refused outright by validation ...
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics-that-matter/submissions",
            None,
            Some(json!({"kind": "article", "title": "Hi\r\nBcc: victim@example.org", "url": "https://example.org/crlf", "summary": "s", "author_name": "Eve\r\nBcc: x@example.org", "author_email": "eve@example.org"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);

    app.deliver_all().await;
    let confirm = link_containing(&sink.messages()[0].data, "/confirm?token=").expect("link");
    let token_value = confirm.split("token=").nth(1).expect("token").to_owned();
    let (_, html) = app.get_text(&format!("/submissions/{id}/confirm?token={token_value}")).await;
    app.post_form(&format!("/submissions/{id}/confirm"), &[("csrf_token", &csrf_from(&html)), ("token", &token_value)])
        .await;
    app.api(Method::POST, &format!("/api/v1/submissions/{id}/approve"), Some(&token), None).await;
    app.deliver_all().await;

    app.logged_in_admin().await;
    for path in [
        "/topics/metrics-that-matter".to_owned(),
        format!("/submissions/{id}"),
        format!("/submissions/{id}/edit?token={token_value}"),
        format!("/submissions/{id}/confirm?token={token_value}"),
        "/admin/submissions?status=all".to_owned(),
    ] {
        let (status, body) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("<script>alert(1)") && !body.contains("<img src=x"), "{path} has raw markup");
        assert!(body.contains("&lt;script&gt;"), "{path} shows it escaped");
    }
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        let html = part(&mail.data, "text/html").expect("html");
        assert!(!html.contains("<script>alert(1)") && !html.contains("<img src=x"), "mail html escaped");
        assert!(html.contains("&lt;script&gt;"));
        let names: Vec<String> =
            crate::smtp_sink::headers(&mail.data).into_iter().map(|(n, _)| n.to_lowercase()).collect();
        assert!(!names.contains(&"bcc".to_owned()), "no injected header");
        assert_eq!(mail.to, vec!["eve@example.org".to_owned()]);
    }
}

#[tokio::test]
async fn get_on_confirm_and_edit_pages_changes_nothing_and_withdraw_is_post_only() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;
    assert_eq!(submit_form(&app, "metrics-that-matter", &[]).await.status().as_u16(), 303);
    app.deliver_all().await;
    let confirm = link_containing(&sink.messages()[0].data, "/confirm?token=").expect("link");
    let edit = link_containing(&sink.messages()[0].data, "/edit?token=").expect("edit link");
    let id = path_of(&confirm).split('/').nth(2).expect("id").to_owned();
    let token = confirm.split("token=").nth(1).expect("token").to_owned();
    let snapshot = |app: &TestApp| {
        let mut conn = app.state.app.db.get().expect("conn");
        content_club::db::submissions::Submission::by_public_id(&mut conn, &id).expect("q").expect("row")
    };
    let before = snapshot(&app);
    for path in [path_of(&confirm), path_of(&edit), format!("/submissions/{id}/confirm?token=wrong")] {
        let _ = app.get(&path).await;
    }
    assert_eq!(app.get(&format!("/submissions/{id}/withdraw?token={token}")).await.status().as_u16(), 405);
    assert_eq!(snapshot(&app), before, "GETs changed nothing");

    // The private pages refuse a wrong token.
    assert_eq!(app.get(&format!("/submissions/{id}/edit?token=wrong")).await.status().as_u16(), 403);

    // Edit and withdraw by POST work while pending.
    let (_, html) = app.get_text(&format!("/submissions/{id}/edit?token={token}")).await;
    let csrf = csrf_from(&html);
    let mut fields: Vec<(&str, String)> = good_fields();
    fields.retain(|(k, _)| *k != "title");
    fields.push(("title", "A better title".into()));
    fields.push(("csrf_token", csrf.clone()));
    fields.push(("token", token.clone()));
    let res = app.client.post(app.url(&format!("/submissions/{id}/edit"))).form(&fields).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(snapshot(&app).title, "A better title");
    let res = app.post_form(&format!("/submissions/{id}/withdraw"), &[("csrf_token", &csrf), ("token", &token)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(snapshot(&app).status.as_str(), "withdrawn");
}

#[tokio::test]
async fn unconfirmed_submissions_expire_after_48_hours() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;
    assert_eq!(submit_form(&app, "metrics-that-matter", &[]).await.status().as_u16(), 303);
    app.deliver_all().await;
    app.clock.advance(Duration::hours(47));
    app.deliver_all().await;
    assert_eq!(app.count("submissions"), 1);
    app.clock.advance(Duration::hours(2));
    app.deliver_all().await;
    assert_eq!(app.count("submissions"), 0);
}

#[tokio::test]
async fn the_duplicate_check_endpoint_knows_normalised_links() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;
    assert_eq!(submit_form(&app, "metrics-that-matter", &[]).await.status().as_u16(), 303);
    let check = |url: &str| {
        let app = &app;
        let url = url.to_owned();
        async move {
            let res = app
                .client
                .get(app.url("/api/v1/topics/metrics-that-matter/submissions/check"))
                .query(&[("url", url)])
                .send()
                .await
                .expect("get");
            (res.status().as_u16(), res.json::<serde_json::Value>().await.expect("json"))
        }
    };
    let (status, body) = check("https://EXAMPLE.org/blog/dora/?utm_campaign=x#frag").await;
    assert_eq!(status, 200);
    assert_eq!(body["exists"], true);
    assert_eq!(body["entry"], serde_json::Value::Null, "not public yet, so no link");
    let (_, body) = check("https://example.org/other").await;
    assert_eq!(body["exists"], false);
    let (status, body) = check("javascript:alert(1)").await;
    assert_eq!(status, 422);
    assert!(body["errors"]["url"].is_string());
}

#[tokio::test]
async fn two_hundred_concurrent_submissions_are_each_stored_once() {
    let sink = SmtpSink::start().await;
    // All 200 may wait for their turn (the bounded queue's 503 is tested in requests.rs).
    let (app, _) = club(&sink, |s| {
        s.database.pool_size = 8;
        s.database.write_queue = 1000;
    })
    .await;
    let app = Arc::new(app);
    let mut tasks = Vec::new();
    for i in 0..200 {
        let app = app.clone();
        // Every tenth URL is sent twice at once: exactly one of each pair may win.
        let url = format!("https://example.org/entry-{}", if i % 10 == 9 { i - 1 } else { i });
        tasks.push(tokio::spawn(async move {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/topics/metrics-that-matter/submissions",
                    None,
                    Some(json!({"kind": "post", "title": format!("Entry {i}"), "url": url, "summary": "s", "author_name": "A", "author_email": format!("a{i}@example.org")})),
                )
                .await;
            let status = res.status().as_u16();
            let body: serde_json::Value = res.json().await.unwrap_or_default();
            (status, body)
        }));
    }
    let mut accepted = Vec::new();
    let mut conflicts = 0;
    for task in tasks {
        let (status, body) = task.await.expect("task");
        match status {
            202 => accepted.push(body["id"].as_str().expect("id").to_owned()),
            409 => conflicts += 1,
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(accepted.len(), 180);
    assert_eq!(conflicts, 20);
    assert_eq!(app.count("submissions"), 180);
    assert_eq!(app.count("deliveries"), 180, "one confirmation each");
    let mut conn = app.state.app.db.get().expect("conn");
    for id in &accepted {
        assert!(content_club::db::submissions::Submission::by_public_id(&mut conn, id).expect("q").is_some());
    }
}

#[tokio::test]
async fn a_topic_with_submissions_cannot_be_deleted() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(&sink, |_| {}).await;
    assert_eq!(submit_form(&app, "metrics-that-matter", &[]).await.status().as_u16(), 303);
    let res = app.api(Method::DELETE, "/api/v1/topics/metrics-that-matter", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 409);
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(body["detail"].as_str().expect("detail").contains("1 submission"));
    assert_eq!(app.topics_snapshot().len(), 3);
}

#[tokio::test]
async fn organisers_approve_and_reject_in_bulk_with_a_reason() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(&sink, |_| {}).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let url = format!("https://example.org/bulk-{i}");
        ids.push(
            app.confirmed_entry("metrics-that-matter", crate::helpers::entry("post", &format!("Bulk {i}"), &url)).await,
        );
    }
    app.logged_in_admin().await;
    let (_, queue) = app.get_text("/admin/submissions?topic=metrics-that-matter&status=pending").await;
    assert!(queue.contains("form=\"bulk\""), "entries can be ticked for the bulk form: {queue}");
    let csrf = csrf_from(&queue);
    let body =
        format!("csrf_token={csrf}&ids={}&ids={}&action=approve&return_to=%2Fadmin%2Fsubmissions", ids[0], ids[1]);
    let res = app.post_encoded("/admin/submissions/decide", body).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(status_of(&app, &ids[0]), "approved");
    assert_eq!(status_of(&app, &ids[1]), "approved");
    // The one left shows its author's others with their status, and the listed reasons, in the
    // page's language.
    let (_, queue) = app.get_text("/admin/submissions?status=pending").await;
    assert!(queue.contains("Bulk 1 — Metrics That Matter, Approved"), "{queue}");
    assert!(queue.contains(r#"<option value="Not on this month&#x27;s topic">Not on this month&#x27;s topic</option>"#));
    let (_, japanese) = app.get_text("/admin/submissions?status=pending&lang=ja").await;
    assert!(japanese.contains("Bulk 1 — Metrics That Matter、承認済み"), "{japanese}");
    assert!(japanese.contains(r#"<option value="Not on this month&#x27;s topic">今月のテーマに沿っていない</option>"#));
    // A rejection needs a reason; without one nothing changes.
    let body = format!("csrf_token={csrf}&ids={}&action=reject&reason=&reason_text=", ids[2]);
    let res = app.post_encoded("/admin/submissions/decide", body).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(status_of(&app, &ids[2]), "pending");
    let reason = url::form_urlencoded::byte_serialize("Not on this month's topic".as_bytes()).collect::<String>();
    let body = format!("csrf_token={csrf}&ids={}&action=reject&reason={reason}&reason_text=Try+May", ids[2]);
    app.post_encoded("/admin/submissions/decide", body).await;
    assert_eq!(status_of(&app, &ids[2]), "rejected");
    let (_, rejected) = app.get_text("/admin/submissions?status=rejected").await;
    assert!(
        rejected.contains("Not on this month&#x27;s topic. Try May")
            || rejected.contains("Not on this month's topic. Try May"),
        "{rejected}"
    );
}
