import { neon, type NeonQueryFunction } from "@neondatabase/serverless";

export interface Env {
  DATABASE_URL: string;
  JWT_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
  ASSEMBLYAI_API_KEY: string;
}

/** One Neon HTTP client per request: the Workers runtime forbids sharing sockets. */
export function db(env: Env): NeonQueryFunction<false, false> {
  return neon(env.DATABASE_URL);
}
