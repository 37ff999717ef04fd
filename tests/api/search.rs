//! Searching the archive on either engine: English, Chinese and Japanese entries found by
//! words, stems, phrases and the parts of sentences written without spaces; filters that
//! combine; results escaped; the index kept in step by the writes; authors as one identity
//! whatever the spelling, merged and renamed with their old addresses redirecting.

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{entry, new_client, spawn_app_with, using_postgres, TestApp};

/// A club on 15 March 2025 with February (closed), March (open) and a draft for May.
async fn club() -> (TestApp, String) {
    club_ranking(None).await
}

/// The club, ranking `window` matches of a search at most (else as configured by default).
async fn club_ranking(window: Option<u32>) -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        crate::helpers::without_submission_limits(s);
        if let Some(window) = window {
            s.search.ranked_window = window;
        }
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    for (month, slug, title, announced) in [
        ("2025-02", "teams", "Team Topologies", true),
        ("2025-03", "metrics", "Metrics That Matter", true),
        ("2025-05", "secret", "Unannounced Kubernetes Month", false),
    ] {
        app.create_topic(&token, json!({"month": month, "slug": slug, "title": title, "announced": announced})).await;
    }
    (app, token)
}

/// An organiser's entry, published; returns its id.
async fn add(app: &TestApp, token: &str, topic: &str, fields: Value) -> String {
    let res = app.api(Method::POST, &format!("/api/v1/topics/{topic}/entries"), Some(token), Some(fields)).await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().expect("id").to_owned()
}

/// The mixed-language archive every test searches.
async fn corpus(app: &TestApp, token: &str) {
    let entries = [
        (
            "teams",
            json!({"kind": "article", "url": "https://example.org/k8s", "title": "Running Kubernetes clusters at scale",
            "summary": "Lessons from five years of containers on shared platforms.", "author_name": "Ada Lovelace", "language": "en"}),
        ),
        (
            "metrics",
            json!({"kind": "talk", "url": "https://example.org/dora", "title": "Measuring DORA metrics",
            "summary": "How our team tracked deployment frequency and lead time.", "author_name": "Grace Hopper", "language": "en"}),
        ),
        (
            "metrics",
            json!({"kind": "video", "url": "https://example.org/zh", "title": "容器编排入门指南",
            "summary": "我们团队如何使用容器编排平台提升交付效率。", "author_name": "王小明", "language": "zh-CN"}),
        ),
        (
            "metrics",
            json!({"kind": "post", "url": "https://example.org/ja", "title": "プラットフォームエンジニアリングの始め方",
            "summary": "開発者体験を改善するための社内プラットフォームについて。", "author_name": "山田太郎", "language": "ja"}),
        ),
        (
            "metrics",
            json!({"kind": "post", "url": "https://example.org/no", "title": "Platform teams that say no",
            "summary": "Saying no to requests, kindly.", "author_name": "ada  LOVELACE", "language": "en"}),
        ),
        (
            "metrics",
            json!({"kind": "article", "url": "https://example.org/xss", "title": "<script>alert(\"x\")</script> Observability",
            "summary": "Traces <b>and</b> logs.", "author_name": "<img src=x onerror=alert(1)>", "language": "en"}),
        ),
    ];
    for (topic, fields) in entries {
        add(app, token, topic, fields).await;
    }
    // Not to be found: a member's entry still waiting for moderation, and one of a draft topic.
    app.confirmed_entry("metrics", entry("article", "Kubernetes operators in waiting", "https://example.org/pending"))
        .await;
    add(app, token, "secret", json!({"url": "https://example.org/draft", "title": "Kubernetes drafts"})).await;
}

async fn search(app: &TestApp, query: &str) -> Value {
    let res = app.api(Method::GET, &format!("/api/v1/search?{query}"), None, None).await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn titles(found: &Value) -> Vec<String> {
    found["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["title"].as_str().expect("title").to_owned())
        .collect()
}

fn q(words: &str) -> String {
    format!("q={}", url::form_urlencoded::byte_serialize(words.as_bytes()).collect::<String>())
}

#[tokio::test]
async fn words_stems_phrases_and_chinese_and_japanese_inside_sentences_are_found() {
    let (app, token) = club().await;
    corpus(&app, &token).await;

    // A two-character Chinese word in the middle of a sentence, and a Japanese one.
    assert_eq!(titles(&search(&app, &q("编排")).await), ["容器编排入门指南"]);
    let found = search(&app, &q("交付")).await;
    assert_eq!(titles(&found), ["容器编排入门指南"], "a word only in the summary");
    assert!(found["results"][0]["snippet_html"].as_str().expect("snippet").contains("<mark>交付</mark>"));
    assert_eq!(titles(&search(&app, &q("開発者")).await), ["プラットフォームエンジニアリングの始め方"]);

    // An English stem finds its plural, and the plural its singular.
    assert_eq!(titles(&search(&app, &q("container")).await), ["Running Kubernetes clusters at scale"]);
    assert_eq!(titles(&search(&app, &q("clusters")).await), ["Running Kubernetes clusters at scale"]);
    assert_eq!(titles(&search(&app, &q("scales")).await), ["Running Kubernetes clusters at scale"]);

    // Every word must match; a quoted phrase must appear as written.
    assert_eq!(titles(&search(&app, &q("deployment lead")).await), ["Measuring DORA metrics"]);
    assert_eq!(titles(&search(&app, &q("\"deployment frequency\"")).await), ["Measuring DORA metrics"]);
    assert_eq!(search(&app, &q("\"frequency deployment\"")).await["total"], 0);
    assert_eq!(titles(&search(&app, &q("\"tracked deployment frequency\"")).await), ["Measuring DORA metrics"]);
    assert_eq!(search(&app, &q("\"tracked frequency deployment\"")).await["total"], 0);
    let stop_word_inside = search(&app, &q("\"years of containers\"")).await;
    assert_eq!(titles(&stop_word_inside), ["Running Kubernetes clusters at scale"], "a phrase with a stop word inside");
    assert_eq!(titles(&search(&app, &q("\"dora\"")).await), ["Measuring DORA metrics"], "a phrase of one word");
    assert_eq!(search(&app, &q("deployment zebra")).await["total"], 0);

    // Author names and topic titles are searched too; unpublished entries and drafts are not.
    assert_eq!(titles(&search(&app, &q("hopper")).await), ["Measuring DORA metrics"]);
    assert_eq!(search(&app, &q("topologies")).await["total"], 1);
    let kubernetes = titles(&search(&app, &q("kubernetes")).await);
    assert_eq!(kubernetes, ["Running Kubernetes clusters at scale"], "pending and draft entries stay out");

    // A match in the title ranks above one in the summary.
    assert_eq!(
        titles(&search(&app, &q("platform")).await),
        ["Platform teams that say no", "Running Kubernetes clusters at scale"]
    );

    // A misspelt word finds the word meant, and says so when it had to correct it.
    assert_eq!(titles(&search(&app, &q("kubernets")).await), ["Running Kubernetes clusters at scale"]);
    let corrected = search(&app, &q("kuberntes scale")).await;
    assert_eq!(titles(&corrected), ["Running Kubernetes clusters at scale"]);
    assert_eq!(corrected["corrected"], "kubernetes scale");
    assert_eq!(search(&app, &q("qqqqqqqq")).await["total"], 0);
}

#[tokio::test]
async fn filters_by_topic_year_and_author_find_exactly_their_entries_among_interleaved_ones() {
    let (app, token) = club().await;
    // Added in turns: the entries of each topic and of each author lie among the others'.
    for n in 0..9 {
        let topic = if n % 2 == 0 { "teams" } else { "metrics" };
        let author = ["Ann Lee", "Bo Chen", "Cy Diaz"][n % 3];
        let fields = json!({"url": format!("https://example.org/turns/{n}"), "title": format!("Turns {n}"),
            "author_name": author});
        add(&app, &token, topic, fields).await;
    }
    let found = |filters: &'static str| {
        let app = &app;
        async move {
            let mut numbers: Vec<String> = titles(&search(app, &format!("{}{filters}", q("turns"))).await)
                .into_iter()
                .map(|t| t.replace("Turns ", ""))
                .collect();
            numbers.sort();
            numbers.join(",")
        }
    };
    assert_eq!(found("&topic=teams").await, "0,2,4,6,8");
    assert_eq!(found("&topic=metrics").await, "1,3,5,7");
    assert_eq!(found("&author=bo-chen").await, "1,4,7");
    assert_eq!(found("&author=bo-chen&topic=teams").await, "4");
    assert_eq!(found("&author=cy-diaz&topic=metrics&year=2025").await, "5");
    assert_eq!(found("&year=2025").await, "0,1,2,3,4,5,6,7,8");
    assert_eq!(found("&year=2024").await, "");
    assert_eq!(found("&author=nobody-at-all").await, "");
    // Without words, the same filters browse.
    let browsed = search(&app, "author=ann-lee&topic=metrics").await;
    assert_eq!(titles(&browsed), ["Turns 3"]);
}

#[tokio::test]
async fn filters_combine_and_results_come_back_inert() {
    let (app, token) = club().await;
    corpus(&app, &token).await;

    assert_eq!(search(&app, &format!("{}&kind=post", q("platform"))).await["total"], 1);
    assert_eq!(
        titles(&search(&app, &format!("{}&topic=teams", q("platform"))).await),
        ["Running Kubernetes clusters at scale"]
    );
    assert_eq!(search(&app, &format!("{}&topic=teams&kind=post", q("platform"))).await["total"], 0);
    assert_eq!(search(&app, &format!("{}&year=2025", q("platform"))).await["total"], 2);
    assert_eq!(search(&app, &format!("{}&year=2024", q("platform"))).await["total"], 0);
    assert_eq!(
        titles(&search(&app, "lang=ja").await),
        ["プラットフォームエンジニアリングの始め方"],
        "filters alone browse"
    );
    assert_eq!(search(&app, "lang=zh-CN&kind=video").await["total"], 1);
    assert_eq!(search(&app, "lang=zh&kind=video").await["total"], 1, "by the primary subtag");
    if crate::helpers::using_postgres() {
        // A stop word is no condition (on SQLite "the" is looked for as written).
        assert_eq!(titles(&search(&app, &q("the kubernetes")).await), ["Running Kubernetes clusters at scale"]);
    }
    assert_eq!(search(&app, "lang=zh-CN&kind=post").await["total"], 0);
    let by_ada = search(&app, "author=ada-lovelace").await;
    assert_eq!(by_ada["total"], 2, "two spellings of one name are one author: {by_ada}");
    assert_eq!(search(&app, &format!("{}&author=ada-lovelace&kind=post", q("platform"))).await["total"], 1);

    // Each result says where it belongs, with the author's slug and never an address.
    let found = search(&app, &q("dora")).await;
    let hit = &found["results"][0];
    assert_eq!(
        (hit["topic"].as_str(), hit["kind"].as_str(), hit["author_slug"].as_str()),
        (Some("metrics"), Some("talk"), Some("grace-hopper"))
    );
    assert!(!found.to_string().contains("@example.org"));

    // A hostile title and author are text, in the API and on the page.
    let found = search(&app, &q("observability")).await;
    let title_html = found["results"][0]["title_html"].as_str().expect("title_html");
    assert_eq!(title_html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Observability</mark>");
    let (status, page) = app.get_text(&format!("/search?{}", q("observability"))).await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Observability</mark>"));

    // Bad input is refused with a clear error, on the API and on the page.
    for bad in ["q=", "q=x&kind=sculpture", "q=x&year=twenty", "q=x&page=0", "q=x&page=51", "q=x&topic=%3Cb%3E"] {
        let res = app.api(Method::GET, &format!("/api/v1/search?{bad}"), None, None).await;
        assert_eq!(res.status().as_u16(), 422, "{bad}");
        let problem: Value = res.json().await.expect("problem");
        assert!(problem["errors"].as_object().is_some_and(|e| !e.is_empty()), "{bad}: {problem}");
    }
    let (status, page) = app.get_text("/search?q=x&year=twenty").await;
    assert_eq!(status, 422);
    assert!(page.contains("twenty") && page.contains("is not a year."), "{page}");
    // A page that is not a number is told so; one past the last, how many pages there are.
    let (status, page) = app.get_text("/search?q=x&page=abc").await;
    assert_eq!(status, 422);
    assert!(page.contains("“abc” is not a page number.") && !page.contains("at most 50 pages"), "{page}");
    for past in ["51", "99999999999999999999"] {
        let (status, page) = app.get_text(&format!("/search?q=x&page={past}")).await;
        assert_eq!(status, 422);
        assert!(page.contains("There are at most 50 pages of results"), "{past}: {page}");
    }
    let long = "x".repeat(201);
    let (status, _) = app.get_text(&format!("/search?q={long}")).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn the_search_box_is_on_every_page_and_works_without_script() {
    let (app, token) = club().await;
    corpus(&app, &token).await;
    for path in ["/", "/topics", "/topics/metrics", "/authors", "/search"] {
        let (status, page) = app.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(r#"<form role="search" method="get" action="/search""#), "{path}");
        assert!(
            page.contains(r#"<link rel="search" type="application/opensearchdescription+xml""#),
            "{path} links the OpenSearch description"
        );
    }
    let res = app.get("/opensearch.xml").await;
    assert_eq!(res.headers()["content-type"], "application/opensearchdescription+xml; charset=utf-8");
    let description = res.text().await.expect("body");
    assert!(description.contains(r#"template="http://127.0.0.1:8080/search?q={searchTerms}""#), "{description}");

    // The results page: the query kept in the box, matches marked, filters as a plain form and
    // as links that remove them, an empty result that offers to clear them.
    let (_, page) = app.get_text(&format!("/search?{}&kind=talk", q("metrics"))).await;
    assert!(page.contains(r#"value="metrics""#));
    assert!(page.contains("Measuring DORA <mark>metric</mark>s"), "the stem is marked");
    assert!(page.contains(r#"<option value="talk" selected>"#));
    assert!(page.contains(r#"href="/search?q=metrics">Remove: kind Talks</a>"#), "{page}");
    let (_, empty) = app.get_text(&format!("/search?{}&kind=podcast", q("metrics"))).await;
    assert!(empty.contains("Nothing in the archive matches."));
    assert!(empty.contains(r#"<a href="/search?q=metrics">Clear all filters</a>"#));
    // A page past the last one (an old link, an archive that shrank) says so and leads back.
    let (status, past) = app.get_text(&format!("/search?{}&page=9", q("metrics"))).await;
    assert_eq!(status, 200);
    assert!(past.contains("There is only one page of results."), "{past}");
    assert!(past.contains(r#"<a href="/search?q=metrics">Go to the last page</a>"#), "{past}");
    assert!(!past.contains("Nothing in the archive matches.") && !past.contains(r#"rel="prev""#), "{past}");

    // In Japanese: the page speaks it, and Japanese is found.
    // `language` filters the entries; `lang` chooses the page's language.
    let (_, ja) = app.get_text(&format!("/search?{}&language=ja&lang=ja", q("プラットフォーム"))).await;
    assert!(ja.contains(r#"<html lang="ja">"#) && ja.contains("1 件見つかりました"), "{ja}");
    assert!(ja.contains(r#"<option value="ja" lang="ja" selected>"#));
}

#[tokio::test]
async fn a_search_can_be_followed_as_a_feed() {
    let (app, token) = club().await;
    corpus(&app, &token).await;
    let res = app.get(&format!("/search/feed.xml?{}", q("platform"))).await;
    assert_eq!(res.status().as_u16(), 200);
    let xml = res.text().await.expect("feed");
    let channel = rss::Channel::read_from(xml.as_bytes()).expect("rss");
    let items: Vec<&str> = channel.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(items, ["Platform teams that say no", "Running Kubernetes clusters at scale"], "newest first");
    assert!(channel.title().contains("platform"));
    let json: Value = app.get(&format!("/search/feed.json?{}", q("编排"))).await.json().await.expect("json feed");
    assert_eq!(json["items"][0]["title"], "容器编排入门指南");
}

#[tokio::test]
async fn the_index_follows_every_write_that_changes_what_is_searched() {
    let (app, token) = club().await;
    let id = add(
        &app,
        &token,
        "metrics",
        json!({"url": "https://example.org/one", "title": "Golden paths", "author_name": "Ada"}),
    )
    .await;
    assert_eq!(search(&app, &q("golden")).await["total"], 1);

    let res = app
        .api(
            Method::PATCH,
            &format!("/api/v1/submissions/{id}"),
            Some(&token),
            Some(json!({"title": "Paved roads", "note": "Worth a read"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(search(&app, &q("golden")).await["total"], 0, "the old title is gone");
    assert_eq!(search(&app, &q("paved")).await["total"], 1);
    assert_eq!(search(&app, &q("worth")).await["total"], 1, "organisers' notes are searched");

    let res = app
        .api(Method::PATCH, "/api/v1/topics/metrics", Some(&token), Some(json!({"title": "Observability Month"})))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(search(&app, &q("observability")).await["total"], 1, "a renamed topic is found by its new title");
    assert_eq!(search(&app, &q("matter")).await["total"], 0);

    let res = app.api(Method::PATCH, "/api/v1/authors/ada", Some(&token), Some(json!({"name": "Ada Byron"}))).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(search(&app, &q("byron")).await["total"], 1, "an author's new name is found");

    // What the link's page said when it was fetched is searched too.
    use content_club::db::links::LinkPreview;
    use diesel::RunQueryDsl;
    let mut conn = app.state.app.db.get().expect("connection");
    LinkPreview {
        url: "https://example.org/one".into(),
        canonical_url: "https://example.org/one".into(),
        metadata: json!({"title": "The zeppelin handbook", "description": "Airships crossing mountains"}).to_string(),
        thumbnail: None,
        outcome: "fetched".into(),
        fetched_at: Utc::now().naive_utc(),
    }
    .put(&mut conn)
    .expect("preview stored");
    assert_eq!(search(&app, &q("zeppelin")).await["total"], 1, "a link's fetched title is found");
    assert_eq!(search(&app, &q("mountains")).await["total"], 1, "and its description");

    // An entry removed leaves the index: one row of the index per entry, before and after.
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    fn count(conn: &mut content_club::db::AnyConnection, table: &str) -> i64 {
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}")).get_result::<Count>(conn).expect("count").n
    }
    assert_eq!((count(&mut conn, "search_index"), count(&mut conn, "submissions")), (1, 1));
    diesel::sql_query("DELETE FROM submissions").execute(&mut *conn).expect("entry removed");
    assert_eq!(
        (count(&mut conn, "search_index"), count(&mut conn, "submissions")),
        (0, 0),
        "the index holds nothing of it"
    );
}

#[tokio::test]
async fn the_worker_merges_the_parts_of_the_index_and_searches_find_the_same() {
    let (app, token) = club().await;
    // Every entry is a write of its own, and each leaves SQLite's index a part more.
    for n in 0..30 {
        let url = format!("https://example.org/mesh-{n}");
        add(
            &app,
            &token,
            "metrics",
            json!({"url": url, "title": format!("Service mesh notes {n}"), "author_name": "Ada"}),
        )
        .await;
    }
    let parts = || {
        let mut conn = app.state.app.db.get().expect("connection");
        content_club::db::search::index_parts(&mut conn).expect("parts")
    };
    let before = parts();
    app.worker().housekeeping().await.expect("housekeeping");
    match (before, parts()) {
        (Some(before), Some(after)) => {
            assert!(before >= 3, "thirty writes leave the index in parts ({before})");
            assert!(after < before && after <= 2, "one round merges them: {before} -> {after}");
            let compacted = content_club::app::search::compact_index(&app.state.app).await.expect("compact");
            assert_eq!(compacted, Some((after, after)), "nothing is left to merge");
        }
        (None, None) => {
            assert!(using_postgres(), "only PostgreSQL keeps its index itself");
            let compacted = content_club::app::search::compact_index(&app.state.app).await.expect("compact");
            assert_eq!(compacted, None);
        }
        other => panic!("the index changed engines: {other:?}"),
    }
    let found = search(&app, &q("mesh")).await;
    assert_eq!(found["total"], 30, "{found}");
    assert_eq!(search(&app, &q("\"notes 17\"")).await["total"], 1);
}

async fn author_page(app: &TestApp, path: &str) -> (u16, String, Option<String>) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let res = client.get(app.url(path)).send().await.expect("GET");
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|l| l.to_str().expect("ascii").to_owned());
    (status, res.text().await.expect("body"), location)
}

#[tokio::test]
async fn merging_two_spellings_moves_every_entry_and_old_addresses_redirect() {
    let (app, token) = club().await;
    add(
        &app,
        &token,
        "teams",
        json!({"url": "https://example.org/grace", "title": "Compilers", "author_name": "Grace Hopper"}),
    )
    .await;
    for (n, name) in ["Ada Lovelace", "ada lovelace", "A. Lovelace", "A. Lovelace"].iter().enumerate() {
        let fields = json!({"url": format!("https://example.org/ada/{n}"), "title": format!("Notes {n}"),
            "author_name": name, "author_email": "ada.private@example.net"});
        add(&app, &token, if n == 0 { "teams" } else { "metrics" }, fields).await;
    }
    // A member's entry waiting for moderation gives no page of its own.
    app.confirmed_entry(
        "metrics",
        json!({"kind": "post", "title": "Waiting", "url": "https://example.org/w",
        "summary": "s", "author_name": "Nobody Yet", "author_email": "nobody@example.org"}),
    )
    .await;
    assert_eq!(author_page(&app, "/authors/nobody-yet").await.0, 404);
    let (_, filtered) = app.get_text("/search?author=nobody-yet").await;
    assert!(!filtered.contains("Nobody Yet"), "an author without a public page is not named by a search");
    // A stranger submitting under a known name with a link does not set that author's website.
    let impostor = json!({"kind": "post", "title": "Impostor", "url": "https://example.org/imp", "summary": "s",
        "author_name": "Grace Hopper", "author_email": "x@example.org", "author_link": "https://evil.example.org"});
    let stranger = app.confirmed_entry("metrics", impostor).await;
    let (_, grace, _) = author_page(&app, "/authors/grace-hopper").await;
    assert!(!grace.contains("evil.example.org"), "an unpublished entry's link is not the author's website");
    let reject = json!({"reason": "Not the author's own work"});
    let res =
        app.api(Method::POST, &format!("/api/v1/submissions/{stranger}/reject"), Some(&token), Some(reject)).await;
    assert_eq!(res.status().as_u16(), 200);

    let (status, directory, _) = author_page(&app, "/authors").await;
    assert_eq!(status, 200);
    assert!(directory.contains(r#"<a href="/authors/ada-lovelace">Ada Lovelace</a>"#), "{directory}");
    assert!(directory.contains(r#"<a href="/authors/a-lovelace">A. Lovelace</a>"#));
    assert!(!directory.contains("ada.private"), "an author's email is never shown");

    // The organiser merges one spelling into the other.
    let before_audit = app.count("audit_log");
    let res = app
        .api(Method::POST, "/api/v1/authors/a-lovelace/merge", Some(&token), Some(json!({"into": "ada-lovelace"})))
        .await;
    let merged: Value = res.json().await.expect("json");
    assert_eq!(merged["moved_entries"], 2, "{merged}");
    assert_eq!(app.count("audit_log"), before_audit + 1);

    let (status, page, _) = author_page(&app, "/authors/ada-lovelace").await;
    assert_eq!(status, 200);
    for n in 0..4 {
        assert!(page.contains(&format!("Notes {n}")), "entry {n} is on the page");
    }
    assert!(page.contains("Team Topologies") && page.contains("Metrics That Matter"), "across topics");
    assert!(!page.contains("ada.private"));
    assert_eq!(author_page(&app, "/authors/a-lovelace").await.2.as_deref(), Some("/authors/ada-lovelace"));
    for old in ["/authors/a-lovelace", "/authors/a-lovelace/feed.xml", "/authors/a-lovelace/feed.json"] {
        let (status, _, location) = author_page(&app, old).await;
        assert_eq!(status, 301, "{old}");
        assert!(location.is_some_and(|l| l.starts_with("/authors/ada-lovelace")), "{old}");
    }
    // The merged spelling stays with the author: a new entry under it lands on the same page.
    add(
        &app,
        &token,
        "metrics",
        json!({"url": "https://example.org/ada/5", "title": "Notes 5", "author_name": "a. lovelace"}),
    )
    .await;
    assert_eq!(search(&app, "author=ada-lovelace").await["total"], 5);

    // A new address; both old ones still lead to the author.
    let res = app
        .api(
            Method::PATCH,
            "/api/v1/authors/ada-lovelace",
            Some(&token),
            Some(json!({"slug": "ada", "bio": "Wrote the first program.", "website": "https://ada.example.org/"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(author_page(&app, "/authors/ada-lovelace").await.2.as_deref(), Some("/authors/ada"));
    assert_eq!(author_page(&app, "/authors/a-lovelace").await.2.as_deref(), Some("/authors/ada"));
    // A search or a search feed filtered by an old address filters by the author it became.
    for old in ["ada-lovelace", "a-lovelace"] {
        assert_eq!(search(&app, &format!("author={old}")).await["total"], 5, "{old}");
        let (status, feed) = app.get_text(&format!("/search/feed.json?author={old}")).await;
        assert_eq!(status, 200);
        let feed: Value = serde_json::from_str(&feed).expect("JSON Feed");
        assert_eq!(feed["items"].as_array().map(Vec::len), Some(5), "{old}");
    }
    let (_, page, _) = author_page(&app, "/authors/ada").await;
    assert!(page.contains("Wrote the first program.") && page.contains(r#"href="https://ada.example.org""#), "{page}");

    // Bad edits change nothing.
    let taken =
        app.api(Method::PATCH, "/api/v1/authors/ada", Some(&token), Some(json!({"slug": "grace-hopper"}))).await;
    assert_eq!(taken.status().as_u16(), 409, "another author's address is taken");
    let merged_away =
        app.api(Method::PATCH, "/api/v1/authors/grace-hopper", Some(&token), Some(json!({"slug": "a-lovelace"}))).await;
    assert_eq!(merged_away.status().as_u16(), 409, "so is an address that still leads to another author");
    let bad = app
        .api(
            Method::PATCH,
            "/api/v1/authors/ada",
            Some(&token),
            Some(json!({"name": "", "website": "javascript:alert(1)"})),
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let same = app.api(Method::POST, "/api/v1/authors/ada/merge", Some(&token), Some(json!({"into": "ada"}))).await;
    assert_eq!(same.status().as_u16(), 422);
    let unknown =
        app.api(Method::POST, "/api/v1/authors/ada/merge", Some(&token), Some(json!({"into": "nobody"}))).await;
    assert_eq!(unknown.status().as_u16(), 422);
    let (_, page, _) = author_page(&app, "/authors/ada").await;
    assert!(page.contains("<h1>Ada Lovelace</h1>"), "unchanged");

    // The author's feeds.
    let xml = app.get("/authors/ada/feed.xml").await.text().await.expect("feed");
    let channel = rss::Channel::read_from(xml.as_bytes()).expect("rss");
    assert_eq!(channel.items().len(), 5);
    let json: Value = app.get("/authors/ada/feed.json").await.json().await.expect("json feed");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(5));
    assert!(!xml.contains("ada.private"));

    // Entries in the API carry their author's slug.
    let list: Value =
        app.api(Method::GET, "/api/v1/submissions?topic=teams", Some(&token), None).await.json().await.expect("json");
    assert_eq!(list[0]["author"], "ada");
}

#[tokio::test]
async fn organisers_merge_and_rename_authors_from_their_pages() {
    let (app, token) = club().await;
    add(
        &app,
        &token,
        "metrics",
        json!({"url": "https://example.org/1", "title": "One", "author_name": "Grace Hopper"}),
    )
    .await;
    add(&app, &token, "metrics", json!({"url": "https://example.org/2", "title": "Two", "author_name": "G. Hopper"}))
        .await;
    app.logged_in_admin().await;
    let (status, list) = app.get_text("/admin/authors").await;
    assert_eq!(status, 200);
    assert!(list.contains("g. hopper") && list.contains("grace hopper"), "spellings are listed");
    let csrf = app.csrf("/admin/authors/g-hopper").await;
    let res = app.post_form("/admin/authors/g-hopper/merge", &[("csrf_token", &csrf), ("into", "grace-hopper")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = app.get_text("/authors/grace-hopper").await;
    assert!(page.contains("One") && page.contains("Two"));

    // A refused rename shows the form again with the error, and changes nothing.
    let csrf = app.csrf("/admin/authors/grace-hopper").await;
    let res = app
        .post_form("/admin/authors/grace-hopper", &[("csrf_token", &csrf), ("name", " "), ("slug", "Not A Slug")])
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let form = res.text().await.expect("body");
    assert!(form.contains(r#"aria-invalid="true""#));
    assert_eq!(new_client().get(app.url("/authors/grace-hopper")).send().await.expect("GET").status().as_u16(), 200);
}

#[tokio::test]
async fn archive_filters_combine_in_shareable_addresses_and_empty_results_offer_to_clear_them() {
    let (app, token) = club().await;
    corpus(&app, &token).await;
    let (status, page) = app.get_text("/topics/metrics?kind=post&language=ja").await;
    assert_eq!(status, 200);
    assert!(page.contains("プラットフォームエンジニアリングの始め方"));
    assert!(!page.contains("Platform teams that say no"), "a post, but not in Japanese");
    // Each filter link keeps the other filter.
    assert!(page.contains(r#"href="/topics/metrics?kind=video&amp;language=ja""#), "{page}");
    assert!(page.contains(r#"href="/topics/metrics?kind=post&amp;language=zh-CN""#));
    assert!(page.contains(r#"href="/topics/metrics?language=ja""#), "“All” keeps the language");
    // Authors' names lead to their pages.
    // A name in another script is spelt in Latin letters for its address.
    assert!(page.contains(r#"<a href="/authors/shan-tian-tai-lang">山田太郎</a>"#), "{page}");

    let (status, empty) = app.get_text("/topics/metrics?kind=podcast&language=ja").await;
    assert_eq!(status, 200);
    assert!(
        empty.contains("Nothing of this kind yet.")
            && empty.contains(r#"<a href="/topics/metrics">Clear all filters</a>"#)
    );
}

#[derive(diesel::QueryableByName)]
struct Title {
    #[diesel(sql_type = diesel::sql_types::Text)]
    title: String,
}

/// The titles a word tokenizer finds for `query`, best first: on SQLite an FTS5 table with the
/// `porter unicode61` tokenizer over the same text; on PostgreSQL the `tsvector` alone.
fn word_tokenizer_titles(app: &TestApp, query: &str) -> Vec<String> {
    use content_club::db::AnyConnection;
    use diesel::RunQueryDsl;
    let mut conn = app.state.app.db.get().expect("connection");
    let phrase = query.starts_with('"');
    let words = query.trim_matches('"');
    let found: Result<Vec<Title>, _> = match &mut *conn {
        AnyConnection::Sqlite(c) => {
            let expression = if phrase {
                format!("\"{words}\"")
            } else {
                words.split_whitespace().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ")
            };
            diesel::sql_query(
                "SELECT s.title AS title FROM quality_baseline b JOIN submissions s ON s.id = b.rowid \
                 JOIN topics t ON t.id = s.topic_id WHERE quality_baseline MATCH ? AND s.status = 'approved' \
                 AND t.announced = 1 ORDER BY bm25(quality_baseline, 10.0, 3.0, 3.0, 5.0, 2.0, 1.0), s.id DESC",
            )
            .bind::<diesel::sql_types::Text, _>(expression)
            .load(c)
        }
        AnyConnection::Pg(c) => {
            let to_query = if phrase { "phraseto_tsquery" } else { "plainto_tsquery" };
            diesel::sql_query(format!(
                "SELECT s.title AS title FROM search_index x JOIN submissions s ON s.id = x.submission_id \
                 JOIN topics t ON t.id = s.topic_id WHERE x.words @@ {to_query}('english', $1) \
                 AND s.status = 'approved' AND t.announced ORDER BY ts_rank(x.words, {to_query}('english', $1)) DESC, s.id DESC"
            ))
            .bind::<diesel::sql_types::Text, _>(words)
            .load(c)
        }
    };
    found.expect("baseline query").into_iter().map(|t| t.title).collect()
}

/// Recall (relevant entries found, of all relevant) and reciprocal rank of the first relevant.
fn judge(found: &[String], relevant: &[&str]) -> (f64, f64) {
    let hits = relevant.iter().filter(|r| found.iter().any(|f| f == *r)).count();
    let first = found.iter().position(|f| relevant.contains(&f.as_str())).map_or(0.0, |p| 1.0 / (p as f64 + 1.0));
    (hits as f64 / relevant.len() as f64, first)
}

#[tokio::test]
async fn on_a_mixed_language_set_trigrams_find_what_word_tokenizers_miss() {
    let (app, token) = club().await;
    corpus(&app, &token).await;
    if !crate::helpers::using_postgres() {
        use diesel::connection::SimpleConnection;
        let mut conn = app.state.app.db.get().expect("connection");
        conn.batch_execute(
            "CREATE VIRTUAL TABLE quality_baseline USING fts5 (title, summary, note, author, topic, metadata, \
             tokenize = 'porter unicode61'); INSERT INTO quality_baseline (rowid, title, summary, note, author, topic, \
             metadata) SELECT id, title, summary, note, author, topic, metadata FROM search_source;",
        )
        .expect("baseline index");
    }
    let k8s = "Running Kubernetes clusters at scale";
    let set: [(&str, &[&str]); 13] = [
        ("编排", &["容器编排入门指南"]),
        ("交付", &["容器编排入门指南"]),
        ("容器编排", &["容器编排入门指南"]),
        ("開発者", &["プラットフォームエンジニアリングの始め方"]),
        ("社内プラットフォーム", &["プラットフォームエンジニアリングの始め方"]),
        ("container", &[k8s]),
        ("clusters", &[k8s]),
        ("cluster", &[k8s]),
        ("platform", &["Platform teams that say no", k8s]),
        ("\"deployment frequency\"", &["Measuring DORA metrics"]),
        ("hopper", &["Measuring DORA metrics"]),
        ("kubernetes", &[k8s]),
        ("requests kindly", &["Platform teams that say no"]),
    ];
    let (mut ours, mut theirs) = ((0.0, 0.0), (0.0, 0.0));
    println!("query | trigram recall, first relevant | word tokenizer recall, first relevant");
    for (query, relevant) in set {
        let found = titles(&search(&app, &q(query)).await);
        let baseline = word_tokenizer_titles(&app, query);
        let (a, b) = (judge(&found, relevant), judge(&baseline, relevant));
        println!("{query} | {:.2}, {:.2} | {:.2}, {:.2}", a.0, a.1, b.0, b.1);
        (ours.0, ours.1, theirs.0, theirs.1) = (ours.0 + a.0, ours.1 + a.1, theirs.0 + b.0, theirs.1 + b.1);
    }
    let n = set.len() as f64;
    let engine = if crate::helpers::using_postgres() { "PostgreSQL" } else { "SQLite" };
    println!(
        "{engine}: trigram recall {:.2}, MRR {:.2}; word tokenizer recall {:.2}, MRR {:.2}",
        ours.0 / n,
        ours.1 / n,
        theirs.0 / n,
        theirs.1 / n
    );
    assert_eq!(ours.0 / n, 1.0, "every relevant entry is found");
    assert!(ours.1 >= theirs.1 && ours.0 > theirs.0, "trigrams rank at least as well and find more");
}

#[tokio::test]
async fn a_word_in_more_entries_than_a_search_ranks_says_so_and_pages_reach_the_window() {
    let (app, _token) = club_ranking(Some(40)).await;
    {
        use content_club::db::states::{SubmissionKind, SubmissionStatus};
        use content_club::db::submissions::{NewSubmission, Submission};
        let mut conn = app.state.app.db.get().expect("connection");
        let topic = content_club::db::topics::Topic::by_month(&mut conn, "2025-03").expect("query").expect("March");
        let at = chrono::NaiveDate::from_ymd_opt(2025, 3, 2).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time");
        for n in 0..45 {
            let url = format!("https://example.org/many/{n}");
            let added = NewSubmission {
                public_id: &format!("many{n:06}"),
                topic_id: topic.id,
                kind: SubmissionKind::Post,
                // The oldest five would rank first (the word in their titles): they are beyond
                // the window of the newest 40.
                title: &if n < 5 { format!("Observability note {n}") } else { format!("Note {n}") },
                url: &url,
                summary: if n < 5 { "" } else { "About observability." },
                author_name: "Many Hands",
                author_email: "many@example.org",
                author_link: None,
                status: SubmissionStatus::Approved,
                edit_token_hash: "x",
                created_at: at,
                updated_at: at,
                note: "",
                language: "en",
                added_by: None,
                canonical_url: &url,
                thumbnail: None,
                mail_language: "",
            }
            .insert(&mut conn)
            .expect("insert");
            Submission::mark_published(&mut conn, added.id, at).expect("publish");
        }
    }
    let found = search(&app, &q("observability")).await;
    assert_eq!(
        (found["total"].as_i64(), found["more"].as_bool(), found["pages"].as_i64()),
        (Some(40), Some(true), Some(2))
    );
    let last = search(&app, &format!("{}&page=2", q("observability"))).await;
    assert_eq!(last["results"].as_array().map(Vec::len), Some(20));
    let beyond = search(&app, &format!("{}&page=3", q("observability"))).await;
    assert_eq!(beyond["results"].as_array().map(Vec::len), Some(0));
    let ranked: Vec<String> = [titles(&found), titles(&last)].concat();
    let expected: Vec<String> = (5..45).map(|n| format!("Note {n}")).collect();
    assert_eq!(ranked.iter().collect::<std::collections::BTreeSet<_>>(), expected.iter().collect());
    let narrowed = search(&app, &q("observability 44")).await;
    assert_eq!((narrowed["total"].as_i64(), narrowed["more"].as_bool()), (Some(1), Some(false)));
    let (_, page) = app.get_text(&format!("/search?{}", q("observability"))).await;
    assert!(page.contains("More than 40 entries found; the newest 40 are ranked"), "{page}");
}

#[tokio::test]
async fn the_directory_comes_a_page_at_a_time_and_refuses_what_is_not_a_page() {
    let (app, token) = club().await;
    let per_page = content_club::app::authors::DIRECTORY_PAGE;
    for n in 0..=per_page {
        let fields = json!({"url": format!("https://example.org/d/{n}"), "title": format!("Piece {n}"),
            "author_name": format!("Writer {n:03}")});
        add(&app, &token, "teams", fields).await;
    }
    for n in 0..2 {
        let fields = json!({"url": format!("https://example.org/p/{n}"), "title": format!("More {n}"),
            "author_name": "Writer 100"});
        add(&app, &token, "metrics", fields).await;
    }
    let names = |page: &str| -> Vec<String> {
        page.split("<h2><a href=\"/authors/").skip(1).map(|s| s.split('"').next().expect("slug").to_owned()).collect()
    };
    let (status, first) = app.get_text("/authors").await;
    assert_eq!(status, 200, "{first}");
    let shown = names(&first);
    assert_eq!(shown.len(), per_page, "a page lists {per_page} authors");
    assert_eq!(shown[0], "writer-100", "the most prolific first");
    assert_eq!(shown[1], "writer-000", "then by name");
    assert!(first.contains(r#"<a href="/authors?page=2" rel="next">"#), "{first}");
    assert!(!first.contains(r#"rel="prev""#));
    let (status, second) = app.get_text("/authors?page=2").await;
    assert_eq!(status, 200);
    let rest = names(&second);
    assert_eq!(rest, vec!["writer-099".to_owned()], "the second page holds the one left");
    assert!(second.contains(r#"<a href="/authors" rel="prev">"#) && !second.contains(r#"rel="next""#));
    assert!(second.contains("Page 2 of 2"));

    assert_eq!(app.get_text("/authors?page=3").await.0, 404, "past the last page");
    for asked in ["abc", "0", "-1", "1.5", "99999999999"] {
        let (status, body) = app.get_text(&format!("/authors?page={asked}")).await;
        assert_eq!(status, 400, "page={asked}");
        assert!(body.contains("is not a page number"), "page={asked}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn searches_wait_their_turn_and_past_the_queue_are_answered_503_at_once() {
    let app = spawn_app_with(|s| {
        crate::helpers::without_submission_limits(s);
        s.search.threads = 1;
        s.search.queue = 1;
        s.search.cache_entries = 0;
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "slug": "metrics", "title": "Metrics", "announced": true}))
        .await;
    add(&app, &token, "metrics", json!({"url": "https://example.org/slo", "title": "Error budgets in practice"})).await;
    assert_eq!(titles(&search(&app, "q=budget").await), ["Error budgets in practice"]);

    // The searches' one thread is busy with a long search; one search may wait for it.
    let services = app.state.app.clone();
    let long = tokio::spawn(async move {
        services
            .db
            .run_in(&services.search_lane, |_| {
                std::thread::sleep(std::time::Duration::from_millis(1500));
                Ok(())
            })
            .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let waiting = {
        let (client, url) = (app.client.clone(), app.url("/api/v1/search?q=error"));
        tokio::spawn(async move { client.get(url).send().await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let metrics = app.get("/metrics").await.text().await.expect("metrics");
    assert!(metrics.lines().any(|l| l == "searches_waiting 1"), "{metrics}");
    let started = std::time::Instant::now();
    let res = app.api(Method::GET, "/api/v1/search?q=practice", None, None).await;
    assert_eq!(res.status().as_u16(), 503, "past the queue");
    assert!(started.elapsed() < std::time::Duration::from_millis(1000), "refused at once, not after the long search");
    assert_eq!(res.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
    let body: Value = res.json().await.expect("problem");
    assert!(body["detail"].as_str().is_some_and(|d| d.contains("try again")), "{body}");

    // The search that waited is answered once the long one is done, and the lane goes on.
    long.await.expect("joined").expect("the long search");
    let res = waiting.await.expect("joined").expect("answered");
    assert_eq!(res.status().as_u16(), 200);
    let body: Value = res.json().await.expect("json");
    assert_eq!(titles(&body), ["Error budgets in practice"]);
    assert_eq!(titles(&search(&app, "q=practice").await), ["Error budgets in practice"]);
}
