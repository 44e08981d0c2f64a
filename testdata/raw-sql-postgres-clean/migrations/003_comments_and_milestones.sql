CREATE TABLE task_comments (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    body text NOT NULL
);

CREATE TABLE milestones (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id)
);
