DROP INDEX submissions_author;
CREATE INDEX submissions_author ON submissions (author_id, status);
DROP INDEX submissions_topic_status;
CREATE INDEX submissions_topic_status ON submissions (topic_id, status);
