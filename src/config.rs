//! `schemadrift.yaml`: what auto-detection cannot guess. Every key is optional; an unknown key
//! is an error naming the key and its line.

use crate::error::Error;
use crate::finding::Severity;
use crate::model::Dialect;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "schemadrift.yaml";

/// What `schemadrift init` writes: every key, commented, with its default.
pub const STARTER: &str = r#"# schemadrift configuration. Every key is optional; detection covers most repositories.

# SQL dialect of the database: postgres | mysql | sqlite (detected from the files when absent).
# dialect: postgres

# Files never read (globs relative to this directory).
exclude: []

# When not empty, only files matching these globs are read.
include: []

# Migration folders whose layout schemadrift cannot recognise on its own.
migrations: []

# Schema dumps (schema.sql, structure.sql) to compare with the migrations.
schema_dumps: []

# The migration folder or dump that stands for the database when there are several.
# reference: db/migrations

# Tables never reported (globs): tables owned by other services or extensions.
ignore_tables: []

# Findings recorded with `schemadrift scan --write-baseline FILE` are not reported again.
# baseline: .schemadrift-baseline.json

# Per-rule severity: error | warning | info | off. `schemadrift rules` lists the ids.
rules: {}

# Rules turned off below some paths, for example {"legacy/**": [column-type-mismatch]}.
per_path: {}
"#;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SQL dialect of the database; detected from the files when absent.
    #[serde(default)]
    pub dialect: Option<Dialect>,
    /// Glob patterns (relative to the scanned root) of files never read.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// When given, only files matching one of these globs are read.
    #[serde(default)]
    pub include: Vec<String>,
    /// Migration folders, when their layout does not make them obvious.
    #[serde(default)]
    pub migrations: Vec<String>,
    /// Schema dump files (`schema.sql`, `structure.sql`) to check against the migrations.
    #[serde(default)]
    pub schema_dumps: Vec<String>,
    /// The migration folder or dump that stands for the database when several exist.
    #[serde(default)]
    pub reference: Option<String>,
    /// Table names (globs) that are never reported: tables owned by other services.
    #[serde(default)]
    pub ignore_tables: Vec<String>,
    /// A baseline file (from `scan --write-baseline`): its findings are not reported.
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Per-rule severity: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Rules turned off for paths matching a glob: `{"legacy/**": [column-type-mismatch]}`.
    #[serde(default)]
    pub per_path: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Error,
    Warning,
    Info,
    Off,
}

impl RuleSetting {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Error => Some(Severity::Error),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Info => Some(Severity::Info),
            RuleSetting::Off => None,
        }
    }
}

impl Config {
    /// Reads the configuration: `explicit` if given (it must exist), else `schemadrift.yaml`
    /// in the scanned root if present, else the defaults.
    pub fn load(root: &Path, explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), Error> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let dir = if root.is_file() {
                    root.parent().unwrap_or(Path::new("."))
                } else {
                    root
                };
                let candidate = dir.join(FILE_NAME);
                if !candidate.is_file() {
                    return Ok((Config::default(), None));
                }
                candidate
            }
        };
        let text =
            crate::source::read_regular_file(&path, 1 << 20).map_err(|reason| Error::Config {
                path: path.clone(),
                reason,
            })?;
        let config = Self::parse(&text).map_err(|reason| Error::Config {
            path: path.clone(),
            reason,
        })?;
        Ok((config, Some(path)))
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        serde_saphyr::from_str(text).map_err(|e| one_line(&e.to_string()))
    }

    pub fn ignore_table_matcher(&self) -> GlobSet {
        let mut builder = GlobSetBuilder::new();
        for pattern in &self.ignore_tables {
            // Patterns were checked when the configuration was validated.
            if let Ok(glob) = Glob::new(pattern) {
                builder.add(glob);
            }
        }
        builder.build().unwrap_or_else(|_| GlobSet::empty())
    }

    pub fn exclude_matcher(&self) -> Result<GlobSet, Error> {
        glob_set("exclude", &self.exclude)
    }

    /// `None` when every file may be read.
    pub fn include_matcher(&self) -> Result<Option<GlobSet>, Error> {
        if self.include.is_empty() {
            return Ok(None);
        }
        glob_set("include", &self.include).map(Some)
    }

    /// The `per_path` table as (paths, rule ids) pairs.
    pub fn per_path_matchers(&self) -> Result<Vec<(GlobSet, &[String])>, Error> {
        self.per_path
            .iter()
            .map(|(pattern, rules)| {
                glob_set("per_path", std::slice::from_ref(pattern))
                    .map(|set| (set, rules.as_slice()))
            })
            .collect()
    }
}

fn glob_set(key: &str, patterns: &[String]) -> Result<GlobSet, Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| Error::Config {
            path: PathBuf::from(FILE_NAME),
            reason: format!("bad {key} pattern `{pattern}`: {e}"),
        })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| Error::Config {
        path: PathBuf::from(FILE_NAME),
        reason: e.to_string(),
    })
}

/// The parser's message on one line, with the position it names and without the source
/// snippet it draws after it (`--> <input>:3:25`, `3 | …`): the caller names the file.
fn one_line(text: &str) -> String {
    let is_snippet = |line: &str| {
        line.starts_with("-->")
            || line.starts_with('|')
            || line.split_once('|').is_some_and(|(n, _)| {
                !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit())
            })
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_snippet(l))
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = Config::parse(
            "dialect: mysql\nexclude: ['legacy/**']\nmigrations: [db/migrations]\nschema_dumps: [db/schema.sql]\nrules:\n  schema-dump-stale: error\n  parse-error: off\n",
        )
        .unwrap();
        assert_eq!(config.dialect, Some(Dialect::Mysql));
        assert_eq!(config.rules["parse-error"], RuleSetting::Off);
        assert!(config.exclude_matcher().unwrap().is_match("legacy/a/b.sql"));
    }

    #[test]
    fn the_starter_file_is_valid() {
        let config = Config::parse(STARTER).unwrap();
        assert!(config.rules.is_empty() && config.dialect.is_none());
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let error = Config::parse("dialect: postgres\nmigratons: [db]\n").unwrap_err();
        assert!(error.contains("migratons"), "{error}");
        assert!(error.contains('2'), "line number missing: {error}");
        assert!(!error.contains('\n'));
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(Config::parse("dialect: oracle\n").is_err());
        assert!(Config::parse("rules:\n  parse-error: loud\n").is_err());
    }
}
