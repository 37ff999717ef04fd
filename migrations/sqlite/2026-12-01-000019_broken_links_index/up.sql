-- The dashboard lists the newest entries whose links are broken: without this it read every
-- published entry to find the few.
CREATE INDEX submissions_link_state_id ON submissions (link_state, id);
