//! Migration histories compared with the database's tracker tables: how far behind the
//! database is, and whether the repository's migration tool has ever run against it.

use super::{Drift, DriftKind};
use crate::extract::History;
use crate::extract::layout::{MigrationTool, dotted_version, flyway_version, version_parts};
use crate::introspect::Introspection;
use crate::introspect::trackers::{TrackerState, TrackerTool};
use crate::model::change::Object;
use crate::source::Span;

/// Migrations of a history that the database has not applied.
pub struct Pending<'a> {
    pub history: &'a History,
    pub files: Vec<&'a str>,
}

fn expected_trackers(tool: MigrationTool) -> &'static [TrackerTool] {
    match tool {
        MigrationTool::DrizzleKit => &[TrackerTool::Drizzle],
        MigrationTool::Alembic => &[TrackerTool::Alembic],
        MigrationTool::Prisma => &[TrackerTool::Prisma],
        MigrationTool::Flyway => &[TrackerTool::Flyway],
        MigrationTool::Numbered | MigrationTool::UpDown => &[
            TrackerTool::SchemaMigrations,
            TrackerTool::Goose,
            TrackerTool::Flyway,
            TrackerTool::Atlas,
        ],
    }
}

/// The version a file name carries: `001_init.sql` → `1`, `V2__x.sql` → `2`,
/// `20240101120000_x.sql` → `20240101120000`.
fn file_version(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Some(version) = crate::extract::layout::flyway_version(name) {
        return Some(crate::extract::layout::dotted_version(&version));
    }
    let name = name.strip_prefix(['V', 'v']).unwrap_or(name);
    let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
    (!digits.is_empty()).then(|| canonical_version(&digits))
}

/// A version as the tracker records it: `0012` → `12`, Flyway's `1.1` stays `1.1`, `1.0` → `1`.
fn canonical_version(version: &str) -> String {
    if version.contains('.') {
        if let Some(parts) = crate::extract::layout::version_parts(version.trim()) {
            return crate::extract::layout::dotted_version(&parts);
        }
    }
    let trimmed = version.trim().trim_start_matches('0');
    if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed.to_string()
    }
}

/// `revision = "ae1027a6acf"` (or `revision: str = ...`) in an Alembic file.
fn alembic_revision(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix("revision")?;
        let rest = rest.trim_start();
        let rest = match rest.strip_prefix(':') {
            Some(annotated) => annotated.split_once('=')?.1,
            None => rest.strip_prefix('=')?,
        };
        let value = rest.trim().trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_string())
    })
}

fn pending_files<'a>(history: &'a History, tracker: &TrackerState) -> Vec<&'a str> {
    let files: Vec<&'a crate::source::SourceFile> = history.set.files.iter().collect();
    match tracker.tool {
        TrackerTool::Drizzle => files
            .iter()
            .skip(tracker.applied.len())
            .map(|f| &*f.path)
            .collect(),
        TrackerTool::Alembic => {
            let position = files.iter().rposition(|f| {
                alembic_revision(&f.text).is_some_and(|r| tracker.applied.contains(&r))
            });
            match position {
                Some(i) => files[i + 1..].iter().map(|f| &*f.path).collect(),
                None => files.iter().map(|f| &*f.path).collect(),
            }
        }
        TrackerTool::Prisma | TrackerTool::Django => files
            .iter()
            .filter(|f| {
                let dir = f.path.rsplit('/').nth(1).unwrap_or_default();
                !tracker.applied.iter().any(|a| a == dir)
            })
            .map(|f| &*f.path)
            .collect(),
        _ => {
            let applied: Vec<String> = tracker
                .applied
                .iter()
                .map(|v| canonical_version(v))
                .collect();
            let baseline = tracker.baseline.as_deref().and_then(version_parts);
            let below_baseline = |path: &str| {
                let name = path.rsplit('/').next().unwrap_or(path);
                baseline
                    .as_ref()
                    .is_some_and(|b| flyway_version(name).is_some_and(|v| v <= *b))
            };
            files
                .iter()
                .filter(|f| file_version(&f.path).is_some_and(|v| !applied.contains(&v)))
                .filter(|f| !below_baseline(&f.path))
                .map(|f| &*f.path)
                .collect()
        }
    }
}

/// States how each history stands in the database, and returns what is pending.
pub fn check<'a>(
    histories: &'a [History],
    database: &Introspection,
    out: &mut Vec<Drift>,
) -> Vec<Pending<'a>> {
    let mut pending = Vec::new();
    for history in histories {
        let Some(first) = history.set.files.first() else {
            continue;
        };
        let wanted = expected_trackers(history.set.tool);
        let tracker = database.trackers.iter().find(|t| wanted.contains(&t.tool));
        if tracker.is_some_and(|t| t.unreadable.is_some()) {
            // Unknown is not a difference: `inspect` shows why the tracker could not be read.
            continue;
        }
        let dir = &history.schema.label;
        match tracker {
            None => {
                let others: Vec<&str> =
                    database.trackers.iter().map(|t| t.table.as_str()).collect();
                let instead = if others.is_empty() {
                    String::from("; it has no migration tracker at all")
                } else {
                    format!("; it is tracked by {} instead", others.join(", "))
                };
                let tool = match history.set.tool {
                    MigrationTool::DrizzleKit => "drizzle-kit (__drizzle_migrations)",
                    MigrationTool::Alembic => "Alembic (alembic_version)",
                    MigrationTool::Prisma => "Prisma (_prisma_migrations)",
                    MigrationTool::Flyway => "Flyway (flyway_schema_history)",
                    MigrationTool::Numbered | MigrationTool::UpDown => {
                        "a migration runner (schema_migrations)"
                    }
                };
                out.push(
                    Drift::new(
                        DriftKind::MigrationTrackerMissing,
                        Span::file_start(&first.path),
                    )
                    .with("tool", tool)
                    .with("history", dir.clone())
                    .with("instead", instead),
                );
            }
            Some(tracker) => {
                let files = pending_files(history, tracker);
                if let Some(drift) = flyway_out_of_order(history, tracker, &files) {
                    out.push(drift);
                }
                if let Some(first_pending) = files.first() {
                    let total = history.set.files.len();
                    out.push(
                        Drift::new(
                            DriftKind::MigrationsNotApplied,
                            Span::file_start(first_pending),
                        )
                        .with("history", dir.clone())
                        .with("applied", (total - files.len()).to_string())
                        .with("total", total.to_string())
                        .with("pending", files.len().to_string())
                        .with("first", first_pending.to_string())
                        .with("tracker", tracker.table.clone())
                        .related(
                            Span::external(&format!("db: {}", tracker.table)),
                            format!(
                                "{} records {} applied migrations",
                                tracker.table,
                                tracker.applied.len()
                            ),
                        ),
                    );
                    pending.push(Pending { history, files });
                }
            }
        }
    }
    pending
}

/// A Flyway migration left behind: pending while a higher version is applied. With
/// `outOfOrder` off (Flyway's default) `flyway migrate` refuses the whole run.
fn flyway_out_of_order(
    history: &History,
    tracker: &TrackerState,
    pending: &[&str],
) -> Option<Drift> {
    if history.set.tool != MigrationTool::Flyway || tracker.tool != TrackerTool::Flyway {
        return None;
    }
    let highest = tracker
        .applied
        .iter()
        .filter_map(|v| version_parts(v.trim()))
        .max()?;
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let behind = pending
        .iter()
        .find(|p| flyway_version(&name(p)).is_some_and(|v| v < highest))?;
    if allows_out_of_order(history) {
        return None;
    }
    Some(
        Drift::new(
            DriftKind::MigrationHistoryConflict,
            Span::file_start(behind),
        )
        .with(
            "detail",
            format!(
                "`{behind}` is not applied, but the database has applied version {}: Flyway with `outOfOrder` off (its default) refuses to migrate (\"Detected resolved migration not applied to database\"); renumber it above {} or set `flyway.outOfOrder=true`",
                dotted_version(&highest),
                dotted_version(&highest)
            ),
        )
        .related(
            Span::external(&format!("db: {}", tracker.table)),
            format!("{} records version {}", tracker.table, dotted_version(&highest)),
        ),
    )
}

/// Whether a Flyway configuration beside the history (or a few folders up) turns `outOfOrder`
/// on: `flyway.conf`, `flyway.toml`, Spring's `application.properties` / `.yml`.
fn allows_out_of_order(history: &History) -> bool {
    let Some(first) = history.set.files.first() else {
        return false;
    };
    const CONFIGS: &[&str] = &[
        "flyway.conf",
        "flyway.toml",
        "application.properties",
        "application.yml",
        "application.yaml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        ".env",
    ];
    if std::env::var("FLYWAY_OUT_OF_ORDER").is_ok_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    first.absolute.ancestors().skip(1).take(6).any(|dir| {
        CONFIGS.iter().any(|name| {
            let text = crate::source::read_regular_file(&dir.join(name), 1 << 20)
                .unwrap_or_default()
                .to_ascii_lowercase()
                .replace([' ', '"', '\''], "");
            [
                "outoforder=true",
                "outoforder:true",
                "out-of-order=true",
                "out-of-order:true",
                "out_of_order=true",
                "out_of_order:true",
                "<outoforder>true</outoforder>",
                "outoforder(true)",
            ]
            .iter()
            .any(|setting| text.contains(setting))
        })
    })
}

/// What one pending migration statement changes, as keys a drift can be explained by.
struct Touch {
    keys: Vec<String>,
    what: String,
    span: Span,
}

fn table_key(table: &str) -> String {
    Object::Table(table.into()).to_string()
}

fn column_key(table: &str, column: &str) -> String {
    Object::Column(table.into(), column.into()).to_string()
}

fn index_name_key(name: &str) -> String {
    Object::IndexName(name.into()).to_string()
}

fn index_columns_key(table: &str, columns: &str) -> String {
    Object::IndexColumns(table.into(), columns.into()).to_string()
}

fn foreign_key_key(table: &str, columns: &str) -> String {
    Object::ForeignKey(table.into(), columns.into()).to_string()
}

fn enum_key(name: &str) -> String {
    Object::Type(name.into()).to_string()
}

/// The objects a schema change creates, drops or alters, and how to say so. Keys, checks and
/// comments known only by their table explain no drift.
fn touch(change: &crate::model::SchemaChange) -> Option<Touch> {
    let (objects, what) = change.objects();
    let keys: Vec<String> = objects
        .iter()
        .filter(|o| !matches!(o, Object::TablePart(_)))
        .map(Object::to_string)
        .collect();
    (!keys.is_empty()).then(|| Touch {
        keys,
        what,
        span: change.origin().span.clone(),
    })
}

/// The keys of the changes that would resolve a drift: the drift's own object, or its whole
/// table. Facts about the code alone (key types, duplicates) are never explained by the database.
fn explained_by(drift: &Drift) -> Vec<String> {
    use DriftKind::*;
    if drift.kind == EnumValuesMismatch || drift.kind == EnumMissingFromDatabase {
        return drift.value("enum").map(enum_key).into_iter().collect();
    }
    let Some(table) = drift.table.as_deref() else {
        return Vec::new();
    };
    let column = drift.column.as_deref().unwrap_or_default();
    let mut keys = vec![table_key(table)];
    match drift.kind {
        TableMissingFromDatabase
        | TableMissingFromModels
        | TableNamePluralMismatch
        | TableNameCaseMismatch => {}
        ColumnTypeMismatch
        | ColumnNameCaseMismatch
        | ColumnMissingFromDatabase
        | ColumnMissingFromModels
        | ColumnNullabilityMismatch
        | ColumnDefaultMismatch => keys.push(column_key(table, column)),
        IndexMissingFromDatabase | IndexMissingFromModels => {
            keys.extend(
                drift
                    .value("index_name")
                    .filter(|n| !n.is_empty())
                    .map(index_name_key),
            );
            keys.extend(
                drift
                    .value("index_columns")
                    .map(|c| index_columns_key(table, c)),
            );
        }
        ForeignKeyMissingFromDatabase | ForeignKeyMissingFromModels | IdColumnWithoutForeignKey => {
            keys.push(foreign_key_key(table, column))
        }
        _ => return Vec::new(),
    }
    keys
}

/// Adds to each drift that a pending migration would resolve (it creates, drops or alters the
/// drift's own object, or its whole table) a note naming the migration and what it does.
pub fn explain_with_pending(pending: &[Pending], drifts: &mut [Drift]) {
    use crate::extract::sql;
    let mut touched: Vec<(Touch, &str)> = Vec::new();
    for p in pending {
        for path in &p.files {
            let Some(file) = p.history.set.files.iter().find(|f| &*f.path == *path) else {
                continue;
            };
            if !file.path.ends_with(".sql") {
                continue;
            }
            for change in sql::extract(
                file,
                p.history.schema.dialect,
                crate::model::SourceKind::Migrations,
            )
            .changes
            {
                if let Some(t) = touch(&change) {
                    touched.push((t, path));
                }
            }
        }
    }
    for drift in drifts.iter_mut() {
        let keys = explained_by(drift);
        let found = touched
            .iter()
            .find(|(t, _)| t.keys.iter().any(|k| keys.contains(k)));
        if let Some((t, path)) = found {
            drift.related.push(crate::finding::Related {
                span: t.span.clone(),
                message: format!("not yet applied to the database: {path} {}", t.what),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_file_names() {
        assert_eq!(
            file_version("migrations/001_init.sql").as_deref(),
            Some("1")
        );
        assert_eq!(file_version("db/V12__x.sql").as_deref(), Some("12"));
        assert_eq!(file_version("db/V1_1__x.sql").as_deref(), Some("1.1"));
        assert_eq!(canonical_version("1.1.0"), "1.1");
        assert_eq!(
            file_version("20240101120000_x.sql").as_deref(),
            Some("20240101120000")
        );
        assert_eq!(file_version("init.sql"), None);
    }

    #[test]
    fn pending_migrations_explain_only_the_objects_they_change() {
        use crate::extract::layout::MigrationSet;
        use crate::model::{Dialect, Schema, SourceKind};
        use crate::source::SourceFile;
        let path = "migrations/008_x.sql";
        let history = History {
            set: MigrationSet {
                files: vec![SourceFile::in_memory(
                    path,
                    "CREATE INDEX idx_a ON t (a);\nCREATE TABLE u (id int);\n",
                )],
                ..MigrationSet::new("migrations".into(), MigrationTool::Numbered)
            },
            schema: Schema::new(SourceKind::Migrations, "migrations/", Dialect::Postgres),
            baseline: None,
            problems: Vec::new(),
            notes: Vec::new(),
            complete: Default::default(),
        };
        let pending = [Pending {
            history: &history,
            files: vec![path],
        }];
        let at = Span::file_start("schema.ts");
        let index = |name: &str, column: &str| {
            Drift::new(DriftKind::IndexMissingFromDatabase, at.clone())
                .table("t")
                .with("index_name", name)
                .with("index_columns", column)
        };
        let mut drifts = vec![
            index("idx_a", "a"),
            index("idx_b", "b"),
            Drift::new(DriftKind::ColumnNullabilityMismatch, at.clone())
                .table("t")
                .column("c"),
            Drift::new(DriftKind::TableMissingFromDatabase, at.clone()).table("u"),
            Drift::new(DriftKind::ColumnMissingFromDatabase, at.clone())
                .table("u")
                .column("x"),
            Drift::new(DriftKind::InconsistentKeyColumnType, at.clone())
                .table("u")
                .column("id"),
        ];
        explain_with_pending(&pending, &mut drifts);
        let notes: Vec<Option<&str>> = drifts
            .iter()
            .map(|d| d.related.first().map(|r| r.message.as_str()))
            .collect();
        assert_eq!(drifts[3].related[0].span.line, 2);
        assert_eq!(
            notes,
            [
                Some("not yet applied to the database: migrations/008_x.sql creates index `idx_a`"),
                None,
                None,
                Some("not yet applied to the database: migrations/008_x.sql creates table `u`"),
                Some("not yet applied to the database: migrations/008_x.sql creates table `u`"),
                None,
            ]
        );
    }

    #[test]
    fn alembic_revisions() {
        assert_eq!(
            alembic_revision("revision = 'ae10'\ndown_revision = None").as_deref(),
            Some("ae10")
        );
        assert_eq!(
            alembic_revision("revision: str = \"b2\"\n").as_deref(),
            Some("b2")
        );
        assert_eq!(alembic_revision("down_revision = 'x'"), None);
    }
}
