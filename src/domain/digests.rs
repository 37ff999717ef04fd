//! The rules of the topic digest: built once when a topic closes, from its approved entries;
//! an empty archive sends nothing; a digest that would go out much later than the topic closed
//! waits for an organiser; only a digest that went out is public.

use chrono::{DateTime, Duration, Utc};

use crate::db::states::DigestStatus;
use crate::db::topics::Topic;
use crate::error::{AppError, Message};

/// The state a digest starts in, from how many entries it has.
pub fn initial_status(entries: usize) -> DigestStatus {
    if entries == 0 {
        DigestStatus::Empty
    } else {
        DigestStatus::Waiting
    }
}

/// Whether a topic's digest is due: the topic is announced and has closed.
pub fn is_due(topic: &Topic, now: DateTime<Utc>) -> bool {
    topic.announced && topic.closes_at <= now.naive_utc()
}

/// Whether a digest built now would go out later than allowed after the topic closed.
pub fn is_overdue(topic: &Topic, max_delay: Duration, now: DateTime<Utc>) -> bool {
    now.naive_utc() > topic.closes_at + max_delay
}

/// Whether the public may read the digest on the web.
pub fn is_public(status: DigestStatus) -> bool {
    matches!(status, DigestStatus::Queued | DigestStatus::Sent)
}

/// Whether an organiser may send it now.
pub fn can_send(status: Option<DigestStatus>) -> bool {
    matches!(status, None | Some(DigestStatus::Waiting))
}

/// Refuses to queue a digest that went out already or has nothing in it.
pub fn check_sendable(status: DigestStatus) -> Result<(), AppError> {
    match status {
        DigestStatus::Queued | DigestStatus::Sent => {
            Err(AppError::Conflict(Message::new("refused-domain-digest-sent")))
        }
        DigestStatus::Empty => Err(AppError::Conflict(Message::new("refused-domain-digest-empty"))),
        DigestStatus::Waiting => Ok(()),
    }
}

/// Refuses to build the digest of a topic that is still open.
pub fn check_closed(topic: &Topic, now: DateTime<Utc>) -> Result<(), AppError> {
    if topic.closes_at > now.naive_utc() {
        return Err(AppError::Conflict(
            Message::new("refused-domain-topic-still-open").arg("title", topic.title.as_str()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_waiting_digest_can_be_sent() {
        assert!(check_sendable(DigestStatus::Waiting).is_ok());
        for done in [DigestStatus::Queued, DigestStatus::Sent, DigestStatus::Empty] {
            assert!(matches!(check_sendable(done), Err(AppError::Conflict(_))));
        }
        assert_eq!(initial_status(0), DigestStatus::Empty);
        assert_eq!(initial_status(3), DigestStatus::Waiting);
        assert!(is_public(DigestStatus::Sent) && !is_public(DigestStatus::Waiting));
    }
}
