//! `content-club organiser …`

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::{self, AccountState, App, Role};
use crate::error::AppError;

#[derive(Debug, Subcommand)]
pub enum OrganiserCommand {
    /// Create an organiser account; the password is asked for (hidden) or read from stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin (everything) or moderator (submissions only).
        #[arg(long, default_value = "admin")]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create an API token for an organiser and print it once on stdout.
    Token {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        label: String,
    },
    /// List an organiser's API tokens (never the tokens themselves).
    Tokens {
        #[arg(long)]
        email: String,
    },
    /// Revoke an API token by its id (see `organiser tokens`).
    RevokeToken {
        #[arg(long)]
        id: i64,
    },
    /// List organiser accounts.
    List,
}

fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

pub fn run(command: OrganiserCommand, app: &App) -> Result<(), Failure> {
    match command {
        OrganiserCommand::Add { email, name, role, password_stdin } => {
            let role = Role::parse(&role).map_err(|_| Failure {
                code: 1,
                message: format!("--role: unknown role '{role}': use admin or moderator"),
            })?;
            let password = read_password(password_stdin)?;
            let organiser = block_on(app::organisers::add(app, email, name, password, role))?.map_err(explain)?;
            eprintln!("organiser {} ({}) added as {}", organiser.email, organiser.display_name, organiser.role);
        }
        OrganiserCommand::Token { email, label } => {
            let (row, token) = block_on(app::organisers::create_token(app, email.clone(), label))?.map_err(explain)?;
            eprintln!("token {} created for {}; it is shown once:", row.id, email.trim());
            say!("{token}");
        }
        OrganiserCommand::Tokens { email } => {
            let tokens = block_on(app::organisers::tokens_of(app, email))?.map_err(explain)?;
            say!("{:<6} {:<20} {:<20} {:<20} state", "id", "label", "created", "last used");
            for t in tokens {
                let state = t.revoked_at.map_or_else(|| "live".to_owned(), |at| format!("revoked {}", stamp(at)));
                let used = t.last_used_at.map_or_else(|| "never".to_owned(), stamp);
                say!("{:<6} {:<20} {:<20} {:<20} {state}", t.id, t.label, stamp(t.created_at), used);
            }
        }
        OrganiserCommand::RevokeToken { id } => match block_on(app::organisers::revoke_token(app, None, None, id))? {
            Ok(()) => eprintln!("token {id} revoked"),
            Err(AppError::NotFound) => return Err(Failure { code: 1, message: format!("no live token with id {id}") }),
            Err(e) => return Err(explain(e)),
        },
        OrganiserCommand::List => {
            say!("{:<32} {:<24} {:<10} state", "email", "name", "role");
            for o in block_on(app::organisers::list(app))?.map_err(explain)? {
                say!("{:<32} {:<24} {:<10} {}", o.email, o.display_name, o.role, AccountState::of(&o).as_str());
            }
        }
    }
    Ok(())
}

fn read_password(from_stdin: bool) -> Result<String, Failure> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        if password.is_empty() {
            return Err(Failure { code: 1, message: "no password on standard input".into() });
        }
        return Ok(password);
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Repeat the password: ")?;
    if first != second {
        return Err(Failure { code: 1, message: "the two passwords differ; nothing was changed".into() });
    }
    Ok(first)
}
