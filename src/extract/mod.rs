//! Extractors: each reads one kind of source file into the unified model. An extractor knows
//! its parser and the model, and nothing of rules or reports.

pub mod conflicts;
pub mod drizzle;
pub mod embedded_sql;
pub mod layout;
pub mod python;
pub mod sql;
pub mod statements;
pub mod treesitter;

use crate::config::Config;
use crate::discover::{Discovery, FileKind};
use crate::model::replay::{ProblemKind, ReplayProblem};
use crate::model::{Dialect, Schema, SourceKind};
use crate::source::SourceFile;
use layout::{LayoutProblem, MigrationSet};
use rayon::prelude::*;
use sql::{ParseProblem, SqlExtract};
use std::collections::{BTreeSet, HashMap};

/// A migration history replayed into the schema it builds.
#[derive(Debug)]
pub struct History {
    pub set: MigrationSet,
    pub schema: Schema,
    /// The dump the history was replayed on top of, when its first migrations alter tables
    /// only that dump creates (the dump is the baseline the migrations started from).
    pub baseline: Option<String>,
    pub problems: Vec<ReplayProblem>,
    /// Operations the extractor could not interpret (Alembic), reported as notes.
    pub notes: Vec<ExtractNote>,
    /// Whether the history builds its schema from nothing, decided once at reconciliation
    /// (it depends on the code models compared with it).
    pub complete: std::sync::OnceLock<bool>,
}

/// A schema dump and the history it should agree with.
#[derive(Debug)]
pub struct Dump {
    pub schema: Schema,
    /// Index into [`Sources::histories`].
    pub history: Option<usize>,
    pub problems: Vec<ReplayProblem>,
}

/// Something an extractor saw but could not model statically: a dynamic table name, an unknown
/// type, an operation it does not interpret. Reported as an info note, never guessed at.
#[derive(Debug, Clone)]
pub struct ExtractNote {
    pub kind: NoteKind,
    pub message: String,
    pub span: crate::source::Span,
    /// The database table concerned, when there is one.
    pub table: Option<String>,
    /// Other places that explain the note (the `target_metadata` line, a config file).
    pub related: Vec<crate::finding::Related>,
}

/// What an extractor noticed. Reconciliation maps each kind to a drift fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A construct that cannot be read statically (dynamic names, unknown types or operations).
    NotUnderstood,
    /// A Drizzle table that is not exported, so drizzle-kit never sees it.
    TableNotExported,
    /// drizzle.config.ts and the runtime `drizzle({ casing })` disagree.
    CasingMismatch,
    /// Models on a MetaData that no Alembic `target_metadata` includes.
    MetadataNotMigrated,
    /// Revisions that Alembic cannot chain: two heads, a missing revision, a cycle.
    HistoryConflict,
}

/// A schema declared by application code (one ORM, one metadata), with what the extractor
/// could not follow.
#[derive(Debug, Clone)]
pub struct CodeModel {
    pub schema: Schema,
    pub notes: Vec<ExtractNote>,
}

/// Everything the sources of a repository say: SQL files, migration histories, code models.
#[derive(Debug, Default)]
pub struct Sources {
    pub histories: Vec<History>,
    pub dumps: Vec<Dump>,
    pub standalone: Vec<Schema>,
    /// Schemas declared by application code, one per ORM declaration set (metadata).
    pub code: Vec<CodeModel>,
    /// The live database, when one was given.
    pub database: Option<crate::introspect::Introspection>,
    pub parse_problems: Vec<ParseProblem>,
    pub layout_problems: Vec<LayoutProblem>,
    pub standalone_problems: Vec<ReplayProblem>,
    /// SQL strings in application code, checked against the reference schema.
    pub embedded_sql: embedded_sql::EmbeddedSql,
    /// What the repository holds that is deliberately not read (templated SQL folders), said
    /// once per place.
    pub notes: Vec<ExtractNote>,
}

impl Sources {
    /// Every schema read, in a stable order: code models, histories, dumps, standalone files.
    pub fn schemas(&self) -> impl Iterator<Item = &Schema> {
        self.database
            .iter()
            .map(|d| &d.schema)
            .chain(self.code.iter().map(|c| &c.schema))
            .chain(self.histories.iter().map(|h| &h.schema))
            .chain(self.dumps.iter().map(|d| &d.schema))
            .chain(self.standalone.iter())
    }

    /// How many tables the sources describe, each counted once however many sources (models,
    /// history, dump, database) declare it.
    pub fn table_count(&self) -> usize {
        let names: std::collections::HashSet<(Option<&str>, String)> = self
            .schemas()
            .flat_map(|s| {
                s.tables.keys().map(move |k| {
                    let name = match s.dialect {
                        Dialect::Postgres => k.name.clone(),
                        _ => k.name.to_lowercase(),
                    };
                    (k.schema.as_deref(), name)
                })
            })
            .collect();
        names.len()
    }

    /// Why nothing was compared, when nothing was: no schema at all, models with no reference
    /// to hold them against, or one reference with nothing to compare it with.
    pub fn nothing_compared(&self) -> Option<String> {
        let model_tables: usize = self.code.iter().map(|c| c.schema.tables.len()).sum();
        let references = self.histories.len()
            + self.dumps.len()
            + self.standalone.len()
            + usize::from(self.database.is_some());
        let queries = !self.embedded_sql.queries.is_empty();
        match (model_tables, references) {
            (0, 0) if !queries => {
                Some("no models, migrations, schema dump or database found".into())
            }
            (n, 0) if n > 0 => Some(format!(
                "{n} model table{} and no reference schema to hold them against; point at the \
                 migrations with `migrations:` in schemadrift.yaml, or compare with a database \
                 with `--database-url`",
                if n == 1 { "" } else { "s" }
            )),
            (0, 1) if !queries && self.database.is_none() => Some(
                "one schema and nothing to compare it with (no models, no second history or \
                 dump)"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// Reads every source the discovery found. The SQL files, the TypeScript files and the Python
/// files are read at the same time (each family in parallel inside too); their results are
/// merged in that order.
pub fn read_sources(discovery: &Discovery, config: &Config) -> Sources {
    let plan = plan_sql_sources(discovery, config);
    // Python models whose dialect nothing in Python names take the SQL history's.
    let fallback = plan
        .arranged
        .migration_sets
        .first()
        .and_then(|set| set.files.first())
        .map(|f| plan.dialects[&*f.path]);
    let (mut sources, (drizzle, python)) = rayon::join(
        || {
            let _phase = crate::timings::phase("sql files and histories");
            read_sql_sources(plan)
        },
        || {
            rayon::join(
                || {
                    let _phase = crate::timings::phase("typescript (drizzle)");
                    read_drizzle_sources(discovery)
                },
                || {
                    let _phase = crate::timings::phase("python");
                    python::read(discovery, config, fallback)
                },
            )
        },
    );
    sources.code.extend(drizzle.models);
    sources.parse_problems.extend(drizzle.problems);
    let mut scanned = drizzle.queries;
    sources.code.extend(python.code);
    sources.histories.extend(python.histories);
    pair_dumps_with_histories(&mut sources);
    sources.parse_problems.extend(python.parse_problems);
    scanned.files.extend(python.queries.files);
    scanned.queries.extend(python.queries.queries);
    embedded_sql::read_into(&mut sources, discovery, scanned);
    sources
        .notes
        .extend(discovery.template_folders.iter().map(template_note));
    sources.notes.extend(discovery.files.iter().filter_map(|f| {
        let how = f.decoded.as_ref()?;
        Some(ExtractNote {
            kind: NoteKind::NotUnderstood,
            message: format!("`{}` {how}", f.file.path),
            span: f.file.head_span(),
            table: None,
            related: Vec::new(),
        })
    }));
    sources
        .parse_problems
        .sort_by(|a, b| (&a.span.path, a.span.start).cmp(&(&b.span.path, b.span.start)));
    sources
}

fn template_note(folder: &crate::discover::TemplateFolder) -> ExtractNote {
    let first_line = folder.first.text.lines().next().unwrap_or("");
    let span = folder
        .first
        .span(0, first_line.len().min(folder.first.text.len()));
    let shown = if folder.folder.is_empty() {
        "."
    } else {
        &folder.folder
    };
    let files = match folder.files {
        1 => "1 SQL file is a template".to_string(),
        n => format!("{n} SQL files are templates"),
    };
    ExtractNote {
        kind: NoteKind::NotUnderstood,
        message: format!(
            "{files} in {shown}/ ({{{{ … }}}} or {{% … %}} tags): the application renders them, so they are not read as schema"
        ),
        span,
        table: None,
        related: Vec::new(),
    }
}

/// Reads the Drizzle schema the TypeScript / JavaScript sources declare, with the SQL strings
/// of the files it parsed.
fn read_drizzle_sources(discovery: &Discovery) -> drizzle::DrizzleExtract {
    let files: Vec<SourceFile> = discovery.of_kind(FileKind::TypeScript).cloned().collect();
    if files.is_empty() {
        return Default::default();
    }
    drizzle::extract(&files)
}

/// The SQL files arranged by layout, and the dialect each is read in.
struct SqlPlan {
    arranged: layout::SqlLayout,
    dialects: HashMap<String, Dialect>,
    /// What is SQL for another engine (ClickHouse), said once per folder or file, never read.
    other_engines: Vec<ExtractNote>,
}

/// ClickHouse DDL: table engines and type wrappers no Postgres, MySQL or SQLite has.
fn is_clickhouse(text: &str) -> bool {
    const MARKERS: &[&str] = &["mergetree", "lowcardinality("];
    let lower = text.to_ascii_lowercase();
    MARKERS.iter().any(|m| lower.contains(m))
}

fn other_engine_note(place: &str, first: &SourceFile, files: usize) -> ExtractNote {
    let what = match files {
        1 => "holds ClickHouse DDL".to_string(),
        n => format!("holds {n} files of ClickHouse DDL"),
    };
    ExtractNote {
        kind: NoteKind::NotUnderstood,
        message: format!(
            "`{place}` {what} (`ENGINE = MergeTree`, `LowCardinality(…)`): a database of another engine than the application's, so it is not read or compared"
        ),
        span: first.head_span(),
        table: None,
        related: Vec::new(),
    }
}

fn plan_sql_sources(discovery: &Discovery, config: &Config) -> SqlPlan {
    let sql_files: Vec<SourceFile> = discovery.of_kind(FileKind::Sql).cloned().collect();
    let drizzle_meta: Vec<SourceFile> = discovery
        .of_kind(FileKind::DrizzleJournal)
        .chain(discovery.of_kind(FileKind::DrizzleSnapshot))
        .cloned()
        .collect();
    let mut arranged = layout::arrange(&sql_files, &drizzle_meta, config);
    let mut other_engines = Vec::new();
    arranged.migration_sets.retain(|set| {
        // A folder of one engine: at least half its files speak ClickHouse.
        let marked = set.files.iter().filter(|f| is_clickhouse(&f.text)).count();
        let clickhouse = marked > 0 && marked * 2 >= set.files.len();
        if let (true, Some(first)) = (clickhouse, set.files.first()) {
            other_engines.push(other_engine_note(
                &format!("{}/", set.dir),
                first,
                set.files.len(),
            ));
        }
        !clickhouse
    });
    for files in [&mut arranged.dumps, &mut arranged.standalone] {
        files.retain(|file| {
            let clickhouse = is_clickhouse(&file.text);
            if clickhouse {
                other_engines.push(other_engine_note(&file.path, file, 1));
            }
            !clickhouse
        });
    }

    // Every file's dialect is decided before parsing: a history shares one dialect.
    let mut dialects: HashMap<String, Dialect> = HashMap::new();
    for set in &arranged.migration_sets {
        let dialect = config
            .dialect
            .or(set.dialect)
            .or_else(|| set.files.iter().find_map(|f| sql::detect_dialect(&f.text)))
            .unwrap_or(Dialect::Postgres);
        for file in &set.files {
            dialects.insert(file.path.to_string(), dialect);
        }
    }
    for file in arranged.dumps.iter().chain(&arranged.standalone) {
        let dialect = config
            .dialect
            .or_else(|| sql::detect_dialect(&file.text))
            .unwrap_or(Dialect::Postgres);
        dialects.insert(file.path.to_string(), dialect);
    }
    SqlPlan {
        arranged,
        dialects,
        other_engines,
    }
}

/// Reads every SQL file: parses all of them in parallel, then replays each history in order
/// and each dump on its own.
fn read_sql_sources(plan: SqlPlan) -> Sources {
    let SqlPlan {
        arranged,
        dialects,
        other_engines,
    } = plan;
    let jobs: Vec<(&SourceFile, Dialect, SourceKind)> = arranged
        .migration_sets
        .iter()
        .flat_map(|s| s.files.iter().map(|f| (f, SourceKind::Migrations)))
        .chain(arranged.dumps.iter().map(|f| (f, SourceKind::Sql)))
        .chain(arranged.standalone.iter().map(|f| (f, SourceKind::Sql)))
        .map(|(f, kind)| (f, dialects[&*f.path], kind))
        .collect();
    let mut extracted: HashMap<String, SqlExtract> = jobs
        .into_par_iter()
        .map(|(file, dialect, kind)| (file.path.to_string(), sql::extract(file, dialect, kind)))
        .collect();

    let mut sources = Sources {
        notes: other_engines,
        ..Sources::default()
    };
    let mut sql_notes: HashMap<String, Vec<ParseProblem>> = extracted
        .iter_mut()
        .filter(|(_, e)| !e.notes.is_empty())
        .map(|(path, e)| (path.clone(), std::mem::take(&mut e.notes)))
        .collect();
    let mut take = |path: &str, problems: &mut Vec<ParseProblem>| {
        let extract = extracted.remove(path).unwrap_or_default();
        problems.extend(extract.problems);
        extract.changes
    };

    let mut dump_changes = Vec::new();
    for file in &arranged.dumps {
        let changes = take(&file.path, &mut sources.parse_problems);
        dump_changes.push((file, changes));
    }

    let mut history_changes = Vec::new();
    for set in &arranged.migration_sets {
        let files: Vec<_> = set
            .files
            .iter()
            .map(|f| {
                (
                    f.path.to_string(),
                    take(&f.path, &mut sources.parse_problems),
                )
            })
            .collect();
        history_changes.push(files);
    }

    for (file, changes) in dump_changes {
        let dialect = dialects[&*file.path];
        let mut schema = Schema::new(SourceKind::Sql, file.path.to_string(), dialect);
        schema.files.push(file.path.to_string());
        let problems = replay(&mut schema, changes.into_iter());
        let history = closest_history(&file.path, &arranged.migration_sets);
        sources.dumps.push(Dump {
            schema,
            history,
            problems,
        });
    }

    for (index, (set, files)) in arranged
        .migration_sets
        .into_iter()
        .zip(history_changes)
        .enumerate()
    {
        let dialect = set
            .files
            .first()
            .map(|f| dialects[&*f.path])
            .unwrap_or(Dialect::Postgres);
        let label = if set.dir == "." {
            "./".to_string()
        } else {
            format!("{}/", set.dir)
        };
        let build = |base: Option<&Schema>| {
            let mut schema = match base {
                Some(dump) => Schema {
                    kind: SourceKind::Migrations,
                    label: label.clone(),
                    ..dump.clone()
                },
                None => Schema::new(SourceKind::Migrations, label.clone(), dialect),
            };
            let changes = files.iter().flat_map(|(_, c)| c.iter().cloned());
            let problems = replay(&mut schema, changes);
            schema
                .files
                .extend(files.iter().map(|(path, _)| path.clone()));
            (schema, problems)
        };
        let (mut schema, mut problems) = build(None);
        let mut baseline = None;
        let paired_dump = sources.dumps.iter().find(|d| d.history == Some(index));
        if let Some(dump) = paired_dump {
            if starts_from(&problems, &dump.schema, &schema) {
                let (based, based_problems) = build(Some(&dump.schema));
                schema = based;
                // Statements the dump already reflects are not conflicts once it is the base.
                problems = based_problems
                    .into_iter()
                    .filter(|p| p.kind != ProblemKind::Duplicate)
                    .collect();
                baseline = Some(dump.schema.label.clone());
            }
        }
        sources.layout_problems.extend(set.problems.iter().cloned());
        sources
            .layout_problems
            .extend(conflicts::duplicate_versions(&set));
        let touched = |path: &str| -> BTreeSet<crate::model::change::Object> {
            files
                .iter()
                .filter(|(p, _)| p == path)
                .flat_map(|(_, changes)| changes.iter().flat_map(|c| c.objects().0))
                .collect()
        };
        sources
            .layout_problems
            .extend(conflicts::drizzle_forks(&set, &touched));
        let notes = set
            .files
            .iter()
            .flat_map(|f| sql_notes.remove(&*f.path).unwrap_or_default())
            .map(sql_note)
            .collect();
        sources.histories.push(History {
            set,
            schema,
            baseline,
            problems,
            notes,
            complete: Default::default(),
        });
    }

    for file in &arranged.dumps {
        let notes = sql_notes.remove(&*file.path).unwrap_or_default();
        sources.notes.extend(notes.into_iter().map(sql_note));
    }
    for file in &arranged.standalone {
        let dialect = dialects[&*file.path];
        let mut schema = Schema::new(SourceKind::Sql, file.path.to_string(), dialect);
        schema.files.push(file.path.to_string());
        let changes = take(&file.path, &mut sources.parse_problems);
        let problems = replay(&mut schema, changes.into_iter());
        sources.standalone_problems.extend(problems);
        let notes = sql_notes.remove(&*file.path).unwrap_or_default();
        sources.notes.extend(notes.into_iter().map(sql_note));
        if !schema.tables.is_empty() || !schema.enums.is_empty() {
            sources.standalone.push(schema);
        }
    }
    sources
}

/// Up to three names in backticks, then how many more: "`a`, `b`, `c` and 4 more{more}".
pub(crate) fn listed<S: AsRef<str>>(names: &[S], more: &str) -> String {
    let quoted: Vec<String> = names
        .iter()
        .take(3)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    match names.len() {
        n if n > 3 => format!("{} and {} more{more}", quoted.join(", "), n - 3),
        _ => quoted.join(", "),
    }
}

fn sql_note(note: ParseProblem) -> ExtractNote {
    ExtractNote {
        kind: NoteKind::NotUnderstood,
        message: note.message,
        span: note.span,
        table: None,
        related: Vec::new(),
    }
}

fn replay(
    schema: &mut Schema,
    changes: impl Iterator<Item = crate::model::SchemaChange>,
) -> Vec<ReplayProblem> {
    let problems = changes.filter_map(|c| schema.apply(c).err()).collect();
    schema.finish();
    problems
}

/// Each dump is compared with the history that can produce it: the one (SQL, drizzle-kit or
/// Alembic) that builds most of the dump's tables. A history the dump is the baseline of keeps
/// it; a dump no history builds half of is compared with none (an unrelated folder elsewhere
/// in the repository is not its source).
fn pair_dumps_with_histories(sources: &mut Sources) {
    for d in 0..sources.dumps.len() {
        let dump = &sources.dumps[d];
        let label = &dump.schema.label;
        if dump
            .history
            .is_some_and(|h| sources.histories[h].baseline.as_deref() == Some(label.as_str()))
        {
            continue;
        }
        let tables: Vec<&crate::model::Table> = dump
            .schema
            .tables
            .values()
            .filter(|t| !crate::reconcile::is_tool_table(&t.name.stored))
            .collect();
        if tables.is_empty() {
            continue;
        }
        // A dump of another dialect (the SQLite twin of a Postgres dump) is not what this
        // history's replay builds.
        let dialect = dump.schema.dialect;
        let built = |h: &History| {
            if h.schema.dialect != dialect {
                return 0;
            }
            tables
                .iter()
                .filter(|t| h.schema.table(&t.qualified_name()).is_some())
                .count()
        };
        let best = sources
            .histories
            .iter()
            .enumerate()
            .map(|(i, h)| (built(h), Some(i) == dump.history, h.set.files.len(), i))
            .max();
        sources.dumps[d].history = match best {
            Some((built, _, _, i)) if built * 2 >= tables.len() => Some(i),
            _ => None,
        };
    }
}

/// Whether a history's replay failed because it alters tables only `dump` creates: then the
/// dump is the baseline the history was written against. A miss on a table the history builds
/// itself (a column dropped twice) says nothing of the kind: the dump is compared with the
/// history then, never stacked under it (stacked, a current dump turns every later
/// `DROP COLUMN` into a false conflict).
fn starts_from(problems: &[ReplayProblem], dump: &Schema, built: &Schema) -> bool {
    problems.iter().any(|p| {
        p.kind == ProblemKind::Missing
            && p.table
                .as_ref()
                .is_some_and(|t| dump.table(t).is_some() && built.table(t).is_none())
    })
}

/// The history a dump belongs to: the one whose folder shares the longest path prefix with the
/// dump, then the longest history.
fn closest_history(dump_path: &str, sets: &[MigrationSet]) -> Option<usize> {
    let dump_dir = dump_path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    sets.iter()
        .enumerate()
        .max_by_key(|(_, set)| {
            let dir = if set.dir == "." { "" } else { set.dir.as_str() };
            let shared = dump_dir
                .split('/')
                .zip(dir.split('/'))
                .take_while(|(a, b)| a == b && !a.is_empty())
                .count();
            (shared, set.files.len())
        })
        .map(|(i, _)| i)
}
