import { mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { timestamps, workspaceID } from "./columns";

export const project = mysqlTable(
  "project",
  {
    ...workspaceID,
    ...timestamps,
    name: varchar("name", { length: 255 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceID, table.id] })],
);
