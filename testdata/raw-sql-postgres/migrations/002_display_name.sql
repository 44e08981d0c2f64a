ALTER TABLE accounts RENAME COLUMN fullname TO display_name;

CREATE VIEW open_tasks AS
    SELECT id, project_id, title, due_on FROM tasks WHERE NOT done;
