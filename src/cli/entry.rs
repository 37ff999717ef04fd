//! `content-club entry …`: organisers' entries from the command line — add one, change one,
//! import a list in the club's list shapes (with a dry run).

use std::path::PathBuf;

use clap::Subcommand;

use super::{block_on, explain, Failure};
use crate::app::entries::{self, LineStatus, ListRequest};
use crate::app::{status_name, App, EntryInput, EntryPatch};
use crate::error::AppError;

#[derive(Debug, Subcommand)]
pub enum EntryCommand {
    /// Add an entry for a member to any topic (past ones too); published unless --pending.
    Add {
        /// The topic's slug.
        #[arg(long)]
        topic: String,
        #[arg(long)]
        url: String,
        /// Defaults to one taken from the link.
        #[arg(long, default_value = "")]
        title: String,
        /// article, video, post, podcast, talk or other; default: guessed from the link.
        #[arg(long, default_value = "")]
        kind: String,
        #[arg(long, default_value = "")]
        author: String,
        #[arg(long, default_value = "")]
        author_email: String,
        #[arg(long, default_value = "")]
        summary: String,
        /// The organiser's note, shown beside the summary.
        #[arg(long, default_value = "")]
        note: String,
        /// The piece's language (en, de, pt-BR, …).
        #[arg(long, default_value = "")]
        language: String,
        /// Put it in the moderation queue instead of publishing it.
        #[arg(long)]
        pending: bool,
        /// Tell the author by email (needs --author-email).
        #[arg(long)]
        notify: bool,
    },
    /// Change an entry; only the options given change.
    Edit {
        /// The entry's id (as in its address /submissions/ID).
        id: String,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        author_email: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        language: Option<String>,
        /// published, pending, rejected or withdrawn.
        #[arg(long)]
        status: Option<String>,
        /// Move it to the topic with this slug.
        #[arg(long)]
        topic: Option<String>,
    },
    /// Add the entries of a list file (one a line: "- Name - https://…", "- Title by Name; note
    /// https://…", "- Name - Title - note https://…" or a bare link).
    Import {
        #[arg(long)]
        topic: String,
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Show what would be added without adding anything.
        #[arg(long)]
        dry_run: bool,
        /// Put them in the moderation queue instead of publishing them.
        #[arg(long)]
        pending: bool,
    },
}

fn refused(err: AppError) -> Failure {
    match err {
        AppError::NotFound => Failure { code: 1, message: "no such topic or entry".to_owned() },
        other => explain(other),
    }
}

pub fn run(command: EntryCommand, app: &App) -> Result<(), Failure> {
    match command {
        EntryCommand::Add {
            topic,
            url,
            title,
            kind,
            author,
            author_email,
            summary,
            note,
            language,
            pending,
            notify,
        } => {
            let status = if pending { "pending" } else { "published" }.to_owned();
            let input = EntryInput {
                url,
                title,
                kind,
                author_name: author,
                author_email,
                summary,
                note,
                language,
                status,
                notify_author: notify,
                author_link: None,
            };
            let entry = block_on(entries::add(app, None, topic, input))?.map_err(refused)?;
            say!("{}", entry.public_id);
            eprintln!("added “{}” ({})", entry.title, status_name(entry.status));
        }
        EntryCommand::Edit { id, url, title, kind, author, author_email, summary, note, language, status, topic } => {
            let patch = EntryPatch {
                url,
                title,
                kind,
                author_name: author,
                author_email,
                summary,
                note,
                language,
                status,
                topic,
                author_link: None,
                highlighted: None,
            };
            let (entry, topic) = block_on(entries::edit(app, None, id, patch))?.map_err(refused)?;
            eprintln!("saved “{}” ({}, {})", entry.title, topic.slug, status_name(entry.status));
        }
        EntryCommand::Import { topic, from, dry_run, pending } => import(app, topic, &from, dry_run, pending)?,
    }
    Ok(())
}

fn import(app: &App, topic: String, from: &std::path::Path, dry_run: bool, pending: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(from)
        .map_err(|e| Failure { code: 1, message: format!("--from {}: {e}", from.display()) })?;
    let request = ListRequest::from_text(&text, if pending { "pending" } else { "published" }, dry_run);
    let (_, results) = block_on(entries::add_list(app, None, topic, request))?.map_err(refused)?;
    for r in &results {
        let what = match (&r.entry, r.problem(|m| m.to_string())) {
            (_, Some(error)) => error,
            (Some(entry), None) => format!("{} — {}", entry.title, entry.url),
            (None, None) => r.text.clone(),
        };
        let status = serde_json::to_value(r.status)?;
        say!(
            "{:>4}  {:<9} {}{}",
            r.line,
            status.as_str().unwrap_or(""),
            r.id.as_deref().or(r.duplicate_of.as_deref()).map(|id| format!("{id}  ")).unwrap_or_default(),
            what
        );
    }
    let count = |s| results.iter().filter(|r| r.status == s).count();
    let verb = if dry_run { "would be added" } else { "added" };
    eprintln!(
        "{} {verb}, {} duplicate(s), {} invalid line(s)",
        count(LineStatus::Created),
        count(LineStatus::Duplicate),
        count(LineStatus::Invalid)
    );
    Ok(())
}
