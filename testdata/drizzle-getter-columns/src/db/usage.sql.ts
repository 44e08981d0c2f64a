import { bigint, mysqlTable, primaryKey } from "drizzle-orm/mysql-core";
import { blob, cuid, workspaceID } from "./columns";

type Payload = { source: string };

export const usage = mysqlTable(
  "usage",
  {
    workspaceID: workspaceID.workspaceID,
    id: cuid("id").notNull(),
    invocations: bigint("invocations", { mode: "number" }).notNull(),
    payload: blob<Payload>("payload"),  // expect: column-type-mismatch
  },
  (table) => [primaryKey({ columns: [table.workspaceID, table.id] })],
);
