import { sql } from "drizzle-orm";
import { char, timestamp } from "drizzle-orm/mysql-core";

// A ULID with a four-letter type prefix.
export const ulid = (name: string) => char(name, { length: 26 + 4 });

export const id = {
  get id() {
    return ulid("id").primaryKey();
  },
};

export const timestamps = {
  timeCreated: timestamp("time_created", { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  timeUpdated: timestamp("time_updated", { fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)`),
};
