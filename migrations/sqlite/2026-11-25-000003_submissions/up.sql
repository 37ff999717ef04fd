CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    kind TEXT NOT NULL CHECK (kind IN ('article', 'video', 'post', 'podcast', 'talk', 'other')),
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    summary TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL,
    author_link TEXT,
    status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'pending', 'approved', 'rejected', 'withdrawn')),
    decision_reason TEXT,
    reviewer_id BIGINT REFERENCES organisers (id) ON DELETE SET NULL,
    edit_token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    decided_at TIMESTAMP,
    published_at TIMESTAMP,
    UNIQUE (topic_id, url)
);
CREATE INDEX submissions_topic_status ON submissions (topic_id, status);
CREATE INDEX submissions_status_created ON submissions (status, created_at);
CREATE INDEX submissions_author_email ON submissions (author_email);

CREATE TABLE submission_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    organiser_id BIGINT REFERENCES organisers (id) ON DELETE SET NULL,
    reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_events_submission ON submission_events (submission_id);

CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    digest_id BIGINT,
    subscriber_id BIGINT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    message_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    claim TEXT,
    last_error TEXT,
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (digest_id, subscriber_id)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_claim ON deliveries (claim);
