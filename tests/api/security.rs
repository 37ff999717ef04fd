//! What an attacker found, each kept from coming back: logins that lock the organiser out,
//! unsubscribe links that name row ids, drafts leaking through old addresses, sessions and CSRF
//! tokens, text that lies about itself, /metrics, a stalled digest, and the public API as the
//! easy way to make the service send mail.

use chrono::{Duration, TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{csrf_from, entry, new_client, spawn_app_with, TestApp};

const PASSWORD: &str = "a long enough password";

/// Posts the login form from `page` for admin@example.org with `password`.
fn login_post(app: &TestApp, client: &reqwest::Client, page: &str, password: &str) -> reqwest::RequestBuilder {
    let fields = [
        ("csrf_token", csrf_from(page)),
        ("email", "admin@example.org".into()),
        ("password", password.into()),
        ("next", "/admin".into()),
    ];
    client.post(app.url("/admin/login")).form(&fields)
}

/// Logs in from `ip` (X-Forwarded-For, trusted in these tests) with `password`.
async fn login_from(app: &TestApp, client: &reqwest::Client, ip: &str, password: &str) -> reqwest::Response {
    let page = client.get(app.url("/admin/login")).send().await.expect("get").text().await.expect("body");
    login_post(app, client, &page, password).header("x-forwarded-for", ip).send().await.expect("post")
}

fn alerts(app: &TestApp) -> usize {
    let mut conn = app.state.app.db.get().expect("connection");
    content_club::db::deliveries::Delivery::all(&mut conn)
        .expect("rows")
        .iter()
        .filter(|d| d.recipient.contains("admin@example.org") && d.subject.starts_with("Failed logins"))
        .count()
}

#[tokio::test]
async fn guessing_from_one_address_slows_that_address_and_the_organiser_still_gets_in() {
    let app = spawn_app_with(|s| {
        s.rate_limit.trust_forwarded_for = true;
        s.rate_limit.login_per_ip_per_minute = 1000;
        s.rate_limit.login_failures_per_account = 3;
        s.rate_limit.login_alert_after_failures = 6;
    })
    .await;
    app.add_organiser("admin@example.org", PASSWORD);
    let attacker = new_client();
    for n in 1..=3 {
        let res = login_from(&app, &attacker, "203.0.113.9", "wrong guess").await;
        assert_eq!(res.status().as_u16(), 401, "free failure {n}");
    }
    let res = login_from(&app, &attacker, "203.0.113.9", "wrong guess").await;
    assert_eq!(res.status().as_u16(), 429, "the guessing address now waits");
    assert_eq!(res.headers()["retry-after"], "1");
    let res = login_from(&app, &attacker, "203.0.113.9", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 429, "even with the right password, the guessing address waits");

    let organiser = new_client();
    let res = login_from(&app, &organiser, "198.51.100.7", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 303, "the organiser from their own address gets in");
    assert_eq!(organiser.get(app.url("/admin")).send().await.expect("get").status().as_u16(), 200);

    app.clock.advance(Duration::seconds(1));
    assert_eq!(login_from(&app, &attacker, "203.0.113.9", "wrong again").await.status().as_u16(), 401);
    let res = login_from(&app, &attacker, "203.0.113.9", "wrong again").await;
    assert_eq!(res.headers()["retry-after"], "2", "each further failure doubles the wait");

    // Many failures for the account, from many addresses: its organiser is told, once.
    assert_eq!(alerts(&app), 0);
    for n in 0..4 {
        let res = login_from(&app, &new_client(), &format!("192.0.2.{n}"), "spray").await;
        assert_eq!(res.status().as_u16(), 401);
    }
    assert_eq!(alerts(&app), 1, "one mail after many failures");
    for n in 4..10 {
        login_from(&app, &new_client(), &format!("192.0.2.{n}"), "spray").await;
    }
    assert_eq!(alerts(&app), 1, "at most one a day");
}

#[tokio::test]
async fn an_unsubscribe_link_names_the_same_person_after_an_export_and_import() {
    let key = "5a".repeat(32);
    let first = spawn_app_with(|s| s.security.session_key = key.clone()).await;
    let second = spawn_app_with(|s| s.security.session_key = key.clone()).await;
    let subscribe = |app: &TestApp, email: &str| {
        let (app, email) = (app.url("/api/v1/subscribers"), email.to_owned());
        async move {
            let res = reqwest::Client::new().post(app).json(&json!({"email": email})).send().await.expect("post");
            assert_eq!(res.status().as_u16(), 202);
        }
    };
    subscribe(&first, "ann@example.org").await;
    subscribe(&first, "bob@example.org").await;
    // The second database has someone already, so imported rows get other ids.
    subscribe(&second, "cid@example.org").await;
    let (ann, bob) = {
        let mut conn = first.state.app.db.get().expect("connection");
        let find = |conn: &mut _, email| {
            content_club::db::subscribers::Subscriber::by_email(conn, email).expect("q").expect("row")
        };
        (find(&mut conn, "ann@example.org"), find(&mut conn, "bob@example.org"))
    };
    let export = content_club::app::transfer::export(&first.state.app, true).await.expect("export");
    content_club::app::transfer::import(&second.state.app, export).await.expect("import");

    // A link from a digest sent before the move: by public id.
    let token = content_club::domain::subscriptions::unsubscribe_token(&second.state.app.key, &ann.public_id);
    let res = second.client.post(second.url(&format!("/unsubscribe?token={token}"))).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 200);
    // A link of the old kind, naming Ann's old row id: in the new database that id is someone
    // else's, so it is refused and unsubscribes nobody.
    let legacy = format!("{}.{}", ann.id, second.state.app.key.sign("unsubscribe", &ann.id.to_string()));
    let res = second.client.post(second.url(&format!("/unsubscribe?token={legacy}"))).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 403);
    let status = |email| second.subscriber_status(email);
    assert_eq!(status("ann@example.org"), "unsubscribed");
    assert_eq!(status("cid@example.org"), "pending", "the row that now has Ann's old id is untouched");
    assert_eq!(status("bob@example.org"), "pending");
    assert_ne!(ann.public_id, bob.public_id);
}

#[tokio::test]
async fn a_renamed_draft_keeps_its_new_address_from_the_public() {
    let app = spawn_app_with(|_| {}).await;
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2031-05", "title": "Secret Plans", "slug": "secret-plans"})).await;
    let res = app
        .api(Method::PATCH, "/api/v1/topics/secret-plans", Some(&token), Some(json!({"slug": "renamed-plans"})))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    for path in [
        "/topics/secret-plans",
        "/topics/secret-plans/feed.xml",
        "/topics/secret-plans/feed.json",
        "/api/v1/topics/secret-plans",
    ] {
        let res = new_client().get(app.url(path)).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 404, "{path} tells the public nothing");
        assert!(res.headers().get("location").is_none(), "{path}");
    }
    let res = app.api(Method::GET, "/api/v1/topics/secret-plans", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 301, "organisers still follow the old address");
    app.api(Method::PATCH, "/api/v1/topics/renamed-plans", Some(&token), Some(json!({"announced": true}))).await;
    let res = new_client().get(app.url("/topics/secret-plans")).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 301, "once announced, the old address leads on");
}

async fn logged_in_client(app: &TestApp) -> reqwest::Client {
    let client = new_client();
    let page = client.get(app.url("/admin/login")).send().await.expect("get").text().await.expect("body");
    let res = login_post(app, &client, &page, PASSWORD).send().await.expect("post");
    assert_eq!(res.status().as_u16(), 303);
    client
}

async fn csrf_of(app: &TestApp, client: &reqwest::Client, page: &str) -> String {
    csrf_from(&client.get(app.url(page)).send().await.expect("get").text().await.expect("body"))
}

#[tokio::test]
async fn logging_out_everywhere_and_changing_the_password_end_the_other_sessions() {
    let app = spawn_app_with(|_| {}).await;
    app.add_organiser("admin@example.org", PASSWORD);
    let (laptop, phone) = (logged_in_client(&app).await, logged_in_client(&app).await);
    let csrf = csrf_of(&app, &laptop, "/admin/account").await;
    let res = laptop
        .post(app.url("/admin/account/password"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("current", PASSWORD),
            ("password", "another long password"),
            ("repeat", "another long password"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        laptop.get(app.url("/admin")).send().await.expect("get").status().as_u16(),
        200,
        "this browser stays in"
    );
    assert_eq!(phone.get(app.url("/admin")).send().await.expect("get").status().as_u16(), 303, "the other is out");

    let wrong = laptop
        .post(app.url("/admin/account/password"))
        .form(&[
            ("csrf_token", csrf_of(&app, &laptop, "/admin/account").await.as_str()),
            ("current", "not it at all"),
            ("password", "a third long password"),
            ("repeat", "a third long password"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(wrong.status().as_u16(), 422, "the current password is checked");

    let tablet = {
        let client = new_client();
        let page = client.get(app.url("/admin/login")).send().await.expect("get").text().await.expect("body");
        client
            .post(app.url("/admin/login"))
            .form(&[
                ("csrf_token", csrf_from(&page).as_str()),
                ("email", "admin@example.org"),
                ("password", "another long password"),
                ("next", "/admin"),
            ])
            .send()
            .await
            .expect("post");
        client
    };
    assert_eq!(tablet.get(app.url("/admin")).send().await.expect("get").status().as_u16(), 200);
    let csrf = csrf_of(&app, &laptop, "/admin/account").await;
    let res = laptop
        .post(app.url("/admin/logout-everywhere"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 303);
    for (name, client) in [("laptop", &laptop), ("tablet", &tablet)] {
        assert_eq!(client.get(app.url("/admin")).send().await.expect("get").status().as_u16(), 303, "{name} is out");
    }
}

/// A CSRF token obtained for another cookie (the attacker's own visit), planted in the
/// organiser's browser from a sibling domain together with its seed, does not fit the organiser's
/// session; cross-site posts are refused by their Origin or Sec-Fetch-Site as well.
#[tokio::test]
async fn csrf_tokens_belong_to_the_session_and_cross_site_posts_are_refused() {
    let app = spawn_app_with(|_| {}).await;
    app.add_organiser("admin@example.org", PASSWORD);
    let organiser = logged_in_client(&app).await;
    let attacker = new_client();
    let res = attacker.get(app.url("/admin/login")).send().await.expect("get");
    let seed = set_cookie(&res, "cc_csrf").expect("a CSRF seed cookie");
    let planted_token = csrf_from(&res.text().await.expect("body"));
    let session = organiser_session(&app).await;
    let topics_before = app.topics_snapshot();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(app.url("/admin/topics/new"))
        .header("cookie", format!("cc_session={session}; cc_csrf={seed}"))
        .form(&[("csrf_token", planted_token.as_str()), ("month", "2031-01"), ("title", "Planted")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403, "a token made for another cookie does not fit the session");
    assert_eq!(app.topics_snapshot(), topics_before);

    let csrf = csrf_of(&app, &organiser, "/admin/topics/new").await;
    for (name, value) in
        [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site"), ("sec-fetch-site", "same-site")]
    {
        let res = organiser
            .post(app.url("/admin/topics/new"))
            .header(name, value)
            .form(&[("csrf_token", csrf.as_str()), ("month", "2031-02"), ("title", "Cross-site")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 403, "{name}: {value}");
    }
    assert_eq!(app.topics_snapshot(), topics_before, "nothing was created");
    let res = organiser
        .post(app.url("/admin/topics/new"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.address.as_str())
        .form(&[("csrf_token", csrf.as_str()), ("month", "2031-03"), ("title", "Same site")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 303, "the organiser's own form works");
}

/// The value of a session cookie of the organiser: a login on a client without a cookie store,
/// whose answer's Set-Cookie is read.
async fn organiser_session(app: &TestApp) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let res = client.get(app.url("/admin/login")).send().await.expect("get");
    let seed = set_cookie(&res, "cc_csrf").expect("seed");
    let page = res.text().await.expect("body");
    let res = login_post(app, &client, &page, PASSWORD)
        .header("cookie", format!("cc_csrf={seed}"))
        .send()
        .await
        .expect("post");
    set_cookie(&res, "cc_session").expect("session cookie")
}

/// The value the answer sets for cookie `name`.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|v| v.split(';').next().unwrap_or("").to_owned()))
}

#[tokio::test]
async fn under_https_every_cookie_has_the_host_prefix() {
    let app = spawn_app_with(|s| s.club.base_url = "https://club.example.org".into()).await;
    app.add_organiser("admin@example.org", PASSWORD);
    let res = app.get("/admin/login").await;
    let cookies: Vec<String> =
        res.headers().get_all("set-cookie").iter().filter_map(|c| c.to_str().ok().map(str::to_owned)).collect();
    assert!(cookies.iter().any(|c| c.starts_with("__Host-cc_csrf=")), "{cookies:?}");
    for cookie in &cookies {
        assert!(cookie.starts_with("__Host-"), "{cookie}");
        assert!(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain="), "{cookie}");
    }
}

#[tokio::test]
async fn bidirectional_overrides_and_invisible_characters_never_reach_readers() {
    let app = spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 100;
        s.submissions.api_per_ip_per_hour = 100;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics\u{200B} that\u{2066} matter\u{2069}", "slug": "metrics", "announced": true})).await;
    let id = app
        .approved_entry(
            &token,
            "metrics",
            json!({"kind": "article", "title": "invoice\u{202E}fdp.exe", "url": "https://example.org/x",
                   "summary": "Read\u{200B}me\u{FEFF}", "author_name": "pay\u{200D}pal 👩\u{200D}💻", "author_email": "a@example.org"}),
        )
        .await;
    let mut conn = app.state.app.db.get().expect("connection");
    let stored = content_club::db::submissions::Submission::by_public_id(&mut conn, &id).expect("q").expect("row");
    assert_eq!(stored.title, "invoicefdp.exe");
    assert_eq!(stored.summary, "Readme");
    assert_eq!(stored.author_name, "paypal 👩\u{200D}💻", "emoji keep their joiner");
    drop(conn);
    for path in ["/topics/metrics", &format!("/submissions/{id}"), "/topics/metrics/feed.xml", "/feed.json", "/"] {
        let (_, body) = app.get_text(path).await;
        for hidden in ['\u{202E}', '\u{200B}', '\u{2066}', '\u{2069}', '\u{FEFF}'] {
            assert!(!body.contains(hidden), "{path} holds U+{:04X}", hidden as u32);
        }
    }
    let res =
        app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "a\u{200B}b@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 422, "an address with an invisible character is refused");
}

#[tokio::test]
async fn metrics_are_for_the_operator_only() {
    // Neither a token nor an address: loopback only, and not through a proxy.
    let app = spawn_app_with(|_| {}).await;
    assert_eq!(app.get("/metrics").await.status().as_u16(), 200);
    let proxied =
        app.client.get(app.url("/metrics")).header("x-forwarded-for", "203.0.113.1").send().await.expect("get");
    assert_eq!(proxied.status().as_u16(), 404);

    let token = "metrics-token-0123456789";
    let app = spawn_app_with(|s| s.metrics.token = token.into()).await;
    assert_eq!(app.get("/metrics").await.status().as_u16(), 401);
    let wrong = app.client.get(app.url("/metrics")).bearer_auth("metrics-token-wrong-000").send().await.expect("get");
    assert_eq!(wrong.status().as_u16(), 401);
    let right = app.client.get(app.url("/metrics")).bearer_auth(token).send().await.expect("get");
    assert_eq!(right.status().as_u16(), 200);

    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let app = spawn_app_with(|s| s.metrics.bind = format!("127.0.0.1:{port}")).await;
    assert_eq!(app.get("/metrics").await.status().as_u16(), 404, "not on the main address");
    let mut answer = None;
    for _ in 0..50 {
        if let Ok(res) = reqwest::get(format!("http://127.0.0.1:{port}/metrics")).await {
            answer = Some((res.status().as_u16(), res.text().await.expect("body")));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (status, body) = answer.expect("the metrics address answers");
    assert_eq!(status, 200);
    assert!(body.contains("http_requests_total"));
}

/// A digest an earlier version built but did not queue (it stopped between the two) goes out on
/// the next round, when it is not late.
#[tokio::test]
async fn a_digest_left_built_but_not_queued_goes_out_on_the_next_round() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let app = spawn_app_with(|s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = sink.url();
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 6, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    let mut conn = app.state.app.db.get().expect("connection");
    let topic = content_club::db::topics::Topic::by_slug(&mut conn, "metrics").expect("q").expect("topic");
    let at = content_club::clock::Clock::now(&*app.clock).naive_utc();
    content_club::db::subscribers::NewSubscriber {
        email: "reader@example.org",
        status: content_club::db::states::SubscriberStatus::Active,
        confirm_token_hash: None,
        confirm_sent_at: None,
        created_at: at,
        updated_at: at,
        public_id: "sreader0000000000000000000",
        language: "",
    }
    .insert(&mut conn)
    .expect("subscriber");
    content_club::db::submissions::NewSubmission {
        public_id: "entry0000001",
        topic_id: topic.id,
        kind: content_club::db::states::SubmissionKind::Article,
        title: "An entry",
        url: "https://example.org/entry",
        summary: "Worth reading.",
        author_name: "Ada",
        author_email: "ada@example.org",
        author_link: None,
        status: content_club::db::states::SubmissionStatus::Approved,
        edit_token_hash: "x",
        created_at: at,
        updated_at: at,
        note: "",
        language: "",
        added_by: None,
        canonical_url: "https://example.org/entry",
        thumbnail: None,
        mail_language: "",
    }
    .insert(&mut conn)
    .expect("entry");
    content_club::db::digests::NewDigest {
        topic_id: topic.id,
        status: content_club::db::states::DigestStatus::Waiting,
        subject: "Metrics digest",
        body_text: "text %%UNSUBSCRIBE_URL%%",
        body_html: "<p>html</p>",
        built_at: at,
    }
    .insert_once(&mut conn)
    .expect("digest");
    drop(conn);
    app.deliver_all().await;
    assert_eq!(sink.messages().iter().filter(|m| m.to.iter().any(|t| t.contains("reader@example.org"))).count(), 1);
}

#[tokio::test]
async fn the_public_api_has_lower_limits_and_mails_no_submitted_link_to_an_unconfirmed_address() {
    let app = spawn_app_with(|s| {
        s.submissions.api_per_ip_per_hour = 2;
        s.submissions.per_ip_per_hour = 20;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    let submit = |n: u32| {
        let body = json!({"kind": "article", "title": format!("Entry {n}"), "url": format!("https://spam.example/landing/{n}?offer=1"),
                          "summary": "s", "author_name": "Ada", "author_email": format!("victim{n}@example.org")});
        app.api(Method::POST, "/api/v1/topics/metrics/submissions", None, Some(body))
    };
    assert_eq!(submit(1).await.status().as_u16(), 202);
    assert_eq!(submit(2).await.status().as_u16(), 202);
    let third = submit(3).await;
    assert_eq!(third.status().as_u16(), 429, "the API's own limit per address");
    assert!(third.headers().contains_key("retry-after"));
    let mut conn = app.state.app.db.get().expect("connection");
    let mails = content_club::db::deliveries::Delivery::all(&mut conn).expect("rows");
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        let bodies = format!("{}\n{}", mail.body_text, mail.body_html.clone().unwrap_or_default());
        assert!(!bodies.contains("spam.example/landing"), "the submitted link is not in the mail: {bodies}");
        assert!(bodies.contains("spam.example"), "its host is, so that the author recognises it");
    }
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics/submissions",
            None,
            Some(entry("article", "See https://spam.example/x", "https://example.org/y")),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422, "no link in a title");
}
