//! Every state and kind the database stores, as an enum. Each is kept as `Text` on both engines
//! and mapped here, once: the rest of the program compares enums, never strings.

use std::fmt;

use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::{Sqlite, SqliteValue};

use super::{MultiBackend, MultiRawValue};

/// A text value that names no variant of the enum it was read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownState {
    pub kind: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}'", self.kind, self.value)
    }
}

impl std::error::Error for UnknownState {}

/// Declares a text-backed enum: its stored names, parsing, display, serde, and the diesel
/// mapping for SQLite, PostgreSQL and the connection that is either.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident ($label:literal) { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, diesel::AsExpression, diesel::FromSqlRow)]
        #[diesel(sql_type = Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name stored in the database and used in URLs and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant stored under `text`.
            pub fn parse(text: &str) -> Result<$name, UnknownState> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownState { kind: $label, value: other.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownState;
            fn from_str(text: &str) -> Result<$name, UnknownState> {
                $name::parse(text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl ToSql<Text, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                out.set_value(self.as_str());
                Ok(serialize::IsNull::No)
            }
        }

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), &mut out.reborrow())
            }
        }

        impl ToSql<Text, MultiBackend> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self));
                Ok(serialize::IsNull::No)
            }
        }

        impl FromSql<Text, Sqlite> for $name {
            fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
                Ok($name::parse(&text)?)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Pg>>::from_sql(value)?;
                Ok($name::parse(&text)?)
            }
        }

        impl FromSql<Text, MultiBackend> for $name {
            fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
                value.from_sql::<Self, Text>()
            }
        }
    };
}

text_enum! {
    /// Where a submission stands: a member's entry waits for its author's confirmation, then
    /// for a moderator; organisers' entries may start published.
    SubmissionStatus("submission status") {
        Unconfirmed = "unconfirmed",
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

text_enum! {
    /// What a submission is.
    SubmissionKind("submission kind") {
        Article = "article",
        Video = "video",
        Post = "post",
        Podcast = "podcast",
        Talk = "talk",
        Other = "other",
    }
}

text_enum! {
    /// A step in a submission's history.
    SubmissionAction("submission action") {
        Submitted = "submitted",
        /// An organiser added it for a member.
        Added = "added",
        Confirmed = "confirmed",
        Edited = "edited",
        Withdrawn = "withdrawn",
        Approved = "approved",
        Rejected = "rejected",
    }
}

text_enum! {
    /// What the last checks of an archived link found: not checked yet, answering, gone (404 or
    /// 410 twice in a row), or not saying (403, 429, 999, timeouts).
    LinkState("link state") {
        Unchecked = "unchecked",
        Ok = "ok",
        Broken = "broken",
        Unknown = "unknown",
    }
}

text_enum! {
    /// Where notifications go: a generic JSON webhook signed by the Standard Webhooks
    /// specification, or a chat service's incoming webhook in its own message shape.
    DestinationKind("destination kind") {
        Webhook = "webhook",
        Slack = "slack",
        Discord = "discord",
        Mattermost = "mattermost",
        RocketChat = "rocketchat",
        Teams = "teams",
    }
}

text_enum! {
    /// What happened, as destinations are told (the names are part of the webhook contract).
    EventKind("event") {
        TopicAnnounced = "topic.announced",
        TopicOpened = "topic.opened",
        TopicClosingSoon = "topic.closing_soon",
        EntryPending = "entry.pending",
        EntryPublished = "entry.published",
        RoundupPublished = "roundup.published",
        DigestSent = "digest.sent",
        LinkBroken = "link.broken",
        Test = "destination.test",
    }
}

text_enum! {
    /// A notification in the outbox: queued, claimed by a sender, then sent or given up.
    NotificationStatus("notification status") {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
    }
}

text_enum! {
    /// What one attempt to deliver a notification came to.
    AttemptOutcome("attempt outcome") {
        Delivered = "delivered",
        Retry = "retry",
        Failed = "failed",
    }
}

text_enum! {
    /// A digest subscriber: pending until the address is confirmed.
    SubscriberStatus("subscriber status") {
        Pending = "pending",
        Active = "active",
        Unsubscribed = "unsubscribed",
        Bounced = "bounced",
    }
}

text_enum! {
    /// Why an address is on the suppression list.
    SuppressionReason("suppression reason") {
        HardBounce = "hard_bounce",
        Complaint = "complaint",
        Manual = "manual",
    }
}

text_enum! {
    /// What a provider or the bounce mailbox reported about one message.
    MailEventKind("mail event kind") {
        HardBounce = "hard_bounce",
        SoftBounce = "soft_bounce",
        Complaint = "complaint",
    }
}

text_enum! {
    /// An outbox row: queued, claimed by a sender, then sent or given up.
    DeliveryStatus("delivery status") {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
    }
}

text_enum! {
    /// What an outbox row carries.
    DeliveryKind("delivery kind") {
        Transactional = "transactional",
        Digest = "digest",
    }
}

text_enum! {
    /// A topic's digest: built, then queued to subscribers and sent; `Waiting` holds for an
    /// organiser, `Empty` has nothing to send.
    DigestStatus("digest status") {
        Waiting = "waiting",
        Empty = "empty",
        Queued = "queued",
        Sent = "sent",
    }
}

text_enum! {
    /// Admins do everything; moderators only moderate submissions.
    Role("role") {
        Admin = "admin",
        Moderator = "moderator",
    }
}

text_enum! {
    /// What an emailed organiser link is for.
    LinkPurpose("link purpose") {
        Invite = "invite",
        Reset = "reset",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_parses_back_from_its_stored_name() {
        for status in SubmissionStatus::ALL {
            assert_eq!(SubmissionStatus::parse(status.as_str()), Ok(*status));
        }
        for kind in SubmissionKind::ALL {
            assert_eq!(kind.as_str().parse::<SubmissionKind>(), Ok(*kind));
        }
        assert!(SubscriberStatus::parse("Active").is_err(), "names are exact");
        assert_eq!(serde_json::to_string(&DeliveryStatus::Sent).expect("json"), "\"sent\"");
        assert_eq!(serde_json::from_str::<Role>("\"moderator\"").expect("json"), Role::Moderator);
        assert!(serde_json::from_str::<Role>("\"owner\"").is_err());
    }
}
