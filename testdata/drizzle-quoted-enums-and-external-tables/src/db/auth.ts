// The identity provider's own tables, declared here only so foreign keys can point at them.
import { pgSchema, text, uuid } from "drizzle-orm/pg-core";

const auth = pgSchema("auth");

export const authUsers = auth.table("users", {
  id: uuid("id").primaryKey(),
  email: text("email"),
});

export const authIdentities = auth.table("identities", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull().references(() => authUsers.id),
  provider: text("provider").notNull(),
});
