-- Where the club talks: chat channels and webhook receivers that organisers set up, each with
-- its events and language; one outbox row per event and destination, written in the same
-- transaction as the change (unique per destination and event key, so an event is never queued
-- twice); and a log of every attempt, kept for 30 days.
CREATE TABLE destinations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    language TEXT NOT NULL,
    reminder_days INTEGER,
    secret TEXT,
    previous_secret TEXT,
    previous_secret_until TIMESTAMP,
    failing_since TIMESTAMP,
    paused_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    destination_id BIGINT NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    event_key TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claim TEXT,
    lease_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (destination_id, event_key)
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_claim ON notifications (claim);
CREATE TABLE notification_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id BIGINT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    destination_id BIGINT NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    status_code INTEGER,
    outcome TEXT NOT NULL,
    response TEXT NOT NULL,
    duration_ms INTEGER NOT NULL
);
CREATE INDEX notification_attempts_destination ON notification_attempts (destination_id, at);
