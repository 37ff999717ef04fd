-- Addresses the club never sends to again: hard bounces and spam complaints reported by the mail
-- provider or the bounce mailbox, and addresses organisers added. Kept as the SHA-256 of the
-- normalised address (so that the list outlives the subscriber row and travels in exports
-- without the address in clear) and a masked form for people to recognise.
CREATE TABLE suppressions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email_hash TEXT NOT NULL UNIQUE,
    masked TEXT NOT NULL,
    reason TEXT NOT NULL,
    source TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- Every bounce and complaint report taken, by its provider's id, so that the same report
-- delivered twice is counted once; kept 90 days.
CREATE TABLE mail_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (source, event_id)
);
CREATE INDEX mail_events_created_at ON mail_events (created_at);
