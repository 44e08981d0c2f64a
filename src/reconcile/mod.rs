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
    /// A migration cannot be applied as written to the schema built so far.
    MigrationReplayConflict,
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
        }
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
use crate::extract::Sources;
use crate::extract::layout::MigrationTool;
use crate::model::replay::ReplayProblem;
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
    reference_for(sources, config, own_tool)
}

/// The reference for code whose migrations, if any, `own_tool` writes: the live database, the
/// configured `reference`, that tool's history, the longest history, a dump.
fn reference_for<'a>(
    sources: &'a Sources,
    config: &Config,
    own_tool: Option<MigrationTool>,
) -> Option<code::Reference<'a>> {
    let history = |h: &'a crate::extract::History| code::Reference {
        schema: &h.schema,
        description: format!("the migrations in {}", h.schema.label),
    };
    let dump = |d: &'a crate::extract::Dump| code::Reference {
        schema: &d.schema,
        description: d.schema.label.clone(),
    };
    if let Some(database) = &sources.database {
        return Some(code::Reference {
            schema: &database.schema,
            description: "the database".to_string(),
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
    sources
        .histories
        .iter()
        .filter(|h| Some(h.set.tool) == own_tool)
        .max_by_key(|h| h.set.files.len())
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
        drifts.push(
            Drift::new(DriftKind::MigrationJournalMismatch, problem.span.clone())
                .with("detail", problem.message.clone()),
        );
    }
    let replay_problems = sources
        .histories
        .iter()
        .flat_map(|h| h.problems.iter())
        .chain(sources.dumps.iter().flat_map(|d| d.problems.iter()))
        .chain(sources.standalone_problems.iter());
    for problem in replay_problems {
        drifts.push(replay_conflict(problem));
    }
    let notes = sources
        .code
        .iter()
        .flat_map(|c| c.notes.iter())
        .chain(sources.histories.iter().flat_map(|h| h.notes.iter()));
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
    let ignore = config.ignore_table_matcher();
    let ignored = |table: &str| TOOL_TABLES.contains(&table) || ignore.is_match(table);
    // Reference tables some model covers, per reference (by label).
    let mut covered: std::collections::BTreeMap<
        String,
        (code::Reference, std::collections::HashSet<String>),
    > = Default::default();
    // A table declared in a file that did not parse may be missing columns: the parse-error
    // finding says so, and the table is left out of the comparison rather than misreported.
    let unparsed: std::collections::HashSet<&str> = sources
        .parse_problems
        .iter()
        .map(|p| &*p.span.path)
        .collect();
    for model in &sources.code {
        let reference = choose_reference(sources, config, &model.schema);
        let mut skipped = Vec::new();
        let reliable;
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
                    skipped.push(t.name.stored.clone());
                }
                keep
            });
            reliable = copy;
            &reliable
        } else {
            &model.schema
        };
        match reference {
            Some(reference) => {
                let coverage = code::compare(schema, &reference, &ignored, drifts);
                let fks = |table: &str, column: &str| {
                    reference.schema.tables.values().any(|t| {
                        t.name.stored == table
                            && t.foreign_keys
                                .iter()
                                .any(|k| k.columns.iter().any(|c| c == column))
                    })
                };
                code::check_keys(schema, &fks, drifts);
                let entry = covered
                    .entry(reference.schema.label.clone())
                    .or_insert_with(|| (reference, Default::default()));
                entry.1.extend(coverage.paired_reference_tables);
                entry.1.extend(skipped);
            }
            None => code::check_keys(schema, &|_, _| false, drifts),
        }
    }
    for (reference, paired) in covered.values() {
        for table in reference.schema.tables.values() {
            if paired.contains(&table.name.stored) || ignored(&table.name.stored) {
                continue;
            }
            drifts.push(
                Drift::new(DriftKind::TableMissingFromModels, table.origin.span.clone())
                    .table(&table.name.stored)
                    .with("db_source", reference.description.clone()),
            );
        }
    }
    let models: Vec<&Schema> = sources.code.iter().map(|c| &c.schema).collect();
    code::duplicate_tables(&models, drifts);
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
    let ignored = |table: &str| TOOL_TABLES.contains(&table) || ignore.is_match(table);
    for (language, tool) in [
        (CodeLanguage::TypeScript, MigrationTool::DrizzleKit),
        (CodeLanguage::Python, MigrationTool::Alembic),
    ] {
        let reference = reference_for(sources, config, Some(tool));
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

fn note_drift(note: &crate::extract::ExtractNote) -> Drift {
    use crate::extract::NoteKind;
    let kind = match note.kind {
        NoteKind::NotUnderstood => DriftKind::ConstructNotUnderstood,
        NoteKind::TableNotExported => DriftKind::TableNotExported,
        NoteKind::CasingMismatch => DriftKind::DrizzleCasingMismatch,
        NoteKind::MetadataNotMigrated => DriftKind::MetadataNotMigrated,
    };
    let mut drift = Drift::new(kind, note.span.clone()).with("detail", note.message.clone());
    drift.table = note.table.clone();
    drift.related = note.related.clone();
    drift
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
