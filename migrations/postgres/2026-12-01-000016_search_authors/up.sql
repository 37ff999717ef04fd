-- Authors: one identity per person whatever spelling they submitted under. Each spelling seen
-- (compared without case and extra spaces) points at one author; merging two authors moves the
-- spellings and entries and keeps the old address as a redirect. Addresses never use an email.
CREATE TABLE authors (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    website TEXT,
    profile TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE author_spellings (
    spelling TEXT PRIMARY KEY NOT NULL,
    author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE
);
CREATE INDEX author_spellings_author ON author_spellings (author_id);
CREATE TABLE author_redirects (
    old_slug TEXT PRIMARY KEY NOT NULL,
    author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE
);
ALTER TABLE submissions ADD COLUMN author_id BIGINT REFERENCES authors (id);
CREATE INDEX submissions_author ON submissions (author_id, status);

-- Search: what is searched of each entry, as one document with its words weighted (title, then
-- author and topic, then summary and note, then the link's fetched metadata) for full-text
-- search, and a trigram index (pg_trgm) over the same text so that Chinese and Japanese,
-- written without spaces, are found by any part of them. The triggers keep the index in step
-- within the very statement that changes an entry, its topic's title, its author's name or its
-- link's fetched metadata.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE VIEW search_source AS
SELECT s.id AS id,
       s.title AS title,
       s.summary AS summary,
       s.note AS note,
       s.author_name || coalesce((SELECT ' ' || a.name FROM authors a
                                  WHERE a.id = s.author_id AND a.name <> s.author_name), '') AS author,
       t.title AS topic,
       coalesce((SELECT coalesce(p.metadata::jsonb ->> 'title', '') || ' '
                        || coalesce(p.metadata::jsonb ->> 'description', '')
                 FROM link_previews p WHERE p.url = s.url AND p.metadata LIKE '{%'), '') AS metadata
FROM submissions s JOIN topics t ON t.id = s.topic_id;

CREATE TABLE search_index (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    words TSVECTOR NOT NULL
);
CREATE INDEX search_index_words ON search_index USING gin (words);
CREATE INDEX search_index_document ON search_index USING gin (document gin_trgm_ops);

CREATE FUNCTION search_refresh(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
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

CREATE FUNCTION search_submission_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END $$;
CREATE TRIGGER search_submission_written
AFTER INSERT OR UPDATE OF title, summary, note, author_name, author_id, topic_id, url ON submissions
FOR EACH ROW EXECUTE FUNCTION search_submission_written();

CREATE FUNCTION search_topic_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_refresh(ARRAY(SELECT id FROM submissions WHERE topic_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER search_topic_renamed AFTER UPDATE OF title ON topics
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION search_topic_renamed();

CREATE FUNCTION search_author_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_refresh(ARRAY(SELECT id FROM submissions WHERE author_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER search_author_renamed AFTER UPDATE OF name ON authors
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_author_renamed();

CREATE FUNCTION search_link_described() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_refresh(ARRAY(SELECT id FROM submissions WHERE url = NEW.url));
    RETURN NULL;
END $$;
CREATE TRIGGER search_link_described AFTER INSERT ON link_previews
FOR EACH ROW EXECUTE FUNCTION search_link_described();

SELECT search_refresh(ARRAY(SELECT id FROM submissions));
