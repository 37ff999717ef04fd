-- The search index under the entries' own ids again.
DROP TRIGGER search_link_described;
DROP TRIGGER search_author_renamed;
DROP TRIGGER search_topic_renamed;
DROP TRIGGER search_submission_removed;
DROP TRIGGER search_submission_changed;
DROP TRIGGER search_submission_added;
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5 (title, summary, note, author, topic, metadata, tokenize = 'trigram');
INSERT INTO search_index (search_index, rank) VALUES ('usermerge', 2);

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
SELECT id, title, summary, note, author, topic, metadata FROM search_source ORDER BY id ASC;
-- One part, as `content-club search compact` leaves it.
INSERT INTO search_index (search_index) VALUES ('optimize');
