-- Written against a table someone created by hand in production.
ALTER TABLE project_members ADD COLUMN role text NOT NULL DEFAULT 'viewer'; -- expect: migration-replay-conflict
ALTER TABLE projects ADD COLUMN archived boolean NOT NULL DEFAULT false;
