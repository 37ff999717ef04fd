-- The language each reader gets mail in ('' is the club's language): a subscriber's from the
-- page they subscribed on, a member's from the page they submitted on. Each mail keeps the
-- language it was written in, for its Content-Language header and, for a digest, the edition.
ALTER TABLE subscribers ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN mail_language TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN language TEXT NOT NULL DEFAULT '';
-- A digest in a further language: built once per language that has subscribers. The digest row
-- itself holds the club's language.
CREATE TABLE digest_editions (
    id BIGSERIAL PRIMARY KEY,
    digest_id BIGINT NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    built_at TIMESTAMP NOT NULL,
    UNIQUE (digest_id, language)
);
-- A topic's title and summary in a further language; pages and feeds fall back to the topic's
-- own when the reader's language has none.
CREATE TABLE topic_translations (
    id BIGSERIAL PRIMARY KEY,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (topic_id, language)
);
