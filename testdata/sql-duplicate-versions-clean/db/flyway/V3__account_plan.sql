-- From a second branch, renumbered after the merge.
ALTER TABLE accounts ADD COLUMN plan varchar(20) NOT NULL DEFAULT 'free';
