-- The column was added by hand on production; V2 records it so every database has it.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS nickname varchar(60);
ALTER TABLE accounts DROP COLUMN nickname;
