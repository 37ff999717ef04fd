//! `content-club i18n check`: for translators, how complete each language is and which message
//! ids are missing or left over; for developers, ids the code uses that English lacks.

use std::path::PathBuf;

use clap::Subcommand;

use super::Failure;
use crate::i18n::{check, Catalog};

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// List per language the messages missing and left over; exit 1 when English does not
    /// match what the templates and code use, or English, Chinese or Japanese is incomplete.
    Check {
        /// The source checkout to read templates and code from.
        #[arg(long, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
}

pub fn run(command: I18nCommand, language: &str) -> Result<(), Failure> {
    match command {
        I18nCommand::Check { source } => {
            let catalog = Catalog::load(language).map_err(|message| Failure { code: 2, message })?;
            let used = check::used_ids(&source).map_err(|e| Failure {
                code: 2,
                message: format!("{e} (run it in a source checkout, or pass --source)"),
            })?;
            let report = check::report(&catalog, &used);
            say_part!("{}", check::describe(&report));
            if report.passes() {
                Ok(())
            } else {
                Err(Failure { code: 1, message: "some messages are missing or unused (listed above)".into() })
            }
        }
    }
}
