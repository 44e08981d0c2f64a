import { db, type Env } from "../lib/db";

const STALE_TRANSCRIPTION = "30 minutes";

/** Nightly: roll up yesterday's usage, and fail transcriptions AssemblyAI never called back for. */
export async function runScheduled(event: ScheduledEvent, env: Env): Promise<void> {
  const sql = db(env);
  const day = new Date(event.scheduledTime - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  await sql`
    INSERT INTO usage_stats (organization_id, day, calls, call_seconds, ai_runs)
    SELECT c.organization_id,
           ${day}::date,
           count(*),
           coalesce(sum(extract(epoch FROM c.ended_at - c.started_at)), 0)::int,
           (SELECT count(*) FROM ai_runs r WHERE r.organization_id = c.organization_id AND r.created_at::date = ${day}::date)
    FROM calls c
    WHERE c.created_at::date = ${day}::date
    GROUP BY c.organization_id
    ON CONFLICT (organization_id, day) DO UPDATE
      SET calls = EXCLUDED.calls, call_seconds = EXCLUDED.call_seconds, ai_runs = EXCLUDED.ai_runs
  `;

  const stale = await sql`
    UPDATE ai_runs
    SET assemblyai_status = 'failed',
        error = 'no webhook from AssemblyAI',
        updated_at = now()
    WHERE assemblyai_status = 'processing'
      AND created_at < now() - ${STALE_TRANSCRIPTION}::interval
    RETURNING id, call_id
  `;
  console.log(`failed ${stale.length} stale transcriptions`);
}
