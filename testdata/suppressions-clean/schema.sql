CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    plan text,
    region text
);
CREATE TABLE report_cache (key text PRIMARY KEY, body jsonb);
