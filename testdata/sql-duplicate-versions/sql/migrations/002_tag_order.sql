ALTER TABLE tags ADD COLUMN position integer; -- expect: migration-history-conflict@info
