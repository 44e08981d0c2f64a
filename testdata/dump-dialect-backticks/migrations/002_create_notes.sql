-- Note titles are rendered as Markdown headings: a backtick would open a code span.
CREATE TABLE notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    body text NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{}'::text[],
    CONSTRAINT "notes_title_no_`_check" CHECK (strpos(title, '`') = 0)
);

CREATE INDEX notes_workspace_id_idx ON notes (workspace_id);
