-- SQLite's search index is told to merge its parts two at a time. PostgreSQL's GIN indexes keep
-- new entries in a pending list that autovacuum (or a list grown past gin_pending_list_limit)
-- folds into the index: nothing to set here. The migration keeps both trees in step.
SELECT 1;
