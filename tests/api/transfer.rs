use std::process::Command;

use chrono::{TimeZone, Utc};
use serde_json::json;

use crate::helpers::{entry, fresh_database_url, spawn_app_on, test_settings};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

fn run(url: &str, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN)
        .args(args)
        .env("CONTENT_CLUB__DATABASE__URL", url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", dir.join("data"))
        .env("CONTENT_CLUB__LOG__LEVEL", "warn")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The export without its header, for comparing databases.
fn content(path: &std::path::Path) -> serde_json::Value {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    value
        .as_object_mut()
        .expect("object")
        .retain(|k, _| ["topics", "submissions", "subscribers"].contains(&k.as_str()));
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_from_sqlite_imports_into_another_database_the_same_and_idempotently() {
    // The source is always SQLite (the embedded default); the target is PostgreSQL when the
    // suite runs against it, SQLite otherwise.
    let dir = std::sync::Arc::new(tempfile::tempdir().expect("tempdir"));
    let mut settings = test_settings(&dir);
    settings.database.url = format!("sqlite://{}", dir.path().join("data/source.db").display());
    settings.submissions.per_ip_per_hour = 10_000;
    settings.submissions.per_email_per_day = 10_000;
    let app = spawn_app_on(settings, dir.clone()).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-02", "title": "February", "announced": true})).await;
    app.create_topic(
        &token,
        json!({"month": "2025-03", "title": "Metrics That Matter", "announced": true, "summary": "*Numbers*"}),
    )
    .await;
    app.create_topic(&token, json!({"month": "2025-05", "title": "A Draft"})).await;
    app.api(
        reqwest::Method::PATCH,
        "/api/v1/topics/metrics-that-matter",
        Some(&token),
        Some(json!({"slug": "metrics"})),
    )
    .await;
    app.approved_entry(&token, "metrics", entry("video", "A talk", "https://www.youtube.com/watch?v=abc")).await;
    app.confirmed_entry("metrics", entry("article", "Pending", "https://example.org/pending")).await;
    app.api(
        reqwest::Method::POST,
        "/api/v1/subscribers",
        None,
        Some(json!({"email": "reader@example.org", "language": "ja"})),
    )
    .await;

    let source = app.settings.database.url.clone();
    let exported = dir.path().join("export.json");
    run(&source, dir.path(), &["export", "--with-emails", "--to", exported.to_str().expect("utf8")]);
    let original = content(&exported);
    assert_eq!(original["topics"].as_array().expect("topics").len(), 3);
    assert_eq!(original["topics"][1]["old_slugs"], json!(["metrics-that-matter"]));
    assert_eq!(original["submissions"].as_array().expect("subs").len(), 2);
    assert_eq!(original["subscribers"][0]["email"], "reader@example.org");
    assert_eq!(original["subscribers"][0]["language"], "ja", "the language of their mail travels");

    let target_dir = tempfile::tempdir().expect("tempdir");
    let target = fresh_database_url(&target_dir);
    for _ in 0..2 {
        run(&target, target_dir.path(), &["import", "--from", exported.to_str().expect("utf8")]);
    }
    let round = target_dir.path().join("round.json");
    run(&target, target_dir.path(), &["export", "--with-emails", "--to", round.to_str().expect("utf8")]);
    assert_eq!(content(&round), original, "the same topics, submissions and subscribers, once");

    // And back again into a fresh SQLite database.
    let back_dir = tempfile::tempdir().expect("tempdir");
    let back = format!("sqlite://{}", back_dir.path().join("data/back.db").display());
    run(&back, back_dir.path(), &["import", "--from", round.to_str().expect("utf8")]);
    let again = back_dir.path().join("again.json");
    run(&back, back_dir.path(), &["export", "--with-emails", "--to", again.to_str().expect("utf8")]);
    assert_eq!(content(&again), original);

    // Without the flag, no addresses leave the database.
    let out = run(&source, dir.path(), &["export"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("reader@example.org") && !text.contains("ada.author@example.org"), "{text}");
}
