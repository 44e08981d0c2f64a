// better-sqlite3 against a local copy of the D1 database.
const Database = require("better-sqlite3");

const db = new Database(process.argv[2] ?? ".wrangler/state/d1/db.sqlite");

const top = db.prepare("SELECT slug, url, clicks FROM links ORDER BY clicks DESC LIMIT 20").all();
const one = db.prepare("SELECT slug, title FROM links WHERE id = @id").get({ id: 1 }); // expect: sql-unknown-column
db.prepare("UPDATE visits SET referrer = NULL WHERE referrer = ''").run();
db.exec("DELETE FROM visits WHERE visited_at < date('now', '-90 days')");

console.log(JSON.stringify({ top, one }, null, 2));
