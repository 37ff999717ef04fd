DROP TABLE thumbnails;
DROP TABLE link_previews;
DROP INDEX submissions_link_checked;
DROP INDEX submissions_topic_canonical;
ALTER TABLE submissions DROP COLUMN link_checked_at;
ALTER TABLE submissions DROP COLUMN link_failures;
ALTER TABLE submissions DROP COLUMN link_state;
ALTER TABLE submissions DROP COLUMN thumbnail;
ALTER TABLE submissions DROP COLUMN canonical_url;
