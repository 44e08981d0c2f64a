import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { db, type Env } from "../lib/db";

export const auth = new Hono<{ Bindings: Env }>();

const PBKDF2_ITERATIONS = 100_000;
const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;

interface SessionUser {
  id: string;
  email: string;
  role: string;
  isAdmin: boolean;
  organizationId: string | null;
}

function normalizeEmail(email: string): string {
  const [local, domain] = email.trim().toLowerCase().split("@");
  if (!local || !domain) {
    throw new HTTPException(400, { message: "Please enter a valid email address" });
  }
  // Gmail ignores dots and +tags; treat them as the same mailbox.
  if (domain === "gmail.com" || domain === "googlemail.com") {
    return `${local.split("+")[0].replaceAll(".", "")}@gmail.com`;
  }
  return `${local.split("+")[0]}@${domain}`;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

async function derive(password: string, salt: Uint8Array): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  return crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations: PBKDF2_ITERATIONS },
    key,
    256,
  );
}

async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt);
  return `pbkdf2$${PBKDF2_ITERATIONS}$${toHex(salt.buffer)}$${toHex(hash)}`;
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , salt, expected] = stored.split("$");
  if (scheme !== "pbkdf2" || !salt || !expected) {
    return false;
  }
  const actual = toHex(await derive(password, fromHex(salt)));
  // Constant-time comparison: the lengths are equal by construction.
  let diff = 0;
  for (let i = 0; i < actual.length; i++) {
    diff |= actual.charCodeAt(i) ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

function base64url(data: ArrayBuffer | string): string {
  const bytes =
    typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function signSession(user: SessionUser, secret: string): Promise<string> {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(
    JSON.stringify({ sub: user.id, org: user.organizationId, role: user.role, iat: now, exp: now + SESSION_TTL_SECONDS }),
  );
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${base64url(signature)}`;
}

export async function requireUser(env: Env, authorization: string | undefined): Promise<SessionUser> {
  const token = authorization?.replace(/^Bearer /, "");
  if (!token) {
    throw new HTTPException(401, { message: "Sign in to continue" });
  }
  const [, payload] = token.split(".");
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  const sql = db(env);
  const rows = await sql`
    SELECT id, email, role, is_admin, organization_id
    FROM users
    WHERE id = ${claims.sub}
  `;
  if (rows.length === 0) {
    throw new HTTPException(401, { message: "Your session has expired" });
  }
  const row = rows[0];
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    isAdmin: row.is_admin,
    organizationId: row.organization_id,
  };
}

// POST /api/auth/signup
auth.post("/signup", async (c) => {
  const body = await c.req.json<{ email: string; password: string; name?: string }>();
  if (!body.password || body.password.length < 10) {
    throw new HTTPException(400, { message: "Passwords need at least 10 characters" });
  }
  const normalized = normalizeEmail(body.email);
  const sql = db(c.env);

  const existing = await sql`SELECT id FROM users WHERE normalized_email = ${normalized}`;
  if (existing.length > 0) {
    throw new HTTPException(409, { message: "An account with this email already exists" });
  }
  const passwordHash = await hashPassword(body.password);
  const [user] = await sql`
    INSERT INTO users (email, normalized_email, name, password_hash, role, is_admin, created_at, updated_at)
    VALUES (${body.email.trim()}, ${normalized}, ${body.name ?? null}, ${passwordHash}, 'owner', false, now(), now())
    RETURNING id, email, role, is_admin, organization_id
  `;

  const session: SessionUser = {
    id: user.id,
    email: user.email,
    role: user.role,
    isAdmin: user.is_admin,
    organizationId: user.organization_id,
  };
  return c.json({ token: await signSession(session, c.env.JWT_SECRET), user: session }, 201);
});

// POST /api/auth/login
auth.post("/login", async (c) => {
  const body = await c.req.json<{ email: string; password: string }>();
  const sql = db(c.env);
  const rows = await sql`
    SELECT id, email, password_hash, role, is_admin, organization_id
    FROM users
    WHERE normalized_email = ${normalizeEmail(body.email)}
  `;
  const row = rows[0];
  if (!row || !row.password_hash || !(await verifyPassword(body.password, row.password_hash))) {
    throw new HTTPException(401, { message: "Wrong email or password" });
  }
  // Last sign-in time: the admin dashboard lists dormant accounts by it.
  await sql`UPDATE users SET updated_at = now() WHERE id = ${row.id}`;
  const session: SessionUser = {
    id: row.id,
    email: row.email,
    role: row.role,
    isAdmin: row.is_admin,
    organizationId: row.organization_id,
  };
  return c.json({ token: await signSession(session, c.env.JWT_SECRET), user: session });
});

// POST /api/auth/organizations: the signed-in user creates their organisation and joins it.
auth.post("/organizations", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  if (user.organizationId) {
    throw new HTTPException(409, { message: "You already belong to an organization" });
  }
  const { name } = await c.req.json<{ name: string }>();
  const sql = db(c.env);
  let slug = slugify(name);
  const taken = await sql`SELECT 1 FROM organizations WHERE slug = ${slug}`;
  if (taken.length > 0) {
    slug = `${slug}-${crypto.randomUUID().slice(0, 6)}`;
  }

  const [organization] = await sql`
    INSERT INTO organizations (name, slug, created_by, created_at, updated_at)
    VALUES (${name}, ${slug}, ${user.id}, now(), now())
    RETURNING id, name, slug
  `;
  await sql`
    UPDATE users
    SET organization_id = ${organization.id}, role = 'owner', updated_at = now()
    WHERE id = ${user.id}
  `;
  return c.json({ organization }, 201);
});

// GET /api/auth/me
auth.get("/me", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const sql = db(c.env);
  const [organization] = user.organizationId
    ? await sql`SELECT id, name, slug, created_by FROM organizations WHERE id = ${user.organizationId}`
    : [null];
  return c.json({ user, organization });
});
