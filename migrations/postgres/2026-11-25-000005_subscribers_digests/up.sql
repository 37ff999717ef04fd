CREATE TABLE subscribers (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
    confirm_token_hash TEXT,
    confirm_sent_at TIMESTAMP,
    confirmed_at TIMESTAMP,
    unsubscribed_at TIMESTAMP,
    bounce_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX subscribers_status ON subscribers (status);

CREATE TABLE digests (
    id BIGSERIAL PRIMARY KEY,
    topic_id BIGINT NOT NULL UNIQUE REFERENCES topics (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('empty', 'waiting', 'queued', 'sent')),
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    recipients INTEGER NOT NULL DEFAULT 0,
    built_at TIMESTAMP NOT NULL,
    queued_at TIMESTAMP,
    completed_at TIMESTAMP
);

CREATE INDEX deliveries_digest_status ON deliveries (digest_id, status);
