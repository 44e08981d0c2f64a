CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    last_login_at timestamptz
);

CREATE TABLE audit_log (
    id serial PRIMARY KEY,
    user_id integer REFERENCES users(id),
    action text NOT NULL
);
