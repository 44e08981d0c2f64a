import { customType, datetime, int, mysqlTable, varchar, index } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";

import { ID_LENGTH, SLUG_MAX, newId } from "./helpers";

const publicId = customType<{ data: string; notNull: true }>({
  dataType() {
    return `char(${ID_LENGTH})`;
  },
});

export const links = mysqlTable("links", {
  id: varchar("id", { length: ID_LENGTH }).primaryKey().$defaultFn(() => newId()),
  slug: varchar("slug", { length: SLUG_MAX }).notNull().unique(),
  target: varchar("target", { length: 2048 }).notNull(),
  createdAt: datetime("created_at").notNull().default(sql`CURRENT_TIMESTAMP`),
});

export const clicks = mysqlTable(
  "clicks",
  {
    id: int("id").autoincrement().primaryKey(),
    linkId: varchar("link_id", { length: ID_LENGTH })
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    visitorId: publicId("visitor_id").notNull(),
    at: datetime("at").notNull().default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index("clicks_link_id_idx").on(t.linkId)],
);
