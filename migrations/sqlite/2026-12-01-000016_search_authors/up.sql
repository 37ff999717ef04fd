-- Authors: one identity per person whatever spelling they submitted under. Each spelling seen
-- (compared without case and extra spaces) points at one author; merging two authors moves the
-- spellings and entries and keeps the old address as a redirect. Addresses never use an email.
CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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

-- Search: what is searched of each entry, and the full-text index over it (the trigram
-- tokenizer, so that Chinese and Japanese, written without spaces, are found by any part of
-- three characters or more; shorter words are matched by LIKE over the same table). The
-- triggers keep the index in step within the very statement that changes an entry, its topic's
-- title, its author's name or its link's fetched metadata.
CREATE VIEW search_source AS
SELECT s.id AS id,
       s.title AS title,
       s.summary AS summary,
       s.note AS note,
       s.author_name || coalesce((SELECT ' ' || a.name FROM authors a
                                  WHERE a.id = s.author_id AND a.name <> s.author_name), '') AS author,
       t.title AS topic,
       coalesce((SELECT coalesce(json_extract(p.metadata, '$.title'), '') || ' '
                        || coalesce(json_extract(p.metadata, '$.description'), '')
                 FROM link_previews p WHERE p.url = s.url AND json_valid(p.metadata)), '') AS metadata
FROM submissions s JOIN topics t ON t.id = s.topic_id;

CREATE VIRTUAL TABLE search_index USING fts5 (title, summary, note, author, topic, metadata, tokenize = 'trigram');

CREATE TRIGGER search_submission_added AFTER INSERT ON submissions BEGIN
    INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
    SELECT id, title, summary, note, author, topic, metadata FROM search_source WHERE id = NEW.id;
END;
CREATE TRIGGER search_submission_changed
AFTER UPDATE OF title, summary, note, author_name, author_id, topic_id, url ON submissions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
    INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
    SELECT id, title, summary, note, author, topic, metadata FROM search_source WHERE id = NEW.id;
END;
CREATE TRIGGER search_submission_removed AFTER DELETE ON submissions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;
CREATE TRIGGER search_topic_renamed AFTER UPDATE OF title ON topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM submissions WHERE topic_id = NEW.id);
    INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
    SELECT id, title, summary, note, author, topic, metadata FROM search_source WHERE id IN
        (SELECT id FROM submissions WHERE topic_id = NEW.id);
END;
CREATE TRIGGER search_author_renamed AFTER UPDATE OF name ON authors BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM submissions WHERE author_id = NEW.id);
    INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
    SELECT id, title, summary, note, author, topic, metadata FROM search_source WHERE id IN
        (SELECT id FROM submissions WHERE author_id = NEW.id);
END;
CREATE TRIGGER search_link_described AFTER INSERT ON link_previews BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM submissions WHERE url = NEW.url);
    INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
    SELECT id, title, summary, note, author, topic, metadata FROM search_source WHERE id IN
        (SELECT id FROM submissions WHERE url = NEW.url);
END;

INSERT INTO search_index (rowid, title, summary, note, author, topic, metadata)
SELECT id, title, summary, note, author, topic, metadata FROM search_source;
