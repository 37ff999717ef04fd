//! `content-club topic …`: the schedule from the command line, under the same rules as the web.

use chrono::{SecondsFormat, TimeZone, Utc};
use clap::Subcommand;
use serde_json::json;

use super::Failure;
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::topics::Topic;
use crate::db::Db;
use crate::domain::month::parse_rfc3339;
use crate::domain::topics::{self, TopicInput, TopicPatch};
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

/// Turns a refusal into one line that names the options at fault.
pub fn explain(err: AppError) -> Failure {
    let message = match err {
        AppError::Validation(fields) => fields
            .into_iter()
            .map(|(field, message)| format!("--{}: {message}", option_name(&field)))
            .collect::<Vec<_>>()
            .join("; "),
        AppError::NotFound => "no topic with that slug".to_owned(),
        other => other.to_string(),
    };
    Failure { code: 1, message }
}

fn option_name(field: &str) -> &str {
    match field {
        "opens_at" => "opens",
        "closes_at" => "closes",
        other => other,
    }
}

fn time_option(name: &str, value: Option<&str>) -> Result<Option<chrono::DateTime<Utc>>, Failure> {
    value.map(|v| parse_rfc3339(v).map_err(|m| Failure { code: 1, message: format!("--{name}: {m}") })).transpose()
}

pub fn run(command: TopicCommand, db: &Db, settings: &Settings, clock: &SharedClock) -> Result<(), Failure> {
    let mut conn = db.get().map_err(explain)?;
    let tz = settings.club.tz();
    let now = clock.now();
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
            let topic = topics::create_topic(&mut conn, input, tz, now).map_err(explain)?;
            eprintln!(
                "scheduled “{}” for {} at /topics/{}{}",
                topic.title,
                topic.month,
                topic.slug,
                if topic.announced { "" } else { " (draft)" }
            );
            Ok(())
        }
        TopicCommand::List { json } => {
            let all = Topic::all(&mut conn, true)?;
            if json {
                let items: Vec<_> = all
                    .iter()
                    .map(|t| {
                        json!({
                            "slug": t.slug, "month": t.month, "title": t.title,
                            "status": topics::status(t, now).as_str(), "announced": t.announced,
                            "opens_at": Utc.from_utc_datetime(&t.opens_at).to_rfc3339_opts(SecondsFormat::Secs, true),
                            "closes_at": Utc.from_utc_datetime(&t.closes_at).to_rfc3339_opts(SecondsFormat::Secs, true),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&items)?);
            } else {
                println!("{:<8} {:<9} {:<6} {:<40} title", "month", "status", "state", "slug");
                for t in &all {
                    println!(
                        "{:<8} {:<9} {:<6} {:<40} {}",
                        t.month,
                        topics::status(t, now).as_str(),
                        if t.announced { "public" } else { "draft" },
                        t.slug,
                        t.title
                    );
                }
            }
            Ok(())
        }
        TopicCommand::Edit { slug, month, title, new_slug, summary, opens, closes, announce, draft } => {
            let patch = TopicPatch {
                month,
                title,
                slug: new_slug,
                summary,
                opens_at: time_option("opens", opens.as_deref())?.map(Some),
                closes_at: time_option("closes", closes.as_deref())?.map(Some),
                announced: if announce {
                    Some(true)
                } else if draft {
                    Some(false)
                } else {
                    None
                },
            };
            let topic = topics::update_topic(&mut conn, &slug, patch, tz, now).map_err(explain)?;
            eprintln!("saved “{}” ({}, /topics/{})", topic.title, topic.month, topic.slug);
            Ok(())
        }
        TopicCommand::Remove { slug } => {
            let topic = topics::delete_topic(&mut conn, &slug).map_err(explain)?;
            eprintln!("deleted “{}” ({})", topic.title, topic.month);
            Ok(())
        }
    }
}
