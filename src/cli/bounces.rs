//! `content-club bounces …`: reports from a bounce mailbox. A local MTA pipes each message that
//! arrives at the bounce address to `content-club bounces read` (e.g. an alias
//! `bounces: "|/usr/local/bin/content-club bounces read"`).

use std::io::Read;

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{bounces, App};

/// The most of one message read (a report quotes at most the original's headers and a little
/// text; anything larger is not one).
const MAX_MESSAGE_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum BouncesCommand {
    /// Read one message from standard input: a delivery status notification (RFC 3464) or an
    /// abuse report (ARF, RFC 5965). Hard bounces and complaints put the address on the
    /// suppression list; soft bounces are counted.
    Read,
}

pub fn run(command: BouncesCommand, app: &App) -> Result<(), Failure> {
    match command {
        BouncesCommand::Read => {
            let mut raw = Vec::new();
            std::io::stdin().take(MAX_MESSAGE_BYTES).read_to_end(&mut raw)?;
            let taken = block_on(bounces::read_report(app, &raw))?.map_err(explain)?;
            eprintln!(
                "{} report(s) taken, {} seen before; {} address(es) added to the suppression list",
                taken.new, taken.repeated, taken.suppressed
            );
            Ok(())
        }
    }
}
