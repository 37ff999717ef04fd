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
