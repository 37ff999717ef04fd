//! A round-up as text to paste elsewhere, from `templates/exports/roundup.{md,txt}.hbs`:
//! Markdown for a static site (member text escaped so that it shows as typed), and plain text
//! for a LinkedIn post or a chat message, kept within the post's length by leaving out the last
//! entries and saying how many.

use serde::Serialize;

use super::{markdown, Renderer};
use crate::config::Settings;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::roundups::{fit, TEXT_EXPORT_LIMIT};

/// Which text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Text,
}

impl ExportFormat {
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "txt" | "text" => Some(ExportFormat::Text),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "text/markdown; charset=utf-8",
            ExportFormat::Text => "text/plain; charset=utf-8",
        }
    }
}

#[derive(Debug, Serialize)]
struct ExportEntry {
    title: String,
    url: String,
    author: String,
    note: String,
    highlighted: bool,
}

#[derive(Debug, Serialize)]
struct ExportTopic<'a> {
    title: String,
    month: String,
    url: String,
    slug: &'a str,
}

#[derive(Debug, Serialize)]
struct ExportData<'a> {
    club: &'a str,
    topic: &'a ExportTopic<'a>,
    intro: &'a str,
    entries: &'a [ExportEntry],
    left_out: usize,
}

fn entry(s: &Submission, format: ExportFormat) -> ExportEntry {
    let text = |t: &str| if format == ExportFormat::Markdown { markdown::escape(t) } else { t.to_owned() };
    ExportEntry {
        title: text(&s.title),
        url: s.url.clone(),
        author: text(&s.author_name),
        note: text(&s.note),
        highlighted: s.highlighted,
    }
}

/// The round-up of `topic` with its published `entries` (in their order) as text.
pub fn render(
    renderer: &Renderer,
    settings: &Settings,
    topic: &Topic,
    intro: &str,
    entries: &[Submission],
    format: ExportFormat,
) -> Result<String, String> {
    let shown_topic = ExportTopic {
        title: if format == ExportFormat::Markdown { markdown::escape(&topic.title) } else { topic.title.clone() },
        month: topic.month.clone(),
        url: format!("{}/topics/{}", settings.club.base(), topic.slug),
        slug: &topic.slug,
    };
    let entries: Vec<ExportEntry> = entries.iter().map(|s| entry(s, format)).collect();
    let (template, intro) = match format {
        ExportFormat::Markdown => ("exports/roundup.md", intro.trim().to_owned()),
        ExportFormat::Text => ("exports/roundup.txt", markdown::to_plain_text(intro)),
    };
    let write = |shown: &[ExportEntry], left_out: usize| {
        let data =
            ExportData { club: &settings.club.name, topic: &shown_topic, intro: &intro, entries: shown, left_out };
        renderer.text(template, renderer.catalog().default_language(), &data)
    };
    let whole = write(&entries, 0)?;
    if format == ExportFormat::Markdown {
        return Ok(whole);
    }
    let (text, _) = fit(&entries, TEXT_EXPORT_LIMIT, |shown, left| write(shown, left).unwrap_or_default());
    Ok(text)
}
