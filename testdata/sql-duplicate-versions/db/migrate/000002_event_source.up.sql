ALTER TABLE events ADD COLUMN source text; -- expect: migration-history-conflict
