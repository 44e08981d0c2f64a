//! Command-line interface: argument parsing and the commands. `main.rs` only maps the result to
//! an exit code.

use crate::error::Error;
use crate::finding::Severity;
use crate::model::Dialect;
use crate::report::{self, Format, Report};
use crate::rules::Registry;
use crate::{ScanOptions, emit, inspection, scan};
use clap::{Parser, Subcommand, ValueEnum};
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "schemadrift",
    version,
    about = "Finds drift between the schema your code declares and the schema your database has"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a repository and report drift (exit 0: clean, 1: findings at or above --fail-on, 2: error)
    Scan(ScanArgs),
    /// Print the unified schema model extracted from each source, with spans
    Inspect(InspectArgs),
    /// List every rule with its default severity and summary
    Rules,
    /// Print one rule's full documentation: explanation, examples and fix
    Rule {
        /// Rule id (or a former id)
        id: String,
    },
    /// Run as a pre-commit hook: scan the repository, report only findings that touch FILES
    #[command(name = "pre-commit")]
    PreCommit(PreCommitArgs),
    /// Write a commented starter schemadrift.yaml in DIR
    Init {
        /// Directory to write schemadrift.yaml in
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing schemadrift.yaml
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct SourceArgs {
    /// Directory (or single file) to scan [default: . ; with only a database URL, inspect reads
    /// just the database]
    pub path: Option<PathBuf>,
    /// Compare with this live database (postgres://, mysql://, sqlite://); read-only
    #[arg(long, value_name = "URL", conflicts_with = "database_url_env")]
    pub database_url: Option<String>,
    /// Read the database URL from this environment variable (keeps it out of shell history)
    #[arg(long, value_name = "VAR")]
    pub database_url_env: Option<String>,
    /// Database schemas to read (Postgres; repeatable) [default: public]
    #[arg(long = "db-schema", value_name = "NAME")]
    pub db_schemas: Vec<String>,
    /// Seconds to wait for the database connection
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub connect_timeout: u64,
    /// Seconds any one catalog query may run
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub statement_timeout: u64,
    /// Configuration file [default: <path>/schemadrift.yaml when present]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// SQL dialect of the database, when detection from the files is not enough
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
    /// Write the output to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// When to use colours in human output
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Report only findings this baseline file does not already record
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE and exit 0: adopt schemadrift on a drifted repository
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print how many findings each rule has, instead of the findings
    #[arg(long, conflicts_with = "format")]
    pub statistics: bool,
}

#[derive(Debug, clap::Args)]
pub struct PreCommitArgs {
    /// The files being committed (pre-commit passes them)
    pub files: Vec<PathBuf>,
    /// Report every finding, not only those touching the committed files
    #[arg(long)]
    pub all: bool,
    /// Lowest severity that blocks the commit
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Configuration file [default: ./schemadrift.yaml when present]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "json")]
    pub format: InspectFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DialectArg {
    Postgres,
    Mysql,
    Sqlite,
}

impl From<DialectArg> for Dialect {
    fn from(d: DialectArg) -> Self {
        match d {
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Mysql => Dialect::Mysql,
            DialectArg::Sqlite => Dialect::Sqlite,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 when the scan ran
    Never,
}

impl FailOn {
    /// Findings at or above the threshold make the run fail.
    fn outcome(self, findings: &[crate::finding::Finding]) -> Outcome {
        let failing = self
            .threshold()
            .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
        if failing {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }

    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InspectFormat {
    Json,
    Yaml,
}

/// How a command ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
}

pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Inspect(args) => run_inspect(args),
        Command::Rules => {
            emit(&rules_table(), None)?;
            Ok(Outcome::Clean)
        }
        Command::Rule { id } => {
            let registry = Registry::builtin();
            let rule = registry
                .resolve(&id)
                .ok_or_else(|| Error::UnknownRule(id.clone(), registry.did_you_mean(&id)))?;
            emit(&rule_page(rule), None)?;
            Ok(Outcome::Clean)
        }
        Command::PreCommit(args) => run_pre_commit(args),
        Command::Init { dir, force } => {
            let path = dir.join(crate::config::FILE_NAME);
            if path.exists() && !force {
                return Err(Error::Usage(format!(
                    "`{}` already exists; pass --force to overwrite it",
                    path.display()
                )));
            }
            std::fs::write(&path, crate::config::STARTER).map_err(|e| Error::Output {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            eprintln!("schemadrift: wrote {}", path.display());
            Ok(Outcome::Clean)
        }
    }
}

fn database(source: &SourceArgs) -> Result<Option<crate::DatabaseTarget>, Error> {
    let raw = match (&source.database_url, &source.database_url_env) {
        (Some(url), _) => url.clone(),
        (None, Some(var)) => std::env::var(var).map_err(|_| {
            Error::Usage(format!(
                "environment variable `{var}` (from --database-url-env) is not set"
            ))
        })?,
        (None, None) => return Ok(None),
    };
    Ok(Some(crate::DatabaseTarget {
        url: crate::introspect::DatabaseUrl::parse(&raw)?,
        options: crate::introspect::IntrospectOptions {
            schemas: source.db_schemas.clone(),
            connect_timeout: std::time::Duration::from_secs(source.connect_timeout),
            statement_timeout: std::time::Duration::from_secs(source.statement_timeout),
        },
    }))
}

fn options(source: &SourceArgs, default_path: Option<&str>) -> Result<ScanOptions, Error> {
    Ok(ScanOptions {
        root: source
            .path
            .clone()
            .or_else(|| default_path.map(PathBuf::from))
            .unwrap_or_default(),
        config: source.config.clone(),
        dialect: source.dialect.map(Dialect::from),
        baseline: None,
        database: database(source)?,
        unread: Vec::new(),
    })
}

fn run_scan(args: ScanArgs) -> Result<Outcome, Error> {
    let options = ScanOptions {
        baseline: args.baseline.clone(),
        ..options(&args.source, Some("."))?
    };
    let mut outcome = scan(&options)?;
    if let Some(path) = &args.write_baseline {
        crate::rules::baseline::write(path, &outcome.findings)?;
        eprintln!(
            "schemadrift: recorded {} findings in {}; scan with --baseline {} to see only new ones",
            outcome.findings.len(),
            path.display(),
            path.display()
        );
        return Ok(Outcome::Clean);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.source.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // Paths from the repository root, so annotations land on the diff however deep the scan.
    let (root, prefix) = crate::report_root(&options.root);
    outcome.rebase(&prefix);
    let report = Report {
        findings: &outcome.findings,
        files: &outcome.files,
        summary: &outcome.summary,
        root: root.as_deref(),
    };
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    });
    let text = if args.statistics {
        report::statistics(&report)
    } else {
        report::render(format, &report, color)
    };
    emit(&text, args.source.output.as_deref())?;
    Ok(args.fail_on.outcome(&outcome.findings))
}

/// Scans the repository from its root and keeps the findings whose primary or related spans lie
/// in one of the committed files, so a commit is blocked only by drift it introduces or touches.
fn run_pre_commit(args: PreCommitArgs) -> Result<Outcome, Error> {
    // The commit is what git tracks plus what is staged (pre-commit stashes the rest); a fix
    // that exists only as an untracked file is not in it.
    let mut outcome = scan(&ScanOptions {
        root: PathBuf::from("."),
        config: args.config.clone(),
        unread: untracked_files(),
        ..ScanOptions::default()
    })?;
    if !args.all {
        let committed: Vec<String> = args
            .files
            .iter()
            .map(|f| {
                f.to_string_lossy()
                    .replace('\\', "/")
                    .trim_start_matches("./")
                    .to_string()
            })
            .collect();
        let touches = |path: &str| committed.iter().any(|c| c == path);
        outcome.findings.retain(|f| {
            touches(&f.location.path) || f.related.iter().any(|r| touches(&r.span.path))
        });
        outcome.summary = crate::report::Summary {
            errors: 0,
            warnings: 0,
            infos: 0,
            ..outcome.summary
        };
        outcome.summary.count(&outcome.findings);
    }
    let (root, _) = crate::report_root(std::path::Path::new("."));
    let report = Report {
        findings: &outcome.findings,
        files: &outcome.files,
        summary: &outcome.summary,
        root: root.as_deref(),
    };
    emit(&report::render(args.format, &report, false), None)?;
    Ok(args.fail_on.outcome(&outcome.findings))
}

/// The files git does not track and does not ignore, relative to the current directory;
/// nothing outside a git work tree.
fn untracked_files() -> Vec<String> {
    let output = std::process::Command::new("git")
        .args(["ls-files", "--others", "--exclude-standard", "-z"])
        .output();
    match output {
        Ok(out) if out.status.success() => out
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

fn run_inspect(args: InspectArgs) -> Result<Outcome, Error> {
    let only_database = args.source.path.is_none()
        && (args.source.database_url.is_some() || args.source.database_url_env.is_some());
    let options = options(&args.source, (!only_database).then_some("."))?;
    let sources = if only_database {
        let mut sources = crate::extract::Sources::default();
        if let Some(target) = &options.database {
            sources.database = Some(crate::introspect::introspect(&target.url, &target.options)?);
        }
        sources
    } else {
        crate::read_with_database(&options)?.2
    };
    let document = inspection(&sources);
    let _printing = crate::timings::phase("inspect: serialize");
    let text = match args.format {
        InspectFormat::Json => {
            let mut text = serde_json::to_string_pretty(&document).expect("the model serializes");
            text.push('\n');
            text
        }
        InspectFormat::Yaml => serde_saphyr::to_string(&document).expect("the model serializes"),
    };
    emit(&text, args.source.output.as_deref())?;
    Ok(Outcome::Clean)
}

/// `schemadrift rules`: one line per rule.
pub fn rules_table() -> String {
    let rules = Registry::builtin().all();
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {}",
            rule.id,
            rule.default_severity_name(),
            rule.summary
        );
    }
    out
}

/// `schemadrift rule <id>`: the rule's whole documentation.
pub fn rule_page(rule: &crate::rules::Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {})\n",
        rule.id,
        rule.default_severity_name(),
        rule.category
    );
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "Why it matters\n\n{}\n", rule.explanation);
    let _ = writeln!(out, "When it fires\n\n{}\n", rule.certainty);
    if let Some(guessed) = rule.guess_severity {
        let _ = writeln!(
            out,
            "When the evidence is only a guess, it reports at {} instead.\n",
            guessed.map(crate::finding::Severity::name).unwrap_or("off")
        );
    }
    for example in &rule.examples {
        let _ = writeln!(out, "Example ({})\n", example.language);
        let _ = writeln!(out, "  Drifted:\n{}", indent(&example.bad));
        let _ = writeln!(out, "  Fixed:\n{}", indent(&example.fixed));
    }
    let _ = writeln!(out, "How to fix\n\n{}", rule.help_text());
    if !rule.aliases.is_empty() {
        let _ = writeln!(out, "\nFormer ids: {}", rule.aliases.join(", "));
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
