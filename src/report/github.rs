//! GitHub Actions workflow commands: `::error file=…,line=…::message`, one per finding, so that
//! findings show as annotations on the pull request's diff.

use super::Report;
use crate::finding::Severity;
use std::fmt::Write;

/// Escapes a command's message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,` which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = escape_property(&format!("schemadrift {}", finding.rule));
        let location = &finding.location;
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        if location.is_in_file() {
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={title}::{}",
                escape_property(&location.path),
                location.line,
                location.column,
                location.end_line,
                location.end_column,
                escape_data(&message)
            );
        } else {
            let _ = writeln!(
                out,
                "::{command} title={title}::{}",
                escape_data(&format!("{}: {message}", location.path))
            );
        }
    }
    let _ = writeln!(out, "schemadrift: {}", report.summary.line());
    out
}
