DROP INDEX submissions_status_id;
