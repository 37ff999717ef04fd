-- Organisers curate: entries they add for members (added_by), a note of their own beside the
-- member's summary, the language of the piece, highlights and a hand-made order; and per topic a
-- round-up (an introduction in Markdown, published when the organiser chooses).
ALTER TABLE submissions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN highlighted BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE submissions ADD COLUMN position INTEGER;
ALTER TABLE submissions ADD COLUMN added_by BIGINT REFERENCES organisers (id) ON DELETE SET NULL;
CREATE TABLE roundups (
    id BIGSERIAL PRIMARY KEY,
    topic_id BIGINT NOT NULL UNIQUE REFERENCES topics (id) ON DELETE CASCADE,
    intro TEXT NOT NULL,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT REFERENCES organisers (id) ON DELETE SET NULL
);
