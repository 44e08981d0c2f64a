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
}

#[derive(Debug, clap::Args)]
pub struct SourceArgs {
    /// Directory (or single file) to scan
    #[arg(default_value = ".")]
    pub path: PathBuf,
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
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// When to use colours in human output
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
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
            let rule = Registry::builtin()
                .resolve(&id)
                .ok_or_else(|| Error::UnknownRule(id.clone()))?;
            emit(&rule_page(rule), None)?;
            Ok(Outcome::Clean)
        }
    }
}

fn options(source: &SourceArgs) -> ScanOptions {
    ScanOptions {
        root: source.path.clone(),
        config: source.config.clone(),
        dialect: source.dialect.map(Dialect::from),
    }
}

fn run_scan(args: ScanArgs) -> Result<Outcome, Error> {
    let outcome = scan(&options(&args.source))?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.source.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let report = Report {
        findings: &outcome.findings,
        files: &outcome.files,
        summary: &outcome.summary,
    };
    let text = report::render(args.format, &report, color);
    emit(&text, args.source.output.as_deref())?;
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn run_inspect(args: InspectArgs) -> Result<Outcome, Error> {
    let (_, _, sources) = crate::read(&options(&args.source))?;
    let document = inspection(&sources);
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
    for example in &rule.examples {
        let _ = writeln!(out, "Example ({})\n", example.language);
        let _ = writeln!(out, "  Drifted:\n{}", indent(&example.bad));
        let _ = writeln!(out, "  Fixed:\n{}", indent(&example.fixed));
    }
    let _ = writeln!(out, "How to fix\n\n{}", rule.help);
    if !rule.aliases.is_empty() {
        let _ = writeln!(out, "\nFormer ids: {}", rule.aliases.join(", "));
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
