-- A phrase is searched by its words next to each other. The GIN index of words knows which
-- entries hold a word, not where: for `"error budget"`, whose two words are together in 11,730
-- of 100,000 entries and next to each other in 441, each of the 11,730 was read and checked
-- (49-65 ms). Each entry's pairs of neighbouring words (stemmed, stop words left out, as the
-- words are) are kept beside them with an index of their own, so that a phrase is first looked
-- up by its pairs: 441 entries read, 6 ms. The pairs only narrow; the phrase is still checked.
CREATE FUNCTION search_pairs(words TSVECTOR) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(DISTINCT pair), '{}')
    FROM (SELECT w.lexeme || ' ' || lead(w.lexeme) OVER (ORDER BY p.position) AS pair
          FROM unnest(words) AS w (lexeme, positions, weights), unnest(w.positions) AS p (position)) pairs
    WHERE pair IS NOT NULL
$$;

ALTER TABLE search_index ADD COLUMN pairs TEXT[] NOT NULL DEFAULT '{}';
UPDATE search_index SET pairs = search_pairs(words);
CREATE INDEX search_index_pairs ON search_index USING gin (pairs);

CREATE OR REPLACE FUNCTION search_refresh(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_index (submission_id, document, words, pairs)
    SELECT id, document, words, search_pairs(words)
    FROM (SELECT id,
                 concat_ws(' ', title, summary, note, author, topic, metadata) AS document,
                 setweight(to_tsvector('english', title), 'A')
                     || setweight(to_tsvector('english', author || ' ' || topic), 'B')
                     || setweight(to_tsvector('english', summary || ' ' || note), 'C')
                     || setweight(to_tsvector('english', metadata), 'D') AS words
          FROM search_source WHERE id = ANY (ids)) entry
    ON CONFLICT (submission_id) DO UPDATE
        SET document = EXCLUDED.document, words = EXCLUDED.words, pairs = EXCLUDED.pairs;
$$;
