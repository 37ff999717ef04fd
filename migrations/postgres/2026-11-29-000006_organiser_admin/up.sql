-- Private links an organiser receives by email: an invitation to set a first password, or a
-- password reset. Only the SHA-256 of the token is stored; a link works once, until it expires.
CREATE TABLE organiser_links (
    id BIGSERIAL PRIMARY KEY,
    organiser_id BIGINT NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX organiser_links_organiser ON organiser_links (organiser_id);

-- Who changed which organiser account or token, and when.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    actor_id BIGINT REFERENCES organisers (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at);
