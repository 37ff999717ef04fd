//! Organisers curate: entries added for members (one, or a pasted list previewed first), any
//! entry edited with its history kept, and the monthly round-up that opens the digest, heads the
//! closed topic's page and exports as Markdown and as text for a post.

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{csrf_from, path_of, spawn_app_with, TestApp};
use crate::smtp_sink::{header, part, SmtpSink};

/// A club on 15 March 2025 with a closed February and an open March; mail to `smtp` if given.
async fn club(smtp: Option<String>) -> (TestApp, String) {
    let app = spawn_app_with(move |s| {
        if let Some(url) = smtp {
            s.email.transport = "smtp".into();
            s.email.smtp_url = url;
        }
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    for (month, title, slug) in [("2025-02", "Team Topologies", "teams"), ("2025-03", "Metrics That Matter", "metrics")]
    {
        app.create_topic(&token, json!({"month": month, "title": title, "slug": slug, "announced": true})).await;
    }
    (app, token)
}

/// Twenty lines in the club's shapes: seventeen new links, one already in the topic, one that
/// repeats an earlier line, and one without a link.
fn twenty_lines(existing: &str) -> String {
    let mut lines = Vec::new();
    for n in 1..=17 {
        lines.push(match n % 4 {
            0 => format!("- Author {n} - https://example.org/posts/{n}"),
            1 => format!("- Piece number {n} by Author {n}; worth it :point_right: https://example.org/posts/{n}"),
            2 => {
                format!("- Author {n} - Piece number {n} - a note on {n} https://example.org/posts/{n}?utm_source=chat")
            }
            _ => format!("https://example.org/posts/{n}"),
        });
        if n == 5 {
            lines.push(format!("- Someone - {existing}"));
        }
        if n == 9 {
            lines.push("- Author 3 again - https://example.org/posts/3/".into());
        }
    }
    lines.insert(12, "- a line someone forgot the link on".into());
    assert_eq!(lines.len(), 20);
    lines.join("\n")
}

fn statuses(results: &[Value]) -> (usize, usize, usize) {
    let count = |s: &str| results.iter().filter(|r| r["status"] == s).count();
    (count("created"), count("duplicate"), count("invalid"))
}

async fn bulk(app: &TestApp, token: &str, slug: &str, body: Value) -> Vec<Value> {
    let res = app.api(Method::POST, &format!("/api/v1/topics/{slug}/entries/bulk"), Some(token), Some(body)).await;
    let status = res.status().as_u16();
    let json: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{json}");
    json["results"].as_array().expect("results").clone()
}

#[tokio::test]
async fn a_pasted_list_back_fills_a_closed_topic_once() {
    let (app, token) = club(None).await;
    let existing = "https://example.org/already-there";
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/teams/entries",
            Some(&token),
            Some(json!({"url": existing, "title": "Already there"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "February is closed, and organisers still add to it");
    let before = app.count("submissions");
    let text = twenty_lines(existing);

    // A dry run says what would happen and stores nothing.
    let preview = bulk(&app, &token, "teams", json!({"text": text, "dry_run": true})).await;
    assert_eq!(preview.len(), 20);
    assert_eq!(statuses(&preview), (17, 2, 1));
    assert_eq!(app.count("submissions"), before);
    let invalid = preview.iter().find(|r| r["status"] == "invalid").expect("invalid line");
    assert_eq!((invalid["line"].as_u64(), invalid["error"].as_str()), (Some(13), Some("no link")));
    let repeated = preview
        .iter()
        .find(|r| r["error"].as_str().is_some_and(|e| e.contains("same link as line")))
        .expect("in-list duplicate");
    assert_eq!(repeated["entry"]["url"], "https://example.org/posts/3");
    let old = preview.iter().find(|r| r["duplicate_of"].is_string()).expect("duplicate of an entry");
    assert_eq!(old["entry"]["url"], existing);
    let first = &preview[0];
    assert_eq!(first["entry"]["title"], "Piece number 1");
    assert_eq!(first["entry"]["author_name"], "Author 1");
    assert_eq!(first["entry"]["note"], "worth it 👉");

    // The real run adds exactly the seventeen, published at once, with no mail to anyone.
    let added = bulk(&app, &token, "teams", json!({"text": text})).await;
    assert_eq!(statuses(&added), (17, 2, 1));
    assert_eq!(app.count("submissions"), before + 17);
    assert_eq!(app.count("deliveries"), 0, "no confirmation mail for organisers' entries");
    let (_, page) = app.get_text("/topics/teams").await;
    assert!(page.contains("Piece number 2") && page.contains("a note on 2"), "published on the archive");

    // The same list again adds nothing.
    let again = bulk(&app, &token, "teams", json!({"text": text})).await;
    assert_eq!(statuses(&again), (0, 19, 1));
    assert_eq!(app.count("submissions"), before + 17);
}

#[tokio::test]
async fn the_paste_box_previews_and_adds_only_what_is_ticked() {
    let (app, _) = club(None).await;
    app.logged_in_admin().await;
    let csrf = app.csrf("/admin/topics/teams/entries").await;
    let text = "- Ada - https://example.org/a\n- Ben - Title B - note b https://example.org/b\nno link here\n";
    let res = app
        .post_form(
            "/admin/topics/teams/entries/list",
            &[("csrf_token", &csrf), ("text", text), ("status", "published"), ("step", "preview")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.expect("body");
    assert!(html.contains("2 to add") && html.contains("no link"), "the preview says what happens");
    assert!(html.contains("name=\"take\" value=\"1\"") && html.contains("name=\"take\" value=\"2\""));
    assert_eq!(app.count("submissions"), 0, "a preview adds nothing");
    let body = format!(
        "csrf_token={}&text={}&status=published&step=add&take=2",
        csrf_from(&html),
        url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
    );
    let res = app.post_encoded("/admin/topics/teams/entries/list", body).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.count("submissions"), 1, "only the ticked line");
    let (_, page) = app.get_text("/admin/topics/teams/entries").await;
    assert!(page.contains("1 entry added.") && page.contains("Title B"), "the flash and the entry");
}

fn audit_rows(app: &TestApp, action: &str) -> Vec<(String, String)> {
    let mut conn = app.state.app.db.get().expect("connection");
    content_club::db::audit_log::AuditEntry::newest(&mut conn, 100)
        .expect("audit")
        .into_iter()
        .filter(|(e, _)| e.action == action)
        .map(|(e, _)| (e.subject, e.detail))
        .collect()
}

async fn etag(app: &TestApp, path: &str) -> String {
    app.get(path).await.headers()["etag"].to_str().expect("ascii").to_owned()
}

#[tokio::test]
async fn an_edit_changes_the_feed_item_but_not_its_identity_and_is_audited() {
    let (app, token) = club(None).await;
    let id = app
        .approved_entry(
            &token,
            "metrics",
            crate::helpers::entry("article", "DORA done rihgt", "https://example.org/dora"),
        )
        .await;
    let feed = "/topics/metrics/feed.xml";
    let (tag, xml) = (etag(&app, feed).await, app.get_text(feed).await.1);
    let channel = rss::Channel::read_from(xml.as_bytes()).expect("rss");
    let guid = channel.items()[0].guid().expect("guid").value().to_owned();

    let patch = json!({"title": "DORA done right", "note": "The one to forward to your manager."});
    let res = app.api(Method::PATCH, &format!("/api/v1/submissions/{id}"), Some(&token), Some(patch)).await;
    assert_eq!(res.status().as_u16(), 200);
    let xml = app.get_text(feed).await.1;
    let channel = rss::Channel::read_from(xml.as_bytes()).expect("rss");
    let item = &channel.items()[0];
    assert_eq!(item.title(), Some("DORA done right"));
    assert!(item.description().expect("description").contains("The one to forward to your manager."));
    assert_eq!(item.guid().expect("guid").value(), guid, "the same item for feed readers");
    assert_ne!(etag(&app, feed).await, tag, "readers fetch the new text");

    let edits = audit_rows(&app, "entry edited");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].0, id);
    let detail: Value = serde_json::from_str(&edits[0].1).expect("json detail");
    assert_eq!(detail["title"], json!({"before": "DORA done rihgt", "after": "DORA done right"}));
    assert_eq!(detail["note"]["after"], "The one to forward to your manager.");
    assert!(detail.get("url").is_none(), "only what changed");

    // Bad input changes nothing and says which field.
    let res = app
        .api(
            Method::PATCH,
            &format!("/api/v1/submissions/{id}"),
            Some(&token),
            Some(json!({"url": "javascript:x", "language": "klingon please"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let body: Value = res.json().await.expect("json");
    assert!(body["errors"]["url"].is_string() && body["errors"]["language"].is_string(), "{body}");
    assert_eq!(audit_rows(&app, "entry edited").len(), 1);

    // Moved to February: gone from March's feed, in February's, same permalink.
    let res = app
        .api(Method::PATCH, &format!("/api/v1/submissions/{id}"), Some(&token), Some(json!({"topic": "teams"})))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(!app.get_text(feed).await.1.contains("DORA done right"));
    let february = app.get_text("/topics/teams/feed.xml").await.1;
    assert!(february.contains("DORA done right") && february.contains(&guid));
}

#[tokio::test]
async fn an_entry_is_added_once_and_its_author_told_only_when_asked() {
    let (app, token) = club(None).await;
    let body = json!({"url": "https://example.org/talk", "title": "A talk", "author_name": "Ada", "author_email": "ada@example.org",
                      "note": "Great :tada:", "language": "pt_br", "notify_author": true});
    let res = app.api(Method::POST, "/api/v1/topics/metrics/entries", Some(&token), Some(body.clone())).await;
    assert_eq!(res.status().as_u16(), 201);
    let entry: Value = res.json().await.expect("json");
    assert_eq!(
        (entry["status"].as_str(), entry["note"].as_str(), entry["language"].as_str()),
        (Some("approved"), Some("Great 🎉"), Some("pt-BR"))
    );
    assert_eq!(app.count("deliveries"), 1, "the author is told");
    let res = app.api(Method::POST, "/api/v1/topics/metrics/entries", Some(&token), Some(body)).await;
    assert_eq!(res.status().as_u16(), 409);
    let problem: Value = res.json().await.expect("json");
    let message = problem["errors"]["url"].as_str().expect("url message");
    assert!(message.contains(entry["id"].as_str().expect("id")), "points at the entry: {message}");
    let res = app
        .api(
            Method::POST,
            "/api/v1/topics/metrics/entries",
            Some(&token),
            Some(json!({"url": "https://example.org/quiet", "status": "pending"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    assert_eq!(app.count("deliveries"), 1, "no mail unless asked");
    let res = app.api(Method::GET, "/api/v1/submissions?status=pending", Some(&token), None).await;
    let pending: Value = res.json().await.expect("json");
    assert_eq!(pending[0]["title"], "example.org", "a pending entry waits for moderation, titled from its link");
    let refused = app
        .api(Method::POST, "/api/v1/topics/metrics/entries", None, Some(json!({"url": "https://example.org/x"})))
        .await;
    assert_eq!(refused.status().as_u16(), 401);
}

/// A closed February with three entries, the middle one highlighted and noted, and a round-up.
async fn february_with_roundup(app: &TestApp, token: &str, published: bool) -> Vec<String> {
    let mut ids = Vec::new();
    for (n, title) in ["First piece", "Second piece", "Third piece"].iter().enumerate() {
        let body = json!({"url": format!("https://example.org/feb/{n}"), "title": title, "author_name": format!("Author {n}"), "note": format!("Note on piece {n}")});
        let res = app.api(Method::POST, "/api/v1/topics/teams/entries", Some(token), Some(body)).await;
        ids.push(res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned());
    }
    let roundup = json!({"intro": "February was about **teams before tools**.", "order": [ids[2], ids[0]], "highlighted": [ids[1]], "published": published});
    let res = app.api(Method::PUT, "/api/v1/topics/teams/roundup", Some(token), Some(roundup)).await;
    assert_eq!(res.status().as_u16(), 200);
    ids
}

#[tokio::test]
async fn the_roundup_opens_the_digest_and_heads_the_closed_topic() {
    let sink = SmtpSink::start().await;
    let (app, token) = club(Some(sink.url())).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 2, 10, 12, 0, 0).single().expect("valid"));
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "reader@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    let link = {
        let mut conn = app.state.app.db.get().expect("conn");
        let rows = content_club::db::deliveries::Delivery::all(&mut conn).expect("rows");
        rows.iter()
            .find_map(|d| {
                d.body_text.split_whitespace().find(|w| w.contains("/subscribe/confirm?token=")).map(str::to_owned)
            })
            .expect("link")
    };
    let (_, html) = app.get_text(&path_of(&link)).await;
    let token_value = link.split("token=").nth(1).expect("token").to_owned();
    app.post_form("/subscribe/confirm", &[("csrf_token", &csrf_from(&html)), ("token", &token_value)]).await;
    let ids = february_with_roundup(&app, &token, false).await;

    // February closes with its round-up still a draft: the digest waits.
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 1, 6, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    assert!(sink
        .messages()
        .iter()
        .all(|m| !header(&m.data, "Subject").unwrap_or_default().contains("Team Topologies")));
    assert_eq!(app.get("/topics/teams/roundup").await.status().as_u16(), 404, "a draft is private");
    assert!(!app.get_text("/topics/teams").await.1.contains("teams before tools"));

    // Published: the next round sends the digest, opening with the introduction.
    let res = app.api(Method::PUT, "/api/v1/topics/teams/roundup", Some(&token), Some(json!({"intro": "February was about **teams before tools**.", "order": [ids[2], ids[0]], "highlighted": [ids[1]], "published": true}))).await;
    assert_eq!(res.status().as_u16(), 200);
    app.deliver_all().await;
    let digest = sink
        .messages()
        .into_iter()
        .find(|m| header(&m.data, "Subject").unwrap_or_default().contains("Team Topologies"))
        .expect("the digest arrived");
    let text = part(&digest.data, "text/plain").expect("text");
    let intro_at = text.find("February was about teams before tools.").expect("the intro in the text part");
    let second = text.find("Second piece").expect("entry");
    let (third, first) = (text.find("Third piece").expect("entry"), text.find("First piece").expect("entry"));
    assert!(
        intro_at < second && second < third && third < first,
        "intro, the highlight, then the round-up's order:\n{text}"
    );
    assert!(text.contains("Organiser's note: Note on piece 1"));
    let html = part(&digest.data, "text/html").expect("html");
    assert!(html.contains("<strong>teams before tools</strong>"), "the intro as HTML");

    // The closed topic's page starts with it; the round-up has its own page and a feed item.
    let page = app.get_text("/topics/teams").await.1;
    let (intro_at, archive_at) =
        (page.find("teams before tools").expect("intro"), page.find("archive-heading").expect("archive"));
    assert!(intro_at < archive_at, "the round-up heads the page");
    assert_eq!(app.get("/topics/teams/roundup").await.status().as_u16(), 200);
    let club_feed = app.get_text("/feed.json").await.1;
    let feed: Value = serde_json::from_str(&club_feed).expect("json feed");
    let item = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["url"] == "http://127.0.0.1:8080/topics/teams/roundup")
        .expect("round-up item");
    assert!(item["content_html"].as_str().expect("html").contains("teams before tools"));
}

#[tokio::test]
async fn the_exports_hold_every_entry_in_order_with_link_and_note() {
    let (app, token) = club(None).await;
    let ids = february_with_roundup(&app, &token, true).await;
    let markdown = app.get_text("/topics/teams/roundup.md").await.1;
    let text = app.get_text("/topics/teams/roundup.txt").await.1;
    for export in [&markdown, &text] {
        let positions: Vec<usize> = ["Second piece", "Third piece", "First piece"]
            .iter()
            .map(|t| export.find(t).unwrap_or_else(|| panic!("{t} missing:\n{export}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "highlight, then the order:\n{export}");
        for n in 0..3 {
            assert!(
                export.contains(&format!("https://example.org/feb/{n}"))
                    && export.contains(&format!("Note on piece {n}")),
                "{export}"
            );
        }
    }
    assert!(markdown.contains("[Second piece](<https://example.org/feb/1>) by Author 1"), "{markdown}");
    assert!(markdown.contains("**teams before tools**"), "the intro stays Markdown");
    assert!(text.contains("teams before tools") && !text.contains("**"), "the intro as text");
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn the_text_export_fits_a_post_or_says_what_it_left_out() {
    let (app, token) = club(None).await;
    let note = "A note long enough to matter: who made it, why it is worth reading, and what to look for first.";
    let entries: Vec<Value> = (0..20)
        .map(|n| json!({"url": format!("https://example.org/a-rather-long-path/for-entry/{n}"), "title": format!("An entry with a reasonably long title, number {n}"), "author_name": format!("Author Number {n}"), "note": note}))
        .collect();
    let results = bulk(&app, &token, "teams", json!({"entries": entries})).await;
    assert_eq!(statuses(&results), (20, 0, 0));
    let res = app
        .api(
            Method::PUT,
            "/api/v1/topics/teams/roundup",
            Some(&token),
            Some(json!({"intro": "Twenty entries this month.", "published": true})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let text = app.get_text("/topics/teams/roundup.txt").await.1;
    assert!(text.chars().count() <= 3000, "{} characters", text.chars().count());
    let shown = (0..20).filter(|n| text.contains(&format!("for-entry/{n}\n"))).count();
    assert!(shown < 20, "twenty long entries do not fit in a post");
    assert!(
        text.contains(&format!("…and {} more in the archive: http://127.0.0.1:8080/topics/teams", 20 - shown)),
        "{text}"
    );
    let markdown = app.get_text("/topics/teams/roundup.md").await.1;
    assert_eq!(
        (0..20).filter(|n| markdown.contains(&format!("for-entry/{n}>"))).count(),
        20,
        "Markdown keeps them all"
    );
}
