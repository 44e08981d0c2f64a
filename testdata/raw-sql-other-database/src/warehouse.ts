// Queries against the analytics warehouse, which this repository does not describe: none of
// their tables is known, so none of them is reported.
import { BigQuery } from "@google-cloud/bigquery";

const bigquery = new BigQuery();

export async function dailyActive(day: string) {
  const [rows] = await bigquery.query({
    query: "SELECT count(DISTINCT user_id) AS dau FROM events WHERE event_date = @day",
    params: { day },
  });
  return rows;
}

export async function funnel(client: { query(sql: string): Promise<unknown> }) {
  return client.query(`
    SELECT step, count(*) FROM funnel_steps
    JOIN sessions USING (session_id)
    GROUP BY step
  `);
}
