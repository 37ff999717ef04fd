//! The club's emails, written from the templates in `templates/emails/<name>/`: `subject.txt`,
//! `body.txt` and `body.html`. Text parts are rendered without HTML escaping. Each email's data
//! is a typed struct; the templates name its fields.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{header_safe, OutgoingMail};
use crate::config::Settings;
use crate::db::digests::Digest;
use crate::db::organisers::Organiser;
use crate::db::states::{LinkPurpose, Role, SubmissionKind, SubmissionStatus};
use crate::db::submissions::Submission;
use crate::db::topics::Topic;
use crate::render::views::thumbnail_path;
use crate::render::{dates, markdown, Renderer};

/// Stands in a digest's bodies for each subscriber's own unsubscribe address.
pub const UNSUBSCRIBE_PLACEHOLDER: &str = "%%UNSUBSCRIBE_URL%%";
/// Stands in a digest's bodies for each subscriber's own page to change their language.
pub const MANAGE_PLACEHOLDER: &str = "%%MANAGE_URL%%";

/// The language a mail goes out in: the reader's (a tag we have), else the club's.
pub fn mail_language<'a>(renderer: &'a Renderer, reader: &'a str) -> &'a str {
    crate::i18n::chosen(reader).unwrap_or(renderer.catalog().default_language())
}

/// Renders one email for one recipient, in `lang` (the club's language when empty).
pub fn render<T: Serialize>(
    renderer: &Renderer,
    name: &str,
    lang: &str,
    to_name: Option<&str>,
    to_address: &str,
    data: &T,
) -> Result<OutgoingMail, String> {
    let lang = mail_language(renderer, lang);
    let subject = renderer.text(&format!("emails/{name}/subject.txt"), lang, data)?;
    let text = renderer.text(&format!("emails/{name}/body.txt"), lang, data)?;
    let html = renderer.html(&format!("emails/{name}/body.html"), lang, data)?;
    Ok(OutgoingMail {
        to_name: to_name.map(str::to_owned),
        to_address: to_address.to_owned(),
        subject: subject.trim().to_owned(),
        text,
        html: Some(html),
        language: lang.to_owned(),
    })
}

/// The club, as every email names it.
#[derive(Debug, Serialize)]
pub struct ClubData<'a> {
    pub club_name: &'a str,
    pub base_url: &'a str,
}

impl<'a> ClubData<'a> {
    pub fn of(settings: &'a Settings) -> ClubData<'a> {
        ClubData { club_name: &settings.club.name, base_url: settings.club.base() }
    }
}

#[derive(Debug, Serialize)]
struct TopicLink<'a> {
    title: &'a str,
    url: String,
}

#[derive(Debug, Serialize)]
struct EntryData<'a> {
    title: &'a str,
    url: &'a str,
    kind: SubmissionKind,
    summary: &'a str,
    author_name: &'a str,
    permalink: String,
    reason: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct SubmissionMail<'a> {
    club: ClubData<'a>,
    topic: TopicLink<'a>,
    submission: EntryData<'a>,
    /// The host of the submitted link, all a confirmation request shows of it: the address it
    /// goes to is not confirmed yet, and a link someone else typed must not be made clickable
    /// there (the service would carry a stranger's link into anybody's inbox).
    link_host: String,
    confirm_url: Option<String>,
    edit_url: Option<String>,
    expiry_hours: u32,
}

impl<'a> SubmissionMail<'a> {
    fn new(settings: &'a Settings, submission: &'a Submission, topic: &'a Topic) -> SubmissionMail<'a> {
        let base = settings.club.base();
        SubmissionMail {
            club: ClubData::of(settings),
            topic: TopicLink { title: &topic.title, url: format!("{base}/topics/{}", topic.slug) },
            submission: EntryData {
                title: &submission.title,
                url: &submission.url,
                kind: submission.kind,
                summary: &submission.summary,
                author_name: &submission.author_name,
                permalink: format!("{base}/submissions/{}", submission.public_id),
                reason: submission.decision_reason.as_deref(),
            },
            link_host: url::Url::parse(&submission.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default(),
            confirm_url: None,
            edit_url: None,
            expiry_hours: settings.submissions.unconfirmed_expiry_hours,
        }
    }
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
    let data = SubmissionMail {
        confirm_url: Some(format!("{base}/submissions/{}/confirm?token={token}", submission.public_id)),
        edit_url: Some(format!("{base}/submissions/{}/edit?token={token}", submission.public_id)),
        ..SubmissionMail::new(settings, submission, topic)
    };
    let lang = &submission.mail_language;
    render(renderer, "submission_confirm", lang, Some(&submission.author_name), &submission.author_email, &data)
}

/// The moderation decision, with the reason on rejection.
pub fn submission_decision(
    renderer: &Renderer,
    settings: &Settings,
    submission: &Submission,
    topic: &Topic,
) -> Result<OutgoingMail, String> {
    let name =
        if submission.status == SubmissionStatus::Approved { "submission_approved" } else { "submission_rejected" };
    let data = SubmissionMail::new(settings, submission, topic);
    let lang = &submission.mail_language;
    render(renderer, name, lang, Some(&submission.author_name), &submission.author_email, &data)
}

/// "An organiser added your piece to the archive", sent when the organiser asks for it.
pub fn entry_added(
    renderer: &Renderer,
    settings: &Settings,
    submission: &Submission,
    topic: &Topic,
) -> Result<OutgoingMail, String> {
    let data = SubmissionMail::new(settings, submission, topic);
    let name = Some(submission.author_name.as_str()).filter(|n| !n.is_empty());
    render(renderer, "entry_added", &submission.mail_language, name, &submission.author_email, &data)
}

#[derive(Debug, Serialize)]
struct SubscribeMail<'a> {
    club: ClubData<'a>,
    confirm_url: String,
}

/// "Confirm your subscription", with the link to the confirm page.
pub fn subscription_confirmation(
    renderer: &Renderer,
    settings: &Settings,
    lang: &str,
    email: &str,
    token: &str,
) -> Result<OutgoingMail, String> {
    let data = SubscribeMail {
        club: ClubData::of(settings),
        confirm_url: format!("{}/subscribe/confirm?token={token}", settings.club.base()),
    };
    render(renderer, "subscribe_confirm", lang, None, email, &data)
}

/// A rendered digest.
pub struct DigestContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What a digest is made of: the topic, its approved entries (in the organiser's order), the
/// next topic, and the published round-up's introduction (Markdown), if there is one.
pub struct DigestSource<'a> {
    pub topic: &'a Topic,
    pub entries: &'a [Submission],
    pub next: Option<&'a Topic>,
    pub intro: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct DigestEntry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub author: &'a str,
    pub summary: &'a str,
    /// The organiser's note, shown as theirs.
    pub note: &'a str,
    pub language: &'a str,
    /// The thumbnail on the club's own address (absolute), when there is one.
    pub thumbnail: Option<String>,
}

impl<'a> DigestEntry<'a> {
    fn of(s: &'a Submission, base: &str) -> DigestEntry<'a> {
        DigestEntry {
            title: &s.title,
            url: &s.url,
            author: &s.author_name,
            summary: &s.summary,
            note: &s.note,
            language: &s.language,
            thumbnail: s.thumbnail.as_deref().map(|k| format!("{base}{}", thumbnail_path(k))),
        }
    }
}

/// The round-up's introduction, in both forms.
#[derive(Debug, Serialize)]
pub struct DigestIntro {
    pub text: String,
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct DigestGroup<'a> {
    /// "highlights" or a kind; `{{t "digest-group" group}}` names it.
    pub group: &'static str,
    pub entries: Vec<DigestEntry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DigestTopic<'a> {
    pub title: &'a str,
    pub month: String,
    pub summary_text: String,
    pub summary_html: String,
    pub url: String,
    pub feed: String,
    pub web_view: String,
}

#[derive(Debug, Serialize)]
pub struct NextTopic<'a> {
    pub title: &'a str,
    pub month: String,
    pub url: String,
    pub submit: String,
}

/// What the digest templates (mail and web view) see.
#[derive(Debug, Serialize)]
pub struct DigestData<'a> {
    pub club: ClubData<'a>,
    pub topic: DigestTopic<'a>,
    pub count: usize,
    pub intro: Option<DigestIntro>,
    pub groups: Vec<DigestGroup<'a>>,
    pub next: Option<NextTopic<'a>>,
    pub unsubscribe_url: &'static str,
    pub manage_url: &'static str,
}

/// The digest's data: the round-up's introduction or else the topic's summary, the organiser's
/// highlights, then the other entries grouped by kind, links to the topic, its feed and the next
/// topic. The unsubscribe address is a placeholder each delivery fills.
pub fn digest_data<'a>(settings: &'a Settings, source: &DigestSource<'a>) -> DigestData<'a> {
    let base = settings.club.base();
    let topic = source.topic;
    let highlights: Vec<DigestEntry<'a>> =
        source.entries.iter().filter(|s| s.highlighted).map(|s| DigestEntry::of(s, base)).collect();
    let highlights = (!highlights.is_empty()).then_some(DigestGroup { group: "highlights", entries: highlights });
    let by_kind = SubmissionKind::ALL.iter().filter_map(|kind| {
        let entries: Vec<DigestEntry<'a>> = source
            .entries
            .iter()
            .filter(|s| s.kind == *kind && !s.highlighted)
            .map(|s| DigestEntry::of(s, base))
            .collect();
        (!entries.is_empty()).then(|| DigestGroup { group: kind.as_str(), entries })
    });
    let groups = highlights.into_iter().chain(by_kind).collect();
    let intro = source
        .intro
        .filter(|i| !i.trim().is_empty())
        .map(|i| DigestIntro { text: markdown::to_plain_text(i), html: markdown::to_safe_html(i) });
    DigestData {
        club: ClubData::of(settings),
        topic: DigestTopic {
            title: &topic.title,
            month: topic.month.clone(),
            summary_text: markdown::to_plain_text(&topic.summary),
            summary_html: markdown::to_safe_html(&topic.summary),
            url: format!("{base}/topics/{}", topic.slug),
            feed: format!("{base}/topics/{}/feed.xml", topic.slug),
            web_view: format!("{base}/topics/{}/digest", topic.slug),
        },
        count: source.entries.len(),
        intro,
        groups,
        next: source.next.map(|n| NextTopic {
            title: &n.title,
            month: n.month.clone(),
            url: format!("{base}/topics/{}", n.slug),
            submit: format!("{base}/topics/{}/submit", n.slug),
        }),
        unsubscribe_url: UNSUBSCRIBE_PLACEHOLDER,
        manage_url: MANAGE_PLACEHOLDER,
    }
}

/// The digest of a closed topic in one language (a tag we have), for every subscriber who reads it.
pub fn digest(
    renderer: &Renderer,
    settings: &Settings,
    lang: &str,
    source: &DigestSource<'_>,
) -> Result<DigestContent, String> {
    let data = digest_data(settings, source);
    Ok(DigestContent {
        subject: header_safe(&renderer.text("emails/digest/subject.txt", lang, &data)?),
        text: renderer.text("emails/digest/body.txt", lang, &data)?,
        html: renderer.html("emails/digest/body.html", lang, &data)?,
    })
}

/// A digest sent to one address as a test: the subscriber's links point at the subscribe page.
pub fn digest_test(renderer: &Renderer, settings: &Settings, digest: &Digest, to: &str) -> OutgoingMail {
    let link = format!("{}/subscribe", settings.club.base());
    let lang = renderer.catalog().default_language();
    let (text, html) = digest_for(&digest.body_text, &digest.body_html, &link, &link);
    OutgoingMail {
        to_name: None,
        to_address: to.to_owned(),
        subject: renderer.message(lang, "email-digest-test-subject", &[("subject", digest.subject.as_str().into())]),
        text,
        html: Some(html),
        language: lang.to_owned(),
    }
}

/// A digest's bodies for one subscriber: their own unsubscribe link and their own page to
/// change the digest's language.
pub fn digest_for(text: &str, html: &str, unsubscribe_url: &str, manage_url: &str) -> (String, String) {
    let personal =
        |body: &str| body.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(MANAGE_PLACEHOLDER, manage_url);
    (personal(text), personal(html))
}

#[derive(Debug, Serialize)]
struct LoginAlertMail<'a> {
    club: ClubData<'a>,
    name: &'a str,
    failures: u32,
    account_url: String,
}

/// "Many failed logins for your account": sent at most once a day.
pub fn login_alert(
    renderer: &Renderer,
    settings: &Settings,
    organiser: &Organiser,
    failures: u32,
) -> Result<OutgoingMail, String> {
    let data = LoginAlertMail {
        club: ClubData::of(settings),
        name: &organiser.display_name,
        failures,
        account_url: format!("{}/admin/account", settings.club.base()),
    };
    render(renderer, "login_alert", "", Some(&organiser.display_name), &organiser.email, &data)
}

#[derive(Debug, Serialize)]
struct OrganiserLinkMail<'a> {
    club: ClubData<'a>,
    name: &'a str,
    role: Role,
    invited_by: &'a str,
    invite: bool,
    link: String,
    expires: String,
}

/// An invitation to organise the club, or a password reset: the private link and its expiry.
pub fn organiser_link(
    renderer: &Renderer,
    settings: &Settings,
    organiser: &Organiser,
    sent_by: &str,
    purpose: LinkPurpose,
    token: &str,
    expires: DateTime<Utc>,
) -> Result<OutgoingMail, String> {
    let data = OrganiserLinkMail {
        club: ClubData::of(settings),
        name: &organiser.display_name,
        role: organiser.role,
        invited_by: sent_by,
        invite: purpose == LinkPurpose::Invite,
        link: format!("{}/admin/password?token={token}", settings.club.base()),
        expires: dates::iso(expires),
    };
    render(renderer, "organiser_link", "", Some(&organiser.display_name), &organiser.email, &data)
}
