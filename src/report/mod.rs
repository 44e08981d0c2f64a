//! Renderers: one file per output format, all reading the same [`Finding`] values.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::finding::{Finding, Severity};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphical diagnostics with source snippets.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// The stable JSON document described in README.md.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations (the default when GITHUB_ACTIONS=true).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML, one test case per finding.
    Junit,
}

/// What a scan covered, for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files_scanned: usize,
    pub tables: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub elapsed: Duration,
    /// Said instead of "no drift found" when the scan compared nothing.
    pub nothing_compared: Option<String>,
}

impl Summary {
    pub fn count(&mut self, findings: &[Finding]) {
        for finding in findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `12 files, 8 tables: 2 errors, 1 warning, 0 infos (14 ms)`
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "{}, {}: {}, {}, {} ({} ms)",
            plural(self.files_scanned, "file"),
            plural(self.tables, "table"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            self.elapsed.as_millis()
        )
    }
}

/// Everything a renderer may need: the findings, the files they point into, and the summary.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub files: &'a BTreeMap<String, SourceFile>,
    pub summary: &'a Summary,
    /// The folder every path is relative to (the repository root), when known: SARIF names it
    /// as `%SRCROOT%`.
    pub root: Option<&'a std::path::Path>,
}

/// `--statistics`: one line per rule with findings, most first (as ruff prints them), then the
/// summary.
pub fn statistics(report: &Report) -> String {
    let mut counts: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for finding in report.findings {
        *counts
            .entry((finding.rule, finding.severity.to_string()))
            .or_default() += 1;
    }
    let mut rows: Vec<((&str, String), usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for ((rule, severity), count) in rows {
        out.push_str(&format!("{count:>width$}  {rule}  {severity}\n"));
    }
    out.push_str(&report.summary.line());
    out.push('\n');
    out
}

pub fn render(format: Format, report: &Report, color: bool) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Concise => concise::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Gitlab => gitlab::render(report),
        Format::Junit => junit::render(report),
    }
}
