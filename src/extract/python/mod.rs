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
    let files: Vec<SourceFile> = discovery.of_kind(FileKind::Python).cloned().collect();
    if files.is_empty() {
        return Default::default();
    }
    extract(&files, config.dialect, fallback)
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
