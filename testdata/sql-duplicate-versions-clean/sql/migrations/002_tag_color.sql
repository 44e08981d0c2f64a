ALTER TABLE tags ADD COLUMN color text;
