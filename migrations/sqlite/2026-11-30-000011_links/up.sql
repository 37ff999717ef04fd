-- Links that know what they point at: each entry keeps the link as given (url) and its canonical
-- form (short links resolved, platform share parameters dropped), which the duplicate check
-- compares; a thumbnail of its own; and the state of the last link checks. Existing entries
-- start with their link as the canonical form (`content-club links canonicalise` applies the
-- platform rules to them and reports collisions). Fetched metadata is cached per link;
-- thumbnails are stored here, served from the club's own address.
ALTER TABLE submissions ADD COLUMN canonical_url TEXT NOT NULL DEFAULT '';
UPDATE submissions SET canonical_url = url;
CREATE UNIQUE INDEX submissions_topic_canonical ON submissions (topic_id, canonical_url);
ALTER TABLE submissions ADD COLUMN thumbnail TEXT;
ALTER TABLE submissions ADD COLUMN link_state TEXT NOT NULL DEFAULT 'unchecked';
ALTER TABLE submissions ADD COLUMN link_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN link_checked_at TIMESTAMP;
CREATE INDEX submissions_link_checked ON submissions (status, link_checked_at);
CREATE TABLE link_previews (
    url TEXT PRIMARY KEY NOT NULL,
    canonical_url TEXT NOT NULL,
    metadata TEXT NOT NULL,
    thumbnail TEXT,
    outcome TEXT NOT NULL,
    fetched_at TIMESTAMP NOT NULL
);
CREATE INDEX link_previews_fetched ON link_previews (fetched_at);
CREATE TABLE thumbnails (
    key TEXT PRIMARY KEY NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
