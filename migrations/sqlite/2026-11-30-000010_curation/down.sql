DROP TABLE roundups;
ALTER TABLE submissions DROP COLUMN added_by;
ALTER TABLE submissions DROP COLUMN position;
ALTER TABLE submissions DROP COLUMN highlighted;
ALTER TABLE submissions DROP COLUMN language;
ALTER TABLE submissions DROP COLUMN note;
