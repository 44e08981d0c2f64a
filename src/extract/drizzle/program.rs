//! The parsed files of a repository and how a name in one of them resolves: to a local
//! declaration, to a declaration in another file it imports, or to something drizzle-orm
//! exports.

use super::query::{Declaration, Facts};
use crate::model::Dialect;
use crate::source::SourceFile;
use std::collections::HashMap;
use tree_sitter::Node;

/// One parsed file and what the query found in it.
pub struct Unit<'t> {
    pub file: &'t SourceFile,
    pub facts: Facts<'t>,
    declarations: HashMap<String, usize>,
}

impl<'t> Unit<'t> {
    pub fn new(file: &'t SourceFile, facts: Facts<'t>) -> Self {
        let mut declarations = HashMap::new();
        for (index, declaration) in facts.declarations.iter().enumerate() {
            let name = file.text[declaration.name.byte_range()].to_string();
            declarations.entry(name).or_insert(index);
        }
        Unit {
            file,
            facts,
            declarations,
        }
    }

    pub fn text(&self, node: Node<'_>) -> &'t str {
        &self.file.text[node.byte_range()]
    }

    pub fn declaration(&self, name: &str) -> Option<&Declaration<'t>> {
        self.declarations
            .get(name)
            .map(|&i| &self.facts.declarations[i])
    }

    /// Whether drizzle-kit sees a declaration: `export const`, or exported by name.
    pub fn is_exported(&self, declaration: &Declaration<'t>) -> bool {
        declaration.exported
            || self
                .facts
                .exported_names
                .contains(self.text(declaration.name))
    }

    pub fn path(&self) -> &str {
        &self.file.path
    }

    /// A drizzle-kit configuration file: `drizzle.config.ts`, `drizzle.prod.config.js`, …
    pub fn is_config(&self) -> bool {
        super::is_config_file(self.path())
    }
}

/// The module a drizzle-orm import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrizzleModule {
    /// `drizzle-orm/pg-core`, `drizzle-orm/mysql-core`, `drizzle-orm/sqlite-core`.
    Core(Dialect),
    /// `drizzle-orm` itself (`sql`, `relations`, …).
    Orm,
    /// A driver entry point (`drizzle-orm/node-postgres`, …), which exports `drizzle`.
    Driver,
}

impl DrizzleModule {
    fn of(source: &str) -> Option<DrizzleModule> {
        let rest = source.strip_prefix("drizzle-orm")?;
        Some(match rest {
            "" | "/sql" => DrizzleModule::Orm,
            "/pg-core" => DrizzleModule::Core(Dialect::Postgres),
            "/mysql-core" => DrizzleModule::Core(Dialect::Mysql),
            "/sqlite-core" => DrizzleModule::Core(Dialect::Sqlite),
            _ if rest.starts_with('/') => DrizzleModule::Driver,
            _ => return None,
        })
    }
}

/// What a name stands for.
#[derive(Debug, Clone, Copy)]
pub enum Binding<'t> {
    /// Something drizzle-orm exports (`name`), or the module itself (`import * as pg`).
    Drizzle {
        module: DrizzleModule,
        name: Option<&'t str>,
    },
    /// A top-level declaration of one of the files.
    Declaration {
        unit: usize,
        declaration: Declaration<'t>,
    },
    /// `import * as schema from "./schema"`.
    Module { unit: usize },
    /// Imported from a module that is neither drizzle-orm nor a file of the program.
    Foreign,
}

/// Every file that may declare part of a Drizzle schema.
pub struct Program<'t> {
    pub units: Vec<Unit<'t>>,
    by_path: HashMap<&'t str, usize>,
    /// Declarations by name across all files: the fallback for imports through path aliases
    /// (`@/db/schema`) and re-exports.
    by_name: HashMap<&'t str, Vec<(usize, usize)>>,
}

impl<'t> Program<'t> {
    pub fn new(units: Vec<Unit<'t>>) -> Self {
        let mut by_path = HashMap::new();
        let mut by_name: HashMap<&'t str, Vec<(usize, usize)>> = HashMap::new();
        for (u, unit) in units.iter().enumerate() {
            by_path.insert(&*unit.file.path, u);
            for (d, declaration) in unit.facts.declarations.iter().enumerate() {
                by_name
                    .entry(unit.text(declaration.name))
                    .or_default()
                    .push((u, d));
            }
        }
        Program {
            units,
            by_path,
            by_name,
        }
    }

    pub fn unit(&self, unit: usize) -> &Unit<'t> {
        &self.units[unit]
    }

    /// What `name` means at the top level of `unit`.
    pub fn resolve(&self, unit: usize, name: &str) -> Option<Binding<'t>> {
        let here = &self.units[unit];
        if let Some(declaration) = here.declaration(name) {
            return Some(Binding::Declaration {
                unit,
                declaration: *declaration,
            });
        }
        let import = here.facts.imports.iter().find(|i| i.local == name)?;
        if let Some(module) = DrizzleModule::of(import.source) {
            return Some(Binding::Drizzle {
                module,
                name: import.name,
            });
        }
        let target = self.import_target(unit, import.source);
        let found = match (import.name, target) {
            (None, Some(target)) => Some(Binding::Module { unit: target }),
            (None, None) => None,
            (Some(imported), target) => target
                .and_then(|t| self.declared_in(t, imported))
                .or_else(|| self.declared_anywhere(imported)),
        };
        Some(found.unwrap_or(Binding::Foreign))
    }

    /// A member of a module imported as a namespace (`schema.users`).
    pub fn resolve_member(&self, module: usize, name: &str) -> Option<Binding<'t>> {
        self.declared_in(module, name)
            .or_else(|| self.declared_anywhere(name))
    }

    fn declared_in(&self, unit: usize, name: &str) -> Option<Binding<'t>> {
        self.units[unit]
            .declaration(name)
            .map(|declaration| Binding::Declaration {
                unit,
                declaration: *declaration,
            })
    }

    /// The one declaration of `name` in the program (preferring an exported one).
    fn declared_anywhere(&self, name: &str) -> Option<Binding<'t>> {
        let candidates = self.by_name.get(name)?;
        let exported: Vec<_> = candidates
            .iter()
            .filter(|(u, d)| {
                let unit = &self.units[*u];
                unit.is_exported(&unit.facts.declarations[*d])
            })
            .collect();
        let (u, d) = match (exported.as_slice(), candidates.as_slice()) {
            ([one], _) => **one,
            ([], [one]) => *one,
            _ => return None,
        };
        Some(Binding::Declaration {
            unit: u,
            declaration: self.units[u].facts.declarations[d],
        })
    }

    /// The file a relative import names: `./schema`, `../db/schema.js`, `./tables` (a folder
    /// with an index file).
    fn import_target(&self, unit: usize, source: &str) -> Option<usize> {
        import_candidates(self.units[unit].path(), source)
            .into_iter()
            .find_map(|candidate| self.by_path.get(candidate.as_str()).copied())
    }
}

/// The paths a relative import from `from` may name, in the order TypeScript tries them;
/// nothing for a package import.
pub(super) fn import_candidates(from: &str, source: &str) -> Vec<String> {
    if !source.starts_with('.') {
        return Vec::new();
    }
    let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let joined = normalize_path(&format!("{dir}/{source}"));
    let stem = ["js", "mjs", "cjs", "jsx"]
        .iter()
        .find_map(|ext| joined.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&joined);
    const EXTENSIONS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "mjs", "cjs", "jsx"];
    std::iter::once(joined.clone())
        .chain(EXTENSIONS.iter().map(|ext| format!("{stem}.{ext}")))
        .chain(EXTENSIONS.iter().map(|ext| format!("{stem}/index.{ext}")))
        .collect()
}

/// Resolves `.` and `..` in a `/`-separated relative path.
pub(super) fn normalize_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn relative_paths_are_normalized() {
        assert_eq!(normalize_path("src/db/./schema"), "src/db/schema");
        assert_eq!(normalize_path("src/db/../lib/cols"), "src/lib/cols");
        assert_eq!(normalize_path("/./schema"), "schema");
    }
}
