//! Reconciliation: pairs what the sources say and states each disagreement as a [`Drift`] fact.
//! Rules (in `crate::rules`) decide which fact is reported how; this module knows no rule ids.

pub mod code;
pub mod diff;
pub mod dump;
pub mod pairing;
pub mod queries;
pub mod trackers;

use crate::finding::Related;
use crate::source::Span;

/// The kinds of fact reconciliation states. Each maps to exactly one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DriftKind {
    /// A source file could not be parsed.
    ParseError,
    /// A checked-in schema dump disagrees with what the migrations build.
    SchemaDumpStale,
    /// A drizzle-kit journal and its folder disagree.
    MigrationJournalMismatch,
    /// Two migrations claim one place in a history (a version twice, unmerged branches).
    MigrationHistoryConflict,
    /// A migration cannot be applied as written to the schema built so far.
    MigrationReplayConflict,
    /// A history starts from a schema it does not create.
    MigrationHistoryIncomplete,
    /// Source code the extractors could not model statically.
    ConstructNotUnderstood,
    /// A Drizzle table drizzle-kit cannot see because it is not exported.
    TableNotExported,
    /// drizzle-kit and the application read column names with different casing.
    DrizzleCasingMismatch,
    /// Models on a metadata no migration target includes: their tables are never created.
    MetadataNotMigrated,
    // Code model against the reference schema.
    ColumnTypeMismatch,
    ColumnNameCaseMismatch,
    TableNamePluralMismatch,
    TableNameCaseMismatch,
    TableMissingFromDatabase,
    ColumnMissingFromDatabase,
    TableMissingFromModels,
    ColumnMissingFromModels,
    ColumnNullabilityMismatch,
    ColumnDefaultMismatch,
    EnumValuesMismatch,
    EnumMissingFromDatabase,
    IndexMissingFromDatabase,
    IndexMissingFromModels,
    ForeignKeyMissingFromDatabase,
    ForeignKeyMissingFromModels,
    // Within one source.
    ForeignKeyTypeMismatch,
    IdColumnWithoutForeignKey,
    InconsistentKeyColumnType,
    DuplicateTableDefinition,
    /// A suppression comment that suppressed nothing.
    UnusedSuppression,
    // SQL in application code against the reference schema and the models.
    SqlUnknownTable,
    SqlUnknownColumn,
    /// A query in application code the SQL parser cannot read.
    SqlUnparsed,
    // The live database against the repository's migration histories.
    MigrationsNotApplied,
    MigrationTrackerMissing,
}

/// One disagreement, with the values its rule's message template may use.
#[derive(Debug, Clone)]
pub struct Drift {
    pub kind: DriftKind,
    pub table: Option<String>,
    pub column: Option<String>,
    pub values: Vec<(&'static str, String)>,
    pub primary: Span,
    pub related: Vec<Related>,
    /// The evidence is a guess (a name, a convention the repository does not show): the rule's
    /// `guess_severity` applies.
    pub guess: bool,
    /// The difference is sure but breaks nothing: the rule's `drift_severity` applies.
    pub harmless: bool,
}

impl Drift {
    pub fn new(kind: DriftKind, primary: Span) -> Self {
        Drift {
            kind,
            table: None,
            column: None,
            values: Vec::new(),
            primary,
            related: Vec::new(),
            guess: false,
            harmless: false,
        }
    }

    pub fn guessed(mut self, guess: bool) -> Self {
        self.guess = guess;
        self
    }

    pub fn harmless(mut self, harmless: bool) -> Self {
        self.harmless = harmless;
        self
    }

    pub fn table(mut self, table: impl Into<String>) -> Self {
        self.table = Some(table.into());
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.values.push((key, value.into()));
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// The value a message template's `{key}` stands for.
    pub fn value(&self, key: &str) -> Option<&str> {
        match key {
            "table" => self.table.as_deref(),
            "column" => self.column.as_deref(),
            _ => self
                .values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str()),
        }
    }
}

use crate::config::Config;
use crate::extract::History;
use crate::extract::Sources;
use crate::extract::layout::MigrationTool;
use crate::model::replay::{ProblemKind, ReplayProblem};
use crate::model::{Schema, SourceKind};

/// Tables that migration tools and extensions create for themselves; never drift.
const TOOL_TABLES: &[&str] = &[
    "alembic_version",
    "__drizzle_migrations",
    "schema_migrations",
    "ar_internal_metadata",
    "flyway_schema_history",
    "_prisma_migrations",
    "django_migrations",
    "atlas_schema_revisions",
    "goose_db_version",
    "knex_migrations",
    "knex_migrations_lock",
    "spatial_ref_sys",
];

/// Whether a table belongs to a migration tool or extension, not to the application.
pub fn is_tool_table(table: &str) -> bool {
    TOOL_TABLES.contains(&table) || table.starts_with("sqlite_")
}

/// The schema that stands for the database for one code model: the configured `reference`, else
/// the migration history of the model's own tool, else the longest history, else a dump.
fn choose_reference<'a>(
    sources: &'a Sources,
    config: &Config,
    model: &Schema,
) -> Option<code::Reference<'a>> {
    let own_tool = match model.kind {
        SourceKind::Drizzle => Some(MigrationTool::DrizzleKit),
        SourceKind::Sqlalchemy | SourceKind::Sqlmodel => Some(MigrationTool::Alembic),
        _ => None,
    };
    reference_for(sources, config, own_tool, &model.migrated_by)
}

/// The reference for code whose migrations, if any, `own_tool` writes: the live database, the
/// configured `reference`, that tool's history (of several, the longest of those in the folders
/// of `migrated_by`, the `env.py` files that target the model), the longest history, a dump.
fn reference_for<'a>(
    sources: &'a Sources,
    config: &Config,
    own_tool: Option<MigrationTool>,
    migrated_by: &[String],
) -> Option<code::Reference<'a>> {
    let history = |h: &'a crate::extract::History| code::Reference {
        schema: &h.schema,
        description: format!("the migrations in {}", h.schema.label),
        complete: *h
            .complete
            .get_or_init(|| incompleteness(sources, h).is_none()),
    };
    let dump = |d: &'a crate::extract::Dump| code::Reference {
        schema: &d.schema,
        description: d.schema.label.clone(),
        complete: true,
    };
    if let Some(database) = &sources.database {
        return Some(code::Reference {
            schema: &database.schema,
            description: "the database".to_string(),
            complete: true,
        });
    }
    if let Some(wanted) = &config.reference {
        let wanted = wanted.trim_end_matches('/');
        if let Some(h) = sources.histories.iter().find(|h| h.set.dir == wanted) {
            return Some(history(h));
        }
        return sources
            .dumps
            .iter()
            .find(|d| d.schema.label == wanted)
            .map(dump);
    }
    let migrates = |h: &crate::extract::History| {
        migrated_by.iter().any(|folder| {
            folder.is_empty()
                || h.set.dir == *folder
                || h.set.dir.starts_with(&format!("{folder}/"))
        })
    };
    let own = || {
        sources
            .histories
            .iter()
            .filter(|h| Some(h.set.tool) == own_tool)
    };
    own()
        .filter(|h| migrates(h))
        .max_by_key(|h| h.set.files.len())
        .or_else(|| own().max_by_key(|h| h.set.files.len()))
        .or_else(|| sources.histories.iter().max_by_key(|h| h.set.files.len()))
        .map(history)
        .or_else(|| sources.dumps.first().map(dump))
}

/// States every fact the sources give: unreadable statements, broken histories, dumps that
/// disagree with their migrations, and code models that disagree with the database.
pub fn reconcile(sources: &Sources, config: &Config) -> Vec<Drift> {
    let mut drifts = Vec::new();
    for problem in &sources.parse_problems {
        drifts.push(
            Drift::new(DriftKind::ParseError, problem.span.clone())
                .with("detail", problem.message.clone()),
        );
    }
    for problem in &sources.layout_problems {
        use crate::extract::layout::LayoutProblemKind;
        let kind = match problem.kind {
            LayoutProblemKind::Journal => DriftKind::MigrationJournalMismatch,
            LayoutProblemKind::Conflict => DriftKind::MigrationHistoryConflict,
        };
        let mut drift = Drift::new(kind, problem.span.clone())
            .with("detail", problem.message.clone())
            .guessed(problem.guess);
        drift.related = problem.related.clone();
        drifts.push(drift);
    }
    for history in &sources.histories {
        let incomplete = incompleteness(sources, history);
        for problem in &history.problems {
            // Statements against the tables the history never creates are its incompleteness,
            // stated once below.
            let folded = incomplete
                .as_ref()
                .is_some_and(|i| i.problems.iter().any(|p| std::ptr::eq(*p, problem)));
            if !folded {
                drifts.push(replay_conflict(problem));
            }
        }
        if let Some(incomplete) = incomplete {
            drifts.push(incomplete_drift(history, &incomplete));
        }
    }
    let replay_problems = sources
        .dumps
        .iter()
        .flat_map(|d| d.problems.iter())
        .chain(sources.standalone_problems.iter());
    for problem in replay_problems {
        drifts.push(replay_conflict(problem));
    }
    // Notes about metadata Alembic does not target are stated with the reference, in
    // `compare_code_models`.
    let notes = sources
        .code
        .iter()
        .flat_map(|c| c.notes.iter())
        .filter(|n| n.kind != crate::extract::NoteKind::MetadataNotMigrated)
        .chain(sources.histories.iter().flat_map(|h| h.notes.iter()))
        .chain(sources.notes.iter());
    for note in notes {
        drifts.push(note_drift(note));
    }
    for dump in &sources.dumps {
        if let Some(history) = dump.history.map(|i| &sources.histories[i]) {
            drifts.extend(dump::stale_dump(&dump.schema, &history.schema));
        }
    }
    let before = drifts.len();
    compare_code_models(sources, config, &mut drifts);
    check_queries(sources, config, &mut drifts);
    if let Some(database) = &sources.database {
        let pending = trackers::check(&sources.histories, database, &mut drifts);
        trackers::explain_with_pending(&pending, &mut drifts[before..]);
    }
    drifts
}

fn compare_code_models(sources: &Sources, config: &Config, drifts: &mut Vec<Drift>) {
    use std::borrow::Cow;
    use std::collections::{BTreeMap, HashSet};
    let ignore = config.ignore_table_matcher();
    let ignored = |table: &str| is_tool_table(table) || ignore.is_match(table);
    // Reference tables some model covers, per reference (by label).
    let mut covered: BTreeMap<String, (code::Reference, HashSet<String>)> = Default::default();
    // A table declared in a file that did not parse may be missing columns: the parse-error
    // finding says so, and the table is left out of the comparison rather than misreported.
    let unparsed: HashSet<&str> = sources
        .parse_problems
        .iter()
        .map(|p| &*p.span.path)
        .collect();
    let mut skipped: Vec<Vec<String>> = Vec::new();
    let schemas: Vec<Cow<Schema>> = sources
        .code
        .iter()
        .map(|model| {
            let mut left_out = Vec::new();
            let schema = if model
                .schema
                .tables
                .values()
                .any(|t| unparsed.contains(&*t.origin.span.path))
            {
                let mut copy = model.schema.clone();
                copy.tables.retain(|_, t| {
                    let keep = !unparsed.contains(&*t.origin.span.path);
                    if !keep {
                        left_out.push(t.name.stored.clone());
                    }
                    keep
                });
                Cow::Owned(copy)
            } else {
                Cow::Borrowed(&model.schema)
            };
            skipped.push(left_out);
            schema
        })
        .collect();
    // Models compared with one reference describe one database: their keys are checked together
    // (a model on one metadata may reference a table on another).
    let mut groups: BTreeMap<Option<String>, (Option<code::Reference>, Vec<&Schema>)> =
        Default::default();
    for ((model, schema), skipped) in sources.code.iter().zip(&schemas).zip(skipped) {
        let reference = choose_reference(sources, config, &model.schema);
        let not_migrated = model
            .notes
            .iter()
            .filter(|n| n.kind == crate::extract::NoteKind::MetadataNotMigrated);
        let Some(reference) = reference else {
            for note in not_migrated {
                drifts.push(not_migrated_drift(note, None));
            }
            groups.entry(None).or_default().1.push(schema);
            continue;
        };
        let first = drifts.len();
        let coverage = code::compare(schema, &reference, &ignored, drifts);
        for note in not_migrated {
            let drift =
                not_migrated_drift(note, Some((&reference, &coverage, &mut *drifts, first)));
            drifts.push(drift);
        }
        let entry = covered
            .entry(reference.schema.label.clone())
            .or_insert_with(|| (reference.clone(), Default::default()));
        entry.1.extend(coverage.paired_reference_tables);
        entry.1.extend(skipped);
        groups
            .entry(Some(reference.schema.label.clone()))
            .or_insert_with(|| (Some(reference), Vec::new()))
            .1
            .push(schema);
    }
    for (reference, schemas) in groups.values() {
        // Columns the reference keys, or whose key its history dropped on purpose.
        let fks = |table: &str, column: &str| {
            reference.as_ref().is_some_and(|r| {
                r.schema.tables.values().any(|t| {
                    t.name.stored == table
                        && t.foreign_keys
                            .iter()
                            .any(|k| k.columns.iter().any(|c| c == column))
                }) || r
                    .schema
                    .dropped_foreign_keys
                    .iter()
                    .any(|(t, c)| t == table && c == column)
            })
        };
        code::check_keys(schemas, &fks, drifts);
    }
    for (reference, paired) in covered.values() {
        for table in reference.schema.tables.values() {
            let undeclarable = table.virtual_module.is_some();
            if paired.contains(&table.name.stored) || ignored(&table.name.stored) || undeclarable {
                continue;
            }
            drifts.push(
                Drift::new(DriftKind::TableMissingFromModels, table.origin.span.clone())
                    .table(&table.name.stored)
                    .with("db_source", reference.description.clone()),
            );
        }
    }
    let models: Vec<&Schema> = schemas.iter().map(|s| &**s).collect();
    let agrees = |model: &Schema, table: &crate::model::Table| {
        choose_reference(sources, config, model).is_some_and(|r| {
            r.schema
                .table(&table.qualified_name())
                .is_some_and(|t| code::same_columns_and_types(model.dialect, table, t))
        })
    };
    code::compare_models(&models, &agrees, drifts);
    compare_files_with_database(sources, &ignored, drifts);
}

/// SQL in application code: TypeScript queries are checked against the reference drizzle-kit
/// would pick, Python ones against Alembic's (either falls back to the longest history).
fn check_queries(sources: &Sources, config: &Config, drifts: &mut Vec<Drift>) {
    use crate::extract::embedded_sql::CodeLanguage;
    if sources.embedded_sql.queries.is_empty() {
        return;
    }
    let ignore = config.ignore_table_matcher();
    let ignored = |table: &str| is_tool_table(table) || ignore.is_match(table);
    for (language, tool) in [
        (CodeLanguage::TypeScript, MigrationTool::DrizzleKit),
        (CodeLanguage::Python, MigrationTool::Alembic),
    ] {
        let reference = reference_for(sources, config, Some(tool), &[]);
        queries::check(sources, config, language, reference, &ignored, drifts);
    }
}

/// Without code models, what the repository's SQL says (the longest history, else a dump) is
/// compared with the live database.
fn compare_files_with_database(
    sources: &Sources,
    ignored: &dyn Fn(&str) -> bool,
    drifts: &mut Vec<Drift>,
) {
    let Some(database) = &sources.database else {
        return;
    };
    if !sources.code.is_empty() {
        return;
    }
    let declared = sources
        .histories
        .iter()
        .max_by_key(|h| h.set.files.len())
        .map(|h| &h.schema)
        .or_else(|| sources.dumps.first().map(|d| &d.schema));
    let Some(declared) = declared else {
        return;
    };
    let reference = code::Reference {
        schema: &database.schema,
        description: "the database".to_string(),
        complete: true,
    };
    let coverage = code::compare(declared, &reference, ignored, drifts);
    for table in database.schema.tables.values() {
        if !coverage
            .paired_reference_tables
            .contains(&table.name.stored)
            && !ignored(&table.name.stored)
        {
            drifts.push(
                Drift::new(DriftKind::TableMissingFromModels, table.origin.span.clone())
                    .table(&table.name.stored)
                    .with("db_source", "the database"),
            );
        }
    }
}

/// A model on a metadata Alembic does not target, with what follows from it in the reference:
/// its table does not exist (the table-missing-from-database drift for the same table, the same
/// fact less precisely stated, is taken out of `drifts[from..]`), or it exists and autogenerate,
/// not seeing the model, proposes dropping it.
fn not_migrated_drift(
    note: &crate::extract::ExtractNote,
    reference: Option<(&code::Reference, &code::Coverage, &mut Vec<Drift>, usize)>,
) -> Drift {
    let mut drift = note_drift(note);
    let mut consequence = "so autogenerate never creates the table".to_string();
    if let (Some((reference, coverage, drifts, from)), Some(table)) = (reference, &note.table) {
        let db = &reference.description;
        let missing = drifts[from..].iter().position(|d| {
            d.kind == DriftKind::TableMissingFromDatabase
                && d.table.as_ref() == Some(table)
                && d.primary.path == note.span.path
        });
        if let Some(i) = missing {
            drifts.remove(from + i);
            consequence = format!("so no migration creates it: `{table}` does not exist in {db}");
        } else if let Some((db_table, span)) = coverage.paired_code_tables.get(table) {
            consequence = format!(
                "so autogenerate does not see it and proposes dropping `{db_table}`, which exists in {db}"
            );
            drift = drift.related(span.clone(), format!("`{db_table}` in {db}"));
        }
    }
    drift.values.retain(|(k, _)| *k != "detail");
    drift.with("detail", format!("{}, {consequence}", note.message))
}

fn note_drift(note: &crate::extract::ExtractNote) -> Drift {
    use crate::extract::NoteKind;
    let kind = match note.kind {
        NoteKind::NotUnderstood => DriftKind::ConstructNotUnderstood,
        NoteKind::TableNotExported => DriftKind::TableNotExported,
        NoteKind::CasingMismatch => DriftKind::DrizzleCasingMismatch,
        NoteKind::MetadataNotMigrated => DriftKind::MetadataNotMigrated,
        NoteKind::HistoryConflict => DriftKind::MigrationHistoryConflict,
    };
    let mut drift = Drift::new(kind, note.span.clone()).with("detail", note.message.clone());
    drift.table = note.table.clone();
    drift.related = note.related.clone();
    drift
}

/// Why a history cannot build the schema on its own.
struct Incomplete<'a> {
    /// Statements against tables no migration of the history creates.
    problems: Vec<&'a ReplayProblem>,
    /// The tables they act on.
    tables: std::collections::BTreeSet<String>,
    /// Model tables compared with the history that it never creates.
    models_not_built: usize,
    /// The first revision creates nothing while the models declare tables it lacks (an
    /// application that ran `create_all()` and then `alembic stamp head`).
    empty_base: bool,
}

/// Whether `history` starts from a schema it does not create: statements act on tables no
/// migration of it creates, or its first revision creates nothing while the models compared
/// with it declare tables it never builds.
fn incompleteness<'a>(sources: &'a Sources, history: &'a History) -> Option<Incomplete<'a>> {
    if history.baseline.is_some() {
        // Replayed on top of the dump it starts from: what is left are single conflicts.
        return None;
    }
    let problems: Vec<&ReplayProblem> = history
        .problems
        .iter()
        .filter(|p| {
            p.kind == ProblemKind::Missing
                && p.table
                    .as_ref()
                    .is_some_and(|t| history.schema.table(t).is_none() && !is_tool_table(&t.name))
        })
        .collect();
    let tables: std::collections::BTreeSet<String> = problems
        .iter()
        .filter_map(|p| p.table.as_ref().map(|t| t.name.clone()))
        .collect();
    let own_models = sources.code.iter().filter(|c| {
        matches!(
            (c.schema.kind, history.set.tool),
            (
                SourceKind::Sqlalchemy | SourceKind::Sqlmodel,
                MigrationTool::Alembic
            ) | (SourceKind::Drizzle, MigrationTool::DrizzleKit)
        )
    });
    let model_tables: Vec<&crate::model::Table> = own_models
        .flat_map(|c| c.schema.tables.values())
        .filter(|t| !is_tool_table(&t.name.stored))
        .collect();
    let models_not_built = model_tables
        .iter()
        .filter(|t| history.schema.table(&t.qualified_name()).is_none())
        .count();
    let first = history.set.files.first()?;
    // Most of the models missing, not one: a single unmigrated model is that model's finding.
    let empty_base = history.baseline.is_none()
        && models_not_built > 0
        && models_not_built * 2 >= model_tables.len()
        && !history
            .schema
            .tables
            .values()
            .any(|t| t.origin.span.path == first.path);
    (!problems.is_empty() || empty_base).then_some(Incomplete {
        problems,
        tables,
        models_not_built,
        empty_base,
    })
}

fn incomplete_drift(history: &History, incomplete: &Incomplete) -> Drift {
    let first = history
        .set
        .files
        .first()
        .expect("an incomplete history has files");
    let mut parts = Vec::new();
    if !incomplete.problems.is_empty() {
        let shown: Vec<String> = incomplete
            .tables
            .iter()
            .take(3)
            .map(|t| format!("`{t}`"))
            .collect();
        let more = incomplete.tables.len().saturating_sub(3);
        parts.push(format!(
            "{} {} on {} {} no migration creates ({}{})",
            incomplete.problems.len(),
            plural(
                incomplete.problems.len(),
                "statement acts",
                "statements act"
            ),
            incomplete.tables.len(),
            plural(incomplete.tables.len(), "table", "tables"),
            shown.join(", "),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            },
        ));
    }
    if incomplete.empty_base {
        parts.push(format!(
            "its first migration `{}` creates no table",
            first.path.rsplit('/').next().unwrap_or(&first.path)
        ));
    }
    let consequence = match incomplete.models_not_built {
        0 => "only the tables it builds are compared".to_string(),
        n => format!(
            "only the tables it builds are compared; {n} model {} it never creates {} not reported as missing",
            plural(n, "table", "tables"),
            plural(n, "is", "are")
        ),
    };
    let primary = match incomplete.problems.first() {
        Some(problem) => problem.origin.span.clone(),
        None => crate::source::Span::file_start(&first.path),
    };
    let mut drift = Drift::new(DriftKind::MigrationHistoryIncomplete, primary)
        .with("history", history.schema.label.clone())
        .with("detail", parts.join(", and "))
        .with("consequence", consequence);
    for problem in incomplete.problems.iter().skip(1).take(4) {
        drift = drift.related(problem.origin.span.clone(), problem.message.clone());
    }
    drift
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn replay_conflict(problem: &ReplayProblem) -> Drift {
    let drift = Drift::new(
        DriftKind::MigrationReplayConflict,
        problem.origin.span.clone(),
    )
    .with("detail", problem.message.clone());
    match &problem.table {
        Some(table) => drift.table(table.name.clone()),
        None => drift,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Seed 003 in miniature: `user` on SQLModel.metadata (the one Alembic targets), two models
    /// on a second Base, one whose table a hand-written migration created and one no migration
    /// creates.
    fn seed(env: &str) -> Vec<Drift> {
        let files: Vec<SourceFile> = [
            (
                "app/base.py",
                "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n",
            ),
            (
                "app/user.py",
                "from typing import Optional\nfrom sqlmodel import Field, SQLModel\n\nclass User(SQLModel, table=True):\n    __tablename__ = 'user'\n    id: Optional[int] = Field(default=None, primary_key=True)\n",
            ),
            (
                "app/legacy.py",
                "from sqlalchemy import Column, ForeignKey, Integer\nfrom app.base import Base\n\nclass ExpertProfile(Base):\n    __tablename__ = 'expert_profiles'\n    id = Column(Integer, primary_key=True)\n    user_id = Column(Integer, ForeignKey('user.id'))\n\nclass Orphan(Base):\n    __tablename__ = 'orphans'\n    id = Column(Integer, primary_key=True)\n",
            ),
            ("alembic/env.py", env),
            (
                "alembic/versions/a1_init.py",
                "import sqlalchemy as sa\nfrom alembic import op\nrevision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    op.create_table('user', sa.Column('id', sa.Integer(), primary_key=True))\n    op.execute('CREATE TABLE expert_profiles (id serial PRIMARY KEY, user_id integer REFERENCES \"user\"(id))')\n",
            ),
        ]
        .iter()
        .map(|(path, text)| SourceFile::in_memory(path, text))
        .collect();
        let x = crate::extract::python::extract(&files, None, None);
        let sources = Sources {
            code: x.code,
            histories: x.histories,
            ..Sources::default()
        };
        reconcile(&sources, &Config::default())
    }

    fn found(drifts: &[Drift]) -> Vec<(DriftKind, &str)> {
        drifts
            .iter()
            .map(|d| (d.kind, d.table.as_deref().unwrap_or("")))
            .collect()
    }

    /// A model no migration creates is one finding, the specific one: its metadata is not
    /// migrated, and so its table does not exist. A model whose table exists is still invisible to
    /// autogenerate, which proposes dropping the table.
    #[test]
    fn an_unmigrated_model_is_one_finding_that_says_what_follows() {
        let drifts = seed("from sqlmodel import SQLModel\ntarget_metadata = SQLModel.metadata\n");
        assert_eq!(
            found(&drifts),
            [
                (DriftKind::MetadataNotMigrated, "expert_profiles"),
                (DriftKind::MetadataNotMigrated, "orphans"),
            ]
        );
        assert_eq!(
            drifts[0].value("detail"),
            Some(
                "`ExpertProfile` (table `expert_profiles`) is declared on Base.metadata (app/base.py), but Alembic's target_metadata includes only SQLModel.metadata, so autogenerate does not see it and proposes dropping `expert_profiles`, which exists in the migrations in alembic/versions/"
            )
        );
        let related: Vec<&str> = drifts[0]
            .related
            .iter()
            .map(|r| r.span.path.as_ref())
            .collect();
        assert_eq!(related, ["alembic/env.py", "alembic/versions/a1_init.py"]);
        assert_eq!(
            drifts[1].value("detail"),
            Some(
                "`Orphan` (table `orphans`) is declared on Base.metadata (app/base.py), but Alembic's target_metadata includes only SQLModel.metadata, so no migration creates it: `orphans` does not exist in the migrations in alembic/versions/"
            )
        );
    }

    /// With both metadata objects targeted, the orphan is an ordinary missing table.
    #[test]
    fn a_migrated_model_without_its_table_is_missing_from_the_database() {
        let drifts = seed(
            "from sqlmodel import SQLModel\nfrom app.base import Base\ntarget_metadata = [SQLModel.metadata, Base.metadata]\n",
        );
        assert_eq!(
            found(&drifts),
            [(DriftKind::TableMissingFromDatabase, "orphans")]
        );
    }
}
