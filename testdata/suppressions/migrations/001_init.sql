CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
-- Kept out of schema.sql on purpose: the reporting team owns it.
-- schemadrift: ignore[schema-dump-stale]
CREATE TABLE report_cache (key text PRIMARY KEY, body jsonb);
ALTER TABLE accounts ADD COLUMN plan text; -- schemadrift: ignore[schema-dump-stale]
ALTER TABLE accounts ADD COLUMN region text; -- schemadrift: ignore[parse-error] -- expect: unused-suppression
