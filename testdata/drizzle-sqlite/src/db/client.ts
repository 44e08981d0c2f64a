import { drizzle } from "drizzle-orm/libsql";
import { createClient } from "@libsql/client";
import * as schema from "./schema";

export const db = drizzle(createClient({ url: process.env.DATABASE_URL ?? "file:./local.db" }), { schema });
