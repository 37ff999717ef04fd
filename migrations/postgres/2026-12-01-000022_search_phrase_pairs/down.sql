CREATE OR REPLACE FUNCTION search_refresh(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_index (submission_id, document, words)
    SELECT id,
           concat_ws(' ', title, summary, note, author, topic, metadata),
           setweight(to_tsvector('english', title), 'A')
               || setweight(to_tsvector('english', author || ' ' || topic), 'B')
               || setweight(to_tsvector('english', summary || ' ' || note), 'C')
               || setweight(to_tsvector('english', metadata), 'D')
    FROM search_source WHERE id = ANY (ids)
    ON CONFLICT (submission_id) DO UPDATE SET document = EXCLUDED.document, words = EXCLUDED.words;
$$;
DROP INDEX search_index_pairs;
ALTER TABLE search_index DROP COLUMN pairs;
DROP FUNCTION search_pairs(TSVECTOR);
