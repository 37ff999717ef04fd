use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, TimeZone, Utc};
use content_club::clock::Clock;
use content_club::db::deliveries::Delivery;
use content_club::db::subscribers::{NewSubscriber, Subscriber};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{csrf_from, entry, new_client, path_of, spawn_app_with, TestApp};
use crate::smtp_sink::{header, part, SmtpSink};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

/// A club on 15 March 2025 (February closed and empty, March open, April upcoming), mail to
/// `smtp_url`.
async fn club(smtp_url: String, adjust: impl FnOnce(&mut content_club::config::Settings)) -> (TestApp, String) {
    let app = spawn_app_with(move |s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = smtp_url;
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

/// The link with `marker` from the newest queued mail that has one.
fn queued_link(app: &TestApp, marker: &str) -> String {
    let mut conn = app.state.app.db.get().expect("conn");
    Delivery::all(&mut conn)
        .expect("rows")
        .into_iter()
        .rev()
        .find_map(|d| d.body_text.split_whitespace().find(|w| w.contains(marker)).map(str::to_owned))
        .expect("a queued mail with the link")
}

/// Subscribes through the API and confirms from the mail's link.
async fn subscribed(app: &TestApp, email: &str) {
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": email}))).await;
    assert_eq!(res.status().as_u16(), 202);
    let link = path_of(&queued_link(app, "/subscribe/confirm?token="));
    let (status, html) = app.get_text(&link).await;
    assert_eq!(status, 200);
    let token = link.split("token=").nth(1).expect("token").to_owned();
    let res = app.post_form("/subscribe/confirm", &[("csrf_token", &csrf_from(&html)), ("token", &token)]).await;
    assert_eq!(res.status().as_u16(), 200);
}

fn subscriber(app: &TestApp, email: &str) -> Subscriber {
    let mut conn = app.state.app.db.get().expect("conn");
    Subscriber::by_email(&mut conn, email).expect("query").expect("exists")
}

fn digests_to(sink: &SmtpSink, subject_part: &str) -> Vec<(String, String)> {
    sink.messages()
        .into_iter()
        .filter(|m| header(&m.data, "Subject").is_some_and(|s| s.contains(subject_part)))
        .map(|m| (m.to.join(","), m.data))
        .collect()
}

#[tokio::test]
async fn subscribe_confirm_receive_the_digest_unsubscribe_in_one_click_and_be_skipped_next_time() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "DORA done right", "https://example.org/dora"))
        .await;
    app.approved_entry(&token, "metrics-that-matter", entry("podcast", "Episode 42", "https://example.org/42.mp3"))
        .await;
    subscribed(&app, "ann@example.org").await;
    subscribed(&app, "bob@example.org").await;
    assert_eq!(subscriber(&app, "ann@example.org").status.as_str(), "active");

    // The topic closes; the worker builds the digest and sends it.
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    let digests = digests_to(&sink, "Metrics That Matter");
    assert_eq!(digests.len(), 2, "one digest per subscriber");
    let (_, mail) = digests.iter().find(|(to, _)| to == "bob@example.org").expect("bob's digest");
    assert!(header(mail, "Content-Type").expect("type").starts_with("multipart/alternative"));
    let unsubscribe = header(mail, "List-Unsubscribe").expect("List-Unsubscribe");
    assert!(unsubscribe.starts_with("<http://127.0.0.1:8080/unsubscribe?token="), "{unsubscribe}");
    assert!(unsubscribe.contains("<mailto:club@localhost?subject=unsubscribe>"), "{unsubscribe}");
    assert_eq!(header(mail, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    assert!(header(mail, "List-Id").expect("List-Id").contains("<digest.127.0.0.1>"));
    assert!(header(mail, "Message-ID").expect("id").starts_with("<digest-"));
    let text = part(mail, "text/plain").expect("text");
    assert!(text.contains("DORA done right") && text.contains("Episode 42") && text.contains("Next up, April 2025"));
    assert!(part(mail, "text/html").expect("html").contains("Unsubscribe with one click"));

    // A GET of the link (a mail scanner) changes nothing; a POST with no session unsubscribes.
    let link = unsubscribe.trim_start_matches('<').split('>').next().expect("url").to_owned();
    let path = path_of(&link);
    let stranger = new_client();
    let res = stranger.get(app.url(&path)).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.expect("body").contains("b•••@example.org"), "masked address");
    assert_eq!(subscriber(&app, "bob@example.org").status.as_str(), "active");
    let res = stranger
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(subscriber(&app, "bob@example.org").status.as_str(), "unsubscribed");
    // A forged token does nothing.
    let forged = path.replace("token=", "token=1");
    assert_ne!(stranger.post(app.url(&forged)).send().await.expect("post").status().as_u16(), 200);
    assert_eq!(subscriber(&app, "ann@example.org").status.as_str(), "active");

    // The web view is public once sent; February had nothing, so it has no digest to show.
    assert_eq!(app.get("/topics/metrics-that-matter/digest").await.status().as_u16(), 200);
    assert_eq!(app.get("/topics/team-topologies/digest").await.status().as_u16(), 404);

    // April's digest goes to Ann only.
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 10, 12, 0, 0).single().expect("valid"));
    app.approved_entry(
        &token,
        "ai-for-platforms",
        entry("talk", "Agents in the pipeline", "https://example.org/agents"),
    )
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 5, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    let april = digests_to(&sink, "AI for Platforms");
    assert_eq!(april.iter().map(|(to, _)| to.as_str()).collect::<Vec<_>>(), vec!["ann@example.org"]);
}

#[tokio::test]
async fn subscribing_never_reveals_an_address_and_confirmations_are_rate_limited() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(sink.url(), |_| {}).await;
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": email}))).await;
            (res.status().as_u16(), res.text().await.expect("body"))
        }
    };
    let confirmations = |app: &TestApp| {
        let mut conn = app.state.app.db.get().expect("conn");
        Delivery::all(&mut conn)
            .expect("rows")
            .iter()
            .filter(|d| d.body_text.contains("/subscribe/confirm?token="))
            .count()
    };
    let first = ask("new@example.org").await;
    let again = ask("new@example.org").await;
    assert_eq!(first, again, "same answer");
    assert_eq!(first.0, 202);
    assert_eq!(confirmations(&app), 1, "no second mail within minutes");
    app.clock.advance(Duration::minutes(11));
    ask("new@example.org").await;
    assert_eq!(confirmations(&app), 2);
    subscribed(&app, "known@example.org").await;
    let before = confirmations(&app);
    let known = ask("known@example.org").await;
    assert_eq!(known, first, "a confirmed address gets the same answer");
    assert_eq!(confirmations(&app), before, "and no mail");
    assert_eq!(subscriber(&app, "known@example.org").status.as_str(), "active", "and stays confirmed");
    let (status, _) = ask("not-an-address").await;
    assert_eq!(status, 422);

    // The form says the same, whoever asks.
    let a = app.subscribe_by_form("/subscribe", "known@example.org").await.text().await.expect("a");
    let b = app.subscribe_by_form("/subscribe", "stranger@example.org").await.text().await.expect("b");
    // The same but for the form's "shown at" stamp.
    let strip = |html: &str| {
        let main = html.split("<main").nth(1).unwrap_or("").to_owned();
        main.replace(&crate::helpers::stamp_from(&main), "")
    };
    assert_eq!(strip(&a), strip(&b));

    // Pending addresses expire.
    app.clock.advance(Duration::days(8));
    app.deliver_all().await;
    let mut conn = app.state.app.db.get().expect("conn");
    assert!(Subscriber::by_email(&mut conn, "new@example.org").expect("q").is_none());
}

#[tokio::test]
async fn a_digest_later_than_allowed_waits_for_an_organiser_and_goes_once() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    subscribed(&app, "ann@example.org").await;
    // The service was down: it comes back four days after the topic closed.
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 5, 9, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    assert!(digests_to(&sink, "Metrics That Matter").is_empty(), "not sent by itself");
    let preview: serde_json::Value = app
        .api(Method::GET, "/api/v1/topics/metrics-that-matter/digest", Some(&token), None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(preview["status"], "waiting");
    // Organisers are told on the dashboard: this one waits, February's archive was empty.
    app.logged_in_admin().await;
    let (_, dashboard) = app.get_text("/admin").await;
    assert!(dashboard.contains("The digest of “Metrics That Matter” is waiting for you"), "{dashboard}");
    assert!(dashboard.contains("“Team Topologies” closed with no approved entries"), "{dashboard}");
    let (status, page) = app.get_text("/admin/digests").await;
    assert_eq!(status, 200);
    assert!(page.contains("waiting"));
    assert_eq!(preview["recipient_count"], 1);
    assert!(preview["html"].as_str().expect("html").contains("One"));
    let res = app.api(Method::POST, "/api/v1/topics/metrics-that-matter/digest/send", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 202);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["queued"], 1);
    let res = app.api(Method::POST, "/api/v1/topics/metrics-that-matter/digest/send", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 409, "a digest goes out once");
    app.deliver_all().await;
    assert_eq!(digests_to(&sink, "Metrics That Matter").len(), 1);
    // February had no entries: nothing to send, and organisers are told.
    let feb: serde_json::Value = app
        .api(Method::GET, "/api/v1/topics/team-topologies/digest", Some(&token), None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(feb["status"], "empty");
}

#[tokio::test]
async fn a_relay_refusing_connections_delays_delivery_but_loses_and_repeats_nothing() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let (app, token) = club(format!("smtp://127.0.0.1:{port}"), |s| s.worker.retry_base_seconds = 30).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    app.add_active_subscribers(&["ann@example.org", "bob@example.org", "cid@example.org"]);
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    {
        let mut conn = app.state.app.db.get().expect("conn");
        let rows = Delivery::all(&mut conn).expect("rows");
        let digest_rows: Vec<_> = rows.iter().filter(|d| d.kind.as_str() == "digest").collect();
        assert_eq!(digest_rows.len(), 3);
        assert!(
            digest_rows.iter().all(|d| d.status.as_str() == "queued" && d.attempts == 1 && d.last_error.is_some()),
            "{digest_rows:?}"
        );
    }
    // The relay comes back; the retries go through.
    let sink = SmtpSink::start_on(port).await;
    app.clock.advance(Duration::minutes(5));
    app.deliver_all().await;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (to, _) in digests_to(&sink, "Metrics That Matter") {
        *counts.entry(to).or_default() += 1;
    }
    assert_eq!(counts.len(), 3);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}

#[tokio::test]
async fn a_550_fails_that_delivery_counts_a_bounce_and_the_rest_go_through() {
    let sink = SmtpSink::start().await;
    sink.refuse("bob@example.org");
    let (app, token) = club(sink.url(), |s| s.email.bounce_limit = 1).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    app.add_active_subscribers(&["ann@example.org", "bob@example.org", "cid@example.org"]);
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    let mut to: Vec<String> = digests_to(&sink, "Metrics That Matter").into_iter().map(|(t, _)| t).collect();
    to.sort();
    assert_eq!(to, vec!["ann@example.org", "cid@example.org"]);
    let bob = subscriber(&app, "bob@example.org");
    assert_eq!(bob.bounce_count, 1);
    assert_eq!(bob.status.as_str(), "bounced");
    let mut conn = app.state.app.db.get().expect("conn");
    let failed: Vec<_> =
        Delivery::all(&mut conn).expect("rows").into_iter().filter(|d| d.status.as_str() == "failed").collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].last_error.as_deref().unwrap_or("").contains("550"));
}

/// Active subscribers `prefix0@…` .. and a queued digest for March, straight through the domain.
async fn queued_digest(app: &TestApp, token: &str, subscribers: usize, prefix: &str) {
    app.approved_entry(token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    {
        let mut conn = app.state.app.db.get().expect("conn");
        let now = app.clock.now().naive_utc();
        content_club::db::write_transaction(&mut conn, |conn| {
            for i in 0..subscribers {
                NewSubscriber {
                    email: &format!("{prefix}{i}@example.org"),
                    status: content_club::db::states::SubscriberStatus::Active,
                    confirm_token_hash: None,
                    confirm_sent_at: None,
                    created_at: now,
                    updated_at: now,
                    public_id: &content_club::domain::subscriptions::new_public_id(),
                    language: "",
                }
                .insert(conn)?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("subscribers");
    }
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    let res = app.api(Method::POST, "/api/v1/topics/metrics-that-matter/digest/send", Some(token), None).await;
    assert_eq!(res.status().as_u16(), 202);
}

fn spawn_worker(app: &TestApp, sink: &SmtpSink, pool: u32) -> Child {
    Command::new(BIN)
        .arg("worker")
        .env("CONTENT_CLUB__DATABASE__URL", &app.settings.database.url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", &app.settings.server.data_dir)
        .env("CONTENT_CLUB__EMAIL__TRANSPORT", "smtp")
        .env("CONTENT_CLUB__EMAIL__SMTP_URL", sink.url())
        .env("CONTENT_CLUB__EMAIL__POOL_SIZE", pool.to_string())
        .env("CONTENT_CLUB__WORKER__LEASE_SECONDS", "3")
        .env("CONTENT_CLUB__WORKER__POLL_INTERVAL_MS", "100")
        .env("CONTENT_CLUB__WORKER__BATCH_SIZE", "50")
        .env("CONTENT_CLUB__LOG__LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("worker starts")
}

fn outstanding(app: &TestApp) -> i64 {
    let mut conn = app.state.app.db.get().expect("conn");
    Delivery::outstanding(&mut conn).expect("count")
}

async fn wait_until(deadline: StdDuration, mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + deadline;
    while Instant::now() < until {
        if done() {
            return true;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    done()
}

fn recipients(sink: &SmtpSink) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (to, _) in digests_to(sink, "Metrics That Matter") {
        *counts.entry(to).or_insert(0) += 1;
    }
    counts
}

#[tokio::test]
async fn a_worker_killed_mid_run_and_restarted_skips_nobody_and_repeats_at_most_what_was_in_flight() {
    let sink = SmtpSink::start().await;
    sink.slow_down(20);
    let (app, token) = club(sink.url(), |_| {}).await;
    let total = 300;
    queued_digest(&app, &token, total, "k").await;
    let pool = 4;
    let mut first = spawn_worker(&app, &sink, pool);
    let started = wait_until(StdDuration::from_secs(60), || sink.count() >= 60).await;
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    assert!(started, "the worker was sending");
    let at_kill = sink.count();
    assert!(at_kill < total + 1, "killed mid-run ({at_kill} of {total})");

    let mut second = spawn_worker(&app, &sink, pool);
    let finished = wait_until(StdDuration::from_secs(120), || outstanding(&app) == 0).await;
    second.kill().expect("stop");
    second.wait().expect("reaped");
    assert!(finished, "all delivered after the restart");
    let counts = recipients(&sink);
    assert_eq!(counts.len(), total, "nobody skipped");
    let duplicates: usize = counts.values().map(|n| n - 1).sum();
    assert!(
        duplicates <= pool as usize,
        "at most the {pool} messages in flight at the kill went twice, not {duplicates}"
    );
}

#[tokio::test]
async fn three_workers_on_one_database_deliver_each_message_once() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    // 10,000 as the scale target on PostgreSQL; SQLite (one writer) proves the same on fewer.
    let total = if crate::helpers::using_postgres() { 10_000 } else { 1_500 };
    queued_digest(&app, &token, total, "w").await;
    let mut workers: Vec<Child> = (0..3).map(|_| spawn_worker(&app, &sink, 16)).collect();
    let finished = wait_until(StdDuration::from_secs(240), || outstanding(&app) == 0).await;
    for w in &mut workers {
        w.kill().expect("stop");
        w.wait().expect("reaped");
    }
    assert!(finished, "delivered in time; {} left", outstanding(&app));
    let counts = recipients(&sink);
    assert_eq!(counts.len(), total);
    assert!(counts.values().all(|n| *n == 1), "each recipient exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_previews_and_sends_a_digest_with_progress() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    queued_digest_subscribers_only(&app, &token, 5).await;
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("CONTENT_CLUB__DATABASE__URL", &app.settings.database.url)
            .env("CONTENT_CLUB__SERVER__DATA_DIR", &app.settings.server.data_dir)
            .env("CONTENT_CLUB__EMAIL__TRANSPORT", "smtp")
            .env("CONTENT_CLUB__EMAIL__SMTP_URL", sink.url())
            .env("CONTENT_CLUB__LOG__LEVEL", "warn")
            .output()
            .expect("runs")
    };
    let preview = tokio::task::block_in_place(|| run(&["digest", "preview", "--topic", "metrics-that-matter"]));
    assert!(preview.status.success(), "{}", String::from_utf8_lossy(&preview.stderr));
    let text = String::from_utf8_lossy(&preview.stdout);
    assert!(text.starts_with("Subject: Content Club · March 2025: Metrics That Matter"), "{text}");
    assert!(text.contains("active subscribers: 5"));

    let test = tokio::task::block_in_place(|| {
        run(&["digest", "send", "--topic", "metrics-that-matter", "--test-to", "me@example.org"])
    });
    assert!(test.status.success(), "{}", String::from_utf8_lossy(&test.stderr));
    // The CLI sends whatever is due (the entry's earlier mails too); one test copy among them.
    let tests: Vec<_> = sink
        .messages()
        .into_iter()
        .filter(|m| header(&m.data, "Subject").is_some_and(|s| s.starts_with("[Test]")))
        .collect();
    assert_eq!(tests.len(), 1);
    assert_eq!(tests[0].to, vec!["me@example.org".to_owned()]);

    let sent = tokio::task::block_in_place(|| run(&["digest", "send", "--topic", "metrics-that-matter"]));
    let stderr = String::from_utf8_lossy(&sent.stderr);
    assert!(sent.status.success(), "{stderr}");
    assert!(
        stderr.contains("5/5 delivered") && stderr.contains("done: 5 sent, 0 failed"),
        "plain progress lines: {stderr}"
    );
    let mut got = recipients(&sink);
    got.remove("me@example.org");
    assert_eq!(got.len(), 5);
    assert!(got.values().all(|n| *n == 1));
    let again = tokio::task::block_in_place(|| run(&["digest", "send", "--topic", "metrics-that-matter"]));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("sent already"));
    let missing = tokio::task::block_in_place(|| run(&["digest", "preview", "--topic", "nothing"]));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--topic: no topic"));
}

/// An approved entry in March and `n` active subscribers; March closed, nothing queued yet.
async fn queued_digest_subscribers_only(app: &TestApp, token: &str, n: usize) {
    app.approved_entry(token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let emails: Vec<String> = (0..n).map(|i| format!("cli{i}@example.org")).collect();
    app.add_active_subscribers(&emails.iter().map(String::as_str).collect::<Vec<_>>());
}

#[tokio::test]
async fn organisers_see_search_export_and_remove_subscribers() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(sink.url(), |_| {}).await;
    subscribed(&app, "ann@example.org").await;
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "=cmd@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    assert_eq!(app.get("/admin/subscribers").await.status().as_u16(), 303, "login needed");
    app.logged_in_admin().await;
    let (_, page) = app.get_text("/admin/subscribers").await;
    assert!(page.contains("1 active") && page.contains("1 waiting to confirm"), "{page}");
    let (_, found) = app.get_text("/admin/subscribers?q=ann").await;
    assert!(found.contains("ann@example.org") && !found.contains("cmd@example.org"));
    let res = app.get("/admin/subscribers.csv").await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.expect("csv");
    assert!(csv.starts_with("email,status,"));
    assert!(csv.contains("\"'=cmd@example.org\",pending"), "formula cells are defused: {csv}");
    let id = subscriber(&app, "ann@example.org").id;
    let res = app.post_form(&format!("/admin/subscribers/{id}/remove"), &[("csrf_token", &csrf_from(&page))]).await;
    assert_eq!(res.status().as_u16(), 303);
    let mut conn = app.state.app.db.get().expect("conn");
    assert!(Subscriber::by_email(&mut conn, "ann@example.org").expect("q").is_none());
    let api: serde_json::Value = {
        drop(conn);
        let token = app.api_token("admin@example.org").1;
        app.api(Method::GET, "/api/v1/subscribers", Some(&token), None).await.json().await.expect("json")
    };
    assert_eq!(api["counts"]["pending"], 1);
    assert_eq!(api["counts"]["active"], 0);
}

#[tokio::test]
async fn the_dashboard_draws_accessible_charts_with_table_fallbacks() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    app.approved_entry(&token, "metrics-that-matter", entry("video", "Two", "https://example.org/2")).await;
    subscribed(&app, "ann@example.org").await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    app.logged_in_admin().await;
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    for id in ["chart-submissions", "chart-subscribers", "chart-digests"] {
        assert!(html.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")), "{id} svg is labelled");
        assert!(html.contains(&format!("<title id=\"{id}-title\">")), "{id} has a title");
        assert!(html.contains(&format!("<figcaption id=\"{id}-caption\">")), "{id} has a caption");
    }
    assert_eq!(html.matches("role=\"img\"").count(), 3);
    assert_eq!(html.matches("(table)</caption>").count(), 3, "every chart has a data table");
    assert!(html.contains("<th scope=\"row\">2025-03</th><td>1</td><td>1</td>"), "March: one article, one video");
    assert!(html.contains("No topic planned for"), "gaps in the next months are flagged");
}

/// A received message, parsed as a mail client does.
fn parsed(raw: &str) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a parseable message")
}

#[tokio::test]
async fn a_subscriber_who_subscribed_in_japanese_gets_a_japanese_digest_and_can_change_its_language() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(sink.url(), |_| {}).await;
    app.approved_entry(&token, "metrics-that-matter", entry("article", "DORA done right", "https://example.org/dora"))
        .await;
    // Ann subscribes on the page read in Japanese; Bob by API, in English.
    let (status, html) = app.get_text("/subscribe?lang=ja").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="ja">"#));
    let res = app.subscribe_by_form("/subscribe", "ann@example.org").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(subscriber(&app, "ann@example.org").language, "ja");
    let link = path_of(&queued_link(&app, "/subscribe/confirm?token="));
    let (_, confirm) = app.get_text(&link).await;
    let confirm_token = link.split("token=").nth(1).expect("token").to_owned();
    let res =
        app.post_form("/subscribe/confirm", &[("csrf_token", &csrf_from(&confirm)), ("token", &confirm_token)]).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "bob@example.org", "language": "en"})))
        .await;
    assert_eq!(res.status().as_u16(), 202);
    {
        let mut conn = app.state.app.db.get().expect("conn");
        let bob = subscriber(&app, "bob@example.org");
        assert_eq!(bob.language, "en");
        Subscriber::activate(&mut conn, bob.id, Utc::now().naive_utc()).expect("activate");
    }
    // A language nobody offers is refused and changes nothing.
    let res = app
        .api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "cy@example.org", "language": "tlh"})))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(subscriber_missing(&app, "cy@example.org"));

    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    let messages = sink.messages();
    let to = |who: &str| {
        messages
            .iter()
            .filter(|m| m.to.iter().any(|t| t == who))
            .map(|m| m.data.clone())
            .find(|d| header(d, "Message-ID").is_some_and(|id| id.starts_with("<digest-")))
            .unwrap_or_else(|| panic!("{who} got a digest"))
    };
    let (ann_raw, bob_raw) = (to("ann@example.org"), to("bob@example.org"));
    let (ann, bob) = (parsed(&ann_raw), parsed(&bob_raw));
    assert_eq!(header(&ann_raw, "Content-Language").as_deref(), Some("ja"));
    assert_eq!(header(&bob_raw, "Content-Language").as_deref(), Some("en"));
    let ann_subject = ann.subject().expect("subject");
    assert!(ann_subject.contains("Metrics That Matter") && ann_subject.contains("2025年3月"), "{ann_subject}");
    assert!(ann_subject.contains("新着 1 件"), "{ann_subject}");
    let bob_subject = bob.subject().expect("subject");
    assert!(bob_subject.contains("March 2025") && !bob_subject.contains('年'), "{bob_subject}");
    let ann_text = ann.body_text(0).expect("text part");
    assert!(ann_text.contains("ワンクリックで購読を解除") && ann_text.contains("DORA done right"), "{ann_text}");
    assert!(ann.body_html(0).expect("html part").contains(r#"lang="ja""#));
    assert!(bob.body_text(0).expect("text").contains("Unsubscribe with one click"));
    assert_eq!(app.count("digest_editions"), 1, "the Japanese edition was built once and stored");

    // From the digest's footer Ann reaches her own page and switches to Chinese.
    let manage = ann_text
        .split_whitespace()
        .find(|w| w.contains("/subscription?token="))
        .expect("the footer links to the subscriber's own page")
        .to_owned();
    let stranger = new_client();
    let page = stranger.get(app.url(&path_of(&manage))).send().await.expect("get");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("a•••@example.org"), "masked address");
    let res = stranger
        .post(app.url(&path_of(&manage)))
        .form(&[("csrf_token", csrf_from(&html).as_str()), ("language", "zh-CN")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(subscriber(&app, "ann@example.org").language, "zh-CN");
    let res = stranger
        .post(app.url(&path_of(&manage)))
        .form(&[("csrf_token", csrf_from(&html).as_str()), ("language", "xx-YY")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(subscriber(&app, "ann@example.org").language, "zh-CN", "a refused language changes nothing");
}

fn subscriber_missing(app: &TestApp, email: &str) -> bool {
    let mut conn = app.state.app.db.get().expect("conn");
    Subscriber::by_email(&mut conn, email).expect("query").is_none()
}

/// Relays as providers run them: STARTTLS, or TLS from the first byte, and a login. Every
/// message arrives encrypted and logged in, over the pool's few connections; a wrong password
/// bounces nobody, and the mail goes once the password is right.
#[tokio::test]
async fn mail_reaches_relays_that_require_tls_and_a_login() {
    for implicit in [false, true] {
        let sink = SmtpSink::start_guarded(implicit, "club@example.org", "s3cret pass").await;
        let (app, token) = club(sink.url(), |s| {
            s.email.smtp_username = "club@example.org".into();
            s.email.smtp_password = "wrong".into();
            s.email.smtp_ca_file = crate::smtp_sink::CA_FILE.into();
            s.email.pool_size = 2;
        })
        .await;
        app.approved_entry(&token, "metrics-that-matter", entry("article", "DORA done right", "https://example.org/d"))
            .await;
        let readers = ["ann", "bob", "cy", "dee", "eve"].map(|who| format!("{who}@example.org"));
        for reader in &readers {
            subscribed(&app, reader).await;
        }
        app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
        app.deliver_all().await;
        assert_eq!(sink.count(), 0, "the relay refused the login: nothing is delivered");
        for reader in &readers {
            assert_eq!(subscriber(&app, reader).status.as_str(), "active", "{reader} is not taken for a bounce");
        }

        // The password put right (a restart with the new setting): everything queued goes.
        let mut settings = app.settings.clone();
        settings.email.smtp_password = "s3cret pass".into();
        let fixed = crate::helpers::spawn_app_on(settings, app.dir.clone()).await;
        let refused = sink.sessions();
        fixed.deliver_all().await;
        let digests = digests_to(&sink, "Metrics That Matter");
        let mut to: Vec<String> = digests.iter().map(|(to, _)| to.clone()).collect();
        to.sort();
        assert_eq!(to, readers, "implicit TLS: {implicit}");
        let messages = sink.messages();
        assert!(messages.len() >= 10, "the confirmations went too: {}", messages.len());
        for m in &messages {
            assert!(m.tls && m.user.as_deref() == Some("club@example.org"), "{:?} {:?} to {:?}", m.tls, m.user, m.to);
        }
        let used = sink.sessions() - refused;
        assert!((1..=2).contains(&used), "{} messages over at most the pool's 2 connections: {used}", messages.len());
    }
}

/// A relay that closed a pooled connection while it sat idle (as relays do after a while): the
/// next message finds out with NOOP before using it, and goes on a new connection.
#[tokio::test]
async fn a_connection_the_relay_closed_while_idle_is_replaced_before_use() {
    let sink = SmtpSink::start().await;
    let (app, _) = club(sink.url(), |s| s.email.pool_size = 1).await;
    // One worker throughout, as in a running service: its pool keeps the connection.
    let worker = app.worker();
    let drain = || async { while worker.run_once().await.expect("round").handled() > 0 {} };
    subscribed(&app, "ann@example.org").await;
    subscribed(&app, "bob@example.org").await;
    drain().await;
    assert_eq!((sink.count(), sink.sessions()), (2, 1), "two messages, one connection");
    // The relay now drops every connection once its message is in: the pooled one dies.
    sink.hang_up_after_each_message();
    subscribed(&app, "cy@example.org").await;
    drain().await;
    assert_eq!((sink.count(), sink.sessions()), (3, 1));
    tokio::time::sleep(content_club::email::direct::CHECK_AFTER + StdDuration::from_millis(300)).await;
    subscribed(&app, "dee@example.org").await;
    drain().await;
    assert_eq!((sink.count(), sink.sessions()), (4, 2), "the message went, on a new connection");
    let mut conn = app.state.app.db.get().expect("conn");
    let to_dee = Delivery::all(&mut conn).expect("rows").into_iter().find(|d| d.recipient == "dee@example.org");
    let to_dee = to_dee.expect("dee's confirmation");
    assert_eq!((to_dee.attempts, to_dee.last_error), (1, None), "at the first try");
}
