import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { db, type Env } from "../lib/db";
import { requireUser } from "./auth";

export const calls = new Hono<{ Bindings: Env }>();

const OUTCOMES = ["booked", "callback", "not_interested", "voicemail", "wrong_number"] as const;
type Outcome = (typeof OUTCOMES)[number];

// GET /api/calls: the organisation's recent calls with their outcome and summary.
calls.get("/", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const sql = db(c.env);
  const limit = Math.min(Number(c.req.query("limit") ?? 50), 200);
  const rows = await sql`
    SELECT c.id, c.status, c.direction, c.phone_number, c.started_at, c.ended_at,
           o.outcome, s.summary
    FROM calls c
    LEFT JOIN call_outcomes o ON o.call_id = c.id
    LEFT JOIN ai_summaries s ON s.call_id = c.id
    WHERE c.organization_id = ${user.organizationId}
    ORDER BY c.created_at DESC
    LIMIT ${limit}
  `;
  return c.json({ calls: rows });
});

// POST /api/calls: an outbound call placed from the dialer.
calls.post("/", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const body = await c.req.json<{ to: string; from: string; flow?: string }>();
  const sql = db(c.env);
  const [call] = await sql`
    INSERT INTO calls (organization_id, user_id, phone_number, from_number, direction, flow_type, status, created_at, updated_at)
    VALUES (${user.organizationId}, ${user.id}, ${body.to}, ${body.from}, 'outbound', ${body.flow ?? "dialer"}, 'queued', now(), now())
    RETURNING id, status
  `;
  return c.json({ call }, 201);
});

// PUT /api/calls/:id/outcome: the agent declares how the call ended.
calls.put("/:id/outcome", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const { outcome, note } = await c.req.json<{ outcome: Outcome; note?: string }>();
  if (!OUTCOMES.includes(outcome)) {
    throw new HTTPException(400, { message: `Unknown outcome: ${outcome}` });
  }
  const callId = c.req.param("id");
  const sql = db(c.env);
  const previous = await sql`SELECT outcome FROM call_outcomes WHERE call_id = ${callId}`;
  await sql`DELETE FROM call_outcomes WHERE call_id = ${callId}`;
  const [declared] = await sql`
    INSERT INTO call_outcomes (call_id, outcome, declared_by)
    VALUES (${callId}, ${outcome}, ${user.id})
    RETURNING id, outcome, created_at
  `;
  await sql`
    INSERT INTO call_outcome_history (call_id, previous_outcome, outcome, note, changed_by)
    VALUES (${callId}, ${previous[0]?.outcome ?? null}, ${outcome}, ${note ?? null}, ${user.id})
  `;
  return c.json({ outcome: declared });
});

// GET /api/calls/:id/outcome/history
calls.get("/:id/outcome/history", async (c) => {
  await requireUser(c.env, c.req.header("Authorization"));
  const sql = db(c.env);
  const rows = await sql`
    SELECT h.previous_outcome, h.outcome, h.note, h.created_at, u.email AS changed_by_email
    FROM call_outcome_history h
    JOIN users u ON u.id = h.changed_by
    WHERE h.call_id = ${c.req.param("id")}
    ORDER BY h.created_at
  `;
  return c.json({ history: rows });
});

// POST /api/calls/:id/summary: store the AI summary of a finished call.
calls.post("/:id/summary", async (c) => {
  const user = await requireUser(c.env, c.req.header("Authorization"));
  const { summary, model } = await c.req.json<{ summary: string; model: string }>();
  const sql = db(c.env);
  const [run] = await sql`
    INSERT INTO ai_runs (call_id, organization_id, model, purpose, input, output, created_at, updated_at)
    VALUES (${c.req.param("id")}, ${user.organizationId}, ${model}, 'summary', ${JSON.stringify({ callId: c.req.param("id") })}, ${JSON.stringify({ summary })}, now(), now())
    RETURNING id
  `;
  await sql`
    INSERT INTO ai_summaries (call_id, ai_run_id, summary)
    VALUES (${c.req.param("id")}, ${run.id}, ${summary})
    ON CONFLICT (call_id) DO UPDATE SET summary = EXCLUDED.summary, ai_run_id = EXCLUDED.ai_run_id
  `;
  return c.json({ ok: true });
});
