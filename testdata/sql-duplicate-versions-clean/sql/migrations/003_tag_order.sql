ALTER TABLE tags ADD COLUMN position integer;
