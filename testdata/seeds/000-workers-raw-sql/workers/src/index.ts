import { Hono } from "hono";
import type { Env } from "./lib/db";
import { auth } from "./routes/auth";
import { calls } from "./routes/calls";
import { webrtc } from "./routes/webrtc";
import { webhooks } from "./routes/webhooks";
import { runScheduled } from "./routes/scheduled";

const app = new Hono<{ Bindings: Env }>();

app.route("/api/auth", auth);
app.route("/api/calls", calls);
app.route("/api/webrtc", webrtc);
app.route("/api/webhooks", webhooks);

app.get("/health", (c) => c.json({ ok: true, message: "Select a region from the list" }));

export default {
  fetch: app.fetch,
  scheduled: (event: ScheduledEvent, env: Env, ctx: ExecutionContext) =>
    ctx.waitUntil(runScheduled(event, env)),
};
