//! Tree-sitter queries as data: `grammars/python-*.scm`, compiled once per process, with capture
//! names resolved to a fixed vocabulary once. A capture name outside the vocabulary is an error
//! that lists the allowed names; names starting with `_` only feed predicates (`#eq?`).

use crate::extract::treesitter::BoundedQuery;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;
use tree_sitter::{Language, Node, Parser, Query, StreamingIterator, Tree};

macro_rules! vocabulary {
    ($($variant:ident = $name:literal,)*) => {
        /// Every capture name a Python grammar may use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Capture {
            $($variant,)*
        }

        impl Capture {
            /// The vocabulary, as written in the `.scm` files.
            pub const NAMES: &'static [&'static str] = &[$($name,)*];

            pub fn from_name(name: &str) -> Option<Capture> {
                match name {
                    $($name => Some(Capture::$variant),)*
                    _ => None,
                }
            }

            pub fn name(self) -> &'static str {
                match self {
                    $(Capture::$variant => $name,)*
                }
            }
        }
    };
}

vocabulary! {
    Import = "import",
    ImportModule = "import.module",
    ImportName = "import.name",
    ImportAlias = "import.alias",
    ImportWildcard = "import.wildcard",
    Assign = "assign",
    AssignName = "assign.name",
    AssignType = "assign.type",
    AssignValue = "assign.value",
    StatementCall = "statement.call",
    Class = "class",
    ClassName = "class.name",
    ClassBases = "class.bases",
    ClassDecorator = "class.decorator",
    Function = "function",
    FunctionName = "function.name",
    FunctionParameters = "function.parameters",
    Member = "member",
    MemberClass = "member.class",
    MemberName = "member.name",
    MemberType = "member.type",
    MemberValue = "member.value",
    Method = "method",
    MethodClass = "method.class",
    MethodName = "method.name",
    MethodType = "method.type",
    MethodDecorator = "method.decorator",
    ReturnFunction = "return.function",
    ReturnCondition = "return.condition",
    ReturnValue = "return.value",
    TargetValue = "target.value",
    Operation = "operation",
    OperationObject = "operation.object",
    OperationName = "operation.name",
    OperationArguments = "operation.arguments",
    Batch = "batch",
    BatchAlias = "batch.alias",
    BatchArguments = "batch.arguments",
    BatchBody = "batch.body",
    Loop = "loop",
    LoopTarget = "loop.target",
    LoopIter = "loop.iter",
    LoopBody = "loop.body",
    Local = "local",
    LocalName = "local.name",
    LocalValue = "local.value",
    QueryArgument = "query.argument",
    QueryLoose = "query.loose",
    QueryConstant = "query.constant",
    QueryName = "query.name",
}

/// Why a grammar cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrammarError {
    #[error("{grammar}: {message}")]
    Syntax { grammar: String, message: String },
    #[error(
        "{grammar}: unknown capture `@{capture}`; the allowed captures are {}",
        allowed()
    )]
    UnknownCapture { grammar: String, capture: String },
}

fn allowed() -> String {
    Capture::NAMES
        .iter()
        .map(|n| format!("@{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A compiled query whose capture indices map to [`Capture`]s.
pub struct Grammar {
    name: String,
    query: BoundedQuery,
    /// By capture index; `None` for `_` names.
    captures: Vec<Option<Capture>>,
}

impl fmt::Debug for Grammar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Grammar").field("name", &self.name).finish()
    }
}

/// One match: its pattern and the nodes it captured, in order.
pub struct Match<'t> {
    captures: Vec<(Capture, Node<'t>)>,
}

impl<'t> Match<'t> {
    pub fn node(&self, capture: Capture) -> Option<Node<'t>> {
        self.nodes(capture).next()
    }

    pub fn nodes(&self, capture: Capture) -> impl Iterator<Item = Node<'t>> + '_ {
        self.captures
            .iter()
            .filter(move |(c, _)| *c == capture)
            .map(|(_, n)| *n)
    }

    pub fn has(&self, capture: Capture) -> bool {
        self.node(capture).is_some()
    }
}

impl Grammar {
    /// Compiles `source` for `language`, rejecting capture names outside the vocabulary.
    pub fn compile(name: &str, language: &Language, source: &str) -> Result<Grammar, GrammarError> {
        let query = Query::new(language, source).map_err(|e| GrammarError::Syntax {
            grammar: name.to_string(),
            message: format!("line {}: {:?} error: {}", e.row + 1, e.kind, e.message),
        })?;
        let mut captures = Vec::new();
        for capture in query.capture_names() {
            if capture.starts_with('_') {
                captures.push(None);
                continue;
            }
            match Capture::from_name(capture) {
                Some(c) => captures.push(Some(c)),
                None => {
                    return Err(GrammarError::UnknownCapture {
                        grammar: name.to_string(),
                        capture: capture.to_string(),
                    });
                }
            }
        }
        Ok(Grammar {
            name: name.to_string(),
            query: BoundedQuery::new(query, source),
            captures,
        })
    }

    /// Calls `f` with every match under `node`.
    pub fn for_each_match<'t>(&self, node: Node<'t>, text: &[u8], f: impl FnMut(&Match<'t>)) {
        self.for_each_match_to_depth(node, text, None, f);
    }

    /// As [`Self::for_each_match`], with patterns starting as deep as `depth` when that is
    /// deeper than the query file's own limit.
    pub fn for_each_match_to_depth<'t>(
        &self,
        node: Node<'t>,
        text: &[u8],
        depth: Option<u32>,
        mut f: impl FnMut(&Match<'t>),
    ) {
        let mut cursor = self.query.cursor();
        if let Some(depth) = depth {
            cursor.set_max_start_depth(Some(depth));
        }
        let mut matches = cursor.matches(&self.query, node, text);
        while let Some(m) = matches.next() {
            let captures = m
                .captures()
                .iter()
                .filter_map(|c| self.captures[c.index as usize].map(|cap| (cap, c.node)))
                .collect();
            f(&Match { captures });
        }
    }
}

/// The Python language tree-sitter parses with.
pub fn language() -> Language {
    tree_sitter_python::LANGUAGE.into()
}

/// The built-in grammar files: name and text.
pub const GRAMMARS: &[(&str, &str)] = &[
    (
        "python-sqlalchemy.scm",
        include_str!("../../../grammars/python-sqlalchemy.scm"),
    ),
    (
        "python-alembic.scm",
        include_str!("../../../grammars/python-alembic.scm"),
    ),
    (
        "python-sql.scm",
        include_str!("../../../grammars/python-sql.scm"),
    ),
    (
        "python-alembic-env.scm",
        include_str!("../../../grammars/python-alembic-env.scm"),
    ),
];

fn builtin(index: usize, cell: &'static OnceLock<Grammar>) -> &'static Grammar {
    cell.get_or_init(|| {
        let (name, source) = GRAMMARS[index];
        // The grammars are part of the binary; tests/grammars.rs compiles each of them.
        Grammar::compile(name, &language(), source).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Declarations: imports, assignments, classes, functions, what functions return.
pub fn sqlalchemy() -> &'static Grammar {
    static CELL: OnceLock<Grammar> = OnceLock::new();
    builtin(0, &CELL)
}

/// Alembic operations, batch blocks and local variables of migration scripts.
pub fn alembic() -> &'static Grammar {
    static CELL: OnceLock<Grammar> = OnceLock::new();
    builtin(1, &CELL)
}

/// Strings that may hold SQL (`cursor.execute("...")`, `text("...")`, SQL constants).
pub fn sql() -> &'static Grammar {
    static CELL: OnceLock<Grammar> = OnceLock::new();
    builtin(2, &CELL)
}

/// `target_metadata=` passed to Alembic's `context.configure(...)` in env.py.
pub fn alembic_env() -> &'static Grammar {
    static CELL: OnceLock<Grammar> = OnceLock::new();
    builtin(3, &CELL)
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser
            .set_language(&language())
            .expect("tree-sitter-python matches the tree-sitter version");
        parser
    });
}

/// Parses Python source with this thread's parser.
pub fn parse(text: &str) -> Tree {
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(text, None)
            .expect("a parser with a language and no timeout always returns a tree")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_grammars_compile() {
        sqlalchemy();
        alembic();
        sql();
        alembic_env();
    }

    #[test]
    fn unknown_captures_are_rejected_with_the_vocabulary() {
        let error = Grammar::compile("x.scm", &language(), "(identifier) @nonsense").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("@nonsense"), "{text}");
        assert!(text.contains("@class.name"), "{text}");
        assert!(Grammar::compile("x.scm", &language(), "(identifier) @_helper").is_ok());
    }
}
