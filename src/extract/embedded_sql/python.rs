//! `grammars/python-sql.scm`: Python strings that may hold SQL. The grammar is one of the Python
//! extractor's (same loader, same capture vocabulary), and runs on the tree it parses.

use super::literal::{self, Escapes, Text};
use super::{Candidate, CodeLanguage, Context, EmbeddedQuery};
use crate::extract::python::query::{self, Capture};
use crate::source::SourceFile;
use tree_sitter::{Node, Tree};

/// The SQL strings of one parsed file.
pub fn scan(file: &SourceFile, tree: &Tree) -> Vec<EmbeddedQuery> {
    let text = &*file.text;
    let mut candidates = Vec::new();
    query::sql().for_each_match(tree.root_node(), text.as_bytes(), |m| {
        let (node, context) = if let Some(node) = m.node(Capture::QueryArgument) {
            (node, Context::Call)
        } else if let Some(node) = m.node(Capture::QueryLoose) {
            (node, Context::Loose)
        } else if let Some(node) = m.node(Capture::QueryConstant) {
            (node, Context::Constant)
        } else {
            return;
        };
        let name = m.node(Capture::QueryName).map(|n| &text[n.byte_range()]);
        candidates.push(Candidate {
            node,
            context,
            name,
        });
    });
    super::queries_of(file, CodeLanguage::Python, candidates, |node| {
        decode(text, node)
    })
}

/// The text of a `string` (any prefix, f-strings' `{...}` as holes) or `concatenated_string`.
fn decode(source: &str, node: Node<'_>) -> Option<Text> {
    if node.kind() == "concatenated_string" {
        let mut cursor = node.walk();
        let mut out: Option<Text> = None;
        for part in node.named_children(&mut cursor) {
            let text = decode(source, part)?;
            match &mut out {
                Some(all) => all.append(text),
                None => out = Some(text),
            }
        }
        return out;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    let start = children.iter().find(|c| c.kind() == "string_start")?;
    let end = children.iter().rev().find(|c| c.kind() == "string_end")?;
    let prefix = source[start.byte_range()]
        .trim_end_matches(['"', '\''])
        .to_ascii_lowercase();
    let raw = prefix.contains('r');
    let formatted = prefix.contains('f');
    let holes: Vec<_> = children
        .iter()
        .filter(|c| c.kind() == "interpolation")
        .map(|c| c.byte_range())
        .collect();
    let escapes = if raw { Escapes::None } else { Escapes::Python };
    Some(literal::read(
        source,
        start.end_byte()..end.start_byte(),
        &holes,
        escapes,
        formatted,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queries(source: &str) -> Vec<(String, Context)> {
        let file = SourceFile::in_memory("app/db.py", source);
        let tree = query::parse(source);
        scan(&file, &tree)
            .into_iter()
            .map(|q| (q.sql().to_string(), q.context))
            .collect()
    }

    #[test]
    fn finds_each_query_style() {
        let found = queries(
            r#"
import sqlite3
from sqlalchemy import text

GET_USER = """
    SELECT id, email FROM users WHERE id = ?
"""
greeting = "Select a file from the list"

def run(cursor, session, op, table):
    cursor.execute("UPDATE users SET name = %s WHERE id = %s", ("a", 1))
    session.execute(text("DELETE FROM sessions WHERE user_id = :id"), {"id": 1})
    cursor.execute(f"SELECT * FROM {table} WHERE id = {1}")
    cursor.execute("SELECT name FROM calls WHERE id = {}".format(1))
    cursor.execute("SELECT name " "FROM calls WHERE id = %s" % 1)
    op.execute("UPDATE users SET x = 1")
    query = r"SELECT a\n FROM t"
"#,
        );
        let sql: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            sql,
            [
                "\n    SELECT id, email FROM users WHERE id = ?\n",
                "UPDATE users SET name = %s WHERE id = %s",
                "DELETE FROM sessions WHERE user_id = :id",
                "SELECT * FROM _______ WHERE id = ___",
                "SELECT name FROM calls WHERE id = {}",
                "SELECT name FROM calls WHERE id = %s",
                r"SELECT a\n FROM t",
            ]
        );
        assert_eq!(found[0].1, Context::Constant);
        assert_eq!(found[1].1, Context::Call);
    }
}
