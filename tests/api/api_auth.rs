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
