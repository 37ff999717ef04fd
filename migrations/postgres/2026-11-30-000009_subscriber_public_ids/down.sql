DROP INDEX subscribers_legacy_id;
DROP INDEX subscribers_public_id;
ALTER TABLE subscribers DROP COLUMN legacy_id;
ALTER TABLE subscribers DROP COLUMN public_id;
