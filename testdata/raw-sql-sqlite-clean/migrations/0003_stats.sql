-- Migration number: 0003 	 2026-01-08T08:00:00.000Z
ALTER TABLE links ADD COLUMN last_visit TEXT;
ALTER TABLE visits ADD COLUMN country TEXT;

CREATE TABLE daily_clicks (
    day TEXT NOT NULL,
    link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    clicks INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, link_id)
);
