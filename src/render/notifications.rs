//! What a chat channel shows of an event: a title, a short text and a link, written from
//! `templates/notifications/<event>/{title,text}.txt.hbs`, then put in each service's own message
//! shape — Slack Block Kit, Discord embeds, Mattermost and Rocket.Chat (Slack-compatible text),
//! Microsoft Teams (an Adaptive Card for a Workflows webhook) — within each service's size
//! limits, with member text escaped so that it cannot mention everyone or inject markup. The
//! generic webhook gets the event itself as JSON.

use serde_json::{json, Value};

use super::Renderer;
use crate::db::states::{DestinationKind, EventKind};

/// An event as a chat message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub title: String,
    pub text: String,
    pub url: Option<String>,
}

/// The template folder of an event: `topic.closing_soon` → `topic_closing_soon`.
fn folder(event: EventKind) -> String {
    event.as_str().replace('.', "_")
}

/// Writes an event's chat message from its data (the webhook payload's `data`) in the
/// destination's language (the club's when we have no messages in it).
pub fn chat_message(renderer: &Renderer, event: EventKind, lang: &str, data: &Value) -> Result<ChatMessage, String> {
    let dir = folder(event);
    let lang = crate::i18n::chosen(lang).unwrap_or(renderer.catalog().default_language());
    let title = renderer.text(&format!("notifications/{dir}/title.txt"), lang, data)?.trim().to_owned();
    let text = renderer.text(&format!("notifications/{dir}/text.txt"), lang, data)?.trim().to_owned();
    let url = data.get("url").and_then(Value::as_str).map(str::to_owned);
    Ok(ChatMessage { title, text, url })
}

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Slack's mrkdwn: `&`, `<` and `>` are control characters (`<!channel>` mentions everyone).
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Slack's plain text (a header) with its control characters swapped for look-alikes: escapes
/// would count against the header's 150 characters, and `<!channel>` must not survive anywhere.
fn plain(text: &str) -> String {
    text.replace('<', "‹").replace('>', "›").replace('&', "＆")
}

/// Mattermost and Rocket.Chat turn `@channel`, `@all` and `@here` into mentions; a full-width
/// at sign shows the same and mentions nobody.
fn no_mentions(text: &str) -> String {
    text.replace('@', "＠")
}

/// The body a destination of `kind` receives for an event: its chat message in the service's
/// shape, or for a generic webhook the event JSON as it is.
pub fn body(kind: DestinationKind, message: &ChatMessage, event_json: &str) -> String {
    let value = match kind {
        DestinationKind::Webhook => return event_json.to_owned(),
        DestinationKind::Slack => slack(message),
        DestinationKind::Discord => discord(message),
        DestinationKind::Mattermost | DestinationKind::RocketChat => {
            let title = no_mentions(&message.title);
            let text = no_mentions(&message.text);
            let link = message.url.as_deref().map(|u| format!("\n{u}")).unwrap_or_default();
            json!({ "text": truncate(&format!("**{title}**\n{text}{link}"), 16_000) })
        }
        DestinationKind::Teams => teams(message),
    };
    value.to_string()
}

/// Slack Block Kit: a header (plain text, at most 150 characters), a section (mrkdwn, at most
/// 3,000), a link button; `text` is the notification's fallback.
fn slack(message: &ChatMessage) -> Value {
    let mut blocks = vec![
        json!({"type": "header", "text": {"type": "plain_text", "text": truncate(&plain(&message.title), 150), "emoji": true}}),
        json!({"type": "section", "text": {"type": "mrkdwn", "text": truncate(&slack_escape(&message.text), 3000)}}),
    ];
    if let Some(url) = &message.url {
        blocks.push(json!({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "url": truncate(url, 3000)}
        ]}));
    }
    json!({"text": truncate(&slack_escape(&message.title), 3000), "blocks": blocks, "unfurl_links": false})
}

/// Discord: one embed (title at most 256 characters, description at most 4,096), no mentions
/// of anybody whatever the text says.
fn discord(message: &ChatMessage) -> Value {
    let mut embed = json!({
        "title": truncate(&message.title, 256),
        "description": truncate(&message.text, 4096),
        "color": 0x1f5fbf,
    });
    if let Some(url) = &message.url {
        embed["url"] = json!(url);
    }
    json!({"embeds": [embed], "allowed_mentions": {"parse": []}})
}

/// Microsoft Teams (a Workflows "when a webhook request is received" flow): an Adaptive Card.
fn teams(message: &ChatMessage) -> Value {
    let mut card = json!({
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": truncate(&message.title, 300), "weight": "Bolder", "size": "Medium", "wrap": true},
            {"type": "TextBlock", "text": truncate(&message.text, 4000), "wrap": true}
        ]
    });
    if let Some(url) = &message.url {
        card["actions"] = json!([{"type": "Action.OpenUrl", "title": "Open", "url": url}]);
    }
    json!({"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(title: &str, text: &str) -> ChatMessage {
        ChatMessage { title: title.into(), text: text.into(), url: Some("https://club.example/t".into()) }
    }

    #[test]
    fn long_titles_are_cut_to_each_service_limit() {
        let long = "x".repeat(400);
        let slack: Value =
            serde_json::from_str(&body(DestinationKind::Slack, &message(&long, &long), "{}")).expect("json");
        assert_eq!(slack["blocks"][0]["text"]["text"].as_str().expect("header").chars().count(), 150);
        let discord: Value =
            serde_json::from_str(&body(DestinationKind::Discord, &message(&long, &"y".repeat(5000)), "{}"))
                .expect("json");
        assert_eq!(discord["embeds"][0]["title"].as_str().expect("title").chars().count(), 256);
        assert_eq!(discord["embeds"][0]["description"].as_str().expect("text").chars().count(), 4096);
    }

    #[test]
    fn member_text_mentions_nobody() {
        let slack = body(DestinationKind::Slack, &message("Hi <!channel>", "a & b <@U123>"), "{}");
        assert!(slack.contains("&lt;!channel&gt;") && !slack.contains("<!channel>"), "{slack}");
        let discord: Value =
            serde_json::from_str(&body(DestinationKind::Discord, &message("@everyone", "@here"), "{}")).expect("json");
        assert_eq!(discord["allowed_mentions"]["parse"], json!([]));
        let mattermost = body(DestinationKind::Mattermost, &message("@channel look", "@all"), "{}");
        assert!(!mattermost.contains("@channel") && !mattermost.contains("@all"), "{mattermost}");
        assert_eq!(body(DestinationKind::Webhook, &message("t", "x"), r#"{"type":"x"}"#), r#"{"type":"x"}"#);
    }
}
