//! `content-club organiser …`

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::Failure;
use crate::clock::SharedClock;
use crate::db::api_tokens::ApiToken;
use crate::db::organisers::Organiser;
use crate::db::Db;
use crate::domain::organisers::{self, Role};
use crate::domain::EmailAddress;
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

fn explain(err: AppError) -> Failure {
    let message = match err {
        AppError::Validation(fields) => {
            fields.into_iter().map(|(field, message)| format!("--{field}: {message}")).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    };
    Failure { code: 1, message }
}

pub fn run(command: OrganiserCommand, db: &Db, clock: &SharedClock) -> Result<(), Failure> {
    let mut conn = db.get().map_err(explain)?;
    match command {
        OrganiserCommand::Add { email, name, role, password_stdin } => {
            let role = Role::parse(&role).map_err(|m| Failure { code: 1, message: format!("--role: {m}") })?;
            let password = read_password(password_stdin)?;
            let organiser =
                organisers::add_organiser(&mut conn, &email, &name, &password, role, clock.now()).map_err(explain)?;
            eprintln!("organiser {} ({}) added as {}", organiser.email, organiser.display_name, organiser.role);
            Ok(())
        }
        OrganiserCommand::Token { email, label } => {
            let (row, token) = organisers::create_api_token(&mut conn, &email, &label, clock.now()).map_err(explain)?;
            eprintln!("token {} created for {}; it is shown once:", row.id, email.trim());
            println!("{token}");
            Ok(())
        }
        OrganiserCommand::Tokens { email } => {
            let key =
                EmailAddress::parse(&email).map_err(|m| Failure { code: 1, message: format!("--email: {m}") })?.key();
            let organiser = Organiser::by_email(&mut conn, &key)?
                .ok_or_else(|| Failure { code: 1, message: format!("no organiser with the email {key}") })?;
            println!("{:<6} {:<20} {:<20} {:<20} state", "id", "label", "created", "last used");
            for t in ApiToken::for_organiser(&mut conn, organiser.id)? {
                let state = match t.revoked_at {
                    Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    None => "live".to_owned(),
                };
                println!(
                    "{:<6} {:<20} {:<20} {:<20} {state}",
                    t.id,
                    t.label,
                    t.created_at.format("%Y-%m-%d %H:%M"),
                    t.last_used_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "never".into()),
                );
            }
            Ok(())
        }
        OrganiserCommand::RevokeToken { id } => {
            match organisers::revoke_token(&mut conn, None, None, id, clock.now()) {
                Ok(()) => {
                    eprintln!("token {id} revoked");
                    Ok(())
                }
                Err(AppError::NotFound) => Err(Failure { code: 1, message: format!("no live token with id {id}") }),
                Err(e) => Err(explain(e)),
            }
        }
        OrganiserCommand::List => {
            println!("{:<32} {:<24} {:<10} state", "email", "name", "role");
            for o in Organiser::all(&mut conn)? {
                println!("{:<32} {:<24} {:<10} {}", o.email, o.display_name, o.role, organisers::account_state(&o));
            }
            Ok(())
        }
    }
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
