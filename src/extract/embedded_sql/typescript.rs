//! `grammars/typescript-sql.scm`: string and template literals of TypeScript / JavaScript that
//! may hold SQL. Compiled with the Drizzle extractor's loader (same languages, same rules for
//! capture names), once per grammar.

use super::literal::{self, Escapes, Text};
use super::{Candidate, CodeLanguage, Context, EmbeddedQuery};
use crate::extract::drizzle::query::{Grammar, PerGrammar, compile};
use crate::extract::treesitter::BoundedQuery;
use crate::source::SourceFile;
use tree_sitter::{Node, StreamingIterator, Tree};

/// The query text, as data.
pub const SOURCE: &str = include_str!("../../../grammars/typescript-sql.scm");

/// Every capture name the query may use. Names starting with `_` only serve predicates.
pub const CAPTURES: &[&str] = &[
    "query.template",
    "query.argument",
    "query.loose",
    "query.constant",
    "query.name",
];

struct SqlQuery {
    query: BoundedQuery,
    template: Option<u32>,
    argument: Option<u32>,
    loose: Option<u32>,
    constant: Option<u32>,
    name: Option<u32>,
}

impl SqlQuery {
    fn load(grammar: Grammar) -> SqlQuery {
        let query = compile(&grammar.language(), SOURCE, CAPTURES)
            .unwrap_or_else(|e| panic!("grammars/typescript-sql.scm: {e}"));
        let index = |name: &str| query.capture_index_for_name(name);
        SqlQuery {
            template: index("query.template"),
            argument: index("query.argument"),
            loose: index("query.loose"),
            constant: index("query.constant"),
            name: index("query.name"),
            query,
        }
    }

    fn get(grammar: Grammar) -> &'static SqlQuery {
        static QUERIES: PerGrammar<SqlQuery> = PerGrammar::new();
        QUERIES.get(grammar, || SqlQuery::load(grammar))
    }
}

/// The SQL strings of one parsed file.
pub fn scan(file: &SourceFile, grammar: Grammar, tree: &Tree) -> Vec<EmbeddedQuery> {
    let q = SqlQuery::get(grammar);
    let text = &*file.text;
    let mut candidates = Vec::new();
    let mut cursor = q.query.cursor();
    let mut matches = cursor.matches(&q.query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let capture = |index: Option<u32>| {
            index.and_then(|i| m.captures().iter().find(|c| c.index == i).map(|c| c.node))
        };
        let (node, context) = if let Some(node) = capture(q.template) {
            (node, Context::Tagged)
        } else if let Some(node) = capture(q.argument) {
            (node, Context::Call)
        } else if let Some(node) = capture(q.loose) {
            (node, Context::Loose)
        } else if let Some(node) = capture(q.constant) {
            (node, Context::Constant)
        } else {
            continue;
        };
        let name = capture(q.name).map(|n| text[n.byte_range()].trim_matches(['"', '\'']));
        candidates.push(Candidate {
            node,
            context,
            name,
        });
    }
    super::queries_of(file, CodeLanguage::TypeScript, candidates, |node| {
        decode(text, node)
    })
}

/// The text of a `string` or `template_string`: escapes decoded, `${...}` as holes.
fn decode(source: &str, node: Node<'_>) -> Option<Text> {
    let (start, end) = (node.start_byte() + 1, node.end_byte().checked_sub(1)?);
    if end < start {
        return None;
    }
    let mut holes = Vec::new();
    if node.kind() == "template_string" {
        let mut cursor = node.walk();
        holes.extend(
            node.named_children(&mut cursor)
                .filter(|c| c.kind() == "template_substitution")
                .map(|c| c.byte_range()),
        );
    }
    Some(literal::read(
        source,
        start..end,
        &holes,
        Escapes::JavaScript,
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::drizzle::query::parse;

    fn queries(source: &str) -> Vec<(String, Context)> {
        let file = SourceFile::in_memory("src/routes/x.ts", source);
        let tree = parse(Grammar::TypeScript, source).unwrap();
        scan(&file, Grammar::TypeScript, &tree)
            .into_iter()
            .map(|q| (q.sql().to_string(), q.context))
            .collect()
    }

    #[test]
    fn finds_each_query_style() {
        let found = queries(
            r#"
import { neon } from "@neondatabase/serverless";
const sql = neon(env.DATABASE_URL);
const GET_USER = `SELECT id FROM users WHERE id = $1`;
const label = "Select a file from the list";
export async function f(db, pool, env, id) {
  await sql`SELECT * FROM calls WHERE id = ${id}`;
  await db.execute(sql<User>`UPDATE users SET name = ${"x"}`);
  await pool.query("DELETE FROM sessions WHERE id = $1", [id]);
  await env.DB.prepare('INSERT INTO events (kind) VALUES (?)').bind("a").run();
  await pool.query({ text: "SELECT 1 FROM calls", values: [] });
  await prisma.$queryRaw`SELECT id FROM "User" WHERE id = ${id}`;
  await prisma.$executeRawUnsafe("DELETE FROM sessions");
  await db.get("profile");
  await cache.get("Delete from cart");
  await db.all("SELECT id FROM tasks");
  const q = { byId: "SELECT name FROM organizations WHERE id = ?" };
}
"#,
        );
        let contexts: Vec<Context> = found.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            contexts,
            [
                Context::Constant,
                Context::Tagged,
                Context::Tagged,
                Context::Call,
                Context::Call,
                Context::Call,
                Context::Tagged,
                Context::Call,
                Context::Loose,
                Context::Constant
            ],
            "{found:?}"
        );
        assert_eq!(found[1].0, "SELECT * FROM calls WHERE id = _____");
    }
}
