-- The column was added by hand on production; no migration ever created it.
ALTER TABLE accounts DROP COLUMN nickname; -- expect: migration-replay-conflict
