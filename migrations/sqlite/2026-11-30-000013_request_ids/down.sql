ALTER TABLE notifications DROP COLUMN request_id;
ALTER TABLE deliveries DROP COLUMN request_id;
