ALTER TABLE contacts ADD COLUMN not_connected INTEGER NOT NULL DEFAULT 0; -- expect: schema-dump-stale
CREATE INDEX idx_contacts_not_connected ON contacts(not_connected) WHERE not_connected > 0; -- expect: schema-dump-stale
