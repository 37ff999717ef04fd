//! The database: one connection type over SQLite and PostgreSQL, the pool, embedded migrations,
//! and one module of queries per table. Nothing above this layer writes SQL.

pub mod api_tokens;
pub mod audit_log;
pub mod authors;
pub mod backup;
pub mod deliveries;
pub mod destinations;
pub mod digests;
pub mod lane;
pub mod leases;
pub mod links;
pub mod organiser_links;
pub mod organisers;
pub mod rate_limits;
pub mod roundups;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod site_state;
pub mod states;
pub mod submissions;
pub mod subscribers;
pub mod suppressions;
pub mod topics;
pub mod transfer;
pub mod translations;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::{DatabaseKind, DatabaseSettings};
use crate::error::AppError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Key of the PostgreSQL advisory lock held while migrating, so that several instances starting
/// at once apply each migration exactly once.
const MIGRATION_LOCK_KEY: i64 = 0x0C04_7E47_C1AB;

/// A connection to whichever engine the URL selected.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

impl AnyConnection {
    pub fn kind(&self) -> DatabaseKind {
        match self {
            AnyConnection::Pg(_) => DatabaseKind::Postgres,
            AnyConnection::Sqlite(_) => DatabaseKind::Sqlite,
        }
    }
}

/// Opens connections for the pool, choosing the engine from the settings rather than by trial,
/// and sets SQLite up the same way on every connection.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    kind: DatabaseKind,
    target: String,
    busy_timeout_ms: u32,
    mmap_bytes: u64,
    queries: Arc<AtomicU64>,
}

/// Counts the statements every pooled connection runs (for /metrics, and for tests that hold a
/// page to a fixed number of queries).
struct QueryCounter(Arc<AtomicU64>);

impl diesel::connection::Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        if let diesel::connection::InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl ConnectionManager {
    pub fn new(settings: &DatabaseSettings) -> ConnectionManager {
        let target = match settings.kind() {
            DatabaseKind::Postgres => settings.url.clone(),
            DatabaseKind::Sqlite => {
                settings.sqlite_path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
            }
        };
        ConnectionManager {
            kind: settings.kind(),
            target,
            busy_timeout_ms: settings.busy_timeout_ms,
            mmap_bytes: u64::from(settings.sqlite_mmap_mib) << 20,
            queries: Arc::new(AtomicU64::new(0)),
        }
    }

    fn open(&self) -> ConnectionResult<AnyConnection> {
        let mut conn = self.open_plain()?;
        conn.set_instrumentation(QueryCounter(self.queries.clone()));
        Ok(conn)
    }

    fn open_plain(&self) -> ConnectionResult<AnyConnection> {
        match self.kind {
            DatabaseKind::Postgres => PgConnection::establish(&self.target).map(AnyConnection::Pg),
            DatabaseKind::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.target)?;
                // WAL lets readers proceed while one writer writes; the busy timeout makes a
                // second writer wait instead of failing with "database is locked".
                // Reads through a memory map (shared by every connection, through the page cache)
                // instead of a read call per page: the search index of a large archive is read
                // this way many pages at a time (measured in docs/benchmarks.md, "Search").
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA mmap_size = {};",
                    self.busy_timeout_ms, self.mmap_bytes
                ))
                .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
                // Switching to WAL needs the database to itself and does not wait on the busy
                // timeout, so a process starting while another migrates retries for as long.
                let deadline = std::time::Instant::now() + Duration::from_millis(u64::from(self.busy_timeout_ms));
                loop {
                    match conn.batch_execute("PRAGMA journal_mode = WAL") {
                        Ok(()) => break,
                        Err(e) if std::time::Instant::now() < deadline && e.to_string().contains("locked") => {
                            std::thread::sleep(Duration::from_millis(25));
                        }
                        Err(e) => return Err(ConnectionError::BadConnection(e.to_string())),
                    }
                }
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = AnyConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, r2d2::Error> {
        self.open().map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1").map_err(r2d2::Error::QueryError)
    }

    /// A connection that comes back still inside a transaction (its user panicked, or gave up
    /// half-way) or whose transaction manager saw an error is closed, not reused: it may hold
    /// SQLite's write lock or an aborted PostgreSQL transaction.
    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        use diesel::connection::{AnsiTransactionManager, TransactionManager, TransactionManagerStatus};
        let status = match conn {
            AnyConnection::Pg(c) => AnsiTransactionManager::transaction_manager_status_mut(c),
            AnyConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c),
        };
        match status {
            TransactionManagerStatus::Valid(valid) => valid.transaction_depth().is_some(),
            TransactionManagerStatus::InError => true,
        }
    }
}

pub type DbPool = Pool<ConnectionManager>;
pub type DbConn = PooledConnection<ConnectionManager>;

/// The pool, and the way to use it from async code without blocking the executor.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    kind: DatabaseKind,
    /// Where PostgreSQL is, for connections outside the pool (the change listener).
    pg_url: Option<String>,
    queries: Arc<AtomicU64>,
    gate: WriteGate,
}

/// Writes take turns before they reach the database: on SQLite one at a time, so that writers
/// never sleep in SQLite's busy handler (whose back-off makes the slow tail), on PostgreSQL as
/// many as the pool has connections but one. At most `limit` writes of HTTP requests wait for a
/// turn; a request's write beyond is refused at once.
#[derive(Clone)]
struct WriteGate {
    writers: usize,
    turns: Arc<tokio::sync::Semaphore>,
    waiting: Arc<std::sync::atomic::AtomicUsize>,
    limit: usize,
}

/// A write's place in the gate's queue, given up when the write has its turn (or gives up).
struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Db {
    /// Opens the pool (creating the SQLite folder when needed) and checks that the database
    /// answers. The error is one line, fit for an operator.
    pub fn connect(settings: &DatabaseSettings) -> Result<Db, String> {
        if settings.kind() == DatabaseKind::Sqlite {
            if let Some(dir) = settings.sqlite_path().as_deref().and_then(Path::parent) {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create folder {}: {e}", dir.display()))?;
                }
            }
        }
        let manager = ConnectionManager::new(settings);
        let queries = manager.queries.clone();
        // Try once directly first: r2d2 would otherwise retry silently until its timeout and
        // report only "timed out".
        manager.open().map_err(|e| one_line(&e.to_string()))?;
        let pool = Pool::builder()
            .max_size(settings.pool_size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(settings.connect_timeout_seconds))
            .test_on_check_out(true)
            .build(manager)
            .map_err(|e| one_line(&e.to_string()))?;
        // SQLite takes one writer at a time anyway; PostgreSQL as many as there are connections
        // but one, which stays free for reads while writes queue.
        let writers = match settings.kind() {
            DatabaseKind::Sqlite => 1,
            DatabaseKind::Postgres => (settings.pool_size as usize).saturating_sub(1).max(1),
        };
        let gate = WriteGate {
            writers,
            turns: Arc::new(tokio::sync::Semaphore::new(writers)),
            waiting: Arc::default(),
            limit: settings.write_queue as usize,
        };
        let pg_url = (settings.kind() == DatabaseKind::Postgres).then(|| settings.url.clone());
        Ok(Db { pool, kind: settings.kind(), pg_url, queries, gate })
    }

    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }

    /// A connection listening for the changes every instance commits; `None` on SQLite, which
    /// has no such announcements.
    pub fn change_listener(&self) -> Option<Result<site_state::ChangeListener, String>> {
        self.pg_url.as_deref().map(site_state::ChangeListener::open)
    }

    /// A connection for synchronous code (CLI, worker threads, tests).
    pub fn get(&self) -> Result<DbConn, AppError> {
        Ok(self.pool.get()?)
    }

    /// Runs `f` with a pooled connection on the runtime's blocking thread pool: diesel is
    /// synchronous, and the async executor must not wait on the database.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        tokio::task::spawn_blocking(self.work(f))
            .await
            .map_err(|e| AppError::Internal(format!("a database task stopped: {e}")))?
    }

    /// `f` with a pooled connection, to be run on another thread: the request (and its log
    /// span) the work is for goes with it.
    fn work<T, F>(&self, f: F) -> impl FnOnce() -> Result<T, AppError> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let (request, span) = (crate::context::request_id(), tracing::Span::current());
        move || {
            let _entered = span.enter();
            crate::context::on_thread(request, || {
                let mut conn = pool.get()?;
                f(&mut conn)
            })
        }
    }

    /// Runs `f` like [`Db::run`], on one of `lane`'s threads when its turn comes (see
    /// [`lane`]); answers `Unavailable` at once when the lane's queue is full. Work whose asker
    /// has gone (a request dropped while it waited) is not run.
    pub async fn run_in<T, F>(&self, lane: &lane::Lane, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let work = self.work(f);
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job = Box::new(move || {
            if !answer.is_closed() {
                let _ = answer.send(work());
            }
        });
        lane.push(job).map_err(|refused| match refused {
            lane::Refused::Full => {
                AppError::Unavailable(format!("too many {} are waiting; try again in a moment", lane.name()))
            }
            lane::Refused::Stopped => AppError::Internal(format!("the threads running {} have stopped", lane.name())),
        })?;
        answered.await.map_err(|_| AppError::Internal(format!("a task running {} stopped", lane.name())))?
    }

    /// Runs `f` like [`Db::run`] after waiting for a writer's turn (see `WriteGate`); answers
    /// `Unavailable` at once when too many writes wait already.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
    {
        let gate = &self.gate;
        let turn = match gate.turns.clone().try_acquire_owned() {
            Ok(turn) => turn,
            Err(_) => {
                // Requests are refused beyond the queue's bound; background work (the worker
                // recording what a relay or receiver answered, the command line) always waits.
                let limit = if crate::context::request_id().is_some() { gate.limit } else { usize::MAX };
                if gate.waiting.fetch_add(1, Ordering::SeqCst) >= limit {
                    gate.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(AppError::Unavailable("too many writes are waiting; try again in a moment".into()));
                }
                let _place = Waiting(&gate.waiting);
                gate.turns.clone().acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?
            }
        };
        // The turn goes with the work: a request that is dropped while its write runs does not
        // let the next writer in before the write has finished.
        self.run(move |conn| {
            let _turn = turn;
            f(conn)
        })
        .await
    }

    /// How many writes may run at once.
    pub fn writers(&self) -> usize {
        self.gate.writers
    }

    /// Writes waiting for their turn now (for /metrics).
    pub fn writes_waiting(&self) -> usize {
        self.gate.waiting.load(Ordering::SeqCst)
    }

    /// Statements run on this pool's connections since it opened.
    pub fn queries_run(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// Connections in use and idle, for /metrics.
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let state = self.pool.state();
        (state.connections - state.idle_connections, state.idle_connections, self.pool.max_size())
    }

    /// Applies pending migrations; returns how many ran. On PostgreSQL the work happens under
    /// an advisory lock, so concurrent starters wait for the first and then find nothing to do.
    pub fn migrate(&self) -> Result<usize, String> {
        let mut conn = self.pool.get().map_err(|e| one_line(&e.to_string()))?;
        run_migrations(&mut conn)
    }

    /// Whether the database answers a trivial query (for /readyz).
    pub async fn ping(&self) -> bool {
        self.run(|conn| {
            conn.batch_execute("SELECT 1")?;
            Ok(())
        })
        .await
        .is_ok()
    }
}

/// Applies pending migrations on one connection; see [`Db::migrate`].
pub fn run_migrations(conn: &mut AnyConnection) -> Result<usize, String> {
    let applied = match conn {
        AnyConnection::Sqlite(c) => {
            // SQLite has no advisory lock: the write lock of an IMMEDIATE transaction plays its
            // part, so a second process starting at the same moment waits (busy timeout) and
            // then finds nothing to do. Each migration runs inside it as a savepoint.
            use diesel::connection::{AnsiTransactionManager, TransactionManager};
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
                .map_err(|e| one_line(&e.to_string()))?;
            let result = c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len());
            let finish = if result.is_ok() {
                AnsiTransactionManager::commit_transaction(c)
            } else {
                AnsiTransactionManager::rollback_transaction(c)
            };
            finish.map_err(|e| one_line(&e.to_string()))?;
            result
        }
        AnyConnection::Pg(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                .map_err(|e| one_line(&e.to_string()))?;
            let result = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len());
            let unlock = c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"));
            if let (Ok(_), Err(e)) = (&result, unlock) {
                return Err(one_line(&e.to_string()));
            }
            result
        }
    };
    applied.map_err(|e| format!("migration failed: {}", one_line(&e.to_string())))
}

/// Names of the embedded migrations for each engine, in order (the two trees must match).
pub fn migration_names() -> (Vec<String>, Vec<String>) {
    use diesel::migration::MigrationSource;
    let names = |source: &EmbeddedMigrations| -> Vec<String> {
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(source)
            .map(|list| list.iter().map(|m| m.name().to_string()).collect())
            .unwrap_or_default()
    };
    (names(&SQLITE_MIGRATIONS), names(&POSTGRES_MIGRATIONS))
}

pub use crate::error::one_line;

/// True when the error is a unique-constraint violation (both engines).
pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(err, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
}

/// A transaction that will write. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write
/// lock up front: a deferred transaction that reads first and then writes can fail at once with
/// "database is locked" when another writer got in between, while an immediate one waits its
/// turn (up to the busy timeout). On PostgreSQL it is an ordinary transaction.
pub fn write_transaction<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        AnyConnection::Pg(_) => conn.transaction(f),
        AnyConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            let result = f(conn);
            let AnyConnection::Sqlite(inner) = conn else { unreachable!("the connection kind does not change") };
            match result {
                Ok(value) => {
                    AnsiTransactionManager::commit_transaction(inner)?;
                    Ok(value)
                }
                Err(e) => {
                    AnsiTransactionManager::rollback_transaction(inner)?;
                    Err(e)
                }
            }
        }
    }
}
