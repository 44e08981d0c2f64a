// Queries kept as constants and in an object.
export const TASKS_BY_PROJECT_SQL = `
  SELECT id, title, done, due_on
  FROM tasks
  WHERE project_id = $1
  ORDER BY due_on
`;

export const queries = {
  accountById: "SELECT id, email, display_name FROM accounts WHERE id = $1",
  projectsOf: "SELECT id, name FROM projects WHERE account_id = $1",
  labelNames: "SELECT name FROM tag_catalog ORDER BY name",
};

const greeting = "Select a project from the list to get started";
export const labels = { update: "Update your settings", remove: "Delete from this project" };
export { greeting };
