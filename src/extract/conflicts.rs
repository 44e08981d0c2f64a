//! Migrations that conflict across branches: two files claiming one version, or two branches of
//! a drizzle-kit history that were never merged. Both merge cleanly in git and break at deploy
//! time or at the next `generate`.

use super::layout::{
    LayoutProblem, Lineage, MigrationSet, MigrationTool, dotted_version, flyway_version,
    version_parts,
};
use crate::model::change::Object;
use crate::source::{SourceFile, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Two files of one folder with the same version: Flyway and golang-migrate refuse to run.
/// Plain numbered folders (`001_x.sql`) run under many tools, some keyed by file name, so there
/// the finding is a guess.
pub fn duplicate_versions(set: &MigrationSet) -> Vec<LayoutProblem> {
    let guess = match set.tool {
        MigrationTool::Flyway | MigrationTool::UpDown => false,
        MigrationTool::Numbered => true,
        _ => return Vec::new(),
    };
    // A date names the day, not the migration: `2026-01-26-a.sql` and `2026-01-26-b.sql` are
    // two migrations of one day under the runners that use such names.
    let versioned = |version: &Vec<u64>| set.tool != MigrationTool::Numbered || version.len() == 1;
    let mut first: BTreeMap<Vec<u64>, &SourceFile> = BTreeMap::new();
    let mut out = Vec::new();
    for file in &set.files {
        let Some(version) = version(set.tool, &file.path).filter(versioned) else {
            continue;
        };
        match first.get(&version) {
            Some(earlier) => out.push(LayoutProblem {
                guess,
                ..LayoutProblem::conflict(
                    file.head_span(),
                    format!(
                        "`{}` and `{}` both claim version {} of the history in {}/: {}",
                        file.path,
                        earlier.path,
                        dotted_version(&version),
                        set.dir,
                        match set.tool {
                            MigrationTool::Flyway => "Flyway refuses to migrate (`Found more than one migration with version`)",
                            MigrationTool::UpDown => "golang-migrate refuses to run (`duplicate migration file`)",
                            _ => "a runner that keys migrations by version applies only one of them",
                        }
                    ),
                    earlier.head_span(),
                    "the other migration with that version".into(),
                )
            }),
            None => {
                first.insert(version, file);
            }
        }
    }
    out
}

/// The version a file name carries, as numbers: Flyway `V1_2__x.sql` → `[1, 2]`,
/// `000012_x.up.sql` / `012_x.sql` → `[12]`, `2026-01-26-x.sql` → `[2026, 1, 26]`.
fn version(tool: MigrationTool, path: &str) -> Option<Vec<u64>> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if tool == MigrationTool::Flyway {
        return flyway_version(name);
    }
    // Digit groups, joined by `-` or `_` when a digit follows: a date is one version.
    let bytes = name.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let joins = matches!(bytes[end], b'-' | b'_')
            && end > 0
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !(bytes[end].is_ascii_digit() || joins) {
            break;
        }
        end += 1;
    }
    version_parts(&name[..end])
}

/// drizzle-kit snapshots that follow the same snapshot with no later one merging them: two
/// branches each generated a migration. The journal layout cannot merge, so the snapshots after
/// the fork carry only one side and the next `generate` diffs from an incomplete schema; v1
/// merges branches whose migrations commute, so there only branches changing one object in
/// ways that do not commute conflict. `touched` gives what a migration's statements change.
pub fn drizzle_forks(
    set: &MigrationSet,
    touched: &dyn Fn(&str) -> BTreeSet<Object>,
) -> Vec<LayoutProblem> {
    let nodes = &set.lineage;
    let by_id: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        for parent in &node.parents {
            children.entry(parent).or_default().push(i);
        }
    }
    let descendants = |start: usize| -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if seen.insert(i) {
                if let Some(next) = children.get(nodes[i].id.as_str()) {
                    stack.extend(next.iter().copied());
                }
            }
        }
        seen
    };
    let span_of = |node: &Lineage| -> Span {
        set.files
            .iter()
            .find(|f| *f.path == *node.migration)
            .map_or_else(|| node.snapshot.clone(), SourceFile::head_span)
    };
    let mut out = Vec::new();
    for (parent, forked) in &children {
        let mut forked = forked.clone();
        forked.sort_by(|a, b| nodes[*a].migration.cmp(&nodes[*b].migration));
        for (at, &a) in forked.iter().enumerate() {
            for &b in &forked[at + 1..] {
                let (side_a, side_b) = (descendants(a), descendants(b));
                if !side_a.is_disjoint(&side_b) {
                    continue;
                }
                let touched_by = |side: &BTreeSet<usize>| -> BTreeSet<Object> {
                    side.iter()
                        .flat_map(|i| touched(&nodes[*i].migration))
                        .collect()
                };
                let (on_a, on_b) = (touched_by(&side_a), touched_by(&side_b));
                let common: Vec<String> = on_a
                    .iter()
                    .filter(|t| on_b.iter().any(|u| clash(t, u)))
                    .map(shown_object)
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect();
                if set.merges_branches && common.is_empty() {
                    continue;
                }
                let base = by_id.get(parent).map_or_else(
                    || "the first snapshot".to_string(),
                    |p| format!("`{}`", nodes[*p].migration),
                );
                let (earlier, later) = (&nodes[a], &nodes[b]);
                let message = if set.merges_branches {
                    format!(
                        "`{}` and `{}` were generated on two branches from the snapshot of {base} and both change {}; no later migration merges them, so the order they run in decides the schema (drizzle-kit's commutativity check rejects them)",
                        later.migration,
                        earlier.migration,
                        listed(&common)
                    )
                } else {
                    format!(
                        "`{}` and `{}` were both generated on top of {base} (their snapshots share a prevId): two branches each added a migration, the snapshots after them carry only one side, and the next `drizzle-kit generate` diffs from an incomplete schema (`drizzle-kit check` reports the collision)",
                        later.migration, earlier.migration
                    )
                };
                out.push(LayoutProblem::conflict(
                    span_of(later),
                    message,
                    span_of(earlier),
                    "the migration of the other branch".into(),
                ));
            }
        }
    }
    out
}

/// Whether changes of two branches to these objects fail to commute: one object changed by
/// both, or a table one side creates, drops or renames and the other changes. Two columns,
/// keys or comments added to one table commute.
fn clash(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::TablePart(_), Object::TablePart(_)) => false,
        (Object::Table(t), other) | (other, Object::Table(t)) => other.table() == Some(t),
        _ => a == b,
    }
}

/// How an object is named in a message.
fn shown_object(object: &Object) -> String {
    match object {
        Object::Column(t, c) => format!("{t}.{c}"),
        Object::IndexName(n) => n.clone(),
        Object::Type(n) => format!("type {n}"),
        other => other.table().unwrap_or_default().to_string(),
    }
}

fn listed(tables: &[String]) -> String {
    super::listed(tables, " tables")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(tool: MigrationTool, names: &[&str]) -> MigrationSet {
        let mut set = MigrationSet::new("db".into(), tool);
        set.files = names
            .iter()
            .map(|n| SourceFile::in_memory(&format!("db/{n}"), "CREATE TABLE t (id int);"))
            .collect();
        set
    }

    #[test]
    fn flyway_versions_compare_as_numbers() {
        assert_eq!(
            version(MigrationTool::Flyway, "V1_1__a.sql"),
            Some(vec![1, 1])
        );
        assert_eq!(version(MigrationTool::Flyway, "V1.0__a.sql"), Some(vec![1]));
        assert_eq!(
            version(MigrationTool::UpDown, "000012_a.up.sql"),
            Some(vec![12])
        );
        assert_eq!(
            version(MigrationTool::Numbered, "2026-01-26-users.sql"),
            Some(vec![2026, 1, 26])
        );
        let found = duplicate_versions(&set(
            MigrationTool::Flyway,
            &["V1__a.sql", "V1_1__b.sql", "V01_1__c.sql", "V2__d.sql"],
        ));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("version 1.1"),
            "{}",
            found[0].message
        );
        assert_eq!(&*found[0].span.path, "db/V01_1__c.sql");
        assert!(!found[0].guess);
    }

    #[test]
    fn numbered_duplicates_are_guesses() {
        let found = duplicate_versions(&set(MigrationTool::Numbered, &["001_a.sql", "001_b.sql"]));
        assert_eq!(found.len(), 1);
        assert!(found[0].guess);
    }

    fn lineage(set: &mut MigrationSet, migration: &str, id: &str, parents: &[&str]) {
        set.lineage.push(Lineage {
            migration: migration.into(),
            snapshot: Span::file_start(migration),
            id: id.into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
        });
    }

    #[test]
    fn changes_commute_unless_they_share_an_object() {
        let whole = Object::Table("users".into());
        let email = Object::Column("users".into(), "email".into());
        let name = Object::Column("users".into(), "name".into());
        let check = Object::TablePart("users".into());
        assert!(clash(&whole, &check) && clash(&check, &whole) && clash(&email, &whole));
        assert!(clash(&email, &email.clone()));
        assert!(!clash(&email, &name));
        assert!(!clash(&check, &email) && !clash(&check, &check.clone()));
    }

    #[test]
    fn a_fork_conflicts_unless_merged_or_commuting() {
        let touched = |path: &str| -> BTreeSet<Object> {
            let table = if path.contains("users") {
                "users"
            } else {
                "teams"
            };
            BTreeSet::from([Object::Column(table.into(), "name".into())])
        };
        // The journal layout: any fork conflicts.
        let mut journal = set(MigrationTool::DrizzleKit, &[]);
        lineage(&mut journal, "d/0000_init.sql", "a", &["origin"]);
        lineage(&mut journal, "d/0001_users.sql", "b", &["a"]);
        lineage(&mut journal, "d/0001_teams.sql", "c", &["a"]);
        let found = drizzle_forks(&journal, &touched);
        assert_eq!(found.len(), 1);
        assert_eq!(&*found[0].span.path, "d/0001_users.sql");

        // v1: a fork of migrations touching different tables commutes.
        let mut v1 = journal.clone();
        v1.merges_branches = true;
        assert!(drizzle_forks(&v1, &touched).is_empty());
        lineage(&mut v1, "d/0002_users_again.sql", "d", &["c"]);
        assert_eq!(drizzle_forks(&v1, &touched).len(), 1);
        // …and a merge snapshot following both sides settles it.
        lineage(&mut v1, "d/0003_merge.sql", "e", &["b", "d"]);
        assert!(drizzle_forks(&v1, &touched).is_empty());
    }
}
