//! Python sources read statically with tree-sitter, never imported or run: SQLAlchemy and
//! SQLModel models into one [`CodeModel`] per MetaData, Alembic `versions/` into replayed
//! [`History`]s, and notes for what cannot be known without running the code.
//!
//! Every file is parsed once, in parallel, into a [`module::Module`] (queries in
//! `grammars/python-*.scm`); names are then resolved across modules ([`project::Project`]) and
//! the models and histories are built from those summaries.

pub mod alembic;
pub mod columns;
pub mod env;
pub mod expr;
pub mod models;
pub mod module;
pub mod project;
pub mod query;
pub mod tables;
#[cfg(test)]
mod tests;
pub mod types;

use super::sql::ParseProblem;
use super::{CodeModel, History};
use crate::config::Config;
use crate::discover::{Discovery, FileKind};
use crate::model::{Dialect, Schema, SourceKind};
use crate::source::SourceFile;
use project::Project;
use rayon::prelude::*;
use std::path::Path;

/// What the Python sources of a repository declare.
#[derive(Debug, Default)]
pub struct PythonExtract {
    pub code: Vec<CodeModel>,
    pub histories: Vec<History>,
    pub parse_problems: Vec<ParseProblem>,
    /// SQL strings of the files read, and which files were scanned for them.
    pub queries: crate::extract::embedded_sql::Scanned,
}

/// Reads the Python files the discovery found. `fallback` is the dialect of the SQL history,
/// for models nothing in Python gives a dialect.
pub fn read(discovery: &Discovery, config: &Config, fallback: Option<Dialect>) -> PythonExtract {
    let mut files: Vec<SourceFile> = discovery.of_kind(FileKind::Python).cloned().collect();
    if files.is_empty() {
        return Default::default();
    }
    // Modules read for their SQL strings only are library modules too: an `enums.py` whose
    // docstrings mention `select … from`.
    let library: Vec<SourceFile> = discovery
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Python && !f.declares_schema)
        .map(|f| f.file.clone())
        .chain(discovery.python_library.iter().cloned())
        .collect();
    let imported = imported_library(&files, &library);
    files.extend(imported);
    extract(&files, config.dialect, fallback)
}

/// The modules of `library` that `files` import, directly or through each other (a few levels
/// deep): an `enums.py` the models take their enum classes from, a constants module, a mixin
/// module that imports `sa` from a sibling.
fn imported_library(files: &[SourceFile], library: &[SourceFile]) -> Vec<SourceFile> {
    const DEPTH: usize = 4;
    if library.is_empty() {
        return Vec::new();
    }
    // Each library module by its dotted path (`backend/onyx/db/enums.py` → `backend.onyx.db.enums`).
    let dotted = |path: &str| -> String {
        let path = path.strip_suffix(".py").unwrap_or(path);
        let path = path.strip_suffix("/__init__").unwrap_or(path);
        path.replace('/', ".")
    };
    // Every suffix of two components or more (`onyx.db.enums`, `db.enums`) and the whole name:
    // imports name modules from a package root this scan does not know.
    let mut by_name: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, file) in library.iter().enumerate() {
        let name = dotted(&file.path);
        let parts: Vec<&str> = name.split('.').collect();
        for start in 0..parts.len() {
            if start == 0 || parts.len() - start >= 2 {
                by_name.entry(parts[start..].join(".")).or_default().push(i);
            }
        }
    }
    let mut taken = vec![false; library.len()];
    let mut out: Vec<SourceFile> = Vec::new();
    // Paths and texts are shared (`Arc<str>`): nothing is copied.
    let mut frontier: Vec<&SourceFile> = files.iter().collect();
    for _ in 0..DEPTH {
        let mut next = Vec::new();
        for file in &frontier {
            let package = dotted(&file.path)
                .rsplit_once('.')
                .map_or(String::new(), |(p, _)| p.to_string());
            for wanted in imported_names(&file.text, &package) {
                for &i in by_name.get(&wanted).into_iter().flatten() {
                    if !taken[i] {
                        taken[i] = true;
                        next.push(&library[i]);
                    }
                }
            }
        }
        out.extend(next.iter().map(|f| (*f).clone()));
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    out
}

/// The dotted module names a Python file imports, relative ones made absolute against
/// `package` (the importing module's package): `from .enums import X` in `app.db.models` is
/// `app.db.enums`; `from app.db import enums` may be the module `app.db.enums` too.
fn imported_names(text: &str, package: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("from ") {
            let Some((module, names)) = rest.split_once(" import ") else {
                continue;
            };
            let module = module.trim();
            let dots = module.chars().take_while(|c| *c == '.').count();
            let absolute = if dots > 0 {
                let mut base: Vec<&str> = package.split('.').filter(|p| !p.is_empty()).collect();
                for _ in 1..dots {
                    base.pop();
                }
                let tail = &module[dots..];
                let mut joined = base.join(".");
                if !tail.is_empty() {
                    if !joined.is_empty() {
                        joined.push('.');
                    }
                    joined.push_str(tail);
                }
                joined
            } else {
                module.to_string()
            };
            if absolute.is_empty() {
                continue;
            }
            for name in names.trim_matches(|c| c == '(' || c == ')').split(',') {
                let name = name.split_whitespace().next().unwrap_or_default();
                if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    out.push(format!("{absolute}.{name}"));
                }
            }
            out.push(absolute);
        } else if let Some(rest) = line.strip_prefix("import ") {
            for module in rest.split(',') {
                let module = module.split_whitespace().next().unwrap_or_default();
                if !module.is_empty() {
                    out.push(module.to_string());
                }
            }
        }
    }
    out
}

/// Reads Python files. `configured` is the dialect the configuration names; `fallback` the one
/// the SQL sources were read in, used when the Python sources do not tell.
pub fn extract(
    files: &[SourceFile],
    configured: Option<Dialect>,
    fallback: Option<Dialect>,
) -> PythonExtract {
    // Compiling a query costs tens of milliseconds: both at once, before the files need them;
    // the Alembic one only when some file can be a revision (it is compiled on first use anyway).
    let compile = crate::timings::phase("python: compile queries");
    let revisions = files.iter().any(|f| f.text.contains("down_revision"));
    rayon::join(query::sqlalchemy, || revisions.then(query::alembic));
    drop(compile);
    let reading = crate::timings::phase("python: parse and read files");
    let mut modules: Vec<module::Module> = files
        .par_iter()
        .enumerate()
        .map(|(i, file)| module::read(file, i as u32))
        .collect();
    let mut queries = crate::extract::embedded_sql::Scanned::default();
    // Every module counts as scanned, revisions included: no file is parsed twice, and the
    // queries of a revision are never checked.
    for module in &mut modules {
        let found = module.queries.take().unwrap_or_default();
        queries.add(&module.file, found);
    }
    let parse_problems = modules.iter().filter_map(|m| m.problem.clone()).collect();
    drop(reading);
    let project = Project::new(modules);
    let dialect = configured
        .or_else(|| project.modules.iter().find_map(ini_dialect_near))
        .or_else(|| code_dialect(&project))
        .or(fallback)
        .unwrap_or(Dialect::Postgres);
    let dialect_of = |dir: &str| {
        let declared = project
            .modules
            .iter()
            .find(|m| m.file.path.starts_with(dir) && m.is_revision())
            .and_then(ini_dialect_near);
        (configured.or(declared).unwrap_or(dialect), declared)
    };
    // The models and the Alembic histories are built from the same modules, independently.
    // A history whose env.py creates the models' tables before migrating starts from the
    // models: they are read first, then replayed under. Otherwise both run side by side.
    let models_first: Vec<(String, String)> = project
        .modules
        .iter()
        .filter(|m| m.is_revision())
        .map(|m| alembic::history_folder(&m.file.path))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|dir| {
            alembic::env_creating_model_tables(&project, &dir).map(|env| {
                (
                    dir,
                    format!("the models ({} creates their tables)", env.file.path),
                )
            })
        })
        .collect();
    let (code, (histories, mut problems)) = if models_first.is_empty() {
        rayon::join(
            || {
                let _phase = crate::timings::phase("python: models");
                models::extract(&project, dialect)
            },
            || {
                let _phase = crate::timings::phase("python: alembic replay");
                alembic::extract(&project, &dialect_of, &|_| None)
            },
        )
    } else {
        let code = {
            let _phase = crate::timings::phase("python: models");
            models::extract(&project, dialect)
        };
        let _phase = crate::timings::phase("python: alembic replay");
        let base = |dir: &str| {
            let (_, label) = models_first.iter().find(|(d, _)| d == dir)?;
            let mut merged = Schema::new(SourceKind::Migrations, label.clone(), dialect_of(dir).0);
            for model in &code {
                merged.tables.extend(model.schema.tables.clone());
                merged.enums.extend(model.schema.enums.clone());
            }
            Some((merged, label.clone()))
        };
        let histories = alembic::extract(&project, &dialect_of, &base);
        (code, histories)
    };
    let mut parse_problems: Vec<ParseProblem> = parse_problems;
    parse_problems.append(&mut problems);
    PythonExtract {
        code,
        histories,
        parse_problems,
        queries,
    }
}

/// The dialect of `sqlalchemy.url` in an `alembic.ini` next to an `env.py` or a revision
/// script, or in a folder above it.
fn ini_dialect_near(module: &module::Module) -> Option<Dialect> {
    let is_alembic = module.file.path.ends_with("env.py") || module.is_revision();
    if !is_alembic {
        return None;
    }
    // Every folder from the file's up to the scanned root (`alembic.ini` usually sits at the
    // repository root, however deep the versions folder is).
    let depth = module.file.path.matches('/').count();
    let mut dir = module.file.absolute.parent();
    for _ in 0..=depth {
        let d = dir?;
        if let Some(dialect) = read_ini(&d.join("alembic.ini")) {
            return Some(dialect);
        }
        dir = d.parent();
    }
    None
}

fn read_ini(path: &Path) -> Option<Dialect> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with(';'))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "sqlalchemy.url").then(|| url_dialect(value.trim()))?
        })
}

/// The dialect a database URL names: `postgresql+asyncpg://...` → Postgres.
pub fn url_dialect(url: &str) -> Option<Dialect> {
    let scheme = url
        .split("://")
        .next()?
        .split('+')
        .next()?
        .to_ascii_lowercase();
    match scheme.as_str() {
        "postgresql" | "postgres" | "postgresql_psycopg2" => Some(Dialect::Postgres),
        "mysql" | "mariadb" => Some(Dialect::Mysql),
        "sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// The dialect the code points at: database URLs in string literals and dialect-specific
/// imports (`sqlalchemy.dialects.postgresql`), by majority.
fn code_dialect(project: &Project) -> Option<Dialect> {
    let mut votes = [0usize; 3];
    let index = |d: Dialect| match d {
        Dialect::Postgres => 0,
        Dialect::Mysql => 1,
        Dialect::Sqlite => 2,
    };
    for module in &project.modules {
        let text = &module.file.text;
        for (needle, dialect) in [
            ("postgresql://", Dialect::Postgres),
            ("postgresql+", Dialect::Postgres),
            ("postgres://", Dialect::Postgres),
            ("mysql://", Dialect::Mysql),
            ("mysql+", Dialect::Mysql),
            ("mariadb+", Dialect::Mysql),
            ("sqlite://", Dialect::Sqlite),
            ("sqlite+", Dialect::Sqlite),
        ] {
            votes[index(dialect)] += text.matches(needle).count();
        }
        for import in &module.imports {
            if import.path.starts_with("sqlalchemy.dialects.postgresql") {
                votes[0] += 1;
            } else if import.path.starts_with("sqlalchemy.dialects.mysql") {
                votes[1] += 1;
            } else if import.path.starts_with("sqlalchemy.dialects.sqlite") {
                votes[2] += 1;
            }
        }
    }
    let best = *votes.iter().max()?;
    if best == 0 {
        return None;
    }
    [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite]
        .into_iter()
        .find(|d| votes[index(*d)] == best)
}
