import { Hono } from "hono";
import { db, type Env } from "../lib/db";
import { requireUser } from "./auth";

export const webrtc = new Hono<{ Bindings: Env }>();

// POST /api/webrtc/session: a browser call starts; the row is written before the media connects.
webrtc.post("/session", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const { to, from } = await c.req.json<{ to: string; from: string }>();
  const sql = db(c.env);
  const [call] = await sql`
    INSERT INTO calls (
      organization_id, user_id, phone_number, from_number, direction, flow_type, status, started_at
    )
    VALUES (${user.organizationId}, ${user.id}, ${to}, ${from}, 'outbound', 'webrtc', 'ringing', now())
    RETURNING id
  `;
  return c.json({ callId: call.id, iceServers: [{ urls: "stun:stun.cloudflare.com:3478" }] });
});

// POST /api/webrtc/session/:id/end
webrtc.post("/session/:id/end", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const sql = db(c.env);
  const rows = await sql`
    UPDATE calls
    SET status = 'completed', ended_at = now(), updated_at = now()
    WHERE id = ${c.req.param("id")} AND organization_id = ${user.organizationId}
    RETURNING id, started_at, ended_at
  `;
  if (rows.length === 0) {
    return c.json({ error: "Call not found" }, 404);
  }
  return c.json({ call: rows[0] });
});
