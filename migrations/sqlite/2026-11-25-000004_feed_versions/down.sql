ALTER TABLE topics DROP COLUMN content_version;
