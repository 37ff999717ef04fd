DROP TABLE deliveries;
DROP TABLE submission_events;
DROP TABLE submissions;
