CREATE TABLE project_members (
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_email text NOT NULL,
    role text NOT NULL DEFAULT 'viewer',
    PRIMARY KEY (project_id, user_email)
);
ALTER TABLE projects ADD COLUMN archived boolean NOT NULL DEFAULT false;
