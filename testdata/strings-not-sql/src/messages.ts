// UI copy full of SQL keywords: none of it is SQL.
export const messages = {
  pick: "Select a file from the list",
  pickUpper: "Select the plan FROM the options below",
  update: "Update your profile and set a new password",
  remove: "Delete from cart",
  insert: "Insert into your calendar",
  replace: "Replace into the template the values you set",
  create: "Create a table of contents",
  with: "With a few clicks, select items from your history as a gift",
};

export const SELECT_LABEL = "Select a region";
export const updateNotice = `Update available: select "Install" from the menu to set it up`;
const cacheKey = "select:from:users";

export function lookup(map: Map<string, string>, i18n: { get(key: string): string }) {
  map.get("Delete from cart");
  i18n.get("Update settings and set preferences");
  return map.get(cacheKey);
}
