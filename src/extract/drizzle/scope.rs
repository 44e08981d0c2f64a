//! Which files are the application's Drizzle schema: the files a drizzle-kit configuration's
//! `schema` names (a file, a folder, a glob, or a list of them), with the files they import or
//! re-export. A stray copy elsewhere (`drizzle-kit pull` output left in the migrations folder, an
//! old copy in a scripts package) is not the schema drizzle-kit generates from.

use super::casing::config_pairs;
use super::program::{Program, import_candidates, normalize_path};
use super::value::{Js, Scope, literal};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// How strongly a file belongs to the schema; files of no configuration's schema are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Membership {
    /// In the schema of a configuration whose migrations folder exists.
    Migrated,
    /// In the schema of a configuration whose `out` folder is not in the repository.
    Declared,
    /// Imported by a schema file but neither in a `schema` nor re-exported by one: drizzle-kit
    /// reads a schema file's exports only, so its tables are referenced, never generated
    /// (Supabase's `auth.users`, declared to point foreign keys at).
    Imported,
    Outside,
}

/// The membership of every unit of the program, or `None` when no configuration names its
/// schema as literals (then every file counts).
pub fn memberships(program: &Program<'_>) -> Option<Vec<Membership>> {
    let mut configs: Vec<(GlobSet, bool)> = Vec::new();
    // Patterns that name one file, which may not be a parsed unit (an index of re-exports).
    let mut literal_files: Vec<(String, Membership)> = Vec::new();
    for (index, unit) in program.units.iter().enumerate() {
        if !unit.is_config() {
            continue;
        }
        let dir = unit.path().rsplit_once('/').map_or("", |(d, _)| d);
        for &object in &unit.facts.configs {
            let pairs = config_pairs(unit, object);
            let value = |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == key)
                    .and_then(|(_, pair)| pair.child_by_field_name("value"))
                    .map(|v| literal(program, v, Scope::top(index)))
            };
            let patterns: Vec<String> = match value("schema")? {
                Js::Str(one) => vec![one],
                Js::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(String::from))
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            let out = match value("out") {
                Some(Js::Str(out)) => out,
                _ => "drizzle".to_string(),
            };
            let migrated = unit
                .file
                .absolute
                .parent()
                .is_some_and(|d| d.join(&out).is_dir());
            // drizzle-kit resolves `schema` from where it runs: the config's folder, or the
            // repository root when it is run from there with `--config`.
            for base in [dir, ""] {
                literal_files.extend(
                    patterns
                        .iter()
                        .filter(|p| !p.contains(['*', '?', '[', '{']))
                        .map(|p| (join(base, p), membership_of(migrated))),
                );
                configs.push((patterns_matcher(base, &patterns)?, migrated));
            }
        }
    }
    if configs.is_empty() {
        return None;
    }
    let root = program.units.first().and_then(|u| {
        let depth = u.path().split('/').count();
        u.file
            .absolute
            .ancestors()
            .nth(depth)
            .map(Path::to_path_buf)
    })?;
    let patterns: Vec<(&GlobSet, Membership)> = configs
        .iter()
        .map(|(matcher, migrated)| (matcher, membership_of(*migrated)))
        .collect();
    let reached = reachable(program, &root, &patterns, &literal_files);
    // Patterns that match nothing read (a path alias, a generated file) say nothing.
    if !program
        .units
        .iter()
        .any(|u| !u.is_config() && reached.contains_key(u.path()))
    {
        return None;
    }
    Some(
        program
            .units
            .iter()
            .map(|u| {
                reached
                    .get(u.path())
                    .copied()
                    .unwrap_or(Membership::Outside)
            })
            .collect(),
    )
}

fn membership_of(migrated: bool) -> Membership {
    if migrated {
        Membership::Migrated
    } else {
        Membership::Declared
    }
}

/// Every file of a schema, by path: the files the patterns match, and the files they import or
/// re-export, however deep (an `index.ts` of re-exports need not mention drizzle at all, so it
/// is read from disk when the program did not parse it).
fn reachable(
    program: &Program<'_>,
    root: &Path,
    patterns: &[(&GlobSet, Membership)],
    literal_files: &[(String, Membership)],
) -> HashMap<String, Membership> {
    let mut reached: HashMap<String, Membership> = HashMap::new();
    let mut queue: Vec<String> = Vec::new();
    let reach = |reached: &mut HashMap<String, Membership>,
                 queue: &mut Vec<String>,
                 path: String,
                 membership: Membership| {
        if reached.get(&path).is_none_or(|m| membership < *m) {
            reached.insert(path.clone(), membership);
            queue.push(path);
        }
    };
    for unit in &program.units {
        for (matcher, membership) in patterns {
            if matcher.is_match(unit.path()) {
                reach(
                    &mut reached,
                    &mut queue,
                    unit.path().to_string(),
                    *membership,
                );
            }
        }
    }
    for (path, membership) in literal_files {
        if root.join(path).is_file() {
            reach(&mut reached, &mut queue, path.clone(), *membership);
        }
    }
    let parsed: HashMap<&str, &str> = program
        .units
        .iter()
        .map(|u| (u.path(), &*u.file.text))
        .collect();
    while let Some(path) = queue.pop() {
        let membership = reached[&path];
        let read;
        let text = match parsed.get(path.as_str()) {
            Some(text) => *text,
            None => {
                read = read_small(&root.join(&path)).unwrap_or_default();
                read.as_str()
            }
        };
        for (source, reexported) in relative_sources(text) {
            let target = import_candidates(&path, source)
                .into_iter()
                .find(|c| parsed.contains_key(c.as_str()) || root.join(c).is_file());
            if let Some(target) = target {
                let membership = if reexported {
                    membership
                } else {
                    membership.max(Membership::Imported)
                };
                reach(&mut reached, &mut queue, target, membership);
            }
        }
    }
    reached
}

/// A source file's text, unless it is too large to be a schema module.
fn read_small(path: &Path) -> Option<String> {
    const LARGEST: u64 = 1 << 20;
    let metadata = std::fs::metadata(path).ok()?;
    (metadata.is_file() && metadata.len() <= LARGEST)
        .then(|| std::fs::read_to_string(path).ok())
        .flatten()
}

/// The sources of `… from "./x"` in a file, each with whether a statement re-exports from it
/// (`export * from`, `export { x } from`) rather than only importing.
fn relative_sources(text: &str) -> BTreeMap<&str, bool> {
    let mut found: BTreeMap<&str, bool> = BTreeMap::new();
    // `import { users } from "./users"; export { users };` (or an `export default` object)
    // exports what it imports: every import may be re-exported then.
    let exports_imports = text.contains("export default")
        || text.match_indices("export {").any(|(at, _)| {
            let rest = &text[at..];
            rest.find('}')
                .is_some_and(|end| !rest[end + 1..].trim_start().starts_with("from"))
        });
    for (at, _) in text.match_indices("from") {
        let head = &text[..at];
        let reexported = exports_imports || head.rfind("export") > head.rfind("import");
        let rest = text[at + 4..].trim_start();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let body = &rest[1..];
        if let Some(end) = body.find(quote) {
            let source = &body[..end];
            if source.starts_with('.') {
                *found.entry(source).or_default() |= reexported;
            }
        }
    }
    found
}

/// A matcher for a configuration's `schema` patterns, relative to the configuration's folder: a
/// file, a folder (every file below it), or a glob.
fn patterns_matcher(dir: &str, patterns: &[String]) -> Option<GlobSet> {
    let glob = |pattern: &str| {
        GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .ok()
    };
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let joined = join(dir, pattern.trim_end_matches('/'));
        builder.add(glob(&joined)?);
        // A pattern naming a folder (or folders, `./src/*`) takes the files inside.
        builder.add(glob(&format!("{joined}/**"))?);
    }
    builder.build().ok()
}

fn join(dir: &str, relative: &str) -> String {
    normalize_path(&format!("{dir}/{relative}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_name_files_folders_and_globs_from_the_config_folder() {
        let m = patterns_matcher(
            "apps/web",
            &[
                "./src/db/schema.ts".into(),
                "./src/tables".into(),
                "../../packages/db/*.ts".into(),
            ],
        )
        .unwrap();
        assert!(m.is_match("apps/web/src/db/schema.ts"));
        assert!(m.is_match("apps/web/src/tables/users.ts"));
        assert!(m.is_match("packages/db/teams.ts"));
        assert!(!m.is_match("apps/web/drizzle/schema.ts"));
        assert!(!m.is_match("packages/db/nested/x.ts"));
    }

    #[test]
    fn imports_and_re_exports_are_both_sources() {
        let text = "import { a } from './a';\nexport * from \"../b\";\nimport x from 'pkg';\n\
                    export const y = 1;\nimport {\n  c,\n} from './c';\nexport { d } from './d';\n";
        assert_eq!(
            relative_sources(text),
            BTreeMap::from([
                ("./a", false),
                ("../b", true),
                ("./c", false),
                ("./d", true)
            ])
        );
        let text = "import { users } from './users';\nexport { users };\n";
        assert_eq!(relative_sources(text), BTreeMap::from([("./users", true)]));
    }
}
