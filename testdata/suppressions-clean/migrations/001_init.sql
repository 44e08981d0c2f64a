CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
CREATE TABLE report_cache (key text PRIMARY KEY, body jsonb);
ALTER TABLE accounts ADD COLUMN plan text;
ALTER TABLE accounts ADD COLUMN region text;
