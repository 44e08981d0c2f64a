//! Decides what each SQL file is by the repository's layout: one step of an ordered migration
//! history, a schema dump (a snapshot of the whole schema), or a standalone SQL file.

use crate::config::Config;
use crate::model::Dialect;
use crate::source::{SourceFile, Span};
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The tool that writes a migration history, as far as its files tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MigrationTool {
    /// `001_x.sql`, `20240101120000_x.sql`, `2026-01-26-x.sql` in a folder of their own.
    Numbered,
    /// Flyway `V2__x.sql`.
    Flyway,
    /// golang-migrate `000001_x.up.sql` with `.down.sql` twins.
    UpDown,
    /// drizzle-kit: order from `meta/_journal.json`, or (drizzle-kit v1) one folder per
    /// migration, `<timestamp>_<name>/migration.sql` beside its `snapshot.json`.
    DrizzleKit,
    /// Prisma: `migrations/<timestamp>_x/migration.sql`.
    Prisma,
    /// Alembic: `versions/*.py`, ordered by `down_revision`.
    Alembic,
}

/// An ordered migration history.
#[derive(Debug, Clone)]
pub struct MigrationSet {
    /// The folder, relative to the scan root (`.` for the root itself).
    pub dir: String,
    pub tool: MigrationTool,
    pub files: Vec<SourceFile>,
    /// The dialect the journal declares (drizzle-kit), when it does.
    pub dialect: Option<Dialect>,
    /// Things wrong with the history itself: a journal naming a missing file, and the like.
    pub problems: Vec<LayoutProblem>,
    /// drizzle-kit: which migration each snapshot follows, for every migration with a snapshot.
    pub lineage: Vec<Lineage>,
    /// drizzle-kit v1 records a merge of two branches (a snapshot with several `prevIds`); the
    /// journal layout cannot, so there any fork is a conflict.
    pub merges_branches: bool,
}

impl MigrationSet {
    pub fn new(dir: String, tool: MigrationTool) -> Self {
        MigrationSet {
            dir,
            tool,
            files: Vec::new(),
            dialect: None,
            problems: Vec::new(),
            lineage: Vec::new(),
            merges_branches: false,
        }
    }
}

/// Where one drizzle-kit migration sits among the snapshots: its snapshot's id and the ids of
/// the snapshots it was generated on top of.
#[derive(Debug, Clone)]
pub struct Lineage {
    /// The migration's path, read or not (a migration holding no DDL is not read).
    pub migration: String,
    pub snapshot: Span,
    pub id: String,
    pub parents: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LayoutProblem {
    pub kind: LayoutProblemKind,
    pub message: String,
    pub span: Span,
    pub related: Vec<crate::finding::Related>,
    /// The evidence is a convention the repository does not itself show.
    pub guess: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutProblemKind {
    /// The files of a drizzle-kit folder disagree with its journal or its layout.
    Journal,
    /// Two migrations claim one place in the history (a version twice, two branches).
    Conflict,
}

impl LayoutProblem {
    pub fn journal(span: Span, message: String) -> Self {
        LayoutProblem {
            kind: LayoutProblemKind::Journal,
            message,
            span,
            related: Vec::new(),
            guess: false,
        }
    }

    pub fn conflict(span: Span, message: String, other: Span, why: String) -> Self {
        LayoutProblem {
            kind: LayoutProblemKind::Conflict,
            message,
            span,
            related: vec![crate::finding::Related {
                span: other,
                message: why,
            }],
            guess: false,
        }
    }
}

#[derive(Debug, Default)]
pub struct SqlLayout {
    pub migration_sets: Vec<MigrationSet>,
    pub dumps: Vec<SourceFile>,
    pub standalone: Vec<SourceFile>,
}

#[derive(Deserialize)]
struct DrizzleJournal {
    #[serde(default)]
    dialect: Option<String>,
    #[serde(default)]
    entries: Vec<DrizzleJournalEntry>,
}

#[derive(Deserialize)]
struct DrizzleJournalEntry {
    tag: String,
}

/// The few fields of a drizzle-kit snapshot that place it in the history (the rest, the whole
/// schema, is skipped unparsed).
#[derive(Deserialize)]
struct DrizzleSnapshot {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "prevId")]
    prev_id: Option<String>,
    #[serde(default, rename = "prevIds")]
    prev_ids: Vec<String>,
    #[serde(default)]
    dialect: Option<String>,
}

fn read_snapshot(snapshot: &SourceFile, migration: String) -> Option<(Lineage, Option<Dialect>)> {
    let parsed: DrizzleSnapshot = serde_json::from_str(&snapshot.text).ok()?;
    let lineage = Lineage {
        migration,
        snapshot: snapshot.head_span(),
        id: parsed.id?,
        parents: parsed.prev_id.into_iter().chain(parsed.prev_ids).collect(),
    };
    Some((
        lineage,
        parsed.dialect.as_deref().and_then(dialect_from_name),
    ))
}

/// Sorts SQL files into migration histories, dumps and standalone files. `drizzle_meta` holds
/// drizzle-kit's journals and snapshots.
pub fn arrange(
    sql_files: &[SourceFile],
    drizzle_meta: &[SourceFile],
    config: &Config,
) -> SqlLayout {
    let mut layout = SqlLayout::default();
    let mut sets: BTreeMap<String, MigrationSet> = BTreeMap::new();
    let is_journal = |f: &&SourceFile| file_name(&f.path) == "_journal.json";
    let journals: Vec<&SourceFile> = drizzle_meta.iter().filter(is_journal).collect();
    let snapshots: BTreeMap<&str, &SourceFile> = drizzle_meta
        .iter()
        .filter(|f| !is_journal(f))
        .map(|f| (&*f.path, f))
        .collect();

    // drizzle-kit folders first: their journal or their snapshots name the files and their order.
    let mut claimed: Vec<&str> = Vec::new();
    for (dir, set) in drizzle_v1_sets(sql_files, &snapshots) {
        claimed.extend(
            sql_files
                .iter()
                .filter(|f| set.files.iter().any(|g| g.path == f.path))
                .map(|f| &*f.path),
        );
        sets.insert(dir, set);
    }
    for journal in journals {
        let meta_dir = parent(&journal.path);
        let dir = parent(meta_dir).to_string();
        let flat: Vec<&SourceFile> = sql_files
            .iter()
            .filter(|f| parent(&f.path) == dir)
            .collect();
        claimed.extend(flat.iter().map(|f| &*f.path));
        if let Some(v1) = sets.get_mut(&dir) {
            v1.problems.push(half_converted(journal, &flat));
            continue;
        }
        let mut set = MigrationSet::new(dir.clone(), MigrationTool::DrizzleKit);
        match serde_json::from_str::<DrizzleJournal>(&journal.text) {
            Ok(parsed) => {
                set.dialect = parsed.dialect.as_deref().and_then(dialect_from_name);
                for entry in parsed.entries {
                    let wanted = join(&dir, &format!("{}.sql", entry.tag));
                    // A migration with no DDL (only UPDATEs, or only comments) is not read, but
                    // it exists.
                    let on_disk = || {
                        journal
                            .absolute
                            .parent()
                            .and_then(|meta| meta.parent())
                            .is_some_and(|d| d.join(format!("{}.sql", entry.tag)).is_file())
                    };
                    match sql_files.iter().find(|f| *f.path == *wanted) {
                        Some(file) => set.files.push(file.clone()),
                        None if on_disk() => {}
                        None => set.problems.push(LayoutProblem::journal(
                            tag_span(journal, &entry.tag),
                            format!(
                                "the drizzle-kit journal lists migration `{}` but `{wanted}` does not exist",
                                entry.tag
                            ),
                        )),
                    }
                    let prefix = entry.tag.split('_').next().unwrap_or(&entry.tag);
                    let snapshot = join(meta_dir, &format!("{prefix}_snapshot.json"));
                    if let Some(snapshot) = snapshots.get(snapshot.as_str()) {
                        set.lineage
                            .extend(read_snapshot(snapshot, wanted.clone()).map(|(l, _)| l));
                    }
                }
                for file in &flat {
                    if !set.files.iter().any(|f| f.path == file.path) {
                        set.problems.push(LayoutProblem::journal(
                            file.head_span(),
                            format!(
                                "`{}` is not listed in the drizzle-kit journal `{}`, so drizzle-kit never applies it",
                                file.path, journal.path
                            ),
                        ));
                    }
                }
            }
            Err(error) => set.problems.push(LayoutProblem::journal(
                journal.head_span(),
                format!("cannot read the drizzle-kit journal: {error}"),
            )),
        }
        sets.insert(dir, set);
    }

    for file in sql_files {
        if claimed.contains(&&*file.path) {
            continue;
        }
        let name = file_name(&file.path);
        if name.ends_with(".down.sql") || name == "down.sql" {
            continue;
        }
        let configured_set = config
            .migrations
            .iter()
            .find(|dir| is_under(&file.path, dir))
            .map(|dir| dir.trim_end_matches('/').to_string());
        let configured_dump = config.schema_dumps.iter().any(|d| *d == *file.path);
        let placement = if configured_dump {
            None
        } else if let Some(dir) = configured_set {
            Some((dir, tool_for(name)))
        } else if name == "migration.sql" && is_prisma_layout(&file.path) {
            Some((
                parent(parent(&file.path)).to_string(),
                MigrationTool::Prisma,
            ))
        } else if is_migration_name(name) || is_migration_dir(parent(&file.path)) {
            Some((parent(&file.path).to_string(), tool_for(name)))
        } else {
            None
        };
        match placement {
            Some((dir, tool)) => {
                sets.entry(dir.clone())
                    .or_insert_with(|| MigrationSet::new(dir, tool))
                    .files
                    .push(file.clone());
            }
            None if configured_dump || is_dump(file) => layout.dumps.push(file.clone()),
            None => layout.standalone.push(file.clone()),
        }
    }

    for set in sets.values_mut() {
        if set.tool != MigrationTool::DrizzleKit {
            set.files.sort_by(|a, b| migration_order(&a.path, &b.path));
        }
    }
    layout.migration_sets = sets.into_values().collect();
    layout
}

/// drizzle-kit v1 histories: one folder per migration, `<out>/<timestamp>_<name>/`, holding
/// `migration.sql` and the `snapshot.json` it was generated with; ordered by folder name. The
/// migrator applies every folder with a `migration.sql`, so a hand-written one without a
/// snapshot is part of the history too.
fn drizzle_v1_sets(
    sql_files: &[SourceFile],
    snapshots: &BTreeMap<&str, &SourceFile>,
) -> BTreeMap<String, MigrationSet> {
    let stamped = |folder: &str| file_name(folder).starts_with(|c: char| c.is_ascii_digit());
    let mut sets: BTreeMap<String, MigrationSet> = BTreeMap::new();
    for (path, snapshot) in snapshots {
        let folder = parent(path);
        if file_name(path) != "snapshot.json" || !stamped(folder) {
            continue;
        }
        let dir = parent(folder).to_string();
        let set = sets.entry(dir.clone()).or_insert_with(|| {
            let mut set = MigrationSet::new(dir.clone(), MigrationTool::DrizzleKit);
            set.merges_branches = true;
            set
        });
        let migration = join(folder, "migration.sql");
        let parsed = read_snapshot(snapshot, migration.clone());
        let is_snapshot = parsed.is_some();
        if let Some((lineage, dialect)) = parsed {
            set.dialect = set.dialect.or(dialect);
            set.lineage.push(lineage);
        }
        let read = sql_files.iter().any(|f| *f.path == *migration);
        // A migration with no DDL is not read, but it exists; a file that is not drizzle-kit's
        // snapshot says nothing.
        if is_snapshot && !read && !snapshot.absolute.with_file_name("migration.sql").is_file() {
            set.problems.push(LayoutProblem::journal(
                snapshot.head_span(),
                format!(
                    "`{folder}` holds a snapshot but no `migration.sql`, so drizzle-kit has nothing to apply for it"
                ),
            ));
        }
    }
    for (dir, set) in sets.iter_mut() {
        set.files = sql_files
            .iter()
            .filter(|f| {
                let folder = parent(&f.path);
                file_name(&f.path) == "migration.sql" && parent(folder) == dir && stamped(folder)
            })
            .cloned()
            .collect();
        set.files.sort_by(|a, b| a.path.cmp(&b.path));
        let stamp = |path: &str| -> String {
            file_name(parent(path))
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect()
        };
        for pair in set.files.windows(2) {
            if stamp(&pair[0].path) == stamp(&pair[1].path) {
                let mut problem = LayoutProblem::journal(
                    pair[1].head_span(),
                    format!(
                        "`{}` and `{}` carry the same timestamp, so their order is the order of their names, not of their making",
                        parent(&pair[0].path),
                        parent(&pair[1].path)
                    ),
                );
                problem.related.push(crate::finding::Related {
                    span: pair[0].head_span(),
                    message: "the other migration with that timestamp".into(),
                });
                set.problems.push(problem);
            }
        }
        set.problems.extend(broken_lineage(dir, &set.lineage));
    }
    sets
}

/// Snapshots that follow a snapshot the folder does not hold (the first follows the all-zero
/// id): the branch they were generated on was squashed or lost, and drizzle-kit cannot tell
/// which migrations they build on.
fn broken_lineage(dir: &str, lineage: &[Lineage]) -> Vec<LayoutProblem> {
    let known =
        |id: &str| id.chars().all(|c| c == '0' || c == '-') || lineage.iter().any(|l| l.id == id);
    lineage
        .iter()
        .flat_map(|node| {
            node.parents
                .iter()
                .filter(|p| !known(p))
                .map(move |missing| {
                    LayoutProblem::journal(
                        node.snapshot.clone(),
                        format!(
                            "the snapshot of `{}` follows snapshot `{missing}`, which no migration in `{dir}` has: the migration it was generated on was removed or squashed, so its changes are not known to follow anything",
                            node.migration
                        ),
                    )
                })
        })
        .collect()
}

/// A drizzle-kit v1 folder that still holds the journal of the layout before it: v1 reads only
/// the migration folders, so the flat files beside them are never applied.
fn half_converted(journal: &SourceFile, flat: &[&SourceFile]) -> LayoutProblem {
    let never = match flat {
        [] => String::from("the journal is left over"),
        [one] => format!("`{}` is never applied", one.path),
        [first, rest @ ..] => format!(
            "`{}` and {} more SQL file{} beside it are never applied",
            first.path,
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    };
    LayoutProblem::journal(
        journal.head_span(),
        format!(
            "`{}` holds drizzle-kit v1 migration folders and also the journal `{}` of the layout before v1: drizzle-kit v1 reads only the folders, so {never}; finish the conversion with `drizzle-kit up`",
            parent(parent(&journal.path)),
            journal.path
        ),
    )
}

fn dialect_from_name(name: &str) -> Option<Dialect> {
    match name.to_ascii_lowercase().as_str() {
        "postgresql" | "postgres" | "pg" => Some(Dialect::Postgres),
        "mysql" | "mariadb" | "singlestore" => Some(Dialect::Mysql),
        "sqlite" | "turso" | "libsql" => Some(Dialect::Sqlite),
        _ => None,
    }
}

fn tag_span(journal: &SourceFile, tag: &str) -> Span {
    match journal.text.find(&format!("\"{tag}\"")) {
        Some(at) => journal.span(at, at + tag.len() + 2),
        None => journal.head_span(),
    }
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => ".",
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn join(dir: &str, name: &str) -> String {
    if dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn is_under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

fn tool_for(name: &str) -> MigrationTool {
    if name.ends_with(".up.sql") {
        MigrationTool::UpDown
    } else if name.starts_with('V') && name.contains("__") {
        MigrationTool::Flyway
    } else {
        MigrationTool::Numbered
    }
}

fn is_prisma_layout(path: &str) -> bool {
    file_name(parent(parent(path))) == "migrations"
}

/// `001_x.sql`, `V2__x.sql`, `20240101120000_x.sql`, `2026-01-26-x.sql`, `x.up.sql`.
fn is_migration_name(name: &str) -> bool {
    let stem = name.trim_start_matches(['V', 'v']);
    let digits = stem.chars().take_while(|c| c.is_ascii_digit()).count();
    let separator = stem[digits..].chars().next();
    (digits > 0 && matches!(separator, Some('_' | '-' | '.'))) || name.ends_with(".up.sql")
}

fn is_migration_dir(dir: &str) -> bool {
    matches!(
        file_name(dir),
        "migrations" | "migration" | "migrate" | "db_migrations" | "sql_migrations"
    )
}

fn is_dump(file: &SourceFile) -> bool {
    let stem = file_name(&file.path)
        .trim_end_matches(".sql")
        .to_ascii_lowercase();
    let head: String = file.text.chars().take(400).collect();
    stem.contains("schema")
        || stem.contains("dump")
        || stem.contains("structure")
        || head.contains("PostgreSQL database dump")
        || head.contains("MySQL dump")
        || head.contains("MariaDB dump")
}

/// Natural order: digit runs compare as numbers, so `V10` follows `V2`; repeatable Flyway
/// migrations (`R__`) run after all versioned ones.
pub fn migration_order(a: &str, b: &str) -> Ordering {
    let (na, nb) = (order_name(a), order_name(b));
    let repeatable = |n: &str| n.starts_with("R__");
    // One key for every name, so the order is total: Flyway versions (absent for other names)
    // before the natural order of the name.
    (repeatable(na), flyway_version(na))
        .cmp(&(repeatable(nb), flyway_version(nb)))
        .then_with(|| natural_cmp(na, nb))
        .then_with(|| a.cmp(b))
}

/// A Flyway version as numbers: `V1_2__x.sql` → `[1, 2]`, `V1.0__x.sql` → `[1]` (trailing zero
/// parts dropped, as Flyway compares them), so `V1_1` follows `V1`.
pub fn flyway_version(name: &str) -> Option<Vec<u64>> {
    let raw = name.strip_prefix(['V', 'v'])?.split_once("__")?.0;
    version_parts(raw)
}

/// `[1, 2]` → `1.2`.
pub fn dotted_version(version: &[u64]) -> String {
    let parts: Vec<String> = version.iter().map(u64::to_string).collect();
    parts.join(".")
}

/// `1_2`, `1.2`, `2026-01-26` as numbers, trailing zero parts dropped.
pub fn version_parts(raw: &str) -> Option<Vec<u64>> {
    let mut parts: Vec<u64> = raw
        .split(['.', '_', '-'])
        .map(|p| p.parse::<u64>().ok())
        .collect::<Option<_>>()?;
    while parts.len() > 1 && parts.last() == Some(&0) {
        parts.pop();
    }
    Some(parts)
}

/// For Prisma the folder names the migration; elsewhere the file does.
fn order_name(path: &str) -> &str {
    let name = file_name(path);
    if name == "migration.sql" {
        file_name(parent(path))
    } else {
        name
    }
}

fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let db = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (ra, rb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                let ord = ra.len().cmp(&rb.len()).then_with(|| ra.cmp(rb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile::in_memory(path, text)
    }

    #[test]
    fn natural_order_of_versions() {
        let mut names = vec!["V10__c.sql", "V2__b.sql", "V1__a.sql", "R__views.sql"];
        names.sort_by(|a, b| migration_order(a, b));
        assert_eq!(
            names,
            ["V1__a.sql", "V2__b.sql", "V10__c.sql", "R__views.sql"]
        );
        let mut names = vec!["V1_1__b.sql", "V2__c.sql", "V1__a.sql"];
        names.sort_by(|a, b| migration_order(a, b));
        assert_eq!(names, ["V1__a.sql", "V1_1__b.sql", "V2__c.sql"]);
        let mut names = vec!["010_x.sql", "002_y.sql", "1_z.sql"];
        names.sort_by(|a, b| migration_order(a, b));
        assert_eq!(names, ["1_z.sql", "002_y.sql", "010_x.sql"]);
    }

    #[test]
    fn layout_by_name_and_folder() {
        let files = vec![
            file("schema.sql", "CREATE TABLE a (id int);"),
            file("migrations/002_b.sql", "ALTER TABLE a ADD b int;"),
            file("migrations/001_a.sql", "CREATE TABLE a (id int);"),
            file("db/000001_x.up.sql", "CREATE TABLE x (id int);"),
            file("db/000001_x.down.sql", "DROP TABLE x;"),
            file(
                "prisma/migrations/20240101_init/migration.sql",
                "CREATE TABLE p (id int);",
            ),
            file("queries/report.sql", "CREATE VIEW v AS SELECT 1;"),
        ];
        let layout = arrange(&files, &[], &Config::default());
        let sets: Vec<(&str, MigrationTool, usize)> = layout
            .migration_sets
            .iter()
            .map(|s| (s.dir.as_str(), s.tool, s.files.len()))
            .collect();
        assert_eq!(
            sets,
            [
                ("db", MigrationTool::UpDown, 1),
                ("migrations", MigrationTool::Numbered, 2),
                ("prisma/migrations", MigrationTool::Prisma, 1),
            ]
        );
        assert_eq!(
            &*layout.migration_sets[1].files[0].path,
            "migrations/001_a.sql"
        );
        assert_eq!(layout.dumps.len(), 1);
        assert_eq!(&*layout.standalone[0].path, "queries/report.sql");
    }

    #[test]
    fn drizzle_journal_orders_and_checks_files() {
        let files = vec![
            file("drizzle/0001_b.sql", "ALTER TABLE a ADD b int;"),
            file("drizzle/0000_a.sql", "CREATE TABLE a (id int);"),
            file("drizzle/0002_orphan.sql", "CREATE TABLE o (id int);"),
        ];
        let journal = file(
            "drizzle/meta/_journal.json",
            r#"{"version":"7","dialect":"postgresql","entries":[
{"idx":0,"tag":"0000_a"},{"idx":1,"tag":"0001_b"},{"idx":2,"tag":"0003_gone"}]}"#,
        );
        let layout = arrange(&files, &[journal], &Config::default());
        let set = &layout.migration_sets[0];
        assert_eq!(set.tool, MigrationTool::DrizzleKit);
        assert_eq!(set.dialect, Some(Dialect::Postgres));
        let order: Vec<&str> = set.files.iter().map(|f| &*f.path).collect();
        assert_eq!(order, ["drizzle/0000_a.sql", "drizzle/0001_b.sql"]);
        assert_eq!(set.problems.len(), 2);
        assert!(set.problems[0].message.contains("0003_gone"));
        assert!(set.problems[1].message.contains("0002_orphan"));
    }
}
