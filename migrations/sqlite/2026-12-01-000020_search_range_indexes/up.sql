-- A search filtered by a topic, a year or an author first reads between which ids their entries
-- lie: the first and the last entry of each topic, and of the author, from these indexes. SQLite's
-- indexes end in the rowid already; the id is named so that both engines keep the same schema
-- (PostgreSQL needs it).
DROP INDEX submissions_topic_status;
CREATE INDEX submissions_topic_status ON submissions (topic_id, status, id);
DROP INDEX submissions_author;
CREATE INDEX submissions_author ON submissions (author_id, status, id);
