//! `content-club demo`: the club's real 2025 programme as past topics, plus an open topic for
//! this month and two upcoming ones, so that a new site looks alive. Safe to run again: months
//! that already have a topic are left as they are.

use super::Failure;
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::topics::Topic;
use crate::db::Db;
use crate::domain::month::Month;
use crate::domain::topics::{self, TopicInput};

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

pub fn run(db: &Db, settings: &Settings, clock: &SharedClock) -> Result<(), Failure> {
    let mut conn = db.get().map_err(super::topic::explain)?;
    let tz = settings.club.tz();
    let now = clock.now();
    let current = Month::containing(now, tz);
    let mut plan: Vec<(String, String, String)> = PROGRAMME_2025
        .iter()
        .map(|(m, t, s)| (m.to_string(), t.to_string(), s.to_string()))
        .collect();
    let mut month = current;
    for (title, summary) in LIVING {
        plan.push((month.to_string(), title.to_owned(), summary.to_owned()));
        month = month.next();
    }
    let mut added = 0;
    for (month, title, summary) in plan {
        if Topic::by_month(&mut conn, &month)?.is_some() {
            continue;
        }
        let input = TopicInput {
            month,
            title,
            slug: None,
            summary: Some(summary),
            opens_at: None,
            closes_at: None,
            announced: true,
        };
        topics::create_topic(&mut conn, input, tz, now).map_err(super::topic::explain)?;
        added += 1;
    }
    eprintln!("demo: {added} topic(s) added; months that already had a topic were left alone");
    Ok(())
}
