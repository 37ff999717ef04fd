//! The club in its readers' languages: which language a page is in, messages and plurals,
//! topics given in several languages, entries tagged with theirs, and nothing left in English
//! that does not come from a message.

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{entry, new_client, spawn_app_with, TestApp};

/// A club on 15 March 2025 with February (closed), March (open) and April (upcoming).
async fn club(adjust: impl FnOnce(&mut content_club::config::Settings)) -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        crate::helpers::without_submission_limits(s);
        adjust(s);
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    for (month, title) in [("2025-02", "Team Topologies"), ("2025-03", "Metrics That Matter"), ("2025-04", "AI")] {
        app.create_topic(&token, json!({"month": month, "title": title, "announced": true})).await;
    }
    (app, token)
}

async fn page(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    accept: &str,
) -> (reqwest::header::HeaderMap, String) {
    let res = client.get(app.url(path)).header("accept-language", accept).send().await.expect("GET");
    assert_eq!(res.status().as_u16(), 200, "{path}");
    let headers = res.headers().clone();
    (headers, res.text().await.expect("body"))
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Vec<&'a str> {
    headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect()
}

#[test]
fn every_message_id_in_use_is_in_english_and_english_has_nothing_unused() {
    let catalog = content_club::i18n::Catalog::load("en").expect("locales load");
    let used = content_club::i18n::check::used_ids(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).expect("scan");
    assert!(used.exact.len() > 300, "templates and code were read: {} ids", used.exact.len());
    let report = content_club::i18n::check::report(&catalog, &used);
    // The per-language coverage report, for whoever reads the test output.
    println!("{}", content_club::i18n::check::describe(&report));
    assert!(report.undefined.is_empty(), "ids used but missing from English: {:?}", report.undefined);
    assert!(report.unused.is_empty(), "ids in English that nothing uses: {:?}", report.unused);
    for language in content_club::i18n::check::COMPLETE {
        let c = report.coverage.iter().find(|c| c.language == *language).expect("listed");
        assert!(
            c.missing.is_empty() && c.unknown.is_empty(),
            "{language}: missing {:?}, unknown {:?}",
            c.missing,
            c.unknown
        );
    }
    // Every kind and state a template names through a family has its message.
    for kind in content_club::app::SubmissionKind::ALL {
        assert!(catalog.ids("en").contains(&format!("kind-{}", kind.as_str())));
    }
}

#[tokio::test]
async fn accept_language_chooses_the_page_language_and_the_answer_says_so() {
    let (app, _) = club(|_| {}).await;
    let client = new_client();
    let (headers, html) = page(&client, &app, "/", "zh-CN,zh;q=0.9,en;q=0.5").await;
    assert!(html.contains(r#"<html lang="zh-CN">"#), "{html}");
    assert!(html.contains(">日程<"), "the navigation is in Chinese");
    assert!(!html.contains(">Schedule<"));
    assert_eq!(header(&headers, "content-language"), ["zh-CN"]);
    assert!(header(&headers, "vary").iter().any(|v| v.contains("Accept-Language") && v.contains("Cookie")));
    // Alternates name the same address in every language, and the default.
    for tag in ["en", "zh-CN", "ja", "ko", "es", "fr", "de"] {
        assert!(html.contains(&format!(r#"hreflang="{tag}" href="http://127.0.0.1:8080/?lang={tag}""#)), "{tag}");
    }
    assert!(html.contains(r#"hreflang="x-default" href="http://127.0.0.1:8080/""#));
    // Japanese by header; a region we do not have falls back to the language ("ja-JP").
    let (_, html) = page(&client, &app, "/topics", "ja-JP").await;
    assert!(html.contains(r#"<html lang="ja">"#) && html.contains("スケジュール"));
    // A language the club does not speak gets the club's.
    let (headers, html) = page(&client, &app, "/topics", "pt-BR, tlh;q=0.4").await;
    assert!(html.contains(r#"<html lang="en">"#));
    assert_eq!(header(&headers, "content-language"), ["en"]);
    // Dates in the reader's language and the club's zone.
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "ja").await;
    assert!(html.contains("2025年3月"), "month named the Japanese way");
}

#[tokio::test]
async fn the_switchers_choice_wins_over_the_header_and_is_remembered() {
    let (app, _) = club(|_| {}).await;
    let client = new_client();
    let (_, html) = page(&client, &app, "/", "zh-CN").await;
    // The switcher is a list of plain links, on every page, without script.
    assert!(html.contains(r#"<a href="/?lang=ja" lang="ja" hreflang="ja">日本語</a>"#), "{html}");
    let res = client.get(app.url("/?lang=ja")).header("accept-language", "zh-CN").send().await.expect("GET");
    let cookie = header(res.headers(), "set-cookie").join(" ");
    assert!(cookie.contains("lang=ja") && cookie.contains("Path=/"), "{cookie}");
    assert!(res.text().await.expect("body").contains(r#"<html lang="ja">"#));
    // The cookie keeps the choice on the next page, over the header.
    let (_, html) = page(&client, &app, "/topics", "zh-CN").await;
    assert!(html.contains(r#"<html lang="ja">"#));
    // Other query parameters stay in the switcher's links.
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter?kind=video", "zh-CN").await;
    assert!(html.contains(r#"href="/topics/metrics-that-matter?kind=video&amp;lang=de""#), "{html}");
    // An unknown choice is ignored, not stored.
    let fresh = new_client();
    let res = fresh.get(app.url("/?lang=xx")).header("accept-language", "zh-CN").send().await.expect("GET");
    assert!(header(res.headers(), "set-cookie").iter().all(|c| !c.starts_with("lang=")));
    assert!(res.text().await.expect("body").contains(r#"<html lang="zh-CN">"#));
}

#[tokio::test]
async fn english_plurals_are_right_for_none_one_and_many() {
    let (app, token) = club(|_| {}).await;
    let client = new_client();
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "en").await;
    assert!(html.contains("The archive is empty"), "{html}");
    app.approved_entry(&token, "metrics-that-matter", entry("article", "One", "https://example.org/1")).await;
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "en").await;
    assert!(html.contains("The archive (1 entry)"));
    for n in 2..=3 {
        app.approved_entry(
            &token,
            "metrics-that-matter",
            entry("video", &format!("N{n}"), &format!("https://example.org/{n}")),
        )
        .await;
    }
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "en").await;
    assert!(html.contains("The archive (3 entries)"));
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "ja").await;
    assert!(!html.contains("The archive"), "the Japanese page counts in Japanese");
}

#[tokio::test]
async fn a_topic_can_be_given_in_other_languages_and_pages_show_the_readers() {
    let (app, token) = club(|_| {}).await;
    let path = "/api/v1/topics/metrics-that-matter/translations/ja";
    let body = json!({"title": "大切な指標", "summary": "**測る**べきものを測る。"});
    let res = app.api(Method::PUT, path, Some(&token), Some(body)).await;
    assert_eq!(res.status().as_u16(), 200);
    let stored: serde_json::Value = res.json().await.expect("json");
    assert_eq!((stored["language"].as_str(), stored["title"].as_str()), (Some("ja"), Some("大切な指標")));
    let client = new_client();
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "ja").await;
    assert!(html.contains("大切な指標") && html.contains("<strong>測る</strong>"), "{html}");
    let (_, html) = page(&client, &app, "/", "ja").await;
    assert!(html.contains("大切な指標"), "the home page shows the translation too");
    // Readers of a language without a translation see the topic's own.
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "zh-CN").await;
    assert!(html.contains("Metrics That Matter") && !html.contains("大切な指標"));
    // Replacing keeps one translation per language.
    let res = app.api(Method::PUT, path, Some(&token), Some(json!({"title": "指標", "summary": ""}))).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app.api(Method::GET, "/api/v1/topics/metrics-that-matter/translations", Some(&token), None).await;
    let list: serde_json::Value = res.json().await.expect("json");
    assert_eq!(list["translations"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["language"], "en");
    // Refusals change nothing: an unknown or the club's own language, an empty title, no token.
    let count = app.count("topic_translations");
    for (lang, body, status) in [
        ("tlh", json!({"title": "x", "summary": ""}), 422),
        ("en", json!({"title": "x", "summary": ""}), 422),
        ("zh-CN", json!({"title": " ", "summary": ""}), 422),
        ("zh-CN", json!({"title": "x", "colour": "red"}), 400),
    ] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/topics/metrics-that-matter/translations/{lang}"),
                Some(&token),
                Some(body),
            )
            .await;
        assert_eq!(res.status().as_u16(), status, "{lang}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    let res =
        app.api(Method::PUT, "/api/v1/topics/nope/translations/ja", Some(&token), Some(json!({"title": "x"}))).await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app.api(Method::PUT, path, None, Some(json!({"title": "x"}))).await;
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(app.count("topic_translations"), count);
    let res = app.api(Method::DELETE, path, Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "ja").await;
    assert!(html.contains("Metrics That Matter"));
}

#[tokio::test]
async fn entries_carry_their_language_shown_filtered_and_in_feeds() {
    let (app, token) = club(|_| {}).await;
    let mut ja = entry("article", "指標についての考察", "https://example.org/ja");
    ja["language"] = json!("ja");
    app.approved_entry(&token, "metrics-that-matter", ja).await;
    let mut guessed = entry("video", "Wie wir die Durchlaufzeit messen", "https://example.org/de");
    guessed["summary"] =
        json!("Wir messen die Durchlaufzeit jeder Änderung, vom ersten Commit bis zur Auslieferung in die Produktion.");
    app.approved_entry(&token, "metrics-that-matter", guessed).await;
    let mut bad = entry("article", "Bad", "https://example.org/bad");
    bad["language"] = json!("not a language");
    let res = app.api(Method::POST, "/api/v1/topics/metrics-that-matter/submissions", None, Some(bad)).await;
    assert_eq!(res.status().as_u16(), 422, "a malformed language tag is refused");

    let client = new_client();
    let (_, html) = page(&client, &app, "/topics/metrics-that-matter", "en").await;
    assert!(html.contains(r#"lang="ja""#) && html.contains(r#"lang="de""#), "each entry is marked with its language");
    let (_, only_ja) = page(&client, &app, "/topics/metrics-that-matter?language=ja", "en").await;
    assert!(only_ja.contains("指標についての考察") && !only_ja.contains("Durchlaufzeit"), "filtered by language");
    let (_, only_de) = page(&client, &app, "/topics/metrics-that-matter?language=de", "en").await;
    assert!(only_de.contains("Durchlaufzeit") && !only_de.contains("指標についての考察"), "the language was guessed");

    let (status, rss) = app.get_text("/topics/metrics-that-matter/feed.xml").await;
    assert_eq!(status, 200);
    let doc = roxmltree::Document::parse(&rss).expect("RSS parses");
    let languages: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", "language")))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    assert_eq!(languages, BTreeSet::from(["de".to_owned(), "ja".to_owned()]));
    let (_, json_feed) = app.get_text("/topics/metrics-that-matter/feed.json").await;
    let feed: serde_json::Value = serde_json::from_str(&json_feed).expect("JSON Feed");
    let item_languages: BTreeSet<&str> =
        feed["items"].as_array().expect("items").iter().filter_map(|i| i["language"].as_str()).collect();
    assert_eq!(item_languages, BTreeSet::from(["de", "ja"]));
    assert_eq!(feed["language"], "en");
}

/// Words of three or more ASCII letters in what a person reads of `html`: text, and the
/// attributes that are read out or shown (`title`, `alt`, `placeholder`, `aria-label`,
/// `content` of a meta description, button values). Addresses and links are left out: they
/// are not words of the page.
fn english_words(html: &str) -> BTreeSet<String> {
    let mut readable = String::new();
    let mut rest = html;
    // Scripts and styles are code.
    while let Some(start) = rest.find('<') {
        readable.push_str(&rest[..start]);
        readable.push(' ');
        let tag_end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..tag_end];
        for attribute in ["title=\"", "alt=\"", "placeholder=\"", "aria-label=\"", "data-say-"] {
            let mut t = tag;
            while let Some(at) = t.find(attribute) {
                let value = &t[at..];
                let Some(open) = value.find('"') else { break };
                let value = &value[open + 1..];
                let close = value.find('"').unwrap_or(value.len());
                readable.push(' ');
                readable.push_str(&value[..close]);
                t = &value[close..];
            }
        }
        rest = &rest[tag_end..];
        let lower = tag.to_ascii_lowercase();
        // Code samples and request ids are not words either.
        for code in ["script", "style", "code"] {
            if lower.starts_with(&format!("<{code}")) {
                let close = format!("</{code}>");
                rest = rest.find(&close).map_or("", |e| &rest[e + close.len()..]);
            }
        }
    }
    readable.push_str(rest);
    let mut readable = readable.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"");
    // The language switcher names each language in itself, by design.
    for language in content_club::i18n::LANGUAGES {
        readable = readable.replace(language.name, " ");
    }
    // Month and weekday names and zones come from the calendar data of the language, not from
    // the templates.
    const CALENDAR: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "utc",
    ];
    readable
        .split_whitespace()
        .filter(|token| !token.contains('@') && !token.contains("://") && !token.contains('/') && !token.contains('.'))
        // `{site}`: a placeholder the page's script fills.
        .filter(|token| !token.contains('{'))
        .flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| w.len() >= 3 && !CALENDAR.contains(&w.to_ascii_lowercase().as_str()))
        // The values a refusal lists as the ones to send ("article, video, …") are codes.
        .filter(|w| !content_club::app::SubmissionKind::ALL.iter().any(|k| k.as_str() == w))
        .collect()
}

#[test]
fn the_word_finder_finds_english_and_not_pseudo_text() {
    let html = r#"<p title="Ŝçħééđúúłéé">Ŝçħééđúúłéé <b>Hello</b> 2025年3月 March</p><script>var x = "no";</script><a href="/topics">x</a> a@example.org"#;
    assert_eq!(english_words(html), BTreeSet::from(["Hello".to_owned()]));
}

/// A club whose language is the pseudo-language, with something in every table: every page
/// and every mail comes out of the templates and messages only.
#[tokio::test]
async fn in_the_pseudo_language_no_page_or_mail_has_english_left_over() {
    let (app, _) = club_in_pseudo_language().await;
    add_organiser_named(&app, "admin@example.org", "管理者");
    assert_eq!(app.login("admin@example.org", "a long enough password").await.status().as_u16(), 303);
    // An invitation to organise, and the alert after failed logins.
    let (_, html) = app.get_text("/admin/organisers").await;
    let csrf = crate::helpers::csrf_from(&html);
    let form = [("csrf_token", csrf.as_str()), ("email", "m@example.org"), ("name", "運営"), ("role", "moderator")];
    assert_eq!(app.post_form("/admin/organisers/invite", &form).await.status().as_u16(), 303);
    add_organiser_named(&app, "w@example.org", "見張り");
    let stranger = new_client();
    for _ in 0..2 {
        let html = stranger.get(app.url("/admin/login")).send().await.expect("get").text().await.expect("body");
        let csrf = crate::helpers::csrf_from(&html);
        let form = [("csrf_token", csrf.as_str()), ("email", "w@example.org"), ("password", "wrong")];
        stranger.post(app.url("/admin/login")).form(&form).send().await.expect("post");
    }
    let mut pages: Vec<String> = content_club::web::route_table()
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path)
        .filter(|p| {
            !["/api", "/hooks", "/static", "/media", "/healthz", "/readyz", "/metrics"].iter().any(|x| p.starts_with(x))
        })
        .filter(|p| {
            !p.ends_with(".xml")
                && !p.ends_with(".json")
                && !p.ends_with(".ics")
                && !p.ends_with(".csv")
                && !p.ends_with(".opml")
        })
        .filter(|p| !p.ends_with(".md") && !p.ends_with(".txt"))
        .collect();
    let (entry_id, author_slug) = {
        let mut c = app.state.app.db.get().expect("conn");
        let entry =
            content_club::db::submissions::Submission::published_for_topic(&mut c, 1, None).expect("q").remove(0);
        let author = content_club::db::authors::Author::by_id(&mut c, entry.author_id.expect("an author")).expect("q");
        (entry.public_id, author.expect("author").slug)
    };
    // Private links: from the mails the club sent.
    let mails = outbox(&app);
    for mail in &mails {
        for (at, _) in mail.match_indices("http://127.0.0.1:8080/") {
            let rest = &mail[at + "http://127.0.0.1:8080".len()..];
            let end = rest.find(|c: char| c.is_whitespace() || c == '"' || c == '<').unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(['>', ')', '.']).replace("&amp;", "&");
            if ["/subscribe/confirm?", "/submissions/", "/admin/password?", "/unsubscribe?", "/subscription?"]
                .iter()
                .any(|p| path.starts_with(p))
            {
                pages.push(path);
            }
        }
    }
    pages.push("/no-such-page".into());
    // Search results (with a filter in force), and a search that finds nothing.
    pages.push(format!("/search?author={author_slug}&kind=article"));
    pages.push("/search?q=zq&kind=video".into());
    let mut checked = 0;
    let mut leftovers = Vec::new();
    for pattern in &pages {
        if pattern.contains('{')
            && !pattern.contains("{slug}")
            && !pattern.contains("{public_id}")
            && !pattern.contains("{id}")
        {
            continue;
        }
        let slug = if pattern.contains("/authors/") { author_slug.as_str() } else { "feb" };
        let path = pattern.replace("{slug}", slug).replace("{public_id}", &entry_id).replace("{id}", "1");
        if pattern.starts_with("/submissions/{public_id}/")
            || pattern == "/subscribe/confirm"
            || pattern == "/unsubscribe"
            || pattern == "/subscription"
            || pattern == "/admin/password"
        {
            continue; // reached through the links in the mails instead
        }
        // The login and password forms are for people who are not logged in.
        let res = if path.starts_with("/admin/login") || path.starts_with("/admin/password") {
            new_client().get(app.url(&path)).send().await.expect("GET")
        } else {
            app.get(&path).await
        };
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        assert!(status == 200 || (path == "/no-such-page" && status == 404), "{path}: {status}");
        let words = english_words(&body);
        if !words.is_empty() {
            leftovers.push(format!("{path}: {words:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 30, "pages checked: {checked}");
    // A form refused with every field wrong, and the API's problem body for it.
    let (status, refused_html) = refused_submission(&app, &app.client, "/topics/mar/submit").await;
    assert_eq!(status, 422);
    let words = english_words(&refused_html);
    if !words.is_empty() {
        leftovers.push(format!("refused form: {words:?}"));
    }
    let bad =
        json!({"kind": "novel", "title": "", "url": "nope", "summary": "", "author_name": "", "author_email": "x"});
    let problem =
        app.api(Method::POST, "/api/v1/topics/mar/submissions", None, Some(bad)).await.text().await.expect("body");
    let problem: serde_json::Value = serde_json::from_str(&problem).expect("json");
    let errors: Vec<String> =
        problem["errors"].as_object().map(|e| e.values().map(|v| v.to_string()).collect()).unwrap_or_default();
    let words = english_words(&format!("{} {} {}", problem["title"], problem["detail"], errors.join(" ")));
    if !words.is_empty() {
        leftovers.push(format!("problem body: {words:?}"));
    }
    // Every kind of mail the club sends, subject and both parts: confirmations of an entry
    // (4) and of a subscription, the approval, the rejection, the entry added, the invitation,
    // the login alert, and the digest.
    for (to, at_least) in [("a@example.org", 6), ("r@example.org", 1), ("m@example.org", 1), ("w@example.org", 1)] {
        let n = mails.iter().filter(|m| m.lines().next().is_some_and(|first| first.contains(to))).count();
        assert!(n >= at_least, "{to} was sent {n} mails");
    }
    assert!(mails.iter().any(|m| m.starts_with("digest\n")), "the digest was built");
    for mail in &mails {
        // The first line names the recipient.
        let words = english_words(mail.split_once('\n').map_or("", |(_, content)| content));
        if !words.is_empty() {
            leftovers.push(format!("mail {}: {words:?}", mail.lines().next().unwrap_or_default()));
        }
    }
    assert!(leftovers.is_empty(), "text that is not from a message:\n{}", leftovers.join("\n"));
}

/// Subjects and bodies of every mail queued, and the built digest.
fn outbox(app: &TestApp) -> Vec<String> {
    let mut conn = app.state.app.db.get().expect("conn");
    let mut all: Vec<String> = content_club::db::deliveries::Delivery::all(&mut conn)
        .expect("rows")
        .into_iter()
        .map(|d| format!("{}\n{}\n{}\n{}", d.recipient, d.subject, d.body_text, d.body_html.unwrap_or_default()))
        .collect();
    for digest in content_club::db::digests::Digest::all(&mut conn).expect("digests") {
        all.push(format!("digest\n{}\n{}\n{}", digest.subject, digest.body_text, digest.body_html));
    }
    // Each subscriber's own links are put in when the digest goes out.
    all.into_iter().map(|m| m.replace("%%UNSUBSCRIBE_URL%%", "").replace("%%MANAGE_URL%%", "")).collect()
}

async fn club_in_pseudo_language() -> (TestApp, String) {
    let app = spawn_app_with(|s| {
        s.club.language = "en-XA".into();
        s.club.name = "倶楽部".into();
        s.rate_limit.login_alert_after_failures = 1;
        crate::helpers::without_submission_limits(s);
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    // Organisers and their token named in another script: names are the members' words.
    add_organiser_named(&app, "api-admin@example.org", "機械");
    let token = {
        let mut conn = app.state.app.db.get().expect("connection");
        let organiser = content_club::db::organisers::Organiser::by_email(&mut conn, "api-admin@example.org")
            .expect("query")
            .expect("organiser");
        let token = format!("cc_{}", content_club::crypto::random_token());
        content_club::db::api_tokens::NewApiToken {
            organiser_id: organiser.id,
            label: "鍵",
            token_hash: &content_club::crypto::token_hash(&token),
            created_at: Utc::now().naive_utc(),
        }
        .insert(&mut conn)
        .expect("token");
        token
    };
    for (month, slug, title) in [("2025-02", "feb", "二月"), ("2025-03", "mar", "三月"), ("2025-04", "apr", "四月")]
    {
        app.create_topic(
            &token,
            json!({"month": month, "slug": slug, "title": title, "summary": "要約", "announced": true}),
        )
        .await;
    }
    app.create_topic(&token, json!({"month": "2025-05", "slug": "may", "title": "五月"})).await;
    let item = |n: u32| {
        json!({"kind": "article", "title": format!("記事{n}"), "url": format!("https://example.org/{n}"),
               "summary": "要約です。", "author_name": "著者", "author_email": "a@example.org", "language": "ja"})
    };
    // February closed with an approved entry, a published round-up and a sent digest.
    app.clock.set(Utc.with_ymd_and_hms(2025, 2, 15, 12, 0, 0).single().expect("valid"));
    let approved = app.approved_entry(&token, "feb", item(1)).await;
    let rejected = app.confirmed_entry("feb", item(2)).await;
    let body = json!({"reason": "理由"});
    let path = format!("/api/v1/submissions/{rejected}/reject");
    assert_eq!(app.api(Method::POST, &path, Some(&token), Some(body)).await.status().as_u16(), 200);
    let body = json!({"intro": "まとめ", "highlighted": [approved], "published": true});
    assert_eq!(
        app.api(Method::PUT, "/api/v1/topics/feb/roundup", Some(&token), Some(body)).await.status().as_u16(),
        200
    );
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "r@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    app.add_active_subscribers(&["s@example.org"]);
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let res = app.api(Method::POST, "/api/v1/topics/feb/digest/send", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 202, "{}", res.text().await.unwrap_or_default());
    // March open with a pending entry; an entry an organiser added, with the member told.
    app.confirmed_entry("mar", item(3)).await;
    let mut added = item(4);
    added["notify_author"] = json!(true);
    let res = app.api(Method::POST, "/api/v1/topics/mar/entries", Some(&token), Some(added)).await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());
    let body = json!({"kind": "slack", "label": "連絡", "url": "https://hooks.slack.com/services/T/B/X", "events": ["topic.announced"]});
    assert!(app.api(Method::POST, "/api/v1/destinations", Some(&token), Some(body)).await.status().is_success());
    (app, token)
}

/// An admin with a name that is not English.
fn add_organiser_named(app: &TestApp, email: &str, name: &str) {
    let mut conn = app.state.app.db.get().expect("connection");
    let now = Utc::now().naive_utc();
    content_club::db::organisers::NewOrganiser {
        email,
        display_name: name,
        password_hash: &content_club::crypto::hash_password("a long enough password").expect("hash"),
        role: content_club::app::Role::Admin,
        disabled: false,
        created_at: now,
        updated_at: now,
    }
    .insert(&mut conn)
    .expect("organiser");
}

#[tokio::test]
async fn organisers_translate_a_topic_from_its_page() {
    let (app, _) = club(|_| {}).await;
    app.logged_in_admin().await;
    let (status, html) = app.get_text("/admin/topics/metrics-that-matter/translations").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"name="language" value="ja""#) && !html.contains(r#"name="language" value="en""#));
    let csrf = crate::helpers::csrf_from(&html);
    let post = |language: &'static str, title: String| {
        let csrf = csrf.clone();
        let app = &app;
        async move {
            let form =
                [("csrf_token", csrf.as_str()), ("language", language), ("title", title.as_str()), ("summary", "")];
            app.post_form("/admin/topics/metrics-that-matter/translations", &form).await.status().as_u16()
        }
    };
    assert_eq!(post("ja", "大切な指標".into()).await, 303);
    let (_, html) = page(&new_client(), &app, "/topics/metrics-that-matter", "ja").await;
    assert!(html.contains("大切な指標"));
    // A title too long is refused, shown again with its error, and changes nothing.
    assert_eq!(post("ja", "長".repeat(201)).await, 422);
    assert_eq!(post("xx", "x".into()).await, 422);
    let (_, html) = page(&new_client(), &app, "/topics/metrics-that-matter", "ja").await;
    assert!(html.contains("大切な指標"));
    // Emptied: removed.
    assert_eq!(post("ja", String::new()).await, 303);
    assert_eq!(app.count("topic_translations"), 0);
}

#[tokio::test]
async fn refusals_speak_the_readers_language_on_pages_and_in_problem_bodies() {
    let (app, _) = club(|_| {}).await;
    // A member's form with every field wrong, read in Japanese: the errors beside the fields
    // are Japanese; the same in English is English.
    let client = new_client();
    page(&client, &app, "/topics/metrics-that-matter/submit?lang=ja", "en").await;
    let (status, html) = refused_submission(&app, &client, "/topics/metrics-that-matter/submit").await;
    assert_eq!(status, 422);
    let errors: Vec<&str> = html.split(r#"class="field-error""#).skip(1).collect();
    assert!(errors.len() >= 4, "{html}");
    for error in &errors {
        let text = error.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or_default();
        assert!(
            text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
    // The API's problem body in the language asked for, English by default.
    let bad =
        json!({"kind": "novel", "title": "", "url": "nope", "summary": "", "author_name": "", "author_email": "x"});
    let ja = reqwest::Client::new()
        .post(app.url("/api/v1/topics/metrics-that-matter/submissions"))
        .header("accept-language", "ja")
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(ja.status().as_u16(), 422);
    assert_eq!(ja.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = ja.json().await.expect("json");
    assert_eq!(problem["title"], "入力が正しくありません", "{problem}");
    assert!(problem["errors"]["author_email"].as_str().is_some_and(|e| !e.is_ascii()), "{problem}");
    let en = app.api(Method::POST, "/api/v1/topics/metrics-that-matter/submissions", None, Some(bad)).await;
    let problem: serde_json::Value = en.json().await.expect("json");
    assert_eq!(problem["title"], "Invalid input");
    assert!(problem["errors"]["author_email"].as_str().is_some_and(|e| e.is_ascii()), "{problem}");
}

/// Sends `path`'s submission form with every field wrong (the minimum fill time waited out);
/// the status and the page that answers.
async fn refused_submission(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let html = client.get(app.url(path)).send().await.expect("get").text().await.expect("body");
    let started = crate::helpers::stamp_from(&html);
    app.clock.advance(chrono::Duration::seconds(30));
    let form = [
        ("started", started.as_str()),
        ("kind", "novel"),
        ("url", "javascript:alert(1)"),
        ("title", " "),
        ("summary", " "),
        ("author_name", " "),
        ("author_email", "not-an-address"),
        ("language", "?"),
        ("agree", "on"),
    ];
    let res = client.post(app.url(path)).form(&form).send().await.expect("post");
    (res.status().as_u16(), res.text().await.expect("body"))
}
