-- The dashboard's subscriber chart reads the changes of the last months by these.
CREATE INDEX subscribers_confirmed_at ON subscribers (confirmed_at);
CREATE INDEX subscribers_unsubscribed_at ON subscribers (unsubscribed_at);
