//! Bounces and complaints after the SMTP conversation, as the mail providers send them: their
//! documented example payloads, signed with test keys the way each provider signs (SNS with a
//! test certificate served by a fixture site on loopback, Mailgun's HMAC, SendGrid's ECDSA,
//! Postmark's basic credentials). A hard bounce and a complaint suppress the address; forged or
//! unsigned notifications change nothing; a repeat is counted once; a suppressed address is never
//! sent to, also after an export and import; DSN and ARF reports piped to `bounces read` work.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;
use chrono::Utc;
use content_club::db::deliveries::{Delivery, NewDelivery};
use content_club::db::states::{DeliveryKind, DeliveryStatus, SubscriberStatus};
use content_club::db::subscribers::Subscriber;
use reqwest::Method;
use serde_json::{json, Value};

use crate::fixture_site::FixtureSite;
use crate::helpers::{csrf_from, fresh_database_url, spawn_app_on, spawn_app_with, test_settings, TestApp};

const BIN: &str = env!("CARGO_BIN_EXE_content-club");
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:ses-bounces";
const MAILGUN_KEY: &str = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const STANDARD: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A club that takes reports from every provider, its SNS certificates from `site`.
async fn club(site: &FixtureSite) -> TestApp {
    let origin = site.base.clone();
    spawn_app_with(move |s| {
        s.outbound.enabled = true;
        s.outbound.allow_private_networks = true;
        s.outbound.timeout_ms = 1500;
        s.bounces.ses_topic_arns = format!("arn:aws:sns:us-east-1:123456789012:other, {TOPIC}");
        s.bounces.sns_certificate_origins = origin;
        s.bounces.mailgun_signing_key = MAILGUN_KEY.into();
        s.bounces.postmark_username = "postmark".into();
        s.bounces.postmark_password = "a long postmark secret".into();
        s.bounces.sendgrid_public_key =
            include_str!("../fixtures/bounces/sendgrid-test-public-key.txt").trim().to_owned();
    })
    .await
}

fn subscriber(app: &TestApp, email: &str) -> Subscriber {
    let mut conn = app.state.app.db.get().expect("conn");
    Subscriber::by_email(&mut conn, email).expect("query").expect("subscriber")
}

/// What a report could change: the two report tables and every subscriber's status and bounces.
fn snapshot(app: &TestApp, emails: &[&str]) -> (i64, i64, Vec<(String, String, i32)>) {
    let subscribers = emails
        .iter()
        .map(|email| {
            let s = subscriber(app, email);
            (s.email, s.status.to_string(), s.bounce_count)
        })
        .collect();
    (app.count("suppressions"), app.count("mail_events"), subscribers)
}

async fn hook(app: &TestApp, provider: &str, body: &str, headers: &[(&str, String)]) -> (u16, Value) {
    let mut req = app
        .client
        .post(app.url(&format!("/hooks/mail/{provider}")))
        .header("content-type", "application/json")
        .body(body.to_owned());
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    let res = req.send().await.expect("hook");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).expect("PEM body")
}

/// Signs an SNS message as Amazon does (SignatureVersion 1: RSA PKCS#1 v1.5 over SHA-1 of the
/// "Key\nValue\n" pairs the documentation lists for its type, in that order).
fn sns_signed(mut envelope: Value) -> Value {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer};
    let keys: &[&str] = if envelope["Type"] == "Notification" {
        &["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    } else {
        &["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    };
    let mut text = String::new();
    for key in keys {
        if let Some(value) = envelope[key].as_str() {
            text.push_str(&format!("{key}\n{value}\n"));
        }
    }
    let key = rsa::pkcs1v15::SigningKey::<sha1::Sha1>::from_pkcs8_der(&pem_der(include_str!(
        "../fixtures/bounces/sns-test-key.pem"
    )))
    .expect("test key");
    envelope["Signature"] = json!(STANDARD.encode(key.sign(text.as_bytes()).to_vec()));
    envelope
}

/// An SNS notification carrying an SES message, unsigned.
fn sns_notification(site: &FixtureSite, topic: &str, id: &str, message: &Value) -> Value {
    json!({
        "Type": "Notification",
        "MessageId": id,
        "TopicArn": topic,
        "Message": message.to_string(),
        "Timestamp": "2016-01-27T14:59:39.000Z",
        "SignatureVersion": "1",
        "SigningCertURL": site.url("/sns/SimpleNotificationService-test.pem"),
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:ses-bounces:1"
    })
}

/// The SES bounce notification from Amazon's documentation (one permanent bounce).
fn ses_bounce(recipient: &str, message_id: &str) -> Value {
    json!({
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "reportingMTA": "dns; email.example.com",
            "bouncedRecipients": [{
                "emailAddress": recipient,
                "status": "5.1.1",
                "action": "failed",
                "diagnosticCode": format!("smtp; 550 5.1.1 <{recipient}>... User")
            }],
            "bounceSubType": "General",
            "timestamp": "2016-01-27T14:59:38.237Z",
            "feedbackId": format!("00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-{recipient}"),
            "remoteMtaIp": "127.0.2.0"
        },
        "mail": {
            "timestamp": "2016-01-27T14:59:38.237Z",
            "source": "john@example.com",
            "sourceArn": "arn:aws:ses:us-east-1:888888888888:identity/example.com",
            "sourceIp": "127.0.3.0",
            "sendingAccountId": "123456789012",
            "messageId": "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
            "destination": [recipient],
            "headersTruncated": false,
            "commonHeaders": {
                "from": ["John Doe <john@example.com>"],
                "date": "Wed, 27 Jan 2016 14:05:45 +0000",
                "to": [recipient],
                "messageId": message_id,
                "subject": "Hello"
            }
        }
    })
}

/// The SES complaint notification from Amazon's documentation.
fn ses_complaint(recipient: &str) -> Value {
    json!({
        "notificationType": "Complaint",
        "complaint": {
            "userAgent": "AnyCompany Feedback Loop (V0.01)",
            "complainedRecipients": [{"emailAddress": recipient}],
            "complaintFeedbackType": "abuse",
            "arrivalDate": "2016-01-27T14:59:38.237Z",
            "timestamp": "2016-01-27T14:59:38.237Z",
            "feedbackId": "000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000"
        },
        "mail": {
            "timestamp": "2016-01-27T14:59:38.237Z",
            "messageId": "000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
            "source": "john@example.com",
            "destination": ["jane@example.com", "mary@example.com", recipient],
            "commonHeaders": {"messageId": "custom-message-ID", "subject": "Hello"}
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ses_through_sns_signed_bounces_and_complaints_suppress_and_forgeries_change_nothing() {
    let site = FixtureSite::start();
    let app = club(&site).await;
    let readers = ["jane@example.com", "mary@example.com", "richard@example.com"];
    app.add_active_subscribers(&readers);
    let before = snapshot(&app, &readers);

    let bounce = sns_notification(
        &site,
        TOPIC,
        "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        &ses_bounce("jane@example.com", "custom-message-ID"),
    );
    let mut unsigned = bounce.clone();
    unsigned.as_object_mut().expect("object").remove("Signature");
    assert_eq!(hook(&app, "ses", &unsigned.to_string(), &[]).await.0, 401, "unsigned");
    let mut forged = sns_signed(bounce.clone());
    forged["Message"] = json!(ses_bounce("mary@example.com", "custom-message-ID").to_string());
    assert_eq!(hook(&app, "ses", &forged.to_string(), &[]).await.0, 403, "signed for another message");
    let other_topic = sns_signed(sns_notification(
        &site,
        "arn:aws:sns:us-east-1:999999999999:t",
        "x-1",
        &ses_bounce("jane@example.com", "m"),
    ));
    assert_eq!(hook(&app, "ses", &other_topic.to_string(), &[]).await.0, 403, "a topic the club does not take");
    let mut elsewhere = bounce.clone();
    elsewhere["SigningCertURL"] =
        json!("https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-x.pem");
    assert_eq!(hook(&app, "ses", &sns_signed(elsewhere).to_string(), &[]).await.0, 403, "a certificate not from SNS");
    assert_eq!(hook(&app, "ses", "not json", &[]).await.0, 400);
    assert_eq!(snapshot(&app, &readers), before, "nothing changed by refused notifications");

    let signed = sns_signed(bounce).to_string();
    let (status, body) = hook(&app, "ses", &signed, &[]).await;
    assert_eq!((status, &body), (200, &json!({"taken": 1, "repeated": 0, "suppressed": 1, "ignored": 0})));
    assert_eq!(subscriber(&app, "jane@example.com").status, SubscriberStatus::Bounced);
    let (status, body) = hook(&app, "ses", &signed, &[]).await;
    assert_eq!(
        (status, &body),
        (200, &json!({"taken": 0, "repeated": 1, "suppressed": 0, "ignored": 0})),
        "delivered twice"
    );
    assert_eq!((app.count("mail_events"), app.count("suppressions")), (1, 1), "counted once");

    let complaint = sns_signed(sns_notification(&site, TOPIC, "d4a8c52c-0001", &ses_complaint("richard@example.com")));
    let (status, body) = hook(&app, "ses", &complaint.to_string(), &[]).await;
    assert_eq!((status, body["suppressed"].as_i64()), (200, Some(1)));
    assert_eq!(subscriber(&app, "richard@example.com").status, SubscriberStatus::Unsubscribed, "unsubscribed at once");
    assert_eq!(subscriber(&app, "mary@example.com").status, SubscriberStatus::Active, "only the reported reader");
    assert_eq!(site.hits("/sns/SimpleNotificationService-test.pem"), 1, "the certificate is fetched once");

    let confirm = sns_signed(json!({
        "Type": "SubscriptionConfirmation",
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
        "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
        "TopicArn": TOPIC,
        "Message": format!("You have chosen to subscribe to the topic {TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message."),
        "SubscribeURL": site.url("/status/sns-confirm"),
        "Timestamp": "2012-04-26T20:45:04.751Z",
        "SignatureVersion": "1",
        "SigningCertURL": site.url("/sns/SimpleNotificationService-test.pem")
    }));
    assert_eq!(hook(&app, "ses", &confirm.to_string(), &[]).await.0, 200);
    assert_eq!(site.hits("/status/sns-confirm"), 1, "the subscription is confirmed by visiting its link");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_finds_its_reader_by_the_message_id_and_a_suppressed_address_is_never_sent_to() {
    let site = FixtureSite::start();
    let app = club(&site).await;
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "ann@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    let message_id = {
        let mut conn = app.state.app.db.get().expect("conn");
        Delivery::all(&mut conn).expect("rows").pop().expect("the confirmation").message_id
    };
    // The provider reports the address its relay rewrote; the message id says who it was.
    let bare = message_id.trim_matches(['<', '>']).to_owned();
    let report = sns_signed(sns_notification(&site, TOPIC, "m-2", &ses_bounce("bounce+ann@relay.example.net", &bare)));
    let (status, body) = hook(&app, "ses", &report.to_string(), &[]).await;
    assert_eq!((status, body["suppressed"].as_i64()), (200, Some(1)), "{body}");
    assert_eq!(subscriber(&app, "ann@example.org").status, SubscriberStatus::Bounced);

    // Asking again answers the same, and nothing goes out.
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "Ann@Example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    app.deliver_all().await;
    let mut conn = app.state.app.db.get().expect("conn");
    let rows = Delivery::all(&mut conn).expect("rows");
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.status, DeliveryStatus::Failed, "{row:?}");
        assert_eq!(row.last_error.as_deref(), Some("not sent: the address is on the suppression list"));
    }
    let mail_dir = app.settings.email.file_dir.clone();
    let sent = std::fs::read_dir(&mail_dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(sent, 0, "no mail file written to {}", mail_dir.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mailgun_postmark_and_sendgrid_reports_are_checked_by_their_schemes_and_taken_once() {
    let site = FixtureSite::start();
    let app = club(&site).await;
    let readers = ["alice@example.com", "john@example.com", "carol@example.com", "example@test.com", "spam@test.com"];
    app.add_active_subscribers(&readers);

    // Mailgun: HMAC-SHA256 of timestamp and token with the webhook signing key, in hex.
    let now = app.state.app.now().timestamp();
    let mailgun = |event: Value, token: &str, timestamp: i64| {
        use hmac::{KeyInit, Mac};
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(MAILGUN_KEY.as_bytes()).expect("key");
        mac.update(format!("{timestamp}{token}").as_bytes());
        let signature = hex::encode(mac.finalize().into_bytes());
        json!({"signature": {"timestamp": timestamp.to_string(), "token": token, "signature": signature}, "event-data": event})
    };
    let failed = json!({
        "event": "failed", "severity": "permanent", "reason": "bounce", "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1521233195.375624, "log-level": "error", "recipient": "alice@example.com", "recipient-domain": "example.com",
        "message": {"headers": {"to": "Alice <alice@example.com>", "message-id": "20130503192659.13651.20287@sandbox.mailgun.org", "from": "Bob <bob@sandbox.mailgun.org>", "subject": "Test permanent_fail webhook"}},
        "delivery-status": {"code": 605, "message": "", "description": "Not delivering to previously bounced address", "attempt-no": 1}
    });
    let before = snapshot(&app, &readers);
    let token = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
    let mut forged = mailgun(failed.clone(), token, now);
    forged["signature"]["token"] = json!("another-token-entirely-0000000000000000000000000");
    assert_eq!(hook(&app, "mailgun", &forged.to_string(), &[]).await.0, 403);
    let mut unsigned = failed.clone();
    unsigned = json!({"event-data": unsigned});
    assert_eq!(hook(&app, "mailgun", &unsigned.to_string(), &[]).await.0, 401);
    assert_eq!(snapshot(&app, &readers), before);
    let stale = mailgun(failed.clone(), token, now - 3600).to_string();
    assert_eq!(hook(&app, "mailgun", &stale, &[]).await.0, 403, "a signature an hour old");
    assert_eq!(snapshot(&app, &readers), before);
    let signed = mailgun(failed.clone(), token, now);
    assert_eq!(hook(&app, "mailgun", &signed.to_string(), &[]).await.1["suppressed"], 1);
    assert_eq!(hook(&app, "mailgun", &signed.to_string(), &[]).await.1["repeated"], 1, "Mailgun sending it again");
    // The signature covers timestamp and token only: reused for another report, it is refused.
    let mut reused = signed.clone();
    reused["event-data"]["id"] = json!("another-event");
    reused["event-data"]["recipient"] = json!("carol@example.com");
    assert_eq!(hook(&app, "mailgun", &reused.to_string(), &[]).await.0, 403, "a captured signature reused");
    assert_eq!(subscriber(&app, "carol@example.com").status, SubscriberStatus::Active);
    assert_eq!(subscriber(&app, "alice@example.com").status, SubscriberStatus::Bounced);

    // Postmark: basic credentials in the webhook URL; the documentation's bounce and complaint.
    let postmark_bounce = json!({
        "RecordType": "Bounce", "MessageStream": "outbound", "ID": 4323372036854775807_i64, "Type": "HardBounce", "TypeCode": 1,
        "Name": "Hard bounce", "Tag": "Test", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "Test bounce details", "Email": "john@example.com", "From": "sender@example.com",
        "BouncedAt": "2019-11-05T16:33:54.9070259Z", "DumpAvailable": true, "Inactive": true, "CanActivate": true, "Subject": "Test subject"
    })
    .to_string();
    let basic = |user: &str, password: &str| {
        vec![("authorization", format!("Basic {}", STANDARD.encode(format!("{user}:{password}"))))]
    };
    assert_eq!(hook(&app, "postmark", &postmark_bounce, &[]).await.0, 401);
    assert_eq!(hook(&app, "postmark", &postmark_bounce, &basic("postmark", "guess")).await.0, 403);
    assert_eq!(subscriber(&app, "john@example.com").status, SubscriberStatus::Active);
    let good = basic("postmark", "a long postmark secret");
    assert_eq!(hook(&app, "postmark", &postmark_bounce, &good).await.1["suppressed"], 1);
    assert_eq!(hook(&app, "postmark", &postmark_bounce, &good).await.1["repeated"], 1);
    let postmark_complaint = json!({
        "RecordType": "SpamComplaint", "MessageStream": "outbound", "ID": 42, "Type": "SpamComplaint", "TypeCode": 100001,
        "Name": "Spam complaint", "Tag": "Test", "MessageID": "00000000-0000-0000-0000-000000000000", "ServerID": 1234,
        "Description": "", "Details": "Test spam complaint details", "Email": "carol@example.com", "From": "sender@example.com",
        "BouncedAt": "2019-11-05T16:33:54.9070259Z", "DumpAvailable": true, "Inactive": true, "CanActivate": false, "Subject": "Test subject"
    })
    .to_string();
    assert_eq!(hook(&app, "postmark", &postmark_complaint, &good).await.1["suppressed"], 1);
    assert_eq!(subscriber(&app, "carol@example.com").status, SubscriberStatus::Unsubscribed);

    // SendGrid: ECDSA P-256 over the timestamp header and the raw body, base64 DER.
    let events = json!([
        {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "bounce",
         "category": "cat facts", "sg_event_id": "6g4ZI7SA-xmRDv57GoPIPw==", "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
         "reason": "500 unknown recipient", "status": "5.0.0", "type": "bounce"},
        {"email": "spam@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "spamreport",
         "category": "cat facts", "sg_event_id": "37nvH5QBz858KGVYCM4uOA==", "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
        {"email": "spam@test.com", "timestamp": 1513299569, "event": "open", "sg_event_id": "open-1"}
    ])
    .to_string();
    let sendgrid = |timestamp: &str, body: &str| {
        use p256::ecdsa::signature::{SignatureEncoding, Signer};
        use p256::pkcs8::DecodePrivateKey;
        let key = p256::ecdsa::SigningKey::from_pkcs8_der(&pem_der(include_str!(
            "../fixtures/bounces/sendgrid-test-key.pem"
        )))
        .expect("test key");
        let signature: p256::ecdsa::DerSignature = key.sign(format!("{timestamp}{body}").as_bytes());
        vec![
            ("X-Twilio-Email-Event-Webhook-Signature", STANDARD.encode(signature.to_vec())),
            ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp.to_owned()),
        ]
    };
    assert_eq!(hook(&app, "sendgrid", &events, &[]).await.0, 401);
    let mut replayed = sendgrid("1600112502", &events);
    replayed[1].1 = "1600112503".into();
    assert_eq!(hook(&app, "sendgrid", &events, &replayed).await.0, 403, "the timestamp is signed too");
    assert_eq!(subscriber(&app, "example@test.com").status, SubscriberStatus::Active);
    let headers = sendgrid("1600112502", &events);
    let (status, body) = hook(&app, "sendgrid", &events, &headers).await;
    assert_eq!((status, &body), (200, &json!({"taken": 2, "repeated": 0, "suppressed": 2, "ignored": 0})));
    assert_eq!(hook(&app, "sendgrid", &events, &headers).await.1["repeated"], 2);
    assert_eq!(subscriber(&app, "example@test.com").status, SubscriberStatus::Bounced);
    assert_eq!(subscriber(&app, "spam@test.com").status, SubscriberStatus::Unsubscribed);
    assert_eq!((app.count("suppressions"), app.count("mail_events")), (5, 6), "five reports and the Mailgun token");
}

#[tokio::test]
async fn a_provider_not_set_up_has_no_endpoint() {
    let app = spawn_app_with(|_| {}).await;
    for provider in ["ses", "mailgun", "postmark", "sendgrid"] {
        assert_eq!(hook(&app, provider, "{}", &[]).await.0, 404, "{provider}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisers_see_the_list_masked_add_and_remove_and_it_survives_an_export_and_import() {
    let app = spawn_app_with(|_| {}).await;
    app.logged_in_admin().await;
    let csrf = app.csrf("/admin/suppressions").await;
    let res = app.post_form("/admin/suppressions", &[("csrf_token", &csrf), ("email", "not an address")]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(app.count("suppressions"), 0);
    let res =
        app.post_form("/admin/suppressions", &[("csrf_token", &csrf), ("email", "Quiet.Reader@Example.org")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let res =
        app.post_form("/admin/suppressions", &[("csrf_token", &csrf), ("email", "quiet.reader@example.org")]).await;
    assert_eq!(res.status().as_u16(), 422, "already on the list");
    let (_, page) = app.get_text("/admin/suppressions").await;
    assert!(!page.to_lowercase().contains("quiet.reader@example.org"), "never the whole address");
    assert!(page.to_lowercase().contains("q•••@example.org"), "masked: {page}");
    let audit = app.get_text("/admin/organisers").await.1;
    assert!(audit.contains("Address suppressed"), "the change is in the audit log");

    // Export, import into a fresh database, and the address is still never sent to there.
    let exported = app.dir.path().join("export.json");
    let run = |url: &str, data: &std::path::Path, args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .env("CONTENT_CLUB__DATABASE__URL", url)
            .env("CONTENT_CLUB__SERVER__DATA_DIR", data)
            .env("CONTENT_CLUB__LOG__LEVEL", "warn")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(
        &app.settings.database.url,
        &app.settings.server.data_dir,
        &["export", "--to", exported.to_str().expect("utf8")],
    );
    let text = std::fs::read_to_string(&exported).expect("export");
    assert!(!text.to_lowercase().contains("quiet.reader@example.org"), "the export keeps only a fingerprint");
    let target_dir = std::sync::Arc::new(tempfile::tempdir().expect("tempdir"));
    let mut settings = test_settings(&target_dir);
    settings.database.url = fresh_database_url(&target_dir);
    run(&settings.database.url, &settings.server.data_dir, &["import", "--from", exported.to_str().expect("utf8")]);
    let target = spawn_app_on(settings, target_dir).await;
    assert_eq!(target.count("suppressions"), 1);
    let res =
        target.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "quiet.reader@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    target.deliver_all().await;
    let mut conn = target.state.app.db.get().expect("conn");
    let rows = Delivery::all(&mut conn).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, DeliveryStatus::Failed, "not sent after the import");
    drop(conn);

    // Taken off the list, the address may be sent to again.
    let remove = page.split("/admin/suppressions/").nth(1).and_then(|s| s.split('/').next()).expect("a remove form");
    let res =
        app.post_form(&format!("/admin/suppressions/{remove}/remove"), &[("csrf_token", &csrf_from(&page))]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.count("suppressions"), 0);
    let (_, page) = app.get_text("/admin/suppressions").await;
    assert!(page.contains("No address is suppressed."));
}

/// A message the club sent, as its outbox row.
fn sent(app: &TestApp, message_id: &str, recipient: &str) {
    let mut conn = app.state.app.db.get().expect("conn");
    let now = Utc::now().naive_utc();
    NewDelivery {
        kind: DeliveryKind::Digest,
        digest_id: None,
        subscriber_id: None,
        recipient,
        subject: "The March digest",
        body_text: "Entries",
        body_html: None,
        message_id,
        status: DeliveryStatus::Sent,
        attempts: 1,
        next_attempt_at: now,
        created_at: now,
        request_id: None,
        language: "",
    }
    .insert(&mut conn)
    .expect("delivery");
}

fn bounces_read(app: &TestApp, input: &[u8]) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(["bounces", "read"])
        .env("CONTENT_CLUB__DATABASE__URL", &app.settings.database.url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", &app.settings.server.data_dir)
        .env("CONTENT_CLUB__LOG__LEVEL", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(input).expect("write");
    child.wait_with_output().expect("output")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dsn_and_arf_reports_piped_to_bounces_read_suppress_the_right_readers() {
    let app = spawn_app_with(|_| {}).await;
    let readers = [
        "louisa@larry.slip.example.org",
        "kristin@example.org",
        "somespammer@mailbox.example.net",
        "bystander@example.org",
    ];
    app.add_active_subscribers(&readers);
    let before = snapshot(&app, &readers);
    let out = bounces_read(&app, b"From: friend@example.org\r\nSubject: hello\r\n\r\nJust a note.\r\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line: {stderr}");
    assert!(stderr.contains("not a delivery status notification"), "{stderr}");
    assert_eq!(snapshot(&app, &readers), before, "nothing changed");

    // Reports about messages the club did not send (anyone can write to a bounce address) change
    // nothing, and the mail server is not asked to bounce them.
    let out = bounces_read(&app, include_bytes!("../fixtures/bounces/dsn-rfc3464.eml"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 about messages the club did not send"));
    assert_eq!(snapshot(&app, &readers), before, "nothing changed");
    // The digests the samples are about.
    sent(&app, "<digest-7-42@club.example.org>", "louisa@larry.slip.example.org");
    sent(&app, "<digest-7-43@club.example.org>", "\"Some Spammer\" <somespammer@mailbox.example.net>");

    let out = bounces_read(&app, include_bytes!("../fixtures/bounces/dsn-rfc3464.eml"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        subscriber(&app, "louisa@larry.slip.example.org").status,
        SubscriberStatus::Bounced,
        "the failed recipient"
    );
    let kristin = subscriber(&app, "kristin@example.org");
    assert_eq!((kristin.status, kristin.bounce_count), (SubscriberStatus::Active, 0), "a delay is no failure");
    let out = bounces_read(&app, include_bytes!("../fixtures/bounces/arf-rfc5965.eml"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(subscriber(&app, "somespammer@mailbox.example.net").status, SubscriberStatus::Unsubscribed);
    assert_eq!(subscriber(&app, "bystander@example.org").status, SubscriberStatus::Active);
    assert_eq!(app.count("suppressions"), 2);

    // The same report piped twice (an MTA retrying) is taken once.
    let out = bounces_read(&app, include_bytes!("../fixtures/bounces/dsn-rfc3464.eml"));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 report(s) taken, 1 seen before"));
    assert_eq!(app.count("mail_events"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_leaves_with_the_bounce_address_and_a_feedback_id_and_never_reaches_a_suppressed_author() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let smtp_url = sink.url();
    let app = spawn_app_with(move |s| {
        s.email.transport = "smtp".into();
        s.email.smtp_url = smtp_url;
        s.email.bounce_address = "bounces@club.example.org".into();
    })
    .await;
    app.clock.set(chrono::TimeZone::with_ymd_and_hms(&Utc, 2025, 3, 15, 12, 0, 0).single().expect("valid"));
    let token = app.admin_token();
    app.create_topic(&token, json!({"month": "2025-03", "title": "Metrics", "slug": "metrics", "announced": true}))
        .await;
    app.logged_in_admin().await;
    let csrf = app.csrf("/admin/suppressions").await;
    let res = app.post_form("/admin/suppressions", &[("csrf_token", &csrf), ("email", "quiet@example.org")]).await;
    assert_eq!(res.status().as_u16(), 303);

    // The author is addressed by name ("Quiet Reader" <quiet@example.org>): still suppressed.
    let entry = json!({"kind": "article", "title": "Counting", "url": "https://example.org/counting", "summary": "s",
                       "author_name": "Quiet Reader", "author_email": "Quiet@Example.org"});
    let res = app.api(Method::POST, "/api/v1/topics/metrics/submissions", None, Some(entry)).await;
    assert_eq!(res.status().as_u16(), 202);
    let res = app.api(Method::POST, "/api/v1/subscribers", None, Some(json!({"email": "reader@example.org"}))).await;
    assert_eq!(res.status().as_u16(), 202);
    app.deliver_all().await;

    let received = sink.messages();
    assert_eq!(received.len(), 1, "only the reader's confirmation: {received:?}");
    assert!(received[0].to.iter().all(|to| to.contains("reader@example.org")));
    assert!(received[0].from.contains("bounces@club.example.org"), "envelope sender: {}", received[0].from);
    let feedback = crate::smtp_sink::header(&received[0].data, "Feedback-ID").expect("a Feedback-ID");
    assert!(feedback.ends_with(":content-club:127.0.0.1"), "{feedback}");
    let mut conn = app.state.app.db.get().expect("conn");
    let refused: Vec<Delivery> =
        Delivery::all(&mut conn).expect("rows").into_iter().filter(|d| d.status == DeliveryStatus::Failed).collect();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].recipient.contains("quiet@example.org") || refused[0].recipient.contains("Quiet@Example.org"));
}

#[test]
fn bounces_read_asks_the_mail_server_to_try_again_while_the_database_is_away() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(BIN)
        .args(["bounces", "read"])
        .env("CONTENT_CLUB__DATABASE__URL", "postgres://nobody@127.0.0.1:9/none?connect_timeout=2")
        .env("CONTENT_CLUB__SERVER__DATA_DIR", dir.path().join("data"))
        .env("CONTENT_CLUB__LOG__LEVEL", "warn")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // The report may or may not be read before the database is found away.
    let _ = child.stdin.take().expect("stdin").write_all(include_bytes!("../fixtures/bounces/dsn-rfc3464.eml"));
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(75), "EX_TEMPFAIL: {}", String::from_utf8_lossy(&out.stderr));
}
