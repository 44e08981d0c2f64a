import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

const client = postgres(process.env.DATABASE_URL!);

// Queries ask for "customerName"; drizzle-kit created "customer_name".
export const db = drizzle(client, { schema }); // expect: drizzle-casing-mismatch
