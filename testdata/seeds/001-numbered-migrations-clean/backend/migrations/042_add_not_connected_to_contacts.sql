ALTER TABLE contacts ADD COLUMN not_connected INTEGER NOT NULL DEFAULT 0;
CREATE INDEX idx_contacts_not_connected ON contacts(not_connected) WHERE not_connected > 0;
