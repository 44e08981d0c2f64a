// A Cloudflare Worker on D1: prepare().bind().first()/run()/all(), batch() and exec().
export interface Env {
  DB: D1Database;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const slug = url.pathname.slice(1);
    // SQLite reads "active" as a string when no column has that name.
    const link = await env.DB.prepare('SELECT id, url FROM links WHERE slug = ? AND status = "active"')
      .bind(slug)
      .first<{ id: number; url: string }>();
    if (!link) {
      return new Response("Not found", { status: 404 });
    }
    await env.DB.batch([
      env.DB.prepare("UPDATE links SET clicks = clicks + 1, last_visit = CURRENT_TIMESTAMP WHERE id = ?1").bind(link.id), // expect: sql-unknown-column
      env.DB.prepare("INSERT INTO visits (link_id, referrer, country) VALUES (?1, ?2, ?3)").bind( // expect: sql-unknown-column
        link.id,
        request.headers.get("Referer"),
        request.headers.get("CF-IPCountry"),
      ),
    ]);
    return Response.redirect(link.url, 302);
  },

  async scheduled(_event: ScheduledEvent, env: Env): Promise<void> {
    await env.DB.exec(
      "CREATE TABLE IF NOT EXISTS rate_limits (ip TEXT PRIMARY KEY, hits INTEGER NOT NULL, window_start TEXT NOT NULL)",
    );
    await env.DB.prepare("DELETE FROM rate_limits WHERE window_start < datetime('now', '-1 hour')").run();
    await env.DB.prepare(
      `INSERT INTO daily_clicks (day, link_id, clicks) -- expect: sql-unknown-table
       SELECT date(visited_at), link_id, count(*) FROM visits GROUP BY 1, 2`,
    ).run();
  },
};
