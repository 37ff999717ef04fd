CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    month TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    announced BOOLEAN NOT NULL DEFAULT 0,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (opens_at < closes_at)
);

CREATE TABLE topic_slug_redirects (
    old_slug TEXT PRIMARY KEY NOT NULL,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE
);
CREATE INDEX topic_slug_redirects_topic ON topic_slug_redirects (topic_id);
