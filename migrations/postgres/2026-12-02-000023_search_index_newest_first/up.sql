-- The search index of SQLite keeps its entries under their ids negated (newest first in its
-- own order). PostgreSQL's indexes are read in either direction alike: nothing to change here.
-- The migration keeps both trees in step.
SELECT 1;
