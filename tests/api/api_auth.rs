use crate::helpers::spawn_app;

async fn problem(res: reqwest::Response) -> (u16, serde_json::Value) {
    let status = res.status().as_u16();
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    (status, res.json().await.expect("problem body"))
}

#[tokio::test]
async fn a_write_without_a_token_is_401_with_a_problem_body() {
    let app = spawn_app().await;
    let res = app.client.delete(app.url("/api/v1/tokens/1")).send().await.expect("delete");
    assert!(res.headers().contains_key("www-authenticate"));
    let (status, body) = problem(res).await;
    assert_eq!(status, 401);
    assert_eq!(body["status"], 401);
    assert_eq!(body["title"], "Unauthorized");
}

#[tokio::test]
async fn a_live_token_works_and_a_revoked_token_is_401() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let (id, token) = app.api_token("ada@example.org");
    assert!(token.starts_with("cc_"));
    let res = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("get");
    assert_eq!(res.status().as_u16(), 200);
    let me: serde_json::Value = res.json().await.expect("json");
    assert_eq!(me["email"], "ada@example.org");

    let res =
        app.client.delete(app.url(&format!("/api/v1/tokens/{id}"))).bearer_auth(&token).send().await.expect("delete");
    assert_eq!(res.status().as_u16(), 204);

    let res = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("get");
    assert_eq!(problem(res).await.0, 401);
    let res =
        app.client.delete(app.url(&format!("/api/v1/tokens/{id}"))).bearer_auth(&token).send().await.expect("delete");
    assert_eq!(problem(res).await.0, 401);
}

#[tokio::test]
async fn tokens_are_stored_hashed() {
    let app = spawn_app().await;
    app.add_organiser("ada@example.org", "correct horse battery");
    let (_, token) = app.api_token("ada@example.org");
    let mut conn = app.state.app.db.get().expect("conn");
    let rows = content_club::db::api_tokens::ApiToken::for_organiser(&mut conn, 1).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].token_hash, token);
    assert!(!rows[0].token_hash.contains(&token[3..]));
}

#[tokio::test]
async fn a_malformed_or_unknown_token_is_401() {
    let app = spawn_app().await;
    for header in ["Bearer", "Bearer ", "Basic abc", "Bearer cc_unknown"] {
        let res = app.client.get(app.url("/api/v1/me")).header("authorization", header).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 401, "{header:?}");
    }
}

#[tokio::test]
async fn unknown_api_paths_answer_problem_json_404() {
    let app = spawn_app().await;
    let (status, body) = problem(app.get("/api/v1/nothing-here").await).await;
    assert_eq!(status, 404);
    assert_eq!(body["status"], 404);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status().as_u16(), 200);
    let doc: serde_json::Value = res.json().await.expect("json");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    let api: Vec<_> = content_club::web::route_table().into_iter().filter(|r| r.path.starts_with("/api/v1/")).collect();
    assert!(api.len() > 15, "the route table was read: {api:?}");
    for route in api.iter().filter(|r| r.method != "HEAD") {
        let path = route.path.trim_start_matches("/api/v1");
        let item = paths.get(path).unwrap_or_else(|| panic!("{path} is not described"));
        let method = route.method.to_lowercase();
        assert!(item.get(&method).is_some(), "{method} {path} is not described");
    }
}

/// Follows `Link: <…>; rel="next"` from `first` until there is none; returns every page's body.
async fn pages(app: &crate::helpers::TestApp, first: &str, token: &str) -> Vec<serde_json::Value> {
    let mut bodies = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next.take() {
        let res = app.api(reqwest::Method::GET, &path, Some(token), None).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        next = res.headers().get("link").map(|link| {
            let link = link.to_str().expect("ascii");
            assert!(link.ends_with("rel=\"next\""), "{link}");
            link.trim_start_matches('<').split('>').next().expect("url").to_owned()
        });
        bodies.push(res.json().await.expect("json"));
        assert!(bodies.len() < 50, "pages never end");
    }
    bodies
}

#[tokio::test]
async fn api_lists_come_in_pages_that_link_the_next() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.submissions.per_ip_per_hour = 1000;
        s.submissions.per_email_per_day = 1000;
    })
    .await;
    let token = app.admin_token();
    let now = chrono::Utc::now().format("%Y-%m").to_string();
    app.create_topic(&token, serde_json::json!({"month": now, "title": "Open now", "announced": true})).await;
    for month in ["2024-01", "2024-02", "2024-03", "2024-04"] {
        app.create_topic(
            &token,
            serde_json::json!({"month": month, "title": format!("Topic {month}"), "announced": true}),
        )
        .await;
    }
    for n in 0..7 {
        let body = crate::helpers::entry("article", &format!("Entry {n}"), &format!("https://example.org/{n}"));
        let res = app.api(reqwest::Method::POST, "/api/v1/topics/open-now/submissions", None, Some(body)).await;
        assert_eq!(res.status().as_u16(), 202);
        let sub = serde_json::json!({"email": format!("reader{n}@example.org")});
        let res = app.api(reqwest::Method::POST, "/api/v1/subscribers", None, Some(sub)).await;
        assert_eq!(res.status().as_u16(), 202);
    }
    let submissions = pages(&app, "/api/v1/submissions?status=unconfirmed&limit=3", &token).await;
    assert_eq!(submissions.iter().map(|p| p.as_array().expect("array").len()).collect::<Vec<_>>(), [3, 3, 1]);
    let mut ids: Vec<&str> =
        submissions.iter().flat_map(|p| p.as_array().expect("array")).map(|s| s["id"].as_str().expect("id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7, "every submission once");
    let topics = pages(&app, "/api/v1/topics?limit=2", &token).await;
    assert_eq!(topics.iter().map(|p| p.as_array().expect("array").len()).sum::<usize>(), 5);
    assert_eq!(topics.len(), 3);
    let subscribers = pages(&app, "/api/v1/subscribers?limit=4", &token).await;
    assert_eq!(subscribers.iter().map(|p| p["subscribers"].as_array().expect("array").len()).sum::<usize>(), 7);
    assert!(subscribers[0]["next_cursor"].is_i64() && subscribers[1]["next_cursor"].is_null());
    let too_many = app.api(reqwest::Method::GET, "/api/v1/submissions?limit=100000", Some(&token), None).await;
    assert_eq!(too_many.status().as_u16(), 200, "a limit above the maximum is the maximum");
}
