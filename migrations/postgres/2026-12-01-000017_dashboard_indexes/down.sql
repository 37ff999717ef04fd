DROP INDEX subscribers_unsubscribed_at;
DROP INDEX subscribers_confirmed_at;
