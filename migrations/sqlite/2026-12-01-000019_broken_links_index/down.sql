DROP INDEX submissions_link_state_id;
