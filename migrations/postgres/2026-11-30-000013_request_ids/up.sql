-- The request that caused each outbox row, so that an operator can follow one action from the
-- response's X-Request-Id through the logs to the mail and webhook deliveries it caused.
ALTER TABLE deliveries ADD COLUMN request_id TEXT;
ALTER TABLE notifications ADD COLUMN request_id TEXT;
