DROP INDEX deliveries_digest_status;
DROP TABLE digests;
DROP TABLE subscribers;
