//! `content-club links …`: the stored links — apply the canonical rules to entries stored before
//! them (collisions reported, never merged), and run a round of dead-link checks now.

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{links, App};

#[derive(Debug, Subcommand)]
pub enum LinksCommand {
    /// Give every stored entry its link's canonical form (the platform rules; no fetching).
    /// Entries whose new form another entry of the same topic has already are listed and left
    /// as they are, for an organiser to decide.
    Canonicalise {
        /// Only list what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check the links that are due now (as the worker does on its schedule).
    Check,
}

pub fn run(command: LinksCommand, app: &App) -> Result<(), Failure> {
    match command {
        LinksCommand::Canonicalise { dry_run } => {
            let report = block_on(links::canonicalise_all(app, dry_run))?.map_err(explain)?;
            for (id, from, to) in &report.changed {
                say!("changed   {id}  {from} -> {to}");
            }
            for (id, other, form) in &report.collisions {
                say!("collision {id}  {form} is {other}'s already; left as it was");
            }
            let verb = if dry_run { "would change" } else { "changed" };
            eprintln!(
                "{} {verb}, {} collision(s) left for an organiser",
                report.changed.len(),
                report.collisions.len()
            );
        }
        LinksCommand::Check => {
            let found = block_on(links::check_due(app))?.map_err(explain)?;
            eprintln!("{} link(s) checked, {} found broken", found.checked, found.broken);
        }
    }
    Ok(())
}
