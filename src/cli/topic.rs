//! `content-club topic …`: the schedule from the command line, under the same rules as the web.

use chrono::{SecondsFormat, TimeZone, Utc};
use clap::Subcommand;
use serde_json::json;

use super::{block_on, explain, Failure};
use crate::app::{self, parse_rfc3339, App, Topic, TopicInput, TopicPatch};
use crate::error::AppError;

#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Schedule a topic for a month.
    Add {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        #[arg(long)]
        title: String,
        /// Defaults to one derived from the title.
        #[arg(long)]
        slug: Option<String>,
        /// Summary and call for content, in Markdown.
        #[arg(long)]
        summary: Option<String>,
        /// When submissions open (RFC 3339); default: the start of the month in the club's zone.
        #[arg(long)]
        opens: Option<String>,
        /// When submissions close (RFC 3339); default: the start of the next month.
        #[arg(long)]
        closes: Option<String>,
        /// Make it public now (otherwise it stays a draft).
        #[arg(long)]
        announce: bool,
    },
    /// List all topics, drafts included.
    List {
        /// One JSON array on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Change a topic; only the options given change.
    Edit {
        slug: String,
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// A new slug; the old address keeps answering with a redirect.
        #[arg(long = "slug")]
        new_slug: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        opens: Option<String>,
        #[arg(long)]
        closes: Option<String>,
        #[arg(long, conflicts_with = "draft")]
        announce: bool,
        /// Hide it again from everyone but organisers.
        #[arg(long)]
        draft: bool,
    },
    /// Delete a topic (refused while it has submissions).
    Remove { slug: String },
}

/// A refusal of a topic command; an unknown slug is named as such.
fn refused(err: AppError) -> Failure {
    match err {
        AppError::NotFound => Failure { code: 1, message: "no topic with that slug".to_owned() },
        other => explain(other),
    }
}

fn time_option(name: &str, value: Option<&str>) -> Result<Option<chrono::DateTime<Utc>>, Failure> {
    value.map(|v| parse_rfc3339(v).map_err(|m| Failure { code: 1, message: format!("--{name}: {m}") })).transpose()
}

fn print_list(all: &[Topic], now: chrono::DateTime<Utc>, json: bool) -> Result<(), Failure> {
    let rfc = |t: &chrono::NaiveDateTime| Utc.from_utc_datetime(t).to_rfc3339_opts(SecondsFormat::Secs, true);
    if json {
        let items: Vec<_> = all
            .iter()
            .map(|t| {
                json!({
                    "slug": t.slug, "month": t.month, "title": t.title,
                    "status": app::topics::status(t, now), "announced": t.announced,
                    "opens_at": rfc(&t.opens_at), "closes_at": rfc(&t.closes_at),
                })
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(());
    }
    say!("{:<8} {:<9} {:<6} {:<40} title", "month", "status", "state", "slug");
    for t in all {
        let status = serde_json::to_value(app::topics::status(t, now))?;
        let state = if t.announced { "public" } else { "draft" };
        say!("{:<8} {:<9} {:<6} {:<40} {}", t.month, status.as_str().unwrap_or(""), state, t.slug, t.title);
    }
    Ok(())
}

pub fn run(command: TopicCommand, app: &App) -> Result<(), Failure> {
    match command {
        TopicCommand::Add { month, title, slug, summary, opens, closes, announce } => {
            let input = TopicInput {
                month,
                title,
                slug,
                summary,
                opens_at: time_option("opens", opens.as_deref())?,
                closes_at: time_option("closes", closes.as_deref())?,
                announced: announce,
            };
            let topic = block_on(app::topics::create(app, input))?.map_err(refused)?;
            let draft = if topic.announced { "" } else { " (draft)" };
            eprintln!("scheduled “{}” for {} at /topics/{}{draft}", topic.title, topic.month, topic.slug);
        }
        TopicCommand::List { json } => {
            let all: Vec<Topic> =
                block_on(app::topics::list(app, true))?.map_err(refused)?.into_iter().map(|(t, _)| t).collect();
            print_list(&all, app.now(), json)?;
        }
        TopicCommand::Edit { slug, month, title, new_slug, summary, opens, closes, announce, draft } => {
            let patch = TopicPatch {
                month,
                title,
                slug: new_slug,
                summary,
                opens_at: time_option("opens", opens.as_deref())?.map(Some),
                closes_at: time_option("closes", closes.as_deref())?.map(Some),
                announced: (announce || draft).then_some(announce),
            };
            let topic = block_on(app::topics::update(app, slug, patch))?.map_err(refused)?;
            eprintln!("saved “{}” ({}, /topics/{})", topic.title, topic.month, topic.slug);
        }
        TopicCommand::Remove { slug } => {
            let topic = block_on(app::topics::delete(app, slug))?.map_err(refused)?;
            eprintln!("deleted “{}” ({})", topic.title, topic.month);
        }
    }
    Ok(())
}
