//! `content-club bounces …`: reports from a bounce mailbox. A local MTA pipes each message that
//! arrives at the bounce address to `content-club bounces read` (e.g. an alias
//! `bounces: "|/usr/local/bin/content-club bounces read"`).

use std::io::Read;

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{bounces, App};
use crate::error::AppError;

/// The exit status that tells a mail server to try the delivery again later (EX_TEMPFAIL in
/// sysexits.h): a report that arrives while the database is away is not lost.
const TRY_AGAIN_LATER: u8 = 75;

/// The most of one message read (a report quotes at most the original's headers and a little
/// text; anything larger is not one).
const MAX_MESSAGE_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum BouncesCommand {
    /// Read one message from standard input: a delivery status notification (RFC 3464) or an
    /// abuse report (ARF, RFC 5965) about a message the club sent. Hard bounces and complaints
    /// put the address on the suppression list. Exits 75 when the database cannot be reached, so
    /// that the mail server delivers the report again later.
    Read,
}

/// A club that cannot be opened (its database away) is a reason for the mail server to try again
/// later, not to bounce the report.
pub fn open_or_later(opened: Result<App, Failure>) -> Result<App, Failure> {
    opened.map_err(|failure| Failure { code: TRY_AGAIN_LATER, ..failure })
}

pub fn run(command: BouncesCommand, app: &App) -> Result<(), Failure> {
    match command {
        BouncesCommand::Read => {
            let mut raw = Vec::new();
            std::io::stdin().take(MAX_MESSAGE_BYTES).read_to_end(&mut raw)?;
            let later = |message: String| Failure { code: TRY_AGAIN_LATER, message };
            let taken =
                block_on(bounces::read_report(app, &raw)).map_err(|e| later(e.message))?.map_err(|err| match err {
                    AppError::Unavailable(_) | AppError::Database(_) | AppError::Internal(_) => {
                        later(explain(err).message)
                    }
                    other => explain(other),
                })?;
            eprintln!(
                "{} report(s) taken, {} seen before, {} about messages the club did not send; {} address(es) added to the suppression list",
                taken.new, taken.repeated, taken.ignored, taken.suppressed
            );
            Ok(())
        }
    }
}
