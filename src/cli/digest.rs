//! `content-club digest …`: preview a topic's digest, send it (or a test copy) from the
//! command line, with progress as it goes.

use std::io::{IsTerminal, Write};

use clap::Subcommand;

use super::Failure;
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::deliveries::Delivery;
use crate::db::digests::Digest;
use crate::db::topics::Topic;
use crate::db::Db;
use crate::domain::digests::{self, DigestSource};
use crate::domain::{outbox, EmailAddress};
use crate::email::compose;
use crate::render::Renderer;
use crate::worker::{host_of, Worker};

#[derive(Debug, Subcommand)]
pub enum DigestCommand {
    /// Print a topic's digest (subject and plain text) as it would go out now.
    Preview {
        #[arg(long)]
        topic: String,
    },
    /// Send a topic's digest to every active subscriber (or one test copy), and wait until it
    /// is delivered.
    Send {
        #[arg(long)]
        topic: String,
        /// Send one copy to this address instead, marked as a test.
        #[arg(long, value_name = "EMAIL")]
        test_to: Option<String>,
    },
}

fn renderer(settings: &Settings) -> Result<Renderer, Failure> {
    let dir = Some(settings.web.templates_dir.as_str()).filter(|d| !d.is_empty()).map(std::path::PathBuf::from);
    Renderer::new(dir.as_deref()).map_err(|m| Failure { code: 2, message: m })
}

pub fn run(command: DigestCommand, db: &Db, settings: &Settings, clock: &SharedClock) -> Result<(), Failure> {
    let renderer = renderer(settings)?;
    let render = |source: &DigestSource<'_>| compose::digest(&renderer, settings, source);
    let mut conn = db.get().map_err(super::topic::explain)?;
    let now = clock.now();
    let find = |conn: &mut crate::db::AnyConnection, slug: &str| {
        Topic::by_slug(conn, slug)?
            .ok_or_else(|| Failure { code: 1, message: format!("--topic: no topic with the slug '{slug}'") })
    };
    match command {
        DigestCommand::Preview { topic } => {
            let topic = find(&mut conn, &topic)?;
            let (content, count) = digests::render_for(&mut conn, &topic, &render).map_err(super::topic::explain)?;
            println!("Subject: {}", content.subject);
            println!(
                "Entries: {count}; active subscribers: {}",
                digests::audience(&mut conn).map_err(super::topic::explain)?
            );
            println!();
            println!("{}", content.text.replace(digests::UNSUBSCRIBE_PLACEHOLDER, "<unsubscribe link>"));
            Ok(())
        }
        DigestCommand::Send { topic, test_to } => {
            let topic = find(&mut conn, &topic)?;
            let digest = digests::ensure_built(&mut conn, &topic, now, &render).map_err(super::topic::explain)?;
            let host = host_of(settings);
            let watch = match test_to {
                Some(address) => {
                    let to = EmailAddress::parse(&address)
                        .map_err(|m| Failure { code: 1, message: format!("--test-to: {m}") })?;
                    outbox::enqueue(&mut conn, &compose::digest_test(settings, &digest, to.as_str()), &host, now)
                        .map_err(super::topic::explain)?;
                    eprintln!("a test copy of “{}” is queued for {to}", digest.subject);
                    None
                }
                None => {
                    let queued = digests::queue(&mut conn, digest.id, &host, now).map_err(super::topic::explain)?;
                    eprintln!("“{}” is queued for {queued} subscriber(s)", digest.subject);
                    Some(digest.id)
                }
            };
            drop(conn);
            deliver_with_progress(db, settings, clock, watch)
        }
    }
}

/// Sends due mail in this process until nothing is left, showing progress.
fn deliver_with_progress(
    db: &Db,
    settings: &Settings,
    clock: &SharedClock,
    digest: Option<i64>,
) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // The SMTP pool belongs to the runtime: it is made (and dropped) inside it.
    let _inside = runtime.enter();
    let worker =
        Worker::new(settings.clone(), db.clone(), clock.clone()).map_err(|m| Failure { code: 2, message: m })?;
    let terminal = std::io::stderr().is_terminal();
    let mut last_line = String::new();
    loop {
        let round = runtime.block_on(worker.deliver_batch()).map_err(super::topic::explain)?;
        let mut conn = db.get().map_err(super::topic::explain)?;
        let (done, total, failed) = match digest {
            Some(id) => {
                let p = Digest::progress(&mut conn, id)?;
                (p.sent + p.failed, p.queued + p.sending + p.sent + p.failed, p.failed)
            }
            None => {
                let left = Delivery::outstanding(&mut conn)?;
                (i64::from(left == 0), 1, 0)
            }
        };
        let line = format!(
            "{done}/{total} delivered{}",
            if failed > 0 { format!(" ({failed} failed)") } else { String::new() }
        );
        if terminal {
            let width = 30;
            let filled = if total > 0 { (done * width / total) as usize } else { width as usize };
            eprint!("\r[{}{}] {line}  ", "#".repeat(filled), "-".repeat(width as usize - filled));
            let _ = std::io::stderr().flush();
        } else if line != last_line {
            eprintln!("{line}");
        }
        last_line = line;
        if done >= total {
            break;
        }
        if round.handled() == 0 {
            // Everything left is waiting for a retry or is being sent by another worker.
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    }
    if terminal {
        eprintln!();
    }
    if let Some(id) = digest {
        let mut conn = db.get().map_err(super::topic::explain)?;
        digests::complete_finished(&mut conn, clock.now()).map_err(super::topic::explain)?;
        let p = Digest::progress(&mut conn, id)?;
        eprintln!("done: {} sent, {} failed", p.sent, p.failed);
    }
    Ok(())
}
