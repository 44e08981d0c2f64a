-- Audit trail of user actions.
CREATE TABLE audit_log (
    id serial PRIMARY KEY,
    user_id integer REFERENCES users(id),
    action text NOT NULL
);

ALTER TABLE users ADD COLUMN last_login_at timestamptz;
