//! The club's emails, written from the templates in `templates/emails/<name>/`: `subject.txt`,
//! `body.txt` and `body.html`. Text parts are rendered without HTML escaping.

use serde_json::json;

use crate::config::Settings;
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::domain::outbox::OutgoingMail;
use crate::render::Renderer;

/// Renders one email for one recipient.
pub fn render(
    renderer: &Renderer,
    name: &str,
    to_name: Option<&str>,
    to_address: &str,
    data: &serde_json::Value,
) -> Result<OutgoingMail, String> {
    let subject = renderer.text(&format!("emails/{name}/subject.txt"), data)?;
    let text = renderer.text(&format!("emails/{name}/body.txt"), data)?;
    let html = renderer.html(&format!("emails/{name}/body.html"), data)?;
    Ok(OutgoingMail {
        to_name: to_name.map(str::to_owned),
        to_address: to_address.to_owned(),
        subject: subject.trim().to_owned(),
        text,
        html: Some(html),
    })
}

fn common(settings: &Settings) -> serde_json::Value {
    json!({"club_name": settings.club.name, "base_url": settings.club.base()})
}

fn submission_data(settings: &Settings, submission: &Submission, topic: &Topic) -> serde_json::Value {
    let base = settings.club.base();
    json!({
        "club": common(settings),
        "topic": {"title": topic.title, "url": format!("{base}/topics/{}", topic.slug)},
        "submission": {
            "title": submission.title,
            "url": submission.url,
            "kind": submission.kind,
            "summary": submission.summary,
            "author_name": submission.author_name,
            "permalink": format!("{base}/submissions/{}", submission.public_id),
            "reason": submission.decision_reason,
        },
    })
}

/// "Please confirm your submission", with the confirm and edit links.
pub fn submission_confirmation(
    renderer: &Renderer,
    settings: &Settings,
    submission: &Submission,
    topic: &Topic,
    token: &str,
) -> Result<OutgoingMail, String> {
    let base = settings.club.base();
    let mut data = submission_data(settings, submission, topic);
    data["confirm_url"] = json!(format!("{base}/submissions/{}/confirm?token={token}", submission.public_id));
    data["edit_url"] = json!(format!("{base}/submissions/{}/edit?token={token}", submission.public_id));
    data["expiry_hours"] = json!(settings.submissions.unconfirmed_expiry_hours);
    render(renderer, "submission_confirm", Some(&submission.author_name), &submission.author_email, &data)
}

/// The moderation decision, with the reason on rejection.
pub fn submission_decision(
    renderer: &Renderer,
    settings: &Settings,
    submission: &Submission,
    topic: &Topic,
) -> Result<OutgoingMail, String> {
    let name = if submission.status == "approved" { "submission_approved" } else { "submission_rejected" };
    render(
        renderer,
        name,
        Some(&submission.author_name),
        &submission.author_email,
        &submission_data(settings, submission, topic),
    )
}

/// "Confirm your subscription", with the link to the confirm page.
pub fn subscription_confirmation(
    renderer: &Renderer,
    settings: &Settings,
    email: &str,
    token: &str,
) -> Result<OutgoingMail, String> {
    let base = settings.club.base();
    let data = json!({
        "club": common(settings),
        "confirm_url": format!("{base}/subscribe/confirm?token={token}"),
    });
    render(renderer, "subscribe_confirm", None, email, &data)
}

/// The digest of a closed topic: its summary, the approved entries grouped by kind, links to
/// the topic, its feed and the next topic. The unsubscribe address is a placeholder that each
/// delivery fills in.
pub fn digest(
    renderer: &Renderer,
    settings: &Settings,
    source: &crate::domain::digests::DigestSource<'_>,
) -> Result<crate::domain::digests::DigestContent, String> {
    let data = digest_data(settings, source);
    Ok(crate::domain::digests::DigestContent {
        subject: crate::domain::outbox::header_safe(&renderer.text("emails/digest/subject.txt", &data)?),
        text: renderer.text("emails/digest/body.txt", &data)?,
        html: renderer.html("emails/digest/body.html", &data)?,
    })
}

/// What the digest templates (mail and web view) see.
pub fn digest_data(settings: &Settings, source: &crate::domain::digests::DigestSource<'_>) -> serde_json::Value {
    use crate::domain::submissions::KINDS;
    let base = settings.club.base();
    let topic = source.topic;
    let groups: Vec<_> = KINDS
        .iter()
        .filter_map(|kind| {
            let entries: Vec<_> = source
                .entries
                .iter()
                .filter(|s| s.kind == *kind)
                .map(|s| json!({"title": s.title, "url": s.url, "author": s.author_name, "summary": s.summary}))
                .collect();
            let label = match *kind {
                "article" => "Articles",
                "video" => "Videos",
                "post" => "Posts",
                "podcast" => "Podcasts",
                "talk" => "Talks",
                _ => "Other",
            };
            (!entries.is_empty()).then(|| json!({"label": label, "entries": entries}))
        })
        .collect();
    json!({
        "club": common(settings),
        "topic": {
            "title": topic.title,
            "month": crate::domain::topics::month_of(topic).long_name(),
            "summary_text": crate::render::markdown::to_plain_text(&topic.summary),
            "summary_html": crate::render::markdown::to_safe_html(&topic.summary),
            "url": format!("{base}/topics/{}", topic.slug),
            "feed": format!("{base}/topics/{}/feed.xml", topic.slug),
            "web_view": format!("{base}/topics/{}/digest", topic.slug),
        },
        "count": source.entries.len(),
        "groups": groups,
        "next": source.next.map(|n| json!({
            "title": n.title,
            "month": crate::domain::topics::month_of(n).long_name(),
            "url": format!("{base}/topics/{}", n.slug),
            "submit": format!("{base}/topics/{}/submit", n.slug),
        })),
        "unsubscribe_url": crate::domain::digests::UNSUBSCRIBE_PLACEHOLDER,
    })
}

/// A digest sent to one address as a test: the unsubscribe link points at the subscribe page.
pub fn digest_test(settings: &Settings, digest: &crate::db::digests::Digest, to: &str) -> OutgoingMail {
    let link = format!("{}/subscribe", settings.club.base());
    OutgoingMail {
        to_name: None,
        to_address: to.to_owned(),
        subject: format!("[Test] {}", digest.subject),
        text: digest.body_text.replace(crate::domain::digests::UNSUBSCRIBE_PLACEHOLDER, &link),
        html: Some(digest.body_html.replace(crate::domain::digests::UNSUBSCRIBE_PLACEHOLDER, &link)),
    }
}

/// An invitation to organise the club, or a password reset: the private link and its expiry.
pub fn organiser_link(
    renderer: &Renderer,
    settings: &Settings,
    organiser: &crate::db::organisers::Organiser,
    sent_by: &str,
    purpose: crate::domain::organisers::LinkPurpose,
    token: &str,
    expires: chrono::DateTime<chrono::Utc>,
) -> Result<OutgoingMail, String> {
    let data = json!({
        "club": common(settings),
        "name": organiser.display_name,
        "role": if organiser.role == "admin" { "an admin" } else { "a moderator" },
        "invited_by": sent_by,
        "invite": purpose == crate::domain::organisers::LinkPurpose::Invite,
        "link": format!("{}/admin/password?token={token}", settings.club.base()),
        "expires": crate::render::dates::local_datetime(expires, settings.club.tz()),
    });
    render(renderer, "organiser_link", Some(&organiser.display_name), &organiser.email, &data)
}
