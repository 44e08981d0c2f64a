-- Auth: password login and organisation membership.
ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE users ADD COLUMN organization_id uuid REFERENCES organizations(id);
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member';
ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN normalized_email text;
CREATE UNIQUE INDEX idx_users_normalized_email ON users (normalized_email);
