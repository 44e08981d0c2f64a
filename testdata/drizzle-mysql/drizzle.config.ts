import type { Config } from "drizzle-kit";

export default {
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  dialect: "mysql",
  // MySQL reads `--> statement-breakpoint` as an operator, not a comment.
  breakpoints: false,
  dbCredentials: { url: process.env.DATABASE_URL! },
} satisfies Config;
