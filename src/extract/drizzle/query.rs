//! `grammars/typescript-drizzle.scm`: compiled once per process and language, capture names
//! resolved to indices once (unknown names rejected), run once per file.
//!
//! [`scan`] turns one file's matches into [`Facts`]: imports, top-level declarations, exports,
//! drizzle-kit configuration objects, `drizzle()` calls, table calls and syntax errors. The
//! expressions the facts point at are evaluated elsewhere.

use crate::extract::treesitter::{BoundedQuery, first_syntax_error};
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;
use tree_sitter::{Language, Node, Parser, Query, StreamingIterator, Tree};

/// The query text, as data: declarations at the top level of a file.
pub const SOURCE: &str = include_str!("../../../grammars/typescript-drizzle.scm");

/// Calls at any depth (`drizzle(...)`, table calls), run only on files that may need them.
pub const CALLS_SOURCE: &str = include_str!("../../../grammars/typescript-drizzle-calls.scm");

/// drizzle-kit configuration objects, run only on `drizzle*.config.*` files.
pub const CONFIG_SOURCE: &str = include_str!("../../../grammars/typescript-drizzle-config.scm");

/// CommonJS exports, run only on files that mention `module.exports`.
pub const COMMONJS_SOURCE: &str = include_str!("../../../grammars/typescript-drizzle-commonjs.scm");

/// Every capture name the query may use. Names starting with `_` only serve predicates.
pub const CAPTURES: &[&str] = &[
    "import",
    "import.name",
    "import.alias",
    "import.namespace",
    "import.source",
    "declaration",
    "declaration.name",
    "declaration.value",
    "declaration.exported",
    "export.name",
];

/// The capture names of the configuration query.
pub const CONFIG_CAPTURES: &[&str] = &["config"];

/// The capture names of the CommonJS query.
pub const COMMONJS_CAPTURES: &[&str] = &["export.name"];

/// The capture names of the calls query.
pub const CALLS_CAPTURES: &[&str] = &[
    "runtime",
    "runtime.function",
    "runtime.arguments",
    "table",
    "table.function",
];

/// The grammar a file is parsed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    TypeScript,
    Tsx,
}

impl Grammar {
    /// TypeScript for `.ts` / `.mts` / `.cts`; TSX for `.tsx` and for JavaScript, which may
    /// hold JSX and never holds the `<T>x` assertions TSX cannot read.
    pub fn for_path(path: &str) -> Grammar {
        if [".ts", ".mts", ".cts"]
            .iter()
            .any(|ext| path.ends_with(ext))
        {
            Grammar::TypeScript
        } else {
            Grammar::Tsx
        }
    }

    pub fn language(self) -> Language {
        match self {
            Grammar::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }
}

/// One value per grammar, built on first use (a compiled query for TypeScript and one for TSX).
pub struct PerGrammar<T>([OnceLock<T>; 2]);

impl<T> PerGrammar<T> {
    pub const fn new() -> Self {
        PerGrammar([OnceLock::new(), OnceLock::new()])
    }

    pub fn get(&self, grammar: Grammar, init: impl FnOnce() -> T) -> &T {
        let cell = match grammar {
            Grammar::TypeScript => &self.0[0],
            Grammar::Tsx => &self.0[1],
        };
        cell.get_or_init(init)
    }
}

/// Why a query file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryLoadError {
    #[error("the query does not compile: {0}")]
    Syntax(String),
    #[error("unknown capture `@{name}`; allowed: {allowed}")]
    UnknownCapture { name: String, allowed: String },
}

/// Compiles `source` for `language` and checks every capture name against `vocabulary`.
pub fn compile(
    language: &Language,
    source: &str,
    vocabulary: &[&str],
) -> Result<BoundedQuery, QueryLoadError> {
    let query = Query::new(language, source).map_err(|e| QueryLoadError::Syntax(e.to_string()))?;
    for name in query.capture_names() {
        if !name.starts_with('_') && !vocabulary.contains(name) {
            return Err(QueryLoadError::UnknownCapture {
                name: name.to_string(),
                allowed: vocabulary.join(", "),
            });
        }
    }
    Ok(BoundedQuery::new(query, source))
}

/// The compiled query and the index of each capture it uses.
pub struct DrizzleQuery {
    query: BoundedQuery,
    import: Option<u32>,
    import_name: Option<u32>,
    import_alias: Option<u32>,
    import_namespace: Option<u32>,
    import_source: Option<u32>,
    declaration: Option<u32>,
    declaration_name: Option<u32>,
    declaration_value: Option<u32>,
    declaration_exported: Option<u32>,
    export_name: Option<u32>,
}

/// A query with one capture that matters, for the files that need it.
pub struct OneCaptureQuery {
    query: BoundedQuery,
    capture: Option<u32>,
}

impl OneCaptureQuery {
    fn load(grammar: Grammar, file: &str, source: &str, vocabulary: &[&str]) -> OneCaptureQuery {
        let query = compile(&grammar.language(), source, vocabulary)
            .unwrap_or_else(|e| panic!("grammars/{file}: {e}"));
        OneCaptureQuery {
            capture: query.capture_index_for_name(vocabulary[0]),
            query,
        }
    }

    /// The configuration query for a grammar, compiled on first use.
    pub fn config(grammar: Grammar) -> &'static OneCaptureQuery {
        static QUERIES: PerGrammar<OneCaptureQuery> = PerGrammar::new();
        QUERIES.get(grammar, || {
            OneCaptureQuery::load(
                grammar,
                "typescript-drizzle-config.scm",
                CONFIG_SOURCE,
                CONFIG_CAPTURES,
            )
        })
    }

    /// The CommonJS query for a grammar, compiled on first use.
    pub fn commonjs(grammar: Grammar) -> &'static OneCaptureQuery {
        static QUERIES: PerGrammar<OneCaptureQuery> = PerGrammar::new();
        QUERIES.get(grammar, || {
            OneCaptureQuery::load(
                grammar,
                "typescript-drizzle-commonjs.scm",
                COMMONJS_SOURCE,
                COMMONJS_CAPTURES,
            )
        })
    }

    /// Every node the capture matched under `node`.
    fn for_each<'t>(&self, node: Node<'t>, text: &'t str, mut f: impl FnMut(Node<'t>)) {
        let mut cursor = self.query.cursor();
        let mut matches = cursor.matches(&self.query, node, text.as_bytes());
        while let Some(m) = matches.next() {
            for capture in m.captures() {
                if Some(capture.index) == self.capture {
                    f(capture.node);
                }
            }
        }
    }
}

/// The query for calls at any depth.
pub struct CallsQuery {
    query: BoundedQuery,
    runtime: Option<u32>,
    runtime_arguments: Option<u32>,
    table: Option<u32>,
}

impl CallsQuery {
    fn load(grammar: Grammar) -> CallsQuery {
        let query = compile(&grammar.language(), CALLS_SOURCE, CALLS_CAPTURES)
            .unwrap_or_else(|e| panic!("grammars/typescript-drizzle-calls.scm: {e}"));
        let index = |name: &str| query.capture_index_for_name(name);
        CallsQuery {
            runtime: index("runtime"),
            runtime_arguments: index("runtime.arguments"),
            table: index("table"),
            query,
        }
    }

    /// The query for a grammar, compiled on first use.
    pub fn get(grammar: Grammar) -> &'static CallsQuery {
        static QUERIES: PerGrammar<CallsQuery> = PerGrammar::new();
        QUERIES.get(grammar, || CallsQuery::load(grammar))
    }
}

impl DrizzleQuery {
    fn load(grammar: Grammar) -> DrizzleQuery {
        let query = compile(&grammar.language(), SOURCE, CAPTURES)
            .unwrap_or_else(|e| panic!("grammars/typescript-drizzle.scm: {e}"));
        let index = |name: &str| query.capture_index_for_name(name);
        DrizzleQuery {
            import: index("import"),
            import_name: index("import.name"),
            import_alias: index("import.alias"),
            import_namespace: index("import.namespace"),
            import_source: index("import.source"),
            declaration: index("declaration"),
            declaration_name: index("declaration.name"),
            declaration_value: index("declaration.value"),
            declaration_exported: index("declaration.exported"),
            export_name: index("export.name"),
            query,
        }
    }

    /// The query for a grammar, compiled on first use.
    pub fn get(grammar: Grammar) -> &'static DrizzleQuery {
        static QUERIES: PerGrammar<DrizzleQuery> = PerGrammar::new();
        QUERIES.get(grammar, || DrizzleQuery::load(grammar))
    }
}

thread_local! {
    static PARSERS: RefCell<(Option<Parser>, Option<Parser>)> = const { RefCell::new((None, None)) };
}

/// Parses a file with the thread's parser for its grammar.
pub fn parse(grammar: Grammar, text: &str) -> Option<Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let slot = match grammar {
            Grammar::TypeScript => &mut parsers.0,
            Grammar::Tsx => &mut parsers.1,
        };
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&grammar.language())
                .expect("tree-sitter-typescript matches the tree-sitter version");
            parser
        });
        let text = without_template_type_arguments(text);
        parser.parse(&*without_type_only_star_exports(&text), None)
    })
}

/// `export type * from "./x"` (TypeScript 5.0) with its `type` blanked: the grammar predates
/// it, and the statement re-exports the same module names either way. Every byte keeps its
/// offset.
fn without_type_only_star_exports(text: &str) -> std::borrow::Cow<'_, str> {
    const WRITTEN: &str = "export type *";
    if !text.contains(WRITTEN) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.as_bytes().to_vec();
    for (at, _) in text.match_indices(WRITTEN) {
        let keyword = at + "export ".len();
        out[keyword..keyword + "type".len()].fill(b' ');
    }
    std::borrow::Cow::Owned(String::from_utf8(out).expect("only ASCII bytes were replaced"))
}

/// The text with the type arguments of tagged templates (`` sql<number>`…` ``) blanked to
/// spaces: tree-sitter-typescript does not parse them, and reads `sql<unknown>` as broken
/// comparisons. Every byte keeps its offset.
fn without_template_type_arguments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(">`") {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut blanks: Vec<(usize, usize)> = Vec::new();
    for (close, _) in text.match_indices(">`") {
        // Walk back to the matching `<`, through a type: names, `[]`, `{}`, `|`, `,`, spaces.
        let mut depth = 0;
        let mut at = close;
        let open = loop {
            match bytes[at] {
                b'>' => depth += 1,
                b'<' => {
                    depth -= 1;
                    if depth == 0 {
                        break Some(at);
                    }
                }
                b'\n' | b';' | b'(' | b')' | b'`' | b'=' => break None,
                _ => {}
            }
            if at == 0 {
                break None;
            }
            at -= 1;
        };
        let tagged = open.is_some_and(|o| {
            o > 0
                && (bytes[o - 1].is_ascii_alphanumeric()
                    || bytes[o - 1] == b'_'
                    || bytes[o - 1] == b'$')
        });
        if let (true, Some(open)) = (tagged, open) {
            blanks.push((open, close + 1));
        }
    }
    if blanks.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for (start, end) in blanks {
        out[start..end].fill(b' ');
    }
    std::borrow::Cow::Owned(String::from_utf8(out).expect("only ASCII bytes were replaced"))
}

#[cfg(test)]
mod template_type_argument_tests {
    use super::without_template_type_arguments;

    #[test]
    fn type_arguments_of_tagged_templates_are_blanked_in_place() {
        let text = "const n = sql<number>`count(*)`; const m = sql<string[] | null>`max(x)`; if (a < b && c >`x`) {}";
        let out = without_template_type_arguments(text);
        assert_eq!(out.len(), text.len());
        assert!(out.contains("sql        `count(*)`"), "{out}");
        assert!(
            out.contains(&format!("sql{}`max(x)`", " ".repeat(17))),
            "{out}"
        );
        assert!(out.contains("a < b && c >`x`"), "{out}");
    }
}

/// One named import: `import { name as local } from "source"`, or a namespace import when
/// `name` is `None`.
#[derive(Debug, Clone, Copy)]
pub struct Import<'t> {
    pub local: &'t str,
    pub name: Option<&'t str>,
    pub source: &'t str,
}

#[derive(Debug, Clone, Copy)]
pub struct Declaration<'t> {
    /// The whole declaration statement (for its span).
    pub node: Node<'t>,
    pub name: Node<'t>,
    /// The initialiser, or the function / enum declaration itself.
    pub value: Node<'t>,
    pub exported: bool,
}

/// What the query found in one file.
#[derive(Debug, Default)]
pub struct Facts<'t> {
    pub imports: Vec<Import<'t>>,
    pub declarations: Vec<Declaration<'t>>,
    /// Names exported by `export { a, b }` or `export default a`.
    pub exported_names: HashSet<&'t str>,
    /// Object literals that may be a drizzle-kit configuration.
    pub configs: Vec<Node<'t>>,
    /// `drizzle(...)` calls and their argument lists.
    pub runtime_calls: Vec<(Node<'t>, Node<'t>)>,
    /// Every `pgTable(...)` / `mysqlTable(...)` / `sqliteTable(...)` call.
    pub table_calls: Vec<Node<'t>>,
    /// The first syntax error or missing token, if any.
    pub syntax_error: Option<Node<'t>>,
}

/// Runs the query over a parsed file.
pub fn scan<'t>(grammar: Grammar, tree: &'t Tree, text: &'t str, is_config: bool) -> Facts<'t> {
    let q = DrizzleQuery::get(grammar);
    let mut facts = Facts::default();
    let mut cursor = q.query.cursor();
    let mut matches = cursor.matches(&q.query, tree.root_node(), text.as_bytes());
    let node_text = |node: Node<'_>| &text[node.byte_range()];
    while let Some(m) = matches.next() {
        let capture = |index: Option<u32>| {
            index.and_then(|i| m.captures().iter().find(|c| c.index == i).map(|c| c.node))
        };
        if capture(q.import).is_some() {
            let Some(source) = capture(q.import_source).map(node_text) else {
                continue;
            };
            if let Some(namespace) = capture(q.import_namespace) {
                facts.imports.push(Import {
                    local: node_text(namespace),
                    name: None,
                    source,
                });
            } else if let Some(name) = capture(q.import_name) {
                let local = capture(q.import_alias).unwrap_or(name);
                facts.imports.push(Import {
                    local: node_text(local),
                    name: Some(node_text(name)),
                    source,
                });
            }
        } else if let Some(node) = capture(q.declaration) {
            if let (Some(name), Some(value)) =
                (capture(q.declaration_name), capture(q.declaration_value))
            {
                facts.declarations.push(Declaration {
                    node: capture(q.declaration_exported).unwrap_or(node),
                    name,
                    value,
                    exported: capture(q.declaration_exported).is_some(),
                });
            }
        } else if let Some(name) = capture(q.export_name) {
            facts.exported_names.insert(node_text(name));
        }
    }
    facts.syntax_error = first_syntax_error(tree.root_node());
    if is_config {
        OneCaptureQuery::config(grammar)
            .for_each(tree.root_node(), text, |object| facts.configs.push(object));
    }
    if text.contains("module.exports") {
        OneCaptureQuery::commonjs(grammar).for_each(tree.root_node(), text, |name| {
            facts.exported_names.insert(node_text(name));
        });
    }

    let held: Vec<Node<'t>> = facts
        .declarations
        .iter()
        .filter(|d| is_table_call(d.value, text))
        .map(|d| d.value)
        .collect();
    let table_calls: usize = TABLE_FUNCTIONS
        .iter()
        .map(|name| calls_written(text, name))
        .sum();
    if calls_written(text, "drizzle") == 0 && table_calls <= held.len() {
        // Every table call is a top-level declaration's value: no need to walk the expressions.
        facts.table_calls = held;
        return facts;
    }
    let q = CallsQuery::get(grammar);
    let mut cursor = q.query.cursor();
    let mut matches = cursor.matches(&q.query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let capture = |index: Option<u32>| {
            index.and_then(|i| m.captures().iter().find(|c| c.index == i).map(|c| c.node))
        };
        if let Some(call) = capture(q.runtime) {
            if let Some(arguments) = capture(q.runtime_arguments) {
                facts.runtime_calls.push((call, arguments));
            }
        } else if let Some(call) = capture(q.table) {
            facts.table_calls.push(call);
        }
    }
    facts
}

const TABLE_FUNCTIONS: [&str; 3] = ["pgTable", "mysqlTable", "sqliteTable"];

fn is_table_call(node: Node, text: &str) -> bool {
    node.kind() == "call_expression"
        && node.child_by_field_name("function").is_some_and(|f| {
            f.kind() == "identifier" && TABLE_FUNCTIONS.contains(&&text[f.byte_range()])
        })
}

/// How many times the text calls the function `name` (`pgTable(`, `drizzle (`, `pgTable<`),
/// counted on the bytes: an upper bound on such calls in the tree, comments and strings
/// included.
fn calls_written(text: &str, name: &str) -> usize {
    text.match_indices(name)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + name.len()..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
                && matches!(after, Some('(') | Some('<'))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::calls_written;

    #[test]
    fn calls_are_counted_on_the_bytes_whatever_the_spacing() {
        let text = "const db = drizzle (pool);\n// pgTable(\"old\")\nconst t = pgTable<X>(\"t\", {});\nx.pgTable(\"m\");\nconst pgTables = 1;\n";
        assert_eq!(calls_written(text, "drizzle"), 1);
        // The comment counts (an upper bound); a method call and a longer name do not.
        assert_eq!(calls_written(text, "pgTable"), 2);
        assert_eq!(
            calls_written("import { drizzle } from \"drizzle-orm\";", "drizzle"),
            0
        );
    }
}
