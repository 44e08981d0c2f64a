//! SQL written inside application code: tagged templates (`sql\`...\``), string and template
//! literals passed to `query` / `execute` / `prepare` / `exec` / `run` / `all` / `get`,
//! SQLAlchemy `text("...")`, `cursor.execute("...")`, and SQL constants. Found with tree-sitter
//! (`grammars/typescript-sql.scm`, `grammars/python-sql.scm`), decoded into the text the program
//! sends ([`literal`]), and kept as [`EmbeddedQuery`] values; their names are read with
//! sqlparser ([`names`]) once the dialect of the database they run against is known.
//!
//! Only files whose text mentions SQL keywords are scanned, and each file is parsed once: the
//! Drizzle and Python extractors hand over the trees they parse (see [`scan_typescript`] and
//! [`scan_python`]); the other files are parsed here ([`read_into`]). Queries in tests and in
//! migrations (Alembic revisions, `migrations/` folders) are left alone: they run against the
//! schema of their own time, and migrations are replayed by the SQL and Alembic extractors.

pub mod literal;
pub mod names;
pub mod python;
pub mod typescript;

use crate::discover::{Discovery, FileKind};
use crate::model::Dialect;
use crate::source::{SourceFile, Span};
use literal::Text;
use rayon::prelude::*;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

/// The language a query was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeLanguage {
    TypeScript,
    Python,
}

/// How the query was found, which decides how sure it is to be SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// `sql\`...\``: a tagged template.
    Tagged,
    /// The first argument of a query call (`query`, `execute`, `prepare`, `text`, ...).
    Call,
    /// The first argument of a call whose name is also common outside SQL (`get`, `all`,
    /// `run`, `raw`): read with the care of a constant.
    Loose,
    /// A string assigned to a variable or property: SQL only when it clearly looks like it.
    Constant,
}

/// What the statement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// SELECT, INSERT, UPDATE, DELETE, WITH: the names are checked.
    Data,
    /// CREATE / ALTER TABLE, CREATE VIEW run by the application: the tables it creates exist.
    Definition,
}

/// One SQL string in application code.
#[derive(Debug, Clone)]
pub struct EmbeddedQuery {
    pub file: SourceFile,
    /// The literal in the source file.
    pub span: Span,
    /// The dialect the file's database driver speaks, when an import says.
    pub dialect: Option<Dialect>,
    pub language: CodeLanguage,
    pub context: Context,
    pub kind: StatementKind,
    text: Text,
}

impl EmbeddedQuery {
    /// The SQL, with interpolations replaced by runs of `_` of the same length.
    pub fn sql(&self) -> &str {
        &self.text.text
    }

    /// The interpolations, as ranges of [`Self::sql`].
    pub fn holes(&self) -> &[Range<usize>] {
        &self.text.holes
    }

    /// The span in the source file of a range of the SQL text.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let clamp = |offset: usize| offset.clamp(self.span.start, self.span.end);
        let start = clamp(self.text.source_offset(range.start));
        let mut end = if range.end > range.start {
            clamp(self.text.source_offset(range.end - 1) + 1)
        } else {
            start
        };
        while end < self.file.text.len() && !self.file.text.is_char_boundary(end) {
            end += 1;
        }
        self.file.span(start, end.max(start))
    }
}

/// What the application code's SQL says, with what the repository's SQL files add about the
/// relations it may read.
#[derive(Debug, Default)]
pub struct EmbeddedSql {
    pub queries: Vec<EmbeddedQuery>,
    /// Views and materialized views created by the repository's SQL files: relations a query
    /// may read that the schema model does not hold.
    pub views: Vec<String>,
}

/// What scanning a set of already parsed files gave: the queries, and which files were scanned.
#[derive(Debug, Default)]
pub struct Scanned {
    pub queries: Vec<EmbeddedQuery>,
    pub files: Vec<Arc<str>>,
}

impl Scanned {
    pub fn add(&mut self, file: &SourceFile, queries: Vec<EmbeddedQuery>) {
        self.files.push(file.path.clone());
        self.queries.extend(queries);
    }
}

/// A cheap look at a file's text: whether it names SQL keywords in the pairs a statement needs
/// (`select` … `from`, `insert` … `into`, `update` … `set`, `delete` … `from`,
/// `create` … `table`). One pass, no allocation.
pub fn mentions_sql(text: &str) -> bool {
    let words = Words::of(text);
    (words.has(Word::Select) || words.has(Word::Delete)) && words.has(Word::From)
        || (words.has(Word::Insert) || words.has(Word::Replace)) && words.has(Word::Into)
        || words.has(Word::Update) && words.has(Word::Set)
        || words.has(Word::Create) && words.has(Word::Table)
}

/// Whether a file's queries are checked: application code, not tests or migrations.
pub fn worth_scanning(file: &SourceFile) -> bool {
    let path = &*file.path;
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_dir = |names: &[&str]| {
        path.split('/')
            .rev()
            .skip(1)
            .any(|dir| names.contains(&dir))
    };
    let test = crate::discover::is_test_path(path);
    // Alembic keeps its revisions in `versions/`; elsewhere that folder is ordinary code.
    let migration = in_dir(&["migrations", "migration", "migrate"])
        || (name.ends_with(".py") && in_dir(&["versions"]));
    !test && !migration && !talks_to_another_engine(file) && mentions_sql(&file.text)
}

/// Engines whose SQL (or SQL-like query language) is not the application database's.
const OTHER_ENGINES: &[&str] = &[
    "clickhouse",
    "snowflake",
    "bigquery",
    "oracle",
    "oracledb",
    "cx_oracle",
    "mssql",
    "sqlserver",
    "pyodbc",
    "tedious",
    "salesforce",
    "jsforce",
    "soql",
    "athena",
    "databricks",
    "pyspark",
    "duckdb",
    "trino",
    "presto",
    "cassandra",
    "tinybird",
    "dameng",
    "dmpython",
];

/// A module named after another engine (`blocks/clickhouse.ts`), or importing its client
/// (`import oracledb`, `from "@clickhouse/client"`), holds queries for that engine.
fn talks_to_another_engine(file: &SourceFile) -> bool {
    let path = file.path.to_ascii_lowercase();
    let named = |text: &str| {
        OTHER_ENGINES.iter().any(|engine| {
            text.match_indices(engine).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + engine.len()..].chars().next();
                let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_ascii_alphanumeric());
                boundary(before) && boundary(after)
            })
        })
    };
    if named(&path) {
        return true;
    }
    file.text.lines().take(200).any(|line| {
        let line = line.trim_start();
        let import =
            line.starts_with("import ") || line.starts_with("from ") || line.contains("require(");
        import && named(&line.to_ascii_lowercase())
    })
}

#[derive(Clone, Copy)]
#[repr(u16)]
enum Word {
    Select = 1,
    From = 2,
    Insert = 4,
    Into = 8,
    Update = 16,
    Set = 32,
    Delete = 64,
    Replace = 128,
    Create = 256,
    Table = 512,
    With = 1024,
    As = 2048,
    View = 4096,
    Alter = 8192,
}

/// The SQL keywords a text contains, as whole words, in any case.
#[derive(Default, Clone, Copy)]
struct Words(u16);

impl Words {
    fn of(text: &str) -> Words {
        let mut found = 0u16;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &bytes[start..i];
            if (2..=7).contains(&word.len()) {
                let mut lower = [0u8; 7];
                for (l, b) in lower.iter_mut().zip(word) {
                    *l = b.to_ascii_lowercase();
                }
                let word = match &lower[..word.len()] {
                    b"select" => Some(Word::Select),
                    b"from" => Some(Word::From),
                    b"insert" => Some(Word::Insert),
                    b"into" => Some(Word::Into),
                    b"update" => Some(Word::Update),
                    b"set" => Some(Word::Set),
                    b"delete" => Some(Word::Delete),
                    b"replace" => Some(Word::Replace),
                    b"create" => Some(Word::Create),
                    b"table" => Some(Word::Table),
                    b"with" => Some(Word::With),
                    b"as" => Some(Word::As),
                    b"view" => Some(Word::View),
                    b"alter" => Some(Word::Alter),
                    _ => None,
                };
                if let Some(word) = word {
                    found |= word as u16;
                }
            }
        }
        Words(found)
    }

    fn has(self, word: Word) -> bool {
        self.0 & word as u16 != 0
    }
}

/// The first word of a SQL text, after whitespace, comments and opening parentheses.
fn first_word(sql: &str) -> Option<&str> {
    let mut rest = sql;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
        if let Some(comment) = rest.strip_prefix("--") {
            rest = comment.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Whether a string is a SQL statement worth reading, and which kind. A query call's argument
/// only needs to start like a statement and have its second keyword; a constant must also be
/// written in upper case or held by a variable whose name says SQL (`usersQuery`, `GET_SQL`), so
/// that prose ("Select a file from the list") is never read as SQL.
pub fn classify(sql: &str, context: Context, name: Option<&str>) -> Option<StatementKind> {
    let first = first_word(sql)?;
    // `select:from:cache` is a key, not a statement.
    let after = sql[sql.find(first)? + first.len()..].chars().next();
    if !after.is_some_and(|c| c.is_whitespace() || c == '*' || c == '(') {
        return None;
    }
    let words = Words::of(sql);
    let (kind, shaped) = match first.to_ascii_lowercase().as_str() {
        "select" => (StatementKind::Data, words.has(Word::From)),
        "with" => (
            StatementKind::Data,
            words.has(Word::As)
                && (words.has(Word::Select)
                    || words.has(Word::Insert)
                    || words.has(Word::Update)
                    || words.has(Word::Delete)),
        ),
        "insert" | "replace" => (StatementKind::Data, words.has(Word::Into)),
        "update" => (StatementKind::Data, words.has(Word::Set)),
        "delete" => (StatementKind::Data, words.has(Word::From)),
        "create" => (
            StatementKind::Definition,
            words.has(Word::Table) || words.has(Word::View),
        ),
        "alter" => (StatementKind::Definition, words.has(Word::Table)),
        _ => return None,
    };
    if !shaped {
        return None;
    }
    if matches!(context, Context::Constant | Context::Loose) {
        let upper = first.bytes().all(|b| b.is_ascii_uppercase());
        let named = name.is_some_and(|n| {
            let n = n.to_ascii_lowercase();
            ["sql", "query", "stmt", "statement"]
                .iter()
                .any(|w| n.contains(w))
        });
        if !upper && !named {
            return None;
        }
    }
    Some(kind)
}

/// The dialect a file's database driver speaks, from the modules it imports.
pub fn driver_dialect(text: &str, language: CodeLanguage) -> Option<Dialect> {
    let quoted = |module: &str| {
        text.contains(&format!("\"{module}\"")) || text.contains(&format!("'{module}'"))
    };
    match language {
        CodeLanguage::TypeScript => {
            if ["pg", "postgres", "pg-promise", "@vercel/postgres", "slonik"]
                .iter()
                .any(|m| quoted(m))
                || text.contains("@neondatabase/serverless")
            {
                Some(Dialect::Postgres)
            } else if ["mysql", "mysql2", "mysql2/promise", "@planetscale/database"]
                .iter()
                .any(|m| quoted(m))
            {
                Some(Dialect::Mysql)
            } else if [
                "better-sqlite3",
                "sqlite3",
                "sqlite",
                "bun:sqlite",
                "@libsql/client",
            ]
            .iter()
            .any(|m| quoted(m))
                || text.contains("D1Database")
            {
                Some(Dialect::Sqlite)
            } else {
                None
            }
        }
        CodeLanguage::Python => {
            let imports = |module: &str| {
                text.contains(&format!("import {module}"))
                    || text.contains(&format!("from {module}"))
            };
            if ["psycopg", "psycopg2", "asyncpg"]
                .iter()
                .any(|m| imports(m))
            {
                Some(Dialect::Postgres)
            } else if ["pymysql", "MySQLdb", "mysql.connector", "aiomysql"]
                .iter()
                .any(|m| imports(m))
            {
                Some(Dialect::Mysql)
            } else if ["sqlite3", "aiosqlite"].iter().any(|m| imports(m)) {
                Some(Dialect::Sqlite)
            } else {
                None
            }
        }
    }
}

/// A string literal a query matched, before it is known to hold SQL.
pub(crate) struct Candidate<'t> {
    pub node: tree_sitter::Node<'t>,
    pub context: Context,
    /// The variable or property holding a constant.
    pub name: Option<&'t str>,
}

/// Turns candidates into queries: decodes each literal (once, however many patterns matched
/// it), keeps those that hold SQL.
pub(crate) fn queries_of(
    file: &SourceFile,
    language: CodeLanguage,
    mut candidates: Vec<Candidate<'_>>,
    decode: impl Fn(tree_sitter::Node<'_>) -> Option<Text>,
) -> Vec<EmbeddedQuery> {
    // A literal matched as a call argument and as a property value is a call argument.
    candidates.sort_by_key(|c| (c.node.start_byte(), c.context == Context::Constant));
    candidates.dedup_by_key(|c| c.node.start_byte());
    let mut dialect = None;
    let mut out = Vec::new();
    for candidate in candidates {
        let Some(text) = decode(candidate.node) else {
            continue;
        };
        let Some(kind) = classify(&text.text, candidate.context, candidate.name) else {
            continue;
        };
        let dialect = *dialect.get_or_insert_with(|| driver_dialect(&file.text, language));
        out.push(EmbeddedQuery {
            file: file.clone(),
            span: file.span(candidate.node.start_byte(), candidate.node.end_byte()),
            dialect,
            language,
            context: candidate.context,
            kind,
            text,
        });
    }
    out
}

/// Scans a TypeScript / JavaScript file another extractor has parsed.
pub fn scan_typescript(
    file: &SourceFile,
    grammar: crate::extract::drizzle::query::Grammar,
    tree: &tree_sitter::Tree,
) -> Vec<EmbeddedQuery> {
    typescript::scan(file, grammar, tree)
}

/// Scans a Python file another extractor has parsed.
pub fn scan_python(file: &SourceFile, tree: &tree_sitter::Tree) -> Vec<EmbeddedQuery> {
    python::scan(file, tree)
}

/// Scans the files no other extractor parsed, and reads the names of the views the SQL files
/// create.
pub fn read_into(sources: &mut super::Sources, discovery: &Discovery, scanned: Scanned) {
    let done: HashSet<&str> = scanned.files.iter().map(|p| &**p).collect();
    let rest: Vec<&crate::discover::DiscoveredFile> = discovery
        .files
        .iter()
        .filter(|f| f.holds_queries && !done.contains(&*f.file.path))
        .filter(|f| worth_scanning(&f.file))
        .collect();
    let mut queries: Vec<EmbeddedQuery> = rest
        .par_iter()
        .flat_map_iter(|f| match f.kind {
            FileKind::TypeScript => {
                let grammar = crate::extract::drizzle::query::Grammar::for_path(&f.file.path);
                crate::extract::drizzle::query::parse(grammar, &f.file.text)
                    .map(|tree| typescript::scan(&f.file, grammar, &tree))
                    .unwrap_or_default()
            }
            FileKind::Python => {
                let tree = crate::extract::python::query::parse(&f.file.text);
                python::scan(&f.file, &tree)
            }
            _ => Vec::new(),
        })
        .collect();
    queries.extend(scanned.queries);
    queries.sort_by(|a, b| (&a.span.path, a.span.start).cmp(&(&b.span.path, b.span.start)));
    let mut views: Vec<String> = discovery
        .of_kind(FileKind::Sql)
        .flat_map(|f| created_views(&f.text))
        .collect();
    views.sort();
    views.dedup();
    sources.embedded_sql = EmbeddedSql { queries, views };
}

/// The names of the views a SQL text creates (`CREATE [OR REPLACE] [MATERIALIZED] VIEW
/// [IF NOT EXISTS] name`), lower-cased, without schema.
pub fn created_views(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !text
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"view"))
    {
        return out;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if !word.eq_ignore_ascii_case("view") {
            continue;
        }
        let before = |n: usize| i.checked_sub(n).map(|j| words[j].to_ascii_lowercase());
        let create = (1..=5).any(|n| before(n).as_deref() == Some("create"));
        if !create {
            continue;
        }
        let mut next = i + 1;
        while next < words.len()
            && ["if", "not", "exists"].contains(&words[next].to_ascii_lowercase().as_str())
        {
            next += 1;
        }
        if let Some(name) = words.get(next) {
            let name = name.rsplit('.').next().unwrap_or(name);
            let name = name.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']');
            if !name.is_empty() {
                out.push(name.to_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilter_wants_statement_shaped_keyword_pairs() {
        assert!(mentions_sql("db.query(`SELECT id FROM users`)"));
        assert!(mentions_sql("x = 'insert into t values (1)'"));
        assert!(mentions_sql("UPDATE t\n SET a = 1"));
        assert!(!mentions_sql(
            "const selected = items.filter(x => x.fromDate)"
        ));
        assert!(!mentions_sql("update(state); settings = {}"));
    }

    #[test]
    fn prose_is_not_sql() {
        let call = Context::Call;
        let constant = Context::Constant;
        assert_eq!(
            classify("SELECT id FROM users", constant, None),
            Some(StatementKind::Data)
        );
        assert_eq!(
            classify("select id from users", constant, Some("usersQuery")),
            Some(StatementKind::Data)
        );
        assert_eq!(
            classify("Select a file from the list", constant, None),
            None
        );
        assert_eq!(classify("Update your profile", call, None), None);
        assert_eq!(classify("Delete this item?", call, None), None);
        assert_eq!(classify("now()", call, None), None);
        assert_eq!(classify("select:from:users", call, None), None);
        assert_eq!(classify("Delete from cart", Context::Loose, None), None);
        assert_eq!(
            classify("DELETE FROM cart", Context::Loose, None),
            Some(StatementKind::Data)
        );
        assert_eq!(
            classify("  -- comment\n(SELECT 1 FROM t)", call, None),
            Some(StatementKind::Data)
        );
        assert_eq!(
            classify("CREATE TABLE IF NOT EXISTS kv (k text)", call, None),
            Some(StatementKind::Definition)
        );
    }

    #[test]
    fn tests_and_migrations_are_not_scanned() {
        let file = |path: &str| SourceFile::in_memory(path, "db.query('SELECT id FROM users')");
        assert!(worth_scanning(&file("src/routes/users.ts")));
        assert!(worth_scanning(&file("src/api/versions/v1/users.ts")));
        assert!(!worth_scanning(&file("src/routes/users.test.ts")));
        assert!(!worth_scanning(&file("tests/test_users.py")));
        assert!(!worth_scanning(&file("db/migrations/0001_users.ts")));
        assert!(!worth_scanning(&file("alembic/versions/a1_users.py")));
        assert!(!worth_scanning(&file("apps/blocks/clickhouse.ts")));
        assert!(worth_scanning(&file("apps/blocks/clickhouses_of_cards.ts")));
    }

    #[test]
    fn views_created_by_sql_files() {
        let sql = "CREATE OR REPLACE VIEW public.active_users AS SELECT 1;\n\
                   create materialized view if not exists \"Daily\" as select 2;";
        assert_eq!(created_views(sql), ["active_users", "daily"]);
    }

    #[test]
    fn drivers_name_the_dialect() {
        assert_eq!(
            driver_dialect(
                "import { neon } from '@neondatabase/serverless'",
                CodeLanguage::TypeScript
            ),
            Some(Dialect::Postgres)
        );
        assert_eq!(
            driver_dialect(
                "import mysql from \"mysql2/promise\"",
                CodeLanguage::TypeScript
            ),
            Some(Dialect::Mysql)
        );
        assert_eq!(
            driver_dialect(
                "export interface Env { DB: D1Database }",
                CodeLanguage::TypeScript
            ),
            Some(Dialect::Sqlite)
        );
        assert_eq!(
            driver_dialect("import sqlite3\n", CodeLanguage::Python),
            Some(Dialect::Sqlite)
        );
    }
}
