//! The database away, and back: confirm, unsubscribe and one-click unsubscribe answer 503 with
//! Retry-After (never "invalid link", which would stop a mail provider from retrying), and work
//! once it is back. A connection that panicked inside a write transaction is not reused.
//!
//! PostgreSQL is made unreachable through a proxy the test cuts (existing connections die, new
//! ones are refused); SQLite is kept busy by another writer holding its write lock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::helpers::{csrf_from, spawn_app_on, test_settings, using_postgres, TestApp};

/// A TCP proxy in front of PostgreSQL: `cut` closes every connection through it and refuses new
/// ones until `restore`.
#[derive(Clone)]
struct Proxy {
    port: u16,
    open: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    /// Runs on a thread and runtime of its own, so that the test's blocking database calls
    /// through it never wait on the runtime they block.
    fn start(target: String) -> Proxy {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        listener.set_nonblocking(true).expect("non-blocking");
        let proxy = Proxy {
            port: listener.local_addr().expect("addr").port(),
            open: Arc::new(AtomicBool::new(true)),
            connections: Arc::default(),
        };
        let inner = proxy.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("listener");
                while let Ok((mut client, _)) = listener.accept().await {
                    if !inner.open.load(Ordering::SeqCst) {
                        continue; // dropped: the connection closes at once
                    }
                    let target = target.clone();
                    let task = tokio::spawn(async move {
                        if let Ok(mut server) = TcpStream::connect(&target).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                        }
                    });
                    inner.connections.lock().expect("lock").push(task);
                }
            });
        });
        proxy
    }

    fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        for task in self.connections.lock().expect("lock").drain(..) {
            task.abort();
        }
    }

    fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

/// How the test takes the database away.
enum Outage {
    Proxy(Proxy),
    /// A connection of its own holding SQLite's write lock while the outage lasts.
    Lock(String, Option<diesel::SqliteConnection>),
}

impl Outage {
    fn begin(&mut self) {
        match self {
            Outage::Proxy(proxy) => proxy.cut(),
            Outage::Lock(path, held) => {
                let mut conn = diesel::SqliteConnection::establish(path).expect("sqlite");
                conn.batch_execute("BEGIN EXCLUSIVE").expect("lock");
                *held = Some(conn);
            }
        }
    }

    fn end(&mut self) {
        match self {
            Outage::Proxy(proxy) => proxy.restore(),
            Outage::Lock(_, held) => {
                if let Some(mut conn) = held.take() {
                    conn.batch_execute("ROLLBACK").expect("unlock");
                }
            }
        }
    }
}

/// An app whose database the test can take away.
async fn app_with_outage() -> (TestApp, Outage) {
    let dir = Arc::new(tempfile::tempdir().expect("tempdir"));
    let mut settings = test_settings(&dir);
    settings.database.connect_timeout_seconds = 1;
    settings.database.busy_timeout_ms = 200;
    settings.feeds.refresh_seconds = 3600;
    let outage = if using_postgres() {
        let mut url = url::Url::parse(&settings.database.url).expect("url");
        let target = format!("{}:{}", url.host_str().expect("host"), url.port().expect("port"));
        let proxy = Proxy::start(target);
        url.set_port(Some(proxy.port)).expect("port");
        settings.database.url = url.to_string();
        Outage::Proxy(proxy)
    } else {
        let path = settings.database.sqlite_path().expect("path").to_string_lossy().into_owned();
        Outage::Lock(path, None)
    };
    (spawn_app_on(settings, dir).await, outage)
}

/// The token of the newest mail whose text holds `marker`, up to the next whitespace.
fn token_after(app: &TestApp, marker: &str) -> String {
    let mut conn = app.state.app.db.get().expect("connection");
    let rows = content_club::db::deliveries::Delivery::all(&mut conn).expect("rows");
    rows.iter()
        .rev()
        .find_map(|d| d.body_text.split_whitespace().find_map(|w| w.split(marker).nth(1).map(str::to_owned)))
        .expect("a mail with the link")
}

async fn status_of(res: reqwest::Response, what: &str) -> u16 {
    let status = res.status().as_u16();
    if status == 503 {
        assert!(res.headers().contains_key("retry-after"), "{what}: 503 without Retry-After");
    }
    status
}

#[tokio::test]
async fn a_database_outage_answers_503_to_links_from_mail_and_they_work_once_it_is_back() {
    let (app, mut outage) = app_with_outage().await;
    for email in ["pending@example.org", "active@example.org"] {
        let res = app.api(reqwest::Method::POST, "/api/v1/subscribers", None, Some(json!({"email": email}))).await;
        assert_eq!(res.status().as_u16(), 202);
    }
    let confirm = token_after(&app, "/subscribe/confirm?token=");
    let (_, page) = app.get_text(&format!("/subscribe/confirm?token={confirm}")).await;
    let res = app.post_form("/subscribe/confirm", &[("csrf_token", &csrf_from(&page)), ("token", &confirm)]).await;
    assert_eq!(res.status().as_u16(), 200, "active@example.org is confirmed");
    let public_id = {
        let mut conn = app.state.app.db.get().expect("connection");
        content_club::db::subscribers::Subscriber::by_email(&mut conn, "active@example.org")
            .expect("q")
            .expect("row")
            .public_id
    };
    let unsubscribe = content_club::domain::subscriptions::unsubscribe_token(&app.state.app.key, &public_id);
    // A second pending address keeps a confirmation to try during the outage.
    let res =
        app.api(reqwest::Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "later@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    let pending = token_after(&app, "/subscribe/confirm?token=");
    let (_, page) = app.get_text(&format!("/subscribe/confirm?token={pending}")).await;
    let csrf = csrf_from(&page);

    outage.begin();
    let one_click = || {
        let url = app.url(&format!("/unsubscribe?token={unsubscribe}"));
        reqwest::Client::new().post(url).form(&[("List-Unsubscribe", "One-Click")]).send()
    };
    let confirmed = app.post_form("/subscribe/confirm", &[("csrf_token", &csrf), ("token", &pending)]).await;
    assert_eq!(status_of(confirmed, "confirm").await, 503, "confirm during the outage");
    assert_eq!(status_of(one_click().await.expect("post"), "one-click").await, 503, "one-click unsubscribe");
    if using_postgres() {
        // Reading needs the database too; on SQLite readers go on beside the held write lock.
        let page = app.get(&format!("/unsubscribe?token={unsubscribe}")).await;
        assert_eq!(status_of(page, "unsubscribe page").await, 503, "the unsubscribe page");
    }
    outage.end();

    // The provider retries the POST; the reader confirms again.
    let mut retried = 0;
    let status = loop {
        let status = one_click().await.expect("post").status().as_u16();
        if status != 503 || retried == 20 {
            break status;
        }
        retried += 1;
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    assert_eq!(status, 200, "one-click unsubscribe works once the database is back");
    let res = app.post_form("/subscribe/confirm", &[("csrf_token", &csrf), ("token", &pending)]).await;
    assert_eq!(res.status().as_u16(), 200);
    let status = |email| app.subscriber_status(email);
    assert_eq!(status("active@example.org"), "unsubscribed");
    assert_eq!(status("later@example.org"), "active");
}

/// A connection whose user panicked inside a write transaction goes back to the pool still in
/// it; it must be closed, not handed to the next request (on SQLite it would hold the write lock).
#[tokio::test]
async fn a_panic_inside_a_write_transaction_is_followed_by_a_request_that_succeeds() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.database.pool_size = 1;
        s.database.connect_timeout_seconds = 2;
    })
    .await;
    let panicked = app
        .state
        .app
        .db
        .run(|conn| {
            content_club::db::write_transaction(conn, |conn| -> Result<(), content_club::error::AppError> {
                conn.batch_execute("UPDATE site_state SET content_version = content_version + 1")?;
                panic!("a planted panic inside a write transaction");
            })
        })
        .await;
    assert!(panicked.is_err(), "the panic surfaces as an error");
    let res =
        app.api(reqwest::Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "after@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202, "the next request gets a working connection");
    assert_eq!(app.count("subscribers"), 1);
}
