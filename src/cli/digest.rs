//! `content-club digest …`: preview a topic's digest, send it (or a test copy) from the
//! command line, with progress as it goes.

use std::io::{IsTerminal, Write};

use clap::Subcommand;

use super::{explain, Failure};
use crate::app::{self, App};
use crate::email::compose::{MANAGE_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER};
use crate::worker::Worker;

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

fn refused(slug: &str) -> impl Fn(crate::error::AppError) -> Failure + '_ {
    move |err| match err {
        crate::error::AppError::NotFound => {
            Failure { code: 1, message: format!("--topic: no topic with the slug '{slug}'") }
        }
        crate::error::AppError::Validation(fields) => Failure {
            code: 1,
            message: fields.into_values().map(|m| format!("--test-to: {m}")).collect::<Vec<_>>().join("; "),
        },
        other => explain(other),
    }
}

pub fn run(command: DigestCommand, app: &App) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // The SMTP pool belongs to the runtime: it is made (and dropped) inside it.
    let _inside = runtime.enter();
    match command {
        DigestCommand::Preview { topic } => {
            let preview = runtime.block_on(app::digests::preview(app, topic.clone())).map_err(refused(&topic))?;
            say!("Subject: {}", preview.content.subject);
            say!("Entries: {}; active subscribers: {}", preview.entries, preview.audience);
            say!();
            say!(
                "{}",
                preview
                    .content
                    .text
                    .replace(UNSUBSCRIBE_PLACEHOLDER, "<unsubscribe link>")
                    .replace(MANAGE_PLACEHOLDER, "<subscriber's own page>")
            );
            Ok(())
        }
        DigestCommand::Send { topic, test_to } => {
            let watch = match test_to {
                Some(address) => {
                    let digest = runtime
                        .block_on(app::digests::send_test(app, topic.clone(), address.clone()))
                        .map_err(refused(&topic))?;
                    eprintln!("a test copy of “{}” is queued for {}", digest.subject, address.trim());
                    None
                }
                None => {
                    let preview =
                        runtime.block_on(app::digests::preview(app, topic.clone())).map_err(refused(&topic))?;
                    let queued = runtime.block_on(app::digests::send(app, topic.clone())).map_err(refused(&topic))?;
                    eprintln!("“{}” is queued for {queued} subscriber(s)", preview.content.subject);
                    Some(preview.topic.id)
                }
            };
            let worker = Worker::new(app.clone()).map_err(|m| Failure { code: 2, message: m })?;
            deliver_with_progress(&runtime, app, &worker, watch)
        }
    }
}

/// Sends due mail in this process until nothing is left, showing progress.
fn deliver_with_progress(
    runtime: &tokio::runtime::Runtime,
    app: &App,
    worker: &Worker,
    topic: Option<i64>,
) -> Result<(), Failure> {
    let terminal = std::io::stderr().is_terminal();
    let digest = match topic {
        Some(id) => runtime.block_on(app::digests::of_topic(app, id)).map_err(explain)?.map(|d| d.id),
        None => None,
    };
    let mut last_line = String::new();
    loop {
        let round = runtime.block_on(worker.deliver_batch()).map_err(explain)?;
        let (done, total, failed) = match digest {
            Some(id) => {
                let p = runtime.block_on(app::digests::progress(app, id)).map_err(explain)?;
                (p.sent + p.failed, p.queued + p.sending + p.sent + p.failed, p.failed)
            }
            None => {
                let left = runtime.block_on(app::delivery::outstanding(app)).map_err(explain)?;
                (i64::from(left == 0), 1, 0)
            }
        };
        let failures = if failed > 0 { format!(" ({failed} failed)") } else { String::new() };
        let line = format!("{done}/{total} delivered{failures}");
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
        runtime.block_on(app::digests::finish(app)).map_err(explain)?;
        let p = runtime.block_on(app::digests::progress(app, id)).map_err(explain)?;
        eprintln!("done: {} sent, {} failed", p.sent, p.failed);
    }
    Ok(())
}
