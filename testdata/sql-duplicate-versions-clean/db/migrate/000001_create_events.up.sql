CREATE TABLE events (id bigserial PRIMARY KEY, kind text NOT NULL);
