-- The moderation queue lists one status newest first, a page at a time: without this the
-- approved ones (nearly every entry) were sorted on each page.
CREATE INDEX submissions_status_id ON submissions (status, id);
