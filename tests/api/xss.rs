//! A corpus of hostile text pushed through every field a reader sees (topic titles and summaries,
//! entry titles, authors and summaries, a rejection reason, an organiser's name) and then read back
//! the way readers read it: pages and mail HTML through an HTML5 parser, feeds and OPML through an
//! XML parser, the JSON feed through a JSON parser, the calendar line by line. Every document must
//! parse, keep the text as text, and carry nothing that runs.

use chrono::{TimeZone, Utc};
use reqwest::Method;
use scraper::{Html, Node};
use serde_json::json;

use crate::helpers::{csrf_from, path_of, spawn_app_with, TestApp};
use crate::smtp_sink::SmtpSink;

const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<a href=\"javascript:alert(3)\">click</a>",
    "&lt;b&gt;bold&lt;/b&gt; &#60;script&#62;",
    "]]><script>alert(4)</script><![CDATA[",
    "\"><svg onload=alert(5)>",
    "'; alert(6); var x='",
    "<iframe src=\"javascript:alert(7)\"></iframe>",
    "javascript:alert(8)",
    "<style>body{display:none}</style>{{title}}",
    "Gift\u{202E}gpj.exe names",
    "zero\u{200B}width\u{2060}joined\u{FEFF} text",
];

/// Markdown an organiser might paste, hostile parts included.
const MARKDOWN: &str = "**Read me** and [a link](javascript:alert(9)) or [data](data:text/html;base64,PHNjcmlwdD4=)\n\n\
<script>alert(10)</script><img src=x onerror=alert(11)> <a href=\"https://example.org/\" onclick=\"alert(12)\">ok</a>\n\n\
]]> <!-- comment --> <iframe src=//evil.example></iframe>";

/// Characters that make text display as something else; none may reach a reader.
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The text as readers should see it: the same, without the hidden characters.
fn shown(text: &str) -> String {
    text.chars().filter(|&c| !is_hidden(c)).collect()
}

/// A link attribute value as a browser resolves its scheme: ASCII whitespace and controls dropped.
fn runs_script(url: &str) -> bool {
    let squeezed: String =
        url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect::<String>().to_lowercase();
    ["javascript:", "vbscript:", "data:"].iter().any(|scheme| squeezed.starts_with(scheme))
}

const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset", "cite"];
const NEVER: &[&str] = &["iframe", "object", "embed", "frame", "frameset", "applet", "base", "math", "style"];

/// Parses `html` as a browser would and fails the test if anything in it could run: a script that
/// is not one of the site's own files, an event-handler attribute, a script URL, an embedded
/// document, a refresh. Returns the text a reader sees.
fn inert_html(what: &str, html: &str, whole_page: bool) -> String {
    let doc = if whole_page { Html::parse_document(html) } else { Html::parse_fragment(html) };
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                assert!(!NEVER.contains(&name), "{what}: a <{name}> element survived:\n{html}");
                if name == "script" {
                    let own = whole_page && el.attr("src").is_some_and(|src| src.starts_with("/static/"));
                    let empty = node.children().all(|c| c.value().as_text().is_none_or(|t| t.trim().is_empty()));
                    assert!(own && empty, "{what}: a script that is not the site's own:\n{html}");
                }
                if name == "meta" {
                    assert!(el.attr("http-equiv").is_none(), "{what}: a meta http-equiv survived");
                }
                for (attr, value) in el.attrs() {
                    assert!(!attr.to_ascii_lowercase().starts_with("on"), "{what}: <{name} {attr}> survived:\n{html}");
                    assert!(
                        !(URL_ATTRIBUTES.contains(&attr) && runs_script(value)),
                        "{what}: <{name} {attr}={value:?}>"
                    );
                    assert!(whole_page || attr != "style", "{what}: a style attribute in member content");
                    assert!(!value.chars().any(is_hidden), "{what}: a hidden character in <{name} {attr}>");
                }
            }
            Node::Text(text) => assert!(!text.chars().any(is_hidden), "{what}: a hidden character in {:?}", &**text),
            _ => {}
        }
    }
    doc.root_element().text().collect::<Vec<_>>().join("")
}

/// Parses an XML feed or outline; returns every element's name and text, and checks that text
/// inside elements that carry HTML (RSS `description`, `content:encoded`) is inert HTML.
fn xml_texts(what: &str, xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}\n{xml}"));
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_owned();
        for attr in node.attributes() {
            assert!(!attr.value().chars().any(is_hidden), "{what}: hidden character in @{}", attr.name());
            out.push((format!("@{}", attr.name()), attr.value().to_owned()));
        }
        let text: String = node.children().filter_map(|c| c.text()).collect();
        assert!(!text.chars().any(is_hidden), "{what}: hidden character in <{name}>");
        if name == "description" || name == "encoded" {
            inert_html(&format!("{what} <{name}>"), &text, false);
        }
        out.push((name, text));
    }
    out
}

/// The calendar's content lines, unfolded, each checked to be `NAME[;params]:value`; returns the
/// unescaped values of `name`.
fn ics_values(ics: &str, name: &str) -> Vec<String> {
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "bare line breaks in the calendar");
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    let mut depth = 0i32;
    let mut values = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (head, value) = line.split_once(':').unwrap_or_else(|| panic!("not a content line: {line:?}"));
        let property = head.split(';').next().expect("name");
        assert!(
            !property.is_empty() && property.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "not a property name: {line:?}"
        );
        assert!(!value.chars().any(|c| c.is_control() || is_hidden(c)), "control or hidden character: {line:?}");
        match property {
            "BEGIN" => depth += 1,
            "END" => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "END without BEGIN");
        if property == name {
            values.push(
                value
                    .replace("\\n", "\n")
                    .replace("\\N", "\n")
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\\\", "\\"),
            );
        }
    }
    assert_eq!(depth, 0, "every BEGIN has its END");
    values
}

struct Club {
    app: TestApp,
    sink: SmtpSink,
    /// Topic slugs, one per corpus item (its title), March 2025 first.
    slugs: Vec<String>,
    /// Entries in the March topic, one per corpus item.
    entries: Vec<String>,
}

/// A club on 15 March 2025 with a topic per corpus item and, in March, an approved entry per item,
/// one rejected with the whole corpus as its reason, an organiser named with the corpus, a
/// subscriber; then the month closes and every mail goes out to a real SMTP server.
async fn hostile_club() -> Club {
    let sink = SmtpSink::start().await;
    let smtp = sink.url();
    let app = spawn_app_with(move |s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = smtp;
        crate::helpers::without_submission_limits(s);
    })
    .await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    let mut slugs = Vec::new();
    for (n, item) in CORPUS.iter().enumerate() {
        let month = format!("{}-{:02}", 2025 + (n + 2) / 12, (n + 2) % 12 + 1);
        let body =
            json!({"month": month, "title": item, "summary": format!("{item}\n\n{MARKDOWN}"), "announced": true});
        let topic = app.create_topic(&token, body).await;
        slugs.push(topic["slug"].as_str().expect("slug").to_owned());
    }
    let mut entries = Vec::new();
    for (n, item) in CORPUS.iter().enumerate() {
        let entry = json!({
            "kind": "article", "title": item, "summary": item, "author_name": item,
            "url": format!("https://example.org/{n}?q=\"><script>alert({n})</script>"),
            "author_email": format!("author{n}@example.org"),
        });
        entries.push(app.approved_entry(&token, &slugs[0], entry).await);
    }
    let reason = CORPUS.join("\n");
    let rejected = app
        .confirmed_entry(
            &slugs[0],
            json!({"kind": "video", "title": "To reject", "url": "https://example.org/rejected",
            "summary": "A video.", "author_name": "Rita", "author_email": "rita@example.org"}),
        )
        .await;
    let res = app
        .api(
            Method::POST,
            &format!("/api/v1/submissions/{rejected}/reject"),
            Some(&token),
            Some(json!({"reason": reason})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap_or_default());

    let admin = organiser(&app, "api-admin@example.org");
    let hostile = content_club::app::organisers::invite(
        &app.state.app,
        &admin,
        "hostile@example.org".into(),
        CORPUS.concat().chars().take(100).collect(),
        "admin".into(),
    )
    .await
    .expect("invited");
    content_club::app::organisers::invite(
        &app.state.app,
        &hostile,
        "invitee@example.org".into(),
        "Ivy".into(),
        "moderator".into(),
    )
    .await
    .expect("invited by the hostile name");

    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "reader@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    let link = queued_link(&app, "/subscribe/confirm?token=");
    let (_, html) = app.get_text(&path_of(&link)).await;
    let token = link.split("token=").nth(1).expect("token").to_owned();
    let res = app.post_form("/subscribe/confirm", &[("csrf_token", &csrf_from(&html)), ("token", &token)]).await;
    assert_eq!(res.status().as_u16(), 200);

    app.clock.set(Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).single().expect("valid"));
    app.deliver_all().await;
    Club { app, sink, slugs, entries }
}

fn organiser(app: &TestApp, email: &str) -> content_club::app::Organiser {
    let mut conn = app.state.app.db.get().expect("connection");
    content_club::db::organisers::Organiser::by_email(&mut conn, email).expect("query").expect("exists")
}

fn queued_link(app: &TestApp, marker: &str) -> String {
    let mut conn = app.state.app.db.get().expect("connection");
    content_club::db::deliveries::Delivery::all(&mut conn)
        .expect("rows")
        .into_iter()
        .rev()
        .find_map(|d| d.body_text.split_whitespace().find(|w| w.contains(marker)).map(str::to_owned))
        .expect("a queued mail with the link")
}

/// Asserts that `text` shows every corpus item as text.
fn shows_all(what: &str, text: &str) {
    for item in CORPUS {
        assert!(text.contains(&shown(item)), "{what} does not show {:?} as text", shown(item));
    }
}

#[tokio::test]
async fn hostile_text_stays_text_on_every_page() {
    let club = hostile_club().await;
    let app = &club.app;
    app.logged_in_admin().await;
    let march = &club.slugs[0];
    let mut pages = vec![
        "/".to_owned(),
        "/topics".to_owned(),
        format!("/topics/{march}"),
        format!("/topics/{march}/digest"),
        format!("/topics/{}/submit", club.slugs[1]),
        format!("/submissions/{}", club.entries[0]),
        "/admin".to_owned(),
        "/admin/submissions?status=approved".to_owned(),
        "/admin/submissions?status=rejected".to_owned(),
        "/admin/topics".to_owned(),
        "/admin/organisers".to_owned(),
        format!("/admin/digests/{march}"),
        format!("/admin/topics/{march}/edit"),
    ];
    pages.extend(club.slugs.iter().map(|slug| format!("/topics/{slug}")));
    let mut seen = String::new();
    for page in &pages {
        let (status, html) = app.get_text(page).await;
        assert_eq!(status, 200, "{page}");
        seen.push_str(&inert_html(page, &html, true));
    }
    shows_all("the pages", &seen);
    let (_, topic) = app.get_text(&format!("/topics/{march}")).await;
    let text = inert_html("topic", &topic, true);
    shows_all("the March topic page (its entries)", &text);
    assert!(text.contains("Read me"), "Markdown keeps its text");
}

#[tokio::test]
async fn hostile_text_stays_text_in_every_feed_and_the_calendar() {
    let club = hostile_club().await;
    let app = &club.app;
    let march = &club.slugs[0];
    for path in [
        "/feed.xml".to_owned(),
        "/topics/feed.xml".to_owned(),
        format!("/topics/{march}/feed.xml"),
        "/feeds.opml".to_owned(),
    ] {
        let (status, xml) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        let texts = xml_texts(&path, &xml);
        let titles: Vec<&str> = texts
            .iter()
            .filter(|(n, _)| n == "title" || n == "@title" || n == "@text")
            .map(|(_, t)| t.as_str())
            .collect();
        let joined = titles.join("\n");
        if path.ends_with(".opml") || path == "/topics/feed.xml" || path.contains(march.as_str()) {
            shows_all(&format!("{path} titles"), &joined);
        }
    }
    for path in ["/feed.json".to_owned(), "/topics/feed.json".to_owned(), format!("/topics/{march}/feed.json")] {
        let res = app.get(&path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let feed: serde_json::Value = res.json().await.unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        let items = feed["items"].as_array().expect("items");
        assert!(!items.is_empty(), "{path} has items");
        let mut titles = String::new();
        for item in items {
            if let Some(html) = item["content_html"].as_str() {
                inert_html(&format!("{path} content_html"), html, false);
            }
            for field in ["title", "content_text", "summary"] {
                let text = item[field].as_str().unwrap_or_default();
                assert!(!text.chars().any(is_hidden), "{path} {field}: hidden character");
            }
            titles.push_str(item["title"].as_str().unwrap_or_default());
            titles.push('\n');
        }
        if path != "/feed.json" {
            shows_all(&format!("{path} titles"), &titles);
        }
    }
    let (status, ics) = app.get_text("/schedule.ics").await;
    assert_eq!(status, 200);
    let summaries = ics_values(&ics, "SUMMARY").join("\n");
    shows_all("the calendar's event titles", &summaries);
    // Descriptions are plain text (RFC 5545): the Markdown's words, its markup left out.
    let all = ics_values(&ics, "DESCRIPTION");
    assert_eq!(all.len(), 2 * CORPUS.len(), "each topic's window and its last day");
    let descriptions: Vec<&String> = all.iter().filter(|d| !d.starts_with("Submissions to")).collect();
    assert_eq!(descriptions.len(), CORPUS.len());
    for description in &descriptions {
        assert!(description.contains("Read me") && description.contains("a link"), "{description:?}");
        assert!(!description.contains("onerror=") && !description.contains("alert(10)"), "{description:?}");
    }
}

#[tokio::test]
async fn hostile_text_stays_text_in_every_mail() {
    let club = hostile_club().await;
    let messages = club.sink.messages();
    let parser = mail_parser::MessageParser::default();
    let mut kinds = Vec::new();
    for received in &messages {
        let mail = parser.parse(received.data.as_bytes()).expect("a parseable message");
        let subject = mail.subject().unwrap_or_default().to_owned();
        assert!(!subject.contains(['\r', '\n']) && !subject.chars().any(is_hidden), "subject {subject:?}");
        let html = mail.body_html(0).expect("an HTML part").into_owned();
        let html_text = inert_html(&format!("mail {subject:?}"), &html, true);
        let text = mail.body_text(0).expect("a text part").into_owned();
        assert!(!text.chars().any(is_hidden), "mail {subject:?}: hidden character in the text part");
        kinds.push((received.to.join(","), subject, html_text, text));
    }
    let to = |who: &'static str| kinds.iter().filter(move |(rcpt, ..)| rcpt == who);
    let (_, _, html, text) = to("reader@example.org").find(|(_, s, ..)| !s.contains("onfirm")).expect("the digest");
    shows_all("the digest's HTML", html);
    shows_all("the digest's text", text);
    let (_, _, html, text) = to("rita@example.org").next_back().expect("the rejection");
    shows_all("the rejection's HTML", html);
    shows_all("the rejection's text", text);
    let (_, _, html, _) = to("author3@example.org").next().expect("a confirmation");
    assert!(html.contains(&shown(CORPUS[3])), "the confirmation shows its title as text");
    let (_, _, html, text) = to("invitee@example.org").next().expect("the invitation");
    let name: String = shown(&CORPUS.concat().chars().take(100).collect::<String>());
    assert!(html.contains(name.trim()) && text.contains(name.trim()), "the inviter's name, as text");
}

#[tokio::test]
async fn links_that_would_run_are_refused_where_they_enter() {
    let app = spawn_app_with(|_| {}).await;
    app.clock.set(Utc.with_ymd_and_hms(2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    let topic = app.create_topic(&token, json!({"month": "2025-03", "title": "Links", "announced": true})).await;
    let path = format!("/api/v1/topics/{}/submissions", topic["slug"].as_str().expect("slug"));
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:x",
    ] {
        let body = json!({"kind": "article", "title": "Bad link", "url": url, "summary": "", "author_name": "Eve",
            "author_email": "eve@example.org"});
        let res = app.api(Method::POST, &path, None, Some(body)).await;
        assert_eq!(res.status().as_u16(), 422, "{url:?} refused");
    }
    assert_eq!(app.count("submissions"), 0, "nothing stored");
}
