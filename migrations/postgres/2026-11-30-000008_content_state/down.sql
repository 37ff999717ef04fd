DROP TABLE site_state;
ALTER TABLE topics DROP COLUMN content_changed_at;
