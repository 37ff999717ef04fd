INSERT INTO search_index (search_index, rank) VALUES ('usermerge', 4);
