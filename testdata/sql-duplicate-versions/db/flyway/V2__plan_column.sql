-- From a second branch, merged without renumbering. -- expect: migration-history-conflict
ALTER TABLE accounts ADD COLUMN plan varchar(20) NOT NULL DEFAULT 'free';
