CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    fullname text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts(id),
    name text NOT NULL,
    archived boolean NOT NULL DEFAULT false
);

CREATE TABLE tasks (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title text NOT NULL,
    done boolean NOT NULL DEFAULT false,
    due_on date,
    assignee_id bigint REFERENCES accounts(id),
    tags text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE labels (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
