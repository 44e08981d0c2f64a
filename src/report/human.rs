//! Graphical diagnostics (miette): the finding's line with its label, related places shown in
//! their own files, the help, and a summary line.

use super::Report;
use crate::finding::{Finding, Related, Severity};
use crate::source::{SourceFile, Span, printable};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;

pub fn render(report: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(110)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for finding in report.findings {
        let diagnostic = FindingDiagnostic::new(finding, report);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                finding.location.location(),
                finding.message
            ));
        }
        out.push('\n');
    }
    let verdict = match (&report.summary.nothing_compared, report.findings.is_empty()) {
        (Some(_), true) => "nothing compared",
        (_, true) => "no drift found",
        (_, false) => "drift found",
    };
    out.push_str(&format!(
        "schemadrift: {verdict}: {}\n",
        report.summary.line()
    ));
    if let (Some(why), true) = (&report.summary.nothing_compared, report.findings.is_empty()) {
        out.push_str(&format!("  {why}\n"));
    }
    out
}

/// The snippet of a file a span points into, with the span as a labelled byte range.
fn snippet(
    span: &Span,
    report: &Report,
) -> Option<(NamedSource<std::sync::Arc<str>>, LabeledSpan)> {
    let file: &SourceFile = report.files.get(&*span.path)?;
    if !span.is_in_file() || !fits_a_snippet(&file.text, span) {
        return None;
    }
    let source = NamedSource::new(printable(&span.path), terminal_safe(&file.text));
    let label = LabeledSpan::new_with_span(None, (span.start, span.end.saturating_sub(span.start)));
    Some((source, label))
}

/// The file's text with control characters (but tabs and line ends) drawn as `?` (C1 ones, two
/// bytes, as `¿`): a file can hold escape sequences that would rewrite the reader's terminal.
/// Byte for byte, so the spans still point where they did.
fn terminal_safe(text: &std::sync::Arc<str>) -> std::sync::Arc<str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(unsafe_char) {
        return text.clone();
    }
    text.chars()
        .map(|c| match c {
            c if unsafe_char(c) && c.is_ascii() => '?',
            c if unsafe_char(c) => '¿',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Whether the lines a snippet shows (the span's, with one line of context each side) are short
/// enough to draw: a generated line of thousands of characters is unreadable in a terminal, and
/// past 65,535 columns the renderer cannot pad it at all.
fn fits_a_snippet(text: &str, span: &Span) -> bool {
    const LONGEST_SHOWN_LINE: usize = 2_000;
    let first = span.line.saturating_sub(1).max(1) as usize;
    let last = span.end_line.max(span.line) as usize + 1;
    text.lines()
        .skip(first - 1)
        .take(last + 1 - first)
        .all(|line| line.len() <= LONGEST_SHOWN_LINE)
}

struct FindingDiagnostic {
    message: String,
    code: &'static str,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<std::sync::Arc<str>>>,
    label: Option<LabeledSpan>,
    related: Vec<RelatedDiagnostic>,
}

impl FindingDiagnostic {
    fn new(finding: &Finding, report: &Report) -> Self {
        let (source, label) = match snippet(&finding.location, report) {
            Some((source, label)) => (Some(source), Some(label)),
            None => (None, None),
        };
        let message = if source.is_some() {
            printable(&finding.message).into_owned()
        } else {
            format!(
                "{}: {}",
                printable(&finding.location.place()),
                printable(&finding.message)
            )
        };
        FindingDiagnostic {
            message,
            code: finding.rule,
            severity: finding.severity,
            help: finding.help.clone(),
            source,
            label,
            related: finding
                .related
                .iter()
                .map(|r| RelatedDiagnostic::new(r, report))
                .collect(),
        }
    }
}

impl fmt::Debug for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// A related place, rendered under the finding with its own file's snippet.
struct RelatedDiagnostic {
    message: String,
    source: Option<NamedSource<std::sync::Arc<str>>>,
    label: Option<LabeledSpan>,
}

impl RelatedDiagnostic {
    fn new(related: &Related, report: &Report) -> Self {
        match snippet(&related.span, report) {
            Some((source, label)) => RelatedDiagnostic {
                message: printable(&related.message).into_owned(),
                source: Some(source),
                label: Some(label),
            },
            None => RelatedDiagnostic {
                message: format!(
                    "{}: {}",
                    printable(&related.span.place()),
                    printable(&related.message)
                ),
                source: None,
                label: None,
            },
        }
    }
}

impl fmt::Debug for RelatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for RelatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RelatedDiagnostic {}

impl Diagnostic for RelatedDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}
