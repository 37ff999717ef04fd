//! Events to chat channels and webhooks, against real HTTP receivers on loopback: signed generic
//! webhooks, Slack and Discord shapes within their limits, retries and Retry-After, a worker
//! killed mid-delivery, several workers at once, the reminder, and the organisers' API.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use chrono::{TimeZone, Utc};
use hmac::{KeyInit, Mac};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{entry, spawn_app_with, TestApp};
use crate::receiver::{Received, Receiver};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

/// A club on 15 March 2025 (Berlin) that may post to loopback, retrying after a second.
async fn club() -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        s.outbound.enabled = true;
        s.outbound.allow_private_networks = true;
        s.outbound.timeout_ms = 2000;
        s.notifications.retry_base_seconds = 1;
        s.notifications.lease_seconds = 2;
        s.club.timezone = "Europe/Berlin".into();
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    (app, token)
}

async fn destination(app: &TestApp, token: &str, body: Value) -> Value {
    let res = app.api(Method::POST, "/api/v1/destinations", Some(token), Some(body)).await;
    let status = res.status().as_u16();
    let json: Value = res.json().await.expect("json");
    assert_eq!(status, 201, "{json}");
    json
}

/// Verifies a Standard Webhooks signature as the specification describes it (written here from
/// the specification, not with the service's code): HMAC-SHA256 over `id.timestamp.body`,
/// keyed with the base64 secret after `whsec_`; any of the space-separated `v1,` signatures.
fn verify(secret: &str, r: &Received) -> bool {
    let key = base64::engine::general_purpose::STANDARD.decode(secret.trim_start_matches("whsec_")).expect("secret");
    let signed = format!("{}.{}.{}", r.headers["webhook-id"], r.headers["webhook-timestamp"], r.body);
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).expect("key");
    mac.update(signed.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    r.headers["webhook-signature"].split(' ').any(|s| s == format!("v1,{expected}"))
}

async fn drain(app: &TestApp) {
    let worker = app.worker();
    for _ in 0..20 {
        if worker.run_once().await.expect("round").handled() == 0 {
            return;
        }
    }
}

#[tokio::test]
async fn every_event_reaches_a_signed_webhook_in_its_documented_shape() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    let all = [
        "topic.announced",
        "topic.opened",
        "topic.closing_soon",
        "entry.pending",
        "entry.published",
        "roundup.published",
        "digest.sent",
    ];
    let made = destination(
        &app,
        &token,
        json!({"kind": "webhook", "url": receiver.url("/hook"), "events": all, "reminder_days": 3}),
    )
    .await;
    let secret = made["secret"].as_str().expect("the secret, shown once").to_owned();
    assert!(secret.starts_with("whsec_"));
    let again = app.api(Method::GET, &format!("/api/v1/destinations/{}", made["id"]), Some(&token), None).await;
    assert!(again.json::<Value>().await.expect("json").get("secret").is_none(), "never shown again");

    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    let id = app.confirmed_entry("metrics", entry("article", "DORA done right", "https://example.org/dora")).await;
    app.api(Method::POST, &format!("/api/v1/submissions/{id}/approve"), Some(&token), None).await;
    app.api(
        Method::PUT,
        "/api/v1/topics/metrics/roundup",
        Some(&token),
        Some(json!({"intro": "March **was** good.", "published": true})),
    )
    .await;
    drain(&app).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 29, 12, 0, 0).single().expect("valid"));
    drain(&app).await;

    let got = receiver.received("/hook");
    let types: Vec<String> = got.iter().map(|r| r.json()["type"].as_str().expect("type").to_owned()).collect();
    for expected in [
        "topic.announced",
        "topic.opened",
        "entry.pending",
        "entry.published",
        "roundup.published",
        "topic.closing_soon",
    ] {
        assert_eq!(types.iter().filter(|t| *t == expected).count(), 1, "{expected} once in {types:?}");
    }
    for r in &got {
        assert!(verify(&secret, r), "the signature verifies: {:?}", r.headers);
        assert!(r.headers["webhook-id"].starts_with("msg_"));
        let body = r.json();
        assert!(body["timestamp"].is_string() && body["data"].is_object(), "{body}");
    }
    let pending = got.iter().find(|r| r.json()["type"] == "entry.pending").expect("pending").json();
    assert_eq!(pending["data"]["entry"]["title"], "DORA done right");
    assert!(!pending.to_string().contains("ada.author@example.org"), "never the author's address");
    let published = got.iter().find(|r| r.json()["type"] == "entry.published").expect("published").json();
    assert_eq!(published["data"]["entry"]["link"], "https://example.org/dora");
    let reminder = got.iter().find(|r| r.json()["type"] == "topic.closing_soon").expect("reminder").json();
    assert_eq!(reminder["data"]["days_left"], 3);
}

#[tokio::test]
async fn slack_and_discord_get_their_own_shapes_within_their_limits() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    destination(&app, &token, json!({"kind": "slack", "url": receiver.url("/slack"), "events": ["topic.announced"]}))
        .await;
    destination(
        &app,
        &token,
        json!({"kind": "discord", "url": receiver.url("/discord"), "events": ["topic.announced"]}),
    )
    .await;
    let title = format!("A very long title {} <!channel> @everyone", "word ".repeat(32));
    let summary = "Long summary. ".repeat(600);
    app.create_topic(&token, json!({"month": "2025-04", "title": title, "summary": summary, "announced": true})).await;
    drain(&app).await;

    let slack = receiver.received("/slack").remove(0).json();
    let blocks = slack["blocks"].as_array().expect("Block Kit blocks");
    assert_eq!(blocks[0]["type"], "header");
    let header = blocks[0]["text"]["text"].as_str().expect("header text");
    assert!(header.chars().count() <= 150 && header.ends_with('…'), "cut to Slack's 150: {header}");
    assert_eq!(blocks[1]["text"]["type"], "mrkdwn");
    assert!(blocks[1]["text"]["text"].as_str().expect("section").chars().count() <= 3000);
    assert!(slack["text"].is_string(), "a fallback text");
    assert!(!slack.to_string().contains("<!channel>"), "no mention of everyone");
    assert!(
        blocks[2]["elements"][0]["url"].as_str().expect("button").starts_with("http://127.0.0.1:8080/topics/"),
        "a link button"
    );

    let discord = receiver.received("/discord").remove(0).json();
    let embed = &discord["embeds"][0];
    assert!(embed["title"].as_str().expect("title").chars().count() <= 256);
    let description = embed["description"].as_str().expect("description");
    assert!(description.chars().count() <= 4096 && description.ends_with('…'), "cut to Discord's 4096");
    assert_eq!(discord["allowed_mentions"]["parse"], json!([]), "@everyone pings nobody");
    assert_eq!(receiver.received("/slack")[0].status, 200);
}

#[tokio::test]
async fn failures_are_retried_until_delivered_once_and_retry_after_is_honoured() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    receiver.script("/flaky", &[(500, None), (500, None), (500, None), (200, None)]);
    receiver.script("/busy", &[(429, Some(2)), (200, None)]);
    receiver.script("/gone", &[(404, None)]);
    for path in ["/flaky", "/busy", "/gone"] {
        destination(&app, &token, json!({"kind": "webhook", "url": receiver.url(path), "events": ["topic.announced"]}))
            .await;
    }
    app.create_topic(&token, json!({"month": "2025-04", "title": "April", "announced": true})).await;
    let worker = app.worker();
    for _ in 0..6 {
        worker.deliver_notifications().await.expect("round");
        app.clock.advance(chrono::Duration::seconds(1));
        if receiver.received("/busy").len() == 1 {
            // One second after a 429 that asked for two: not yet.
            worker.deliver_notifications().await.expect("round");
            assert_eq!(receiver.received("/busy").len(), 1, "not called again before two seconds");
        }
        app.clock.advance(chrono::Duration::seconds(4));
    }
    let flaky = receiver.received("/flaky");
    assert_eq!(flaky.iter().map(|r| r.status).collect::<Vec<_>>(), [500, 500, 500, 200], "three failures, then once");
    assert_eq!(
        flaky.iter().map(|r| &r.headers["webhook-id"]).collect::<std::collections::HashSet<_>>().len(),
        1,
        "one message id"
    );
    let busy = receiver.received("/busy");
    assert_eq!(busy.len(), 2);
    assert_eq!(receiver.received("/gone").len(), 1, "a 404 is final");
    let log = app
        .api(Method::GET, "/api/v1/destinations/1/deliveries", Some(&token), None)
        .await
        .json::<Value>()
        .await
        .expect("log");
    assert_eq!(log.as_array().expect("lines").len(), 4, "every attempt is logged: {log}");
    assert_eq!(log[0]["outcome"], "delivered");
    assert!(log[1]["response"].as_str().expect("answer").contains("answered 500"), "the first bytes of the answer");
}

#[tokio::test]
async fn three_workers_deliver_each_event_once() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    receiver.slow("/hook", Duration::from_millis(30));
    destination(&app, &token, json!({"kind": "webhook", "url": receiver.url("/hook"), "events": ["entry.published"]}))
        .await;
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    for n in 0..30 {
        let body = json!({"url": format!("https://example.org/{n}"), "title": format!("Entry {n}")});
        app.api(Method::POST, "/api/v1/topics/metrics/entries", Some(&token), Some(body)).await;
    }
    let workers: Vec<_> = (0..3).map(|_| app.worker()).collect();
    let mut rounds = tokio::task::JoinSet::new();
    for worker in workers {
        rounds.spawn(async move {
            for _ in 0..10 {
                worker.deliver_notifications().await.expect("round");
            }
        });
    }
    while rounds.join_next().await.is_some() {}
    let got = receiver.received("/hook");
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for r in &got {
        *by_id.entry(r.headers["webhook-id"].clone()).or_default() += 1;
    }
    assert_eq!(by_id.len(), 30, "every event arrived");
    assert!(by_id.values().all(|n| *n == 1), "none twice: {by_id:?}");
}

#[tokio::test]
async fn the_reminder_fires_once_days_before_the_close_in_the_club_zone_across_a_restart() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    destination(
        &app,
        &token,
        json!({"kind": "webhook", "url": receiver.url("/hook"), "events": ["topic.closing_soon"], "reminder_days": 3}),
    )
    .await;
    // April closes 1 May 00:00 in Berlin, 30 April 22:00 UTC: three days before is 27 April
    // 22:00 UTC.
    app.create_topic(&token, json!({"month": "2025-04", "title": "April", "announced": true})).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 27, 21, 59, 0).single().expect("valid"));
    drain(&app).await;
    assert_eq!(receiver.received("/hook").len(), 0, "not before");
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 27, 22, 0, 0).single().expect("valid"));
    drain(&app).await;
    assert_eq!(receiver.received("/hook").len(), 1, "at the time");
    // A restart: another app on the same database, later the same day.
    let restarted = crate::helpers::spawn_app_on(app.settings.clone(), app.dir.clone()).await;
    restarted.clock.set(Utc.with_ymd_and_hms(2025, 4, 28, 9, 0, 0).single().expect("valid"));
    drain(&restarted).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 29, 9, 0, 0).single().expect("valid"));
    drain(&app).await;
    assert_eq!(receiver.received("/hook").len(), 1, "once");
}

fn worker_process(app: &TestApp, receiver_ok: bool) -> Child {
    let mut cmd = Command::new(BIN);
    cmd.arg("worker")
        .current_dir(app.dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("CONTENT_CLUB__DATABASE__URL", &app.settings.database.url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", &app.settings.server.data_dir)
        .env("CONTENT_CLUB__OUTBOUND__ALLOW_PRIVATE_NETWORKS", "true")
        .env("CONTENT_CLUB__NOTIFICATIONS__LEASE_SECONDS", "2")
        .env("CONTENT_CLUB__NOTIFICATIONS__BATCH_SIZE", "5")
        .env("CONTENT_CLUB__WORKER__POLL_INTERVAL_MS", "100")
        .env("CONTENT_CLUB__LINKS__CHECK_EVERY_MINUTES", "0")
        .env("CONTENT_CLUB__LOG__LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(if receiver_ok { Stdio::null() } else { Stdio::inherit() });
    cmd.spawn().expect("worker starts")
}

#[tokio::test]
async fn a_worker_killed_mid_delivery_leaves_at_most_its_batch_to_arrive_twice() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    receiver.slow("/hook", Duration::from_millis(400));
    destination(&app, &token, json!({"kind": "webhook", "url": receiver.url("/hook"), "events": ["entry.published"]}))
        .await;
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    for n in 0..20 {
        let body = json!({"url": format!("https://example.org/k{n}"), "title": format!("Entry {n}")});
        app.api(Method::POST, "/api/v1/topics/metrics/entries", Some(&token), Some(body)).await;
    }
    let mut first = worker_process(&app, true);
    let started = Instant::now();
    while receiver.received("/hook").len() < 3 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    first.kill().expect("kill -9");
    first.wait().expect("reaped");
    let mut second = worker_process(&app, true);
    let started = Instant::now();
    let distinct = || {
        receiver
            .received("/hook")
            .iter()
            .map(|r| r.headers["webhook-id"].clone())
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    while distinct() < 20 && started.elapsed() < Duration::from_secs(40) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.kill().expect("stop");
    second.wait().expect("reaped");
    let got = receiver.received("/hook");
    assert_eq!(distinct(), 20, "every event arrived");
    let twice = got.len() - 20;
    assert!(twice <= 5, "at most the batch in flight arrived twice ({twice})");
}

#[tokio::test]
async fn destinations_are_for_admins_and_bad_ones_are_refused() {
    let receiver = Receiver::start();
    let (app, token) = club().await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/destinations",
            Some(&token),
            Some(json!({"kind": "fax", "url": "ftp://x", "events": []})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let errors = res.json::<Value>().await.expect("json")["errors"].clone();
    for field in ["kind", "url", "events"] {
        assert!(errors[field].is_string(), "{field}: {errors}");
    }
    app.add_organiser_with_role("mod@example.org", "a long enough password", content_club::app::Role::Moderator);
    let (_, moderator) = app.api_token("mod@example.org");
    let res = app.api(Method::GET, "/api/v1/destinations", Some(&moderator), None).await;
    assert_eq!(res.status().as_u16(), 403);

    let made = destination(
        &app,
        &token,
        json!({"kind": "webhook", "url": receiver.url("/hook"), "events": ["topic.announced"]}),
    )
    .await;
    let old = made["secret"].as_str().expect("secret").to_owned();
    let rotated = app
        .api(
            Method::PATCH,
            &format!("/api/v1/destinations/{}", made["id"]),
            Some(&token),
            Some(json!({"rotate_secret": true})),
        )
        .await
        .json::<Value>()
        .await
        .expect("json");
    let new = rotated["secret"].as_str().expect("the new secret, once").to_owned();
    let test = app.api(Method::POST, &format!("/api/v1/destinations/{}/test", made["id"]), Some(&token), None).await;
    assert_eq!(test.json::<Value>().await.expect("json")["outcome"], "delivered");
    let sent = receiver.received("/hook").remove(0);
    assert!(verify(&new, &sent) && verify(&old, &sent), "signed with both secrets while they overlap");
    let res = app.api(Method::DELETE, &format!("/api/v1/destinations/{}", made["id"]), Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
}
