DROP TABLE mail_events;
DROP TABLE suppressions;
