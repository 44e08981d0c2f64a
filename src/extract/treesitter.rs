//! What the Python and TypeScript extractors share about running tree-sitter: the directives a
//! query file may carry, and finding a tree's first syntax error without a query.

use tree_sitter::{Node, Query, QueryCursor};

/// Settings a `.scm` file declares in its own comments, so a query and the limits it was written
/// for stay in one place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Directives {
    /// `; max-start-depth: N`: every pattern starts at most N levels below the root, so the
    /// cursor never walks deeper than that looking for a start. Walking every expression of a
    /// large file is most of what an unbounded query costs.
    pub max_start_depth: Option<u32>,
}

impl Directives {
    pub fn read(source: &str) -> Directives {
        let mut directives = Directives::default();
        for line in source.lines() {
            let Some(comment) = line.trim_start().strip_prefix(';') else {
                continue;
            };
            if let Some(value) = comment.trim().strip_prefix("max-start-depth:") {
                directives.max_start_depth = value.trim().parse().ok();
            }
        }
        directives
    }

    /// A cursor limited as the query file asks.
    pub fn cursor(&self) -> QueryCursor {
        let mut cursor = QueryCursor::new();
        cursor.set_max_start_depth(self.max_start_depth);
        cursor
    }
}

/// A compiled query with the directives its `.scm` file declares. Every loader builds one, so a
/// directive written in any query file is honoured by every cursor run over it.
#[derive(Debug)]
pub struct BoundedQuery {
    query: Query,
    directives: Directives,
}

impl BoundedQuery {
    pub fn new(query: Query, source: &str) -> Self {
        BoundedQuery {
            query,
            directives: Directives::read(source),
        }
    }

    /// A cursor limited as the query file asks.
    pub fn cursor(&self) -> QueryCursor {
        self.directives.cursor()
    }
}

impl std::ops::Deref for BoundedQuery {
    type Target = Query;

    fn deref(&self) -> &Query {
        &self.query
    }
}

/// The first `ERROR` or `MISSING` node in document order. Only subtrees that contain an error
/// are entered, so a clean file costs one flag check.
pub fn first_syntax_error(root: Node) -> Option<Node> {
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_from_comments() {
        let source = "; Declarations.\n; max-start-depth: 4\n(module) @x\n";
        assert_eq!(Directives::read(source).max_start_depth, Some(4));
        assert_eq!(Directives::read("(module) @x").max_start_depth, None);
    }

    #[test]
    fn the_first_error_is_found_in_document_order() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .unwrap();
        let clean = parser.parse("x = 1\n", None).unwrap();
        assert!(first_syntax_error(clean.root_node()).is_none());
        let text = "x = 1\nclass A(:\n    pass\ny = (\n";
        let broken = parser.parse(text, None).unwrap();
        let error = first_syntax_error(broken.root_node()).expect("an error");
        assert_eq!(
            error.start_position().row,
            1,
            "{}",
            &text[error.byte_range()]
        );
    }
}
