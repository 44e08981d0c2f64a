ALTER TABLE notes ADD COLUMN pinned_at timestamp with time zone;
CREATE INDEX notes_pinned_idx ON notes (workspace_id, pinned_at) WHERE pinned_at IS NOT NULL;
