//! `content-club destination …`: where the club's events go — add one (a webhook's signing
//! secret is printed once), list them, send a test message, remove one.

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{notify, App, AttemptOutcome, DestinationInput};
use crate::error::AppError;

#[derive(Debug, Subcommand)]
pub enum DestinationCommand {
    /// Add a destination; for a generic webhook the signing secret is printed, this once.
    Add {
        /// webhook, slack, discord, mattermost, rocketchat or teams.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        url: String,
        /// Events to send, comma-separated (topic.announced, topic.opened, topic.closing_soon,
        /// entry.pending, entry.published, roundup.published, digest.sent, link.broken).
        #[arg(long, value_delimiter = ',')]
        events: Vec<String>,
        #[arg(long, default_value = "")]
        label: String,
        /// The language of its messages; default: the club's.
        #[arg(long, default_value = "")]
        language: String,
        /// Days before a topic closes for the reminder.
        #[arg(long)]
        reminder_days: Option<i32>,
    },
    /// List the destinations.
    List,
    /// Send a test message now and print what the receiver answered.
    Test { id: i64 },
    /// Remove a destination and its log.
    Remove { id: i64 },
}

fn refused(err: AppError) -> Failure {
    match err {
        AppError::NotFound => Failure { code: 1, message: "no destination with that id".to_owned() },
        other => explain(other),
    }
}

pub fn run(command: DestinationCommand, app: &App) -> Result<(), Failure> {
    match command {
        DestinationCommand::Add { kind, url, events, label, language, reminder_days } => {
            let input = DestinationInput { kind, url, label, events, language, reminder_days };
            let created = block_on(notify::add(app, None, input))?.map_err(refused)?;
            eprintln!("added destination {} ({})", created.destination.id, created.destination.label);
            if let Some(secret) = created.secret {
                say!("{secret}");
                eprintln!("that is its signing secret; it is shown only this once");
            }
        }
        DestinationCommand::List => {
            for d in block_on(notify::list(app))?.map_err(refused)? {
                let state = if d.paused_at.is_some() {
                    "paused"
                } else if d.failing_since.is_some() {
                    "failing"
                } else {
                    "working"
                };
                say!("{:>4}  {:<10} {:<8} {}  [{}]  {}", d.id, d.kind, state, d.label, d.events, d.url);
            }
        }
        DestinationCommand::Test { id } => {
            let line = block_on(notify::send_test(app, id))?.map_err(refused)?;
            let status = line.status_code.map_or("no answer".to_owned(), |c| format!("HTTP {c}"));
            if line.outcome == AttemptOutcome::Delivered {
                eprintln!("the test message arrived ({status})");
            } else {
                return Err(Failure {
                    code: 1,
                    message: format!("the test message did not arrive ({status}): {}", line.response),
                });
            }
        }
        DestinationCommand::Remove { id } => {
            let d = block_on(notify::remove(app, None, id))?.map_err(refused)?;
            eprintln!("removed “{}”", d.label);
        }
    }
    Ok(())
}
