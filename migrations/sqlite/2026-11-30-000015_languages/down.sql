DROP TABLE topic_translations;
DROP TABLE digest_editions;
ALTER TABLE deliveries DROP COLUMN language;
ALTER TABLE submissions DROP COLUMN mail_language;
ALTER TABLE subscribers DROP COLUMN language;
