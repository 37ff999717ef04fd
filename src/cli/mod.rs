//! The command line: `content-club --help`. Errors go to stderr as one line a person can act
//! on, with a non-zero exit code.

/// Writes a command's output (`say!` ends the line, `say_part!` does not). A reader that stops
/// reading (`content-club i18n check | head`) ends the command quietly, as it ends other
/// command-line tools, instead of the panic `println!` gives.
macro_rules! say {
    () => {
        $crate::cli::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

macro_rules! say_part {
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!($($arg)*))
    };
}

mod backup;
mod bounces;
mod destination;
mod digest;
mod entry;
mod i18n;
mod links;
mod organiser;
mod roundup;
mod search;
mod topic;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::App;
use crate::clock::{SharedClock, SystemClock};
use crate::config::Settings;
use crate::error::AppError;
use crate::worker::Worker;

#[derive(Debug, Parser)]
#[command(
    name = "content-club",
    version,
    about = "Run a monthly content club: topics, submissions, moderation, feeds and digests."
)]
pub struct Cli {
    /// A TOML file layered over config/default.toml (environment variables still win).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service (and, unless disabled, the background worker).
    Serve {
        /// Load the demo programme first (see `demo`), so that a new site has something to show.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Run only the background worker (mail delivery, housekeeping); several may share one
    /// PostgreSQL database.
    Worker,
    /// Manage organiser accounts and their API tokens.
    #[command(subcommand)]
    Organiser(organiser::OrganiserCommand),
    /// Write a consistent copy of the SQLite database while the service runs (PostgreSQL: use
    /// pg_dump).
    Backup {
        /// The new file to write.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Put a backup in place of an empty SQLite database (stop the service first).
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Write topics, submissions and subscribers as JSON (email addresses only when asked).
    Export {
        /// Include subscriber and author email addresses.
        #[arg(long)]
        with_emails: bool,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Load an export into this database; what is there already is left alone.
    Import {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Preview and send topic digests.
    #[command(subcommand)]
    Digest(digest::DigestCommand),
    /// Plan the schedule: one topic a month.
    #[command(subcommand)]
    Topic(topic::TopicCommand),
    /// Add and change entries for members; import a list.
    #[command(subcommand)]
    Entry(entry::EntryCommand),
    /// Chat channels and webhooks the club's events go to.
    #[command(subcommand)]
    Destination(destination::DestinationCommand),
    /// Canonicalise stored links; check them now.
    #[command(subcommand)]
    Links(links::LinksCommand),
    /// Take bounce and complaint reports from a bounce mailbox.
    #[command(subcommand)]
    Bounces(bounces::BouncesCommand),
    /// Show and export a topic's round-up.
    #[command(subcommand)]
    Roundup(roundup::RoundupCommand),
    /// The search index: merge its parts now.
    #[command(subcommand)]
    Search(search::SearchCommand),
    /// Check the translations: what each language is missing.
    #[command(subcommand)]
    I18n(i18n::I18nCommand),
    /// Load the demo programme (2025 topics, an open topic and two upcoming ones); idempotent.
    Demo {
        /// Also give this month's open topic N more approved sample entries (for trying the
        /// archive and feeds at size, and for benchmarks).
        #[arg(long, default_value_t = 0)]
        entries: u32,
        /// Also load a club N times the size of a busy one (per unit: 12 topics, 1,000 entries,
        /// 10,000 subscribers, 2 organisers); 10 is the profile the benchmarks measure. Prints
        /// the organisers' password.
        #[arg(long, default_value_t = 0)]
        scale: u32,
    },
}

pub(crate) fn write_out(text: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(text) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("content-club: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// A failure with the exit code it deserves: 2 for configuration, 1 for everything else.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(err: E) -> Self {
        Failure { code: 1, message: crate::error::one_line(&err.to_string()) }
    }
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    limit_malloc_arenas(matches!(cli.command, Command::Serve { .. }));
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("content-club: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// glibc gives every thread that allocates an arena of its own (up to eight per core) and keeps
/// what each arena's threads freed for them; the blocking threads that run database work then
/// hold tens of MiB between them that nothing uses again. Two arenas serve a command or the
/// worker, whose work runs on as many runtime threads as cores, with little contention; `serve`
/// renders live pages on its workers while database work runs beside them, and with two arenas
/// they waited on each other's locks: four answered the moderation queue about 8 % faster at the
/// same RSS (measured in docs/benchmarks.md). `MALLOC_ARENA_MAX` in the environment still
/// decides, when set. Called before any thread starts.
fn limit_malloc_arenas(serving: bool) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes a malloc parameter; no other thread runs yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, if serving { 4 } else { 2 });
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = serving;
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    let mut settings =
        Settings::load(cli.config.as_deref()).map_err(|e| Failure { code: 2, message: e.to_string() })?;
    // The memory map speeds up searches, which only the web service answers; the worker and the
    // commands read rows in order, and mapped pages would only swell their RSS.
    if !matches!(cli.command, Command::Serve { .. }) {
        settings.database.sqlite_mmap_mib = 0;
    }
    init_logging(&settings);
    let clock: SharedClock = Arc::new(SystemClock);
    match cli.command {
        Command::Serve { demo } => serve(settings, clock, demo),
        Command::Worker => run_worker(open(settings, clock)?),
        Command::Migrate => {
            let applied = crate::app::migrate(&settings).map_err(|message| Failure { code: 2, message })?;
            eprintln!("{applied} migration(s) applied; the schema is up to date");
            Ok(())
        }
        Command::Organiser(command) => organiser::run(command, &open(settings, clock)?),
        Command::Export { with_emails, to } => transfer::export(&open(settings, clock)?, with_emails, to),
        Command::Import { from } => transfer::import(&open(settings, clock)?, from),
        Command::Backup { to } => backup::backup(&open(settings, clock)?, &to),
        Command::Restore { from } => backup::restore(&settings, &from),
        Command::Digest(command) => digest::run(command, &open(settings, clock)?),
        Command::Topic(command) => topic::run(command, &open(settings, clock)?),
        Command::Entry(command) => entry::run(command, &open(settings, clock)?),
        Command::Roundup(command) => roundup::run(command, &open(settings, clock)?),
        Command::Links(command) => links::run(command, &open(settings, clock)?),
        Command::Destination(command) => destination::run(command, &open(settings, clock)?),
        Command::Bounces(command) => bounces::run(command, &bounces::open_or_later(open(settings, clock))?),
        Command::Demo { entries, scale } => load_demo(&open(settings, clock)?, entries, scale),
        Command::Search(command) => search::run(command, &open(settings, clock)?),
        Command::I18n(command) => i18n::run(command, &settings.club.language),
    }
}

/// Opens the database (bringing its schema up to date) and the services the commands use.
fn open(settings: Settings, clock: SharedClock) -> Result<App, Failure> {
    App::build(settings, clock).map_err(|message| Failure { code: 2, message })
}

/// Runs a use case to its end on a runtime of its own (commands run one use case at a time).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    Ok(runtime.block_on(future))
}

/// Turns a refusal into one line that names the options at fault.
pub fn explain(err: AppError) -> Failure {
    let message = match err {
        AppError::Validation(fields) => fields
            .into_iter()
            .map(|(field, message)| format!("--{}: {message}", option_name(&field)))
            .collect::<Vec<_>>()
            .join("; "),
        AppError::FieldConflict { field, message } => format!("--{}: {message}", option_name(field)),
        other => other.to_string(),
    };
    Failure { code: 1, message }
}

fn option_name(field: &str) -> &str {
    match field {
        "opens_at" => "opens",
        "closes_at" => "closes",
        other => other,
    }
}

fn load_demo(app: &App, entries: u32, scale: u32) -> Result<(), Failure> {
    let (topics, samples) = block_on(crate::app::demo::load(app, entries))?.map_err(explain)?;
    eprintln!("demo: {topics} topic(s) and {samples} sample submission(s) added; existing ones were left alone");
    if scale > 0 {
        let password = crate::crypto::random_token();
        let p = block_on(crate::app::profile::load(app, scale, password.clone()))?.map_err(explain)?;
        eprintln!(
            "profile ×{scale}: {} topic(s), {} entries ({} waiting for moderation), {} round-up(s), {} subscribers, \
             {} organisers (organiser-1@example.org … organiser-{}@example.org; their password follows on \
             standard output)",
            p.topics, p.entries, p.pending, p.roundups, p.subscribers, p.organisers, p.organisers
        );
        say!("{password}");
    }
    Ok(())
}

fn serve(settings: Settings, clock: SharedClock, demo: bool) -> Result<(), Failure> {
    actix_web::rt::System::new().block_on(async move {
        let base = settings.club.base_url.clone();
        let app = crate::web::Application::build_with_clock(settings, clock)
            .await
            .map_err(|e| Failure { code: 2, message: crate::error::one_line(&format!("{e:#}")) })?;
        let services = app.state().app.clone();
        if demo {
            let (topics, samples) = crate::app::demo::load(&services, 0).await.map_err(explain)?;
            eprintln!("demo: {topics} topic(s) and {samples} sample submission(s) added");
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = if services.settings.server.run_worker {
            let worker = Worker::new(services).map_err(|m| Failure { code: 2, message: m })?;
            Some(actix_web::rt::spawn(worker.run(stopped)))
        } else {
            None
        };
        tracing::info!(port = app.port(), base_url = %base, "serving");
        let served = app.run_until_stopped().await;
        // The server stopped (SIGTERM/SIGINT): let the worker finish its round, then exit.
        let _ = stop.send(true);
        if let Some(handle) = worker {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(30), handle).await;
        }
        served?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn run_worker(app: App) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let worker = Worker::new(app).map_err(|m| Failure { code: 2, message: m })?;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let running = tokio::spawn(worker.run(stopped));
        shutdown_signal().await;
        tracing::info!("stopping the worker after its current round");
        let _ = stop.send(true);
        let _ = running.await;
        Ok(())
    })
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

fn init_logging(settings: &Settings) {
    use tracing_subscriber::EnvFilter;
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(&settings.log.level));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ =
        if settings.log.format == "json" { builder.json().flatten_event(true).try_init() } else { builder.try_init() };
}
