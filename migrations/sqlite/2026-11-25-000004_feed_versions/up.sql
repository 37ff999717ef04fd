-- Raised with every change to a topic or its submissions; feed caches compare it.
ALTER TABLE topics ADD COLUMN content_version BIGINT NOT NULL DEFAULT 0;
