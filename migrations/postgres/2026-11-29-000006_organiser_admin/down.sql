DROP TABLE audit_log;
DROP TABLE organiser_links;
