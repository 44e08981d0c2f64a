import type { Config } from "drizzle-kit";

export default {
  schema: "./src/db/*.sql.ts",
  out: "./drizzle",
  dialect: "mysql",
} satisfies Config;
