-- Written against a table someone created by hand in production.
ALTER TABLE project_members ADD COLUMN role text NOT NULL DEFAULT 'viewer'; -- expect: migration-history-incomplete
ALTER TABLE projects ADD COLUMN archived boolean NOT NULL DEFAULT false;
-- Renames a column an earlier hotfix was meant to add.
ALTER TABLE projects RENAME COLUMN title TO display_name; -- expect: migration-replay-conflict
