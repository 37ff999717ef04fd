//! Every request has an id: in its response header, in every log line it causes, in problem bodies
//! and error pages, and in the outbox rows it writes; and writes that would queue too long are
//! refused with 503 and Retry-After instead, changing nothing.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use content_club::db::deliveries::Delivery;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{entry, fresh_database_url, spawn_app_with};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_request_id_from_the_response_header_into_the_log_lines_and_the_outbox_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let port = free_port();
    let mut server = Command::new(BIN)
        .arg("serve")
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("CONTENT_CLUB__DATABASE__URL", &url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", dir.path().join("data"))
        .env("CONTENT_CLUB__SERVER__BIND", format!("127.0.0.1:{port}"))
        .env("CONTENT_CLUB__SERVER__WORKERS", "1")
        .env("CONTENT_CLUB__SERVER__RUN_WORKER", "false")
        .env("CONTENT_CLUB__LOG__FORMAT", "json")
        .env("CONTENT_CLUB__LOG__LEVEL", "info")
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(format!("{base}/readyz")).send().await.map(|r| r.status().as_u16()).ok() != Some(200) {
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = client
        .post(format!("{base}/api/v1/subscribers"))
        .header("x-request-id", "chosen-by-a-stranger")
        .json(&json!({"email": "reader@example.org"}))
        .send()
        .await
        .expect("subscribe");
    assert_eq!(res.status().as_u16(), 202);
    let id = res.headers().get("x-request-id").expect("an id").to_str().expect("ascii").to_owned();
    assert_eq!(id.len(), 32, "made here, not taken from an untrusted client: {id}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.kill().expect("stop");
    let mut logs = String::new();
    server.stderr.take().expect("stderr").read_to_string(&mut logs).expect("logs");
    server.wait().expect("wait");

    let lines: Vec<Value> = logs.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let of_request: Vec<&Value> = lines
        .iter()
        .filter(|l| l["span"]["request_id"].as_str() == Some(&id) || l["request_id"].as_str() == Some(&id))
        .collect();
    let messages: Vec<&str> = of_request.iter().filter_map(|l| l["message"].as_str()).collect();
    assert!(messages.contains(&"request"), "the access line: {messages:?}\n{logs}");
    let queued = of_request.iter().find(|l| l["message"] == "mail queued").unwrap_or_else(|| panic!("{logs}"));
    assert_eq!(queued["span"]["name"], "request", "logged inside the request's span");
    let other = lines.iter().filter(|l| l["message"] == "mail queued").count();
    assert_eq!(other, 1, "one mail queued in all");

    let settings = content_club::config::DatabaseSettings {
        url,
        pool_size: 1,
        connect_timeout_seconds: 5,
        busy_timeout_ms: 5000,
        sqlite_mmap_mib: 0,
        write_queue: 64,
    };
    let db = content_club::db::Db::connect(&settings).expect("open");
    let rows = Delivery::all(&mut db.get().expect("conn")).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].request_id.as_deref(), Some(id.as_str()), "the confirmation's outbox row");
    let message_id = rows[0].message_id.trim_matches(['<', '>']);
    assert!(queued["message_id"].as_str().is_some_and(|m| m.contains(message_id)), "{queued}");
}

#[tokio::test]
async fn problems_and_error_pages_show_the_id_and_only_a_trusted_proxy_may_choose_it() {
    let app = spawn_app_with(|_| {}).await;
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "not an address"}))).await;
    assert_eq!(res.status().as_u16(), 422);
    let id = res.headers().get("x-request-id").expect("id").to_str().expect("ascii").to_owned();
    let body: Value = res.json().await.expect("problem");
    assert_eq!(body["request_id"].as_str(), Some(id.as_str()), "{body}");

    let res =
        app.client.get(app.url("/no/such/page")).header("x-request-id", "proxy-id-12345678").send().await.expect("get");
    assert_eq!(res.status().as_u16(), 404);
    let id = res.headers().get("x-request-id").expect("id").to_str().expect("ascii").to_owned();
    assert_ne!(id, "proxy-id-12345678", "an untrusted client does not choose its id");
    let page = res.text().await.expect("page");
    assert!(page.contains(&format!("<code>{id}</code>")), "{page}");

    // Refused before any handler (a cross-site form post): the answer has its id too.
    let res = app
        .client
        .post(app.url("/subscribe"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "a@example.org")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403);
    let id = res.headers().get("x-request-id").expect("id").to_str().expect("ascii").to_owned();
    assert!(res.text().await.expect("page").contains(&format!("<code>{id}</code>")));

    let behind_proxy = spawn_app_with(|s| s.rate_limit.trust_forwarded_for = true).await;
    let ask = |id: &'static str| {
        behind_proxy.client.get(behind_proxy.url("/api/v1/topics")).header("x-request-id", id).send()
    };
    let res = ask("proxy-id-12345678").await.expect("get");
    assert_eq!(res.headers().get("x-request-id").expect("id"), "proxy-id-12345678", "the proxy's id is kept");
    let res = ask("bad id with spaces and <markup>").await.expect("get");
    let made = res.headers().get("x-request-id").expect("id").to_str().expect("ascii").to_owned();
    assert_eq!(made.len(), 32, "an unusable id is replaced: {made}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_write_queue_answers_503_with_retry_after_and_stores_nothing() {
    let app = spawn_app_with(|s| {
        s.database.write_queue = 0;
        s.submissions.per_ip_per_hour = 10_000;
        s.submissions.per_email_per_day = 10_000;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    let (submissions, deliveries) = (app.count("submissions"), app.count("deliveries"));
    let submit = || {
        app.api(
            Method::POST,
            "/api/v1/topics/metrics/submissions",
            None,
            Some(entry("article", "Busy", "https://example.org/busy")),
        )
    };

    // Every writer's turn is taken by a long write; nobody may wait.
    let db = app.state.app.db.clone();
    let holders: Vec<_> = (0..db.writers())
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(|_| {
                    std::thread::sleep(Duration::from_millis(1500));
                    Ok(())
                })
                .await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let res = submit().await;
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(res.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
    let body: Value = res.json().await.expect("problem");
    assert!(body["detail"].as_str().is_some_and(|d| d.contains("try again")), "{body}");
    for holder in holders {
        holder.await.expect("joined").expect("the long write finished");
    }
    assert_eq!((app.count("submissions"), app.count("deliveries")), (submissions, deliveries), "nothing stored");

    // With the writers free again, the same submission is taken.
    let res = submit().await;
    assert_eq!(res.status().as_u16(), 202);
    assert_eq!(app.count("submissions"), submissions + 1);
}
