//! The test harness: a real server on port 0 with its own database — a fresh SQLite file, or a
//! fresh database on the PostgreSQL server named by `TEST_DATABASE_URL`.

use std::sync::Arc;

use actix_web::web;
use chrono::Utc;
use content_club::clock::ManualClock;
use content_club::config::Settings;
use content_club::web::{AppState, Application};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use tempfile::TempDir;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: web::Data<AppState>,
    #[allow(dead_code)]
    pub clock: Arc<ManualClock>,
    pub settings: Settings,
    pub dir: Arc<TempDir>,
}

/// Settings for a test: loopback on a free port, everything under a temporary folder.
pub fn test_settings(dir: &TempDir) -> Settings {
    let mut settings = Settings::load_with_env(None, Vec::<(String, String)>::new()).expect("defaults load");
    settings.server.bind = "127.0.0.1:0".into();
    settings.server.workers = 2;
    settings.server.data_dir = dir.path().join("data");
    settings.email.file_dir = dir.path().join("data/mail");
    settings.database.pool_size = 4;
    settings.database.url = fresh_database_url(dir);
    // The API's own lower submission limits are tested where they are the subject; elsewhere
    // the API follows the form's limits, which tests set as they need.
    settings.submissions.api_per_ip_per_hour = 10_000;
    settings.submissions.api_per_email_per_day = 10_000;
    // Nothing is fetched from the internet in tests; the link tests turn fetching on against
    // their fixture site.
    settings.outbound.enabled = false;
    settings
}

/// A new, empty database for one test.
pub fn fresh_database_url(dir: &TempDir) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!(
                "cc_test_{}",
                content_club::crypto::random_token().to_lowercase().replace(['-', '_'], "")[..16].to_owned()
            );
            let mut admin =
                diesel::PgConnection::establish(&server).expect("TEST_DATABASE_URL must accept connections");
            admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
            let mut url = url::Url::parse(&server).expect("TEST_DATABASE_URL is a URL");
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
        _ => format!("sqlite://{}", dir.path().join("data/test.db").display()),
    }
}

#[allow(dead_code)]
pub fn using_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty())
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app after `adjust` has changed the test settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().expect("tempdir"));
    let mut settings = test_settings(&dir);
    adjust(&mut settings);
    spawn_app_on(settings, dir).await
}

/// Starts the app on given settings (to restart on the same database and data folder).
pub async fn spawn_app_on(settings: Settings, dir: Arc<TempDir>) -> TestApp {
    let clock = ManualClock::new(Utc::now());
    let app = Application::build_with_clock(settings.clone(), clock.clone()).await.expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, client: new_client(), state, clock, settings, dir }
}

/// Serves each connection accepted on `listener` with `serve`, on a runtime of its own thread, so
/// that a test blocking its own runtime (a pool call, a worker round) does not stall the server.
pub fn serve_in_background<S, F, Fut>(listener: std::net::TcpListener, state: S, serve: F)
where
    S: Clone + Send + 'static,
    F: Fn(S, tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(state.clone(), stream));
            }
        });
    });
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The value of the first `name="csrf_token"` hidden field in a page.
pub fn csrf_from(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a csrf_token field") + marker.len();
    html[start..].split('"').next().expect("closing quote").to_owned()
}

/// The signed "form shown at" stamp of the first form in a page that has one.
pub fn stamp_from(html: &str) -> String {
    let marker = "name=\"started\" value=\"";
    let start = html.find(marker).expect("page has a form stamp") + marker.len();
    html[start..].split('"').next().expect("closing quote").to_owned()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(form).send().await.expect("POST")
    }

    /// POSTs an urlencoded body written by hand (for fields that repeat, like ticked boxes).
    pub async fn post_encoded(&self, path: &str, body: String) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    /// Subscribes `email` with the form on `page` like a person: reads the page, takes some
    /// seconds, posts the form (which carries no per-visitor token).
    pub async fn subscribe_by_form(&self, page: &str, email: &str) -> reqwest::Response {
        let (status, html) = self.get_text(page).await;
        assert_eq!(status, 200, "{page} answers 200");
        assert!(!html.contains("name=\"csrf_token\""), "{page}: the subscribe form carries no per-visitor token");
        let started = stamp_from(&html);
        self.clock.advance(chrono::Duration::seconds(10));
        self.post_form("/subscribe", &[("started", &started), ("email", email), ("website", "")]).await
    }

    /// The CSRF token from the form on `page`.
    pub async fn csrf(&self, page: &str) -> String {
        let (status, html) = self.get_text(page).await;
        assert_eq!(status, 200, "{page} answers 200");
        csrf_from(&html)
    }

    /// Creates an organiser straight through the domain layer.
    pub fn add_organiser(&self, email: &str, password: &str) {
        self.add_organiser_with_role(email, password, content_club::app::Role::Admin);
    }

    pub fn add_organiser_with_role(&self, email: &str, password: &str, role: content_club::app::Role) {
        let mut conn = self.state.app.db.get().expect("connection");
        let hash = content_club::crypto::hash_password(password).expect("hash");
        let now = Utc::now().naive_utc();
        content_club::db::organisers::NewOrganiser {
            email,
            display_name: "Test Organiser",
            password_hash: &hash,
            role,
            disabled: false,
            created_at: now,
            updated_at: now,
        }
        .insert(&mut conn)
        .expect("organiser added");
    }

    /// Logs in through the form; returns the response to the POST.
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        let csrf = self.csrf("/admin/login").await;
        self.post_form(
            "/admin/login",
            &[("csrf_token", &csrf), ("email", email), ("password", password), ("next", "/admin")],
        )
        .await
    }

    /// Adds an organiser and logs in as them.
    pub async fn logged_in_admin(&self) -> &Self {
        self.add_organiser("admin@example.org", "a long enough password");
        let res = self.login("admin@example.org", "a long enough password").await;
        assert_eq!(res.status().as_u16(), 303, "login redirects");
        self
    }

    /// A new API token for an existing organiser.
    pub fn api_token(&self, email: &str) -> (i64, String) {
        let mut conn = self.state.app.db.get().expect("connection");
        let organiser =
            content_club::db::organisers::Organiser::by_email(&mut conn, email).expect("query").expect("organiser");
        let token = format!("cc_{}", content_club::crypto::random_token());
        let row = content_club::db::api_tokens::NewApiToken {
            organiser_id: organiser.id,
            label: "test",
            token_hash: &content_club::crypto::token_hash(&token),
            created_at: Utc::now().naive_utc(),
        }
        .insert(&mut conn)
        .expect("token");
        (row.id, token)
    }

    pub fn count(&self, table: &str) -> i64 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.state.app.db.get().expect("connection");
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut *conn)
            .expect("count")
            .n
    }
}

impl TestApp {
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("API request")
    }

    /// An admin organiser and an API token for them.
    pub fn admin_token(&self) -> String {
        self.add_organiser("api-admin@example.org", "a long enough password");
        self.api_token("api-admin@example.org").1
    }

    /// Creates a topic through the API; panics unless 201.
    pub async fn create_topic(&self, token: &str, body: serde_json::Value) -> serde_json::Value {
        let res = self.api(reqwest::Method::POST, "/api/v1/topics", Some(token), Some(body)).await;
        let status = res.status().as_u16();
        let json: serde_json::Value = res.json().await.expect("json");
        assert_eq!(status, 201, "{json}");
        json
    }

    /// Active subscribers straight into the database (no confirmation), created at the app's
    /// clock.
    pub fn add_active_subscribers(&self, emails: &[&str]) {
        use content_club::clock::Clock;
        let mut conn = self.state.app.db.get().expect("connection");
        let now = self.clock.now().naive_utc();
        for email in emails {
            content_club::db::subscribers::NewSubscriber {
                email,
                status: content_club::db::states::SubscriberStatus::Active,
                confirm_token_hash: None,
                confirm_sent_at: None,
                created_at: now,
                updated_at: now,
                public_id: &content_club::domain::subscriptions::new_public_id(),
                language: "",
            }
            .insert(&mut conn)
            .expect("subscriber");
        }
    }

    /// The status of the subscriber with `email`, who must exist.
    pub fn subscriber_status(&self, email: &str) -> String {
        let mut conn = self.state.app.db.get().expect("connection");
        content_club::db::subscribers::Subscriber::by_email(&mut conn, email)
            .expect("query")
            .expect("subscriber")
            .status
            .to_string()
    }

    /// All rows of `topics` as (month, slug, title, announced), for before/after comparisons.
    pub fn topics_snapshot(&self) -> Vec<(String, String, String, bool)> {
        let mut conn = self.state.app.db.get().expect("connection");
        content_club::db::topics::Topic::all(&mut conn, true)
            .expect("topics")
            .into_iter()
            .map(|t| (t.month, t.slug, t.title, t.announced))
            .collect()
    }
}

impl TestApp {
    /// Submits through the API, confirms with the link from the queued mail, and returns the id.
    pub async fn confirmed_entry(&self, slug: &str, entry: serde_json::Value) -> String {
        let res =
            self.api(reqwest::Method::POST, &format!("/api/v1/topics/{slug}/submissions"), None, Some(entry)).await;
        let status = res.status().as_u16();
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(status, 202, "{body}");
        let id = body["id"].as_str().expect("id").to_owned();
        let text = {
            let mut conn = self.state.app.db.get().expect("connection");
            content_club::db::deliveries::Delivery::all(&mut conn)
                .expect("deliveries")
                .into_iter()
                .rev()
                .find(|d| d.body_text.contains(&format!("/submissions/{id}/confirm")))
                .expect("confirmation queued")
                .body_text
        };
        let token = text
            .split_whitespace()
            .find_map(|w| w.split("/confirm?token=").nth(1))
            .expect("token in the mail")
            .to_owned();
        let (_, html) = self.get_text(&format!("/submissions/{id}/confirm?token={token}")).await;
        let res = self
            .post_form(&format!("/submissions/{id}/confirm"), &[("csrf_token", &csrf_from(&html)), ("token", &token)])
            .await;
        assert_eq!(res.status().as_u16(), 303);
        id
    }

    /// A confirmed entry, approved by API.
    pub async fn approved_entry(&self, token: &str, slug: &str, entry: serde_json::Value) -> String {
        let id = self.confirmed_entry(slug, entry).await;
        let res =
            self.api(reqwest::Method::POST, &format!("/api/v1/submissions/{id}/approve"), Some(token), None).await;
        assert_eq!(res.status().as_u16(), 200);
        id
    }
}

/// A submission body for the API with a unique link.
#[allow(dead_code)]
pub fn entry(kind: &str, title: &str, url: &str) -> serde_json::Value {
    serde_json::json!({
        "kind": kind, "title": title, "url": url, "summary": format!("About {title}."),
        "author_name": "Ada Author", "author_email": "ada.author@example.org",
    })
}

/// The path and query of an absolute link from a mail.
#[allow(dead_code)]
pub fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).expect("absolute link");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

#[allow(dead_code)]
impl TestApp {
    /// A worker on this app's database and clock, stepped by hand in tests.
    pub fn worker(&self) -> content_club::worker::Worker {
        content_club::worker::Worker::new(self.state.app.clone()).expect("worker")
    }

    /// Runs worker rounds until nothing is left to do now; fails the test if the outbox does not
    /// empty within 50 rounds.
    pub async fn deliver_all(&self) {
        let worker = self.worker();
        for _ in 0..50 {
            if worker.run_once().await.expect("round").handled() == 0 {
                return;
            }
        }
        panic!("the worker still had mail to send after 50 rounds");
    }
}

/// Lifts the limits on submissions per address and author, for tests that submit many.
#[allow(dead_code)]
pub fn without_submission_limits(s: &mut Settings) {
    s.submissions.per_ip_per_hour = 10_000;
    s.submissions.per_email_per_day = 10_000;
    s.submissions.api_per_ip_per_hour = 10_000;
    s.submissions.api_per_email_per_day = 10_000;
}
