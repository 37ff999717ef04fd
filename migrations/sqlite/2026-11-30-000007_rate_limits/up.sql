-- Rate limits shared by every instance on this database: one token bucket per limit and key
-- (the key is stored hashed, never as the address or email it stands for), with the tokens left
-- when it was last used. Buckets idle for a day are full again and are deleted.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limits_updated ON rate_limits (updated_at);
