//! The demo programme: the club's real 2025 programme as past topics (with organisers' notes and
//! two round-ups), plus an open topic for this month and two upcoming ones, so that a new site
//! looks alive. Safe to run again: months
//! that already have a topic are left as they are.

use super::{feeds, topics, App};
use crate::db::roundups::Roundup;
use crate::db::states::{SubmissionKind, SubmissionStatus};
use crate::db::submissions::{NewSubmission, Submission};
use crate::db::topics::Topic;
use crate::db::AnyConnection;
use crate::domain::month::Month;
use crate::domain::topics::TopicInput;
use crate::error::{AppError, Message};

/// The 2025 programme: month, title, call for content.
const PROGRAMME_2025: [(&str, &str, &str); 6] = [
    ("2025-02", "Team Topologies in the Real World",
     "How do stream-aligned, platform, enabling and complicated-subsystem teams look where **you** work? Share the reorganisations that worked, the ones that did not, and what the team API really contains."),
    ("2025-03", "Metrics That Matter",
     "DORA, SPACE, flow metrics, developer satisfaction: which numbers changed a decision in your organisation, and which ones only filled a dashboard?"),
    ("2025-04", "How can AI help your platform engineers?",
     "Assistants in the golden path, generated runbooks, AI-reviewed infrastructure changes. Show what helped your platform team, with the rough edges left in."),
    ("2025-05", "What Happens When Platforms Become Mature",
     "Your platform has users, a roadmap and a support queue. How do you keep it a product: deprecations, versioning, funding and saying no."),
    ("2025-06", "“non-technical” Platform Engineering",
     "Onboarding, documentation, internal marketing, product management, community building: the work around the platform that decides whether anyone uses it."),
    ("2025-07", "Platform Engineering for Edge Computing",
     "Fleets of small clusters, flaky links, devices in shops and factories. How do platform ideas stretch to the edge?"),
];

/// This month's and the next two months' topics, relative to today.
const LIVING: [(&str, &str); 3] = [
    ("Developer Experience You Can Measure",
     "What made your developers' day better, and how do you know? Share the survey, the study, the experiment or the story.\n\n- articles and blog posts\n- conference talks and videos\n- podcasts"),
    ("Golden Paths and Paved Roads",
     "Templates, scaffolding and opinionated defaults: where do they help, and when do they become a cage?"),
    ("Internal Developer Portals: a Year Later",
     "You installed a portal a year ago. Who uses it now, what did you remove, and what would you do differently?"),
];

/// Approved sample entries: (topic month, kind, title, url, summary, author).
const SAMPLES: [(&str, SubmissionKind, &str, &str, &str, &str); 6] = [
    ("2025-02", SubmissionKind::Article, "Our first year with stream-aligned teams", "https://example.org/blog/stream-aligned-year-one",
     "What changed when we split the monolith team into four stream-aligned teams, and the platform team we had to build next.", "Priya Raman"),
    ("2025-02", SubmissionKind::Talk, "Team APIs: writing down how to work with us", "https://example.org/talks/team-apis",
     "A 25-minute talk on team API documents: what we put in them and how often they are read.", "Jonas Weber"),
    ("2025-03", SubmissionKind::Article, "DORA metrics without the theatre", "https://example.org/blog/dora-without-theatre",
     "We stopped reporting deployment frequency upwards and started using it in retros. Here is what happened.", "Amelia Chen"),
    ("2025-03", SubmissionKind::Podcast, "Episode 42: Measuring developer experience", "https://example.org/podcast/42.mp3",
     "A conversation about surveys, telemetry, and why satisfaction scores move slower than you think.", "The Platform Hour"),
    ("2025-04", SubmissionKind::Video, "Pairing with an assistant on Terraform reviews", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "A screen recording of reviewing infrastructure changes with an AI assistant, mistakes included.", "Luis Ortega"),
    ("2025-06", SubmissionKind::Post, "Nobody reads the platform docs. Now what?", "https://example.org/posts/nobody-reads-docs",
     "A short post on the internal newsletter that doubled our portal's weekly users.", "Sam O'Neill"),
];

/// The organisers' one-line notes on the samples, in the same order.
const NOTES: [&str; 6] = [
    "Priya's team split first and asked questions later; the honest part is the second half.",
    "Short and practical: the template is at the end.",
    "The best answer this month to “what do we do with DORA numbers?”",
    "Worth it for the part on survey fatigue alone.",
    "",
    "Proof that documentation is a marketing problem.",
];

/// The round-ups of past months: (month, introduction, entries to highlight by URL).
const ROUNDUPS: [(&str, &str, &[&str]); 2] = [
    ("2025-02", "February was about **teams before tools**: two members wrote up what happened after a reorganisation, one with a year of hindsight.\n\nStart with Priya's piece, then read the team API talk with your own team's page open.", &["https://example.org/blog/stream-aligned-year-one"]),
    ("2025-03", "March asked which numbers changed a decision. The answers agree on one thing: **metrics are for the team that produces them**, not for the slide upwards.\n\nAmelia's article is the one to forward to your manager; the podcast is the one for your commute.", &["https://example.org/blog/dora-without-theatre"]),
];

fn add_roundups(conn: &mut AnyConnection) -> Result<usize, AppError> {
    let mut added = 0;
    for (month, intro, highlights) in ROUNDUPS {
        let Some(topic) = Topic::by_month(conn, month)? else { continue };
        if Roundup::for_topic(conn, topic.id)?.is_some() {
            continue;
        }
        let published = topic.closes_at + chrono::Duration::days(2);
        Roundup::save(conn, topic.id, intro, Some(published), None, published)?;
        let entries = Submission::published_for_topic(conn, topic.id, None)?;
        let placement: Vec<(i64, Option<i32>, bool)> =
            entries.iter().filter(|e| highlights.contains(&e.url.as_str())).map(|e| (e.id, Some(1), true)).collect();
        Submission::set_order(conn, topic.id, &placement, published)?;
        Topic::content_changed(conn, topic.id, published)?;
        added += 1;
    }
    Ok(added)
}

fn add_sample_submissions(conn: &mut AnyConnection) -> Result<usize, AppError> {
    let mut added = 0;
    for (i, (month, kind, title, url, summary, author)) in SAMPLES.iter().enumerate() {
        let Some(topic) = Topic::by_month(conn, month)? else {
            continue;
        };
        if Submission::by_topic_and_url(conn, topic.id, url)?.is_some() {
            continue;
        }
        let published = topic.closes_at - chrono::Duration::days(3 + i as i64);
        let inserted = NewSubmission {
            public_id: &format!("demo{:08}", i + 1),
            topic_id: topic.id,
            kind: *kind,
            title,
            url,
            summary,
            author_name: author,
            author_email: &format!("demo-author-{}@example.org", i + 1),
            author_link: None,
            status: SubmissionStatus::Approved,
            edit_token_hash: &crate::crypto::token_hash(&crate::crypto::random_token()),
            created_at: published,
            updated_at: published,
            note: NOTES[i],
            language: "",
            added_by: None,
            canonical_url: &crate::domain::links::canonical(url),
            thumbnail: None,
            mail_language: "",
        }
        .insert(conn)?;
        Submission::mark_published(conn, inserted.id, published)?;
        Topic::content_changed(conn, topic.id, published)?;
        added += 1;
    }
    Ok(added)
}

/// `count` numbered approved entries on `topic`, a mix of kinds, newest last.
fn add_bulk_entries(app: &App, conn: &mut AnyConnection, topic: &Topic, count: u32) -> Result<usize, AppError> {
    const KINDS: [(SubmissionKind, &str); 5] = [
        (SubmissionKind::Article, "https://example.org/articles/{n}"),
        (SubmissionKind::Video, "https://www.youtube.com/watch?v=demo{n}"),
        (SubmissionKind::Post, "https://example.org/posts/{n}"),
        (SubmissionKind::Podcast, "https://example.org/podcast/{n}.mp3"),
        (SubmissionKind::Talk, "https://example.org/talks/{n}"),
    ];
    let now = app.now();
    let existing = Submission::count_for_topic(conn, topic.id, None)?;
    let start = topic.opens_at.max(now.naive_utc() - chrono::Duration::days(10));
    for i in 0..i64::from(count) {
        let n = existing + i + 1;
        let (kind, pattern) = KINDS[(n % 5) as usize];
        let at = start + chrono::Duration::minutes(n * 7);
        let url = pattern.replace("{n}", &n.to_string());
        let inserted = NewSubmission {
            public_id: &format!("bulk{n:08}"),
            topic_id: topic.id,
            kind,
            title: &format!("Sample entry {n}: notes on {}", topic.title),
            url: &url,
            summary: &format!("Sample entry number {n}, a {kind} on “{}”, with a summary of typical length for the archive and the feeds.", topic.title),
            author_name: &format!("Sample Author {}", n % 17 + 1),
            author_email: &format!("sample-{n}@example.org"),
            author_link: None,
            status: SubmissionStatus::Approved,
            edit_token_hash: &crate::crypto::token_hash(&crate::crypto::random_token()),
            created_at: at,
            updated_at: at,
            note: "",
            language: "",
            added_by: None,
            canonical_url: &crate::domain::links::canonical(&url),
            thumbnail: None,
            mail_language: "",
        }
        .insert(conn)?;
        Submission::mark_published(conn, inserted.id, at)?;
    }
    Ok(count as usize)
}

/// Loads the demo programme: the past topics, this month's open topic and two upcoming ones,
/// sample entries, and `entries` more on the open topic. Months that have a topic already are
/// left as they are. Returns (topics added, entries added).
pub async fn load(app: &App, entries: u32) -> Result<(usize, usize), AppError> {
    let now = app.now();
    let current = Month::containing(now, app.tz());
    let mut plan: Vec<(String, String, String)> =
        PROGRAMME_2025.iter().map(|(m, t, s)| (m.to_string(), t.to_string(), s.to_string())).collect();
    let mut month = current;
    for (title, summary) in LIVING {
        plan.push((month.to_string(), title.to_owned(), summary.to_owned()));
        month = month.next();
    }
    let mut added = 0;
    for (month, title, summary) in plan {
        let input = TopicInput { month, title, summary: Some(summary), announced: true, ..TopicInput::default() };
        match topics::create(app, input).await {
            Ok(_) => added += 1,
            Err(AppError::FieldConflict { field: "month", .. }) => {}
            Err(other) => return Err(other),
        }
    }
    let samples = app
        .write(move |app, conn| {
            let mut samples = add_sample_submissions(conn)?;
            add_roundups(conn)?;
            if entries > 0 {
                let open = Topic::by_month(conn, &current.to_string())?
                    .ok_or_else(|| AppError::BadRequest(Message::new("refused-demo-no-topic")))?;
                samples += add_bulk_entries(app, conn, &open, entries)?;
                Topic::content_changed(conn, open.id, app.now().naive_utc())?;
            }
            super::authors::attach_pending(conn, app.now().naive_utc())?;
            feeds::content_changed(conn, None, app.now())?;
            Ok(samples)
        })
        .await?;
    Ok((added, samples))
}
