use std::process::Command;

use chrono::{TimeZone, Utc};
use serde_json::json;

use crate::helpers::{entry, spawn_app_with, using_postgres};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

fn counts(url: &str) -> Vec<i64> {
    let settings = content_club::config::DatabaseSettings {
        url: url.to_owned(),
        pool_size: 1,
        connect_timeout_seconds: 5,
        busy_timeout_ms: 5000,
        sqlite_mmap_mib: 0,
        write_queue: 64,
    };
    let db = content_club::db::Db::connect(&settings).expect("open");
    let mut conn = db.get().expect("conn");
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    use diesel::RunQueryDsl;
    ["organisers", "topics", "submissions", "submission_events", "deliveries", "subscribers"]
        .iter()
        .map(|t| {
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}"))
                .get_result::<Count>(&mut *conn)
                .expect("count")
                .n
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_with_matching_counts() {
    let app = spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 100_000;
        s.submissions.per_email_per_day = 100_000;
    })
    .await;
    let env = |cmd: &mut Command, url: &str| {
        cmd.env("CONTENT_CLUB__DATABASE__URL", url)
            .env("CONTENT_CLUB__SERVER__DATA_DIR", &app.settings.server.data_dir)
            .env("CONTENT_CLUB__LOG__LEVEL", "warn");
    };
    let file = app.dir.path().join("backup.db");
    if using_postgres() {
        let mut cmd = Command::new(BIN);
        cmd.args(["backup", "--to"]).arg(&file);
        env(&mut cmd, &app.settings.database.url);
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
        return;
    }
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "March", "announced": true})).await;

    // Writers keep submitting while the backup is taken.
    let writer = {
        let client = reqwest::Client::new();
        let url = app.url("/api/v1/topics/march/submissions");
        tokio::spawn(async move {
            let mut accepted = 0;
            for i in 0..150 {
                let res = client
                    .post(&url)
                    .json(&entry("post", &format!("Entry {i}"), &format!("https://example.org/{i}")))
                    .send()
                    .await;
                if res.map(|r| r.status().as_u16() == 202).unwrap_or(false) {
                    accepted += 1;
                }
            }
            accepted
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let mut cmd = Command::new(BIN);
    cmd.args(["backup", "--to"]).arg(&file);
    env(&mut cmd, &app.settings.database.url);
    let out = tokio::task::block_in_place(|| cmd.output().expect("runs"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let accepted = writer.await.expect("writer");
    assert_eq!(accepted, 150);

    // The snapshot is one consistent moment: every submission has its confirmation mail queued.
    let snapshot_url = format!("sqlite://{}", file.display());
    let snapshot = counts(&snapshot_url);
    assert_eq!(snapshot[2], snapshot[4], "submissions and their queued mails match: {snapshot:?}");
    assert!(snapshot[1] == 1 && snapshot[0] == 1);

    let restored_url = format!("sqlite://{}", app.dir.path().join("restored/club.db").display());
    let mut cmd = Command::new(BIN);
    cmd.args(["restore", "--from"]).arg(&file);
    env(&mut cmd, &restored_url);
    let out = tokio::task::block_in_place(|| cmd.output().expect("runs"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(counts(&restored_url), snapshot);

    // A restore never overwrites data, and takes only our own backups.
    let mut cmd = Command::new(BIN);
    cmd.args(["restore", "--from"]).arg(&file);
    env(&mut cmd, &app.settings.database.url);
    let out = tokio::task::block_in_place(|| cmd.output().expect("runs"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
    let stranger = app.dir.path().join("stranger.txt");
    std::fs::write(&stranger, "not a database").expect("write");
    let mut cmd = Command::new(BIN);
    cmd.args(["restore", "--from"]).arg(&stranger);
    env(&mut cmd, &format!("sqlite://{}", app.dir.path().join("other/club.db").display()));
    let out = tokio::task::block_in_place(|| cmd.output().expect("runs"));
    assert!(!out.status.success());
    // Backing up onto an existing file is refused.
    let mut cmd = Command::new(BIN);
    cmd.args(["backup", "--to"]).arg(&file);
    env(&mut cmd, &app.settings.database.url);
    assert!(!tokio::task::block_in_place(|| cmd.output().expect("runs")).status.success());
}
