-- Auth: password login and organisation membership.
ALTER TABLE users ADD COLUMN password_hash text; -- expect: schema-dump-stale
ALTER TABLE users ADD COLUMN organization_id uuid REFERENCES organizations(id); -- expect: schema-dump-stale, schema-dump-stale
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member'; -- expect: schema-dump-stale
ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false; -- expect: schema-dump-stale
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(); -- expect: schema-dump-stale
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(); -- expect: schema-dump-stale
ALTER TABLE users ADD COLUMN normalized_email text; -- expect: schema-dump-stale
CREATE UNIQUE INDEX idx_users_normalized_email ON users (normalized_email); -- expect: schema-dump-stale
