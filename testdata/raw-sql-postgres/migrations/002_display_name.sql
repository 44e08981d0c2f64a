ALTER TABLE accounts RENAME COLUMN fullname TO display_name;
ALTER TABLE labels RENAME TO tag_catalog;

CREATE VIEW open_tasks AS
    SELECT id, project_id, title, due_on FROM tasks WHERE NOT done;
