//! The Drizzle ORM extractor: reads `pgTable` / `mysqlTable` / `sqliteTable` declarations (and
//! the enums, schemas, table creators, shared columns and helpers they use) statically from
//! TypeScript and JavaScript, into one [`CodeModel`] per dialect.
//!
//! The work runs in three steps:
//! 1. every candidate file is parsed once and `grammars/typescript-drizzle.scm` runs over it
//!    (in parallel), giving its imports, top-level declarations, exports, drizzle-kit config
//!    objects, `drizzle()` calls and syntax errors ([`query`]);
//! 2. names are resolved across files ([`program`]) and the expressions the declarations hold
//!    are evaluated statically: literals ([`value`]), builder chains ([`columns`]), table calls
//!    and their third argument ([`tables`]), `sql` templates ([`template`]);
//! 3. the casing drizzle-kit uses is read from drizzle.config.ts and compared with the
//!    application's `drizzle({ casing })` calls ([`casing`]).
//!
//! What cannot be read without running the code becomes a [`NoteKind::NotUnderstood`] note at
//! the exact place, never a guess.

mod builders;
mod casing;
mod columns;
mod constraints;
mod helpers;
mod program;
pub mod query;
mod scope;
mod tables;
mod template;
mod value;

#[cfg(test)]
mod tests;

use super::sql::ParseProblem;
use super::{CodeModel, ExtractNote, NoteKind};
use crate::model::{Dialect, EnumType, QualifiedName, Schema, SourceKind, Table};
use crate::source::{SourceFile, Span};
use casing::Casing;
use program::{Program, Unit};
use query::Grammar;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use tree_sitter::{Node, Tree};

/// What the Drizzle extractor read from a repository.
#[derive(Debug, Default)]
pub struct DrizzleExtract {
    /// One model per dialect declared (almost always one).
    pub models: Vec<CodeModel>,
    /// Files tree-sitter could not parse completely (what parsed is still read).
    pub problems: Vec<ParseProblem>,
    /// SQL strings of the files parsed, read from the same trees.
    pub queries: crate::extract::embedded_sql::Scanned,
}

/// Reads the Drizzle schema declared by `files` (TypeScript / JavaScript sources).
pub fn extract(files: &[SourceFile]) -> DrizzleExtract {
    let mut candidates: Vec<&SourceFile> = files.iter().filter(|f| worth_parsing(f)).collect();
    let imported = imported_files(&candidates, files);
    candidates.extend(imported.iter());
    let needs = |grammar: Grammar| {
        candidates
            .iter()
            .any(|f| Grammar::for_path(&f.path) == grammar)
    };
    // Compiling the query costs tens of milliseconds on one core: done while the files parse.
    let config = candidates
        .iter()
        .find(|f| is_config_file(&f.path))
        .map(|f| Grammar::for_path(&f.path));
    let parsing = crate::timings::phase("typescript: compile and parse");
    let (_, parsed) = rayon::join(
        || {
            rayon::join(
                || {
                    needs(Grammar::TypeScript)
                        .then(|| query::DrizzleQuery::get(Grammar::TypeScript))
                },
                || {
                    needs(Grammar::Tsx).then(|| query::DrizzleQuery::get(Grammar::Tsx));
                    config.map(query::OneCaptureQuery::config);
                },
            )
        },
        || -> Vec<(&SourceFile, Grammar, Tree)> {
            candidates
                .par_iter()
                .filter_map(|file| {
                    let grammar = Grammar::for_path(&file.path);
                    query::parse(grammar, &file.text).map(|tree| (*file, grammar, tree))
                })
                .collect()
        },
    );
    let mut queries = crate::extract::embedded_sql::Scanned::default();
    drop(parsing);
    let scanning = crate::timings::phase("typescript: queries");
    let found: Vec<_> = parsed
        .par_iter()
        .map(|(file, grammar, tree)| {
            let found = if crate::extract::embedded_sql::worth_scanning(file) {
                crate::extract::embedded_sql::scan_typescript(file, *grammar, tree)
            } else {
                Vec::new()
            };
            (*file, found)
        })
        .collect();
    for (file, found) in found {
        queries.add(file, found);
    }
    let units: Vec<Unit<'_>> = parsed
        .par_iter()
        .map(|(file, grammar, tree)| {
            Unit::new(
                file,
                query::scan(*grammar, tree, &file.text, is_config_file(&file.path)),
            )
        })
        .collect();

    let problems = units
        .iter()
        .filter_map(|unit| {
            let node = unit.facts.syntax_error?;
            Some(parse_problem(unit.file, node))
        })
        .collect();

    drop(scanning);
    let _building = crate::timings::phase("typescript: tables");
    let program = Program::new(units);
    let extractor = Extractor::new(&program);
    let models = extractor.run();
    DrizzleExtract {
        models,
        problems,
        queries,
    }
}

/// Files a schema file imports that would not be parsed on their own (`helpers.ts` holding
/// `export const nanoIdLength = 15`): their constants and helpers decide column types. One
/// level deep, relative imports only, read from the scan or from disk.
fn imported_files(candidates: &[&SourceFile], files: &[SourceFile]) -> Vec<SourceFile> {
    const LARGEST: u64 = 512 * 1024;
    let mut known: BTreeSet<String> = candidates.iter().map(|f| f.path.to_string()).collect();
    let by_path: BTreeMap<&str, &SourceFile> = files.iter().map(|f| (&*f.path, f)).collect();
    let mut out: Vec<SourceFile> = Vec::new();
    for file in candidates.iter().filter(|f| !is_config_file(&f.path)) {
        let root = file
            .absolute
            .to_string_lossy()
            .strip_suffix(&*file.path)
            .map(std::path::PathBuf::from);
        for source in relative_imports(&file.text) {
            for candidate in program::import_candidates(&file.path, source) {
                if known.contains(&candidate) {
                    break;
                }
                if let Some(found) = by_path.get(candidate.as_str()) {
                    known.insert(candidate);
                    out.push((*found).clone());
                    break;
                }
                let Some(on_disk) = root.as_ref().map(|r| r.join(&candidate)) else {
                    break;
                };
                if !on_disk.is_file() {
                    continue;
                }
                known.insert(candidate.clone());
                let small = std::fs::metadata(&on_disk).is_ok_and(|m| m.len() <= LARGEST);
                if crate::discover::is_test_path(&candidate) || !small {
                    break;
                }
                if let Ok(text) = std::fs::read_to_string(&on_disk) {
                    out.push(SourceFile::new(candidate, on_disk, text));
                }
                break;
            }
        }
    }
    out
}

/// The module names of a file's relative imports and re-exports (`from "./helpers"`).
fn relative_imports(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("from ").filter_map(move |(at, _)| {
        let rest = &text[at + 5..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let rest = &rest[1..];
        let end = rest.find(quote)?;
        let source = &rest[..end];
        source.starts_with('.').then_some(source)
    })
}

/// A cheap look at the text before parsing: only files that can declare tables, enums, shared
/// columns (they import a `*-core` module) or configuration, or call `drizzle()`, are parsed;
/// files that only query (`import { eq } from "drizzle-orm"`) are not.
fn worth_parsing(file: &SourceFile) -> bool {
    if crate::discover::is_test_path(&file.path) {
        return false;
    }
    if is_config_file(&file.path) {
        return true;
    }
    let text = &*file.text;
    [
        "Table(",
        "Enum(",
        "Schema(",
        "TableCreator(",
        "drizzle(",
        "-core",
        "customType",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

/// A drizzle-kit configuration file: `drizzle.config.ts`, `drizzle.prod.config.js`, …
pub(super) fn is_config_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("drizzle") && name.contains(".config.")
}

fn parse_problem(file: &SourceFile, node: Node<'_>) -> ParseProblem {
    let text = &file.text[node.byte_range()];
    let first_line = text.lines().next().unwrap_or("").trim();
    let end = node.start_byte()
        + text
            .find('\n')
            .unwrap_or(text.len())
            .max(usize::from(node.start_byte() == node.end_byte()));
    let message = if node.is_missing() {
        format!("cannot parse TypeScript: missing `{}`", node.kind())
    } else if first_line.is_empty() {
        "cannot parse TypeScript: unexpected end of file".to_string()
    } else {
        let snippet: String = first_line.chars().take(40).collect();
        format!("cannot parse TypeScript: unexpected `{snippet}`")
    };
    ParseProblem {
        message,
        span: file.span(node.start_byte(), end.min(file.text.len())),
    }
}

/// Something that could not be read statically, and where.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    message: String,
    span: Span,
}

/// A table declaration as read so far.
pub(super) struct TableBuild<'t> {
    unit: usize,
    variable: String,
    dialect: Dialect,
    table: Table,
    /// Each property key of the columns object and the column name it stands for.
    keys: Vec<(String, String)>,
    /// The third argument of the table call.
    extras: Option<(Node<'t>, usize)>,
    /// Column-level `.references(...)` still to resolve.
    references: Vec<columns::Reference<'t>>,
    exported: bool,
    /// The variable's name node, where a "not exported" note points.
    name_node: Node<'t>,
}

impl TableBuild<'_> {
    fn column_for_key(&self, key: &str) -> Option<&str> {
        self.keys
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, c)| c.as_str())
    }
}

/// Evaluates the declarations of a [`Program`].
pub(super) struct Extractor<'p, 't> {
    program: &'p Program<'t>,
    /// The casing drizzle-kit applies, per file.
    casing: Vec<Casing>,
    notes: RefCell<Vec<ExtractNote>>,
    /// The keys of columns named by their key: only they are queried under another name when
    /// drizzle-kit and drizzle() disagree.
    column_keys: RefCell<Vec<String>>,
    /// Each casing mismatch noted: where, and the two casings (drizzle-kit's, the runtime's).
    casing_mismatches: RefCell<Vec<(Span, Casing, Casing)>>,
}

impl<'p, 't> Extractor<'p, 't> {
    fn new(program: &'p Program<'t>) -> Self {
        Extractor {
            program,
            casing: vec![Casing::Preserve; program.units.len()],
            notes: RefCell::new(Vec::new()),
            column_keys: RefCell::new(Vec::new()),
            casing_mismatches: RefCell::new(Vec::new()),
        }
    }

    fn unit(&self, unit: usize) -> &'p Unit<'t> {
        self.program.unit(unit)
    }

    fn text(&self, unit: usize, node: Node<'_>) -> &'t str {
        self.unit(unit).text(node)
    }

    fn span(&self, unit: usize, node: Node<'_>) -> Span {
        self.unit(unit)
            .file
            .span(node.start_byte(), node.end_byte())
    }

    fn problem(&self, unit: usize, node: Node<'_>, message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            span: self.span(unit, node),
        }
    }

    /// A short quotation of the code at `node` for messages, in backticks.
    fn quote(&self, unit: usize, node: Node<'_>) -> String {
        let text = self.text(unit, node);
        let line = text.lines().next().unwrap_or("").trim();
        let code = if line.chars().count() > 60 || text.contains('\n') {
            let short: String = line.chars().take(57).collect();
            format!("{short}...")
        } else {
            line.to_string()
        };
        if code.contains('`') {
            format!("`` {code} ``")
        } else {
            format!("`{code}`")
        }
    }

    fn note(&self, kind: NoteKind, problem: Problem, table: Option<&str>) {
        self.notes.borrow_mut().push(ExtractNote {
            kind,
            message: problem.message,
            span: problem.span,
            table: table.map(String::from),
            related: Vec::new(),
        });
    }

    fn not_understood(&self, problem: Problem, table: Option<&str>) {
        self.note(NoteKind::NotUnderstood, problem, table);
    }

    fn run(mut self) -> Vec<CodeModel> {
        self.casing = self.read_casing();
        let (mut builds, enums) = self.declarations();
        self.resolve_constraints(&mut builds);
        // Only drizzle-kit needs exports: without its configuration, hand-written migrations
        // create the tables.
        let uses_drizzle_kit = self.program.units.iter().any(|u| u.is_config());
        for build in builds.iter().filter(|_| uses_drizzle_kit) {
            if !build.exported {
                let variable = &build.variable;
                let name = &build.table.name.stored;
                self.note(
                    NoteKind::TableNotExported,
                    self.problem(
                        build.unit,
                        build.name_node,
                        format!(
                            "table `{name}` (`{variable}`) is not exported, so drizzle-kit never sees it: no migration creates it"
                        ),
                    ),
                    Some(name),
                );
            }
        }
        let mut notes = self.notes.into_inner();
        // A mismatch matters only when some key is a different column name under each casing
        // (`created_at` keys under camelCase and snake_case; `createdAt` keys are the same under
        // camelCase and none).
        let keys = self.column_keys.into_inner();
        let mismatches = self.casing_mismatches.into_inner();
        notes.retain(|n| {
            n.kind != NoteKind::CasingMismatch
                || mismatches.iter().any(|(span, kit, runtime)| {
                    *span == n.span && keys.iter().any(|k| kit.apply(k) != runtime.apply(k))
                })
        });
        assemble(self.program, builds, enums, notes)
    }
}

/// A `pgEnum` declaration.
pub(super) struct EnumBuild {
    unit: usize,
    enum_type: EnumType,
}

/// Groups tables and enums by dialect into code models; notes go to the model of their file's
/// dialect (or the first model).
fn assemble(
    program: &Program<'_>,
    builds: Vec<TableBuild<'_>>,
    enums: Vec<EnumBuild>,
    mut notes: Vec<ExtractNote>,
) -> Vec<CodeModel> {
    type Entry = (Schema, BTreeSet<usize>);
    let mut schemas: BTreeMap<Dialect, Entry> = BTreeMap::new();
    fn entry(schemas: &mut BTreeMap<Dialect, Entry>, dialect: Dialect) -> &mut Entry {
        schemas.entry(dialect).or_insert_with(|| {
            (
                Schema::new(SourceKind::Drizzle, String::new(), dialect),
                BTreeSet::new(),
            )
        })
    }
    for build in builds {
        let (schema, units) = entry(&mut schemas, build.dialect);
        units.insert(build.unit);
        let key = QualifiedName::new(build.table.schema.clone(), build.table.name.stored.clone());
        schema.tables.entry(key).or_insert(build.table);
    }
    for build in enums {
        let (schema, units) = entry(&mut schemas, Dialect::Postgres);
        units.insert(build.unit);
        let key = QualifiedName::new(
            build.enum_type.schema.clone(),
            build.enum_type.name.stored.clone(),
        );
        schema.enums.entry(key).or_insert(build.enum_type);
    }
    if schemas.is_empty() && notes.is_empty() {
        return Vec::new();
    }
    notes.sort_by(|a, b| (&a.span.path, a.span.start).cmp(&(&b.span.path, b.span.start)));
    // A shared column object read for several tables says the same thing once.
    notes.dedup_by(|a, b| a.kind == b.kind && a.span == b.span && a.message == b.message);
    if schemas.is_empty() {
        // Only notes (a dynamic table, a casing mismatch): they still need a model to travel in.
        let dialect = (0..program.units.len())
            .find_map(|u| casing::config_dialect(program, u))
            .unwrap_or(Dialect::Postgres);
        entry(&mut schemas, dialect);
    }
    let count = schemas.len();
    let mut models: Vec<CodeModel> = schemas
        .into_values()
        .map(|(mut schema, units)| {
            let declaring: Vec<String> = units
                .iter()
                .map(|&u| program.unit(u).path().to_string())
                .collect();
            schema.label = label(&declaring);
            // Every file the model comes from, with those of shared columns.
            let mut files: BTreeSet<String> = declaring.into_iter().collect();
            for table in schema.tables.values() {
                files.extend(table.columns.iter().map(|c| c.origin.span.path.to_string()));
            }
            schema.files = files.into_iter().collect();
            CodeModel {
                schema,
                notes: Vec::new(),
            }
        })
        .collect();
    for note in notes {
        let index = if count == 1 {
            0
        } else {
            models
                .iter()
                .position(|m| m.schema.files.iter().any(|f| **f == *note.span.path))
                .unwrap_or(0)
        };
        models[index].notes.push(note);
    }
    models
}

/// `drizzle schema (src/db/schema.ts)`, or the first files and how many more.
fn label(files: &[String]) -> String {
    match files {
        [] => "drizzle schema".to_string(),
        [one] => format!("drizzle schema ({one})"),
        [a, b] => format!("drizzle schema ({a}, {b})"),
        [a, b, rest @ ..] => format!("drizzle schema ({a}, {b} and {} more)", rest.len()),
    }
}
