-- When each topic's published content last changed (its feed's Last-Modified), and one row for
-- the whole site: a version every change to public content raises, and when that was. Feed
-- caches on every instance compare the version; the times only ever move forward.
ALTER TABLE topics ADD COLUMN content_changed_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE topics SET content_changed_at = updated_at;
CREATE TABLE site_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    content_version BIGINT NOT NULL,
    content_changed_at TIMESTAMP NOT NULL
);
INSERT INTO site_state (id, content_version, content_changed_at)
VALUES (1, 1, COALESCE((SELECT MAX(updated_at) FROM topics), '1970-01-01 00:00:00'));
