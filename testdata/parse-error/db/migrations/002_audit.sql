-- A merge left a stray comma behind; the next statement still counts.
CREATE TABLE audit_log (
    id serial PRIMARY KEY,
    user_id integer REFERENCES users(id),, -- expect: parse-error
    action text NOT NULL
);

ALTER TABLE users ADD COLUMN last_login_at timestamptz;
