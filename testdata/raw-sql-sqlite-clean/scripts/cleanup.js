// node-sqlite3: SQL passed straight to db.run / db.all / db.get.
const sqlite3 = require("sqlite3");

const db = new sqlite3.Database(process.argv[2] ?? "local.db");

db.run("DELETE FROM visits WHERE link_id NOT IN (SELECT id FROM links)");
db.all("SELECT slug, id FROM links WHERE clicks = 0", (err, rows) => {
  if (err) throw err;
  for (const row of rows) {
    db.get("SELECT count(*) AS n FROM visits WHERE link_id = ?", [row.id], (e, r) => console.log(row.slug, r.n));
  }
});
db.get("Select one from the list"); // not SQL: a name common outside SQL, and not upper case
