//! Search results and authors as pages, feeds and the API show them: matched words marked with
//! `<mark>` in text that is escaped first, so a title can never become markup.

use serde::Serialize;

use super::dates;
use super::escape_html;
use super::views::{utc, EntryView};
use crate::db::authors::{Author, Contributor};
use crate::db::search::Hit;
use crate::db::states::SubmissionKind;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::search::{excerpt, marked, matched, Term};

/// Characters of text a result shows around its first match.
const SNIPPET_CHARS: usize = 180;

/// `text` escaped, with every match of `terms` in `<mark>`.
pub fn highlighted(text: &str, terms: &[Term]) -> String {
    marked(text, terms)
        .into_iter()
        .map(|(run, hit)| if hit { format!("<mark>{}</mark>", escape_html(run)) } else { escape_html(run) })
        .collect()
}

/// One entry found, as a results page and the API show it.
#[derive(Debug, Clone, Serialize)]
pub struct HitView {
    pub id: String,
    pub title: String,
    pub title_html: String,
    pub url: String,
    pub permalink: String,
    pub topic: String,
    pub topic_title: String,
    pub author: String,
    pub author_slug: Option<String>,
    pub kind: SubmissionKind,
    pub language: String,
    pub language_name: String,
    pub published: Option<String>,
    /// Plain text around the first match (summary, note, else nothing).
    pub snippet: String,
    pub snippet_html: String,
}

impl HitView {
    pub fn new(hit: &Hit, terms: &[Term]) -> HitView {
        let text = [hit.summary.as_str(), hit.note.as_str()]
            .into_iter()
            .find(|t| !matched(t, terms).is_empty())
            .unwrap_or(hit.summary.as_str());
        let snippet = excerpt(text, terms, SNIPPET_CHARS);
        HitView {
            id: hit.public_id.clone(),
            title_html: highlighted(&hit.title, terms),
            title: hit.title.clone(),
            url: hit.url.clone(),
            permalink: format!("/submissions/{}", hit.public_id),
            topic: hit.topic_slug.clone(),
            topic_title: hit.topic_title.clone(),
            author: hit.author_name.clone(),
            author_slug: hit.author_slug.clone(),
            kind: hit.kind,
            language: hit.language.clone(),
            language_name: crate::i18n::name_of(&hit.language),
            published: hit.published_at.map(|p| dates::iso(utc(p))),
            snippet_html: highlighted(&snippet, terms),
            snippet,
        }
    }
}

/// An author as their page shows them; never an email address.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    pub profile: Option<String>,
    pub url: String,
}

impl AuthorView {
    pub fn new(author: &Author) -> AuthorView {
        AuthorView {
            slug: author.slug.clone(),
            name: author.name.clone(),
            bio: author.bio.clone(),
            website: author.website.clone().filter(|w| !w.is_empty()),
            profile: author.profile.clone().filter(|p| !p.is_empty()),
            url: format!("/authors/{}", author.slug),
        }
    }
}

/// An author's entry, with the topic it was for.
#[derive(Debug, Clone, Serialize)]
pub struct AuthoredView {
    pub entry: EntryView,
    pub topic_title: String,
    pub topic_url: String,
}

impl AuthoredView {
    pub fn list(entries: &[(Submission, Topic)]) -> Vec<AuthoredView> {
        entries
            .iter()
            .map(|(s, t)| AuthoredView {
                entry: EntryView::new(s),
                topic_title: t.title.clone(),
                topic_url: format!("/topics/{}", t.slug),
            })
            .collect()
    }
}

/// A row of the authors' directory.
#[derive(Debug, Clone, Serialize)]
pub struct ContributorView {
    pub author: AuthorView,
    pub entries: i64,
    /// (title, address) of the topics they contributed to, most recent first.
    pub topics: Vec<TopicLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicLink {
    pub title: String,
    pub url: String,
}

impl ContributorView {
    pub fn list(contributors: &[Contributor]) -> Vec<ContributorView> {
        contributors
            .iter()
            .map(|c| ContributorView {
                author: AuthorView::new(&c.author),
                entries: c.entries,
                topics: c
                    .topics
                    .iter()
                    .map(|(slug, title)| TopicLink { title: title.clone(), url: format!("/topics/{slug}") })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::parse;

    #[test]
    fn marks_go_around_escaped_text_only() {
        let terms = parse("script").expect("parse");
        let html = highlighted("<script>alert('x')</script> & scripts", &terms);
        assert_eq!(
            html,
            "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt; &amp; <mark>script</mark>s"
        );
    }
}
