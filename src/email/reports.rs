//! What mail providers tell the club after the SMTP conversation has ended: bounces and spam
//! complaints, as delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965) in a
//! bounce mailbox, and as the webhooks of Amazon SES (through SNS), Mailgun, Postmark and
//! SendGrid. Everything becomes [`MailEvent`]s; what they do is the use case's business.

use mail_parser::{MessageParser, MimeHeaders, PartType};
use serde_json::Value;

/// Who reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Ses,
    Mailgun,
    Postmark,
    SendGrid,
    Mailbox,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ses => "ses",
            Source::Mailgun => "mailgun",
            Source::Postmark => "postmark",
            Source::SendGrid => "sendgrid",
            Source::Mailbox => "mailbox",
        }
    }
}

/// What happened to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
    /// The address does not exist or refuses for good.
    HardBounce,
    /// A failure the provider gave up on for now (a full mailbox, a block): recorded, not final.
    SoftBounce,
    /// The reader pressed "report spam".
    Complaint,
}

/// One report about one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailEvent {
    pub source: Source,
    /// The provider's id of the event (the same event delivered twice has the same id).
    pub event_id: String,
    pub happened: Happened,
    pub recipient: String,
    /// The `Message-ID` of the club's message, when the report names it (without `<>`).
    pub message_id: Option<String>,
    pub detail: String,
}

fn bare_id(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').to_owned()
}

fn text(value: &Value, path: &[&str]) -> Option<String> {
    let mut v = value;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str().map(str::to_owned)
}

/// "Name: value" fields in blank-line separated groups (the body of a delivery-status or a
/// feedback-report part), continuation lines folded.
fn field_groups(text: &str) -> Vec<Vec<(String, String)>> {
    let mut groups = Vec::new();
    let mut current: Vec<(String, String)> = Vec::new();
    for line in text.replace("\r\n", "\n").lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
        } else if line.starts_with([' ', '\t']) {
            if let Some(last) = current.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            current.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

fn field<'a>(group: &'a [(String, String)], name: &str) -> Option<&'a str> {
    group.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// An address field's address: `rfc822; ada@example.org` → `ada@example.org`.
fn address(value: &str) -> String {
    let value = value.rsplit(';').next().unwrap_or(value);
    value.trim().trim_start_matches('<').trim_end_matches('>').to_owned()
}

/// Reads a bounce-mailbox message: a DSN (RFC 3464) gives one event per failed recipient (5.x.x
/// hard, otherwise soft; "delayed" warnings are not failures); an ARF report (RFC 5965) of type
/// abuse, fraud or virus gives a complaint about the original recipient. Anything else gives
/// nothing. Events without the original's `Message-ID` are dropped: the club acts on mailbox
/// reports only about messages it sent (see the use case).
pub fn from_report(raw: &[u8]) -> Vec<MailEvent> {
    let Some(message) = MessageParser::default().parse(raw) else { return Vec::new() };
    let report_type = message
        .content_type()
        .filter(|ct| {
            ct.ctype().eq_ignore_ascii_case("multipart")
                && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
        })
        .and_then(|ct| ct.attribute("report-type"))
        .map(str::to_ascii_lowercase);
    let report_id = message.message_id().map(bare_id).unwrap_or_default();
    let mut original_id = None;
    let mut original_to = None;
    let mut fields = None;
    for part in &message.parts {
        let Some(ct) = part.content_type() else { continue };
        let kind = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")).to_ascii_lowercase();
        match (kind.as_str(), &part.body) {
            ("message/delivery-status" | "message/feedback-report", _) => {
                fields = part.text_contents().map(field_groups)
            }
            ("message/rfc822" | "text/rfc822-headers", PartType::Message(original)) => {
                original_id = original.message_id().map(bare_id);
                original_to = original.to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned);
            }
            ("message/rfc822" | "text/rfc822-headers", _) => {
                if let Some(inner) = MessageParser::default().parse(part.contents()) {
                    original_id = inner.message_id().map(bare_id);
                    original_to = inner.to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned);
                }
            }
            _ => {}
        }
    }
    let Some(groups) = fields else { return Vec::new() };
    match report_type.as_deref() {
        Some("delivery-status") => groups
            .iter()
            .filter_map(|group| {
                let recipient =
                    field(group, "final-recipient").or_else(|| field(group, "original-recipient")).map(address)?;
                let action = field(group, "action").unwrap_or("").to_ascii_lowercase();
                let status = field(group, "status").unwrap_or("").trim().to_owned();
                let happened = match (action.as_str(), status.chars().next()) {
                    ("failed", Some('5')) => Happened::HardBounce,
                    ("failed", _) => Happened::SoftBounce,
                    _ => return None,
                };
                original_id.as_ref()?;
                Some(MailEvent {
                    source: Source::Mailbox,
                    event_id: format!("{report_id}:{recipient}"),
                    happened,
                    recipient,
                    message_id: original_id.clone(),
                    detail: format!("{action} {status}"),
                })
            })
            .collect(),
        Some("feedback-report") => {
            let group: Vec<(String, String)> = groups.into_iter().flatten().collect();
            let recipient = field(&group, "original-rcpt-to").map(address).or(original_to);
            let kind = field(&group, "feedback-type").unwrap_or("abuse").trim().to_ascii_lowercase();
            // "not-spam", "auth-failure" and the like are not a reader's complaint.
            if !matches!(kind.as_str(), "abuse" | "fraud" | "virus") || original_id.is_none() {
                return Vec::new();
            }
            recipient
                .map(|recipient| MailEvent {
                    source: Source::Mailbox,
                    event_id: format!("{report_id}:{recipient}"),
                    happened: Happened::Complaint,
                    recipient,
                    message_id: original_id,
                    detail: format!("feedback report: {kind}"),
                })
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// An Amazon SES notification (the `Message` of an SNS notification): bounces (Permanent hard,
/// Transient and Undetermined soft) and complaints, per recipient.
pub fn from_ses(message: &str, sns_message_id: &str) -> Result<Vec<MailEvent>, String> {
    let value: Value = serde_json::from_str(message).map_err(|e| format!("the SES notification is not JSON: {e}"))?;
    let kind = text(&value, &["notificationType"]).or_else(|| text(&value, &["eventType"])).unwrap_or_default();
    let message_id = text(&value, &["mail", "commonHeaders", "messageId"]).map(|id| bare_id(&id));
    let (happened, list, id_key, detail) = match kind.as_str() {
        "Bounce" => {
            let hard = text(&value, &["bounce", "bounceType"]).as_deref() == Some("Permanent");
            let happened = if hard { Happened::HardBounce } else { Happened::SoftBounce };
            let detail = format!("SES bounce {}", text(&value, &["bounce", "bounceSubType"]).unwrap_or_default());
            (happened, value["bounce"]["bouncedRecipients"].clone(), text(&value, &["bounce", "feedbackId"]), detail)
        }
        "Complaint" => {
            let detail =
                format!("SES complaint {}", text(&value, &["complaint", "complaintFeedbackType"]).unwrap_or_default());
            (
                Happened::Complaint,
                value["complaint"]["complainedRecipients"].clone(),
                text(&value, &["complaint", "feedbackId"]),
                detail,
            )
        }
        _ => return Ok(Vec::new()),
    };
    let event_id = id_key.unwrap_or_else(|| sns_message_id.to_owned());
    Ok(list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("emailAddress").and_then(Value::as_str))
        .map(|recipient| MailEvent {
            source: Source::Ses,
            event_id: format!("{event_id}:{recipient}"),
            happened,
            recipient: address(recipient),
            message_id: message_id.clone(),
            detail: detail.trim().to_owned(),
        })
        .collect())
}

/// Whether a link in an SNS message (its signing certificate, its subscription link) may be
/// fetched: https on Amazon's SNS hosts (`sns.<region>.amazonaws.com`, `.com.cn` in China), or an
/// origin the operator added. A certificate must also be a `.pem`.
pub fn sns_link_allowed(link: &str, topic_arn: &str, extra_origins: &[&str], certificate: bool) -> bool {
    let Ok(url) = url::Url::parse(link) else { return false };
    if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
        return false;
    }
    if certificate && (!url.path().ends_with(".pem") || url.query().is_some()) {
        return false;
    }
    let origin = url.origin().ascii_serialization();
    if extra_origins.iter().any(|o| o.trim_end_matches('/') == origin) {
        return true;
    }
    // The host of the topic's own region (arn:aws:sns:REGION:ACCOUNT:NAME), nothing else.
    let region = topic_arn.split(':').nth(3).unwrap_or("");
    let host = url.host_str().unwrap_or("");
    let host_region = host
        .strip_prefix("sns.")
        .and_then(|rest| rest.strip_suffix(".amazonaws.com").or_else(|| rest.strip_suffix(".amazonaws.com.cn")));
    url.scheme() == "https"
        && url.port().is_none()
        && !region.is_empty()
        && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && host_region == Some(region)
}

/// The fields of an SNS message that its signature covers, in order ("Key\nValue\n" each).
pub fn sns_string_to_sign(envelope: &Value) -> Option<String> {
    let kind = text(envelope, &["Type"])?;
    let keys: &[&str] = match kind.as_str() {
        "Notification" => &["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
        "SubscriptionConfirmation" | "UnsubscribeConfirmation" => {
            &["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
        }
        _ => return None,
    };
    let mut out = String::new();
    for key in keys {
        match text(envelope, &[key]) {
            Some(value) => out.push_str(&format!("{key}\n{value}\n")),
            None if *key == "Subject" => {}
            None => return None,
        }
    }
    Some(out)
}

/// The `signature` block of a Mailgun webhook: timestamp, token and signature.
pub fn mailgun_signature(body: &Value) -> Option<(String, String, String)> {
    let sig = body.get("signature")?;
    Some((text(sig, &["timestamp"])?, text(sig, &["token"])?, text(sig, &["signature"])?))
}

/// A Mailgun webhook's `event-data` (its signature checked by the caller): `failed` (permanent
/// hard, temporary soft) and `complained`.
pub fn from_mailgun(body: &Value) -> Result<Vec<MailEvent>, String> {
    let data = body.get("event-data").ok_or("no event-data")?;
    let happened = match (text(data, &["event"]).as_deref(), text(data, &["severity"]).as_deref()) {
        (Some("failed"), Some("permanent")) => Happened::HardBounce,
        (Some("failed"), _) => Happened::SoftBounce,
        (Some("complained"), _) => Happened::Complaint,
        _ => return Ok(Vec::new()),
    };
    let recipient = text(data, &["recipient"]).ok_or("no recipient")?;
    Ok(vec![MailEvent {
        source: Source::Mailgun,
        event_id: text(data, &["id"]).ok_or("no event id")?,
        happened,
        recipient: address(&recipient),
        message_id: text(data, &["message", "headers", "message-id"]).map(|id| bare_id(&id)),
        detail: format!("Mailgun {}", text(data, &["reason"]).or_else(|| text(data, &["event"])).unwrap_or_default()),
    }])
}

/// A Postmark webhook: `Bounce` of a hard type (HardBounce, BadEmailAddress, ManuallyDeactivated)
/// or a soft one (SoftBounce, Transient, DnsError, Blocked), and `SpamComplaint`. Other bounce
/// types (auto-responders, subscribe requests, challenge mails) are not failures.
pub fn from_postmark(body: &Value) -> Result<Vec<MailEvent>, String> {
    let record = text(body, &["RecordType"]).ok_or("no RecordType")?;
    let bounce_type = text(body, &["Type"]).unwrap_or_default();
    let happened = match (record.as_str(), bounce_type.as_str()) {
        ("SpamComplaint", _) | ("Bounce", "SpamComplaint") => Happened::Complaint,
        ("Bounce", "HardBounce" | "BadEmailAddress" | "ManuallyDeactivated") => Happened::HardBounce,
        ("Bounce", "SoftBounce" | "Transient" | "DnsError" | "Blocked") => Happened::SoftBounce,
        _ => return Ok(Vec::new()),
    };
    let recipient = text(body, &["Email"]).ok_or("no Email")?;
    // Without Postmark's id, the report itself names the event.
    let id = match body.get("ID") {
        Some(id) if !id.is_null() => id.to_string().trim_matches('"').to_owned(),
        _ => crate::crypto::token_hash(&body.to_string()),
    };
    Ok(vec![MailEvent {
        source: Source::Postmark,
        event_id: format!("{record}:{id}"),
        happened,
        recipient: address(&recipient),
        message_id: text(body, &["MessageID"]),
        detail: format!("Postmark {bounce_type} {}", text(body, &["Description"]).unwrap_or_default())
            .trim()
            .to_owned(),
    }])
}

/// A SendGrid Event Webhook batch: `bounce` (type `bounce` hard, `blocked` soft), `dropped`
/// for a bounced address (hard), and `spamreport`.
pub fn from_sendgrid(body: &Value) -> Result<Vec<MailEvent>, String> {
    let events = body.as_array().ok_or("not a list of events")?;
    Ok(events
        .iter()
        .filter_map(|e| {
            let kind = text(e, &["event"])?;
            let happened =
                match (kind.as_str(), text(e, &["type"]).as_deref(), text(e, &["reason"]).unwrap_or_default()) {
                    ("bounce", Some("blocked"), _) => Happened::SoftBounce,
                    ("bounce", _, _) => Happened::HardBounce,
                    ("dropped", _, reason) if reason.to_lowercase().contains("bounce") => Happened::HardBounce,
                    ("spamreport", _, _) => Happened::Complaint,
                    _ => return None,
                };
            let recipient = text(e, &["email"])?;
            Some(MailEvent {
                source: Source::SendGrid,
                event_id: text(e, &["sg_event_id"]).unwrap_or_else(|| format!("{kind}:{recipient}")),
                happened,
                recipient: address(&recipient),
                message_id: text(e, &["smtp-id"]).map(|id| bare_id(&id)),
                detail: format!("SendGrid {kind} {}", text(e, &["reason"]).unwrap_or_default()).trim().to_owned(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dsn_and_arf_samples_become_events() {
        let dsn = from_report(include_bytes!("../../tests/fixtures/bounces/dsn-rfc3464.eml"));
        assert_eq!(dsn.len(), 1, "the delayed recipient is no failure: {dsn:?}");
        assert_eq!(
            (dsn[0].recipient.as_str(), dsn[0].happened),
            ("louisa@larry.slip.example.org", Happened::HardBounce)
        );
        assert_eq!(dsn[0].message_id.as_deref(), Some("digest-7-42@club.example.org"));
        let arf = from_report(include_bytes!("../../tests/fixtures/bounces/arf-rfc5965.eml"));
        assert_eq!(arf.len(), 1);
        assert_eq!(
            (arf[0].recipient.as_str(), arf[0].happened),
            ("somespammer@mailbox.example.net", Happened::Complaint)
        );
        assert_eq!(arf[0].message_id.as_deref(), Some("digest-7-43@club.example.org"));
        assert!(from_report(b"Subject: hello\r\n\r\njust mail").is_empty());
    }

    #[test]
    fn only_amazon_sns_hosts_may_serve_certificates() {
        let amazon = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem";
        let arn = "arn:aws:sns:eu-west-1:123456789012:bounces";
        assert!(sns_link_allowed(amazon, arn, &[], true));
        assert!(sns_link_allowed(
            "https://sns.cn-north-1.amazonaws.com.cn/x.pem",
            "arn:aws-cn:sns:cn-north-1:1:t",
            &[],
            true
        ));
        assert!(!sns_link_allowed(amazon, "arn:aws:sns:us-east-1:123456789012:bounces", &[], true), "another region");
        assert!(!sns_link_allowed("https://sns.s3.amazonaws.com/x.pem", arn, &[], true), "the S3 bucket named sns");
        assert!(sns_link_allowed(
            "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
            arn,
            &[],
            false
        ));
        for refused in [
            "http://sns.eu-west-1.amazonaws.com/x.pem",
            "https://sns.eu-west-1.amazonaws.com.evil.example/x.pem",
            "https://evil.example/sns.eu-west-1.amazonaws.com/x.pem",
            "https://sns..amazonaws.com/x.pem",
            "https://sns.eu-west-1.amazonaws.com:8443/x.pem",
            "https://sns.eu-west-1.amazonaws.com/x.txt",
            "https://sns.eu-west-1.amazonaws.com/x.pem?cache=buster",
            "https://user@sns.eu-west-1.amazonaws.com/x.pem",
            "https://s3.amazonaws.com/x.pem",
        ] {
            assert!(!sns_link_allowed(refused, arn, &[], true), "{refused}");
        }
        assert!(sns_link_allowed("http://127.0.0.1:9/cert.pem", arn, &["http://127.0.0.1:9"], true));
        assert!(!sns_link_allowed("http://127.0.0.1:10/cert.pem", arn, &["http://127.0.0.1:9"], true));
    }

    #[test]
    fn provider_payloads_map_to_events() {
        let ses = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","feedbackId":"fb-1",
            "bouncedRecipients":[{"emailAddress":"ada@example.org"}]},"mail":{"commonHeaders":{"messageId":"<m1@club>"}}}"#;
        let events = from_ses(ses, "sns-1").expect("parses");
        assert_eq!((events[0].happened, events[0].message_id.as_deref()), (Happened::HardBounce, Some("m1@club")));
        let postmark =
            serde_json::json!({"RecordType": "SpamComplaint", "ID": 42, "Email": "bob@example.org", "MessageID": "m2"});
        assert_eq!(from_postmark(&postmark).expect("parses")[0].happened, Happened::Complaint);
        let sendgrid = serde_json::json!([{"event": "bounce", "type": "blocked", "email": "c@example.org", "sg_event_id": "e1"},
                                          {"event": "open", "email": "c@example.org"}]);
        let events = from_sendgrid(&sendgrid).expect("parses");
        assert_eq!((events.len(), events[0].happened), (1, Happened::SoftBounce));
    }
}
