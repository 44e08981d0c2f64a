-- Regenerated from the database after each release.
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email character varying(255) NOT NULL
);

CREATE TABLE projects (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    name character varying(120) NOT NULL
);
