import { customType, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const visibility = pgEnum("visibility", ["public", "unlisted", "private"]);

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey(),
  handle: text("handle").notNull().unique(),
  created: timestamp("created", { withTimezone: true }).notNull().defaultNow(),
});

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    replyTargetId: uuid("reply_target_id").references((): any => posts.id, {
      onDelete: "set null",
    }),
    visibility: visibility("visibility").notNull(),
    content: text("content"),
  },
  (table) => [index("posts_account_id_index").on(table.accountId)],
);

// drizzle-kit writes a customType's data type quoted: `"avatar" "bytea"`.
const bytea = customType<{ data: Buffer }>({
  dataType() {
    return "bytea";
  },
});

export const avatars = pgTable("avatars", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  image: bytea("image").notNull(),
});
