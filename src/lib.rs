//! schemadrift finds drift between the schema application code declares and the schema that
//! exists (SQL migrations, dumps, live databases).
//!
//! The pipeline runs one way: [`discover`] → [`extract`] (into the [`model`]) →
//! [`reconcile`] (drift facts) → [`rules`] (findings) → [`report`].

pub mod cli;
pub mod config;
pub mod discover;
pub mod error;
pub mod extract;
pub mod finding;
pub mod introspect;
pub mod model;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod source;
pub mod timings;

use config::Config;
use error::Error;
use extract::Sources;
use finding::Finding;
use model::Dialect;
use report::Summary;
use serde::Serialize;
use source::SourceFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    pub dialect: Option<Dialect>,
    /// Report only findings this baseline file does not record.
    pub baseline: Option<PathBuf>,
    /// A live database to compare with.
    pub database: Option<DatabaseTarget>,
    /// Files to leave unread, relative to the root: the untracked files of a pre-commit run,
    /// which are not part of the commit.
    pub unread: Vec<String>,
}

/// A live database and how to read it.
#[derive(Debug, Clone)]
pub struct DatabaseTarget {
    pub url: introspect::DatabaseUrl,
    pub options: introspect::IntrospectOptions,
}

/// Everything a scan produced.
pub struct ScanOutcome {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub sources: Sources,
    /// The files read, by their reported path: renderers show snippets from them.
    pub files: BTreeMap<String, SourceFile>,
}

impl ScanOutcome {
    /// Prefixes every reported path with `prefix` (the scanned folder as seen from the
    /// repository root), so annotations land on the files of the diff. Places outside any file
    /// (`db: users`) keep their names.
    pub fn rebase(&mut self, prefix: &str) {
        if prefix.is_empty() {
            return;
        }
        let moved = |path: &str| -> std::sync::Arc<str> { format!("{prefix}/{path}").into() };
        for finding in &mut self.findings {
            if finding.location.is_in_file() {
                finding.location.path = moved(&finding.location.path);
            }
            for related in &mut finding.related {
                if related.span.is_in_file() {
                    related.span.path = moved(&related.span.path);
                }
            }
        }
        self.files = std::mem::take(&mut self.files)
            .into_iter()
            .map(|(path, file)| (moved(&path).to_string(), file))
            .collect();
    }
}

/// Where a scan's paths should be reported from: the git work tree that holds `root`, else the
/// current directory when `root` is inside it. Returns that folder and the path from it to the
/// scanned folder (`""` when they are the same, or when `root` lies outside both).
pub fn report_root(root: &Path) -> (Option<PathBuf>, String) {
    let scanned = std::fs::canonicalize(root).ok().map(|r| {
        if r.is_file() {
            r.parent().map(Path::to_path_buf).unwrap_or(r)
        } else {
            r
        }
    });
    let Some(scanned) = scanned else {
        return (None, String::new());
    };
    let base = scanned
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|cwd| std::fs::canonicalize(cwd).ok())
                .filter(|cwd| scanned.starts_with(cwd))
        });
    let Some(base) = base else {
        return (None, String::new());
    };
    let prefix = scanned
        .strip_prefix(&base)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    (Some(base), prefix)
}

/// Reads the tree and the schemas it declares, without judging them.
pub fn read(options: &ScanOptions) -> Result<(Config, discover::Discovery, Sources), Error> {
    if !options.root.exists() {
        return Err(Error::Path {
            path: options.root.clone(),
            reason: "no such file or directory".into(),
        });
    }
    let (mut config, config_path) = Config::load(&options.root, options.config.as_deref())?;
    if let Some(baseline) = config.baseline.take() {
        // A baseline named in the configuration is relative to the scanned directory.
        let base = if options.root.is_dir() {
            options.root.clone()
        } else {
            options
                .root
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        };
        config.baseline = Some(base.join(baseline));
    }
    if options.dialect.is_some() {
        config.dialect = options.dialect;
    }
    // A live database speaks its URL's dialect, unless `--dialect` or the configuration says
    // otherwise: models read for Postgres would differ from a SQLite database in every column.
    if config.dialect.is_none()
        && let Some(target) = &options.database
    {
        config.dialect = Some(target.url.dialect);
    }
    config
        .exclude
        .extend(options.unread.iter().map(|p| globset::escape(p)));
    validate_rule_settings(&config)?;
    let discovering = timings::phase("discover");
    let discovery = discover::discover(&options.root, &config)?;
    drop(discovering);
    let _extracting = timings::phase("extract (all sources)");
    let sources = extract::read_sources(&discovery, &config);
    // With a database, the database is the reference and `reference:` is not used.
    if let (Some(wanted), None) = (&config.reference, &options.database) {
        check_reference(wanted, &sources, config_path)?;
    }
    Ok((config, discovery, sources))
}

/// `reference:` must name a history or dump the scan found: a typo would otherwise compare the
/// models with another source, or with nothing, and say nothing.
fn check_reference(
    wanted: &str,
    sources: &Sources,
    config_path: Option<PathBuf>,
) -> Result<(), Error> {
    let wanted = wanted.trim_end_matches('/');
    let histories = sources.histories.iter().map(|h| h.set.dir.clone());
    let dumps = sources.dumps.iter().map(|d| d.schema.label.clone());
    let found: Vec<String> = histories.chain(dumps).collect();
    if found.iter().any(|f| f == wanted) {
        return Ok(());
    }
    let known = if found.is_empty() {
        "the scan found no migration history or dump".to_string()
    } else {
        format!("the scan found {}", found.join(", "))
    };
    Err(Error::Config {
        path: config_path.unwrap_or_else(|| PathBuf::from(config::FILE_NAME)),
        reason: format!("`reference: {wanted}` names no migration history or dump: {known}"),
    })
}

/// Reads the tree and, at the same time on another thread, the live database when one is given.
pub fn read_with_database(
    options: &ScanOptions,
) -> Result<(Config, discover::Discovery, Sources), Error> {
    let Some(target) = options.database.clone() else {
        return read(options);
    };
    let database = std::thread::spawn(move || introspect::introspect(&target.url, &target.options));
    let files = read(options);
    let database = database
        .join()
        .map_err(|_| Error::Database("the database reader stopped unexpectedly".into()))?;
    let (config, discovery, mut sources) = files?;
    sources.database = Some(database?);
    Ok((config, discovery, sources))
}

/// Runs the whole pipeline: discover, extract, introspect, reconcile, rules.
pub fn scan(options: &ScanOptions) -> Result<ScanOutcome, Error> {
    let started = Instant::now();
    let (config, discovery, sources) = read_with_database(options)?;
    let registry = rules::Registry::builtin();
    let reconciling = timings::phase("reconcile");
    let drifts = reconcile::reconcile(&sources, &config);
    drop(reconciling);
    let files: BTreeMap<String, SourceFile> = discovery
        .files
        .iter()
        .map(|f| (f.file.path.to_string(), f.file.clone()))
        .collect();
    let mut findings = rules::evaluate(registry, &config, drifts);
    for (paths, ids) in config.per_path_matchers()? {
        findings.retain(|f| {
            !(paths.is_match(&*f.location.path)
                && ids
                    .iter()
                    .any(|id| registry.resolve(id).is_some_and(|r| r.id == f.rule)))
        });
    }
    let (mut findings, unused) = rules::suppression::apply(registry, findings, &files);
    findings.extend(rules::evaluate(registry, &config, unused));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    if let Some(baseline) = options.baseline.as_ref().or(config.baseline.as_ref()) {
        findings = rules::baseline::filter(baseline, findings)?;
    }
    let mut summary = Summary {
        files_scanned: discovery.files.len(),
        tables: sources.table_count(),
        nothing_compared: sources.nothing_compared(),
        ..Summary::default()
    };
    summary.count(&findings);
    summary.elapsed = started.elapsed();
    Ok(ScanOutcome {
        findings,
        summary,
        sources,
        files,
    })
}

/// The unified model as `schemadrift inspect` prints it.
#[derive(Serialize)]
pub struct Inspection<'a> {
    pub version: u32,
    pub schemas: Vec<&'a model::Schema>,
}

pub fn inspection(sources: &Sources) -> Inspection<'_> {
    Inspection {
        version: 1,
        schemas: sources.schemas().collect(),
    }
}

fn validate_rule_settings(config: &Config) -> Result<(), Error> {
    for pattern in &config.ignore_tables {
        globset::Glob::new(pattern).map_err(|e| Error::Config {
            path: PathBuf::from(config::FILE_NAME),
            reason: format!("bad ignore_tables pattern `{pattern}`: {e}"),
        })?;
    }
    let registry = rules::Registry::builtin();
    config.include_matcher()?;
    config.per_path_matchers()?;
    for id in config
        .rules
        .keys()
        .chain(config.per_path.values().flatten())
    {
        if registry.resolve(id).is_none() {
            return Err(Error::Config {
                path: PathBuf::from(config::FILE_NAME),
                reason: format!(
                    "unknown rule `{id}`{} (`schemadrift rules` lists them)",
                    registry.did_you_mean(id)
                ),
            });
        }
    }
    Ok(())
}

/// Writes `text` to `path`, or to standard output when there is none.
pub fn emit(text: &str, path: Option<&Path>) -> Result<(), Error> {
    match path {
        Some(path) => std::fs::write(path, text).map_err(|e| Error::Output {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`schemadrift scan | head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}
