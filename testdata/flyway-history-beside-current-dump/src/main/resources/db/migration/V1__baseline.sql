CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email varchar(255) NOT NULL,
    legacy_flag boolean NOT NULL DEFAULT false
);

CREATE TABLE projects (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    name varchar(120) NOT NULL
);
