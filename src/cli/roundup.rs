//! `content-club roundup …`: a topic's round-up from the command line — what it says, and the
//! text to paste elsewhere.

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{roundups, App, ExportFormat};
use crate::error::AppError;

#[derive(Debug, Subcommand)]
pub enum RoundupCommand {
    /// The round-up's state, introduction and entries in order.
    Show { slug: String },
    /// The round-up as Markdown (for a static site) or plain text (for a post or a chat message).
    Export {
        slug: String,
        /// md or txt.
        #[arg(long, default_value = "md")]
        format: String,
    },
}

fn refused(err: AppError) -> Failure {
    match err {
        AppError::NotFound => Failure { code: 1, message: "no topic with that slug".to_owned() },
        other => explain(other),
    }
}

pub fn run(command: RoundupCommand, app: &App) -> Result<(), Failure> {
    match command {
        RoundupCommand::Show { slug } => {
            let view = block_on(roundups::get(app, slug, true))?.map_err(refused)?;
            let state = if view.is_published() {
                "published"
            } else if view.roundup.is_some() {
                "draft"
            } else {
                "not written yet"
            };
            say!("{} ({}): {state}\n", view.topic.title, view.topic.month);
            if !view.intro().is_empty() {
                say!("{}\n", view.intro());
            }
            for (n, entry) in view.entries.iter().enumerate() {
                let mark = if entry.highlighted { "*" } else { " " };
                say!("{mark}{:>3}. {} [{}] {}", n + 1, entry.title, entry.public_id, entry.url);
            }
        }
        RoundupCommand::Export { slug, format } => {
            let format = ExportFormat::parse(&format)
                .ok_or_else(|| Failure { code: 1, message: "--format: use md or txt".to_owned() })?;
            let text = block_on(roundups::export(app, slug, format, true))?.map_err(refused)?;
            say_part!("{text}");
        }
    }
    Ok(())
}
