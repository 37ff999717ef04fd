//! Pages and API lists make a bounded number of queries, whatever the number of rows: counted
//! with the pool's statement counter, for a small club and for the same club with hundreds of
//! entries, authors, events, digests and subscribers more.

use chrono::{Duration, TimeZone, Utc};
use content_club::db::states::{SubmissionAction, SubmissionKind, SubmissionStatus, SubscriberStatus};
use content_club::db::submissions::{record_event, NewSubmission};
use content_club::db::subscribers::NewSubscriber;
use content_club::db::topics::Topic;
use serde_json::json;

use crate::helpers::{spawn_app_with, TestApp};

/// Adds `count` submissions to the topic of `month`, spread over 25 authors and every status,
/// each with two steps of history; and `count` subscribers.
fn fill(app: &TestApp, month: &str, count: usize, offset: usize) {
    let mut conn = app.state.app.db.get().expect("connection");
    let topic = Topic::by_month(&mut conn, month).expect("query").expect("topic");
    let at = Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).single().expect("valid").naive_utc();
    for i in offset..offset + count {
        let status = SubmissionStatus::ALL[i % SubmissionStatus::ALL.len()];
        let submission = NewSubmission {
            public_id: &format!("fill{i:08}"),
            topic_id: topic.id,
            kind: SubmissionKind::ALL[i % SubmissionKind::ALL.len()],
            title: &format!("Entry {i}"),
            url: &format!("https://example.org/fill/{i}"),
            summary: "A summary.",
            author_name: &format!("Author {}", i % 25),
            author_email: &format!("author-{}@example.org", i % 25),
            author_link: None,
            status,
            edit_token_hash: "x",
            created_at: at + Duration::seconds(i as i64),
            updated_at: at + Duration::seconds(i as i64),
            note: "",
            language: "",
            added_by: None,
            canonical_url: &format!("https://example.org/fill/{i}"),
            thumbnail: None,
            mail_language: "",
        }
        .insert(&mut conn)
        .expect("insert");
        record_event(&mut conn, submission.id, SubmissionAction::Submitted, None, None, at).expect("event");
        record_event(&mut conn, submission.id, SubmissionAction::Confirmed, None, None, at).expect("event");
        NewSubscriber {
            email: &format!("reader-{i}@example.org"),
            status: SubscriberStatus::ALL[i % SubscriberStatus::ALL.len()],
            confirm_token_hash: None,
            confirm_sent_at: None,
            created_at: at,
            updated_at: at,
            public_id: &content_club::domain::subscriptions::new_public_id(),
            language: "",
        }
        .insert(&mut conn)
        .expect("subscriber");
    }
}

/// The statements one request made (nothing else runs meanwhile: no worker, no background check).
async fn queries_for(app: &TestApp, path: &str, token: Option<&str>) -> (u64, String) {
    let before = app.state.app.db.queries_run();
    let mut req = app.client.get(app.url(path));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.expect("get");
    let status = res.status().as_u16();
    let body = res.text().await.expect("body");
    assert_eq!(status, 200, "{path}: {body}");
    (app.state.app.db.queries_run() - before, body)
}

#[tokio::test]
async fn list_pages_make_the_same_number_of_queries_for_ten_entries_and_for_five_hundred() {
    let app = spawn_app_with(|s| s.feeds.refresh_seconds = 3600).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-02", "title": "February", "announced": true})).await;
    app.create_topic(&token, json!({"month": "2025-03", "title": "March", "announced": true})).await;
    app.logged_in_admin().await;
    let pages: [(&str, bool); 7] = [
        ("/admin/submissions?status=all", false),
        ("/admin/submissions?status=pending", false),
        ("/admin", false),
        ("/admin/digests", false),
        ("/admin/subscribers", false),
        ("/api/v1/submissions", true),
        ("/api/v1/subscribers", true),
    ];
    fill(&app, "2025-03", 10, 0);
    let mut small = Vec::new();
    for (path, api) in pages {
        small.push(queries_for(&app, path, api.then_some(token.as_str())).await);
    }
    fill(&app, "2025-03", 490, 10);
    for ((path, api), (queries, _)) in pages.iter().zip(&small) {
        let (large, body) = queries_for(&app, path, api.then_some(token.as_str())).await;
        assert_eq!(large, *queries, "{path}: {queries} queries with 10 entries, {large} with 500");
        // The dashboard reads the most: counts, digests, topics, charts, broken links, destinations.
        assert!(*queries <= 18, "{path} makes {queries} queries");
        if *path == "/admin/submissions?status=all" {
            let page = content_club::app::moderation::QUEUE_PAGE as usize;
            assert_eq!(body.matches("class=\"queue-item\"").count(), page, "a page holds {page} entries");
            assert!(body.contains("Older submissions"), "and links the next page");
        }
    }
}
