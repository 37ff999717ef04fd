-- PostgreSQL keeps the pairs of neighbouring words of each entry for phrases. SQLite's FTS5
-- index knows where each trigram is and reads a phrase by them: nothing to add here. The
-- migration keeps both trees in step.
SELECT 1;
