import { Hono } from "hono";
import { db, type Env } from "../lib/db";

export const webhooks = new Hono<{ Bindings: Env }>();

interface StripeEvent {
  id: string;
  type: string;
  data: { object: { customer?: string; metadata?: { organization_slug?: string } } };
}

// POST /api/webhooks/stripe (signature checked by the gateway in front of the worker)
webhooks.post("/stripe", async (c) => {
  const event = await c.req.json<StripeEvent>();
  const sql = db(c.env);
  const slug = event.data.object.metadata?.organization_slug;
  const organizations = slug
    ? await sql`SELECT id FROM organizations WHERE slug = ${slug}`
    : [];
  const organizationId = organizations[0]?.id ?? null;

  const inserted = await sql`
    INSERT INTO billing_events (stripe_event_id, organization_id, type, payload)
    VALUES (${event.id}, ${organizationId}, ${event.type}, ${JSON.stringify(event)})
    ON CONFLICT (stripe_event_id) DO NOTHING
    RETURNING id
  `;
  if (inserted.length === 0) {
    // Stripe retries: this event was already recorded.
    return c.json({ received: true, duplicate: true });
  }
  if (organizationId && event.type.startsWith("customer.subscription.")) {
    await sql`UPDATE organizations SET updated_at = now() WHERE id = ${organizationId}`;
  }
  return c.json({ received: true });
});
