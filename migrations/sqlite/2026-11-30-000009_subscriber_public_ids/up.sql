-- Unsubscribe links name a subscriber by a random public id that travels with an export, not by
-- the row id (which another database gives out differently). Links already sent name row ids:
-- those are honoured only for the rows that existed here when this ran (legacy_id), never for
-- rows imported later.
ALTER TABLE subscribers ADD COLUMN public_id TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN legacy_id BIGINT;
UPDATE subscribers SET public_id = 's' || lower(hex(randomblob(12))), legacy_id = id;
CREATE UNIQUE INDEX subscribers_public_id ON subscribers (public_id);
CREATE INDEX subscribers_legacy_id ON subscribers (legacy_id);
